/* The incident as the store keeps it, and the work recorded on it that is
 * not a record kind's (sirt/record_kinds.h): its form values, the
 * categories and procedures chosen, its steps, its timeline. The store
 * reads and writes these (sirt/store.h); core and the faces use them. */
#ifndef SIRT_INCIDENT_DATA_H
#define SIRT_INCIDENT_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a record came from when an export of another database brought
 * it here (sirt import), rather than someone working in this one: who
 * imported it, when, from which file and its hash. What the record says
 * of who did it and when is what the file said. earlier: an import the
 * file itself said the record had come through, where it was exported
 * (as the file says, nothing this database saw); NULL for none. */
struct provenance {
	int64_t id;		/* the row of the import table */
	char *by;
	char *at;		/* UTC */
	char *file;
	char *sha256;
	char *earlier;		/* that import as JSON, NULL for none */
	char *earlier_by;
	char *earlier_at;
	char *earlier_file;
	char *earlier_sha256;
};

struct incident {
	int64_t id;
	char *ref;
	char *title;
	char *status;
	char *category;		/* NULL until categorised */
	char *procedure;	/* NULL until chosen; "none": no procedure applies */
	char *created_at;
	char *created_by;
	char *updated_at;
	char *updated_by;
	int64_t version;
};

struct incident_list {
	struct incident *items;
	size_t len;
	size_t cap;
};

struct field_value {
	char *form;
	char *key;
	char *value;
	char *note;
	char *updated_at;	/* NULL for values not yet saved */
	char *updated_by;
	int64_t version;
	/* Typed: the version it was edited from (0: it was not there), or -1
	 * when not known, for callers that do not check (a new incident). */
	int64_t base;
	struct provenance *imported;	/* NULL: saved here */
};

struct field_list {
	struct field_value *items;
	size_t len;
	size_t cap;
};

struct category_choice {
	char *category;
	char *label;
	char *note;
	char *chosen_at;
	char *chosen_by;
	struct provenance *imported;	/* NULL: chosen here */
};

struct procedure_choice {
	char *procedure;
	char *title;
	char *chosen_at;
	char *chosen_by;
	struct provenance *imported;	/* NULL: chosen here */
};

struct choice_list {
	struct category_choice *categories;
	size_t ncategories;
	struct procedure_choice *procedures;
	size_t nprocedures;
};

/* Step states as stored. */
#define STEP_OPEN "open"
#define STEP_DONE "done"
#define STEP_SKIPPED "skipped"
#define STEP_NA "na"

struct step_record {
	char *procedure;
	char *step_key;
	char *title;
	char *state;
	char *note;		/* the reason, for a skipped step */
	char *marked_at;
	char *marked_by;
	int64_t position;	/* order of free steps (no procedure) */
	int64_t version;
	char *happened_at;	/* when it was done, if not when marked; NULL */
	struct provenance *imported;	/* NULL: marked here (a mark here clears it) */
};

struct step_list {
	struct step_record *items;
	size_t len;
	size_t cap;
};

struct timeline_entry {
	int64_t id;
	char *at;		/* when it was logged */
	char *who;
	char *kind;
	char *summary;
	char *happened;		/* when it happened, if the operator said so; NULL */
	struct provenance *imported;	/* NULL: it happened here */
};

struct timeline {
	struct timeline_entry *items;
	size_t len;
	size_t cap;
};

void provenance_free(struct provenance **p);
struct provenance *provenance_copy(const struct provenance *p);
void incident_clear(struct incident *incident);
void incident_list_free(struct incident_list *list);
void field_list_free(struct field_list *list);
/* Adds or replaces form/key in the list (value and note copied). */
void field_list_set(struct field_list *list, const char *form, const char *key, const char *value,
		    const char *note);
const struct field_value *field_list_find(const struct field_list *list, const char *form, const char *key);
/* key's value in whichever form has it (a field's key is unique across
 * the forms); NULL for none. */
const struct field_value *field_list_any(const struct field_list *list, const char *key);
/* True when any value of that form is saved. */
bool field_list_has_form(const struct field_list *list, const char *form);
void choice_list_free(struct choice_list *list);
void step_list_free(struct step_list *list);
const struct step_record *step_list_find(const struct step_list *list, const char *key);
void timeline_free(struct timeline *timeline);

#endif
