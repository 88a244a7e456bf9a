/* A draft of what a regime's stage asks to be submitted (sirt report REF
 * --stage REGIME.STAGE, `d` on the notifications screen): its header (the
 * regime, the stage, who is told, where, by when, what it cites), each
 * item of the stage's checklist filled from the record, and what is still
 * missing. Pure: the caller loads the record; tests build it by hand. */
#ifndef SIRT_STAGE_DRAFT_H
#define SIRT_STAGE_DRAFT_H

#include <stddef.h>
#include <time.h>

#include "sirt/config.h"
#include "sirt/deadline.h"
#include "sirt/incident_data.h"
#include "sirt/record_kinds.h"

struct stage_draft_input {
	const struct config *config;
	const struct deadline_rule *rule;	/* the stage */
	const struct incident *incident;
	const struct field_list *fields;	/* every form's values */
	const struct choice_list *choices;
	const struct decision_list *decisions;	/* NULL: none recorded */
	const struct deadline_met_list *met;
	/* The stage as evaluated at now; NULL when its clock has not started
	 * (or it does not apply yet). */
	const struct deadline *deadline;
	time_t now;
};

/* The draft as text (allocated), times in the local zone. *missing is
 * how many items have no value: each is listed under "Still missing:" at
 * the end, by-hand items as to be written. */
char *stage_draft_render(const struct stage_draft_input *in, size_t *missing);

/* The stage a name given on the command line means: REGIME.KEY, or the
 * KEY alone when exactly one regime has it and no [deadline.NAME] has that
 * name. NULL when none (or it is not a regime's stage). */
const struct deadline_rule *stage_draft_find(const struct config *config, const char *name);

#endif
