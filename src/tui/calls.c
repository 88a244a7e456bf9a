/* The escalation call list (R3): the 24/7 number and the roster in the
 * configured order, the next person to call highlighted, and every
 * attempt with its outcome. One key logs an outcome; a note may follow. */
#include <stdlib.h>
#include <string.h>

#include "sirt/calls.h"
#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/mem.h"
#include "sirt/sanitize.h"
#include "sirt/utf8.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "tui.h"

struct calls_state {
	char ref[64];
	struct incident incident;
	struct call_list calls;
	size_t cursor;		/* index into the escalation order */
	char pending_outcome[32];
	struct prompt_arg prompt;
	char context[256];
};

static bool load(struct tui *tui, struct calls_state *st)
{
	struct error err = {0};
	struct incident incident;
	struct call_list calls = {0};

	if (store_incident_get(tui->session->store, st->ref, &incident, &err) ||
	    store_calls_get(tui->session->store, incident.id, &calls, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		call_list_free(&calls);
		return false;
	}
	incident_clear(&st->incident);
	call_list_free(&st->calls);
	st->incident = incident;
	st->calls = calls;
	return true;
}

/* The cursor goes to whoever is next, or stays where it is once someone
 * was reached. */
static void cursor_to_next(struct tui *tui, struct calls_state *st)
{
	int reached, next = calls_next(&tui->session->config->escalation, &st->calls, &reached);

	if (next >= 0)
		st->cursor = (size_t)next;
}

static void calls_close(struct tui *tui, void *state)
{
	struct calls_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	call_list_free(&st->calls);
}

static bool calls_open(struct tui *tui, void *state, const void *arg)
{
	struct calls_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (tui->session->config->escalation.len == 0) {
		tui_error(tui, "No escalation order in the config: list the contacts under [escalation] order.");
		return false;
	}
	if (!load(tui, st)) {
		calls_close(tui, st);
		return false;
	}
	cursor_to_next(tui, st);
	return true;
}

static void calls_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct calls_state *st = state;
	const struct config *c = tui->session->config;
	int cols = getmaxx(win), rows = getmaxy(win);
	int reached, next = calls_next(&c->escalation, &st->calls, &reached);
	char *line = xasprintf(" Escalation calls: %s  %s", st->incident.ref, st->incident.title);
	int y;

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	line = xasprintf("%s: %s.  Call in order until someone is reached.", c->hotline_label, c->hotline);
	draw_text(tui, win, 1, 1, cols - 2, STYLE_DIM, line);
	free(line);
	draw_text(tui, win, 2, 0, cols, STYLE_COLUMN,
		  "    #  Name               Role             Phone           Tries  Last");
	for (size_t i = 0; i < c->escalation.len && (int)i < rows - 9; i++) {
		const struct contact *ct = config_contact(c, c->escalation.items[i]);
		const struct call_attempt *last = calls_last_to(&st->calls, ct->id);
		struct strbuf sb = {0};
		char *cells[4];

		cells[0] = sanitize(ct->name, 0);
		cells[1] = sanitize(ct->role, 0);
		/* No phone is said, not skipped: the office must see it. */
		cells[2] = sanitize(*ct->phone ? ct->phone : "no phone", 0);
		cells[3] = sanitize(last ? call_outcome_label(last->outcome) : "", 0);
		strbuf_printf(&sb, " %s %2zu. ", (int)i == next ? ">" : (int)i == reached ? "*" : " ", i + 1);
		text_pad(&sb, cells[0], 18, true);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, cells[1], 16, true);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, cells[2], 15, true);
		strbuf_printf(&sb, " %5zu  ", calls_to(&st->calls, ct->id));
		strbuf_puts(&sb, cells[3]);
		draw_safe(tui, win, 3 + (int)i, 0, cols, i == st->cursor ? STYLE_SELECTED : STYLE_NORMAL, strbuf_str(&sb));
		for (int k = 0; k < 4; k++)
			free(cells[k]);
		strbuf_free(&sb);
	}
	y = 4 + (int)c->escalation.len;
	if (calls_reached(&st->calls)) {
		const struct call_attempt *got = calls_reached(&st->calls);
		char *when = time_utc_to_local(got->called_at);
		line = xasprintf("Reached %s at %s (logged by %s).", got->name, when, got->called_by);
		draw_text(tui, win, y, 1, cols - 2, STYLE_OK, line);
		free(line);
		free(when);
	} else if (next >= 0) {
		const struct contact *ct = config_contact(c, c->escalation.items[next]);
		line = *ct->phone ? xasprintf("Next to call: %s, %s", ct->name, ct->phone) :
				    xasprintf("Next: %s has no phone; write to %s", ct->name, *ct->email ? ct->email : "them");
		draw_text(tui, win, y, 1, cols - 2, STYLE_OK, line);
		free(line);
	}
	/* The latest attempts, newest first. */
	for (int r = 0; r < rows - y - 2 && (size_t)r < st->calls.len; r++) {
		const struct call_attempt *a = &st->calls.items[st->calls.len - 1 - (size_t)r];
		char *when = time_utc_to_local(a->called_at);
		line = xasprintf("%s  %s: %s%s%s (by %s)", when, a->name, call_outcome_label(a->outcome),
				 *a->note ? "; " : "", a->note, a->called_by);
		draw_text(tui, win, y + 2 + r, 1, cols - 2, STYLE_DIM, line);
		free(line);
		free(when);
	}
}

static const struct prompt_arg call_note_prompt = {
	.question = "A note on the call (Enter saves, empty for none; Esc logs nothing)",
	.tag = TAG_CALL_NOTE,
};

static enum result calls_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct calls_state *st = state;
	const struct config *c = tui->session->config;
	const char *outcome = action == ACTION_CALL_REACHED ? "reached" : action == ACTION_CALL_NO_ANSWER ? "no-answer" :
			      action == ACTION_CALL_MESSAGE ? "message" : action == ACTION_CALL_WRONG ? "wrong-number" : NULL;
	const struct contact *ct;

	(void)key;
	if (list_move(action, &st->cursor, c->escalation.len, 5))
		return RESULT_HANDLED;
	if (!outcome)
		return RESULT_IGNORED;
	if (!tui_may_change(tui, &st->incident))
		return RESULT_HANDLED;
	ct = config_contact(c, c->escalation.items[st->cursor]);
	snprintf(st->pending_outcome, sizeof(st->pending_outcome), "%s", outcome);
	snprintf(st->context, sizeof(st->context), "Call to %s (%s): %s", ct->name, *ct->phone ? ct->phone : "no phone",
		 call_outcome_label(outcome));
	st->prompt = call_note_prompt;
	st->prompt.context = st->context;
	return tui_push(tui, &prompt_screen, &st->prompt);
}

static void calls_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct calls_state *st = state;
	struct session *s = tui->session;
	struct error err = {0};
	int64_t id;

	if (result && result->tag == TAG_CALL_NOTE && result->ok) {
		const char *contact = s->config->escalation.items[st->cursor];
		if (incident_log_call(s->store, s->config, &st->incident, contact, st->pending_outcome, result->text,
				      &s->who, session_now(), &id, &err))
			tui_error(tui, "Not saved: %s", err.message);
		else
			tui_message(tui, "Call logged.");
		load(tui, st);
		cursor_to_next(tui, st);
		return;
	}
	load(tui, st);
}

static const struct screen_key calls_keys[] = {
	HINT_KEY(CALL_REACHED, NULL, NULL),
	HINT_KEY(CALL_NO_ANSWER, NULL, NULL),
	HINT_KEY(CALL_MESSAGE, NULL, NULL),
	HINT_KEY(CALL_WRONG, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MOVE_KEYS("a contact"),
	KEYS_END,
};

const struct screen_ops calls_screen = {
	.name = "calls",
	.state_size = sizeof(struct calls_state),
	.open = calls_open,
	.draw = calls_draw,
	.handle = calls_handle,
	.resume = calls_resume,
	.close = calls_close,
	.keys = calls_keys,
};
