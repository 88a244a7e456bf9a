/* The shift handover brief (h on the list): the brief sirt handover
 * prints, laid out to the window and read as the reader reads a text
 * (scrolled, / to find words, n again), worked out again when another
 * operator commits; r records the handover, asking to whom. */
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/handover.h"
#include "tui.h"

struct handover_state {
	struct reader_view view;
	struct handover_brief brief;
	int cols;		/* the width the brief was laid out for */
	struct prompt_arg prompt;
	char *to;		/* whom to hand over to, once asked */
	char context[256];
};

/* The brief laid out for cols columns; where the reader was is kept. */
static void lay_out(struct handover_state *st, int cols)
{
	size_t top = st->view.top;
	char *text = handover_brief_render(&st->brief, false, cols);

	st->cols = cols;
	reader_view_set(&st->view, "Shift handover (q: back to the list)", text);
	st->view.keep_indent = true;
	st->view.top = top;
	free(text);
}

/* The brief worked out again (at now, since where it ran from), laid out
 * for cols columns. */
static bool load(struct tui *tui, struct handover_state *st, int cols)
{
	struct handover_brief brief;
	struct error err = {0};

	if (handover_brief_build(tui->session->store, tui->session->config, session_now(), NULL, &brief, &err)) {
		tui_error(tui, "%s", err.message);
		return false;
	}
	handover_brief_free(&st->brief);
	st->brief = brief;
	lay_out(st, cols);
	return true;
}

static bool handover_open(struct tui *tui, void *state, const void *arg)
{
	(void)arg;
	return load(tui, state, getmaxx(tui->body) - 2);
}

static void handover_close(struct tui *tui, void *state)
{
	struct handover_state *st = state;

	(void)tui;
	reader_view_close(&st->view);
	handover_brief_free(&st->brief);
	free(st->to);
}

static void handover_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct handover_state *st = state;

	/* Laid out again for a window of another width: the brief it has,
	 * not read again on the way to the screen. */
	if (getmaxx(win) - 2 != st->cols)
		lay_out(st, getmaxx(win) - 2);
	reader_view_draw(tui, &st->view, win);
}

static enum result handover_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct handover_state *st = state;

	(void)key;
	if (action != ACTION_RECORD_HANDOVER)
		return reader_view_handle(tui, &st->view, action);
	if (!tui_writable(tui))
		return RESULT_HANDLED;
	snprintf(st->context, sizeof(st->context), "Hand over %zu incident%s (\"handed over from %s\" on each timeline)",
		 st->brief.len, st->brief.len == 1 ? "" : "s", tui->session->who.login);
	FREE(&st->to);
	tui_ask(tui, &st->prompt, st->context, "Hand over to (their login):", TAG_HANDOVER_TO, true);
	return RESULT_PUSH;
}

static void handover_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct handover_state *st = state;
	struct session *s = tui->session;
	struct error err = {0};
	int64_t id;

	if (reader_view_resume(tui, &st->view, result))
		return;
	if (result && result->ok && result->tag == TAG_HANDOVER_TO) {
		if (!handover_login_valid(result->text)) {
			tui_error(tui, "A login is one word of at most 64 bytes: r asks again.");
			return;
		}
		st->to = xstrdup(result->text);
		snprintf(st->context, sizeof(st->context), "Handing over to %s", st->to);
		tui_ask(tui, &st->prompt, st->context, "A note for them (optional):", TAG_HANDOVER_NOTE, false);
		return;
	}
	if (result && result->ok && result->tag == TAG_HANDOVER_NOTE && st->to) {
		/* What is handed over is the brief as it stands now. */
		if (load(tui, st, st->cols) &&
		    handover_record(s->store, s->config, &st->brief, st->to, result->text, &s->who, session_now(), &id,
				    &err))
			tui_error(tui, "Not recorded: %s", err.message);
		else if (!err.status)
			tui_message(tui, "Handed over from %s to %s: on the timeline of %zu incident%s.", s->who.login,
				    st->to, st->brief.len, st->brief.len == 1 ? "" : "s");
		FREE(&st->to);
		/* The new brief runs from the handover just recorded. */
		st->view.top = 0;
	}
	load(tui, st, st->cols);
}

static const struct screen_key handover_keys[] = {
	HINT_KEY(RECORD_HANDOVER, NULL, NULL),
	HINT_KEY(FILTER, "Find", "Find words in the brief (their starts; any case)"),
	HINT_KEY(FIND_NEXT, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the list"),
	MOVE_KEYS("a row"),
	KEYS_END,
};

const struct screen_ops handover_screen = {
	.name = "handover",
	.state_size = sizeof(struct handover_state),
	.open = handover_open,
	.draw = handover_draw,
	.handle = handover_handle,
	.resume = handover_resume,
	.close = handover_close,
	.keys = handover_keys,
};
