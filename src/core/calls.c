/* Call list logic: who is next, and logging an attempt, on the command
 * line or through the register's form. */
#include "sirt/calls.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"
#include "sirt/register.h"

const char *call_outcome_label(const char *outcome)
{
#define OUTCOME_LABEL(name, key, label) if (outcome && strcmp(outcome, key) == 0) return label;
	CALL_OUTCOMES(OUTCOME_LABEL)
#undef OUTCOME_LABEL
	return NULL;
}

const char *call_outcome_names(void)
{
	return "reached, no-answer, message or wrong-number";
}

const struct call_attempt *calls_reached(const struct call_list *calls)
{
	for (size_t i = 0; i < calls->len; i++)
		if (strcmp(calls->items[i].outcome, "reached") == 0)
			return &calls->items[i];
	return NULL;
}

size_t calls_to(const struct call_list *calls, const char *contact)
{
	size_t n = 0;

	for (size_t i = 0; i < calls->len; i++)
		if (strcmp(calls->items[i].contact, contact) == 0)
			n++;
	return n;
}

const struct call_attempt *calls_last_to(const struct call_list *calls, const char *contact)
{
	for (size_t i = calls->len; i-- > 0;)
		if (strcmp(calls->items[i].contact, contact) == 0)
			return &calls->items[i];
	return NULL;
}

int calls_next(const struct strlist *order, const struct call_list *calls, int *reached)
{
	int next = -1;
	size_t fewest = (size_t)-1;

	*reached = -1;
	if (calls_reached(calls)) {
		*reached = strlist_find(order, calls_reached(calls)->contact);
		return -1;
	}
	for (size_t i = 0; i < order->len; i++) {
		size_t tried = calls_to(calls, order->items[i]);
		if (tried < fewest) {
			fewest = tried;
			next = (int)i;
		}
	}
	return next;
}

/* What a call's outcome and note must be, typed on the command line or in
 * the form; STATUS_DATA with *column the question at fault. */
static enum status call_check(const char *outcome, const char *note, const char **column, struct error *err)
{
	enum status st;

	*column = "outcome";
	if (!outcome || !*outcome)
		return error_set(err, STATUS_DATA, "say how the call went: %s", call_outcome_names());
	if (!call_outcome_label(outcome))
		return error_set(err, STATUS_DATA, "unknown call outcome \"%s\" (%s)", outcome, call_outcome_names());
	*column = "note";
	if ((st = form_text_check("note", note, false, FORM_TEXT_MAX, err)))
		return st;
	*column = NULL;
	return STATUS_OK;
}

enum status incident_log_call(struct store *store, const struct config *config, const struct incident *incident,
			      const char *contact, const char *outcome, const char *note, const struct actor *who,
			      time_t now, int64_t *id, struct error *err)
{
	const struct contact *ct = config_contact(config, contact);
	const char *label = call_outcome_label(outcome);
	struct call_attempt call = {0};
	const char *column;
	char *summary;
	enum status st;

	if (!ct)
		return error_set(err, STATUS_NOT_FOUND, "there is no contact \"%s\" in %s (see the [contact.ID] sections)",
				 contact, config->path);
	if ((st = call_check(outcome, note, &column, err)))
		return st;
	note = note ? note : "";
	call.contact = (char *)contact;
	call.name = ct->name;
	call.phone = ct->phone;
	call.outcome = (char *)outcome;
	call.note = (char *)note;
	summary = *note ? xasprintf("Called %s (%s): %s; %s", ct->name, *ct->phone ? ct->phone : "no phone", label, note) :
			  xasprintf("Called %s (%s): %s", ct->name, *ct->phone ? ct->phone : "no phone", label);
	st = store_call_add(store, incident, &call, summary, who, now, id, err);
	free(summary);
	return st;
}

/* The register of calls made: a call is logged through the form of its
 * outcome and note, to the contact the screen gives; never withdrawn. */
#define OUTCOME_KEY(name, key, label) key,
static const char *const outcomes[] = {CALL_OUTCOMES(OUTCOME_KEY) NULL};
#undef OUTCOME_KEY

static const struct kind_column asks[] = {
	{"outcome", COLUMN_TEXT, offsetof(struct call_typed, outcome), "Outcome", true, outcomes, NULL,
	 "how the call went: reached, no-answer, message (one was left) or wrong-number"},
	{"note", COLUMN_TEXT, offsetof(struct call_typed, note), "Note", false,
	 .help = "what was said or left, e.g. asked her to call back (optional)"},
};

static char *call_line(const void *record)
{
	const struct call_attempt *c = record;

	return xasprintf("%s: %s%s%s", c->name, call_outcome_label(c->outcome), *c->note ? "; " : "", c->note);
}

static enum status call_checks(const void *typed, time_t now, const char **column, struct error *err)
{
	const struct call_typed *t = typed;

	(void)now;
	if (!t->contact) {
		*column = NULL;
		return error_set(err, STATUS_DATA, "no contact to call: choose one on the call list");
	}
	return call_check(t->outcome, t->note, column, err);
}

static enum status call_add(struct store *store, const struct config *config, const struct incident *incident,
			    const void *typed, const struct actor *who, time_t now, int64_t *id, struct error *err)
{
	const struct call_typed *t = typed;

	return incident_log_call(store, config, incident, t->contact, t->outcome, t->note, who, now, id, err);
}

const struct register_def call_register = {
	.kind = &call_kind,
	.needs = CAN_LOG,
	.doing = "logging a call",
	.added = "logged",
	.summary = call_line,
	.asks = asks,
	.nasks = sizeof(asks) / sizeof(asks[0]),
	.asks_size = sizeof(struct call_typed),
	.check = call_checks,
	.add = call_add,
};
