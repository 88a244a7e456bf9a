/* A kind of record an incident carries (indicators, and in time calls,
 * witnesses, evidence...), described once: its table, its columns and
 * where each lives in the kind's typed struct, how it is numbered and
 * stamped. The store adds, reads and frees any kind from this alone
 * (store/record.c); the faces take labels, choices and help from it. */
#ifndef SIRT_KIND_H
#define SIRT_KIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum column_type {
	COLUMN_TEXT,		/* char *: '' in the table for NULL */
	COLUMN_TIME,		/* char *: a UTC time ("2026-11-22T14:05:00Z"), NULL when none */
	COLUMN_INT,		/* int64_t */
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
};

struct record_kind {
	const char *name;	/* "ioc": as on the command line */
	const char *table;
	const char *title;	/* "Indicators of compromise" */
	const char *one;	/* "indicator" */
	const char *timeline;	/* the timeline's kind for one added */
	size_t size;		/* of one record's struct */
	const struct kind_column *columns;	/* what the operator gives, in order */
	size_t ncolumns;
	/* Each record is numbered 1, 2 ... within its incident (int64_t at
	 * number) and stamped with who added it and when (char * at added_at
	 * and added_by, columns added_at, added_by, added_uid). */
	size_t number;
	size_t added_at;
	size_t added_by;
	/* Records are withdrawn with a reason, never edited or deleted: the
	 * table withdrawals (incident_id, number, reason, withdrawn_at,
	 * withdrawn_by, withdrawn_uid) and where its three texts go; NULL
	 * for a kind that is never withdrawn. */
	const char *withdrawals;
	size_t withdrawn_at;
	size_t withdrawn_by;
	size_t withdrawn_reason;
};

/* The records of one kind of one incident, as an array of the kind's
 * struct: RECORD_AT(list, struct ioc, i). */
struct record_list {
	void *items;
	size_t len;
	size_t cap;
};

#define RECORD_AT(list, type, i) (&((type *)(list)->items)[i])

const struct kind_column *kind_column(const struct record_kind *kind, const char *name);
/* The value of a column of a record, as text (a new string). */
char *kind_value_text(const struct kind_column *column, const void *record);
/* Frees the texts of every record and the array. */
void record_list_free(const struct record_kind *kind, struct record_list *list);

#endif
