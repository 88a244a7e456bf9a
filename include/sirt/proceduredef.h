/* Procedure definitions: data/procedures/<key>.ini, one procedure's steps
 * in working order. */
#ifndef SIRT_PROCEDUREDEF_H
#define SIRT_PROCEDUREDEF_H

#include <stdbool.h>
#include <stddef.h>

#include "sirt/ini.h"

/* Restoration steps (R16) are recorded with this procedure name and
 * their keys prefixed, so they never meet a procedure's steps. */
#define PROCEDURE_RESTORATION "restoration"
#define RESTORATION_KEY_PREFIX "restoration."

struct step_def {
	char *key;
	char *title;
	char *help;
	bool needs_approved_change;	/* needs = approved-change */
};

struct procedure_def {
	char *key;		/* file name without .ini */
	char *path;
	char *title;
	char *summary;
	struct step_def *steps;
	size_t nsteps;
};

struct procedure_def *procedure_def_load(const char *path, struct diag_list *diags);
void procedure_def_free(struct procedure_def **procedure);
/* Writes text as dir/key.ini, never over an existing file (written
 * aside, then linked into place). Returns the path, or NULL with why. */
char *procedure_file_write(const char *dir, const char *key, const char *text, char *why, size_t why_size);
const struct step_def *procedure_def_step(const struct procedure_def *procedure, const char *key);

#endif
