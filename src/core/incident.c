/* Incident operations: the plan's rules between the screens and the store. */
#include "sirt/incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/changes.h"
#include "sirt/procedure.h"
#include "sirt/record.h"
#include "sirt/report.h"
#include "sirt/timefmt.h"

/* "Step n/a: Identify all compromised systems (scope known)", or, when
 * only the note changed, "Note on step: ...". old: the step as it was. */
static enum status record_step(struct store *store, const struct incident *incident, const struct step_record *rec,
			       const struct step_record *old, int64_t base, const struct actor *who, time_t now,
			       struct error *err)
{
	bool note_only = old && strcmp(old->state, rec->state) == 0;
	char *summary = note_only ? xasprintf("Note on step: %s: %s", rec->title, rec->note) :
			rec->note && *rec->note ?
			xasprintf("Step %s: %s (%s)", step_state_label(rec->state), rec->title, rec->note) :
			xasprintf("Step %s: %s", step_state_label(rec->state), rec->title);
	const char *status = strcmp(rec->procedure, PROCEDURE_RESTORATION) == 0 && strcmp(rec->state, STEP_OPEN) != 0 ?
			     incident_status_after(incident->status, "restoration") : NULL;
	enum status st = store_step_mark(store, incident, rec, base, summary, status, who, now, err);

	free(summary);
	return st;
}

static int status_rank(const char *status)
{
	static const char *const order[] = {INCIDENT_NEW, INCIDENT_TRIAGE, INCIDENT_RESPONDING, INCIDENT_RECOVERING,
					    INCIDENT_REVIEW};

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(order[i], status) == 0)
			return (int)i;
	return 99;	/* closed: only closing and reopening move it */
}

const char *incident_status_after(const char *status, const char *event)
{
	const char *target = strcmp(event, "triage") == 0 ? INCIDENT_TRIAGE :
			     strcmp(event, "procedure") == 0 ? INCIDENT_RESPONDING :
			     strcmp(event, "restoration") == 0 ? INCIDENT_RECOVERING :
			     strcmp(event, "review") == 0 ? INCIDENT_REVIEW : NULL;

	if (!target || status_rank(status) >= status_rank(target))
		return NULL;
	return target;
}

static enum status problems_error(const struct form_def *form, const struct form_problems *problems,
				  struct error *err)
{
	const struct field_def *f = form_def_field(form, problems->items[0].key);

	return error_set(err, STATUS_DATA, "%s %s%s", f ? f->label : problems->items[0].key,
			 problems->items[0].message,
			 problems->len > 1 ? " (and other fields need attention)" : "");
}

enum status incident_create(struct store *store, const struct config *config, const struct actor *who,
			    time_t now, const struct field_list *typed, struct incident *out,
			    struct form_problems *problems, struct error *err)
{
	struct field_list normal = {0};
	const struct field_value *title;
	enum status st;

	if (!form_check(config->intake, typed, true, now, &normal, problems)) {
		field_list_free(&normal);
		return problems_error(config->intake, problems, err);
	}
	title = field_list_find(&normal, config->intake->key, "title");
	st = store_incident_create(store, config->ref_prefix, title && *title->value ? title->value : "(untitled)",
				   &normal, who, now, out, err);
	field_list_free(&normal);
	return st;
}

enum status incident_save_form(struct store *store, const struct form_def *form, const struct incident *incident,
			       const struct actor *who, time_t now, const struct field_list *typed,
			       struct form_problems *problems, struct field_list *conflicts, size_t *saved,
			       struct error *err)
{
	struct field_list normal = {0};
	const struct field_value *title;
	const char *status = incident_status_after(incident->status, form->key);
	enum status st;

	if (!form_check(form, typed, false, now, &normal, problems)) {
		field_list_free(&normal);
		return problems_error(form, problems, err);
	}
	title = strcmp(form->key, "intake") == 0 ? field_list_find(&normal, form->key, "title") : NULL;
	st = store_fields_save(store, incident, form->key, &normal,
			       title && *title->value && strcmp(title->value, incident->title) ? title->value : NULL,
			       status, who, now, conflicts, saved, err);
	field_list_free(&normal);
	return st;
}

enum status incident_form_missing(struct store *store, const struct config *config, const struct form_def *form,
				  const struct incident *incident, const struct field_list *edits, time_t now,
				  struct strlist *missing, size_t *count, struct error *err)
{
	struct field_list stored = {0};
	struct incident_record record;
	struct incident now_in = {0};
	bool loaded = false;
	enum status st;
	size_t n = 0;

	if ((st = store_fields_get(store, incident->id, &stored, err)))
		return st;
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_def *f = &form->fields[i];
		char *text;

		/* Pre-filled while not saved: the record answers it. */
		if (!f->required || !f->from.len || field_list_find(&stored, form->key, f->key) ||
		    field_list_find(edits, form->key, f->key))
			continue;
		/* As the record stands now: a category chosen since the form
		 * was opened answers its question. */
		if (!loaded && ((st = store_incident_get(store, incident->ref, &now_in, err)) ||
				(st = incident_record_load(store, config, &now_in, now, &record, err))))
			break;
		loaded = true;
		text = report_prefill(config, &now_in, &record, f);
		field_list_set(&stored, form->key, f->key, text, "");
		free(text);
	}
	if (!st)
		n = form_required_missing(form, &stored, edits, missing);
	if (loaded)
		incident_record_free(&record);
	incident_clear(&now_in);
	field_list_free(&stored);
	if (count)
		*count = n;
	return st;
}

enum status incident_set_category(struct store *store, const struct config *config,
				  const struct incident *incident, const char *key, const char *note,
				  const struct actor *who, time_t now, struct error *err)
{
	const struct category *cat = config_category(config, key);
	enum status st;

	if (!cat)
		return error_set(err, STATUS_DATA, "there is no category \"%s\" in %s (see [categories])", key,
				 config_section_file(config, "categories"));
	if ((st = form_text_check("note", note, false, FORM_TEXT_MAX, err)))
		return st;
	return store_category_set(store, incident, cat->key, cat->label, note, who, now, err);
}

enum status incident_set_procedure(struct store *store, const struct config *config,
				   const struct incident *incident, const char *key, const struct actor *who,
				   time_t now, struct error *err)
{
	const struct procedure_def *proc = config_procedure(config, key);
	const char *title = proc ? proc->title : "No procedure applies";

	if (!proc && strcmp(key, PROCEDURE_NONE) != 0)
		return error_set(err, STATUS_DATA, "there is no procedure \"%s\" (see [procedures] in %s)", key,
				 config_section_file(config, "procedures"));
	return store_procedure_set(store, incident, key, title, incident_status_after(incident->status, "procedure"),
				   who, now, err);
}

enum status incident_mark_step(struct store *store, const struct config *config, const struct incident *incident,
			       const char *step_key, const char *state, const char *note, int64_t base,
			       const struct actor *who, time_t now, struct error *err)
{
	const struct procedure_def *proc = config_procedure(config, incident->procedure);
	const struct step_def *def = proc ? procedure_def_step(proc, step_key) : NULL;
	const struct step_def *restoring = config->restoration ? procedure_def_step(config->restoration, step_key) : NULL;
	struct step_list records;
	const struct step_record *old;
	struct step_record rec = {0};
	char why[128];
	enum status st;

	if (!step_mark_valid(state, note, why, sizeof(why)))
		return error_set(err, STATUS_DATA, "%s", why);
	if ((st = form_text_check("note", note, false, FORM_TEXT_MAX, err)))
		return st;
	if (restoring)
		def = restoring;
	/* Changes are implemented only upon management approval (R15). */
	if (def && def->needs_approved_change && strcmp(state, STEP_DONE) == 0) {
		struct change_list changes;
		bool approved = false;

		if ((st = store_changes_get(store, incident->id, &changes, err)))
			return st;
		approved = changes_any_approved(&changes);
		change_list_free(&changes);
		if (!approved)
			return error_set(err, STATUS_DATA, "\"%s\" carries out a change: it needs a change that management "
					 "approved here, and none is yet (propose one; a manager approves it; an approval an "
					 "import brought is the file's word, and does not count)", def->title);
	}
	if ((st = store_steps_get(store, incident->id, &records, err)))
		return st;
	old = step_list_find(&records, step_key);
	if (!def && !old) {
		step_list_free(&records);
		return error_set(err, STATUS_NOT_FOUND, "%s has no step \"%s\"%s", incident->ref, step_key,
				 incident->procedure ? " (the steps and their keys are in sirt show)" :
						       ": no procedure is chosen yet");
	}
	rec.procedure = restoring ? PROCEDURE_RESTORATION : def ? proc->key : old->procedure;
	rec.step_key = (char *)step_key;
	rec.title = def ? def->title : old->title;
	rec.state = (char *)state;
	rec.note = (char *)(note ? note : "");
	rec.position = old ? old->position : 0;
	st = record_step(store, incident, &rec, old, base, who, now, err);
	step_list_free(&records);
	return st;
}

enum status incident_add_free_step(struct store *store, const struct incident *incident, const char *title,
				   const char *note, const struct actor *who, time_t now, struct error *err)
{
	struct step_list records;
	struct step_record rec = {0};
	char *key;
	enum status st;
	const char *p = title;
	/* When it was taken (store_when), for each try: a try that lost
	 * the key ended its write, and with it what store_when said. */
	time_t when = 0;

	if (store_happened(store))
		time_parse_utc(store_happened(store), &when);
	while (*p == ' ')
		p++;
	if (!*p)
		return error_set(err, STATUS_DATA, "a step needs a description of what was done");
	if ((st = form_text_check("step", title, true, FORM_TEXT_MAX, err)) ||
	    (st = form_text_check("note", note, false, FORM_TEXT_MAX, err)))
		return st;
	/* A new key (base 0): if another operator's free step took it
	 * meanwhile, read again and take the next, rather than write over
	 * theirs. */
	for (int tries = 0; tries < 3; tries++) {
		if ((st = store_steps_get(store, incident->id, &records, err)))
			return st;
		key = procedure_free_step_key(&records);
		rec.procedure = PROCEDURE_NONE;
		rec.step_key = key;
		rec.title = (char *)title;
		rec.state = STEP_DONE;
		rec.note = (char *)(note ? note : "");
		rec.position = (int64_t)records.len + 1;
		store_when(store, when);
		st = record_step(store, incident, &rec, NULL, 0, who, now, err);
		free(key);
		step_list_free(&records);
		if (st != STATUS_CONFLICT)
			break;
	}
	return st;
}
