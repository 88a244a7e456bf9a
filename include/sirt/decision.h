/* The decisions a regulator's clock runs from (sirt decide): the
 * incident classified major, its materiality determined. Each is
 * recorded with who, when (when it was made, if earlier than logged) and
 * why, stands until it is withdrawn with a reason, and stands once at a
 * time: withdrawn, it may be made again. Only the leads decide. */
#ifndef SIRT_DECISION_H
#define SIRT_DECISION_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "sirt/incident_data.h"
#include "sirt/record_kinds.h"
#include "sirt/status.h"
#include "sirt/store.h"

#define DECISION_CLASSIFIED_MAJOR "classified-major"
#define DECISION_MATERIALITY "materiality-determined"

/* NULL-terminated: every key, in the order a form offers them. */
extern const char *const decision_keys[];

/* What is typed to decide on a screen: the key, why, and when (as sirt
 * reads times; empty: now). */
struct decision_typed {
	char *key;
	char *why;
	char *when;
};

/* "classified major", "materiality determined": the key in words, or the
 * key itself when it is none of them. */
const char *decision_label(const char *key);
/* The standing (not withdrawn) decision of key in list, the earliest
 * made if more than one ever stood; NULL when none stands. */
const struct decision *decision_standing(const struct decision_list *list, const char *key);
/* When a decision counts from: when it was made, else when it was logged. */
const char *decision_when(const struct decision *d);

/* Records the decision key with why (STATUS_USAGE for a key that is no
 * decision, STATUS_DATA for why missing or not one line of UTF-8,
 * STATUS_CONFLICT while one of that key stands); when it was made is
 * store_when's. On the timeline: "Decided: classified major — why". */
enum status incident_decide(struct store *store, const struct incident *incident, const char *key, const char *why,
			    const struct actor *who, time_t now, int64_t *number, struct error *err);
/* Withdraws the standing decision of key, with reason (required):
 * STATUS_DATA when none stands. "Decision withdrawn: classified major —
 * reason" on the timeline. */
enum status incident_withdraw_decision(struct store *store, const struct incident *incident, const char *key,
				       const char *reason, const struct actor *who, time_t now, struct error *err);

#endif
