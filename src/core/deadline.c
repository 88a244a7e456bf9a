/* Deadline evaluation and marking deadlines met. */
#include "sirt/deadline.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sirt/calendar.h"
#include "sirt/form.h"
#include "sirt/input.h"
#include "sirt/mem.h"
#include "sirt/timefmt.h"
#include "sirt/whole.h"

static bool utc_of(const char *iso, time_t *out)
{
	return iso && *iso && time_parse_utc(iso, out) == 0;
}

/* The earliest standing (not withdrawn) decision of key: when it counts
 * from, --at's time else when it was recorded. */
static bool decided_at(const struct decision_list *decisions, const char *key, time_t *at)
{
	bool found = false;

	for (size_t i = 0; decisions && key && i < decisions->len; i++) {
		const struct decision *d = &decisions->items[i];
		time_t t;

		if (strcmp(d->key, key) != 0 || d->withdrawn_at)
			continue;
		if (!utc_of(d->happened_at ? d->happened_at : d->decided_at, &t))
			continue;
		if (!found || t < *at)
			*at = t;
		found = true;
	}
	return found;
}

/* When a deadline was met (its party told: --at's time else when it was
 * logged), the earliest of its parties'. */
static bool submitted_at(const struct deadline_met_list *met, const char *rule, time_t *at)
{
	bool found = false;

	for (size_t i = 0; met && rule && i < met->len; i++) {
		const struct deadline_met *m = &met->items[i];
		time_t t;

		if (strcmp(m->rule, rule) != 0 || !utc_of(m->happened_at ? m->happened_at : m->met_at, &t))
			continue;
		if (!found || t < *at)
			*at = t;
		found = true;
	}
	return found;
}

static bool condition_holds(const struct config *config, const struct deadline_rule *r, const struct incident *in,
			    const struct field_list *fields, const struct decision_list *decisions)
{
	time_t at;

	const struct field_value *v;
	int rank;

	switch (r->condition) {
	case DEADLINE_ALWAYS:
		return true;
	case DEADLINE_IF_EQUALS:
		v = field_list_any(fields, r->condition_field);
		return v && strcasecmp(v->value, r->condition_value) == 0;
	case DEADLINE_IF_NOT_EMPTY:
		v = field_list_any(fields, r->condition_field);
		return v && !form_value_blank(v->value);
	case DEADLINE_IF_CATEGORY:
		rank = config_category_rank(config, in->category);
		return rank >= 0 && rank <= config_category_rank(config, r->condition_value);
	case DEADLINE_IF_DECIDED:
		return decided_at(decisions, r->condition_value, &at);
	}
	return false;
}

/* When an event a clock runs from happened, or false if it has not. */
static bool event_at(enum deadline_start event, const char *field, const struct incident *in,
		     const struct field_list *fields, const struct choice_list *choices,
		     const struct deadline_met_list *met, const struct decision_list *decisions, time_t *start)
{
	const struct field_value *v;

	switch (event) {
	case DEADLINE_FROM_DISCOVERED:
		v = field_list_any(fields, "first_noticed");
		if (v && utc_of(v->value, start))
			return true;
		/* fall through - with nothing noticed earlier, the call it is */
	case DEADLINE_FROM_CALLED:
		v = field_list_any(fields, "call_time");
		return (v && utc_of(v->value, start)) || utc_of(in->created_at, start);
	case DEADLINE_FROM_CATEGORISED:
		return choices->ncategories && utc_of(choices->categories[0].chosen_at, start);
	case DEADLINE_FROM_FIELD:
		v = field_list_any(fields, field);
		return v && !form_value_blank(v->value) && utc_of(v->updated_at, start);
	case DEADLINE_FROM_NOTICED:
		v = field_list_any(fields, "first_noticed");
		return v && utc_of(v->value, start);
	case DEADLINE_FROM_SUBMITTED:
		/* No clock until the stage before is met: a chain of stages
		 * starts one by one, each from the record of the last. */
		return submitted_at(met, field, start);
	case DEADLINE_FROM_DECIDED:
		return decided_at(decisions, field, start);
	}
	return false;
}

/* When the rule's due falls, from its start: its span on its calendar,
 * the second clock if that ends sooner, then off a day that is not a
 * business day if it rolls. */
static time_t due_of(const struct config *config, const struct deadline_rule *r, time_t start,
		     const struct incident *in, const struct field_list *fields, const struct choice_list *choices,
		     const struct deadline_met_list *met, const struct decision_list *decisions)
{
	const struct calendar *cal = r->regime ? r->regime->calendar : &config->calendar;
	time_t due = calendar_add(cal, start, &r->span, r->business), cap_start;

	if (r->has_cap && event_at(r->cap_start, r->cap_field, in, fields, choices, met, decisions, &cap_start)) {
		time_t cap = calendar_add(cal, cap_start, &r->cap_span, false);

		/* A second clock that ran out before this one started no longer
		 * limits it (DORA: classified major only after the 24 hours,
		 * the 4 hours from the classification alone count). */
		if (cap < due && cap > start)
			due = cap;
	}
	if (r->rolls_to >= 0)
		due = calendar_roll(cal, due, r->rolls_to);
	return due;
}

static const struct deadline_met *met_of(const struct deadline_met_list *met, const char *rule, const char *party)
{
	for (size_t i = 0; met && i < met->len; i++)
		if (strcmp(met->items[i].rule, rule) == 0 && strcmp(met->items[i].party, party) == 0)
			return &met->items[i];
	return NULL;
}

static void add(struct deadline_list *out, const struct deadline_rule *r, const char *party, const char *address,
		time_t start, time_t due, const struct deadline_met_list *met, time_t now)
{
	struct deadline *d;

	GROW(out->items, out->cap, out->len + 1);
	d = &out->items[out->len++];
	d->rule = r;
	d->party = xstrdup(party);
	d->address = xstrdup(address);
	d->start = start;
	d->due = due;
	/* Unless the rule says, a quarter of the time it gives. */
	d->warn = r->warn >= 0 ? r->warn : (long long)(due > start ? due - start : 0) / 4;
	d->met = met_of(met, r->name, party);
	d->state = d->met ? DEADLINE_MET : now >= d->due ? DEADLINE_OVERDUE :
		   now >= d->due - (time_t)d->warn ? DEADLINE_WARNING : DEADLINE_OPEN;
}

/* The decisions as if none had been withdrawn (a shallow copy: free only
 * its items array). */
static struct decision_list decisions_ever(const struct decision_list *decisions)
{
	struct decision_list all = {0};

	if (!decisions || !decisions->len)
		return all;
	all.items = xcalloc(decisions->len, sizeof(*all.items));
	memcpy(all.items, decisions->items, decisions->len * sizeof(*all.items));
	all.len = all.cap = decisions->len;
	for (size_t i = 0; i < all.len; i++)
		all.items[i].withdrawn_at = NULL;
	return all;
}

void deadlines_evaluate(const struct config *config, const struct incident *incident, const struct field_list *fields,
			const struct choice_list *choices, const struct deadline_met_list *met,
			const struct decision_list *decisions, time_t now, struct deadline_list *out)
{
	struct decision_list ever = decisions_ever(decisions);

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < config->ndeadlines; i++) {
		const struct deadline_rule *r = &config->deadlines[i];
		const struct decision_list *by = decisions;
		time_t start, due;

		if (!condition_holds(config, r, incident, fields, by) ||
		    !event_at(r->start, r->start_field, incident, fields, choices, met, by, &start)) {
			/* A stage already submitted stays on the record when the
			 * decision it ran from is withdrawn: the authority was told,
			 * and show, deadlines and the report keep saying so, due as
			 * it was from the decision then standing. */
			by = &ever;
			if (*r->per || !met_of(met, r->name, r->party) || !condition_holds(config, r, incident, fields, by) ||
			    !event_at(r->start, r->start_field, incident, fields, choices, met, by, &start))
				continue;
		}
		due = due_of(config, r, start, incident, fields, choices, met, by);
		if (*r->per) {
			/* One deadline per customer, to its own security contact. */
			const struct field_value *v = field_list_any(fields, r->per);
			struct customer_list customers;
			char why[128];

			if (v && customers_parse(v->value, &customers, why, sizeof(why))) {
				for (size_t k = 0; k < customers.len; k++)
					add(out, r, customers.items[k].name, customers.items[k].contact, start, due, met,
					    now);
				customer_list_free(&customers);
			}
			continue;
		}
		add(out, r, r->party, r->address, start, due, met, now);
	}
	free(ever.items);
}

void deadline_list_free(struct deadline_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		free(list->items[i].party);
		free(list->items[i].address);
	}
	FREE(&list->items);
	list->len = list->cap = 0;
}

const char *deadline_state_label(enum deadline_state state)
{
	switch (state) {
	case DEADLINE_MET: return "met";
	case DEADLINE_OPEN: return "open";
	case DEADLINE_WARNING: return "due soon";
	case DEADLINE_OVERDUE: return "OVERDUE";
	}
	return "?";
}

const struct deadline *deadlines_most_pressing(const struct deadline_list *list)
{
	const struct deadline *best = NULL;

	for (size_t i = 0; i < list->len; i++) {
		const struct deadline *d = &list->items[i];
		if (d->state == DEADLINE_MET)
			continue;
		if (!best || d->due < best->due)
			best = d;
	}
	return best;
}

long long deadline_late_by(const struct deadline *d)
{
	const char *at = d->met ? d->met->happened_at ? d->met->happened_at : d->met->met_at : NULL;
	time_t told;

	if (d->state != DEADLINE_MET || !at || time_parse_utc(at, &told) != 0)
		return 0;
	return told > d->due ? (long long)(told - d->due) : 0;
}

const char *deadline_label(const struct deadline *d)
{
	return deadline_late_by(d) ? "met late" : deadline_state_label(d->state);
}

/* "2d 3h late" (with a space after when asked), or "" when in time. */
static void late_text(const struct deadline *d, const char *after, char *out, size_t size)
{
	long long late = deadline_late_by(d);
	char by[32];

	out[0] = '\0';
	if (!late)
		return;
	duration_format(late, by, sizeof(by));
	snprintf(out, size, "%s late%s", by, after);
}

char *deadline_describe(const struct deadline *d, time_t now)
{
	char left[32], late[48];

	if (d->state == DEADLINE_MET) {
		late_text(d, " ", late, sizeof(late));
		return xasprintf("met %sby %s (%s%s)", late, d->met->met_by, d->met->how,
				 d->met->imported ? "; imported" : "");
	}
	duration_format(d->due > now ? (long long)(d->due - now) : (long long)(now - d->due), left, sizeof(left));
	return xasprintf(d->state == DEADLINE_OVERDUE ? "%s overdue" : "%s left", left);
}

char *deadline_met_text(const struct deadline *d, time_t now)
{
	char *told, *logged, *text, late[48];

	if (d->state != DEADLINE_MET)
		return deadline_describe(d, now);
	told = time_utc_to_local(d->met->happened_at ? d->met->happened_at : d->met->met_at);
	logged = whole_logged(d->met->happened_at, d->met->met_at);
	late_text(d, ",", late, sizeof(late));
	text = xasprintf("met %s%s%s by %s (%s%s%s)", told, *late ? ", " : "", late, d->met->met_by, d->met->how,
			 logged ? "; logged " : "", logged ? logged : "");
	free(told);
	free(logged);
	/* Told, as an imported file says: not on record here. */
	return whole_with_imported(text, d->met->imported);
}

bool deadline_how_valid(const char *how)
{
	static const char *const hows[] = {"email", "phone", "portal", "letter", "in-person", "other", NULL};

	for (size_t i = 0; how && hows[i]; i++)
		if (strcmp(how, hows[i]) == 0)
			return true;
	return false;
}

enum status incident_deadlines(struct store *store, const struct config *config, const struct incident *incident,
			       time_t now, struct deadline_list *out, struct deadline_met_list *met, struct error *err)
{
	struct field_list fields;
	struct choice_list choices;
	struct decision_list decisions = {0};
	enum status st;

	memset(out, 0, sizeof(*out));
	memset(met, 0, sizeof(*met));
	if ((st = store_fields_get(store, incident->id, &fields, err)))
		return st;
	if ((st = store_choices_get(store, incident->id, &choices, err))) {
		field_list_free(&fields);
		return st;
	}
	if (!(st = store_deadlines_met_get(store, incident->id, met, err)) &&
	    !(st = store_decisions_get(store, incident->id, &decisions, err))) {
		deadlines_evaluate(config, incident, &fields, &choices, met, &decisions, now, out);
		decision_list_free(&decisions);
	}
	field_list_free(&fields);
	choice_list_free(&choices);
	return st;
}

enum status incident_mark_deadline_met(struct store *store, const struct config *config,
				       const struct incident *incident, const char *rule, const char *party,
				       const char *how, const char *reference, const struct actor *who, time_t now,
				       struct error *err)
{
	return incident_mark_deadline_met_sent(store, config, incident, rule, party, how, reference, NULL, who, now,
					       err);
}

enum status incident_mark_deadline_met_sent(struct store *store, const struct config *config,
					    const struct incident *incident, const char *rule, const char *party,
					    const char *how, const char *reference, const char *sent,
					    const struct actor *who, time_t now, struct error *err)
{
	struct deadline_list list;
	struct deadline_met_list met;
	const struct deadline *found = NULL;
	size_t matches = 0;
	char *others = NULL;
	enum status st;

	const struct deadline_rule *named = config_rule_named(config, rule, &others);

	if (!named) {
		st = others ? error_set(err, STATUS_USAGE, "more than one regime has a stage \"%s\": say which (%s)",
					rule, others) :
			      error_set(err, STATUS_NOT_FOUND,
					"there is no deadline \"%s\" in %s (see its [deadline.NAME] and the stages of "
					"its regimes: sirt check)", rule, config->path);
		free(others);
		return st;
	}
	rule = named->name;
	if (!deadline_how_valid(how))
		return error_set(err, STATUS_DATA, "how the party was told is %s, not \"%s\"", DEADLINE_HOWS,
				 how ? how : "");
	if ((st = form_text_check("reference", reference, false, FORM_TEXT_MAX, err)))
		return st;
	if (sent && *sent) {
		char why[96];

		if (!input_text_check(sent, strlen(sent), INPUT_LINES, DEADLINE_SENT_MAX, why, sizeof(why)))
			return error_set(err, STATUS_DATA, "the text sent %s", why);
	}
	if ((st = incident_deadlines(store, config, incident, now, &list, &met, err)))
		return st;
	for (size_t i = 0; i < list.len; i++) {
		if (strcmp(list.items[i].rule->name, rule) != 0 || (party && !customer_named(list.items[i].party, list.items[i].address, party)))
			continue;
		found = &list.items[i];
		matches++;
	}
	if (!found) {
		struct strbuf parties = {0};

		/* The parties it has, as they may be named. */
		for (size_t i = 0; i < list.len; i++)
			if (strcmp(list.items[i].rule->name, rule) == 0)
				strbuf_printf(&parties, "%s%s", parties.len ? ", " : "", list.items[i].party);
		if (parties.len)
			st = error_set(err, STATUS_NOT_FOUND, "the deadline %s for %s does not apply to %s (its parties: %s)",
				       rule, party, incident->ref, strbuf_str(&parties));
		else
			st = error_set(err, STATUS_NOT_FOUND,
				       "the deadline %s%s%s does not apply to %s (or its clock has not started)", rule,
				       party ? " for " : "", party ? party : "", incident->ref);
		strbuf_free(&parties);
	}
	else if (matches > 1)
		st = error_set(err, STATUS_USAGE, "the deadline %s has one party per customer: say which (--party NAME)", rule);
	else {
		struct deadline_met m = {0};
		char late[48] = "";
		char *summary;

		/* On the timeline too, a party told late says by how much: told
		 * when --at says, else now. */
		time_t told = now;
		const char *at = store_happened(store);

		if (at)
			time_parse_utc(at, &told);
		/* A regime's stage is submitted once its clock has started: told
		 * earlier is a mistaken --at (or the decision's --at is), and a
		 * stage chained to this one would start before it could. */
		if (found->rule->regime && told < found->start) {
			char start[TIME_TEXT_MAX];

			time_format_local(found->start, start, sizeof(start));
			deadline_list_free(&list);
			deadline_met_list_free(&met);
			return error_set(err, STATUS_DATA,
					 "%s's clock started at %s: it cannot have been submitted before then (check --at, "
					 "or the --at of the decision it runs from: sirt decide)", rule, start);
		}
		if (told > found->due) {
			char by[32];

			duration_format((long long)(told - found->due), by, sizeof(by));
			snprintf(late, sizeof(late), ", %s late", by);
		}
		summary = xasprintf("Deadline met: %s told (%s) by %s%s%s%s%s", found->party, rule, how, late,
				    reference && *reference ? ", ref. " : "", reference ? reference : "",
				    sent && *sent ? "; the text sent is kept" : "");

		m.rule = (char *)rule;
		m.party = found->party;
		m.how = (char *)how;
		m.reference = (char *)(reference ? reference : "");
		m.sent = (char *)(sent ? sent : "");
		st = store_deadline_met_add(store, incident, &m, summary, who, now, err);
		free(summary);
	}
	deadline_list_free(&list);
	deadline_met_list_free(&met);
	return st;
}

static enum status track_one(struct store *store, const struct incident *incident, void *ctx, struct error *err)
{
	const struct config *config = ctx;
	struct deadline_list list;
	struct deadline_met_list met;
	const struct deadline *d;
	enum status st;

	/* The due time does not depend on the clock: any moment will do. */
	if ((st = incident_deadlines(store, config, incident, 0, &list, &met, err)))
		return st;
	d = deadlines_most_pressing(&list);
	st = store_due_set(store, incident->id, d != NULL, d ? d->due : 0, d ? d->warn : 0, err);
	deadline_list_free(&list);
	deadline_met_list_free(&met);
	return st;
}

void deadline_track(struct store *store, const struct config *config)
{
	store_on_incident_change(store, track_one, (void *)config);
}

static void calendar_stamp(struct strbuf *sb, const struct calendar *cal)
{
	strbuf_printf(sb, "{%s|", cal->zone ? cal->zone : "");
	for (int d = 0; d < 7; d++)
		strbuf_putc(sb, cal->weekend[d] ? '1' : '0');
	for (size_t i = 0; i < cal->nholidays; i++)
		strbuf_printf(sb, ",%ld", cal->holidays[i]);
	strbuf_putc(sb, '}');
}

/* Everything the due times depend on in the plan: the rules (spans,
 * calendars, second clocks, rolls), the calendars they count on, and the
 * order of the categories (a rule may apply from a category up). */
static char *rules_stamp(const struct config *config)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < config->ndeadlines; i++) {
		const struct deadline_rule *r = &config->deadlines[i];
		strbuf_printf(&sb, "[%s|%s|%s|%lld|%lld|%d|%s|%d|%s|%s|%s", r->name, r->party ? r->party : "",
			      r->address ? r->address : "", r->within, r->warn, (int)r->start,
			      r->start_field ? r->start_field : "", (int)r->condition,
			      r->condition_field ? r->condition_field : "", r->condition_value ? r->condition_value : "",
			      r->per ? r->per : "");
		strbuf_printf(&sb, "|%lld%d|%d", r->span.n, (int)r->span.unit, (int)r->business);
		if (r->has_cap)
			strbuf_printf(&sb, "|cap %lld%d %d %s", r->cap_span.n, (int)r->cap_span.unit, (int)r->cap_start,
				      r->cap_field ? r->cap_field : "");
		strbuf_printf(&sb, "|roll %d", r->rolls_to);
		if (r->regime && r->regime->has_own_calendar)
			calendar_stamp(&sb, r->regime->calendar);
		strbuf_putc(&sb, ']');
	}
	calendar_stamp(&sb, &config->calendar);
	for (size_t i = 0; i < config->ncategories; i++)
		strbuf_printf(&sb, "%s%s", i ? "," : " categories ", config->categories[i].key);
	return strbuf_take(&sb);
}

enum status deadline_track_all(struct store *store, const struct config *config,
			       void (*progress)(size_t done, size_t total, void *ctx), void *ctx, struct error *err)
{
	char *stamp = rules_stamp(config);
	enum status st;

	deadline_track(store, config);
	st = store_rederive(store, stamp, progress, ctx, err);
	free(stamp);
	return st;
}

enum status deadline_track_current(struct store *store, const struct config *config, bool *current,
				   struct error *err)
{
	char *stamp = rules_stamp(config);
	bool needed = false;
	enum status st = store_rederive_needed(store, stamp, &needed, err);

	free(stamp);
	*current = !needed;
	return st;
}
