/* Loading procedure definition files. */
#include "sirt/proceduredef.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/file.h"
#include "sirt/mem.h"

static const char *const procedure_keys[] = {"title", "summary", NULL};
static const char *const step_keys[] = {"title", "help", "needs", NULL};

struct procedure_def *procedure_def_load(const char *path, struct diag_list *diags)
{
	struct ini_file ini;
	struct procedure_def *proc;
	size_t cap = 0;

	if (!ini_read(path, &ini, diags)) {
		ini_free(&ini);
		return NULL;
	}
	proc = xcalloc(1, sizeof(*proc));
	proc->key = definition_key(path);
	proc->path = xstrdup(path);
	if (!ini_section(&ini, "procedure"))
		diag_add(diags, path, 0, "a procedure file needs a [procedure] section with its title");
	else
		ini_require(&ini, "procedure", "title", diags);
	ini_check_keys(&ini, "procedure", procedure_keys, diags);
	proc->title = xstrdup(ini_get(&ini, "procedure", "title") ? ini_get(&ini, "procedure", "title") : proc->key);
	proc->summary = xstrdup(ini_get(&ini, "procedure", "summary"));
	for (size_t i = 0; i < ini.nsections; i++) {
		const struct ini_section *sec = &ini.sections[i];
		struct step_def *step;

		if (strcmp(sec->name, "procedure") == 0)
			continue;
		if (!str_starts_with(sec->name, "step.")) {
			diag_add(diags, path, sec->line,
				 "unknown section [%s] (a procedure has [procedure] and [step.KEY] sections)",
				 sec->name);
			continue;
		}
		GROW(proc->steps, cap, proc->nsteps + 1);
		step = &proc->steps[proc->nsteps++];
		memset(step, 0, sizeof(*step));
		step->key = xstrdup(sec->name + strlen("step."));
		if (!definition_key_valid(step->key))
			diag_add(diags, path, sec->line, "step key \"%s\" may use only a-z, 0-9, '_' and '-'",
				 step->key);
		ini_check_keys(&ini, sec->name, step_keys, diags);
		ini_require(&ini, sec->name, "title", diags);
		step->title = xstrdup(ini_get(&ini, sec->name, "title") ? ini_get(&ini, sec->name, "title") : step->key);
		step->help = xstrdup(ini_get(&ini, sec->name, "help"));
		if (ini_get(&ini, sec->name, "needs")) {
			const char *needs = ini_get(&ini, sec->name, "needs");
			step->needs_approved_change = strcmp(needs, "approved-change") == 0;
			if (!step->needs_approved_change)
				diag_add(diags, path, ini_entry(&ini, sec->name, "needs")->line,
					 "\"needs\" of step \"%s\" can only be approved-change, not \"%s\"", step->key,
					 needs);
		}
	}
	if (proc->nsteps == 0)
		diag_add(diags, path, 0, "procedure \"%s\" has no steps; add [step.KEY] sections with a title",
			 proc->key);
	ini_free(&ini);
	return proc;
}

void procedure_def_free(struct procedure_def **pproc)
{
	struct procedure_def *proc = *pproc;

	if (!proc)
		return;
	for (size_t i = 0; i < proc->nsteps; i++) {
		free(proc->steps[i].key);
		free(proc->steps[i].title);
		free(proc->steps[i].help);
	}
	free(proc->steps);
	free(proc->key);
	free(proc->path);
	free(proc->title);
	free(proc->summary);
	FREE(pproc);
}

char *procedure_file_write(const char *dir, const char *key, const char *text, char *why, size_t why_size)
{
	char *path = xasprintf("%s/%s.ini", dir, key);
	struct error err = {0};

	/* Readable by every operator's sirt; never overwriting a procedure. */
	if (file_write(path, text, 0664, false, &err)) {
		if (err.status == STATUS_CONFLICT)
			snprintf(why, why_size, "%s: a procedure of that name exists; choose another title", path);
		else
			snprintf(why, why_size, "%s", err.message);
		free(path);
		return NULL;
	}
	return path;
}

const struct step_def *procedure_def_step(const struct procedure_def *proc, const char *key)
{
	for (size_t i = 0; i < proc->nsteps; i++)
		if (strcmp(proc->steps[i].key, key) == 0)
			return &proc->steps[i];
	return NULL;
}
