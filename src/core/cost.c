/* Damage and cost lines: reading and writing amounts, totals. */
#include "sirt/cost.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"

bool money_parse(const char *text, int64_t *out)
{
	const char *p = text;
	int64_t whole = 0, cents = 0;
	int group = -1;		/* digits since the last comma; -1: no comma yet */
	size_t digits = 0;

	while (*p == ' ')
		p++;
	for (; isdigit((unsigned char)*p) || *p == ','; p++) {
		if (*p == ',') {
			/* A comma follows one to three digits, then three more. */
			if (digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3))
				return false;
			group = 0;
			continue;
		}
		if (whole > MONEY_MAX)
			return false;
		whole = whole * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return false;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return false;
		cents = (*p++ - '0') * 10;
		if (isdigit((unsigned char)*p))
			cents += *p++ - '0';
	}
	while (*p == ' ')
		p++;
	if (*p || whole * 100 + cents > MONEY_MAX * 100)
		return false;
	*out = whole * 100 + cents;
	return true;
}

void money_format(int64_t hundredths, char *out, size_t size)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%lld", (long long)(hundredths / 100));
	size_t o = 0;

	for (int i = 0; i < n && o + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, size - o, ".%02lld", (long long)(hundredths % 100));
}

void money_format_plain(int64_t hundredths, char *out, size_t size)
{
	snprintf(out, size, "%lld.%02lld", (long long)(hundredths / 100), (long long)(hundredths % 100));
}

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
		return xasprintf("%lld. %s %s %s%s: %s; withdrawn by %s: %s", (long long)c->number,
				 cost_kind_label(c->kind), c->currency, amount, c->estimate ? " (estimate)" : "",
				 c->description, c->withdrawn_by, c->withdrawn_reason);
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

enum status incident_add_cost(struct store *store, const struct config *config, const struct incident *incident,
			      const char *kind, const char *description, const char *amount, const char *currency,
			      bool estimate, const struct actor *who, time_t now, int64_t *number,
			      struct error *err)
{
	struct cost c = {0};
	char shown[40], code[4];
	char *summary;
	enum status st;

	if (strcmp(kind, COST_DAMAGE) != 0 && strcmp(kind, COST_CONTAINMENT) != 0)
		return error_set(err, STATUS_DATA, "a cost is damage or containment, not \"%s\"", kind);
	if ((st = form_text_check("description", description, true, FORM_TEXT_MAX, err)))
		return st;
	if (!money_parse(amount, &c.amount))
		return error_set(err, STATUS_DATA,
				 "\"%s\" is not an amount: write it as 12500, 12,500 or 12500.50 (no currency sign, at most "
				 "1,000,000,000,000)", amount);
	if (!currency || !*currency)
		currency = config->currency;
	snprintf(code, sizeof(code), "%.3s", currency);
	for (char *p = code; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	if (strlen(currency) != 3 || !currency_valid(code))
		return error_set(err, STATUS_DATA, "the currency is a code of three letters, such as USD or EUR, "
				 "not \"%s\"", currency);
	currency = code;
	if ((st = total_room(store, incident, code, c.amount, err)))
		return st;
	c.kind = (char *)kind;
	c.description = (char *)description;
	c.currency = (char *)currency;
	c.estimate = estimate;
	money_format(c.amount, shown, sizeof(shown));
	summary = xasprintf("%s: %s %s%s: %s", cost_kind_label(kind), currency, shown, estimate ? " (estimate)" : "",
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
