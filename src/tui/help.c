/* The help screen, generated from the key bindings of the screen it was
 * opened from, so it can never disagree with what the keys do. */
#include <stdlib.h>
#include <string.h>

#include "sirt/sanitize.h"
#include "sirt/utf8.h"
#include "tui.h"

struct help_state {
	struct help_arg arg;
	struct tui *tui;
	/* A line a key: its name, and what it does (wrapped when drawn); a
	 * line of text alone has no key. */
	struct help_line {
		char *key;
		char *text;
	} *lines;
	size_t nlines;
	size_t cap;
	size_t top;
	size_t rows;		/* as the last draw wrapped them */
};

/* Where the text of a key's line starts: "  Enter    Open ...". */
#define KEY_COLS 11

static bool is_loop_action(enum action action)
{
	return action == ACTION_HELP || action == ACTION_BACK || action == ACTION_QUIT || action == ACTION_REDRAW ||
	       action == ACTION_SUSPEND || action == ACTION_MESSAGES;
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
	const struct screen_ops *screen = st->arg.screen;
	/* Only what the login may do, and the screen offers now (no step
	 * marks on a closed incident): as the hint bar. */
	bool offered = action != ACTION_NONE && tui_may(st->tui, action) &&
		       (!screen->offers || screen->offers(st->tui, st->arg.state, action));
	const char *help = offered ? help_for(screen, action) : NULL;

	if (!help)
		return;
	GROW(st->lines, st->cap, st->nlines + 1);
	st->lines[st->nlines++] = (struct help_line){xstrdup(key), xstrdup(help)};
}

static void add_text(struct help_state *st, const char *text)
{
	GROW(st->lines, st->cap, st->nlines + 1);
	/* A form's help comes from its file: shown, never obeyed. */
	st->lines[st->nlines++] = (struct help_line){NULL, sanitize(text, 0)};
}

static bool help_open(struct tui *tui, void *state, const void *arg)
{
	struct help_state *st = state;

	st->tui = tui;
	st->arg = *(const struct help_arg *)arg;
	if (st->arg.about && *st->arg.about) {
		add_text(st, st->arg.about);
		add_text(st, "");
	}
	keymap_each(st->arg.screen->name, st->arg.mode, add_binding, st);
	if (st->arg.mode == KEYMAP_EDIT) {
		add_text(st, "");
		add_text(st, "Editing: Left/Right, Home/End (^A/^E), Backspace, Delete, ^K cut to end, ^U cut to "
			     "start, ^W delete word.");
		add_text(st, "Choices: Space or Left/Right change, a letter picks, Backspace clears.");
	}
	return true;
}

static void help_close(struct tui *tui, void *state)
{
	struct help_state *st = state;

	(void)tui;
	for (size_t i = 0; i < st->nlines; i++) {
		free(st->lines[i].key);
		free(st->lines[i].text);
	}
	free(st->lines);
}

static void help_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct help_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win) - 2;
	size_t row = 0;
	bool above, below;
	char *title;
	/* Each line wrapped whole under its text's start, never cut: rows
	 * above top are counted, not drawn. */
	for (size_t i = 0; i < st->nlines; i++) {
		int x = st->lines[i].key ? KEY_COLS : 2;
		size_t starts[16];
		size_t n = *st->lines[i].text ? text_wrap(st->lines[i].text, cols - x - 1, starts, 16) : 1;

		for (size_t k = 0; k < n; k++, row++) {
			int y = 2 + (int)row - (int)st->top;
			char *part;

			if (row < st->top || y >= rows + 2)
				continue;
			if (k == 0 && st->lines[i].key)
				draw_text(tui, win, y, 2, KEY_COLS - 3, STYLE_NORMAL, st->lines[i].key);
			if (!*st->lines[i].text)
				continue;
			part = text_wrap_row(st->lines[i].text, starts, n, k);
			draw_text(tui, win, y, x, cols - x - 1, STYLE_NORMAL, part);
			free(part);
		}
	}
	st->rows = row;
	/* Whether there is more than the screen shows, and where. */
	above = st->top > 0;
	below = st->top + (size_t)rows < st->rows;
	title = xasprintf(" Help: keys on the %s screen%s", st->arg.screen->name,
			  above && below ? "  (more above and below: Up, Down)" :
			  below ? "  (more below: Down, PgDn)" : above ? "  (more above: Up, PgUp)" : "");
	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	free(title);
}

static enum result help_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct help_state *st = state;
	int rows = getmaxy(tui->body) - 2;
	size_t last = st->rows > (size_t)rows ? st->rows - (size_t)rows : 0;

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
