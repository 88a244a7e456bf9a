/* Choosing one of a few options (a kind of note, a witness) as a screen
 * of its own, through the same loop; the key of the choice goes back to
 * the screen that asked. */
#include <stdlib.h>
#include <string.h>

#include "tui.h"

struct choose_state {
	struct choose_arg arg;
	size_t cursor;
};

static bool choose_open(struct tui *tui, void *state, const void *arg)
{
	struct choose_state *st = state;

	(void)tui;
	st->arg = *(const struct choose_arg *)arg;
	return st->arg.count > 0;
}

static void choose_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct choose_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win) - 4;
	size_t top = 0;

	/* The question over the blank row under it too, if it must. */
	draw_wrapped(tui, win, 1, 2, cols - 4, 2, STYLE_TITLE, st->arg.question);
	scroll_to_show(st->cursor, &top, rows);
	for (int r = 0; r < rows && top + (size_t)r < st->arg.count; r++) {
		size_t i = top + (size_t)r;
		draw_text(tui, win, 3 + r, 2, cols - 4, i == st->cursor ? STYLE_SELECTED : STYLE_NORMAL, st->arg.labels[i]);
	}
}

static enum result choose_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct choose_state *st = state;

	(void)key;
	if (list_move(action, &st->cursor, st->arg.count, 5))
		return RESULT_HANDLED;
	if (action == ACTION_OPEN || action == ACTION_SAVE)
		return tui_pop(tui, st->arg.tag, true, st->arg.keys[st->cursor]);
	if (action == ACTION_BACK)
		return tui_pop(tui, st->arg.tag, false, NULL);
	return RESULT_IGNORED;
}

static const struct screen_key choose_keys[] = {
	HINT_KEY(OPEN, "Choose", "Choose the selected one"),
	HINT_KEY(BACK, "Cancel", "Cancel: nothing is chosen"),
	MORE_KEY(SAVE, "Choose", "Same as Enter"),
	MOVE_KEYS("an option"),
	KEYS_END,
};

const struct screen_ops choose_screen = {
	.name = "choose",
	.state_size = sizeof(struct choose_state),
	.open = choose_open,
	.draw = choose_draw,
	.handle = choose_handle,
	.keys = choose_keys,
};
