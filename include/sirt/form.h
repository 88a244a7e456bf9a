/* Checking what an operator typed into a form against its definition,
 * and turning stored values into what screens show and edit. */
#ifndef SIRT_FORM_H
#define SIRT_FORM_H

#include <stdbool.h>
#include <time.h>

#include "sirt/customer.h"
#include "sirt/formdef.h"
#include "sirt/incident_data.h"
#include "sirt/input.h"
#include "sirt/status.h"

/* Lengths, in bytes, when a field sets no "max" (sirt/input.h): a
 * field's note is always one line of at most FORM_TEXT_MAX. */
#define FORM_TEXT_MAX INPUT_LINE_MAX
#define FORM_MULTILINE_MAX INPUT_LINES_MAX

struct form_problem {
	char *key;
	char *message;		/* e.g. "expected a time such as now, 14:05, ..." */
};

struct form_problems {
	struct form_problem *items;
	size_t len;
	size_t cap;
};

void form_problems_free(struct form_problems *problems);
const char *form_problem_for(const struct form_problems *problems, const char *key);
/* Records message as key's problem, or clears it when message is NULL. */
void form_problem_set(struct form_problems *problems, const char *key, const char *message);

/* The most bytes field f takes: its "max", else its type's default. */
size_t form_field_max(const struct field_def *f);
/* Checks one typed value. On success returns true and sets *normal to the
 * value to store (a datetime becomes UTC ISO-8601, a choice its listed
 * spelling); else writes why and returns false. */
/* Nothing a reader would see (NULL, white space of any kind, format
 * characters, marks standing alone): no answer. */
bool form_value_blank(const char *s);
bool form_value_check(const struct field_def *field, const char *typed, time_t now, char **normal, char *why,
		      size_t why_size);
/* Checks the fields of form found in typed (under typed's form/key).
 * whole: a new record, so every field is checked and those absent from
 * typed take their default; otherwise only what typed holds, the changes
 * to a saved record. Normalised values go to normal under form->key;
 * returns false with problems if any. */
bool form_check(const struct form_def *form, const struct field_list *typed, bool whole, time_t now,
		struct field_list *normal, struct form_problems *problems);

/* The one rule of "required": the required fields of form that hold no
 * value once edits are laid over stored (each list under form->key; a
 * value of blanks is none). Their keys are added to missing in the
 * form's order; returns how many. The screens and `sirt set` both ask
 * it (through incident_form_missing) before they save. */
size_t form_required_missing(const struct form_def *form, const struct field_list *stored,
			     const struct field_list *edits, struct strlist *missing);

/* Reads customer lines (customer.h says their shape; blank lines
 * skipped). Returns false with why (naming the line) when one is not of
 * that shape. */
bool customers_parse(const char *text, struct customer_list *out, char *why, size_t why_size);
/* Whether what an operator typed names a customer (report --customer)
 * or a deadline's party (deadline met --party): its name or its
 * address, in any case. One test for both, so that the name a report
 * takes is the name a deadline takes. */
bool customer_named(const char *name, const char *contact, const char *given);

/* Free text going on record (a reason, a note, a step taken), held to
 * sirt/input.h: valid UTF-8 of at most max bytes, one line unless max
 * is more than one line's FORM_TEXT_MAX (a statement, a finding), and
 * not blank when required. `what` names it in the message: "the reason
 * for approving is required". */
enum status form_text_check(const char *what, const char *text, bool required, size_t max, struct error *err);

/* The stored value as an operator edits it (datetime: local, no zone). */
char *form_value_for_edit(const struct field_def *field, const char *stored);
/* The stored value as shown (datetime: local with the zone). */
char *form_value_for_display(const struct field_def *field, const char *stored);
/* A saved value as views show it, with its note after it: "real  (seen
 * by the admin)"; "" when nothing is saved. v may be NULL. */
char *form_value_with_note(const struct field_def *field, const struct field_value *v);
/* Why a save was refused: "Severity was changed meanwhile by praman
 * (2026-11-22 14:05 UTC), to \"high  (payroll data)\"", from the field as
 * the other operator saved it (its note too: it may be all that moved). */
char *form_conflict_text(const struct field_def *field, const struct field_value *theirs);
/* What a field starts with on a new form ("now" becomes the time). */
char *form_default_for_edit(const struct field_def *field, time_t now);

#endif
