/* Who may do what (R4, R15): the roles the config gives each login, and
 * the kinds of work each role allows. The screens do not offer what a
 * role may not do, and the command line refuses it with exit 77. */
#ifndef SIRT_ROLES_H
#define SIRT_ROLES_H

#include <stdbool.h>

#include "sirt/config.h"
#include "sirt/identity.h"

enum capability {
	CAN_NOTHING,	/* reading, open to every role */
	CAN_LOG,	/* log calls: new incidents, intake, the call list */
	CAN_RESPOND,	/* work incidents */
	CAN_LEAD,	/* lead details, review, close, reopen */
	CAN_APPROVE,	/* approve or reject changes */
	CAN_IMPORT,	/* import an export: [roles] importers, else the leads */
};

/* The roles who holds: a bit (1 << role) for each. */
unsigned roles_of(const struct config *config, const struct actor *who);
/* "lead, manager": who's roles, in words. */
char *roles_text(const struct config *config, const struct actor *who);
bool may(const struct config *config, const struct actor *who, enum capability what);
/* Who holds which roles and what that allows, in words, for sirt check
 * and a read-only start: "you (root) are: reviewer, so you can only read;
 * [roles] does not name you, so you hold its default (FILE:37)". */
char *roles_said(const struct config *config, const struct actor *who);
/* Only reviewers: they open the database read-only. */
bool only_reviews(const struct config *config, const struct actor *who);
/* Whether [roles] names the login in a role of its own (not only the
 * default, nor only importers, which adds to a login's other roles):
 * who may work on an enforced database at all. */
bool roles_named(const struct config *config, const struct actor *who);
/* Why who may not work on db, an enforced database, with this plan: a
 * layer other than the machine's sets a key, or [roles] does not name
 * who (root aside); NULL when nothing stands in the way. */
char *enforced_refusal(const struct config *config, const struct actor *who, const char *db);
/* The least role that allows it: the one to name in a refusal. */
enum role role_needed(enum capability what);
/* The role a form needs to be saved: the intake the call's, the lead
 * details and the review the lead's, any other the team's. */
enum capability form_capability(const char *form);
/* Why who may not, naming the role needed and who holds it, or NULL if
 * they may. doing: "closing an incident". */
char *refusal(const struct config *config, const struct actor *who, enum capability what, const char *doing);

#endif
