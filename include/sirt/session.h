/* What both faces (TUI and CLI) work with: the loaded plan, the open
 * store and who is at the keyboard. main() sets it up once. */
#ifndef SIRT_SESSION_H
#define SIRT_SESSION_H

#include <stdbool.h>
#include <stdio.h>

#include "sirt/config.h"
#include "sirt/identity.h"
#include "sirt/store.h"

struct session {
	struct config *config;
	struct store *store;
	struct actor who;
	char *db_path;
	bool read_only;
	struct strlist warnings;	/* about where the database lives */
	/* An enforced database (sirt init --enforce), opened as the
	 * machine's configuration names it, with the machine's plan. */
	bool enforced;
	bool other_database;		/* a layer's [store] path, not the system's: warnings[0] says so */
	char *notice;			/* why the session is read-only, or NULL */
	/* Set while the plan's forms, procedures and deadlines may still be
	 * being read (main.c): the screen calls it once, before it uses
	 * them or shows anything, and gives up with 78 on false (the plan is
	 * wrong, and main says why once the screen is left). progress is
	 * told how far bringing the list up to date under the plan is. */
	bool (*ready)(struct session *session, void (*progress)(size_t done, size_t total, void *ctx), void *ctx);
	void *ready_ctx;
};

/* The subcommands (cli/), each a row of the command table (cli/commands.c). */
struct cli_args;
/* Reads a command line (argv[0] the subcommand) by its command's row:
 * 0, or 64 after saying what is wrong (an unknown command or option, a
 * value missing, an option given twice); nothing is opened. */
int cli_parse(int argc, char **argv, struct cli_args **args);
void cli_args_free(struct cli_args **args);
const char *cli_command_name(const struct cli_args *args);
/* --help or -h was given: run cli_help instead. */
bool cli_asks_help(const struct cli_args *args);
/* Whether option (as typed, "--name") takes a value in command, for
 * main's reading of the shared options: a value is never one of those. */
bool cli_takes_value(const char *command, const char *option);
/* The command (or its verb) only reads the database. */
bool cli_reads_only(const struct cli_args *args);
/* Runs a command that works on the store: the role it needs first. */
int cli_run(struct session *session, const struct cli_args *args);
/* `sirt check` and `sirt config` need no store; return the exit code. */
int cli_check(const struct config_layers *layers, const struct cli_args *args);
int cli_config(const struct config_layers *layers, const struct cli_args *args);
/* `sirt init --shared DIR --group GROUP` needs neither (cli/admin.c). */
int cli_init(const struct cli_args *args);
void cli_usage(FILE *out);
/* How main finds the plan and the database, for completion: the plan
 * that --config (NULL when not on the line) gives, or NULL when it
 * cannot be read; the database's path for --db (likewise) and it. */
struct cli_places {
	struct config *(*plan)(const char *config_option);
	char *(*db)(const char *db_option, const struct config *config);
};
/* sirt __complete N WORD...: what a shell's TAB offers for word N of the
 * command line WORD... (cli/complete.c; the scripts in completion/).
 * Reads the plan and the database, writes nothing anywhere, says
 * nothing on stderr; 0, or 64 when N is not a word of the line. */
int cli_complete(int argc, char **argv, const struct cli_places *places);
/* sirt completion bash|zsh: the script for that shell. */
int cli_completion(const struct cli_args *args);
/* sirt help [COMMAND], or COMMAND --help. */
int cli_help(const struct cli_args *args);
/* Prints "sirt: message" to stderr, with the message sanitised. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The full-screen program (tui/loop.c); returns the exit code. */
int tui_run(struct session *session);

#endif
