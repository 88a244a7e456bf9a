/* Closing and reopening incidents. */
#include "sirt/closing.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"
#include "sirt/incident.h"
#include "sirt/procedure.h"
#include "sirt/report.h"
#include "sirt/timefmt.h"

static void add_item(struct open_items *out, enum open_kind kind, char *text)
{
	GROW(out->items, out->cap, out->len + 1);
	out->items[out->len].kind = kind;
	out->items[out->len].key = NULL;
	out->items[out->len++].text = text;
	if (kind == OPEN_REVIEW)
		out->blocking++;
}

static bool blank(const char *text)
{
	while (text && (*text == ' ' || *text == '\t' || *text == '\n'))
		text++;
	return !text || !*text;
}

static bool answered(const struct field_list *fields, const char *form, const char *key)
{
	const struct field_value *v = field_list_find(fields, form, key);
	return v && v->value && *v->value;
}

static void open_steps(const struct step_view *views, size_t n, enum open_kind kind, const char *what,
		       struct open_items *out)
{
	for (size_t i = 0; i < n; i++)
		if (views[i].origin == STEP_OF_PROCEDURE &&
		    (!views[i].record || strcmp(views[i].record->state, STEP_OPEN) == 0))
			add_item(out, kind, xasprintf("%s: %s", what, views[i].title));
}

void incident_open_items(const struct config *config, const struct incident *incident,
			 const struct incident_record *r, struct open_items *out)
{
	const struct form_def *review = config->review, *report = config->report;
	const struct procedure_def *proc = config_procedure(config, incident->procedure);
	struct step_view *views;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (!field_list_has_form(&r->fields, config->triage->key))
		add_item(out, OPEN_WORK, xstrdup("Triage checklist not answered"));
	if (!incident->category)
		add_item(out, OPEN_WORK, xstrdup("No category chosen"));
	if (!incident->procedure)
		add_item(out, OPEN_WORK, xstrdup("No procedure chosen (or \"no procedure applies\")"));
	for (size_t i = 0; i < report->nfields; i++) {
		const struct field_def *f = &report->fields[i];
		const struct field_value *v = field_list_find(&r->fields, report->key, f->key);
		char *text = v ? xstrdup(v->value) : report_prefill(config, incident, r, f);

		if (f->required && blank(text))
			add_item(out, OPEN_WORK, xasprintf("Report says nothing yet: %s", f->label));
		free(text);
	}
	if (!r->costs.len)
		add_item(out, OPEN_WORK, xstrdup("No damage or cost recorded"));
	for (size_t i = 0; i < review->nfields; i++) {
		if (review->fields[i].required && !answered(&r->fields, review->key, review->fields[i].key)) {
			add_item(out, OPEN_REVIEW, xasprintf("Review not answered: %s", review->fields[i].label));
			out->items[out->len - 1].key = review->fields[i].key;
		}
	}
	if (proc) {
		n = procedure_step_views(proc, &r->steps, &views);
		open_steps(views, n, OPEN_STEP, "Step not worked", out);
		free(views);
	}
	n = restoration_step_views(config->restoration, &r->steps, &views);
	open_steps(views, n, OPEN_RESTORATION, "Restoration not worked", out);
	free(views);
	for (size_t i = 0; i < r->deadlines.len; i++) {
		const struct deadline *d = &r->deadlines.items[i];
		char due[TIME_TEXT_MAX];

		if (d->met)
			continue;
		time_format_local(d->due, due, sizeof(due));
		add_item(out, OPEN_DEADLINE, xasprintf("Not told yet: %s (due %s)", d->party, due));
	}
	for (size_t i = 0; i < r->changes.len; i++)
		if (!r->changes.items[i].decided_at)
			add_item(out, OPEN_CHANGE, xasprintf("Change %lld not decided: %s",
							     (long long)r->changes.items[i].number,
							     r->changes.items[i].what));
}

void open_items_free(struct open_items *items)
{
	for (size_t i = 0; i < items->len; i++)
		free(items->items[i].text);
	FREE(&items->items);
	items->len = items->cap = items->blocking = 0;
}

const char *incident_status_from_work(const struct config *config, const struct incident *incident,
				      const struct incident_record *r)
{
	for (size_t i = 0; i < r->fields.len; i++)
		if (strcmp(r->fields.items[i].form, config->review->key) == 0)
			return INCIDENT_REVIEW;
	for (size_t i = 0; i < r->steps.len; i++)
		if (strcmp(r->steps.items[i].procedure, PROCEDURE_RESTORATION) == 0 &&
		    strcmp(r->steps.items[i].state, STEP_OPEN) != 0)
			return INCIDENT_RECOVERING;
	if (incident->procedure && *incident->procedure)
		return INCIDENT_RESPONDING;
	for (size_t i = 0; i < r->fields.len; i++)
		if (strcmp(r->fields.items[i].form, config->triage->key) == 0)
			return INCIDENT_TRIAGE;
	return INCIDENT_NEW;
}

enum status incident_close(struct store *store, const struct config *config, const struct incident *incident,
			   const char *reason, const struct actor *who, time_t now, struct open_items *items,
			   struct error *err)
{
	struct incident_record record;
	struct strbuf summary = {0};
	enum status st;

	memset(items, 0, sizeof(*items));
	if (strcmp(incident->status, INCIDENT_CLOSED) == 0)
		return error_set(err, STATUS_CONFLICT, "%s is closed already", incident->ref);
	if ((st = store_check_writable(store, err)) ||
	    (st = form_text_check("reason", reason, false, FORM_TEXT_MAX, err)))
		return st;
	if ((st = incident_record_load(store, config, incident, now, &record, err)))
		return st;
	incident_open_items(config, incident, &record, items);
	incident_record_free(&record);
	if (items->blocking)
		return error_set(err, STATUS_DATA, "%s cannot be closed: the post-incident review has %zu question%s "
				 "not answered", incident->ref, items->blocking, items->blocking == 1 ? "" : "s");
	if (items->len && blank(reason))
		return error_set(err, STATUS_DATA, "%s still has %zu thing%s open: closing anyway needs a reason",
				 incident->ref, items->len, items->len == 1 ? "" : "s");
	if (items->len) {
		strbuf_printf(&summary, "Closed with %zu open (", items->len);
		for (size_t i = 0; i < items->len; i++)
			strbuf_printf(&summary, "%s%s", i ? "; " : "", items->items[i].text);
		strbuf_printf(&summary, "): %s", reason);
	} else {
		strbuf_printf(&summary, "Closed%s%s", blank(reason) ? "" : ": ", blank(reason) ? "" : reason);
	}
	st = store_status_set(store, incident, INCIDENT_CLOSED, strbuf_str(&summary), who, now, err);
	strbuf_free(&summary);
	return st;
}

enum status incident_reopen(struct store *store, const struct config *config, const struct incident *incident,
			    const char *reason, const struct actor *who, time_t now, struct error *err)
{
	struct incident_record record;
	const char *status;
	char *summary;
	enum status st;

	if (strcmp(incident->status, INCIDENT_CLOSED) != 0)
		return error_set(err, STATUS_CONFLICT, "%s is not closed (it is %s)", incident->ref, incident->status);
	if ((st = store_check_writable(store, err)) ||
	    (st = form_text_check("reason for reopening", reason, true, FORM_TEXT_MAX, err)))
		return st;
	if ((st = incident_record_load(store, config, incident, now, &record, err)))
		return st;
	status = incident_status_from_work(config, incident, &record);
	incident_record_free(&record);
	summary = xasprintf("Reopened (back to %s): %s", status, reason);
	st = store_status_set(store, incident, status, summary, who, now, err);
	free(summary);
	return st;
}
