/* INI files as the plan's configuration is written: read with iniparser,
 * checked line by line first so that every problem iniparser would hide
 * (a duplicate key silently winning, a value cut at ';', a too-long line
 * rejecting the whole file) is reported as "file:line: message". */
#ifndef SIRT_INI_H
#define SIRT_INI_H

#include <stdbool.h>
#include <stddef.h>

#include "sirt/mem.h"

/* One problem in a configuration file. line 0: the file as a whole. */
struct diag {
	char *file;
	int line;
	char *message;
};

struct diag_list {
	struct diag *items;
	size_t len;
	size_t cap;
};

void diag_add(struct diag_list *diags, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_list_free(struct diag_list *diags);
/* "file:line: message" (or "file: message" for line 0), caller frees. */
char *diag_format(const struct diag *d);

struct ini_entry {
	char *section;		/* lower case, as iniparser keeps it */
	char *key;		/* lower case */
	char *value;		/* as iniparser returns it */
	const char *file;	/* the file that set it: one of its ini_file's files */
	int line;
};

struct ini_section {
	char *name;		/* lower case */
	const char *file;	/* the first file that named it */
	int line;
};

struct ini_file {
	char *path;			/* the first file read */
	struct strlist files;		/* every file read into it, in order: path first */
	struct ini_entry *entries;
	size_t len;
	size_t cap;
	struct ini_section *sections;
	size_t nsections;
	size_t sections_cap;
	/* entries by section and key: an entry's index + 1 in each used
	 * slot (the loaders ask for every key by name). */
	size_t *slots;
	size_t nslots;
};

/* Iniparser's line buffer holds 1024 bytes with the newline and its NUL. */
#define INI_MAX_LINE 1022

/* Reads and checks path. Problems go to diags; returns false if the file
 * could not be used at all (unreadable, or iniparser would reject it). */
bool ini_read(const char *path, struct ini_file *out, struct diag_list *diags);
void ini_free(struct ini_file *ini);
/* Lays layer over into: each key that layer sets replaces into's (its
 * value, file and line); keys and sections new to into come after its
 * own, in layer's order. */
void ini_merge(struct ini_file *into, const struct ini_file *layer);

const struct ini_section *ini_section(const struct ini_file *ini, const char *name);
const struct ini_entry *ini_entry(const struct ini_file *ini, const char *section, const char *key);
/* The value, or NULL if the key is absent. */
const char *ini_get(const struct ini_file *ini, const char *section, const char *key);
/* Reports every key of section that is not in allowed (NULL-terminated). */
void ini_check_keys(const struct ini_file *ini, const char *section, const char *const allowed[],
		    struct diag_list *diags);
/* Reports a missing or empty key, at the section's line. */
bool ini_require(const struct ini_file *ini, const char *section, const char *key, struct diag_list *diags);
/* yes/no/true/false/1/0; reports anything else. */
bool ini_get_bool(const struct ini_file *ini, const char *section, const char *key, bool fallback,
		  struct diag_list *diags);

/* A definition file's key: its base name without ".ini". */
char *definition_key(const char *path);
/* Keys become JSON keys and CLI --set names: a-z, 0-9, '_' and '-'. */
bool definition_key_valid(const char *key);

#endif
