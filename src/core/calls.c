/* Call list logic: who is next, and logging an attempt. */
#include "sirt/calls.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"

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

enum status incident_log_call(struct store *store, const struct config *config, const struct incident *incident,
			      const char *contact, const char *outcome, const char *note, const struct actor *who,
			      time_t now, int64_t *id, struct error *err)
{
	const struct contact *ct = config_contact(config, contact);
	const char *label = call_outcome_label(outcome);
	struct call_attempt call = {0};
	char *summary;
	enum status st;

	if (!ct)
		return error_set(err, STATUS_NOT_FOUND, "there is no contact \"%s\" in %s (see the [contact.ID] sections)",
				 contact, config->path);
	if (!label)
		return error_set(err, STATUS_DATA, "unknown call outcome \"%s\" (%s)", outcome, call_outcome_names());
	note = note ? note : "";
	if ((st = form_text_check("note", note, false, FORM_TEXT_MAX, err)))
		return st;
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
