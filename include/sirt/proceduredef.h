/* Procedure definitions: data/procedures/<key>.ini, one procedure's steps
 * in working order. */
#ifndef SIRT_PROCEDUREDEF_H
#define SIRT_PROCEDUREDEF_H

#include <stddef.h>

#include "sirt/ini.h"

struct step_def {
	char *key;
	char *title;
	char *help;
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
const struct step_def *procedure_def_step(const struct procedure_def *procedure, const char *key);

#endif
