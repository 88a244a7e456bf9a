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
	char *notice;			/* why the session is read-only, or NULL */
	/* Set while the plan's forms, procedures and deadlines may still be
	 * being read (main.c): the screen calls it once, before it uses
	 * them or shows anything, and gives up with 78 on false (the plan is
	 * wrong, and main says why once the screen is left). progress is
	 * told how far bringing the list up to date under the plan is. */
	bool (*ready)(struct session *session, void (*progress)(size_t done, size_t total, void *ctx), void *ctx);
	void *ready_ctx;
};

/* The subcommands (cli/cli.c). argv[0] is the subcommand's name. */
int cli_run(struct session *session, int argc, char **argv);
/* True for a subcommand that cli_run() runs. */
bool cli_known(const char *name);
/* True for a subcommand that only reads the database. */
bool cli_reads_only(const char *name);
/* `sirt check` needs no store; returns the exit code. */
int cli_check(const char *config_path, bool is_sample);
/* `sirt init --shared DIR --group GROUP` needs neither (cli/admin.c). */
int cli_init(int argc, char **argv);
void cli_usage(FILE *out);
int cli_help(const char *command);
/* Prints "sirt: message" to stderr, with the message sanitised. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The full-screen program (tui/loop.c); returns the exit code. */
int tui_run(struct session *session);

#endif
