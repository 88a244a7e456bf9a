/* Closing an incident (R24) and reopening it. Closing first lists what
 * is still open: the post-incident review must be answered, whatever
 * else; steps not worked, parties not told and changes not decided can
 * be left open only with a reason, which goes on the timeline. */
#ifndef SIRT_CLOSING_H
#define SIRT_CLOSING_H

#include <stdbool.h>
#include <time.h>

#include "sirt/config.h"
#include "sirt/incident_data.h"
#include "sirt/record.h"
#include "sirt/store.h"

enum open_kind {
	OPEN_REVIEW,		/* a review question not answered: blocks closing */
	OPEN_WORK,		/* triage, category, procedure, report or costs missing */
	OPEN_STEP,		/* a step of the procedure not worked */
	OPEN_RESTORATION,	/* a restoration step not worked */
	OPEN_DEADLINE,		/* a party not told yet */
	OPEN_CHANGE,		/* a change proposed, not decided */
};

struct open_item {
	enum open_kind kind;
	char *text;		/* "Step not worked: Contain the worm" */
	const char *key;	/* a review question's field key, else NULL */
};

struct open_items {
	struct open_item *items;
	size_t len;
	size_t cap;
	size_t blocking;	/* how many of them are OPEN_REVIEW */
};

/* What stands between the incident and closing, from its record. */
void incident_open_items(const struct config *config, const struct incident *incident,
			 const struct incident_record *record, struct open_items *out);
void open_items_free(struct open_items *items);

/* The status the work done gives, as if the incident had never been
 * closed: review, recovering, responding, triage or new. */
const char *incident_status_from_work(const struct config *config, const struct incident *incident,
				      const struct incident_record *record);

/* Closes the incident. STATUS_DATA (items filled in) when the review is
 * not answered, or when something else is open and reason is empty;
 * STATUS_CONFLICT when it is closed already or changed meanwhile. */
enum status incident_close(struct store *store, const struct config *config, const struct incident *incident,
			   const char *reason, const struct actor *who, time_t now, struct open_items *items,
			   struct error *err);
/* Reopens a closed incident, giving a reason (required); it goes back to
 * the status its work gives. */
enum status incident_reopen(struct store *store, const struct config *config, const struct incident *incident,
			    const char *reason, const struct actor *who, time_t now, struct error *err);

#endif
