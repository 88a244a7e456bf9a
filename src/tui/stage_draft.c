/* The draft of a regime stage's submission (d on the notifications
 * screen): filled from the record (core/stage_draft.c), edited in a box,
 * then recorded as sent with how and the authority's reference, the
 * edited text kept with it. */
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/deadline.h"
#include "sirt/mem.h"
#include "sirt/record.h"
#include "sirt/stage_draft.h"
#include "sirt/store.h"
#include "tui.h"

struct stage_draft_state {
	char ref[64];
	char rule[128];
	char party[256];
	struct incident incident;
	struct editor text;
	size_t missing;
	bool met;		/* recorded as sent already: nothing to record */
	bool dirty;
	char *how;		/* between the two questions of recording it */
	char context[512];
	struct choose_arg choose;
	struct prompt_arg prompt;
	struct prompt_arg discard;
	struct prompt_arg gaps;
	char gaps_context[160];
};

/* The gaps the draft still has as edited: "[to be written]" and
 * "[missing]", as core/stage_draft.c fills an item the record lacks. */
static size_t gaps_left(const struct editor *text)
{
	static const char *const marks[] = {"[to be written]", "[missing]"};
	char *all = editor_text(text);
	size_t n = 0;

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		for (const char *p = all; (p = strstr(p, marks[i])); p += strlen(marks[i]))
			n++;
	free(all);
	return n;
}

/* How it was sent: the first of the two questions of recording it. */
static enum result ask_how(struct tui *tui, struct stage_draft_state *st)
{
	static const char *const hows[] = {"email", "phone", "portal", "letter", "in-person", "other", NULL};
	static const char *const how_labels[] = {"e-mail", "phone", "portal", "letter", "in person", "other"};

	snprintf(st->context, sizeof(st->context), "How was this sent to %s?", st->party);
	st->choose = (struct choose_arg){.question = st->context, .labels = how_labels, .keys = hows,
					 .count = sizeof(how_labels) / sizeof(how_labels[0]), .tag = TAG_DEADLINE_HOW};
	return tui_push(tui, &choose_screen, &st->choose);
}

/* The draft as the record fills it now, or NULL (the message says why). */
static char *draft_text(struct tui *tui, struct stage_draft_state *st, size_t *missing)
{
	struct session *s = tui->session;
	const struct deadline_rule *rule = config_deadline(s->config, st->rule);
	struct incident_record record;
	struct decision_list decisions;
	struct error err = {0};
	const struct deadline *d = NULL;
	char *text;

	if (!rule || !rule->regime) {
		tui_error(tui, "Only a regime's stage has a draft: %s is the plan's own deadline.", st->rule);
		return NULL;
	}
	if (incident_record_load(s->store, s->config, &st->incident, session_now(), &record, &err)) {
		tui_error(tui, "%s", err.message);
		return NULL;
	}
	decisions = incident_record_decisions(&record);
	for (size_t i = 0; i < record.deadlines.len && !d; i++)
		if (record.deadlines.items[i].rule == rule && strcmp(record.deadlines.items[i].party, st->party) == 0)
			d = &record.deadlines.items[i];
	{
		struct stage_draft_input in = {.config = s->config, .rule = rule, .incident = &st->incident,
					       .fields = &record.fields, .choices = &record.choices,
					       .decisions = &decisions, .met = &record.met, .deadline = d,
					       .now = session_now()};

		text = stage_draft_render(&in, missing);
	}
	st->met = d && d->met;
	incident_record_free(&record);
	return text;
}

static bool stage_draft_open(struct tui *tui, void *state, const void *arg)
{
	const struct stage_draft_arg *a = arg;
	struct stage_draft_state *st = state;
	struct error err = {0};
	char *text;

	snprintf(st->ref, sizeof(st->ref), "%s", a->ref);
	snprintf(st->rule, sizeof(st->rule), "%s", a->rule);
	snprintf(st->party, sizeof(st->party), "%s", a->party);
	if (store_incident_get(tui->session->store, st->ref, &st->incident, &err)) {
		tui_error(tui, "%s", err.message);
		return false;
	}
	if (!(text = draft_text(tui, st, &st->missing))) {
		incident_clear(&st->incident);
		return false;
	}
	editor_init(&st->text);
	st->text.multiline = true;
	st->text.max_bytes = DEADLINE_SENT_MAX;
	editor_set(&st->text, text);
	st->text.cursor = 0;
	free(text);
	return true;
}

static void stage_draft_close(struct tui *tui, void *state)
{
	struct stage_draft_state *st = state;

	(void)tui;
	editor_free(&st->text);
	incident_clear(&st->incident);
	free(st->how);
}

static void stage_draft_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct stage_draft_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win);
	char *line = xasprintf(" Draft of %s: %s", st->rule, st->ref);
	char *missing = st->met ? xstrdup(" Recorded as sent already: Enter on the deadline reads what was sent.") :
			st->missing ? xasprintf(" %zu item%s still missing: listed at the end. Edit it, then ^S when sent.",
						st->missing, st->missing == 1 ? "" : "s") :
				      xstrdup(" Nothing missing. Edit it if need be, then ^S when sent.");

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	draw_text(tui, win, 1, 0, cols, st->missing && !st->met ? STYLE_ERROR : STYLE_DIM, missing);
	free(line);
	free(missing);
	for (int r = 0; r < rows - 2; r++)
		draw_editor_row(tui, win, 2 + r, 1, cols - 2, rows - 2, r, STYLE_NORMAL, &st->text, true);
	/* The cursor: its row in the box and its column in that row. */
	{
		size_t n;
		const size_t *starts = editor_rows(&st->text, cols - 2, &n);
		size_t row = editor_cursor_row(&st->text, starts, n);

		if (row >= st->text.top_row && row < st->text.top_row + (size_t)(rows - 2))
			tui_cursor(tui, win, 2 + (int)(row - st->text.top_row),
				   1 + editor_columns(&st->text, starts[row], st->text.cursor));
	}
}

/* Up or down by rows of the box, to the same column or the row's end. */
static void move_rows(struct stage_draft_state *st, int cols, int by)
{
	size_t n;
	const size_t *starts = editor_rows(&st->text, cols, &n);
	size_t row = editor_cursor_row(&st->text, starts, n), target, end;
	int column = editor_columns(&st->text, starts[row], st->text.cursor);

	if (by < 0)
		target = (size_t)-by > row ? 0 : row - (size_t)-by;
	else
		target = row + (size_t)by >= n ? n - 1 : row + (size_t)by;
	end = target + 1 < n ? starts[target + 1] : st->text.len;
	if (end > starts[target] && target + 1 < n)
		end--;		/* the row's last character is its newline or blank */
	st->text.cursor = starts[target];
	while (st->text.cursor < end && editor_columns(&st->text, starts[target], st->text.cursor + 1) <= column)
		st->text.cursor++;
}

static enum result stage_draft_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct stage_draft_state *st = state;
	int cols = getmaxx(tui->body) - 2, rows = getmaxy(tui->body) - 2;
	size_t gaps;

	switch (action) {
	case ACTION_SAVE:
		if (!tui_writable(tui))
			return RESULT_HANDLED;
		if (!tui_may(tui, ACTION_MARK_MET)) {
			tui_error(tui, "Recording it as sent needs the responder role.");
			return RESULT_HANDLED;
		}
		/* Asked how and the reference only to be told at the end. */
		if (st->met) {
			tui_error(tui, "%s was recorded as sent already; nothing more to record.", st->rule);
			return RESULT_HANDLED;
		}
		/* A placeholder sent to a regulator is worse than a late
		 * answer: ask before recording one as what was sent. */
		if ((gaps = gaps_left(&st->text))) {
			snprintf(st->gaps_context, sizeof(st->gaps_context),
				 "The draft still has %zu gap%s: [to be written] or [missing].", gaps,
				 gaps == 1 ? "" : "s");
			st->gaps = (struct prompt_arg){.context = st->gaps_context,
						       .question = "Record it as sent as it stands?",
						       .tag = TAG_DRAFT_GAPS, .yes_no = true};
			return tui_push(tui, &confirm_screen, &st->gaps);
		}
		return ask_how(tui, st);
	case ACTION_OPEN:
		if (editor_insert(&st->text, L'\n'))
			st->dirty = true;
		return RESULT_HANDLED;
	case ACTION_MOVE_UP:
	case ACTION_MOVE_DOWN:
	case ACTION_PAGE_UP:
	case ACTION_PAGE_DOWN:
		move_rows(st, cols, action == ACTION_MOVE_UP ? -1 : action == ACTION_MOVE_DOWN ? 1 :
			  action == ACTION_PAGE_UP ? -(rows > 2 ? rows - 1 : 1) : (rows > 2 ? rows - 1 : 1));
		return RESULT_HANDLED;
	case ACTION_BACK:
		if (!st->dirty)
			return tui_pop(tui, TAG_NONE, false, NULL);
		st->discard = (struct prompt_arg){.context = "The draft was edited; it is not kept anywhere else.",
						  .question = "Leave the draft and lose the edits?", .tag = TAG_DISCARD,
						  .yes_no = true};
		return tui_push(tui, &confirm_screen, &st->discard);
	case ACTION_NONE: {
		size_t before = st->text.len;
		bool printable = !key->function && key->code >= ' ' && key->code != 0x7f;

		if (editor_key(&st->text, key)) {
			if (st->text.len != before)
				st->dirty = true;
		} else if (printable) {
			tui_error(tui, "The draft is full: at most %zu bytes fit.", st->text.max_bytes);
		}
		return RESULT_HANDLED;
	}
	default:
		return RESULT_IGNORED;
	}
}

static void stage_draft_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct stage_draft_state *st = state;
	struct session *s = tui->session;
	struct error err = {0};

	if (!result)
		return;
	if (result->tag == TAG_DISCARD && result->ok) {
		tui_pop(tui, TAG_NONE, false, NULL);
		return;
	}
	if (result->tag == TAG_DRAFT_GAPS) {
		if (result->ok)
			ask_how(tui, st);
		return;
	}
	if (result->ok && result->tag == TAG_DEADLINE_HOW) {
		free(st->how);
		st->how = xstrdup(result->text);
		snprintf(st->context, sizeof(st->context), "Sent to %s by %s", st->party, st->how);
		tui_ask(tui, &st->prompt, st->context, "The authority's reference (optional)", TAG_DEADLINE_REFERENCE,
			false);
		return;
	}
	if (result->ok && result->tag == TAG_DEADLINE_REFERENCE && st->how) {
		char *sent = editor_text(&st->text);
		enum status rc = incident_mark_deadline_met_sent(s->store, s->config, &st->incident, st->rule, st->party,
								 st->how, result->text, sent, &s->who, session_now(),
								 &err);

		free(sent);
		FREE(&st->how);
		if (rc) {
			tui_error(tui, "Not saved: %s", err.message);
			return;
		}
		st->dirty = false;
		tui_message(tui, "Recorded: %s was sent the draft (%s).", st->party, st->rule);
		tui_pop(tui, TAG_SAVED, true, st->rule);
		return;
	}
	FREE(&st->how);
}

static bool stage_draft_edits_text(void *state)
{
	(void)state;
	return true;
}

static bool stage_draft_dirty(void *state)
{
	return ((struct stage_draft_state *)state)->dirty;
}

static const struct screen_key stage_draft_keys[] = {
	HINT_KEY(SAVE, "Sent", "Record it as sent: how, and the authority's reference; the text edited is kept with it"),
	HINT_KEY(BACK, NULL, "Back to the notifications (asks first if it was edited)"),
	HINT_KEY(HELP, NULL, NULL),
	MORE_KEY(OPEN, "New line", "A new line in the draft"),
	MORE_KEY(MOVE_UP, NULL, "Up a row of the draft"),
	MORE_KEY(MOVE_DOWN, NULL, "Down a row of the draft"),
	MORE_KEY(PAGE_UP, NULL, "Up one page"),
	MORE_KEY(PAGE_DOWN, NULL, "Down one page"),
	KEYS_END,
};

const struct screen_ops stage_draft_screen = {
	.name = "stage-draft",
	.state_size = sizeof(struct stage_draft_state),
	.open = stage_draft_open,
	.draw = stage_draft_draw,
	.handle = stage_draft_handle,
	.resume = stage_draft_resume,
	.close = stage_draft_close,
	.edits_text = stage_draft_edits_text,
	.dirty = stage_draft_dirty,
	.keys = stage_draft_keys,
};
