/* A one-line question (a reason, a step) or a y/n confirmation, run as a
 * screen through the same loop as every other. */
#include <stdlib.h>
#include <string.h>

#include "tui.h"

struct prompt_state {
	struct prompt_arg arg;
	struct editor answer;
};

static bool prompt_open(struct tui *tui, void *state, const void *arg)
{
	struct prompt_state *st = state;

	(void)tui;
	st->arg = *(const struct prompt_arg *)arg;
	editor_init(&st->answer);
	st->answer.max_bytes = 2000;
	editor_set(&st->answer, st->arg.initial);
	return true;
}

static void prompt_close(struct tui *tui, void *state)
{
	(void)tui;
	editor_free(&((struct prompt_state *)state)->answer);
}

static void prompt_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct prompt_state *st = state;
	int cols = getmaxx(win);

	draw_text(tui, win, 2, 2, cols - 4, STYLE_TITLE, st->arg.question);
	if (!st->arg.yes_no) {
		int x = draw_editor(tui, win, 4, 2, cols - 4, STYLE_FOCUS, &st->answer);
		tui_cursor(tui, win, 4, x);
	}
}

static enum result prompt_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct prompt_state *st = state;

	if (st->arg.yes_no) {
		if (action == ACTION_YES)
			return tui_pop(tui, st->arg.tag, true, NULL);
		if (action == ACTION_NO || action == ACTION_BACK)
			return tui_pop(tui, st->arg.tag, false, NULL);
		return action == ACTION_HELP || action == ACTION_REDRAW ? RESULT_IGNORED : RESULT_HANDLED;
	}
	switch (action) {
	case ACTION_OPEN:
	case ACTION_SAVE: {
		char *text;
		enum result r;

		if (st->arg.required && editor_is_empty(&st->answer)) {
			tui_error(tui, "An answer is needed here (Esc cancels).");
			return RESULT_HANDLED;
		}
		text = editor_text(&st->answer);
		r = tui_pop(tui, st->arg.tag, true, text);
		free(text);
		return r;
	}
	case ACTION_BACK:
		return tui_pop(tui, st->arg.tag, false, NULL);
	case ACTION_NONE:
		editor_key(&st->answer, key);
		return RESULT_HANDLED;
	default:
		return RESULT_IGNORED;
	}
}

static bool prompt_edits_text(void *state)
{
	return !((struct prompt_state *)state)->arg.yes_no;
}

static const enum action prompt_hints[] = {
	ACTION_YES, ACTION_NO, ACTION_OPEN, ACTION_BACK, ACTION_NONE,
};

static const enum action prompt_actions[] = {
	ACTION_YES, ACTION_NO, ACTION_OPEN, ACTION_SAVE, ACTION_NONE,
};

const struct screen_ops prompt_screen = {
	.name = "prompt",
	.state_size = sizeof(struct prompt_state),
	.open = prompt_open,
	.draw = prompt_draw,
	.handle = prompt_handle,
	.close = prompt_close,
	.edits_text = prompt_edits_text,
	.hints = prompt_hints,
	.actions = prompt_actions,
};
