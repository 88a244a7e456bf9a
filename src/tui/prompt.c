/* Questions asked on the way: a line of text (a reason, a step, a note)
 * or a yes/no confirmation. Both run as screens through the same loop as
 * every other, and hand their answer back to the screen that asked. */
#include <stdlib.h>
#include <string.h>

#include "sirt/input.h"
#include "tui.h"

struct prompt_state {
	struct prompt_arg arg;
	char *context;		/* copied: the asker's text may change */
	struct editor answer;
};

static bool prompt_open(struct tui *tui, void *state, const void *arg)
{
	struct prompt_state *st = state;

	st->arg = *(const struct prompt_arg *)arg;
	st->context = st->arg.context ? xstrdup(st->arg.context) : NULL;
	editor_init(&st->answer);
	st->answer.max_bytes = INPUT_LINE_MAX;
	editor_set(&st->answer, st->arg.initial);
	/* The answer the last save of this question failed with, once. */
	if (!st->arg.yes_no && (!st->arg.initial || !*st->arg.initial) && tui->kept &&
	    strcmp(tui->kept_question, st->arg.question) == 0) {
		editor_set(&st->answer, tui->kept);
		FREE(&tui->kept);
		FREE(&tui->kept_question);
	}
	return true;
}

static void prompt_close(struct tui *tui, void *state)
{
	struct prompt_state *st = state;

	(void)tui;
	free(st->context);
	editor_free(&st->answer);
}

static void prompt_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct prompt_state *st = state;
	int cols = getmaxx(win);

	if (st->context)
		draw_wrapped(tui, win, 1, 2, cols - 4, 2, STYLE_NORMAL, st->context);
	draw_wrapped(tui, win, 4, 2, cols - 4, 2, STYLE_TITLE, st->arg.question);
	if (!st->arg.yes_no) {
		int x = draw_editor(tui, win, 7, 2, cols - 4, STYLE_FOCUS, &st->answer);
		tui_cursor(tui, win, 7, x);
	}
}

static enum result prompt_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct prompt_state *st = state;
	char *text;
	enum result r;

	switch (action) {
	case ACTION_OPEN:
	case ACTION_SAVE:
		if (st->arg.required && editor_is_empty(&st->answer)) {
			tui_error(tui, "An answer is needed here (Esc cancels).");
			return RESULT_HANDLED;
		}
		text = editor_text(&st->answer);
		r = tui_pop(tui, st->arg.tag, true, text);
		free(tui->answered_question);
		free(tui->answered);
		tui->answered_question = xstrdup(st->arg.question);
		tui->answered = text;
		return r;
	case ACTION_BACK:
		return tui_pop(tui, st->arg.tag, false, NULL);
	case ACTION_NONE:
		if (!editor_key(&st->answer, key) && !key->function && key->code >= ' ' &&
		    st->answer.max_bytes)
			tui_error(tui, "The answer is full: at most %zu bytes fit.", st->answer.max_bytes);
		return RESULT_HANDLED;
	default:
		return RESULT_IGNORED;
	}
}

static enum result confirm_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct prompt_state *st = state;

	(void)key;
	switch (action) {
	case ACTION_YES:
		return tui_pop(tui, st->arg.tag, true, NULL);
	case ACTION_NO:
	case ACTION_BACK:
		return tui_pop(tui, st->arg.tag, false, NULL);
	case ACTION_HELP:
	case ACTION_REDRAW:
		return RESULT_IGNORED;
	default:
		/* Only an explicit answer: a stray key must not decide. */
		return RESULT_HANDLED;
	}
}

void tui_ask(struct tui *tui, struct prompt_arg *arg, const char *context, const char *question, int tag,
	     bool required)
{
	*arg = (struct prompt_arg){.question = question, .tag = tag, .required = required};
	arg->context = context && *context ? context : NULL;
	tui_push(tui, &prompt_screen, arg);
}

static bool prompt_edits_text(void *state)
{
	(void)state;
	return true;
}

static const struct screen_key prompt_keys[] = {
	/* "OK", not "Save": a prompt also asks what to find, or where. */
	HINT_KEY(OPEN, "OK", "Take the answer"),
	HINT_KEY(BACK, "Cancel", "Cancel: nothing is saved"),
	MORE_KEY(SAVE, "OK", "Take the answer"),
	KEYS_END,
};

const struct screen_ops prompt_screen = {
	.name = "prompt",
	.state_size = sizeof(struct prompt_state),
	.open = prompt_open,
	.draw = prompt_draw,
	.handle = prompt_handle,
	.close = prompt_close,
	.edits_text = prompt_edits_text,
	.keys = prompt_keys,
};

static const struct screen_key confirm_keys[] = {
	HINT_KEY(YES, NULL, NULL),
	HINT_KEY(NO, NULL, NULL),
	MORE_KEY(BACK, "No", "Same as n"),
	KEYS_END,
};

const struct screen_ops confirm_screen = {
	.name = "confirm",
	.state_size = sizeof(struct prompt_state),
	.open = prompt_open,
	.draw = prompt_draw,
	.handle = confirm_handle,
	.close = prompt_close,
	.keys = confirm_keys,
};
