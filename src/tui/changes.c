/* Recommended changes and their approval (R14, R15): the team proposes,
 * and only the management role approves or rejects, with a reason.
 * Anyone else is told which role it needs and who has it. */
#include <stdlib.h>
#include <string.h>

#include "sirt/changes.h"
#include "sirt/clock.h"
#include "sirt/mem.h"
#include "sirt/roles.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "tui.h"

struct changes_state {
	char ref[64];
	struct incident incident;
	struct change_list changes;
	size_t cursor;
	char *what;		/* a proposal between its two questions */
	bool approving;		/* what the reason prompt is for */
	struct prompt_arg prompt;
	char context[512];
};

/* "jalvarez, tbecker", or a word saying no one has the role. */
static const char *managers(const struct config *c)
{
	static char names[256];
	size_t n = 0;

	names[0] = '\0';
	const struct strlist *m = &c->roles[ROLE_MANAGER];

	for (size_t i = 0; i < m->len && n < sizeof(names); i++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s", i ? ", " : "", m->items[i]);
	return m->len ? names : "no one yet, see [roles] managers";
}

static bool load(struct tui *tui, struct changes_state *st)
{
	struct error err = {0};
	struct incident incident;
	struct change_list changes = {0};

	if (store_incident_get(tui->session->store, st->ref, &incident, &err) ||
	    store_changes_get(tui->session->store, incident.id, &changes, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		change_list_free(&changes);
		return false;
	}
	incident_clear(&st->incident);
	change_list_free(&st->changes);
	st->incident = incident;
	st->changes = changes;
	cursor_clamp(&st->cursor, st->changes.len);
	return true;
}

static void changes_close(struct tui *tui, void *state)
{
	struct changes_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	change_list_free(&st->changes);
	free(st->what);
}

static bool changes_open(struct tui *tui, void *state, const void *arg)
{
	struct changes_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (!load(tui, st)) {
		changes_close(tui, st);
		return false;
	}
	return true;
}

static void changes_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct changes_state *st = state;
	const struct config *c = tui->session->config;
	int cols = getmaxx(win), rows = getmaxy(win);
	bool deciding = may(c, &tui->session->who, CAN_APPROVE);
	char *line = xasprintf(" Changes: %s  %s", st->incident.ref, st->incident.title);
	size_t top = 0;
	int list_rows = rows - 10;

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	line = !deciding ? xasprintf("You (%s) may propose changes. Deciding is for the management role: %s.",
				   tui->session->who.login, managers(c)) :
			 xasprintf("You (%s) are in the management role: y approves, x rejects.", tui->session->who.login);
	draw_text(tui, win, 1, 1, cols - 2, STYLE_DIM, line);
	free(line);
	if (st->changes.len == 0) {
		draw_text(tui, win, 3, 2, cols - 4, STYLE_DIM, "No change proposed yet. Press n to propose one.");
		return;
	}
	scroll_to_show(st->cursor, &top, list_rows);
	for (int r = 0; r < list_rows && top + (size_t)r < st->changes.len; r++) {
		const struct change *ch = &st->changes.items[top + (size_t)r];
		line = xasprintf(" %2lld. [%-8s] %s", (long long)ch->number, ch->state, ch->what);
		draw_text(tui, win, 3 + r, 0, cols, top + (size_t)r == st->cursor ? STYLE_SELECTED : STYLE_NORMAL, line);
		free(line);
	}
	{
		const struct change *ch = &st->changes.items[st->cursor];
		char *when = time_utc_to_local(ch->proposed_at);
		int y = rows - 6;

		draw_wrapped(tui, win, y, 1, cols - 2, 2, STYLE_NORMAL, ch->what);
		line = xasprintf("Why: %s", *ch->why ? ch->why : "-");
		draw_wrapped(tui, win, y + 2, 1, cols - 2, 1, STYLE_DIM, line);
		free(line);
		line = xasprintf("Proposed by %s at %s", ch->proposed_by, when);
		draw_text(tui, win, y + 3, 1, cols - 2, STYLE_DIM, line);
		free(line);
		free(when);
		if (strcmp(ch->state, CHANGE_PROPOSED) != 0) {
			when = time_utc_to_local(ch->decided_at);
			line = xasprintf("%s by %s at %s: %s", ch->state, ch->decided_by, when, ch->reason);
			draw_text(tui, win, y + 4, 1, cols - 2, STYLE_OK, line);
			free(line);
			free(when);
		} else {
			draw_text(tui, win, y + 4, 1, cols - 2, STYLE_DIM, "Awaiting a decision by management.");
		}
	}
}

static const struct prompt_arg what_prompt = {
	.question = "What change would prevent a recurrence?",
	.tag = TAG_CHANGE_WHAT,
	.required = true,
};

static const struct prompt_arg why_prompt = {
	.question = "Why? (optional)",
	.tag = TAG_CHANGE_WHY,
};

static const struct prompt_arg reason_prompt = {
	.question = "The reason for this decision (required)",
	.tag = TAG_CHANGE_REASON,
	.required = true,
};

static enum result changes_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct changes_state *st = state;
	const struct change *ch = st->changes.len ? &st->changes.items[st->cursor] : NULL;
	(void)key;
	if (list_move(action, &st->cursor, st->changes.len, 5))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_PROPOSE:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		return tui_push(tui, &prompt_screen, &what_prompt);
	case ACTION_APPROVE:
	case ACTION_REJECT:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		if (!ch) {
			tui_error(tui, "No change to decide on. Press n to propose one.");
			return RESULT_HANDLED;
		}
		/* Only managers get here: the loop refuses the key to anyone else. */
		if (strcmp(ch->state, CHANGE_PROPOSED) != 0) {
			tui_error(tui, "Change %lld was already %s by %s.", (long long)ch->number, ch->state, ch->decided_by);
			return RESULT_HANDLED;
		}
		st->approving = action == ACTION_APPROVE;
		snprintf(st->context, sizeof(st->context), "%s change %lld: %s", st->approving ? "Approve" : "Reject",
			 (long long)ch->number, ch->what);
		st->prompt = reason_prompt;
		st->prompt.context = st->context;
		return tui_push(tui, &prompt_screen, &st->prompt);
	default:
		return RESULT_IGNORED;
	}
}

static void changes_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct changes_state *st = state;
	struct session *s = tui->session;
	struct error err = {0};
	int64_t number = 0;

	if (result && result->ok && result->tag == TAG_CHANGE_WHAT) {
		free(st->what);
		st->what = xstrdup(result->text);
		snprintf(st->context, sizeof(st->context), "Change: %s", st->what);
		st->prompt = why_prompt;
		st->prompt.context = st->context;
		tui_push(tui, &prompt_screen, &st->prompt);
		return;
	}
	if (result && result->ok && result->tag == TAG_CHANGE_WHY && st->what) {
		if (incident_propose_change(s->store, &st->incident, st->what, result->text, &s->who, session_now(),
					    &number, &err))
			tui_error(tui, "Not saved: %s", err.message);
		else
			tui_message(tui, "Change %lld proposed; management decides on it.", (long long)number);
		FREE(&st->what);
		load(tui, st);
		st->cursor = st->changes.len ? st->changes.len - 1 : 0;
		return;
	}
	if (result && result->ok && result->tag == TAG_CHANGE_REASON && st->changes.len) {
		const struct change *ch = &st->changes.items[st->cursor];
		if (incident_decide_change(s->store, s->config, &st->incident, ch->number, st->approving, result->text,
					   &s->who, session_now(), &err))
			tui_error(tui, "Not saved: %s", err.message);
		else
			tui_message(tui, "Change %lld %s.", (long long)ch->number, st->approving ? "approved" : "rejected");
	}
	load(tui, st);
}

static const struct screen_key changes_keys[] = {
	HINT_KEY(PROPOSE, NULL, NULL),
	HINT_KEY(APPROVE, NULL, NULL),
	HINT_KEY(REJECT, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MOVE_KEYS("a change"),
	KEYS_END,
};

const struct screen_ops changes_screen = {
	.name = "changes",
	.state_size = sizeof(struct changes_state),
	.open = changes_open,
	.draw = changes_draw,
	.handle = changes_handle,
	.resume = changes_resume,
	.close = changes_close,
	.keys = changes_keys,
};
