/* Changes and approvals: the role check and the rules on text. */
#include "sirt/changes.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"
#include "sirt/roles.h"

char *change_text(const struct change *c)
{
	if (strcmp(c->state, CHANGE_PROPOSED) == 0)
		return xasprintf("change %lld: %s%s%s (proposed by %s, awaiting approval)", (long long)c->number, c->what,
				 *c->why ? "; why: " : "", c->why, c->proposed_by);
	return xasprintf("change %lld: %s%s%s (%s by %s: %s)", (long long)c->number, c->what, *c->why ? "; why: " : "",
			 c->why, c->state, c->decided_by, c->reason);
}

bool changes_any_approved(const struct change_list *changes)
{
	for (size_t i = 0; i < changes->len; i++)
		if (strcmp(changes->items[i].state, CHANGE_APPROVED) == 0)
			return true;
	return false;
}

enum status incident_propose_change(struct store *store, const struct incident *incident, const char *what,
				    const char *why, const struct actor *who, time_t now, int64_t *number,
				    struct error *err)
{
	enum status st;

	if ((st = form_text_check("change", what, true, FORM_TEXT_MAX, err)) ||
	    (st = form_text_check("reason for it", why, false, FORM_TEXT_MAX, err)))
		return st;
	return store_change_add(store, incident, what, why, who, now, number, err);
}

enum status incident_decide_change(struct store *store, const struct config *config, const struct incident *incident,
				   int64_t number, bool approve, const char *reason, const struct actor *who,
				   time_t now, struct error *err)
{
	char *why_not = refusal(config, who, CAN_APPROVE, "approving or rejecting a change");
	char *summary;
	enum status st;

	if (why_not) {
		st = error_set(err, STATUS_PERMISSION, "%s", why_not);
		free(why_not);
		return st;
	}
	if ((st = form_text_check(approve ? "reason for approving" : "reason for rejecting", reason, true, FORM_TEXT_MAX,
				  err)))
		return st;
	summary = xasprintf("Change %lld %s by %s: %s", (long long)number, approve ? "approved" : "rejected", who->login,
			    reason);
	st = store_change_decide(store, incident, number, approve ? CHANGE_APPROVED : CHANGE_REJECTED, reason, summary,
				 who, now, err);
	free(summary);
	return st;
}
