/* The whole record of an incident as sections of lines (sirt/whole.h),
 * and those lines as rows of a terminal. Each section is built in one
 * function below; the kinds not yet in registers[] (calls, findings and
 * witnesses, evidence, changes, costs) each have their own, to go when
 * their kind joins the register table and add_register serves it. */
#include "sirt/whole.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/calls.h"
#include "sirt/changes.h"
#include "sirt/closing.h"
#include "sirt/cost.h"
#include "sirt/deadline.h"
#include "sirt/evidence.h"
#include "sirt/form.h"
#include "sirt/incident.h"
#include "sirt/investigation.h"
#include "sirt/json.h"
#include "sirt/report.h"
#include "sirt/sanitize.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"

/* ---- building ---- */

/* Adds a line: label is copied (NULL: a line of its own), text taken. */
static struct whole_line *line_add(struct whole_section *s, const char *label, char *text, enum whole_mark mark)
{
	struct whole_line *l;

	GROW(s->lines, s->cap, s->len + 1);
	l = &s->lines[s->len++];
	l->label = label ? xstrdup(label) : NULL;
	l->text = text;
	l->mark = mark;
	l->detail = false;
	return l;
}

/* Adds a section (title taken); none, when not NULL, is its dim line
 * saying that it has nothing to show yet. */
static struct whole_section *section_new(struct whole *w, const char *key, char *title, const char *none)
{
	struct whole_section *s;

	GROW(w->sections, w->cap, w->len + 1);
	s = &w->sections[w->len++];
	memset(s, 0, sizeof(*s));
	s->key = key;
	s->title = title;
	if (none)
		line_add(s, NULL, xstrdup(none), WHOLE_DIM);
	return s;
}

/* A line labelled with a stored time, shown in local time. */
static void line_at(struct whole_section *s, const char *utc, char *text, enum whole_mark mark)
{
	char *when = time_utc_to_local(utc);

	line_add(s, when, text, mark);
	free(when);
}

static void detail_add(struct whole_section *s, char *text, enum whole_mark mark)
{
	line_add(s, NULL, text, mark)->detail = true;
}

/* "2026-11-22 14:05 UTC by bkilinc" */
static char *stamp(const char *utc, const char *who)
{
	char *when = time_utc_to_local(utc);
	char *text = xasprintf("%s by %s", when, who ? who : "");

	free(when);
	return text;
}

/* A stamp of something that happened (NULL: when it was logged) before
 * it was logged at utc: "2026-11-22 13:45 UTC by bkilinc (logged 14:05 UTC)". */
static char *stamp_happened(const char *happened, const char *utc, const char *who)
{
	char *by = stamp(happened ? happened : utc, who), *logged = whole_logged(happened, utc), *text;

	if (!logged)
		return by;
	text = xasprintf("%s (logged %s)", by, logged);
	free(by);
	free(logged);
	return text;
}

static const char *procedure_name(const struct config *c, const char *key)
{
	const struct procedure_def *proc = config_procedure(c, key);

	if (proc)
		return proc->title;
	if (key && strcmp(key, PROCEDURE_NONE) == 0)
		return "No procedure applies";
	return key ? key : "";
}

/* ---- the texts a section and the report share ---- */

/* "bkilinc on 2026-11-22 14:05 UTC from FILE (sha256 HASH)" */
static char *import_words(const char *by, const char *at, const char *file, const char *sha256)
{
	char *when = time_utc_to_local(at ? at : ""), *text;

	text = xasprintf("%s on %s from %s (sha256 %s)", by ? by : "?", when, file ? file : "?", sha256 ? sha256 : "?");
	free(when);
	return text;
}

char *whole_imported_text(const struct provenance *p)
{
	char *here, *earlier, *text;

	if (!p)
		return NULL;
	here = import_words(p->by, p->at, p->file, p->sha256);
	if (!p->earlier) {
		text = xasprintf("imported by %s", here);
		free(here);
		return text;
	}
	/* The file's word, not this database's: said as such. */
	earlier = import_words(p->earlier_by, p->earlier_at, p->earlier_file, p->earlier_sha256);
	text = xasprintf("imported by %s; before that, as that file says, imported by %s", here, earlier);
	free(here);
	free(earlier);
	return text;
}

char *whole_with_imported(char *text, const struct provenance *imported)
{
	char *from, *with;

	if (!imported)
		return text;
	from = whole_imported_text(imported);
	with = xasprintf("%s (%s)", text, from);
	free(from);
	free(text);
	return with;
}

static void import_json_fields(struct json *j, const char *by, const char *at, const char *file, const char *sha256)
{
	json_key(j, "by");
	json_string(j, by);
	json_key(j, "at");
	json_string(j, at);
	json_key(j, "file");
	json_string(j, file);
	json_key(j, "sha256");
	json_string(j, sha256);
}

void whole_imported_json(struct json *j, const struct provenance *p)
{
	if (!p) {
		json_null(j);
		return;
	}
	json_object_begin(j);
	import_json_fields(j, p->by, p->at, p->file, p->sha256);
	json_key(j, "earlier");
	if (p->earlier) {
		json_object_begin(j);
		import_json_fields(j, p->earlier_by, p->earlier_at, p->earlier_file, p->earlier_sha256);
		json_object_end(j);
	} else {
		json_null(j);
	}
	json_object_end(j);
}

/* A dim line under the one above: where it came from, if imported. */
static void imported_detail(struct whole_section *s, const struct provenance *imported)
{
	if (imported)
		line_add(s, NULL, whole_imported_text(imported), WHOLE_DIM)->detail = true;
}

char *whole_step_text(const struct step_view *v)
{
	const struct step_record *r = v->record;
	const char *note = r && r->note ? r->note : "";

	return xasprintf("%s: %s%s%s%s", step_state_label(r ? r->state : STEP_OPEN), v->title, *note ? " (" : "", note,
			 *note ? ")" : "");
}

char *whole_finding_text(const struct note *n, const struct witness_list *witnesses)
{
	const struct witness *w = witness_list_find(witnesses, n->witness);

	return xasprintf("%s%s%s: %s", note_kind_label(n->kind), w ? " with " : "", w ? w->name : "", n->text);
}

char *whole_logged(const char *happened, const char *logged)
{
	char *then, *at, *text = NULL;

	if (!happened || !logged)
		return NULL;
	then = time_utc_to_local(happened);
	at = time_utc_to_local(logged);
	/* As shown, to the minute: seconds apart are one time. */
	if (strcmp(then, at) != 0) {
		size_t day = strcspn(at, " ") + 1;

		/* "2026-11-22 03:40 UTC": the day once, where it is one. */
		text = xstrdup(at[day - 1] && strncmp(then, at, day) == 0 ? at + day : at);
	}
	free(then);
	free(at);
	return text;
}

char *whole_when(const char *happened, const char *logged)
{
	char *shown = time_utc_to_local(happened ? happened : logged), *at = whole_logged(happened, logged), *text;

	if (!at)
		return shown;
	text = xasprintf("%s (logged %s)", shown, at);
	free(shown);
	free(at);
	return text;
}

char *whole_timeline_logged(const struct timeline_entry *e)
{
	return whole_logged(e->happened, e->at);
}

char *whole_column_text(const struct record_kind *kind, const struct kind_column *column, const void *record)
{
	const char *value;

	if (column->happened && column->logged)
		return NULL;
	if (column->type != COLUMN_TIME)
		return kind_value_text(column, record);
	value = record_text(record, column->offset);
	if (!value || !*value)
		return xstrdup("");
	if (column->happened)
		return whole_when(value, record_text(record, kind->added_at));
	/* When an event was logged, that a happened column says happened
	 * earlier: one time, both said. */
	for (size_t c = 0; c < kind->ncolumns; c++) {
		const struct kind_column *h = &kind->columns[c];

		if (h->happened && h->logged && strcmp(h->logged, column->name) == 0)
			return whole_when(record_text(record, h->offset), value);
	}
	return time_utc_to_local(value);
}

const char *whole_record_happened(const struct record_kind *kind, const void *record)
{
	for (size_t c = 0; c < kind->ncolumns; c++)
		if (kind->columns[c].happened && !kind->columns[c].logged)
			return record_text(record, kind->columns[c].offset);
	return NULL;
}

char *whole_timeline_text(const struct timeline_entry *e)
{
	char *logged = whole_timeline_logged(e), *text;

	/* Said to have happened before it was logged: both times. */
	text = logged ? xasprintf("%s: %s (logged %s)", e->who, e->summary, logged) :
			xasprintf("%s: %s", e->who, e->summary);
	free(logged);
	return whole_with_imported(text, e->imported);
}

/* ---- the sections, in order ---- */

/* The last change is the timeline's last entry: imported, it is the
 * file's word too. */
static const struct provenance *last_change_imported(const struct timeline *t)
{
	const struct timeline_entry *last = NULL;

	for (size_t i = 0; i < t->len; i++)
		if (!last || t->items[i].id > last->id)
			last = &t->items[i];
	return last ? last->imported : NULL;
}

static void add_incident(struct whole *w, const struct config *c, const struct incident *in,
			 const struct incident_record *r)
{
	const struct category *cat = config_category(c, in->category);
	struct whole_section *s = section_new(w, "incident", xasprintf("%s  %s", in->ref, in->title), NULL);

	line_add(s, "Status", xstrdup(in->status), WHOLE_NORMAL);
	line_add(s, "Category", cat ? xasprintf("%s: %s", cat->key, cat->label) : xstrdup(in->category ? in->category : ""),
		 WHOLE_NORMAL);
	line_add(s, "Procedure", xstrdup(procedure_name(c, in->procedure)), WHOLE_NORMAL);
	line_add(s, "Logged", whole_with_imported(stamp(in->created_at, in->created_by), r->imported), WHOLE_NORMAL);
	line_add(s, "Last change",
		 whole_with_imported(stamp(in->updated_at, in->updated_by), last_change_imported(&r->timeline)),
		 WHOLE_NORMAL);
	if (r->imported)
		line_add(s, "Imported", whole_imported_text(r->imported), WHOLE_ATTENTION);
}

/* The text sent to a party, as show has it: its size, then its first
 * lines (the whole is in the JSON, the report and the export). */
#define SENT_LINES_SHOWN 3

static void sent_lines(struct whole_section *s, const char *sent)
{
	size_t lines = 1, shown = 0;
	const char *p;

	for (p = sent; *p; p++)
		if (*p == '\n' && p[1])
			lines++;
	detail_add(s, xasprintf("text sent: %zu bytes, %zu line%s%s", strlen(sent), lines, lines == 1 ? "" : "s",
				lines > SENT_LINES_SHOWN ? "; the first:" : ":"), WHOLE_DIM);
	for (p = sent; *p && shown < SENT_LINES_SHOWN; shown++) {
		size_t len = strcspn(p, "\n");

		detail_add(s, xasprintf("  %.*s", (int)len, p), WHOLE_DIM);
		p += len + (p[len] == '\n');
	}
}

static void add_deadlines(struct whole *w, const struct incident_record *r, time_t now)
{
	struct whole_section *s = section_new(w, "deadlines", xstrdup("Deadlines"),
					      r->deadlines.len ? NULL : "No one must be told by a deadline so far.");

	for (size_t i = 0; i < r->deadlines.len; i++) {
		const struct deadline *d = &r->deadlines.items[i];
		char due[TIME_TEXT_MAX], *left = deadline_met_text(d, now);

		time_format_local(d->due, due, sizeof(due));
		/* A regime's stage says which, and what it is. */
		char *party = d->rule->regime ? xasprintf("%s (%s, %s)", d->party, d->rule->name, d->rule->title) :
						xstrdup(d->party);

		/* A stage names no address: no dangling ", " then. */
		line_add(s, deadline_label(d),
			 xasprintf("%s: %s; due %s%s%s", party, left, due, d->address && *d->address ? ", " : "",
				   d->address ? d->address : ""),
			 d->state == DEADLINE_OVERDUE ? WHOLE_OVERDUE :
			 d->state == DEADLINE_WARNING ? WHOLE_ATTENTION : WHOLE_NORMAL);
		free(party);
		free(left);
		if (d->met && d->met->sent && *d->met->sent)
			sent_lines(s, d->met->sent);
	}
}

/* A form's fields as saved; none says what stands there until it is. */
static void add_form(struct whole *w, const struct form_def *form, const struct field_list *fields, const char *none)
{
	bool saved = field_list_has_form(fields, form->key);
	struct whole_section *s = section_new(w, form->key, xstrdup(form->title), saved ? NULL : none);

	if (!saved)
		return;
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_def *f = &form->fields[i];

		line_add(s, f->label, form_value_with_note(f, field_list_find(fields, form->key, f->key)), WHOLE_NORMAL);
	}
	/* Answers an export brought (the review: a decision) are the
	 * file's, each import said once. */
	for (size_t i = 0; i < fields->len; i++) {
		const struct field_value *v = &fields->items[i];
		bool said = false;

		if (!v->imported || strcmp(v->form, form->key) != 0)
			continue;
		for (size_t k = 0; k < i && !said; k++)
			said = fields->items[k].imported && fields->items[k].imported->id == v->imported->id &&
			       strcmp(fields->items[k].form, form->key) == 0;
		if (!said) {
			char *from = whole_imported_text(v->imported);

			line_add(s, "Imported", xasprintf("answers given elsewhere, %s", from), WHOLE_ATTENTION);
			free(from);
		}
	}
}

/* Calls (R3), until they are a register: who is next down the
 * escalation order, then every attempt. */
static void add_calls(struct whole *w, const struct config *c, const struct call_list *calls)
{
	struct whole_section *s = section_new(w, "calls", xstrdup("Calls"), NULL);
	int reached, next = calls_next(&c->escalation, calls, &reached);
	const struct call_attempt *got = calls_reached(calls);
	const struct contact *ct = next >= 0 ? config_contact(c, c->escalation.items[next]) : NULL;
	size_t n = calls->len;

	line_add(s, "Escalation",
		 got ? xasprintf("Reached %s; %zu call%s", got->name, n, n == 1 ? "" : "s") :
		 ct ? xasprintf("Next: %s, %s; %zu call%s", ct->name, *ct->phone ? ct->phone : "no phone", n,
				n == 1 ? "" : "s") :
		      xstrdup("No escalation order configured."),
		 WHOLE_NORMAL);
	for (size_t i = 0; i < n; i++) {
		const struct call_attempt *call = &calls->items[i];
		char *logged = whole_logged(call->happened_at, call->called_at);

		/* When it was made; when it was logged, where later. */
		line_at(s, call->happened_at ? call->happened_at : call->called_at,
			xasprintf("%s (%s) by %s: %s%s%s%s%s%s", call->name, *call->phone ? call->phone : "no phone",
				  call->called_by, call_outcome_label(call->outcome), *call->note ? "; " : "", call->note,
				  logged ? " (logged " : "", logged ? logged : "", logged ? ")" : ""),
			WHOLE_NORMAL);
		imported_detail(s, call->imported);
		free(logged);
	}
}

static void add_category(struct whole *w, const struct choice_list *choices)
{
	size_t n = choices->ncategories;
	struct whole_section *s = section_new(w, "category", xstrdup("Category"), n ? NULL : "Not categorised yet.");

	/* Oldest first; the one that stands is the last. */
	for (size_t i = 0; i < n; i++) {
		const struct category_choice *ch = &choices->categories[i];

		line_at(s, ch->chosen_at,
			whole_with_imported(xasprintf("%s (%s), by %s%s%s", ch->label, ch->category, ch->chosen_by,
						      *ch->note ? ": " : "", ch->note), ch->imported),
			i + 1 < n ? WHOLE_DIM : WHOLE_NORMAL);
	}
}

static void add_procedure(struct whole *w, const struct config *c, const struct incident *in,
			  const struct choice_list *choices, const struct step_progress *progress)
{
	struct whole_section *s = section_new(w, "procedure", xstrdup("Procedure"),
					      in->procedure ? NULL : "No procedure chosen yet.");

	if (!in->procedure)
		return;
	line_add(s, "Current",
		 xasprintf("%s: %zu/%zu steps worked", procedure_name(c, in->procedure), progress->worked,
			   progress->total),
		 WHOLE_NORMAL);
	for (size_t i = choices->nprocedures; i-- > 1;) {
		const struct procedure_choice *p = &choices->procedures[i - 1];
		char *when = time_utc_to_local(p->chosen_at);

		line_add(s, "Earlier", whole_with_imported(xasprintf("%s, chosen %s by %s", p->title, when, p->chosen_by),
							   p->imported), WHOLE_DIM);
		free(when);
	}
}

/* Each step: its state, title and note as the report has them, its key
 * (what `sirt step` takes), and who marked it. */
static void add_steps(struct whole_section *s, const struct step_view *views, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct step_record *r = views[i].record;
		bool worked = r && strcmp(r->state, STEP_OPEN) != 0;
		char *text = whole_step_text(&views[i]);

		line_add(s, NULL, xasprintf("%s  (%s)", text, views[i].key), WHOLE_NORMAL);
		free(text);
		if (worked) {
			char *by = stamp_happened(r->happened_at, r->marked_at, r->marked_by);

			detail_add(s, whole_with_imported(xasprintf("marked %s%s", by, views[i].origin == STEP_EARLIER ?
								    ", under an earlier procedure" : ""), r->imported),
				   WHOLE_DIM);
			free(by);
		}
	}
}

/* The findings and witnesses (R13), until they are registers. */
static void add_investigation(struct whole *w, const struct incident_record *r)
{
	struct whole_section *s = section_new(w, "investigation", xstrdup("Investigation"),
					      r->witnesses.len || r->notes.len ? NULL : "No findings or witnesses yet.");

	for (size_t i = 0; i < r->witnesses.len; i++) {
		const struct witness *wt = &r->witnesses.items[i];
		bool interviewed = *wt->interviewed_by;
		char *by = interviewed ? stamp(wt->interviewed_at, wt->interviewed_by) : stamp(wt->added_at, wt->added_by);

		line_add(s, NULL,
			 xasprintf("witness %lld: %s%s%s%s%s", (long long)wt->number, wt->name, *wt->contact ? ", " : "",
				   wt->contact, *wt->statement ? "; said: " : "", wt->statement),
			 WHOLE_NORMAL);
		detail_add(s, xasprintf("%s %s", interviewed ? "interviewed" : "added", by), WHOLE_DIM);
		imported_detail(s, wt->imported);
		free(by);
	}
	for (size_t i = 0; i < r->notes.len; i++) {
		const struct note *n = &r->notes.items[i];
		char *by = stamp(n->noted_at, n->noted_by);

		line_add(s, NULL, whole_finding_text(n, &r->witnesses), WHOLE_NORMAL);
		detail_add(s, xasprintf("noted %s", by), WHOLE_DIM);
		imported_detail(s, n->imported);
		free(by);
	}
}

void whole_evidence_lines(const struct evidence_register *reg, const struct evidence *e, struct whole_section *into)
{
	const char *where = evidence_location(reg, e->number);
	char *corrects = e->corrects ? xasprintf("; corrects item %lld", (long long)e->corrects) : xstrdup("");

	line_add(into, NULL,
		 xasprintf("%lld. %s (%s), held by %s%s%s; from %s%s%s%s", (long long)e->number, e->description,
			   evidence_kind_label(e->kind), evidence_custodian(reg, e->number), *where ? " at " : "", where,
			   *e->path ? e->path : *e->sha256 ? "standard input" : "no file", *e->sha256 ? "; sha256 " : "",
			   e->sha256, corrects),
		 WHOLE_NORMAL);
	free(corrects);
	imported_detail(into, e->imported);
	/* Recorded with --changing: its hash is of no state the file was in. */
	if (*e->changing)
		detail_add(into, xasprintf("CHANGED while it was hashed: %s", e->changing), WHOLE_OVERDUE);
	if (*e->copy)
		detail_add(into, xasprintf("copy kept in the evidence store: %s", e->copy), WHOLE_DIM);
	for (size_t k = 0; k < reg->ncustody; k++) {
		const struct custody *hand = &reg->custody[k];
		char *when;

		if (hand->evidence != e->number)
			continue;
		when = time_utc_to_local(hand->at);
		detail_add(into, whole_with_imported(xasprintf("%s: handed from %s to %s: %s%s%s", when, hand->from_who,
							       hand->to_who, hand->purpose, *hand->location ? "; at " : "",
							       hand->location), hand->imported),
			   WHOLE_DIM);
		free(when);
	}
	for (size_t k = 0; k < reg->nchecks; k++) {
		const struct evidence_check *check = &reg->checks[k];
		bool match = strcmp(check->result, "match") == 0;
		char *when;

		if (check->evidence != e->number)
			continue;
		when = time_utc_to_local(check->at);
		/* A hash that does not match is said with the one found. */
		detail_add(into, whole_with_imported(xasprintf("%s: verified by %s: %s%s%s%s", when, check->checked_by,
							       check->copy ? "stored copy: " : "", check->result,
							       !match && check->actual && *check->actual ? ", found " : "",
							       !match && check->actual ? check->actual : ""), check->imported),
			   match ? WHOLE_DIM : WHOLE_OVERDUE);
		free(when);
	}
}

/* The evidence register and chain of custody (R17), until it is a
 * register: each item, with its hand-overs and verifications under it. */
static void add_evidence(struct whole *w, const struct evidence_register *reg)
{
	struct whole_section *s = section_new(w, "evidence", xstrdup("Evidence"), reg->len ? NULL : "No evidence yet.");

	for (size_t i = 0; i < reg->len; i++)
		whole_evidence_lines(reg, &reg->items[i], s);
}

/* Recommended changes and their approval (R14, R15), until they are a
 * register. */
static void add_changes(struct whole *w, const struct change_list *changes)
{
	struct whole_section *s = section_new(w, "changes", xstrdup("Changes"),
					      changes->len ? NULL : "No change proposed yet.");

	for (size_t i = 0; i < changes->len; i++) {
		const struct change *c = &changes->items[i];

		line_add(s, NULL, change_text(c),
			 strcmp(c->state, CHANGE_PROPOSED) == 0 ? WHOLE_ATTENTION :
			 strcmp(c->state, CHANGE_REJECTED) == 0 ? WHOLE_DIM : WHOLE_NORMAL);
		if (c->decided_at) {
			char *by = stamp_happened(c->happened_at, c->decided_at, c->decided_by);

			/* Decided elsewhere, or written into the file: never
			 * as if decided here. */
			detail_add(s, whole_with_imported(xasprintf("decided %s", by), c->imported), WHOLE_DIM);
			free(by);
		} else {
			imported_detail(s, c->imported);
		}
	}
}

static void add_restoration(struct whole *w, const struct config *c, const struct step_list *steps)
{
	struct step_view *views;
	struct step_progress progress;
	size_t n = restoration_step_views(c->restoration, steps, &views);
	struct whole_section *s;

	procedure_progress(views, n, &progress);
	s = section_new(w, "restoration", xasprintf("Restoration %zu/%zu", progress.worked, progress.total), NULL);
	line_add(s, "List", xstrdup(c->restoration->title), WHOLE_NORMAL);
	add_steps(s, views, n);
	free(views);
}

/* Damage and cost (R23), until it is a register: each line, then the
 * totals per currency over the lines that stand. */
static void add_costs(struct whole *w, const struct cost_list *costs)
{
	struct whole_section *s = section_new(w, "costs", xstrdup("Damage and cost"),
					      costs->len ? NULL : "Nothing recorded yet.");
	struct cost_totals totals;

	for (size_t i = 0; i < costs->len; i++) {
		line_add(s, NULL, cost_text(&costs->items[i]), costs->items[i].withdrawn_at ? WHOLE_DIM : WHOLE_NORMAL);
		imported_detail(s, costs->items[i].imported);
	}
	cost_totals(costs, &totals);
	for (size_t i = 0; i < totals.len; i++) {
		char *text = cost_total_text(&totals.items[i]);

		line_add(s, NULL, xasprintf("Total %s", text), WHOLE_NORMAL);
		free(text);
	}
	cost_totals_free(&totals);
}

void whole_record_lines(const struct register_def *reg, const void *record, const char *elsewhere, const char *ref,
			struct whole_section *into)
{
	const struct record_kind *kind = reg->kind;
	const char *gone = kind->withdrawals ? record_text(record, kind->withdrawn_at) : NULL;
	bool seen = elsewhere && *elsewhere;
	/* When it was added, unless a column says when its event happened. */
	char *summary = reg->summary(record),
	     *added = whole_record_happened(kind, record) ?
			      xasprintf("by %s", record_text(record, kind->added_by)) :
			      stamp(record_text(record, kind->added_at), record_text(record, kind->added_by));
	struct strbuf more = {0};

	/* The line itself, not a label's column: that another incident holds
	 * one like it is what the operator looks for. */
	line_add(into, NULL,
		 xasprintf("%s%s%lld. %s%s%s", ref ? ref : "", ref ? "  " : "", (long long)record_number(kind, record),
			   summary, seen ? "  also on " : "", seen ? elsewhere : ""),
		 gone ? WHOLE_DIM : seen ? WHOLE_ATTENTION : WHOLE_NORMAL);
	for (size_t c = 0; c < kind->ncolumns; c++) {
		const struct kind_column *col = &kind->columns[c];
		char *value = whole_column_text(kind, col, record);

		/* The line has what is required; the rest follows it. */
		if (!col->required && value && *value)
			strbuf_printf(&more, "%s: %s; ", col->label, value);
		free(value);
	}
	strbuf_printf(&more, "added %s", added);
	detail_add(into, strbuf_take(&more), WHOLE_DIM);
	imported_detail(into, record_imported(kind, record));
	if (gone) {
		char *by = stamp(gone, record_text(record, kind->withdrawn_by));

		detail_add(into, whole_with_imported(xasprintf("withdrawn %s: %s", by,
							       record_text(record, kind->withdrawn_reason)),
						     record_withdrawn_imported(kind, record)),
			   WHOLE_DIM);
		free(by);
	}
	free(summary);
	free(added);
}

static void add_register(struct whole *w, const struct register_def *reg, const struct register_records *records)
{
	char *none = xasprintf("No %s yet.", reg->kind->one);
	struct whole_section *s = section_new(w, reg->kind->name, xstrdup(reg->kind->title),
					      records->records.len ? NULL : none);

	free(none);
	for (size_t i = 0; i < records->records.len; i++)
		whole_record_lines(reg, record_item(reg->kind, &records->records, i), records->elsewhere.items[i], NULL, s);
}

/* The report as the report has it: saved, or filled from the record. */
static void add_report(struct whole *w, const struct config *c, const struct incident *in,
		       const struct incident_record *r)
{
	const struct form_def *form = c->report;
	struct whole_section *s = section_new(w, form->key, xstrdup(form->title),
					      field_list_has_form(&r->fields, form->key) ?
						      "Edited; what was not edited is filled from the record." :
						      "Filled from the record until edited.");
	struct field_list values;

	report_values(c, in, r, &values);
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_def *f = &form->fields[i];

		line_add(s, f->label, form_value_with_note(f, field_list_find(&values, form->key, f->key)), WHOLE_NORMAL);
	}
	field_list_free(&values);
}

static void add_timeline(struct whole *w, const struct timeline *timeline)
{
	struct whole_section *s = section_new(w, "timeline", xstrdup("Timeline"), NULL);

	for (size_t i = 0; i < timeline->len; i++)
		line_at(s, timeline->items[i].happened ? timeline->items[i].happened : timeline->items[i].at,
			whole_timeline_text(&timeline->items[i]), WHOLE_NORMAL);
}

/* Closed: when and why. Open: what stands between it and closing. */
static void add_closing(struct whole *w, const struct config *c, const struct incident *in,
			const struct incident_record *r)
{
	struct whole_section *s;
	struct open_items items;

	if (strcmp(in->status, INCIDENT_CLOSED) == 0) {
		s = section_new(w, "closing", xstrdup("Closed"), NULL);
		for (size_t i = r->timeline.len; i-- > 0;)
			if (strcmp(r->timeline.items[i].kind, "status") == 0) {
				const struct timeline_entry *e = &r->timeline.items[i];

				/* Closed elsewhere, or in the file: said so. */
				line_at(s, e->at, whole_with_imported(xasprintf("by %s: %s", e->who, e->summary), e->imported),
					WHOLE_NORMAL);
				break;
			}
		return;
	}
	incident_open_items(c, in, r, &items);
	s = section_new(w, "closing", xstrdup("Closing"), items.len ? NULL : "Nothing is left open.");
	if (items.len)
		line_add(s, "Still open",
			 items.blocking ? xasprintf("%zu open; the review must be answered before closing", items.len) :
					  xasprintf("%zu open; closing anyway needs a reason", items.len),
			 items.blocking ? WHOLE_ATTENTION : WHOLE_NORMAL);
	open_items_free(&items);
}

void whole_build(const struct config *c, const struct incident *in, const struct incident_record *r, time_t now,
		 struct whole *out)
{
	const struct procedure_def *proc = config_procedure(c, in->procedure);
	struct step_view *views;
	struct step_progress progress;
	size_t n = procedure_step_views(proc, &r->steps, &views);
	struct whole_section *steps;

	memset(out, 0, sizeof(*out));
	procedure_progress(views, n, &progress);
	add_incident(out, c, in, r);
	add_deadlines(out, r, now);
	add_form(out, c->intake, &r->fields, "Not given yet.");
	add_calls(out, c, &r->calls);
	add_form(out, c->lead, &r->fields, "Not given yet.");
	add_form(out, c->triage, &r->fields, "Not answered yet.");
	add_category(out, &r->choices);
	add_procedure(out, c, in, &r->choices, &progress);
	steps = section_new(out, "steps",
			    in->procedure ? xasprintf("Steps %zu/%zu", progress.worked, progress.total) : xstrdup("Steps"),
			    in->procedure ? NULL : "No procedure chosen yet.");
	if (in->procedure)
		add_steps(steps, views, n);
	free(views);
	add_investigation(out, r);
	add_evidence(out, &r->evidence);
	add_changes(out, &r->changes);
	add_restoration(out, c, &r->steps);
	add_costs(out, &r->costs);
	for (size_t i = 0; i < REGISTER_COUNT; i++)
		add_register(out, registers[i], &r->registers[i]);
	add_report(out, c, in, r);
	add_form(out, c->review, &r->fields, "Not answered yet: needed before closing.");
	add_timeline(out, &r->timeline);
	add_closing(out, c, in, r);
}

void whole_section_free(struct whole_section *s)
{
	for (size_t k = 0; k < s->len; k++) {
		free(s->lines[k].label);
		free(s->lines[k].text);
	}
	FREE(&s->lines);
	FREE(&s->title);
	s->len = s->cap = 0;
}

void whole_free(struct whole *w)
{
	for (size_t i = 0; i < w->len; i++)
		whole_section_free(&w->sections[i]);
	FREE(&w->sections);
	w->len = w->cap = 0;
}

const struct whole_section *whole_section_find(const struct whole *w, const char *key)
{
	for (size_t i = 0; i < w->len; i++)
		if (strcmp(w->sections[i].key, key) == 0)
			return &w->sections[i];
	return NULL;
}

/* ---- as rows of a terminal ---- */

/* One row: the label (first row of a labelled line) or the indent, then
 * len bytes of text without the blanks at its end. A row is never empty:
 * an empty row is where a section ends in show. */
static void row_add(struct strlist *rows, const char *label, int indent, const char *text, size_t len)
{
	struct strbuf row = {0};

	if (label) {
		char *safe = sanitize(label, 0);

		strbuf_puts(&row, "  ");
		text_pad(&row, safe, WHOLE_LABEL_COLS - 1, true);
		strbuf_putc(&row, ' ');
		free(safe);
	} else {
		strbuf_printf(&row, "%*s", indent, "");
	}
	while (len > 0 && text[len - 1] == ' ')
		len--;
	strbuf_add(&row, text, len);
	strlist_add_owned(rows, strbuf_take(&row));
}

void whole_line_rows(const struct whole_line *line, int cols, struct strlist *rows)
{
	bool labelled = line->label != NULL;
	/* Where the first row's text starts, and where every other row's. */
	int lead = labelled ? 2 + WHOLE_LABEL_COLS : line->detail ? 6 : 2;
	int rest = labelled ? lead : lead + 2;
	const char *text = line->text && *line->text ? line->text : labelled ? "-" : "";
	char *safe = sanitize(text, SANITIZE_KEEP_NEWLINES);
	bool first = true;

	for (char *piece = safe, *next; piece; piece = next) {
		size_t at = 0, len;

		next = strchr(piece, '\n');
		if (next)
			*next++ = '\0';
		len = strlen(piece);
		/* Each row as much as fits after its indent; too narrow to
		 * wrap into, or cols 0: as long as it is. */
		do {
			int indent = first ? lead : rest;
			size_t starts[2], end = len;

			if (cols - indent >= 16 && text_wrap(piece + at, cols - indent, starts, 2) == 2)
				end = at + starts[1];
			row_add(rows, first && labelled ? line->label : NULL, indent, piece + at, end - at);
			first = false;
			/* text_wrap's next row starts after the blanks. */
			at = end;
		} while (at < len);
	}
	free(safe);
}
