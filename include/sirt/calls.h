/* The escalation call list (R3): the office calls the designated people
 * in order until someone is reached, and logs every attempt. */
#ifndef SIRT_CALLS_H
#define SIRT_CALLS_H

#include <stdbool.h>

#include "sirt/config.h"
#include "sirt/incident_data.h"
#include "sirt/record_kinds.h"
#include "sirt/store.h"

/* outcome as stored, as shown */
#define CALL_OUTCOMES(X) \
	X(REACHED,      "reached",      "reached") \
	X(NO_ANSWER,    "no-answer",    "no answer") \
	X(MESSAGE,      "message",      "left a message") \
	X(WRONG_NUMBER, "wrong-number", "wrong number")

/* How an outcome reads, or NULL when it is not one. */
const char *call_outcome_label(const char *outcome);
/* "reached, no-answer, message or wrong-number" */
const char *call_outcome_names(void);

/* Who to call next, as an index into order: the first not tried yet;
 * when everyone was tried, the first of those tried least often. -1 once
 * someone was reached (*reached gets that index; else -1) or when the
 * order is empty. */
int calls_next(const struct strlist *order, const struct call_list *calls, int *reached);
/* The call that reached someone (whether or not they are in the order),
 * or NULL while no one was reached. */
const struct call_attempt *calls_reached(const struct call_list *calls);
/* Attempts made to one contact. */
size_t calls_to(const struct call_list *calls, const char *contact);
/* The last attempt to one contact, or NULL. */
const struct call_attempt *calls_last_to(const struct call_list *calls, const char *contact);

/* A call as its form has it: the contact (an id of the config's roster)
 * given by the screen it was called from, not typed; the outcome and the
 * note typed. */
struct call_typed {
	char *contact;
	char *outcome;
	char *note;
};

/* Logs a call to contact (an id of the config's roster) with its outcome
 * and an optional note. */
enum status incident_log_call(struct store *store, const struct config *config, const struct incident *incident,
			      const char *contact, const char *outcome, const char *note, const struct actor *who,
			      time_t now, int64_t *id, struct error *err);

#endif
