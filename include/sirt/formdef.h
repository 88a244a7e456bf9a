/* Form definitions: forms/<name>.ini files that list a form's fields in
 * order. Screens and the command line are generated from these, so an
 * organisation edits its forms without a rebuild. */
#ifndef SIRT_FORMDEF_H
#define SIRT_FORMDEF_H

#include <stdbool.h>
#include <stddef.h>

#include "sirt/ini.h"
#include "sirt/mem.h"

/* type, name in the file, what it holds */
#define SIRT_FIELD_TYPES(X) \
	X(TEXT,      "text",      "one line of text") \
	X(MULTILINE, "multiline", "longer text") \
	X(DATETIME,  "datetime",  "a date and time") \
	X(CHOICE,    "choice",    "one of the listed choices") \
	X(YESNO,     "yesno",     "yes, no or unknown") \
	X(PERSON,    "person",    "a person's name") \
	X(HOST,      "host",      "host names or IP addresses") \
	X(IP,        "ip",        "IP addresses, v4 or v6") \
	X(CUSTOMERS, "customers", "customers, one a line: Name <security contact e-mail>") \
	X(EMAIL,     "email",     "an e-mail address") \
	X(PHONE,     "phone",     "a phone number") \
	X(NUMBER,    "number",    "a whole number") \
	X(MONEY,     "money",     "an amount of money")

enum field_type {
#define FIELD_TYPE_ENUM(name, text, help) FIELD_##name,
	SIRT_FIELD_TYPES(FIELD_TYPE_ENUM)
#undef FIELD_TYPE_ENUM
};

const char *field_type_name(enum field_type type);
/* Types edited in a box of several lines. */
bool field_type_multiline(enum field_type type);

struct field_def {
	char *key;
	char *label;
	char *help;		/* "" when none */
	char *default_value;	/* "" when none; "now" for datetime fields */
	enum field_type type;
	bool required;
	bool has_note;		/* triage questions carry a free note */
	struct strlist choices;	/* choice and yesno fields */
	size_t max_length;	/* in bytes; 0 for the default */
	struct strlist from;	/* sources that pre-fill it while unsaved */
	int from_line;
	int line;
};

struct form_def {
	char *key;		/* file name without .ini */
	char *path;
	char *title;
	char *help;
	struct field_def *fields;
	size_t nfields;
};

/* The sources of "from" other than a field key: what the incident's
 * record says. source, label shown before its text, what it gives. */
#define SIRT_PREFILL_SOURCES(X) \
	X("@category",    "Category",    "the category chosen") \
	X("@procedure",   "Procedure",   "the procedure chosen") \
	X("@steps",       "Steps",       "the procedure's steps worked, with their notes") \
	X("@restoration", "Restoration", "the restoration steps worked") \
	X("@changes",     "Changes",     "the changes and their decisions") \
	X("@findings",    "Findings",    "the investigation's findings") \
	X("@indicators",  "Indicators",  "the indicators of compromise that TLP lets be shared") \
	X("@timeline",    "Timeline",    "the whole timeline")
#define PREFILL_SOURCES "@category, @procedure, @steps, @restoration, @changes, @findings, @indicators, @timeline"
/* The label of a known source, or NULL for anything else. */
const char *prefill_source_label(const char *source);

/* Loads and checks a form file; problems go to diags. NULL if unusable. */
struct form_def *form_def_load(const char *path, struct diag_list *diags);
void form_def_free(struct form_def **form);
const struct field_def *form_def_field(const struct form_def *form, const char *key);

#endif
