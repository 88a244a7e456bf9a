/* What the command files share: the command table, the parsed arguments
 * a command runs on, and messages. A command is one row of cli_commands
 * (commands.c) plus `int cmd_NAME(session, args)` returning an exit
 * code; parsing, help, refusals and read-only opening follow the row. */
#ifndef SIRT_CLI_INTERNAL_H
#define SIRT_CLI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sirt/formdef.h"
#include "sirt/json.h"
#include "sirt/roles.h"
#include "sirt/session.h"

/* What an option's value is: how the parser checks it, how help shows
 * it and how a shell completes it. */
enum cli_value {
	CLI_FLAG,	/* takes no value */
	CLI_TEXT,	/* any text */
	CLI_NUMBER,	/* a whole number, 0 or more (checked) */
	CLI_TIME,	/* as sirt reads times: now, 14:05, -30m ... (the command checks it) */
	CLI_CHOICE,	/* one of choices (checked) */
	CLI_FILE,	/* a file or directory */
};

struct cli_option {
	const char *name;		/* "--name" */
	enum cli_value value;
	const char *placeholder;	/* "NAME" in the synopsis; NULL: the kind's ("TEXT"), or a choice's values */
	const char *help;		/* a short line for sirt help COMMAND */
	const char *const *choices;	/* CLI_CHOICE: its values, NULL-ended */
	const char *const *aliases;	/* CLI_CHOICE: other spellings, each followed by the value it means */
	const char *verbs;		/* NULL: with every verb; else the verbs it goes with: "approve reject" */
	bool required;			/* for the verbs it goes with */
	bool repeatable;		/* else given twice is a usage error */
};

/* A command's verbs (sirt cost add|withdraw|list): each says what it
 * needs, in place of the command's needs, doing and reads_only. */
struct cli_verb {
	const char *name;
	const char *args;		/* its arguments after the verb: "REF N" */
	enum capability needs;
	const char *doing;
	bool reads_only;
	/* The verb's own run function, where it is not the command's (a
	 * kind's list, which the generic register command prints). */
	int (*run)(struct session *s, const struct cli_args *args);
};

struct cli_args;

struct cli_command {
	const char *name;
	/* Its arguments, for the synopsis and how many it takes: "REF [N]";
	 * a word ending in "..." may repeat. Commands with verbs: the verbs'. */
	const char *args;
	const struct cli_verb *verbs;		/* NULL, or ended by a verb without a name */
	const struct cli_option *options;	/* ended by an option without a name; --format is added */
	const char *const *formats;		/* what --format takes, NULL-ended; the first is the default */
	enum capability needs;			/* the role it needs (R4), checked before run */
	const char *doing;			/* for the refusal: "logging a call" */
	bool reads_only;			/* opened read-only when this login may not write the file */
	const char *help;
	/* NULL for help, check, config and init, which main runs before any store
	 * is open. */
	int (*run)(struct session *s, const struct cli_args *args);
};

/* Every command, in the order sirt --help lists them. */
extern const struct cli_command cli_commands[];
extern const size_t cli_command_count;
/* main's own options (--config, --db, --read-only, --help, --version),
 * for help, completion and telling an option from a value. */
extern const struct cli_option cli_shared_options[];

/* The table as parsing reads it (cli.c), for completion (complete.c). */
const struct cli_command *cli_command_named(const char *name);
/* The row's option i, --format after its own (in *format); NULL past it. */
const struct cli_option *cli_option_at(const struct cli_command *c, size_t i, struct cli_option *format);
/* The option whose name is name's first len bytes, --format too; NULL if none. */
const struct cli_option *cli_option_named(const struct cli_command *c, const char *name, size_t len,
					  struct cli_option *format);
/* The option goes with the verb (any, when verb is NULL). */
bool cli_option_goes_with(const struct cli_option *o, const struct cli_verb *verb);
/* -X or --X, X a letter: an option, not an argument. */
bool cli_looks_like_option(const char *arg);

struct cli_given {
	const char **values;
	size_t len;
};

/* A command line read by its command's row. Values point into argv. */
struct cli_args {
	const struct cli_command *command;
	const struct cli_verb *verb;		/* NULL for a command without verbs */
	const char *format;			/* as given, else the command's first */
	bool format_given;
	bool help;				/* --help or -h: the command's help instead */
	const char **positional;		/* the arguments after the verb */
	size_t npositional;
	struct cli_given *given;		/* one per option of the row, then --format */
};

/* The value of an option (the last one given), or NULL if not given.
 * Naming an option the command's row does not have is a bug: sirt
 * stops with 70. */
const char *cli_value(const struct cli_args *args, const char *option);
/* Whether a flag (or any option) was given. */
bool cli_flag(const struct cli_args *args, const char *option);
/* Every value of a repeatable option, in the order given. */
size_t cli_values(const struct cli_args *args, const char *option, const char *const **values);
/* Argument i after the command (and its verb), or NULL. */
const char *cli_arg(const struct cli_args *args, size_t i);
/* --format json */
bool cli_json(const struct cli_args *args);
/* An object for --format json, begun; cli_json_print ends it, prints
 * it on a line of its own and frees it. */
void cli_json_begin(struct json *j, struct strbuf *sb);
void cli_json_print(struct json *j, struct strbuf *sb);

/* True if who holds a role that allows it; else says which role it
 * needs and who holds that (the caller exits 77). */
bool allowed(struct session *s, enum capability what, const char *doing);
/* "sirt: message (see sirt help COMMAND)" on stderr; returns 64. */
int usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Says that form has no field key, listing those it has; returns 64. */
int unknown_field(const char *command, const struct form_def *form, const char *key);
/* A positive whole number (an item, change or witness), else 0. */
int64_t parse_number(const char *text);
/* sirt show REF in format "text" or "json"; returns the exit code. */
int show_incident(struct session *s, const char *ref, const char *format);

int cmd_list(struct session *s, const struct cli_args *args);
int cmd_show(struct session *s, const struct cli_args *args);
int cmd_new(struct session *s, const struct cli_args *args);
int cmd_call(struct session *s, const struct cli_args *args);
int cmd_change(struct session *s, const struct cli_args *args);
int cmd_note(struct session *s, const struct cli_args *args);
int cmd_witness(struct session *s, const struct cli_args *args);
int cmd_evidence(struct session *s, const struct cli_args *args);
/* sirt evidence export REF DIR (evidence_export.c). */
int evidence_export(struct session *s, const struct cli_args *args);
int cmd_custody(struct session *s, const struct cli_args *args);
int cmd_deadlines(struct session *s, const struct cli_args *args);
int cmd_deadline(struct session *s, const struct cli_args *args);
/* The text of --sent-file FILE (sent_file.c): a regular file, not
 * through a link (STATUS_NOT_FOUND), UTF-8 of at most DEADLINE_SENT_MAX
 * bytes (STATUS_DATA); NULL with err set when not. */
char *cli_read_sent_file(const char *path, struct error *err);
/* sirt decide (decide.c). */
int cmd_decide(struct session *s, const struct cli_args *args);
int cmd_set(struct session *s, const struct cli_args *args);
int cmd_export(struct session *s, const struct cli_args *args);
int cmd_import(struct session *s, const struct cli_args *args);
int cmd_backup(struct session *s, const struct cli_args *args);
int cmd_audit(struct session *s, const struct cli_args *args);
int cmd_category(struct session *s, const struct cli_args *args);
int cmd_procedure(struct session *s, const struct cli_args *args);
int cmd_step(struct session *s, const struct cli_args *args);
int cmd_cost(struct session *s, const struct cli_args *args);
/* Any register's command (register.c): its row's name is the kind's. */
int cmd_register(struct session *s, const struct cli_args *args);
int cmd_report(struct session *s, const struct cli_args *args);
int cmd_close(struct session *s, const struct cli_args *args);
int cmd_reopen(struct session *s, const struct cli_args *args);

#endif
