/* Damage and cost (R23): the damage to the organisation and the cost of
 * containing the incident, as itemised lines with totals per currency.
 * Amounts are whole hundredths, never floating point. */
#ifndef SIRT_COST_H
#define SIRT_COST_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "sirt/config.h"
#include "sirt/money.h"
#include "sirt/incident_data.h"
#include "sirt/record_kinds.h"
#include "sirt/store.h"

#define COST_DAMAGE "damage"
#define COST_CONTAINMENT "containment"
/* The totals of one currency, over the lines that stand. */
struct cost_total {
	char currency[4];
	int64_t damage;
	int64_t containment;
	int64_t estimated;	/* the part of both that is estimates */
};

struct cost_totals {
	struct cost_total *items;	/* in the order currencies first appear */
	size_t len;
	size_t cap;
};

void cost_totals(const struct cost_list *costs, struct cost_totals *out);
void cost_totals_free(struct cost_totals *totals);

/* "3. Containment USD 1,200.00 (estimate): Overtime" with, for a line
 * withdrawn, "; withdrawn by X: reason". */
char *cost_text(const struct cost *cost);
/* "USD 12,500.00 (damage 10,000.00, containment 2,500.00; 500.00
 * estimated)". */
char *cost_total_text(const struct cost_total *total);
/* The part in parentheses alone: "damage 10,000.00, containment ...". */
char *cost_total_breakdown(const struct cost_total *total);

/* "Damage" or "Containment". */
const char *cost_kind_label(const char *kind);

/* Adds a line: kind COST_DAMAGE or COST_CONTAINMENT, amount as typed,
 * currency NULL or "" for the plan's. STATUS_DATA says what is wrong. */
enum status incident_add_cost(struct store *store, const struct config *config, const struct incident *incident,
			      const char *kind, const char *description, const char *amount, const char *currency,
			      bool estimate, const struct actor *who, time_t now, int64_t *number,
			      struct error *err);
/* A line as typed in its form: every part text ("12,500.50"; estimate
 * "actual" or "estimate"). */
struct cost_typed {
	char *kind;
	char *description;
	char *amount;
	char *currency;
	char *estimate;
};

/* Withdraws line number, giving a reason (required). */
enum status incident_withdraw_cost(struct store *store, const struct incident *incident, int64_t number,
				   const char *reason, const struct actor *who, time_t now, struct error *err);

#endif
