/* Recommended changes and their approval (R14, R15): the register of
 * changes, where the team proposes one through its form, and only the
 * management role approves or rejects one, with a reason. Anyone else is
 * told which role it needs and who has it. A change is never withdrawn. */
#include <stdlib.h>
#include <string.h>

#include "sirt/changes.h"
#include "sirt/clock.h"
#include "sirt/register.h"
#include "sirt/roles.h"
#include "tui.h"

struct changes_state {
	struct register_view view;	/* first: the register's parts take the state */
	bool approving;			/* what the reason prompt is for */
	struct when_arg when;		/* @: when the next decision was made */
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

static bool changes_open(struct tui *tui, void *state, const void *arg)
{
	struct changes_state *st = state;

	st->view.empty = "No change proposed yet. Press n to propose one.";
	return register_view_open(tui, &st->view, arg, &change_register, "changes");
}

static void changes_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct changes_state *st = state;
	const struct config *c = tui->session->config;
	char *intro = st->when.at ? when_line(&st->when, "decision") : may(c, &tui->session->who, CAN_APPROVE) ?
			      xasprintf("You (%s) are in the management role: y approves, x rejects.",
					tui->session->who.login) :
			      xasprintf("You (%s) may propose changes. Deciding is for the management role: %s.",
					tui->session->who.login, managers(c));

	register_view_draw(tui, &st->view, win, intro);
	free(intro);
}

static enum result changes_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct changes_state *st = state;
	const struct change *ch = register_view_selected(&st->view);

	(void)key;
	switch (action) {
	case ACTION_PROPOSE:
		return register_view_handle(tui, &st->view, ACTION_ADD_RECORD);
	case ACTION_WHEN:
		return when_ask(tui, &st->when, "The next decision was made earlier than now");
	case ACTION_APPROVE:
	case ACTION_REJECT:
		if (!tui_may_change(tui, &st->view.incident))
			return RESULT_HANDLED;
		if (!ch) {
			tui_error(tui, "No change to decide on. Press n to propose one.");
			return RESULT_HANDLED;
		}
		/* Only managers get here: the loop refuses the key to anyone else. */
		if (strcmp(ch->state, CHANGE_PROPOSED) != 0) {
			tui_error(tui, "Change %lld was already %s by %s%s.", (long long)ch->number, ch->state, ch->decided_by,
				  ch->imported ? " (as an imported file says)" : "");
			return RESULT_HANDLED;
		}
		st->approving = action == ACTION_APPROVE;
		snprintf(st->view.context, sizeof(st->view.context), "%s change %lld: %s",
			 st->approving ? "Approve" : "Reject", (long long)ch->number, ch->what);
		tui_ask(tui, &st->view.prompt, st->view.context, "The reason for this decision (required)",
			TAG_CHANGE_REASON, true);
		return RESULT_PUSH;
	default:
		return register_view_handle(tui, &st->view, action);
	}
}

static void changes_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct changes_state *st = state;
	const struct change *ch = register_view_selected(&st->view);
	struct session *s = tui->session;
	struct error err = {0};

	if (when_answered(tui, &st->when, result))
		return;
	if (result && result->ok && result->tag == TAG_CHANGE_REASON && ch) {
		enum status rc;

		/* Said with @ to have been made earlier: for this one alone. */
		store_when(s->store, st->when.at);
		rc = incident_decide_change(s->store, s->config, &st->view.incident, ch->number, st->approving,
					    result->text, &s->who, session_now(), &err);
		store_when(s->store, 0);
		if (rc) {
			tui_error(tui, "Not saved: %s", err.message);
		} else {
			st->when.at = 0;
			tui_message(tui, "Change %lld %s.", (long long)ch->number, st->approving ? "approved" : "rejected");
		}
	}
	register_view_resume(tui, &st->view, result);
}

static const struct screen_key changes_keys[] = {
	HINT_KEY(PROPOSE, NULL, NULL),
	HINT_KEY(APPROVE, NULL, NULL),
	HINT_KEY(REJECT, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MORE_KEY(OPEN, "Read", "Read the selected one whole: every part, wrapped; / finds words in it"),
	MORE_KEY(WHEN, NULL, "Say when the next decision was made, if earlier than now (03:05, -35m)"),
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
	.close = register_view_close,
	.keys = changes_keys,
};
