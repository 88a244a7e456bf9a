/* The help screen, generated from the key bindings of the screen it was
 * opened from, so it can never disagree with what the keys do. */
#include <stdlib.h>
#include <string.h>

#include "tui.h"

struct help_state {
	struct help_arg arg;
	struct tui *tui;
	char **lines;
	size_t nlines;
	size_t cap;
	size_t top;
};

static bool is_loop_action(enum action action)
{
	return action == ACTION_HELP || action == ACTION_BACK || action == ACTION_QUIT || action == ACTION_REDRAW;
}

/* The help text of what key does here, or NULL if it does nothing here. */
static const char *help_for(const struct screen_ops *screen, enum action action)
{
	const struct screen_key *k = screen_key(screen, action);

	if (k)
		return k->help ? k->help : action_help(action);
	return is_loop_action(action) ? action_help(action) : NULL;
}

static void add_binding(void *ctx, const char *key, enum action action)
{
	struct help_state *st = ctx;
	const char *help = action == ACTION_NONE || !tui_may(st->tui, action) ? NULL : help_for(st->arg.screen, action);

	if (!help)
		return;
	GROW(st->lines, st->cap, st->nlines + 1);
	st->lines[st->nlines++] = xasprintf("  %-8s %s", key, help);
}

static bool help_open(struct tui *tui, void *state, const void *arg)
{
	struct help_state *st = state;

	st->tui = tui;
	st->arg = *(const struct help_arg *)arg;
	keymap_each(st->arg.screen->name, st->arg.mode, add_binding, st);
	if (st->arg.mode == KEYMAP_EDIT) {
		GROW(st->lines, st->cap, st->nlines + 4);
		st->lines[st->nlines++] = xstrdup("");
		st->lines[st->nlines++] = xstrdup("  Editing: Left/Right, Home/End (^A/^E), Backspace, Delete,");
		st->lines[st->nlines++] = xstrdup("  ^K cut to end, ^U cut to start, ^W delete word.");
		st->lines[st->nlines++] = xstrdup("  Choices: Space or Left/Right change, a letter picks, Backspace clears.");
	}
	return true;
}

static void help_close(struct tui *tui, void *state)
{
	struct help_state *st = state;

	(void)tui;
	for (size_t i = 0; i < st->nlines; i++)
		free(st->lines[i]);
	free(st->lines);
}

static void help_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct help_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win) - 2;
	char *title = xasprintf(" Help: keys on the %s screen (Up/Down scroll)", st->arg.screen->name);

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	free(title);
	for (int r = 0; r < rows && st->top + (size_t)r < st->nlines; r++)
		draw_text(tui, win, 2 + r, 0, cols, STYLE_NORMAL, st->lines[st->top + (size_t)r]);
}

static enum result help_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct help_state *st = state;
	int rows = getmaxy(tui->body) - 2;
	size_t last = st->nlines > (size_t)rows ? st->nlines - (size_t)rows : 0;

	(void)key;
	if (list_move(action, &st->top, last + 1, rows))
		return RESULT_HANDLED;
	if (action == ACTION_HELP || action == ACTION_OPEN)
		return tui_pop(tui, TAG_NONE, false, NULL);
	return RESULT_IGNORED;
}

static const struct screen_key help_keys[] = {
	HINT_KEY(BACK, NULL, "Close the help"),
	HINT_KEY(QUIT, NULL, NULL),
	MORE_KEY(OPEN, "Close", "Close the help"),
	MOVE_KEYS("a line"),
	KEYS_END,
};

const struct screen_ops help_screen = {
	.name = "help",
	.state_size = sizeof(struct help_state),
	.open = help_open,
	.draw = help_draw,
	.handle = help_handle,
	.close = help_close,
	.keys = help_keys,
};
