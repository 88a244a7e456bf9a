/* A kind of record an incident carries (calls, notes, witnesses,
 * evidence, indicators...), described once: its table, its columns and
 * where each lives in the kind's typed struct, how it is numbered and
 * stamped. The store adds, reads and frees any kind from this alone
 * (store/record.c); the faces take labels, choices and help from it.
 * Every column of the kind's table is named here, so that a test can
 * hold the description to the schema (tests/unit/test_kinds.c). */
#ifndef SIRT_KIND_H
#define SIRT_KIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sirt/formdef.h"

struct provenance;

enum column_type {
	COLUMN_TEXT,		/* char *: '' in the table for NULL */
	COLUMN_TIME,		/* char *: a UTC time ("2026-11-22T14:05:00Z"), NULL when none */
	COLUMN_INT,		/* int64_t */
	COLUMN_INT_OR_NULL,	/* int64_t: NULL in the table for 0 (none), read back as 0 */
	COLUMN_BOOL,		/* bool: 0 or 1 in the table */
};

struct kind_column {
	const char *name;	/* in the table and JSON; --name (with dashes) on the command line */
	enum column_type type;
	size_t offset;		/* of the value in the kind's struct */
	const char *label;	/* for people: "First seen" */
	bool required;
	const char *const *choices;	/* NULL-terminated; NULL: free text */
	const char *fallback;	/* what it is when not given (NULL: nothing) */
	const char *help;	/* one line: what to put there */
	/* COLUMN_INT_OR_NULL only: NULL in the table unless this text
	 * column is not '' (an evidence item's size, of what was hashed),
	 * instead of when 0. */
	const char *only_with;
	/* Text of several lines (a statement): a box on a form. */
	bool multiline;
	/* Not given when the record is added (the table's default stands)
	 * but set later by the kind's own rule, such as a change's decision;
	 * read with the rest. */
	bool later;
	/* On a form, when not what the type and choices make it (a
	 * FIELD_MONEY amount typed as text); FIELD_TEXT: those decide. */
	enum field_type field;
	/* Its key in show's JSON when that is not its name (a hand-over's
	 * "from" for from_who); NULL: its name. */
	const char *json;
	/* When the record's event happened, where the operator said it was
	 * before it was logged: written from store_when, not from the
	 * record (a COLUMN_TIME; NULL for when it was logged). */
	bool happened;
	/* With happened: the time column of when that event was logged (a
	 * change's decided_at); NULL: the record's added stamp. The faces
	 * show the two as one time (sirt/whole.h, whole_when). */
	const char *logged;
};

/* The columns that say who added a record and when. */
struct stamp_columns {
	const char *at;		/* "called_at" */
	const char *by;
	const char *uid;
};

struct record_kind {
	const char *name;	/* "ioc": as on the command line */
	const char *table;
	const char *title;	/* "Indicators of compromise" */
	const char *one;	/* "indicator" */
	/* The key of a list of them in show's JSON, when not the name
	 * ("witnesses"); NULL: the name ("evidence", "ioc"). */
	const char *list;
	const char *timeline;	/* the timeline's kind for one added */
	size_t size;		/* of one record's struct */
	const struct kind_column *columns;	/* what the operator gives, in order */
	size_t ncolumns;
	/* Each record is numbered 1, 2 ... within its incident (int64_t at
	 * number, column number), unless unnumbered: then records keep the
	 * order they were added in, the row's id. with_id: the row's id goes
	 * to id (int64_t) too. */
	size_t number;
	bool unnumbered;
	bool with_id;
	size_t id;
	/* Stamped with who added it and when (char * at added_at and
	 * added_by), in the columns stamp names; added_at, added_by and
	 * added_uid when it names none. */
	size_t added_at;
	size_t added_by;
	struct stamp_columns stamp;
	/* Where it came from (struct provenance *, NULL: recorded here),
	 * from the table's imported column: every kind has one. */
	size_t imported;
	/* A closed incident takes it too: what outlives the incident
	 * (evidence, its custody and checks, deadlines met late). */
	bool outlives_closing;
	/* NULL-terminated: the table's columns that no struct holds (the uid
	 * of a later decision, a version). NULL: none. */
	const char *const *untyped;
	/* Records are withdrawn with a reason, never edited or deleted: the
	 * table withdrawals (incident_id, number, reason, withdrawn_at,
	 * withdrawn_by, withdrawn_uid) and where its three texts go; NULL
	 * for a kind that is never withdrawn. withdrawn_record: the
	 * withdrawals name their record by its id in this column ("cost_id")
	 * instead, and are read with it but written by the kind's own code. */
	const char *withdrawals;
	const char *withdrawn_record;
	/* NULL-terminated: columns whose values together a standing record
	 * of an incident may not repeat (an indicator's type and value);
	 * checked in the adding transaction. NULL: none. */
	const char *const *unique_standing;
	size_t withdrawn_at;
	size_t withdrawn_by;
	size_t withdrawn_reason;
	/* Where the withdrawal came from (struct provenance *), as imported
	 * says of the record. */
	size_t withdrawn_imported;
};

/* The records of one kind of one incident, as an array of the kind's
 * struct: RECORD_AT(list, struct ioc, i). */
struct record_list {
	void *items;
	size_t len;
	size_t cap;
};

#define RECORD_AT(list, type, i) (&((type *)(list)->items)[i])

/* A record of a list by its place, and its parts by the kind's offsets:
 * for code that is generic over kinds. */
static inline const void *record_item(const struct record_kind *kind, const struct record_list *list, size_t i)
{
	return (const char *)list->items + i * kind->size;
}

static inline const char *record_text(const void *record, size_t offset)
{
	return *(char *const *)((const char *)record + offset);
}

static inline int64_t record_number(const struct record_kind *kind, const void *record)
{
	return *(const int64_t *)((const char *)record + kind->number);
}

static inline const struct provenance *record_imported(const struct record_kind *kind, const void *record)
{
	return *(struct provenance *const *)((const char *)record + kind->imported);
}

static inline const struct provenance *record_withdrawn_imported(const struct record_kind *kind, const void *record)
{
	return *(struct provenance *const *)((const char *)record + kind->withdrawn_imported);
}

static inline bool record_withdrawn(const struct record_kind *kind, const void *record)
{
	return kind->withdrawals && record_text(record, kind->withdrawn_at);
}

const struct kind_column *kind_column(const struct record_kind *kind, const char *name);
/* The column names a kind's stamp uses (its own, or the added_ ones). */
struct stamp_columns kind_stamp(const struct record_kind *kind);
/* The value of a column of a record, as text (a new string). */
char *kind_value_text(const struct kind_column *column, const void *record);
/* Frees the texts of every record and the array. */
void record_list_free(const struct record_kind *kind, struct record_list *list);

#endif
