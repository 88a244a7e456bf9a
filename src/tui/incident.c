/* The incident view: everything recorded about one incident, in the
 * sections sirt show prints (sirt/whole.h), with single keys to work on
 * each part of the plan. A section's heading names its key only for what
 * this login may do there on the incident as it stands, or may look at. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sirt/clock.h"
#include "sirt/closing.h"
#include "sirt/config.h"
#include "sirt/incident.h"
#include "sirt/mem.h"
#include "sirt/record.h"
#include "sirt/store.h"
#include "sirt/whole.h"
#include "tui.h"

struct row {
	char *text;
	enum tui_style style;
};

struct incident_state {
	char ref[64];
	struct incident incident;
	struct whole whole;	/* the sections, as show has them */
	struct row *rows;	/* the sections laid out, for width columns */
	size_t nrows;
	size_t cap;
	int width;
	size_t *section_row;	/* where each section starts: its heading */
	size_t top;
	size_t section;		/* the one Tab last went to */
	struct form_arg form_arg;
	struct register_arg register_arg;
	struct prompt_arg prompt;
	char context[96];
	char *others;		/* "alice (pts/3), bob (pts/5)": who else has it open */
};

/* What a section's heading offers: the view's key for its part of the
 * plan, what that key shows anyone, and the work it leads to, each
 * offered to those whose role allows its action (sirt/roles.h). */
struct work {
	enum action action;	/* as the screen the key opens has it */
	const char *words;
};

struct offer {
	const char *section;
	enum action key;
	const char *look;	/* NULL: the key is for the work alone */
	struct work work[3];
	/* What the work adds: a closed incident still takes a kind that
	 * outlives it (evidence); NULL: the work is on the incident itself. */
	const struct record_kind *kind;
	const char *reopen;	/* not NULL: on a closed incident the work is this */
	bool needs_procedure;
};

static const struct offer offers[] = {
	{"deadlines", ACTION_DEADLINES, "who must be told by when", {{0}}, NULL, NULL, false},
	{"intake", ACTION_INTAKE, NULL, {{ACTION_INTAKE, "edit"}}, NULL, NULL, false},
	{"calls", ACTION_CALLS, "the escalation call list", {{ACTION_CALL_REACHED, "call down the escalation list"}},
	 &call_kind, NULL, false},
	{"lead", ACTION_LEAD, NULL, {{ACTION_LEAD, "edit"}}, NULL, NULL, false},
	{"triage", ACTION_TRIAGE, NULL, {{ACTION_TRIAGE, "answer the checklist"}}, NULL, NULL, false},
	{"category", ACTION_CATEGORY, NULL, {{ACTION_CATEGORY, "choose the highest that applies"}}, NULL, NULL, false},
	{"procedure", ACTION_PROCEDURE, NULL, {{ACTION_PROCEDURE, "choose one"}}, NULL, NULL, false},
	{"steps", ACTION_STEPS, "the steps", {{ACTION_MARK_DONE, "work the steps"}}, NULL, NULL, true},
	{"investigation", ACTION_INVESTIGATION, "findings and witnesses",
	 {{ACTION_ADD_NOTE, "record findings"}, {ACTION_ADD_WITNESS, "add witnesses"}}, &note_kind, NULL, false},
	{"evidence", ACTION_EVIDENCE, "the register and chain of custody",
	 {{ACTION_ADD_EVIDENCE, "add"}, {ACTION_HAND_OVER, "hand over"}, {ACTION_VERIFY, "verify"}}, &evidence_kind, NULL,
	 false},
	{"changes", ACTION_CHANGES, "the changes and their decisions",
	 {{ACTION_PROPOSE, "propose"}, {ACTION_APPROVE, "approve or reject"}}, &change_kind, NULL, false},
	{"restoration", ACTION_RESTORATION, "the restoration list", {{ACTION_MARK_DONE, "work the restoration list"}},
	 NULL, NULL, false},
	{"costs", ACTION_COSTS, "the lines and their totals", {{ACTION_ADD_COST, "add or withdraw lines"}}, &cost_kind,
	 NULL, false},
	{"report", ACTION_REPORT, "preview and write the incident report",
	 {{ACTION_EDIT_REPORT, "preview, edit and write the incident report"}}, NULL, NULL, false},
	{"review", ACTION_REVIEW, NULL, {{ACTION_REVIEW, "answer the questions"}}, NULL, NULL, false},
	{"timeline", ACTION_TIMELINE, "everything that happened, by kind", {{0}}, NULL, NULL, false},
	{"closing", ACTION_CLOSE, NULL, {{ACTION_CLOSE, "close the incident"}}, NULL, "reopen, giving a reason", false},
};

/* The view's key for each register of registers[] that has one. */
static const struct {
	const char *kind;
	enum action key;
} register_keys[] = {
	{"ioc", ACTION_INDICATORS},
	{"decision", ACTION_DECISIONS},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool closed(const struct incident_state *st)
{
	return st->incident.status && strcmp(st->incident.status, INCIDENT_CLOSED) == 0;
}

/* "(k: words)", or NULL when the key has nothing to offer. */
static char *hint(enum action key, const char *words)
{
	const char *name = keymap_key_name(incident_screen.name, KEYMAP_BROWSE, key);

	return name && words && *words ? xasprintf("(%s: %s)", name, words) : NULL;
}

static char *offer_hint(struct tui *tui, const struct incident_state *st, const struct offer *o)
{
	bool is_closed = closed(st);
	bool state_allows = !is_closed || o->reopen || (o->kind && o->kind->outlives_closing);
	struct strbuf words = {0};
	char *text;

	if (o->needs_procedure && !st->incident.procedure)
		return NULL;
	for (size_t i = 0; i < COUNT(o->work) && o->work[i].words; i++)
		if (!tui->session->read_only && state_allows && tui_may(tui, o->work[i].action))
			strbuf_printf(&words, "%s%s", words.len ? ", " : "",
				      is_closed && o->reopen ? o->reopen : o->work[i].words);
	if (!words.len && o->look)
		strbuf_puts(&words, o->look);
	text = hint(o->key, strbuf_str(&words));
	strbuf_free(&words);
	return text;
}

static enum action register_key(const struct register_def *reg)
{
	for (size_t i = 0; i < COUNT(register_keys); i++)
		if (strcmp(register_keys[i].kind, reg->kind->name) == 0)
			return register_keys[i].key;
	return ACTION_NONE;
}

static const struct register_def *register_of_key(enum action key)
{
	for (size_t i = 0; i < COUNT(register_keys); i++)
		if (register_keys[i].key == key)
			return register_find(register_keys[i].kind);
	return NULL;
}

/* A register offers adding (and withdrawing) to the role it names. */
static char *register_hint(struct tui *tui, const struct incident_state *st, const struct register_def *reg)
{
	const struct session *s = tui->session;
	bool work = !s->read_only && (!closed(st) || reg->kind->outlives_closing) && may(s->config, &s->who, reg->needs);
	char *words = xasprintf("%s%s%s%s", work ? "add" : "", work && reg->withdraw ? ", withdraw" : "",
				work && reg->same_by ? ", " : "", reg->same_by ? "seen elsewhere?" : work ? "" : "the register");
	char *text = hint(register_key(reg), words);

	free(words);
	return text;
}

/* Whether a clock of the plan runs from a decision, or applies only once
 * one is recorded (NIS2's, the SEC's): until it is, the deadlines say
 * nothing of them, and the Decisions section is far below. */
static bool clocks_wait_on_decisions(const struct config *c)
{
	for (size_t i = 0; i < c->ndeadlines; i++)
		if (c->deadlines[i].start == DEADLINE_FROM_DECIDED || c->deadlines[i].condition == DEADLINE_IF_DECIDED)
			return true;
	return false;
}

/* The deadlines' heading: n, and D where clocks wait on a decision. */
static char *deadlines_hint(struct tui *tui, const struct incident_state *st, const struct offer *o)
{
	const struct session *s = tui->session;
	const struct register_def *reg = register_of_key(ACTION_DECISIONS);
	const char *d = keymap_key_name(incident_screen.name, KEYMAP_BROWSE, ACTION_DECISIONS);
	char *text = offer_hint(tui, st, o), *with;
	bool work;

	if (!text || !reg || !d || !clocks_wait_on_decisions(s->config))
		return text;
	work = !s->read_only && (!closed(st) || reg->kind->outlives_closing) && may(s->config, &s->who, reg->needs);
	text[strlen(text) - 1] = '\0';	/* the ")" */
	with = xasprintf("%s; %s: %s)", text, d, work ? "decide" : "decisions");
	free(text);
	return with;
}

static char *section_hint(struct tui *tui, const struct incident_state *st, const struct whole_section *section)
{
	/* A register of the view's own (registers[]); the older kinds have
	 * registers too, but their sections and keys are in offers[]. */
	for (size_t i = 0; i < REGISTER_COUNT; i++)
		if (strcmp(registers[i]->kind->name, section->key) == 0)
			return register_hint(tui, st, registers[i]);
	for (size_t i = 0; i < COUNT(offers); i++)
		if (strcmp(offers[i].section, section->key) == 0)
			return offers[i].key == ACTION_DEADLINES ? deadlines_hint(tui, st, &offers[i]) :
								   offer_hint(tui, st, &offers[i]);
	return NULL;
}

static void row_add(struct incident_state *st, char *text, enum tui_style style)
{
	GROW(st->rows, st->cap, st->nrows + 1);
	st->rows[st->nrows].text = text;
	st->rows[st->nrows].style = style;
	st->nrows++;
}

static void rows_clear(struct incident_state *st)
{
	for (size_t i = 0; i < st->nrows; i++)
		free(st->rows[i].text);
	st->nrows = 0;
}

static enum tui_style mark_style(enum whole_mark mark)
{
	switch (mark) {
	case WHOLE_DIM: return STYLE_DIM;
	case WHOLE_ATTENTION: return STYLE_TITLE;
	case WHOLE_OVERDUE: return STYLE_ERROR;
	case WHOLE_NORMAL: break;
	}
	return STYLE_NORMAL;
}

/* Lays the sections out in rows of cols columns, each line's rows as
 * show prints them, wrapped where show's would be longer. The first
 * section, the incident itself, goes under the screen's own title. */
static void lay_out(struct tui *tui, struct incident_state *st, int cols)
{
	rows_clear(st);
	st->width = cols;
	FREE(&st->section_row);
	st->section_row = xcalloc(st->whole.len ? st->whole.len : 1, sizeof(*st->section_row));
	for (size_t i = 0; i < st->whole.len; i++) {
		const struct whole_section *s = &st->whole.sections[i];

		if (i > 0) {
			char *h = section_hint(tui, st, s);

			row_add(st, xstrdup(""), STYLE_NORMAL);
			st->section_row[i] = st->nrows;
			row_add(st, h ? xasprintf("%s  %s", s->title, h) : xstrdup(s->title), STYLE_TITLE);
			free(h);
		}
		for (size_t k = 0; k < s->len; k++) {
			struct strlist rows = {0};

			whole_line_rows(&s->lines[k], cols, &rows);
			for (size_t r = 0; r < rows.len; r++)
				row_add(st, rows.items[r], mark_style(s->lines[k].mark));
			rows.len = 0;	/* the rows own them now */
			strlist_free(&rows);
		}
	}
}

/* Who else has the incident open, or NULL. */
static char *others_here(struct store *store, const char *ref)
{
	struct presence_list here;
	struct error err = {0};
	char *text = NULL;

	if (store_presence_get(store, ref, &here, &err) == STATUS_OK && here.len) {
		struct strbuf sb = {0};

		for (size_t i = 0; i < here.len; i++)
			strbuf_printf(&sb, "%s%s%s%s%s", i ? ", " : "", here.items[i].login,
				      *here.items[i].tty ? " (" : "", here.items[i].tty, *here.items[i].tty ? ")" : "");
		text = strbuf_take(&sb);
	}
	presence_list_free(&here);
	return text;
}

static void free_state(struct incident_state *st)
{
	FREE(&st->others);
	rows_clear(st);
	FREE(&st->rows);
	FREE(&st->section_row);
	st->cap = 0;
	whole_free(&st->whole);
	incident_clear(&st->incident);
}

/* Reads the incident and its record again; a busy or failed read leaves
 * the screen as it was, with the message. */
static bool load(struct tui *tui, struct incident_state *st)
{
	const struct config *c = tui->session->config;
	struct store *store = tui->session->store;
	struct incident incident = {0};
	struct incident_record r;
	struct error err = {0};

	if (store_incident_get(store, st->ref, &incident, &err) ||
	    incident_record_load(store, c, &incident, session_now(), &r, &err)) {
		incident_clear(&incident);
		tui_error(tui, "%s", err.message);
		return false;
	}
	free_state(st);
	st->incident = incident;
	whole_build(c, &st->incident, &r, session_now(), &st->whole);
	incident_record_free(&r);
	st->others = others_here(store, st->ref);
	lay_out(tui, st, tui->body ? getmaxx(tui->body) : TUI_MIN_COLS);
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

/* The section whose rows the top row is among. */
static size_t section_at(const struct incident_state *st, size_t row)
{
	size_t k = 0;

	for (size_t i = 0; i < st->whole.len; i++)
		if (st->section_row[i] <= row)
			k = i;
	return k;
}

static void incident_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct incident_state *st = state;
	int rows = getmaxy(win) - 2, cols = getmaxx(win);
	char *title = xasprintf(" %s", st->whole.len ? st->whole.sections[0].title : st->ref);
	char *status = xasprintf("Status: %s   Category: %s%s%s", st->incident.status,
				 st->incident.category ? st->incident.category : "-", st->others ? "   Also open: " : "",
				 st->others ? st->others : "");

	if (cols != st->width) {
		/* Resized: laid out again, the same section at the top. */
		size_t k = section_at(st, st->top), into = st->top - st->section_row[k];

		lay_out(tui, st, cols);
		st->top = st->section_row[k] + into;
	}
	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	draw_text(tui, win, 1, 1, cols - 1, STYLE_NORMAL, status);
	if (st->nrows > (size_t)rows && st->top > st->nrows - (size_t)rows)
		st->top = st->nrows - (size_t)rows;
	for (int r = 0; r < rows && st->top + (size_t)r < st->nrows; r++) {
		const struct row *l = &st->rows[st->top + (size_t)r];
		draw_text(tui, win, 2 + r, 0, cols, l->style, l->text);
	}
	free(title);
	free(status);
}

/* Scrolls so that a section's heading is the first line shown. */
static void show_section(struct incident_state *st, size_t section)
{
	st->section = section;
	st->top = st->section_row[section] > 0 ? st->section_row[section] - 1 : 0;
}

static enum result incident_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct incident_state *st = state;
	const struct config *c = tui->session->config;
	int rows = getmaxy(tui->body) - 2;

	(void)key;
	if (scroll_view(action, &st->top, st->nrows, rows))
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
		if (closed(st)) {
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
		size_t n = st->whole.len;

		if (n)
			show_section(st, action == ACTION_NEXT_FIELD ? (st->section + 1) % n : (st->section + n - 1) % n);
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
		st->register_arg = (struct register_arg){.ref = st->ref, .reg = register_of_key(action)};
		return st->register_arg.reg ? tui_push(tui, &register_screen, &st->register_arg) : RESULT_IGNORED;
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
	for (size_t k = 0; result && result->ok && result->text && k < st->whole.len; k++)
		if (strcmp(result->text, st->whole.sections[k].key) == 0)
			show_section(st, k);
	if (result && result->tag == TAG_PROCEDURE_CHOSEN && result->ok)
		tui_push(tui, &steps_screen, st->ref);
}

/* A closed incident's bar offers no work on it (its headings neither):
 * looking around, what outlives it, and reopening. */
static bool incident_offers(struct tui *tui, void *state, enum action action)
{
	(void)tui;
	if (!closed(state))
		return true;
	switch (action) {
	case ACTION_INTAKE:
	case ACTION_LEAD:
	case ACTION_TRIAGE:
	case ACTION_CATEGORY:
	case ACTION_PROCEDURE:
		return false;
	default:
		return true;
	}
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
	/* Where the bar has room (wider than 80 columns); the help, its
	 * section's heading and, when a clock waits on a decision, the
	 * deadlines' heading at the top name it always. */
	HINT_KEY(DECISIONS, NULL, NULL),
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
	.offers = incident_offers,
	.keys = incident_keys,
};
