/* Closing an incident (R24): what is still open is listed first. The
 * post-incident review must be answered; anything else can be left open
 * only with a reason, which goes on the timeline. */
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/closing.h"
#include "sirt/mem.h"
#include "sirt/record.h"
#include "sirt/store.h"
#include "sirt/sanitize.h"
#include "sirt/utf8.h"
#include "sirt/whole.h"
#include "tui.h"

struct closing_state {
	char ref[64];
	struct incident incident;
	struct open_items items;
	char *review_imported;	/* the review's answers came from a file: whose */
	size_t top;
	size_t max_top;		/* the first item that fills the rows to the end */
	struct form_arg form_arg;
	struct prompt_arg prompt;
	char context[256];
};

static bool load(struct tui *tui, struct closing_state *st)
{
	struct session *s = tui->session;
	struct incident incident;
	struct incident_record record;
	struct error err = {0};

	if (store_incident_get(s->store, st->ref, &incident, &err)) {
		tui_error(tui, "%s", err.message);
		return false;
	}
	if (incident_record_load(s->store, s->config, &incident, session_now(), &record, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		return false;
	}
	open_items_free(&st->items);
	incident_open_items(s->config, &incident, &record, &st->items);
	FREE(&st->review_imported);
	for (size_t i = 0; i < record.fields.len && !st->review_imported; i++)
		if (record.fields.items[i].imported && strcmp(record.fields.items[i].form, s->config->review->key) == 0)
			st->review_imported = whole_imported_text(record.fields.items[i].imported);
	incident_record_free(&record);
	incident_clear(&st->incident);
	st->incident = incident;
	return true;
}

static void closing_close(struct tui *tui, void *state)
{
	struct closing_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	open_items_free(&st->items);
	FREE(&st->review_imported);
}

static bool closing_open(struct tui *tui, void *state, const void *arg)
{
	struct closing_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (!load(tui, st)) {
		closing_close(tui, st);
		return false;
	}
	return true;
}

/* The rows an item takes: its text wrapped under itself, at most two. */
static int item_rows(const struct open_item *it, int cols)
{
	return wrapped_rows(it->text, cols - 8, 2);
}

static void closing_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct closing_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win), list_rows = rows - 7 - (st->review_imported ? 2 : 0);
	char *line = xasprintf(" Close %s  %s", st->incident.ref, st->incident.title);
	const char *advice;

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	if (st->items.blocking)
		advice = "The post-incident review must be answered first: press w to answer it.";
	else if (st->items.len)
		advice = "x closes it anyway: you say why, and that goes on the timeline.";
	else
		advice = "Nothing is left open. x closes the incident.";
	{
		/* Each item whole, over two rows if it must, its text under
		 * itself; what is above or below the rows there are is said
		 * in the heading. The end of the list fills the rows. */
		int y = 3, need = 0;
		size_t i, max_top = st->items.len;

		while (max_top > 0 && need + item_rows(&st->items.items[max_top - 1], cols) <= list_rows)
			need += item_rows(&st->items.items[--max_top], cols);
		st->max_top = max_top;
		if (st->top > max_top)
			st->top = max_top;
		for (i = st->top; i < st->items.len && y < 3 + list_rows; i++) {
			const struct open_item *it = &st->items.items[i];
			enum tui_style style = it->kind == OPEN_REVIEW ? STYLE_ERROR : STYLE_NORMAL;

			draw_text(tui, win, y, 2, 4, style, it->kind == OPEN_REVIEW ? "must" : "   -");
			y += draw_wrapped(tui, win, y, 7, cols - 8, 3 + list_rows - y > 1 ? 2 : 1, style, it->text);
		}
		line = !st->items.len ? xstrdup("Everything is done.") :
		       xasprintf("Still open (%zu):%s", st->items.len,
				 st->top > 0 && i < st->items.len ? "  (more above and below: Up, Down)" :
				 i < st->items.len ? "  (more below: Down)" : st->top > 0 ? "  (more above: Up)" : "");
		draw_text(tui, win, 2, 1, cols - 2, STYLE_NORMAL, line);
		free(line);
	}
	if (st->review_imported) {
		/* Answered elsewhere, or in the file: not a review made here. */
		line = xasprintf("The review was answered elsewhere: %s.", st->review_imported);
		draw_wrapped(tui, win, rows - 5, 1, cols - 2, 2, STYLE_TITLE, line);
		free(line);
	}
	draw_wrapped(tui, win, rows - 3, 1, cols - 2, 2, st->items.blocking ? STYLE_ERROR : STYLE_TITLE, advice);
}

static enum result closing_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct closing_state *st = state;
	int list_rows = getmaxy(tui->body) - 7 - (st->review_imported ? 2 : 0);

	(void)key;
	/* Down to where the end of the list fills the rows, as drawn. */
	if (list_move(action, &st->top, st->max_top + 1, list_rows - 1))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_REVIEW:
		if (!tui_writable(tui))
			return RESULT_HANDLED;
		st->form_arg.form = tui->session->config->review;
		st->form_arg.ref = st->ref;
		return tui_push(tui, &form_screen, &st->form_arg);
	case ACTION_CLOSE:
		if (!tui_writable(tui))
			return RESULT_HANDLED;
		if (st->items.blocking) {
			tui_error(tui, "Not closed: %zu review question%s not answered. Press w to answer.",
				  st->items.blocking, st->items.blocking == 1 ? " is" : "s are");
			return RESULT_HANDLED;
		}
		snprintf(st->context, sizeof(st->context), "Close %s", st->incident.ref);
		if (st->items.len) {
			tui_ask(tui, &st->prompt, st->context, "Why close it with these still open? (required)",
				TAG_CLOSE_REASON, true);
			return RESULT_PUSH;
		}
		st->prompt = (struct prompt_arg){.context = st->context, .question = "Close the incident?",
						 .tag = TAG_CLOSE_CONFIRM, .yes_no = true};
		return tui_push(tui, &confirm_screen, &st->prompt);
	default:
		return RESULT_IGNORED;
	}
}

static void closing_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct closing_state *st = state;
	struct session *s = tui->session;
	struct open_items items;
	struct error err = {0};

	if (result && result->ok && (result->tag == TAG_CLOSE_REASON || result->tag == TAG_CLOSE_CONFIRM)) {
		if (incident_close(s->store, s->config, &st->incident, result->tag == TAG_CLOSE_REASON ? result->text : "",
				   &s->who, session_now(), &items, &err)) {
			tui_error(tui, "Not closed: %s", err.message);
		} else {
			open_items_free(&items);
			tui_message(tui, "%s closed. x on it reopens it.", st->incident.ref);
			tui_pop(tui, TAG_SAVED, true, "");
			return;
		}
		open_items_free(&items);
	}
	/* Back from the review, the list has changed: from its top. */
	if (result && result->tag == TAG_SAVED)
		st->top = 0;
	load(tui, st);
}

static const struct screen_key closing_keys[] = {
	HINT_KEY(CLOSE, NULL, "Close the incident: anything still open but the review needs a reason"),
	HINT_KEY(REVIEW, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident, leaving it open"),
	MOVE_KEYS("the list"),
	KEYS_END,
};

const struct screen_ops closing_screen = {
	.name = "closing",
	.state_size = sizeof(struct closing_state),
	.open = closing_open,
	.draw = closing_draw,
	.handle = closing_handle,
	.resume = closing_resume,
	.close = closing_close,
	.keys = closing_keys,
};
