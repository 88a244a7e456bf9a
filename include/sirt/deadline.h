/* Deadlines (R19-R22): from the config's rules and what is recorded about
 * an incident, which parties must be told, by when, and how that stands
 * at a given moment. A pure function of its inputs, so tests pin the
 * clock and the zone. */
#ifndef SIRT_DEADLINE_H
#define SIRT_DEADLINE_H

#include <time.h>

#include "sirt/config.h"
#include "sirt/incident_data.h"
#include "sirt/record_kinds.h"
#include "sirt/store.h"

/* Worst last: a list sorted by state puts what is overdue first. */
enum deadline_state {
	DEADLINE_MET,
	DEADLINE_OPEN,
	DEADLINE_WARNING,	/* less than the rule's warn time left */
	DEADLINE_OVERDUE,
};

struct deadline {
	const struct deadline_rule *rule;
	char *party;
	char *address;
	time_t start;
	time_t due;
	long long warn;		/* seconds before due it is flagged */
	enum deadline_state state;
	const struct deadline_met *met;	/* points into the list given */
};

struct deadline_list {
	struct deadline *items;
	size_t len;
	size_t cap;
};

/* The deadlines of one incident at `now`. A rule whose condition does not
 * hold, or whose clock has not started (not categorised yet, its field not
 * set, the stage before not met, no standing decision), gives none.
 * fields: every form's values; choices: the category history; met: what
 * was recorded as met; decisions: those recorded (withdrawn ones do not
 * count). met and decisions may be NULL. */
void deadlines_evaluate(const struct config *config, const struct incident *incident, const struct field_list *fields,
			const struct choice_list *choices, const struct deadline_met_list *met,
			const struct decision_list *decisions, time_t now, struct deadline_list *out);
void deadline_list_free(struct deadline_list *list);
const char *deadline_state_label(enum deadline_state state);
/* The most pressing deadline not met (overdue, then the soonest due), or
 * NULL when none is open. */
const struct deadline *deadlines_most_pressing(const struct deadline_list *list);
/* How long after it was due the party was told: 0 when in time or not
 * told yet. */
long long deadline_late_by(const struct deadline *d);
/* deadline_state_label's, but "met late" for a deadline met late. */
const char *deadline_label(const struct deadline *d);
/* "23h 59m left", "3h overdue", "met by alice (email)", "met 2d 3h late
 * by alice (email)". */
char *deadline_describe(const struct deadline *d, time_t now);
/* A deadline met, with when the party was told: "met 2026-11-22 13:45
 * UTC by alice (email; logged 14:05 UTC)", "met 2026-11-24 16:00 UTC,
 * 2d 3h late, by alice (email)"; not met: deadline_describe's. */
char *deadline_met_text(const struct deadline *d, time_t now);

/* How a party can be told, for marking a deadline met. */
#define DEADLINE_HOWS "email, phone, portal, letter, in-person or other"
bool deadline_how_valid(const char *how);

/* Records that rule's party was told (how, with a reference). The party
 * may be omitted (NULL) when the rule has only one. STATUS_NOT_FOUND when
 * no such deadline applies to the incident. */
enum status incident_mark_deadline_met(struct store *store, const struct config *config,
				       const struct incident *incident, const char *rule, const char *party,
				       const char *how, const char *reference, const struct actor *who, time_t now,
				       struct error *err);
/* The same, keeping sent, the text that was sent (NULL or "": none),
 * UTF-8 of at most DEADLINE_SENT_MAX bytes (else STATUS_DATA). */
enum status incident_mark_deadline_met_sent(struct store *store, const struct config *config,
					    const struct incident *incident, const char *rule, const char *party,
					    const char *how, const char *reference, const char *sent,
					    const struct actor *who, time_t now, struct error *err);
/* Loads what deadlines need and evaluates them (for screens and the CLI). */
enum status incident_deadlines(struct store *store, const struct config *config, const struct incident *incident,
			       time_t now, struct deadline_list *out, struct deadline_met_list *met, struct error *err);

/* Keeps each incident's most pressing deadline in the store at every
 * write (store_on_incident_change), for the list's DUE column and order. */
void deadline_track(struct store *store, const struct config *config);
/* Works it out for every incident if the plan's deadlines are not the
 * ones it was worked out under (the first time: a file from before, or
 * the plan changed). progress hears how far it is. */
enum status deadline_track_all(struct store *store, const struct config *config,
			       void (*progress)(size_t done, size_t total, void *ctx), void *ctx, struct error *err);

/* Whether what is kept was worked out under this plan's deadlines (a
 * read-only session cannot work it out again). */
enum status deadline_track_current(struct store *store, const struct config *config, bool *current,
				   struct error *err);

#endif
