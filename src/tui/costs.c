/* Damage and cost (R23): the register of cost lines and, below them, the
 * totals per currency. A line is added through the form of its questions
 * and never edited; a wrong one is withdrawn with a reason and stays on
 * the screen, marked withdrawn. */
#include "sirt/cost.h"
#include "tui.h"

static bool costs_open(struct tui *tui, void *state, const void *arg)
{
	return register_view_open(tui, state, arg, &cost_register, "costs");
}

static void costs_draw(struct tui *tui, void *state, WINDOW *win)
{
	register_view_draw(tui, state, win, "The damage to the organisation and the cost of containing it.");
}

static enum result costs_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	(void)key;
	/* The screen's own names for adding and withdrawing, kept for
	 * keymaps that bind them. */
	if (action == ACTION_ADD_COST)
		action = ACTION_ADD_RECORD;
	else if (action == ACTION_WITHDRAW)
		action = ACTION_WITHDRAW_RECORD;
	return register_view_handle(tui, state, action);
}

static const struct screen_key costs_keys[] = {
	HINT_KEY(ADD_COST, NULL, NULL),
	HINT_KEY(WITHDRAW, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MORE_KEY(OPEN, "Read", "Read the selected one whole: every part, wrapped; / finds words in it"),
	MOVE_KEYS("a line"),
	KEYS_END,
};

const struct screen_ops costs_screen = {
	.name = "costs",
	.state_size = sizeof(struct register_view),
	.open = costs_open,
	.draw = costs_draw,
	.handle = costs_handle,
	.resume = register_view_resume,
	.close = register_view_close,
	.keys = costs_keys,
};
