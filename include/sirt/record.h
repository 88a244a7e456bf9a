/* Everything on record about one incident, loaded at once: for the views
 * that show it all (sirt show, the report) and for the checks that look
 * across it (closing). */
#ifndef SIRT_RECORD_H
#define SIRT_RECORD_H

#include <time.h>

#include "sirt/config.h"
#include "sirt/cost.h"
#include "sirt/deadline.h"
#include "sirt/incident_data.h"
#include "sirt/record_kinds.h"
#include "sirt/register.h"
#include "sirt/store.h"

struct incident_record {
	struct field_list fields;
	struct choice_list choices;
	struct step_list steps;
	struct call_list calls;
	struct change_list changes;
	struct note_list notes;
	struct witness_list witnesses;
	struct evidence_register evidence;
	struct deadline_list deadlines;		/* evaluated at `now` */
	struct deadline_met_list met;
	struct cost_list costs;
	struct register_records registers[REGISTER_COUNT];	/* in registers[]'s order */
	struct timeline timeline;
	/* The import that brought the incident here; NULL: logged here. */
	struct provenance *imported;
};

/* Loads it all; on failure nothing is left to free. */
/* The decisions the record holds (its decision register), as the list
 * the deadlines and drafts take: a view into r, not to be freed. */
struct decision_list incident_record_decisions(const struct incident_record *r);
enum status incident_record_load(struct store *store, const struct config *config, const struct incident *incident,
				 time_t now, struct incident_record *out, struct error *err);
void incident_record_free(struct incident_record *record);

#endif
