/* Roles and what they allow. */
#include "sirt/roles.h"

#include <stdlib.h>
#include <string.h>

/* What each role allows, by capability. */
static bool role_allows(enum role role, enum capability what)
{
	switch (role) {
	case ROLE_OPERATOR:
		return what == CAN_LOG;
	case ROLE_RESPONDER:
		return what == CAN_LOG || what == CAN_RESPOND;
	case ROLE_LEAD:
		return what == CAN_LOG || what == CAN_RESPOND || what == CAN_LEAD;
	case ROLE_MANAGER:
		return what == CAN_APPROVE;
	case ROLE_IMPORTER:
		return what == CAN_IMPORT;
	default:
		return false;
	}
}

/* The importer role is added to a login's others, not in their place:
 * named there alone, a login still holds the default. Where [roles]
 * importers is not set, importing is the leads' (may, refusal). */
unsigned roles_of(const struct config *c, const struct actor *who)
{
	unsigned roles = 0;

	for (int r = 0; r < ROLE_COUNT; r++)
		if (r != ROLE_IMPORTER && strlist_find(&c->roles[r], who->login) >= 0)
			roles |= 1u << r;
	if (!roles)
		roles = 1u << c->default_role;
	if (c->importers_set && strlist_find(&c->roles[ROLE_IMPORTER], who->login) >= 0)
		roles |= 1u << ROLE_IMPORTER;
	return roles;
}

/* What what asks of the roles: importing, where [roles] importers is
 * not set, what the leads do. */
static enum capability as_configured(const struct config *c, enum capability what)
{
	return what == CAN_IMPORT && !c->importers_set ? CAN_LEAD : what;
}

char *roles_text(const struct config *c, const struct actor *who)
{
	struct strbuf sb = {0};
	unsigned roles = roles_of(c, who);

	for (int r = 0; r < ROLE_COUNT; r++)
		if (roles & (1u << r))
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", role_name((enum role)r));
	return strbuf_take(&sb);
}

bool may(const struct config *c, const struct actor *who, enum capability what)
{
	unsigned roles = roles_of(c, who);

	what = as_configured(c, what);
	if (what == CAN_NOTHING)
		return true;
	for (int r = 0; r < ROLE_COUNT; r++)
		if ((roles & (1u << r)) && role_allows((enum role)r, what))
			return true;
	return false;
}

/* What each kind of work is, after "you can read, ". */
static const char *const work_words[] = {
	[CAN_LOG] = "log calls",
	[CAN_RESPOND] = "work incidents",
	[CAN_LEAD] = "lead them (the lead details, decisions, the review, closing, reopening)",
	[CAN_APPROVE] = "approve or reject changes",
	[CAN_IMPORT] = "import exports",
};

char *roles_said(const struct config *c, const struct actor *who)
{
	struct strbuf sb = {0};
	char *mine = roles_text(c, who);
	const struct ini_entry *def = c->settings ? ini_entry(c->settings, "roles", "default") : NULL;
	bool named = false;
	int can = 0, said = 0;

	for (int r = 0; r < ROLE_COUNT; r++)
		named = named || strlist_find(&c->roles[r], who->login) >= 0;
	strbuf_printf(&sb, "you (%s) are: %s", who->login, mine);
	for (int what = CAN_LOG; what <= CAN_IMPORT; what++)
		can += may(c, who, (enum capability)what);
	strbuf_puts(&sb, can ? ", so you can read" : ", so you can only read");
	for (int what = CAN_LOG; what <= CAN_IMPORT; what++)
		if (may(c, who, (enum capability)what))
			strbuf_printf(&sb, "%s%s", ++said == can ? " and " : ", ", work_words[what]);
	if (!named && def && *def->value)
		strbuf_printf(&sb, "; [roles] does not name you, so you hold its default (%s:%d)", def->file, def->line);
	else if (!named)
		strbuf_puts(&sb, "; [roles] does not name you, so you hold sirt's default (it sets none)");
	free(mine);
	return strbuf_take(&sb);
}

bool roles_named(const struct config *c, const struct actor *who)
{
	/* Not importers: a role added to a login's others, never one alone. */
	for (int r = 0; r < ROLE_COUNT; r++)
		if (r != ROLE_IMPORTER && strlist_find(&c->roles[r], who->login) >= 0)
			return true;
	return false;
}

char *enforced_refusal(const struct config *c, const struct actor *who, const char *db)
{
	struct strlist foreign = {0};
	char *why = NULL;

	config_foreign_keys(c, &foreign);
	if (foreign.len || !config_store_from_system(c))
		why = xasprintf("%s is an enforced database, whose roles, forms, procedures and deadlines come only from "
				"the machine's configuration (/etc/sirt), but %s%s: move that file aside, or take those "
				"keys out of it", db, foreign.len ? foreign.items[0] : "another configuration is read",
				foreign.len > 1 ? " (and more)" : "");
	else if (who->uid != 0 && !roles_named(c, who))
		why = xasprintf("%s is an enforced database, for the logins [roles] names in %s, and %s is not one of "
				"them ([roles] default is for the logins of a group's database): ask an administrator "
				"to name %s there", db, config_section_file(c, "roles"), who->login, who->login);
	strlist_free(&foreign);
	return why;
}

bool only_reviews(const struct config *c, const struct actor *who)
{
	return roles_of(c, who) == 1u << ROLE_REVIEWER;
}

enum role role_needed(enum capability what)
{
	static const enum role least[] = {ROLE_OPERATOR, ROLE_OPERATOR, ROLE_RESPONDER, ROLE_LEAD, ROLE_MANAGER,
					  ROLE_IMPORTER};

	return least[what];
}

enum capability form_capability(const char *form)
{
	return strcmp(form, "intake") == 0 ? CAN_LOG :
	       strcmp(form, "lead") == 0 || strcmp(form, "review") == 0 ? CAN_LEAD : CAN_RESPOND;
}

char *refusal(const struct config *c, const struct actor *who, enum capability what, const char *doing)
{
	enum role needed = role_needed(what);
	enum capability as = as_configured(c, what);
	struct strlist logins = {0};
	struct strbuf holders = {0};
	char *mine, *why;

	if (may(c, who, what))
		return NULL;
	for (int r = 0; r < ROLE_COUNT; r++)
		for (size_t i = 0; role_allows((enum role)r, as) && i < c->roles[r].len; i++)
			if (strlist_find(&logins, c->roles[r].items[i]) < 0)
				strlist_add(&logins, c->roles[r].items[i]);
	for (size_t i = 0; i < logins.len; i++)
		strbuf_printf(&holders, "%s%s", i ? ", " : "", logins.items[i]);
	if (role_allows(c->default_role, as))
		strbuf_printf(&holders, "%severyone not named there", holders.len ? " and " : "");
	mine = roles_text(c, who);
	why = xasprintf("%s needs the %s role: %s is %s %s (see [roles] in %s; it is held by %s%s)", doing,
			role_name(needed), who->login, strchr("aeiou", mine[0]) ? "an" : "a", mine,
			config_section_file(c, "roles"),
			holders.len ? strbuf_str(&holders) : "no one yet: an administrator names logins there",
			as != what ? ", the leads, since importers is not set there" : "");
	free(mine);
	strlist_free(&logins);
	strbuf_free(&holders);
	return why;
}
