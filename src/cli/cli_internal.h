/* What the command files share: option parsing and messages. Each
 * command is `int cmd_NAME(session, argc, argv)` returning an exit code. */
#ifndef SIRT_CLI_INTERNAL_H
#define SIRT_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "sirt/formdef.h"
#include "sirt/roles.h"
#include "sirt/session.h"

/* True if who holds a role that allows it; else says which role it
 * needs and who holds that (the caller exits 77). */
bool allowed(struct session *s, enum capability what, const char *doing);
/* "sirt: message (see sirt help COMMAND)" on stderr; returns 64. */
int usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* --format VALUE (or --format=VALUE) at argv[*i]; checks it is allowed
 * and points *format at the allowed spelling. 0, or 64 after saying why. */
int take_format(const char *command, int argc, char **argv, int *i, const char *const allowed[],
		const char **format);
bool is_format(const char *arg);
/* The value of --NAME VALUE or --NAME=VALUE at argv[*i]; NULL if argv[*i]
 * is not that option. A missing value is a usage error (*code = 64). */
const char *option_value(const char *command, const char *name, int argc, char **argv, int *i, int *code);
/* Says that form has no field key, listing those it has; returns 64. */
int unknown_field(const char *command, const struct form_def *form, const char *key);
/* A positive whole number (an item, change or witness), else 0. */
int64_t parse_number(const char *text);
/* sirt show REF in format "text" or "json"; returns the exit code. */
int show_incident(struct session *s, const char *ref, const char *format);

int cmd_set(struct session *s, int argc, char **argv);
int cmd_export(struct session *s, int argc, char **argv);
int cmd_import(struct session *s, int argc, char **argv);
int cmd_backup(struct session *s, int argc, char **argv);
int cmd_audit(struct session *s, int argc, char **argv);
int cmd_category(struct session *s, int argc, char **argv);
int cmd_procedure(struct session *s, int argc, char **argv);
int cmd_step(struct session *s, int argc, char **argv);
int cmd_cost(struct session *s, int argc, char **argv);
int cmd_report(struct session *s, int argc, char **argv);
int cmd_close(struct session *s, int argc, char **argv);
int cmd_reopen(struct session *s, int argc, char **argv);

#endif
