/* Procedures at work (R10-R12): which steps the tracker shows, in what
 * state, and how far along the team is. Step records are keyed by step
 * key, so the steps both procedures share (forensics, changes, approval,
 * restoration) carry over when the team changes procedure, and the steps
 * worked under an earlier procedure stay on record below. */
#ifndef SIRT_PROCEDURE_H
#define SIRT_PROCEDURE_H

#include <stdbool.h>
#include <stddef.h>

#include "sirt/incident_data.h"
#include "sirt/proceduredef.h"

/* The key recorded when no procedure applies (R11). */
#define PROCEDURE_NONE "none"

enum step_origin {
	STEP_OF_PROCEDURE,	/* a step of the current procedure */
	STEP_FREE,		/* recorded by the team: no procedure applied */
	STEP_EARLIER,		/* worked under an earlier procedure */
};

struct step_view {
	const char *key;
	const char *title;
	const char *help;	/* "" when none */
	const struct step_record *record;	/* NULL: not worked yet */
	enum step_origin origin;
};

struct step_progress {
	size_t worked;		/* done, skipped or not applicable */
	size_t total;
};

/* Fills *out (caller frees the array, not what it points into) with the
 * steps to show for procedure `proc` (NULL: no procedure applies). */
size_t procedure_step_views(const struct procedure_def *proc, const struct step_list *records,
			    struct step_view **out);
/* The restoration list's steps (R16) with their records. */
size_t restoration_step_views(const struct procedure_def *list, const struct step_list *records,
			      struct step_view **out);
void procedure_progress(const struct step_view *views, size_t count, struct step_progress *out);
/* Checks a step marking: a known state, and a reason when skipped. */
bool step_mark_valid(const char *state, const char *note, char *why, size_t why_size);
/* "done", "skipped", "n/a" or "open". */
const char *step_state_label(const char *state);
/* A new key for a free step: "free-N", one past the highest. */
char *procedure_free_step_key(const struct step_list *records);

/* R11: what the team did when no procedure applied, as a procedure file
 * for next time. The free steps of records become its steps, in order
 * (a step's note becomes its help), followed by the closing steps that
 * every procedure shares, taken from `shared` (e.g. forensics ...
 * restoration of a configured procedure; NULL for none). Values are
 * written so that iniparser reads them back exactly as far as it can:
 * quoted where they hold ';' or '#', on one line, within its line limit.
 * Returns the file's text; *key gets a file name made from the title. */
char *procedure_file_text(const char *title, const char *summary, const char *ref, const struct step_list *records,
			  const struct procedure_def *shared, char **key);

#endif
