/* Drafts: what an operator typed into a form and has not saved, kept so
 * that a dropped SSH session, a closed terminal or a crash loses at most
 * the last seconds of typing. A draft is the operator's own: a file under
 * their $XDG_STATE_HOME (mode 0600), one directory per database, never in
 * the shared database where the others would see half-typed text. */
#ifndef SIRT_DRAFT_H
#define SIRT_DRAFT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "sirt/mem.h"
#include "sirt/incident_data.h"
#include "sirt/status.h"

struct draft {
	char *form;		/* the form's key: intake, lead ... */
	char *ref;		/* the incident, "" for a call not logged yet */
	time_t saved;		/* when it was last written */
	struct field_list fields;	/* value, note, and base (the version edited from) */
};

struct draft_list {
	struct draft *items;
	size_t len;
	size_t cap;
};

/* The directory of the drafts for the database at db_path (allocated). */
char *draft_dir(const char *db_path);
/* Writes the draft, replacing the last one of that form and incident. */
enum status draft_save(const char *dir, const struct draft *draft, struct error *err);
/* Every draft in dir, oldest first (none if dir does not exist). Removes
 * the temporary files of writes killed half-way, once a minute old. */
enum status draft_list_read(const char *dir, struct draft_list *out, struct error *err);
/* Removes the draft of form for ref ("" for a new call), if there is one. */
void draft_remove(const char *dir, const char *form, const char *ref);
void draft_clear(struct draft *draft);
void draft_list_free(struct draft_list *list);

#endif
