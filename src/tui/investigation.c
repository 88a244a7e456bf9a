/* The investigation (R13, R17): the incident's witnesses and its
 * findings, two registers on one screen, each added to through its form
 * (w, n) and never edited. One selection runs down both lists; the
 * record selected is read in full below them. */
#include <stdlib.h>
#include <string.h>

#include "sirt/investigation.h"
#include "tui.h"

struct investigation_state {
	struct register_view findings;	/* first: the screen's own register */
	struct register_view witnesses;
	bool on_witnesses;	/* the selection is a witness, not a finding */
};

static size_t count(const struct register_view *view)
{
	return view->records.records.len;
}

/* The selection is where there is something to select. */
static void settle(struct investigation_state *st)
{
	if (!count(&st->witnesses))
		st->on_witnesses = false;
	else if (!count(&st->findings))
		st->on_witnesses = true;
}

static void investigation_close(struct tui *tui, void *state)
{
	struct investigation_state *st = state;

	register_view_close(tui, &st->findings);
	register_view_close(tui, &st->witnesses);
}

static bool investigation_open(struct tui *tui, void *state, const void *arg)
{
	struct investigation_state *st = state;

	if (!register_view_open(tui, &st->findings, arg, &note_register, "investigation"))
		return false;
	if (!register_view_open(tui, &st->witnesses, arg, &witness_register, "investigation")) {
		register_view_close(tui, &st->findings);
		return false;
	}
	/* From the top, as the screen reads. */
	st->on_witnesses = true;
	settle(st);
	return true;
}

static int at_most(int n, int limit)
{
	return n < limit ? n : limit;
}

/* A list's heading, and its records or a line saying there are none. */
static int draw_list(struct tui *tui, struct register_view *view, WINDOW *win, int y, int rows, bool focused,
		     const char *heading)
{
	draw_text(tui, win, y, 0, getmaxx(win), STYLE_TITLE, heading);
	if (count(view))
		register_view_draw_list(tui, view, win, y + 1, rows, focused);
	else
		draw_text(tui, win, y + 1, 2, getmaxx(win) - 4, STYLE_DIM, "None yet.");
	return y + 1 + rows;
}

static void investigation_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct investigation_state *st = state;
	struct register_view *selected = st->on_witnesses ? &st->witnesses : &st->findings;
	int cols = getmaxx(win), rows = getmaxy(win);
	/* Both lists together take at most half the rows below the title,
	 * the findings at least half of that when they need it; statements
	 * and findings run long, and the selected one has the rest. */
	int lists = (rows - 5) / 2;
	int need_w = count(&st->witnesses) ? (int)count(&st->witnesses) : 1;
	int need_f = count(&st->findings) ? (int)count(&st->findings) : 1;
	int f_rows = at_most(need_f, lists - need_w > lists / 2 ? lists - need_w : lists / 2);
	int w_rows = at_most(need_w, lists - f_rows);
	char *title = xasprintf(" Investigation: %s  %s", st->findings.incident.ref, st->findings.incident.title);
	int y;

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	free(title);
	/* Said whole at any width: the shorter form where the longer is cut. */
	draw_text(tui, win, 1, 1, cols - 2, STYLE_DIM,
		  cols - 2 >= 75 ? "On record, never edited. Up and Down select one; it is shown in full below." :
				   "On record, never edited. Enter reads one whole.");
	y = draw_list(tui, &st->witnesses, win, 2, w_rows, st->on_witnesses, "Witnesses  (w: add one)");
	y = draw_list(tui, &st->findings, win, y, f_rows, !st->on_witnesses, "Findings  (n: add one)");
	if (count(selected))
		register_view_draw_detail(tui, selected, win, y + 1, rows - y - 1);
}

static enum result investigation_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct investigation_state *st = state;
	size_t witnesses = count(&st->witnesses);
	size_t at = st->on_witnesses ? st->witnesses.cursor : witnesses + st->findings.cursor;
	enum result result;

	(void)key;
	/* One selection down both lists: the witnesses, then the findings. */
	if (list_move(action, &at, witnesses + count(&st->findings), 5)) {
		st->on_witnesses = at < witnesses;
		if (st->on_witnesses)
			st->witnesses.cursor = at;
		else
			st->findings.cursor = at - witnesses;
		return RESULT_HANDLED;
	}
	switch (action) {
	case ACTION_ADD_WITNESS:
		return register_view_handle(tui, &st->witnesses, ACTION_ADD_RECORD);
	case ACTION_ADD_NOTE:
		result = register_view_handle(tui, &st->findings, ACTION_ADD_RECORD);
		/* The form opens once this returns: its witness question
		 * offers the incident's witnesses. */
		if (result == RESULT_PUSH) {
			struct witness_list list = {.items = st->witnesses.records.records.items, .len = witnesses};

			note_form_witnesses(st->findings.form, &list);
		}
		return result;
	case ACTION_BACK:
		return register_view_handle(tui, &st->findings, action);
	case ACTION_OPEN:
		/* The one selected, witness or finding, whole. */
		return register_view_handle(tui, st->on_witnesses ? &st->witnesses : &st->findings, action);
	default:
		return RESULT_IGNORED;
	}
}

static void investigation_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct investigation_state *st = state;
	bool saved = result && result->ok && result->tag == TAG_SAVED;
	bool witness = saved && strcmp(result->text, witness_register.kind->name) == 0;

	/* Both read again; the one just added is selected. */
	register_view_resume(tui, &st->findings, saved && !witness ? result : NULL);
	register_view_resume(tui, &st->witnesses, witness ? result : NULL);
	if (saved)
		st->on_witnesses = witness;
	settle(st);
}

static const struct screen_key investigation_keys[] = {
	HINT_KEY(ADD_NOTE, NULL, NULL),
	HINT_KEY(ADD_WITNESS, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MORE_KEY(OPEN, "Read", "Read the selected one whole: every part, wrapped; / finds words in it"),
	MOVE_KEYS("a witness or finding"),
	KEYS_END,
};

const struct screen_ops investigation_screen = {
	.name = "investigation",
	.state_size = sizeof(struct investigation_state),
	.open = investigation_open,
	.draw = investigation_draw,
	.handle = investigation_handle,
	.resume = investigation_resume,
	.close = investigation_close,
	.keys = investigation_keys,
};
