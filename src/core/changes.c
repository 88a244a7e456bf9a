/* Changes and approvals: the role check and the rules on text. */
#include "sirt/changes.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"

bool changes_any_approved(const struct change_list *changes)
{
	for (size_t i = 0; i < changes->len; i++)
		if (strcmp(changes->items[i].state, CHANGE_APPROVED) == 0)
			return true;
	return false;
}

bool role_is_manager(const struct config *config, const struct actor *who)
{
	return strlist_find(&config->managers, who->login) >= 0;
}

char *change_decide_refusal(const struct config *config, const struct actor *who)
{
	struct strbuf names = {0};
	char *why;

	if (role_is_manager(config, who))
		return NULL;
	for (size_t i = 0; i < config->managers.len; i++)
		strbuf_printf(&names, "%s%s", i ? ", " : "", config->managers.items[i]);
	why = xasprintf("approving or rejecting a change needs the management role: %s is not in [roles] managers "
			"of %s (%s)", who->login, config->path,
			names.len ? strbuf_str(&names) : "no one is; an administrator adds the logins there");
	strbuf_free(&names);
	return why;
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
	char *refusal = change_decide_refusal(config, who);
	char *summary;
	enum status st;

	if (refusal) {
		st = error_set(err, STATUS_PERMISSION, "%s", refusal);
		free(refusal);
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
