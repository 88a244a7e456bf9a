/* The work on an incident as the plan orders it: logging the call,
 * triage, categorising, choosing and working a procedure. Each operation
 * checks its input against the plan, then records it in the store with
 * who did it and when. */
#ifndef SIRT_INCIDENT_H
#define SIRT_INCIDENT_H

#include <time.h>

#include "sirt/config.h"
#include "sirt/form.h"
#include "sirt/identity.h"
#include "sirt/incident_data.h"
#include "sirt/store.h"

/* Statuses in the order the work moves an incident through them. */
#define INCIDENT_NEW "new"
#define INCIDENT_TRIAGE "triage"
#define INCIDENT_RESPONDING "responding"
#define INCIDENT_RECOVERING "recovering"
#define INCIDENT_REVIEW "review"
#define INCIDENT_CLOSED "closed"

/* The status an incident moves to when `event` happens: "triage" (the
 * checklist saved), "procedure" (one chosen), "restoration" (a
 * restoration step marked), "review" (the review saved); NULL when it
 * stays where it is. Work never moves it back. */
const char *incident_status_after(const char *status, const char *event);

/* Logs a call (R5, R8): checks the intake values typed (form "intake"),
 * then creates the ticket. STATUS_DATA with *problems filled when a value
 * is wrong; nothing is stored then. */
enum status incident_create(struct store *store, const struct config *config, const struct actor *who,
			    time_t now, const struct field_list *typed, struct incident *out,
			    struct form_problems *problems, struct error *err);
/* Saves changes to a form (intake or triage) of an existing incident,
 * likewise. typed holds only the fields the operator changed: a field
 * left alone is never written back, so it cannot undo what another
 * operator saved meanwhile, nor round a stored time to the minute. Each
 * typed value's base is the version it was edited from: if another
 * operator saved that field since, STATUS_CONFLICT, nothing is saved,
 * and conflicts (may be NULL) gets their values to show side by side.
 * *saved (may be NULL) gets how many values changed: 0 is a save of
 * nothing, which moves no status. */
enum status incident_save_form(struct store *store, const struct form_def *form, const struct incident *incident,
			       const struct actor *who, time_t now, const struct field_list *typed,
			       struct form_problems *problems, struct field_list *conflicts, size_t *saved,
			       struct error *err);
/* What a save of edits (as typed, under form->key) to the incident's
 * form would leave required and empty: form_required_missing over the
 * values stored now, a field not saved yet that is pre-filled from the
 * record (its "from") counting with that text, as the report shows it.
 * Keys added to missing, in the form's order; *count (may be NULL) gets
 * how many. Both the screen and `sirt set` refuse a save while any is. */
enum status incident_form_missing(struct store *store, const struct config *config, const struct form_def *form,
				  const struct incident *incident, const struct field_list *edits, time_t now,
				  struct strlist *missing, size_t *count, struct error *err);
enum status incident_set_category(struct store *store, const struct config *config,
				  const struct incident *incident, const char *key, const char *note,
				  const struct actor *who, time_t now, struct error *err);
/* key: a configured procedure, or PROCEDURE_NONE. */
enum status incident_set_procedure(struct store *store, const struct config *config,
				   const struct incident *incident, const char *key, const struct actor *who,
				   time_t now, struct error *err);
/* Marks a step of the incident's procedure (or a free step) done, skipped
 * (note: the reason, required), not applicable, or open again. base: the
 * step's version as the caller last read it (0: not marked then; -1: mark
 * over whatever stands); STATUS_CONFLICT, naming who marked it since and
 * when, if another operator marked it or noted it meanwhile. */
enum status incident_mark_step(struct store *store, const struct config *config, const struct incident *incident,
			       const char *step_key, const char *state, const char *note, int64_t base,
			       const struct actor *who, time_t now, struct error *err);
/* Records a step the team took when no procedure applies (R11). */
enum status incident_add_free_step(struct store *store, const struct incident *incident, const char *title,
				   const char *note, const struct actor *who, time_t now, struct error *err);

#endif
