/* The decisions a regulator's clock runs from (sirt decide): checked,
 * recorded, withdrawn, and their register for the faces. */
#include "sirt/decision.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/config.h"
#include "sirt/form.h"
#include "sirt/mem.h"
#include "sirt/register.h"
#include "sirt/timefmt.h"

const char *const decision_keys[] = {DECISION_CLASSIFIED_MAJOR, DECISION_MATERIALITY, NULL};

/* decision_key_valid (sirt/config.h) is the config layer's, in
 * config/regime.c: the regime files are read with it. */

const char *decision_label(const char *key)
{
	if (key && strcmp(key, DECISION_CLASSIFIED_MAJOR) == 0)
		return "classified major";
	if (key && strcmp(key, DECISION_MATERIALITY) == 0)
		return "materiality determined";
	return key ? key : "";
}

const char *decision_when(const struct decision *d)
{
	return d->happened_at ? d->happened_at : d->decided_at;
}

const struct decision *decision_standing(const struct decision_list *list, const char *key)
{
	const struct decision *found = NULL;

	for (size_t i = 0; i < list->len; i++) {
		const struct decision *d = &list->items[i];

		if (d->withdrawn_at || strcmp(d->key, key) != 0)
			continue;
		if (!found || strcmp(decision_when(d), decision_when(found)) < 0)
			found = d;
	}
	return found;
}

static enum status check_key(const char *key, struct error *err)
{
	if (!decision_key_valid(key))
		return error_set(err, STATUS_USAGE, "\"%s\" is no decision sirt records: say %s", key ? key : "",
				 DECISION_KEYS);
	return STATUS_OK;
}

enum status incident_decide(struct store *store, const struct incident *incident, const char *key, const char *why,
			    const struct actor *who, time_t now, int64_t *number, struct error *err)
{
	struct decision d = {.key = (char *)key, .why = (char *)why};
	struct decision_list list;
	const struct decision *standing;
	char *summary;
	enum status st;

	if ((st = check_key(key, err)) || (st = form_text_check("why it was decided (--why)", why, true, FORM_TEXT_MAX, err)))
		return st;
	/* Said with who made it and when; the store refuses it again in its
	 * transaction, should another lead decide meanwhile. */
	if ((st = store_decisions_get(store, incident->id, &list, err)))
		return st;
	standing = decision_standing(&list, key);
	if (standing) {
		char *when = time_utc_to_local(decision_when(standing));

		st = error_set(err, STATUS_CONFLICT,
			       "%s is %s already (decision %lld, by %s, %s): withdraw it first (sirt decide %s %s "
			       "--withdraw --reason TEXT) to decide it again", incident->ref, decision_label(key),
			       (long long)standing->number, standing->decided_by, when, incident->ref, key);
		free(when);
	}
	decision_list_free(&list);
	if (st)
		return st;
	summary = xasprintf("Decided: %s \xe2\x80\x94 %s", decision_label(key), why);
	st = store_record_add(store, incident, &decision_kind, &d, summary, who, now, number, err);
	free(summary);
	return st;
}

/* Withdraws decision number (its key in words on the timeline). */
static enum status withdraw_number(struct store *store, const struct incident *incident, int64_t number,
				   const char *key, const char *reason, const struct actor *who, time_t now,
				   struct error *err)
{
	char *summary;
	enum status st;

	if ((st = form_text_check("reason for withdrawing (--reason)", reason, true, FORM_TEXT_MAX, err)))
		return st;
	summary = xasprintf("Decision withdrawn: %s \xe2\x80\x94 %s", decision_label(key), reason);
	st = store_record_withdraw(store, incident, &decision_kind, number, reason, summary, who, now, err);
	free(summary);
	return st;
}

enum status incident_withdraw_decision(struct store *store, const struct incident *incident, const char *key,
				       const char *reason, const struct actor *who, time_t now, struct error *err)
{
	struct decision_list list;
	const struct decision *standing;
	enum status st;

	if ((st = check_key(key, err)) || (st = store_decisions_get(store, incident->id, &list, err)))
		return st;
	if (!(standing = decision_standing(&list, key)))
		st = error_set(err, STATUS_DATA, "%s is not %s: no such decision stands to withdraw (sirt show %s lists "
			       "its decisions)", incident->ref, decision_label(key), incident->ref);
	else
		st = withdraw_number(store, incident, standing->number, key, reason, who, now, err);
	decision_list_free(&list);
	return st;
}

/* The register of decisions, for the faces: a key, why, and when. */
static const struct kind_column asks[] = {
	{"key", COLUMN_TEXT, offsetof(struct decision_typed, key), "Decision", true, decision_keys, NULL,
	 "classified-major: judged major; materiality-determined: material (SEC)"},
	{"why", COLUMN_TEXT, offsetof(struct decision_typed, why), "Why", true, .help = "why, on what facts"},
	{"when", COLUMN_TIME, offsetof(struct decision_typed, when), "When", false,
	 .help = "when it was decided, if before now: -2h, 09:30, 2026-11-22 14:05 (empty: now)"},
};

static char *decision_line(const void *record)
{
	const struct decision *d = record;

	return xasprintf("%s: %s%s", decision_label(d->key), d->why, d->withdrawn_at ? " [withdrawn]" : "");
}

/* The time typed, if any: *at 0 for now. */
static enum status typed_when(const struct decision_typed *t, time_t now, time_t *at, struct error *err)
{
	char why[256];

	*at = 0;
	if (!t->when || !*t->when)
		return STATUS_OK;
	if (time_parse(t->when, now, at, why, sizeof(why)) != 0)
		return error_set(err, STATUS_DATA, "when: %s", why);
	if (*at > now)
		return error_set(err, STATUS_DATA, "when is in the future: say when it was decided");
	return STATUS_OK;
}

static enum status decision_checks(const void *typed, time_t now, const char **column, struct error *err)
{
	const struct decision_typed *t = typed;
	time_t at;
	enum status st;

	*column = "key";
	if (check_key(t->key, err))
		return err->status = STATUS_DATA;	/* on a form, the field's value is at fault */
	*column = "why";
	if ((st = form_text_check("why it was decided", t->why, true, FORM_TEXT_MAX, err)))
		return st;
	*column = "when";
	if ((st = typed_when(t, now, &at, err)))
		return st;
	*column = NULL;
	return STATUS_OK;
}

static enum status decision_add(struct store *store, const struct config *config, const struct incident *incident,
				const void *typed, const struct actor *who, time_t now, int64_t *number,
				struct error *err)
{
	const struct decision_typed *t = typed;
	time_t at;
	enum status st;

	(void)config;
	if ((st = typed_when(t, now, &at, err)))
		return st;
	if (at)
		store_when(store, at);
	st = incident_decide(store, incident, t->key, t->why, who, now, number, err);
	/* What was said of when holds only for this decision. */
	store_when(store, 0);
	return st;
}

static enum status decision_withdraw(struct store *store, const struct incident *incident, int64_t number,
				     const char *reason, const struct actor *who, time_t now, struct error *err)
{
	struct decision_list list;
	char *key = NULL;
	enum status st = store_decisions_get(store, incident->id, &list, err);

	if (st)
		return st;
	for (size_t i = 0; i < list.len; i++)
		if (list.items[i].number == number)
			key = xstrdup(list.items[i].key);
	decision_list_free(&list);
	st = withdraw_number(store, incident, number, key, reason, who, now, err);
	free(key);
	return st;
}

const struct register_def decision_register = {
	.kind = &decision_kind,
	.needs = CAN_LEAD,
	.doing = "recording a decision",
	.added = "recorded",
	.summary = decision_line,
	.asks = asks,
	.nasks = sizeof(asks) / sizeof(asks[0]),
	.asks_size = sizeof(struct decision_typed),
	.check = decision_checks,
	.add = decision_add,
	.withdraw = decision_withdraw,
};
