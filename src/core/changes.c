/* Changes and approvals: the role check, the rules on text, and the
 * register a change is proposed through. */
#include "sirt/changes.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"
#include "sirt/register.h"
#include "sirt/roles.h"
#include "sirt/whole.h"

char *change_text(const struct change *c)
{
	/* An imported decision is never shown as one made here: "approved
	 * by jalvarez: ...; imported by ... from FILE (sha256 ...)". */
	char *from = whole_imported_text(c->imported), *text;

	if (strcmp(c->state, CHANGE_PROPOSED) == 0)
		text = xasprintf("change %lld: %s%s%s (proposed by %s, awaiting approval%s%s)", (long long)c->number,
				 c->what, *c->why ? "; why: " : "", c->why, c->proposed_by, from ? "; " : "",
				 from ? from : "");
	else
		text = xasprintf("change %lld: %s%s%s (%s by %s: %s%s%s)", (long long)c->number, c->what,
				 *c->why ? "; why: " : "", c->why, c->state, c->decided_by, c->reason, from ? "; " : "",
				 from ? from : "");
	free(from);
	return text;
}

/* An approval an import brought is the file's word, not management's
 * here (R15): it unlocks nothing. */
bool changes_any_approved(const struct change_list *changes)
{
	for (size_t i = 0; i < changes->len; i++)
		if (strcmp(changes->items[i].state, CHANGE_APPROVED) == 0 && !changes->items[i].imported)
			return true;
	return false;
}

/* What a proposal must be, typed on the command line or in the form;
 * STATUS_DATA with *column the question at fault. */
static enum status proposal_check(const char *what, const char *why, const char **column, struct error *err)
{
	enum status st;

	*column = "what";
	if ((st = form_text_check("change", what, true, FORM_TEXT_MAX, err)))
		return st;
	*column = "why";
	if ((st = form_text_check("reason for it", why, false, FORM_TEXT_MAX, err)))
		return st;
	*column = NULL;
	return STATUS_OK;
}

enum status incident_propose_change(struct store *store, const struct incident *incident, const char *what,
				    const char *why, const struct actor *who, time_t now, int64_t *number,
				    struct error *err)
{
	const char *column;
	enum status st;

	if ((st = proposal_check(what, why, &column, err)))
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

/* The register of recommended changes: a change is proposed through the
 * form of the kind's columns (what, why; the decision's columns are set
 * later, by incident_decide_change) and never withdrawn. */
static char *change_line(const void *record)
{
	const struct change *c = record;

	/* A decision an export brought says so even in a list. */
	if (strcmp(c->state, CHANGE_PROPOSED) == 0)
		return xasprintf("[%s%s] %s", c->state, c->imported ? ", imported" : "", c->what);
	return xasprintf("[%s by %s%s] %s", c->state, c->decided_by, c->imported ? ", imported" : "", c->what);
}

static enum status change_checks(const void *typed, time_t now, const char **column, struct error *err)
{
	const struct change *c = typed;

	(void)now;
	return proposal_check(c->what, c->why, column, err);
}

static enum status change_add(struct store *store, const struct config *config, const struct incident *incident,
			      const void *typed, const struct actor *who, time_t now, int64_t *number, struct error *err)
{
	const struct change *c = typed;

	(void)config;
	return incident_propose_change(store, incident, c->what, c->why, who, now, number, err);
}

const struct register_def change_register = {
	.kind = &change_kind,
	.needs = CAN_RESPOND,
	.doing = "proposing a change",
	.added = "proposed; management decides on it",
	.summary = change_line,
	.check = change_checks,
	.add = change_add,
};
