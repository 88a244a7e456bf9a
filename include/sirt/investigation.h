/* The investigation (R13): forensic findings as timestamped notes of a
 * kind (log review, gaps in the logs, IDS or cloud audit logs,
 * interviews), and the witnesses that interviews are linked to. */
#ifndef SIRT_INVESTIGATION_H
#define SIRT_INVESTIGATION_H

#include "sirt/config.h"
#include "sirt/formdef.h"
#include "sirt/incident_data.h"
#include "sirt/store.h"

/* kind as stored, as shown */
#define NOTE_KINDS(X) \
	X("log-review",  "log review") \
	X("log-gap",     "gap in the logs") \
	X("ids",         "IDS log") \
	X("cloud-audit", "cloud audit log") \
	X("interview",   "interview") \
	X("other",       "other")

/* How a kind reads, or NULL when it is not one. */
const char *note_kind_label(const char *kind);
/* The kinds as a NULL-terminated list, and as "log-review, log-gap, ...". */
const char *const *note_kinds(void);
const char *note_kind_names(void);

/* What a finding must be before the store is asked: one of NOTE_KINDS,
 * a text, and a witness (its number, 0 for none) only with an
 * interview. STATUS_DATA with *column ("kind", "text" or "witness") the
 * part at fault; column may be NULL. */
enum status note_check(const char *kind, const char *text, int64_t witness, const char **column,
		       struct error *err);
/* Adds a finding (note_check, then the witness must exist). witness: the
 * number of the witness an interview is with (0: none). */
enum status incident_add_note(struct store *store, const struct incident *incident, const char *kind,
			      const char *text, int64_t witness, const struct actor *who, time_t now, int64_t *id,
			      struct error *err);
/* Adds a witness (name required); *number gets its number. With a
 * statement, interviewed_by (NULL: the operator) and interviewed_at (0:
 * now) say who took it and when. */
enum status incident_add_witness(struct store *store, const struct incident *incident, const char *name,
				 const char *contact, const char *statement, const char *interviewed_by,
				 time_t interviewed_at, const struct actor *who, time_t now, int64_t *number,
				 struct error *err);

/* A finding as typed in its form (note_register's questions): every
 * part text. witness: "none", or a witness as its form offers them
 * ("2. Burak Kılınç"), or its number alone. */
#define NOTE_NO_WITNESS "none"
struct note_typed {
	char *kind;
	char *text;
	char *witness;
};

/* Offers an incident's witnesses in the witness question of a finding's
 * form (register_form of note_register), after "none": "2. Burak Kılınç". */
void note_form_witnesses(struct form_def *form, const struct witness_list *witnesses);

#endif
