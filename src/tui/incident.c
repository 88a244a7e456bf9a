/* The incident view: everything recorded about one incident, in
 * sections, with single keys to work on each part of the plan. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sirt/calls.h"
#include "sirt/clock.h"
#include "sirt/closing.h"
#include "sirt/config.h"
#include "sirt/cost.h"
#include "sirt/deadline.h"
#include "sirt/evidence.h"
#include "sirt/form.h"
#include "sirt/incident.h"
#include "sirt/investigation.h"
#include "sirt/mem.h"
#include "sirt/procedure.h"
#include "sirt/record.h"
#include "sirt/sanitize.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "tui.h"

struct line {
	char *text;		/* sanitised */
	enum tui_style style;
};

/* Sections, in the order they are shown; the key names the form or part
 * of the plan so that a screen returning can say which to show. */
#define INCIDENT_SECTIONS(X) \
	X(DEADLINES, "deadlines") X(INTAKE, "intake") X(CALLS, "calls") X(LEAD, "lead") X(TRIAGE, "triage") \
	X(CATEGORY, "category") X(PROCEDURE, "procedure") X(INVESTIGATION, "investigation") X(RESTORATION, "restoration") \
	X(EVIDENCE, "evidence") X(INDICATORS, "ioc") X(CHANGES, "changes") X(COSTS, "costs") X(REPORT, "report") X(REVIEW, "review") \
	X(CLOSING, "closing")

enum section {
#define SECTION_ENUM(name, key) SECTION_##name,
	INCIDENT_SECTIONS(SECTION_ENUM)
#undef SECTION_ENUM
	SECTION_COUNT
};

static const char *const section_keys[] = {
#define SECTION_KEY(name, key) key,
	INCIDENT_SECTIONS(SECTION_KEY)
#undef SECTION_KEY
};

struct incident_state {
	char ref[64];
	struct incident incident;
	struct line *lines;
	size_t nlines;
	size_t cap;
	size_t top;
	size_t section_line[SECTION_COUNT];	/* where each heading is */
	int section;				/* the one Tab last went to */
	struct form_arg form_arg;
	struct register_arg register_arg;
	struct prompt_arg prompt;
	char context[96];
	char *others;		/* "alice (pts/3), bob (pts/5)": who else has it open */
};

#define LABEL_COLS 24

static void add_line(struct incident_state *st, enum tui_style style, char *safe)
{
	GROW(st->lines, st->cap, st->nlines + 1);
	st->lines[st->nlines].text = safe;
	st->lines[st->nlines].style = style;
	st->nlines++;
}

/* "  label                value" with both parts sanitised; each line of
 * a multi-line value on a row of its own under the first. */
static void add_pair(struct incident_state *st, const char *label, const char *value)
{
	char *l = sanitize(label, 0), *v = sanitize(value && *value ? value : "-", SANITIZE_KEEP_NEWLINES);
	char *line = v, *next;

	do {
		struct strbuf sb = {0};

		next = strchr(line, '\n');
		if (next)
			*next = '\0';
		strbuf_puts(&sb, "  ");
		text_pad(&sb, line == v ? l : "", LABEL_COLS, true);
		strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, line);
		add_line(st, STYLE_NORMAL, strbuf_take(&sb));
		line = next ? next + 1 : NULL;
	} while (line);
	free(l);
	free(v);
}

static void add_heading(struct incident_state *st, enum section section, const char *heading, const char *hint)
{
	add_line(st, STYLE_NORMAL, xstrdup(""));
	st->section_line[section] = st->nlines;
	add_line(st, STYLE_TITLE, xasprintf("%s  %s", heading, hint));
}

static void add_form(struct incident_state *st, const struct form_def *form, const struct field_list *fields)
{
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_def *f = &form->fields[i];
		char *shown = form_value_with_note(f, field_list_find(fields, form->key, f->key));

		add_pair(st, f->label, shown);
		free(shown);
	}
}

static void clear_lines(struct incident_state *st)
{
	for (size_t i = 0; i < st->nlines; i++)
		free(st->lines[i].text);
	st->nlines = 0;
}

static void add_costs(struct incident_state *st, const struct cost_list *costs)
{
	struct cost_totals totals;

	add_heading(st, SECTION_COSTS, "Damage and cost", "(d: add or withdraw lines)");
	cost_totals(costs, &totals);
	if (!totals.len)
		add_line(st, STYLE_DIM, xstrdup("  Nothing recorded yet."));
	for (size_t i = 0; i < totals.len; i++) {
		const struct cost_total *t = &totals.items[i];
		char total[40], *parts = cost_total_breakdown(t), *label = xasprintf("Total %s", t->currency);
		char *text;

		money_format(t->damage + t->containment, total, sizeof(total));
		/* The sum, then how it is made up: one row would not fit. */
		text = xasprintf("%s\n%s", total, parts);
		add_pair(st, label, text);
		free(text);
		free(label);
		free(parts);
	}
	cost_totals_free(&totals);
}

/* A register's section: each record on its line, and where else one
 * like it was seen. */
static void add_register(struct incident_state *st, enum section section, const struct register_def *reg,
			 const struct register_records *records, const char *hint)
{
	add_heading(st, section, reg->kind->title, hint);
	if (!records->records.len) {
		char *none = xasprintf("  No %s yet.", reg->kind->one);
		add_line(st, STYLE_DIM, none);
	}
	for (size_t i = 0; i < records->records.len; i++) {
		const void *r = record_item(reg->kind, &records->records, i);
		char *text = reg->summary(r), *line;
		const char *elsewhere = records->elsewhere.items[i];
		bool gone = record_withdrawn(reg->kind, r);

		/* The line itself, not a label's column: what another incident
		 * holds it too is what the operator looks for. */
		line = xasprintf("  %lld. %s%s%s", (long long)record_number(reg->kind, r), text, *elsewhere ? "  also on " : "",
				 elsewhere);
		add_line(st, gone ? STYLE_DIM : *elsewhere ? STYLE_TITLE : STYLE_NORMAL, sanitize(line, 0));
		free(line);
		free(text);
	}
}

static void add_closing(struct incident_state *st, const struct config *c, const struct incident_record *r)
{
	struct open_items items;

	if (strcmp(st->incident.status, INCIDENT_CLOSED) == 0) {
		add_heading(st, SECTION_CLOSING, "Closed", "(x: reopen, giving a reason)");
		for (size_t i = r->timeline.len; i-- > 0;)
			if (strcmp(r->timeline.items[i].kind, "status") == 0) {
				char *when = time_utc_to_local(r->timeline.items[i].at);
				char *line = xasprintf("by %s: %s", r->timeline.items[i].who, r->timeline.items[i].summary);

				add_pair(st, when, line);
				free(line);
				free(when);
				break;
			}
		return;
	}
	add_heading(st, SECTION_CLOSING, "Closing", "(x: close the incident)");
	incident_open_items(c, &st->incident, r, &items);
	if (!items.len) {
		add_line(st, STYLE_DIM, xstrdup("  Nothing is left open."));
	} else {
		char *line = items.blocking ?
			xasprintf("%zu open; the review must be answered before closing", items.len) :
			xasprintf("%zu open; closing anyway needs a reason", items.len);
		add_pair(st, "Still open", line);
		free(line);
	}
	open_items_free(&items);
}

/* Builds the lines into st, which starts empty but for its ref. */
static bool build(struct tui *tui, struct incident_state *st)
{
	const struct config *c = tui->session->config;
	struct store *store = tui->session->store;
	struct incident_record r;
	const struct field_list *fields = &r.fields;
	const struct choice_list *choices_p = &r.choices;
	struct error err = {0};
	char *text;

	if (store_incident_get(store, st->ref, &st->incident, &err) ||
	    incident_record_load(store, c, &st->incident, session_now(), &r, &err)) {
		tui_error(tui, "%s", err.message);
		return false;
	}
	{
		struct presence_list here;

		if (store_presence_get(store, st->ref, &here, &err) == STATUS_OK && here.len) {
			struct strbuf sb = {0};

			for (size_t i = 0; i < here.len; i++)
				strbuf_printf(&sb, "%s%s%s%s%s", i ? ", " : "", here.items[i].login,
					      *here.items[i].tty ? " (" : "", here.items[i].tty, *here.items[i].tty ? ")" : "");
			st->others = strbuf_take(&sb);
		}
		presence_list_free(&here);
	}
	text = time_utc_to_local(st->incident.created_at);
	{
		char *line = xasprintf("%s by %s", text, st->incident.created_by);
		add_pair(st, "Logged", line);
		free(line);
	}
	free(text);
	text = time_utc_to_local(st->incident.updated_at);
	{
		char *line = xasprintf("%s by %s", text, st->incident.updated_by);
		add_pair(st, "Last change", line);
		add_line(st, STYLE_DIM, xstrdup("  h: the timeline of everything that happened"));
		free(line);
	}
	free(text);

	if (r.deadlines.len) {
		add_heading(st, SECTION_DEADLINES, "Deadlines", "(n: who must be told by when)");
		for (size_t i = 0; i < r.deadlines.len; i++) {
			const struct deadline *d = &r.deadlines.items[i];
			char *left = deadline_describe(d, session_now());
			char *line = xasprintf("%s: %s", d->party, left);

			add_pair(st, deadline_state_label(d->state), line);
			/* Overdue and due soon stand out, in words and style. */
			if (d->state == DEADLINE_OVERDUE || d->state == DEADLINE_WARNING)
				st->lines[st->nlines - 1].style = d->state == DEADLINE_OVERDUE ? STYLE_ERROR : STYLE_TITLE;
			free(line);
			free(left);
		}
	}

	add_heading(st, SECTION_INTAKE, "Intake", "(i: edit)");
	add_form(st, c->intake, fields);

	add_heading(st, SECTION_CALLS, "Calls", "(e: the escalation call list)");
	{
		int reached, next = calls_next(&c->escalation, &r.calls, &reached);
		const struct call_attempt *got = calls_reached(&r.calls);
		const char *who = next >= 0 ? c->escalation.items[next] : NULL;
		const struct contact *ct = who ? config_contact(c, who) : NULL;
		char *line = got ? xasprintf("Reached %s; %zu call%s", got->name, r.calls.len, r.calls.len == 1 ? "" : "s") :
			     ct ? xasprintf("Next: %s, %s; %zu call%s", ct->name,
					    *ct->phone ? ct->phone : "no phone", r.calls.len, r.calls.len == 1 ? "" : "s") :
				  xstrdup("No escalation order configured.");
		add_pair(st, "Escalation", line);
		free(line);
	}

	add_heading(st, SECTION_LEAD, "Lead details", field_list_has_form(fields, "lead") ? "(l: edit)" : "(l: the Incident Response Lead's details)");
	if (field_list_has_form(fields, "lead"))
		add_form(st, c->lead, fields);
	else
		add_line(st, STYLE_DIM, xstrdup("  Not given yet."));

	add_heading(st, SECTION_TRIAGE, "Triage", field_list_has_form(fields, "triage") ? "(t: edit the answers)" : "(t: answer the checklist)");
	if (field_list_has_form(fields, "triage"))
		add_form(st, c->triage, fields);
	else
		add_line(st, STYLE_DIM, xstrdup("  Not answered yet."));

	add_heading(st, SECTION_CATEGORY, "Category", "(c: choose the highest that applies)");
	if (!choices_p->ncategories)
		add_line(st, STYLE_DIM, xstrdup("  Not categorised yet."));
	for (size_t i = choices_p->ncategories; i-- > 0;) {
		const struct category_choice *ch = &choices_p->categories[i];
		char *w = time_utc_to_local(ch->chosen_at);
		char *line = xasprintf("%s (%s), by %s%s%s", ch->label, ch->category, ch->chosen_by,
				       *ch->note ? ": " : "", ch->note);
		add_pair(st, i + 1 == choices_p->ncategories ? w : "  earlier", line);
		free(line);
		free(w);
	}

	add_heading(st, SECTION_PROCEDURE, "Procedure", "(p: choose, s: work the steps)");
	if (!st->incident.procedure) {
		add_line(st, STYLE_DIM, xstrdup("  No procedure chosen yet."));
	} else {
		const struct procedure_def *proc = config_procedure(c, st->incident.procedure);
		struct step_view *views;
		struct step_progress progress;
		size_t n = procedure_step_views(proc, &r.steps, &views);
		char *line;

		procedure_progress(views, n, &progress);
		line = xasprintf("%s: %zu/%zu steps worked", proc ? proc->title : "No procedure applies",
				 progress.worked, progress.total);
		add_pair(st, "Current", line);
		free(line);
		for (size_t i = choices_p->nprocedures; i-- > 1;) {
			const struct procedure_choice *p = &choices_p->procedures[i - 1];
			char *w = time_utc_to_local(p->chosen_at);
			line = xasprintf("%s, chosen %s by %s", p->title, w, p->chosen_by);
			add_pair(st, "  earlier", line);
			free(line);
			free(w);
		}
		free(views);
	}
	add_heading(st, SECTION_INVESTIGATION, "Investigation", "(f: findings and witnesses)");
	{
		char *line = xasprintf("%zu finding%s, %zu witness%s", r.notes.len, r.notes.len == 1 ? "" : "s",
				       r.witnesses.len, r.witnesses.len == 1 ? "" : "es");
		add_pair(st, "Recorded", line);
		free(line);
		if (r.notes.len) {
			const struct note *n = &r.notes.items[r.notes.len - 1];
			line = xasprintf("[%s] %s", note_kind_label(n->kind), n->text);
			add_pair(st, "Latest", line);
			free(line);
		}
	}

	add_heading(st, SECTION_RESTORATION, "Restoration", "(r: work the restoration list)");
	{
		struct step_view *views;
		struct step_progress progress;
		size_t n = restoration_step_views(c->restoration, &r.steps, &views);
		char *line;

		procedure_progress(views, n, &progress);
		line = xasprintf("%s: %zu/%zu steps worked", c->restoration->title, progress.worked, progress.total);
		add_pair(st, "List", line);
		free(line);
		free(views);
	}

	add_heading(st, SECTION_EVIDENCE, "Evidence", "(v: register, custody, verify)");
	if (!r.evidence.len)
		add_line(st, STYLE_DIM, xstrdup("  No evidence yet."));
	for (size_t i = 0; i < r.evidence.len; i++) {
		const struct evidence *e = &r.evidence.items[i];
		char *label = xasprintf("%lld. %s", (long long)e->number, evidence_kind_label(e->kind));
		char *line = xasprintf("%s (held by %s)", e->description, evidence_custodian(&r.evidence, e->number));
		add_pair(st, label, line);
		free(line);
		free(label);
	}

	add_register(st, SECTION_INDICATORS, registers[REGISTER_IOC], &r.registers[REGISTER_IOC],
		     "(I: add, withdraw, seen elsewhere?)");

	add_heading(st, SECTION_CHANGES, "Changes", "(a: propose, approve or reject)");
	if (!r.changes.len)
		add_line(st, STYLE_DIM, xstrdup("  No change proposed yet."));
	for (size_t i = 0; i < r.changes.len; i++) {
		const struct change *ch = &r.changes.items[i];
		char *label = xasprintf("%lld. %s", (long long)ch->number, ch->state);
		char *line = strcmp(ch->state, CHANGE_PROPOSED) == 0 ? xasprintf("%s (by %s)", ch->what, ch->proposed_by) :
				     xasprintf("%s (%s: %s)", ch->what, ch->decided_by, ch->reason);
		add_pair(st, label, line);
		free(line);
		free(label);
	}

	add_costs(st, &r.costs);

	add_heading(st, SECTION_REPORT, "Report", "(o: preview, edit and write the incident report)");
	add_line(st, STYLE_DIM, xstrdup(field_list_has_form(fields, c->report->key) ?
					  "  Edited; fields not edited are filled from the record." :
					  "  Filled from the record until edited."));

	add_heading(st, SECTION_REVIEW, "Post-incident review", "(w: answer the questions)");
	if (field_list_has_form(fields, c->review->key))
		add_form(st, c->review, fields);
	else
		add_line(st, STYLE_DIM, xstrdup("  Not answered yet: needed before closing."));

	add_closing(st, c, &r);
	incident_record_free(&r);
	return true;
}

static void free_state(struct incident_state *st)
{
	FREE(&st->others);
	clear_lines(st);
	FREE(&st->lines);
	st->cap = 0;
	incident_clear(&st->incident);
}

/* Reloads into a fresh copy and swaps it in only when all of it loaded:
 * a busy or failed read leaves the screen as it was, with the message. */
static bool load(struct tui *tui, struct incident_state *st)
{
	struct incident_state fresh;

	memset(&fresh, 0, sizeof(fresh));
	memcpy(fresh.ref, st->ref, sizeof(fresh.ref));
	if (!build(tui, &fresh)) {
		free_state(&fresh);
		return false;
	}
	free_state(st);
	st->incident = fresh.incident;
	st->lines = fresh.lines;
	st->nlines = fresh.nlines;
	st->cap = fresh.cap;
	st->others = fresh.others;
	memcpy(st->section_line, fresh.section_line, sizeof(st->section_line));
	return true;
}

static bool incident_open(struct tui *tui, void *state, const void *arg)
{
	struct incident_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (!load(tui, st))
		return false;
	{
		/* Others see that this operator has it open, and where. */
		const char *tty = ttyname(STDIN_FILENO);
		struct error err = {0};

		if (tty && strncmp(tty, "/dev/", 5) == 0)
			tty += 5;
		store_presence_enter(tui->session->store, st->ref, tty ? tty : "", &tui->session->who, session_now(),
				     &err);
	}
	return true;
}

static void incident_screen_close(struct tui *tui, void *state)
{
	struct incident_state *st = state;

	store_presence_leave(tui->session->store, st->ref);
	free_state(st);
}

static void incident_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct incident_state *st = state;
	int rows = getmaxy(win) - 2, cols = getmaxx(win);
	char *title = xasprintf(" %s  %s", st->incident.ref, st->incident.title);
	char *status = xasprintf("Status: %s   Category: %s%s%s", st->incident.status,
				 st->incident.category ? st->incident.category : "-", st->others ? "   Also open: " : "",
				 st->others ? st->others : "");

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	draw_text(tui, win, 1, 1, cols - 1, STYLE_NORMAL, status);
	if (st->nlines > (size_t)rows && st->top > st->nlines - (size_t)rows)
		st->top = st->nlines - (size_t)rows;
	for (int r = 0; r < rows && st->top + (size_t)r < st->nlines; r++) {
		const struct line *l = &st->lines[st->top + (size_t)r];
		draw_safe(tui, win, 2 + r, 0, cols, l->style, l->text);
	}
	free(title);
	free(status);
}

/* Scrolls so that a section's heading is the first line shown. */
static void show_section(struct incident_state *st, enum section section)
{
	st->section = (int)section;
	st->top = st->section_line[section] > 0 ? st->section_line[section] - 1 : 0;
}

static enum result incident_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct incident_state *st = state;
	const struct config *c = tui->session->config;
	int rows = getmaxy(tui->body) - 2;

	(void)key;
	if (scroll_view(action, &st->top, st->nlines, rows))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_INTAKE:
	case ACTION_TRIAGE:
	case ACTION_LEAD:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		st->form_arg.form = action == ACTION_INTAKE ? c->intake : action == ACTION_LEAD ? c->lead : c->triage;
		st->form_arg.ref = st->ref;
		return tui_push(tui, &form_screen, &st->form_arg);
	case ACTION_CALLS:
		return tui_push(tui, &calls_screen, st->ref);
	case ACTION_CHANGES:
		return tui_push(tui, &changes_screen, st->ref);
	case ACTION_INVESTIGATION:
		return tui_push(tui, &investigation_screen, st->ref);
	case ACTION_EVIDENCE:
		return tui_push(tui, &evidence_screen, st->ref);
	case ACTION_RESTORATION:
		return tui_push(tui, &restoration_screen, st->ref);
	case ACTION_TIMELINE:
		return tui_push(tui, &timeline_screen, st->ref);
	case ACTION_DEADLINES:
		return tui_push(tui, &deadlines_screen, st->ref);
	case ACTION_COSTS:
		return tui_push(tui, &costs_screen, st->ref);
	case ACTION_INDICATORS:
		st->register_arg = (struct register_arg){.ref = st->ref, .reg = registers[REGISTER_IOC]};
		return tui_push(tui, &register_screen, &st->register_arg);
	case ACTION_REPORT:
		return tui_push(tui, &report_screen, st->ref);
	case ACTION_REVIEW:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		st->form_arg.form = c->review;
		st->form_arg.ref = st->ref;
		return tui_push(tui, &form_screen, &st->form_arg);
	case ACTION_CLOSE:
		if (!tui_writable(tui))
			return RESULT_HANDLED;
		if (strcmp(st->incident.status, INCIDENT_CLOSED) == 0) {
			snprintf(st->context, sizeof(st->context), "Reopen %s", st->incident.ref);
			tui_ask(tui, &st->prompt, st->context, "Why reopen it? (required: it goes on the timeline)",
				TAG_REOPEN_REASON, true);
			return RESULT_PUSH;
		}
		return tui_push(tui, &closing_screen, st->ref);
	case ACTION_NEXT_FIELD:
	case ACTION_PREV_FIELD: {
		/* Tab and Shift-Tab go round the sections. Which one is current is
		 * kept, not guessed from the scroll: the last sections share the
		 * last page, so their headings cannot all be at the top. */
		int k = action == ACTION_NEXT_FIELD ? (st->section + 1) % SECTION_COUNT :
						      (st->section + SECTION_COUNT - 1) % SECTION_COUNT;
		show_section(st, (enum section)k);
		return RESULT_HANDLED;
	}
	case ACTION_CATEGORY:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		return tui_push(tui, &category_screen, st->ref);
	case ACTION_PROCEDURE:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		return tui_push(tui, &procedure_screen, st->ref);
	case ACTION_STEPS:
		if (!st->incident.procedure) {
			tui_error(tui, "No procedure chosen yet: press p to choose one.");
			return RESULT_HANDLED;
		}
		return tui_push(tui, &steps_screen, st->ref);
	default:
		return RESULT_IGNORED;
	}
}

static void incident_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct incident_state *st = state;
	struct session *s = tui->session;
	struct error err = {0};

	if (result && result->ok && result->tag == TAG_REOPEN_REASON) {
		if (incident_reopen(s->store, s->config, &st->incident, result->text, &s->who, session_now(), &err))
			tui_error(tui, "Not reopened: %s", err.message);
		else
			tui_message(tui, "%s reopened.", st->incident.ref);
	}
	load(tui, st);
	/* Back from a form or picker: show the part that was just worked on. */
	for (int k = 0; result && result->ok && k < SECTION_COUNT; k++)
		if (strcmp(result->text, section_keys[k]) == 0)
			show_section(st, (enum section)k);
	if (result && result->tag == TAG_PROCEDURE_CHOSEN && result->ok)
		tui_push(tui, &steps_screen, st->ref);
}

static const struct screen_key incident_keys[] = {
	HINT_KEY(NEXT_FIELD, "Section", "Jump to the next section"),
	/* The bar is full: editing the intake is in the help and its heading. */
	MORE_KEY(INTAKE, NULL, NULL),
	/* Each section's heading names its key; the bar has the main ones. */
	MORE_KEY(LEAD, NULL, NULL),
	HINT_KEY(CALLS, NULL, NULL),
	HINT_KEY(TRIAGE, NULL, NULL),
	HINT_KEY(CATEGORY, "Categ.", NULL),
	HINT_KEY(PROCEDURE, "Proc.", NULL),
	HINT_KEY(STEPS, NULL, NULL),
	HINT_KEY(INVESTIGATION, "Notes", NULL),
	HINT_KEY(CHANGES, NULL, NULL),
	MORE_KEY(EVIDENCE, NULL, NULL),
	MORE_KEY(RESTORATION, NULL, NULL),
	MORE_KEY(TIMELINE, NULL, NULL),
	MORE_KEY(DEADLINES, NULL, NULL),
	MORE_KEY(COSTS, NULL, NULL),
	MORE_KEY(INDICATORS, NULL, NULL),
	MORE_KEY(REPORT, NULL, NULL),
	MORE_KEY(REVIEW, NULL, NULL),
	MORE_KEY(CLOSE, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the list"),
	/* The bar is full here; ? works as on every screen. */
	MORE_KEY(HELP, NULL, NULL),
	MORE_KEY(PREV_FIELD, "Section", "Jump to the previous section"),
	MOVE_KEYS("a line"),
	KEYS_END,
};

const struct screen_ops incident_screen = {
	.name = "incident",
	.state_size = sizeof(struct incident_state),
	.open = incident_open,
	.draw = incident_draw,
	.handle = incident_handle,
	.resume = incident_resume,
	.close = incident_screen_close,
	.keys = incident_keys,
};
