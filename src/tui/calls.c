/* The escalation call list (R3): the 24/7 number and the roster in the
 * configured order, the next person to call highlighted, above the
 * register of calls made. One key says the outcome of a call to the
 * selected contact and opens the call's form, where a note may follow. */
#include <stdlib.h>
#include <string.h>

#include "sirt/calls.h"
#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/mem.h"
#include "sirt/register.h"
#include "sirt/sanitize.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/whole.h"
#include "tui.h"

struct calls_state {
	struct register_view view;	/* first: the register's parts take the state */
	size_t contact;			/* the selected one: an index into the escalation order */
	struct call_typed call;		/* what the form is given: the contact */
};

static struct call_list calls_made(const struct calls_state *st)
{
	return (struct call_list){.items = st->view.records.records.items, .len = st->view.records.records.len};
}

/* After a call: the cursor goes to whoever is next, or stays where it is
 * once someone was reached; the calls made show the latest in full. */
static void cursor_to_next(struct tui *tui, struct calls_state *st)
{
	struct call_list calls = calls_made(st);
	int reached, next = calls_next(&tui->session->config->escalation, &calls, &reached);

	if (next >= 0)
		st->contact = (size_t)next;
	st->view.cursor = calls.len ? calls.len - 1 : 0;
}

static bool calls_open(struct tui *tui, void *state, const void *arg)
{
	struct calls_state *st = state;

	if (tui->session->config->escalation.len == 0) {
		tui_error(tui, "No escalation order in the config: list the contacts under [escalation] order.");
		return false;
	}
	st->view.empty = "No call logged yet: r, n, m or w logs one to the selected contact.";
	st->view.read_more = "… more: Enter on its contact reads it whole.";
	st->view.given = &st->call;
	if (!register_view_open(tui, &st->view, arg, &call_register, "calls"))
		return false;
	cursor_to_next(tui, st);
	return true;
}

/* The roster's columns, each as wide as what it holds: the Role gets
 * the room left (up to its longest); where that is too little, the
 * calls made to each go (they are below, and Enter reads them). */
struct roster_columns {
	int name, role, phone, calls, gap;	/* calls 0: not shown */
};

/* " > 1. ": the mark (next, reached) and the place in the order. */
#define ROW_LEAD 6

/* "2, no answer": the calls made to a contact and how the last went. */
static char *calls_cell(const struct call_list *calls, const char *id)
{
	const struct call_attempt *last = calls_last_to(calls, id);

	return last ? xasprintf("%zu, %s", calls_to(calls, id), call_outcome_label(last->outcome)) : xstrdup("");
}

static int width_of(const char *text, int at_least, int at_most)
{
	char *safe = sanitize(text, 0);
	int w = text_width(safe);

	free(safe);
	return w < at_least ? at_least : w > at_most ? at_most : w;
}

/* Where the row leaves the role room for its longest, with the calls
 * made (two columns between, then one), else without them; with too
 * little room all the same, the calls made stay if the role keeps 12. */
static struct roster_columns roster_layout(const struct calls_state *st, const struct config *c, int cols)
{
	static const struct {
		bool calls;
		int gap;
	} tries[] = {{true, 2}, {true, 1}, {false, 2}, {false, 1}};
	struct call_list calls = calls_made(st);
	struct roster_columns w = {.name = 4, .phone = 5};
	int role = 4, made = 11, room = 0;

	for (size_t i = 0; i < c->escalation.len; i++) {
		const struct contact *ct = config_contact(c, c->escalation.items[i]);
		char *cell = calls_cell(&calls, ct->id);

		w.name = width_of(ct->name, w.name, 24);
		role = width_of(ct->role, role, 60);
		w.phone = width_of(*ct->phone ? ct->phone : "no phone", w.phone, 20);
		made = width_of(cell, made, 40);
		free(cell);
	}
	for (size_t k = 0; k < sizeof(tries) / sizeof(tries[0]); k++) {
		w.calls = tries[k].calls ? made : 0;
		w.gap = tries[k].gap;
		room = cols - ROW_LEAD - w.name - w.phone - (w.calls ? w.calls + 3 * w.gap : 2 * w.gap);
		if (room >= role)
			break;
	}
	if (room < role) {
		w.gap = 1;
		w.calls = cols - ROW_LEAD - w.name - w.phone - made - 3 >= 12 ? made : 0;
		room = cols - ROW_LEAD - w.name - w.phone - (w.calls ? w.calls + 3 : 2);
	}
	w.role = room < role ? (room < 4 ? 4 : room) : role;
	return w;
}

/* text in a column of cols, then the gap after it. */
static void cell_add(struct strbuf *sb, const char *text, int cols, int gap)
{
	text_pad(sb, text, cols, true);
	strbuf_printf(sb, "%*s", gap, "");
}

/* One contact of the roster on its row: " > 1. Name  Role  Phone  Calls". */
static void draw_contact(struct tui *tui, const struct calls_state *st, const struct roster_columns *w, WINDOW *win,
			 int y, size_t i, int mark)
{
	const struct config *c = tui->session->config;
	const struct contact *ct = config_contact(c, c->escalation.items[i]);
	struct call_list calls = calls_made(st);
	struct strbuf sb = {0};
	char *made = calls_cell(&calls, ct->id), *cells[4];

	cells[0] = sanitize(ct->name, 0);
	cells[1] = sanitize(ct->role, 0);
	/* No phone is said, not skipped: the office must see it. */
	cells[2] = sanitize(*ct->phone ? ct->phone : "no phone", 0);
	cells[3] = sanitize(made, 0);
	strbuf_printf(&sb, " %c%2zu. ", mark, i + 1);
	cell_add(&sb, cells[0], w->name, w->gap);
	cell_add(&sb, cells[1], w->role, w->gap);
	cell_add(&sb, cells[2], w->phone, w->gap);
	if (w->calls)
		strbuf_puts(&sb, cells[3]);
	draw_safe(tui, win, y, 0, getmaxx(win), i == st->contact ? STYLE_SELECTED : STYLE_NORMAL, strbuf_str(&sb));
	for (int k = 0; k < 4; k++)
		free(cells[k]);
	free(made);
	strbuf_free(&sb);
}

/* The register of calls made, with the roster and who is next drawn
 * between the line under its title and the calls. */
static void calls_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct calls_state *st = state;
	const struct config *c = tui->session->config;
	struct call_list calls = calls_made(st);
	const struct call_attempt *got = calls_reached(&calls);
	int cols = getmaxx(win), reached, next = calls_next(&c->escalation, &calls, &reached);
	struct roster_columns w = roster_layout(st, c, cols);
	/* The roster whole if it can be: the calls made keep four rows of
	 * their own below it (a row while there are none). */
	int room = getmaxy(win) - 5 - (calls.len ? 4 : 1);
	int shown = (int)c->escalation.len < room ? (int)c->escalation.len : room;
	char *line = st->view.when.at ? when_line(&st->view.when, "call") :
				   xasprintf("%s: %s.  Call in order until someone is reached.", c->hotline_label, c->hotline);
	size_t top = 0;

	/* Narrow, the number stands whole and the advice goes. */
	if (!st->view.when.at && wraps_past(line, cols - 2, 1)) {
		free(line);
		line = xasprintf("%s: %s", c->hotline_label, c->hotline);
	}
	if (shown < 1)
		shown = 1;
	st->view.above = shown + 2;
	register_view_draw(tui, &st->view, win, line);
	free(line);
	{
		struct strbuf head = {0};

		strbuf_puts(&head, "   #  ");
		cell_add(&head, "Name", w.name, w.gap);
		cell_add(&head, "Role", w.role, w.gap);
		cell_add(&head, "Phone", w.phone, w.gap);
		if (w.calls)
			strbuf_puts(&head, "Calls, last");
		draw_text(tui, win, 2, 0, cols, STYLE_COLUMN, strbuf_str(&head));
		strbuf_free(&head);
	}
	scroll_to_show(st->contact, &top, shown);
	for (int r = 0; r < shown && top + (size_t)r < c->escalation.len; r++) {
		int i = (int)top + r;

		draw_contact(tui, st, &w, win, 3 + r, (size_t)i, i == next ? '>' : i == reached ? '*' : ' ');
	}
	if (got) {
		char *when = time_utc_to_local(got->happened_at ? got->happened_at : got->called_at);
		char *logged = whole_logged(got->happened_at, got->called_at);

		line = whole_with_imported(xasprintf("Reached %s at %s (logged %s%sby %s).", got->name, when,
						     logged ? logged : "", logged ? " " : "", got->called_by), got->imported);
		free(when);
		free(logged);
	} else {
		const struct contact *ct = config_contact(c, c->escalation.items[next]);

		line = *ct->phone ? xasprintf("Next to call: %s, %s", ct->name, ct->phone) :
				    xasprintf("Next: %s has no phone; write to %s", ct->name, *ct->email ? ct->email : "them");
	}
	draw_text(tui, win, 3 + shown, 1, cols - 2, STYLE_OK, line);
	free(line);
}

/* The form just made for this call: who is called, on which number, and
 * the outcome the key said (the form may change it). */
static void form_for_call(struct form_def *form, const struct contact *ct, const char *outcome)
{
	free(form->title);
	form->title = xasprintf("Call to %s (%s)", ct->name, *ct->phone ? ct->phone : "no phone");
	for (size_t i = 0; i < form->nfields; i++)
		if (strcmp(form->fields[i].key, "outcome") == 0) {
			free(form->fields[i].default_value);
			form->fields[i].default_value = xstrdup(outcome);
		}
}

/* The selected contact whole, for the reader: who, every way to reach
 * them the config gives, their place in the order, then each call made
 * to them whole. */
static enum result read_contact(struct tui *tui, struct calls_state *st)
{
	const struct config *c = tui->session->config;
	const struct contact *ct = config_contact(c, c->escalation.items[st->contact]);
	struct call_list calls = calls_made(st);
	int reached, next = calls_next(&c->escalation, &calls, &reached);
	size_t made = calls_to(&calls, ct->id);
	struct strbuf sb = {0};

	strbuf_printf(&sb, "%s%s%s\n", ct->name, *ct->role ? ", " : "", ct->role);
	strbuf_printf(&sb, "Phone: %s\n", *ct->phone ? ct->phone : "none given");
	strbuf_printf(&sb, "E-mail: %s\n", *ct->email ? ct->email : "none given");
	if (*ct->login)
		strbuf_printf(&sb, "Login: %s\n", ct->login);
	strbuf_printf(&sb, "Contact %s, %zu of %zu in the escalation order%s\n", ct->id, st->contact + 1,
		      c->escalation.len, (int)st->contact == next ? ": the next to call" :
		      (int)st->contact == reached ? ": reached" : "");
	strbuf_printf(&sb, "\n%s", made ? "Calls made to them:" : "No call made to them yet.");
	for (size_t i = 0; i < calls.len; i++)
		if (strcmp(calls.items[i].contact, ct->id) == 0) {
			char *text = register_view_record_text(&st->view, i);

			strbuf_printf(&sb, "\n\n%s", text);
			free(text);
		}
	free(st->view.reading_text);
	free(st->view.reading_title);
	st->view.reading_text = strbuf_take(&sb);
	st->view.reading_title = xasprintf("%s: %s", st->view.incident.ref, ct->name);
	st->view.reading = (struct reader_arg){.title = st->view.reading_title, .text = st->view.reading_text};
	return tui_push(tui, &reader_screen, &st->view.reading);
}

static enum result calls_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct calls_state *st = state;
	const struct config *c = tui->session->config;
	const char *outcome = action == ACTION_CALL_REACHED ? "reached" : action == ACTION_CALL_NO_ANSWER ? "no-answer" :
			      action == ACTION_CALL_MESSAGE ? "message" : action == ACTION_CALL_WRONG ? "wrong-number" : NULL;

	(void)key;
	if (action == ACTION_WHEN)
		return when_ask(tui, &st->view.when, "The next call was made earlier than now");
	switch (action) {
	/* The movement keys go over the roster; the page keys over the
	 * calls made, one at a time, to see each in full. */
	case ACTION_PAGE_UP:
		return register_view_handle(tui, &st->view, ACTION_MOVE_UP);
	case ACTION_PAGE_DOWN:
		return register_view_handle(tui, &st->view, ACTION_MOVE_DOWN);
	case ACTION_MOVE_UP:
	case ACTION_MOVE_DOWN:
	case ACTION_FIRST:
	case ACTION_LAST:
		list_move(action, &st->contact, c->escalation.len, 5);
		return RESULT_HANDLED;
	case ACTION_OPEN:
		return read_contact(tui, st);
	default:
		break;
	}
	if (!outcome)
		return register_view_handle(tui, &st->view, action);
	st->call.contact = c->escalation.items[st->contact];
	if (register_view_handle(tui, &st->view, ACTION_ADD_RECORD) != RESULT_PUSH)
		return RESULT_HANDLED;
	form_for_call(st->view.form, config_contact(c, st->call.contact), outcome);
	return RESULT_PUSH;
}

static void calls_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct calls_state *st = state;

	if (when_answered(tui, &st->view.when, result))
		return;
	register_view_resume(tui, &st->view, result);
	if (result && result->ok && result->tag == TAG_SAVED) {
		/* The time said was for that call alone. */
		st->view.when.at = 0;
		cursor_to_next(tui, st);
	}
}

static const struct screen_key calls_keys[] = {
	HINT_KEY(CALL_REACHED, NULL, NULL),
	HINT_KEY(CALL_NO_ANSWER, NULL, NULL),
	HINT_KEY(CALL_MESSAGE, NULL, NULL),
	HINT_KEY(CALL_WRONG, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MORE_KEY(MOVE_UP, NULL, "Up a contact"),
	MORE_KEY(MOVE_DOWN, NULL, "Down a contact"),
	MORE_KEY(FIRST, NULL, "To the first contact"),
	MORE_KEY(LAST, NULL, "To the last contact"),
	MORE_KEY(PAGE_UP, NULL, "Up the calls made, one at a time"),
	MORE_KEY(PAGE_DOWN, NULL, "Down the calls made, one at a time"),
	MORE_KEY(OPEN, "Read", "Read the selected contact whole: role, phone, e-mail, and every call made to them"),
	MORE_KEY(WHEN, NULL, "Say when the next call was made, if earlier than now (03:05, -35m)"),
	KEYS_END,
};

const struct screen_ops calls_screen = {
	.name = "calls",
	.state_size = sizeof(struct calls_state),
	.open = calls_open,
	.draw = calls_draw,
	.handle = calls_handle,
	.resume = calls_resume,
	.close = register_view_close,
	.keys = calls_keys,
};
