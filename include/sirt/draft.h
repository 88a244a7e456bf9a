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
#include "sirt/formdef.h"
#include "sirt/incident_data.h"
#include "sirt/status.h"

struct draft {
	/* Its own name, that of its file: "intake@new.5f2c...", or
	 * "lead@IR-2026-0001.9a0e..."; each form opened gets one of its own,
	 * so that no two drafts ever share a file. */
	char *name;
	char *form;		/* the form's key: intake, lead ... */
	char *ref;		/* the incident, "" for a call not logged yet */
	time_t saved;		/* when it was last written */
	long saved_nsec;	/* and the nanoseconds: two drafts of one second keep their order */
	struct field_list fields;	/* value, note, and base (the version edited from) */
};

struct draft_list {
	struct draft *items;
	size_t len;
	size_t cap;
};

/* The directory of the drafts for the database at db_path (allocated). */
char *draft_dir(const char *db_path);
/* A name no other draft has: the form, the incident ("new" for a call
 * not logged yet) and a random part (allocated). */
char *draft_name_new(const char *form, const char *ref);
/* Writes the draft under its name, replacing what that name held. */
enum status draft_save(const char *dir, const struct draft *draft, struct error *err);
/* Every draft in dir, oldest first (none if dir does not exist). Removes
 * the temporary files of writes killed half-way, once a minute old. */
enum status draft_list_read(const char *dir, struct draft_list *out, struct error *err);
/* Removes the draft of that name, if there is one: only once what it
 * holds was saved, or the operator said to discard it. */
void draft_remove(const char *dir, const char *name);
/* A draft is held by the one form that has it open, so that no other
 * session offers or resumes it (two sessions saving one call would log
 * it twice): a lock on DIR/NAME.held, given up when the process ends.
 * draft_hold returns the descriptor that keeps it, or -1 when another
 * process holds it (or it cannot be made: then it is not offered
 * either); draft_release gives it up (and the lock file with it when
 * no draft is kept under that name); draft_held tells whether another
 * process holds it now. Lock files left by a killed session go as the
 * drafts are listed. */
int draft_hold(const char *dir, const char *name);
void draft_release(const char *dir, const char *name, int fd);
bool draft_held(const char *dir, const char *name);
/* The first line of what the draft holds, to tell it from the others
 * (allocated, "" if it holds nothing): the first text typed, before
 * times and choices, which a new form fills in by itself. form may be
 * NULL (then every field counts the same). */
char *draft_first_line(const struct draft *draft, const struct form_def *form);
void draft_clear(struct draft *draft);
void draft_list_free(struct draft_list *list);

#endif
