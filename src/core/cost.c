/* Damage and cost lines: reading and writing amounts, totals. */
#include "sirt/cost.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"
#include "sirt/register.h"
#include "sirt/whole.h"

void cost_totals(const struct cost_list *costs, struct cost_totals *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < costs->len; i++) {
		const struct cost *c = &costs->items[i];
		struct cost_total *t = NULL;

		if (c->withdrawn_at)
			continue;
		for (size_t k = 0; k < out->len && !t; k++)
			if (strcmp(out->items[k].currency, c->currency) == 0)
				t = &out->items[k];
		if (!t) {
			GROW(out->items, out->cap, out->len + 1);
			t = &out->items[out->len++];
			memset(t, 0, sizeof(*t));
			snprintf(t->currency, sizeof(t->currency), "%s", c->currency);
		}
		if (strcmp(c->kind, COST_DAMAGE) == 0)
			t->damage += c->amount;
		else
			t->containment += c->amount;
		if (c->estimate)
			t->estimated += c->amount;
	}
}

void cost_totals_free(struct cost_totals *totals)
{
	FREE(&totals->items);
	totals->len = totals->cap = 0;
}

char *cost_text(const struct cost *c)
{
	char amount[40];

	money_format(c->amount, amount, sizeof(amount));
	if (c->withdrawn_at)
		return whole_with_imported(xasprintf("%lld. %s %s %s%s: %s; withdrawn by %s: %s", (long long)c->number,
						     cost_kind_label(c->kind), c->currency, amount,
						     c->estimate ? " (estimate)" : "", c->description, c->withdrawn_by,
						     c->withdrawn_reason), c->withdrawn_imported);
	return xasprintf("%lld. %s %s %s%s: %s", (long long)c->number, cost_kind_label(c->kind), c->currency, amount,
			 c->estimate ? " (estimate)" : "", c->description);
}

char *cost_total_breakdown(const struct cost_total *t)
{
	char damage[40], containment[40], estimated[40];

	money_format(t->damage, damage, sizeof(damage));
	money_format(t->containment, containment, sizeof(containment));
	money_format(t->estimated, estimated, sizeof(estimated));
	if (t->estimated)
		return xasprintf("damage %s, containment %s; %s estimated", damage, containment, estimated);
	return xasprintf("damage %s, containment %s", damage, containment);
}

char *cost_total_text(const struct cost_total *t)
{
	char total[40];
	char *parts = cost_total_breakdown(t), *text;

	money_format(t->damage + t->containment, total, sizeof(total));
	text = xasprintf("%s %s (%s)", t->currency, total, parts);
	free(parts);
	return text;
}

const char *cost_kind_label(const char *kind)
{
	return strcmp(kind, COST_DAMAGE) == 0 ? "Damage" : "Containment";
}

/* Refuses a line that would take the currency's total past
 * MONEY_TOTAL_MAX: sums stay exact. */
static enum status total_room(struct store *store, const struct incident *incident, const char *currency,
			      int64_t amount, struct error *err)
{
	struct cost_list costs;
	struct cost_totals totals;
	enum status st = store_costs_get(store, incident->id, &costs, err);

	if (st)
		return st;
	cost_totals(&costs, &totals);
	for (size_t i = 0; i < totals.len; i++)
		if (strcmp(totals.items[i].currency, currency) == 0 &&
		    totals.items[i].damage + totals.items[i].containment + amount > MONEY_TOTAL_MAX * 100)
			st = error_set(err, STATUS_DATA, "that would take the %s total past 10^15: check the amount",
				       currency);
	cost_totals_free(&totals);
	cost_list_free(&costs);
	return st;
}

/* What a line as typed must be, before the store: the amount in
 * hundredths and the currency's code (of the plan when none is given);
 * STATUS_DATA with *column the question at fault. */
static enum status line_check(const struct config *config, const char *kind, const char *description,
			      const char *amount, const char *currency, int64_t *cents, char code[4],
			      const char **column, struct error *err)
{
	enum status st;

	*column = "kind";
	if (!kind || (strcmp(kind, COST_DAMAGE) != 0 && strcmp(kind, COST_CONTAINMENT) != 0))
		return error_set(err, STATUS_DATA, "a cost is damage or containment, not \"%s\"", kind ? kind : "");
	*column = "description";
	if ((st = form_text_check("description", description, true, FORM_TEXT_MAX, err)))
		return st;
	*column = "amount";
	if (!amount || !money_parse(amount, cents))
		return error_set(err, STATUS_DATA,
				 "\"%s\" is not an amount: write it as 12500, 12,500 or 12500.50 (no currency sign, at most "
				 "1,000,000,000,000)", amount ? amount : "");
	*column = "currency";
	if ((!currency || !*currency) && config)
		currency = config->currency;
	if (!currency || !*currency) {
		/* The plan's, when it is added. */
		snprintf(code, 4, "%s", "");
		*column = NULL;
		return STATUS_OK;
	}
	snprintf(code, 4, "%.3s", currency);
	for (char *p = code; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	if (strlen(currency) != 3 || !currency_valid(code))
		return error_set(err, STATUS_DATA, "\"%s\" is not a currency code of ISO 4217: write three letters, "
				 "such as USD, EUR or GBP", currency);
	*column = NULL;
	return STATUS_OK;
}

enum status incident_add_cost(struct store *store, const struct config *config, const struct incident *incident,
			      const char *kind, const char *description, const char *amount, const char *currency,
			      bool estimate, const struct actor *who, time_t now, int64_t *number,
			      struct error *err)
{
	struct cost c = {0};
	char shown[40], code[4];
	const char *column;
	char *summary;
	enum status st;

	if ((st = line_check(config, kind, description, amount, currency, &c.amount, code, &column, err)) ||
	    (st = total_room(store, incident, code, c.amount, err)))
		return st;
	c.kind = (char *)kind;
	c.description = (char *)description;
	c.currency = code;
	c.estimate = estimate;
	money_format(c.amount, shown, sizeof(shown));
	summary = xasprintf("%s: %s %s%s: %s", cost_kind_label(kind), code, shown, estimate ? " (estimate)" : "",
			    description);
	st = store_cost_add(store, incident, &c, summary, who, now, number, err);
	free(summary);
	return st;
}

enum status incident_withdraw_cost(struct store *store, const struct incident *incident, int64_t number,
				   const char *reason, const struct actor *who, time_t now, struct error *err)
{
	char *summary;
	enum status st;

	if ((st = form_text_check("reason for withdrawing", reason, true, FORM_TEXT_MAX, err)))
		return st;
	summary = xasprintf("Cost line %lld withdrawn: %s", (long long)number, reason);
	st = store_cost_withdraw(store, incident, number, reason, summary, who, now, err);
	free(summary);
	return st;
}

/* The register of damage and cost: a line is typed as text (its amount
 * as "12,500.50") and kept in hundredths. */
static const char *const kinds[] = {COST_DAMAGE, COST_CONTAINMENT, NULL};
static const char *const figures[] = {"actual", "estimate", NULL};

static const struct kind_column asks[] = {
	{"kind", COLUMN_TEXT, offsetof(struct cost_typed, kind), "Kind", true, kinds, NULL,
	 "damage: to the organisation; containment: what containing it cost"},
	{"description", COLUMN_TEXT, offsetof(struct cost_typed, description), "Description", true,
	 .help = "what it is, e.g. overtime of the admin team"},
	{"amount", COLUMN_TEXT, offsetof(struct cost_typed, amount), "Amount", true,
	 .help = "how much: 12500, 12,500 or 12500.50, no currency sign", .field = FIELD_MONEY},
	{"currency", COLUMN_TEXT, offsetof(struct cost_typed, currency), "Currency", true,
	 .help = "three letters, such as USD or EUR"},
	{"estimate", COLUMN_TEXT, offsetof(struct cost_typed, estimate), "Figure", true, figures, "actual",
	 "actual, or an estimate to be replaced by the actual figure"},
};

static char *line_summary(const void *record)
{
	const struct cost *c = record;
	char amount[40];

	money_format(c->amount, amount, sizeof(amount));
	return xasprintf("%s %s %s%s: %s%s", cost_kind_label(c->kind), c->currency, amount,
			 c->estimate ? " (estimate)" : "", c->description, c->withdrawn_at ? " [withdrawn]" : "");
}

static char *lines_sum(const struct record_list *records)
{
	struct cost_list costs = {.items = records->items, .len = records->len};
	struct cost_totals totals;
	struct strbuf sb = {0};

	cost_totals(&costs, &totals);
	for (size_t i = 0; i < totals.len; i++) {
		char *text = cost_total_text(&totals.items[i]);

		strbuf_printf(&sb, "%sTotal %s", i ? "\n" : "", text);
		free(text);
	}
	cost_totals_free(&totals);
	return sb.len ? strbuf_take(&sb) : NULL;
}

static enum status line_checks(const void *typed, time_t now, const char **column, struct error *err)
{
	const struct cost_typed *t = typed;
	int64_t cents;
	char code[4];

	(void)now;
	if (t->estimate && strcmp(t->estimate, "actual") != 0 && strcmp(t->estimate, "estimate") != 0) {
		*column = "estimate";
		return error_set(err, STATUS_DATA, "the figure is actual or estimate, not \"%s\"", t->estimate);
	}
	return line_check(NULL, t->kind, t->description, t->amount, t->currency, &cents, code, column, err);
}

static enum status line_add(struct store *store, const struct config *config, const struct incident *incident,
			    const void *typed, const struct actor *who, time_t now, int64_t *number, struct error *err)
{
	const struct cost_typed *t = typed;

	return incident_add_cost(store, config, incident, t->kind, t->description, t->amount, t->currency,
				 t->estimate && strcmp(t->estimate, "estimate") == 0, who, now, number, err);
}

static const char *plan_currency(const struct config *config, const char *column)
{
	return strcmp(column, "currency") == 0 ? config->currency : NULL;
}

const struct register_def cost_register = {
	.kind = &cost_kind,
	.needs = CAN_RESPOND,
	.doing = "recording damage and cost",
	.summary = line_summary,
	.sum = lines_sum,
	.asks = asks,
	.nasks = sizeof(asks) / sizeof(asks[0]),
	.asks_size = sizeof(struct cost_typed),
	.plan_fallback = plan_currency,
	.check = line_checks,
	.add = line_add,
	.withdraw = incident_withdraw_cost,
};
