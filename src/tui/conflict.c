/* A save that found fields changed by another operator since the form
 * was opened: each such field side by side, theirs as saved and yours as
 * typed, and for each a choice. Nothing was saved, and nothing is until
 * the choice is made: the result goes back to the form, which saves. */
#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"
#include "sirt/timefmt.h"
#include "tui.h"

struct conflict_state {
	struct conflict_arg arg;
	bool *theirs;		/* per conflict: take theirs */
	size_t cursor;
	size_t top;
};

static bool conflict_open(struct tui *tui, void *state, const void *arg)
{
	struct conflict_state *st = state;

	(void)tui;
	st->arg = *(const struct conflict_arg *)arg;
	st->theirs = xcalloc(st->arg.theirs->len ? st->arg.theirs->len : 1, sizeof(*st->theirs));
	return true;
}

static void conflict_close(struct tui *tui, void *state)
{
	struct conflict_state *st = state;

	(void)tui;
	free(st->theirs);
}

/* Four rows a field: its label, yours, theirs, a blank. */
#define ROWS_EACH 4

static void conflict_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct conflict_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win);
	size_t n = st->arg.theirs->len, shown = (size_t)((rows - 4) / ROWS_EACH);
	char *line;

	line = xasprintf(" Changed meanwhile: %zu field%s of %s", n, n == 1 ? "" : "s", st->arg.form->title);
	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	draw_wrapped(tui, win, 1, 1, cols - 2, 2, STYLE_DIM,
		     "Another operator saved these after you opened the form. Nothing is saved yet: choose, for each, "
		     "yours or theirs (Space), then Enter.");
	scroll_to_show(st->cursor, &st->top, shown ? (int)shown : 1);
	for (size_t k = 0; k < shown && st->top + k < n; k++) {
		size_t i = st->top + k;
		const struct field_value *v = &st->arg.theirs->items[i];
		const struct field_def *f = form_def_field(st->arg.form, v->key);
		/* With its note: that may be all that changed. */
		char *theirs = f ? form_value_with_note(f, v) : xstrdup(v->value);
		char *when = v->updated_at ? time_utc_to_local(v->updated_at) : xstrdup("");
		int y = 4 + (int)k * ROWS_EACH;
		bool selected = i == st->cursor;

		line = xasprintf("%s %s", selected ? ">" : " ", f ? f->label : v->key);
		draw_text(tui, win, y, 1, cols - 2, selected ? STYLE_SELECTED : STYLE_TITLE, line);
		free(line);
		line = xasprintf("  [%s] yours:  %s%s%s%s", st->theirs[i] ? " " : "x", st->arg.mine[i],
				 *st->arg.mine_notes[i] ? "  (" : "", st->arg.mine_notes[i],
				 *st->arg.mine_notes[i] ? ")" : "");
		draw_text(tui, win, y + 1, 1, cols - 2, st->theirs[i] ? STYLE_DIM : STYLE_NORMAL, line);
		free(line);
		line = xasprintf("  [%s] theirs: %s  (%s, %s)", st->theirs[i] ? "x" : " ", theirs,
				 v->updated_by ? v->updated_by : "?", when);
		draw_text(tui, win, y + 2, 1, cols - 2, st->theirs[i] ? STYLE_NORMAL : STYLE_DIM, line);
		free(line);
		free(theirs);
		free(when);
	}
}

static enum result conflict_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct conflict_state *st = state;
	size_t n = st->arg.theirs->len;
	char *choices;
	enum result r;

	if (list_move(action, &st->cursor, n, 3))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_TOGGLE:
		st->theirs[st->cursor] = !st->theirs[st->cursor];
		return RESULT_HANDLED;
	case ACTION_KEEP_MINE:
	case ACTION_TAKE_THEIRS:
		for (size_t i = 0; i < n; i++)
			st->theirs[i] = action == ACTION_TAKE_THEIRS;
		return RESULT_HANDLED;
	case ACTION_OPEN:
	case ACTION_SAVE:
		/* One letter a conflict, in order: t theirs, y yours. */
		choices = xcalloc(n + 1, 1);
		for (size_t i = 0; i < n; i++)
			choices[i] = st->theirs[i] ? 't' : 'y';
		r = tui_pop(tui, TAG_CONFLICT, true, choices);
		free(choices);
		return r;
	case ACTION_BACK:
		return tui_pop(tui, TAG_CONFLICT, false, NULL);
	case ACTION_NONE:
		/* Left and Right choose too, as on a choice field. */
		if (key->function && (key->code == KEY_LEFT || key->code == KEY_RIGHT)) {
			st->theirs[st->cursor] = key->code == KEY_RIGHT;
			return RESULT_HANDLED;
		}
		return RESULT_HANDLED;
	default:
		return RESULT_IGNORED;
	}
}

static const struct screen_key conflict_keys[] = {
	HINT_KEY(TOGGLE, "Yours/theirs", "Switch the selected field between yours and theirs (Left, Right too)"),
	HINT_KEY(KEEP_MINE, NULL, NULL),
	HINT_KEY(TAKE_THEIRS, NULL, NULL),
	HINT_KEY(OPEN, "Save", "Save with these choices"),
	HINT_KEY(BACK, "Cancel", "Back to the form: nothing saved, your text kept"),
	MORE_KEY(SAVE, "Save", "Save with these choices"),
	MORE_KEY(HELP, NULL, NULL),
	MOVE_KEYS("a field"),
	KEYS_END,
};

const struct screen_ops conflict_screen = {
	.name = "conflict",
	.state_size = sizeof(struct conflict_state),
	.open = conflict_open,
	.draw = conflict_draw,
	.handle = conflict_handle,
	.close = conflict_close,
	.keys = conflict_keys,
};
