/* sirt: security incident response tracker. main() reads the options
 * that every command shares, loads and checks the plan, opens the store
 * and hands over to the TUI (no subcommand) or a subcommand. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/calendar.h"
#include "sirt/config.h"
#include "sirt/deadline.h"
#include "sirt/digest.h"
#include "sirt/identity.h"
#include "sirt/ini.h"
#include "sirt/mem.h"
#include "sirt/privilege.h"
#include "sirt/sanitize.h"
#include "sirt/file.h"
#include "sirt/roles.h"
#include "sirt/session.h"
#include "sirt/status.h"
#include "sirt/store.h"
#include "sirt_build.h"
#if SIRT_TEST_CLOCK
#include "sirt/fault.h"
#endif

/* Test builds only: SIRT_TEST_FAULT=full:1+ (see sirt/fault.h) makes
 * SQLite's disk or memory fail, for the tests of what sirt then says and
 * keeps. 0, or 70 when the variable is not understood. */
static int setup_faults(void)
{
#if SIRT_TEST_CLOCK
	const char *spec = getenv("SIRT_TEST_FAULT");
	struct fault_plan plan;

	if (!spec || !*spec)
		return 0;
	if (fault_parse(spec, &plan) != 0 || fault_install() != 0) {
		fprintf(stderr, "sirt: SIRT_TEST_FAULT=%s is not KIND:N[+] (io, write, full, nomem, stall or hash)\n", spec);
		return 70;
	}
	fault_arm(&plan);
	digest_chunk_hook_set(fault_hash_chunk);
#endif
	return 0;
}

/* sirt speaks UTF-8 whatever the locale; widths come from wcwidth().
 * Only the character type is taken from the environment: sirt's words
 * are English and its numbers and times are written one way (a decimal
 * comma from LC_NUMERIC has no place in an export), and loading every
 * other part of a locale cost each start a tenth of a millisecond. */
static void setup_locale(void)
{
	setlocale(LC_CTYPE, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 && !setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

struct options {
	const char *config;
	const char *db;
	bool read_only;
	bool help;
	bool version;
};

/* Takes the shared options out of argv, wherever they stand; returns the
 * number of arguments left (the subcommand and its own). The value of a
 * command's option is left to the command, whatever it is: the command
 * table says which options take one (--name --read-only is the command's
 * to refuse, not a read-only session). */
static int take_shared_options(int argc, char **argv, struct options *opt)
{
	const char *command = NULL;
	int out = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		/* -- ends the options; before the command it is dropped. */
		if (strcmp(a, "--") == 0) {
			i += out == 0;
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if ((strcmp(a, "--config") == 0 || strcmp(a, "--db") == 0) && i + 1 < argc) {
			*(a[2] == 'c' ? &opt->config : &opt->db) = argv[++i];
		} else if (str_starts_with(a, "--config=")) {
			opt->config = a + 9;
		} else if (str_starts_with(a, "--db=")) {
			opt->db = a + 5;
		} else if (strcmp(a, "--read-only") == 0) {
			opt->read_only = true;
		} else if ((strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) && out == 0) {
			/* Before a command: the usage; after one, that command's help. */
			opt->help = true;
		} else if ((strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) && out == 0) {
			opt->version = true;
		} else {
			if (out == 0)
				command = a;
			argv[out++] = argv[i];
			if (out > 1 && cli_takes_value(command, a) && i + 1 < argc)
				argv[out++] = argv[++i];
		}
	}
	return out;
}

enum db_source { DB_GIVEN, DB_CONFIGURED, DB_DEFAULT };

/* --db, $SIRT_DB, [store] path, else $XDG_DATA_HOME/sirt/sirt.db (its
 * default under the home directory, from the password database when
 * HOME is not set). NULL when there is no home to put it in. */
static char *locate_db(const struct options *opt, const struct config *config, enum db_source *source)
{
	const char *env = getenv("SIRT_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	char *home, *path;

	*source = DB_GIVEN;
	if (opt->db && *opt->db)
		return xstrdup(opt->db);
	if (env && *env)
		return xstrdup(env);
	*source = DB_CONFIGURED;
	if (config->store_path && *config->store_path)
		return xstrdup(config->store_path);
	*source = DB_DEFAULT;
	if (xdg && *xdg)
		return xasprintf("%s/sirt/sirt.db", xdg);
	if (!(home = identity_home()))
		return NULL;
	path = xasprintf("%s/.local/share/sirt/sirt.db", home);
	free(home);
	return path;
}

/* For completion (sirt __complete): the plan and the database as a
 * command would find them, given the line's --config and --db. Only
 * read: a plan that cannot be read is none, and nothing is said. */
static struct config *complete_plan(const char *config_option)
{
	struct diag_list diags = {0};
	struct config_layers layers = {0};
	struct config *config;

	config_locate(config_option, &layers);
	config = config_load_layers(&layers, &diags);
	config_layers_free(&layers);
	diag_list_free(&diags);
	return config;
}

/* The machine's database is read with sirt's group (the references
 * of an enforced database) as a session would open it: only as the
 * machine's own plan names it. */
static char *complete_db(const char *db_option, const struct config *config)
{
	struct options opt = {.db = db_option};
	enum db_source source;
	char *path = locate_db(&opt, config, &source), *why = NULL;

	if (privilege_held()) {
		if (path && source == DB_CONFIGURED && config && config_store_from_system(config) &&
		    !(why = config_untrusted(config)))
			store_grant(path);
		else
			privilege_drop();
		free(why);
	}
	return path;
}

/* Working out every incident's deadline and search text happens once
 * (a file from before, or the plan's deadlines changed) and can take a
 * while at tens of thousands of incidents: say how far it is, on a
 * terminal only, and only when there is much to do. */
static void rederive_progress(size_t done, size_t total, void *ctx)
{
	(void)ctx;
	if (total < 2000 || !isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\rsirt: indexing incidents for the list and search: %zu of %zu%s", done, total,
		done >= total ? "\n" : "");
	fflush(stderr);
}

/* The list's kept deadlines and search text, brought up to date for this
 * plan. Nothing here stops a session: what cannot be done is a warning,
 * and the next writable start tries again. */
static void keep_derived(struct session *session, void (*progress)(size_t done, size_t total, void *ctx), void *ctx)
{
	struct error err = {0};
	bool current = true;

	if (!session->read_only) {
		if (deadline_track_all(session->store, session->config, progress, ctx, &err))
			strlist_add_owned(&session->warnings,
					  xasprintf("the list's deadlines and search could not be brought up to date (%s); "
						    "the next start tries again", err.message));
		return;
	}
	if (deadline_track_current(session->store, session->config, &current, &err) == STATUS_OK && !current)
		strlist_add(&session->warnings, "the deadlines in the list were worked out under other deadline rules "
				"than this plan's: DUE and list --overdue may be out of date until sirt opens the "
				"database for writing");
}

/* The database sirt's group opens (store_grant): looked at with it. */
static const char *granted;

static int look(const char *path, struct stat *info)
{
	bool raised = granted && strcmp(path, granted) == 0 && privilege_raise() == 0;
	int rc = stat(path, info), why = errno;

	if (raised)
		privilege_lower();
	errno = why;
	return rc;
}

static bool missing(const char *path)
{
	struct stat info;

	return look(path, &info) != 0 && errno == ENOENT;
}

/* A file of no bytes: SQLite would take it for a new database. */
static bool empty(const char *path)
{
	struct stat info;

	return look(path, &info) == 0 && S_ISREG(info.st_mode) && info.st_size == 0;
}

static bool env_set(const char *name)
{
	const char *v = getenv(name);
	return v && *v;
}

/* sirt is setgid to a group, and path's directory is that group's: an
 * enforced database, reached otherwise than as the machine's
 * configuration names it, which sirt's group does not open. Why, in
 * words; NULL when that is not so. */
static char *not_this_way(const char *path, const char *ungranted)
{
	if (!privilege_guards(path))
		return NULL;
	if (ungranted)
		return xasprintf("sirt opens the enforced database %s with its group only when the machine's plan "
				 "is root's alone, but %s", path, ungranted);
	return xasprintf("%s is in the directory of an enforced database, which sirt opens only as the machine's "
			 "configuration (/etc/sirt) names it, with the plan that gives: leave out --db, SIRT_DB, "
			 "--config and SIRT_CONFIG", path);
}

/* An enforced database (sirt init --enforce) is worked only as the
 * machine's configuration names it (route: [store] path from /etc/sirt,
 * no --db, SIRT_DB, --config or SIRT_CONFIG) and only with the plan the
 * machine's layers give: roles, forms, procedures and deadlines that a
 * login's own layer changed would be that login's to choose. Any other
 * database opened with sirt's group is worked only by a login that
 * could open it without: a group's database (init without --enforce)
 * is its members', whatever group sirt is setgid to. */
static enum status enforce(struct session *session, bool route, struct error *err)
{
	char *group = NULL, *why;
	enum status st;

	if ((st = store_enforced(session->store, &group, err)))
		return st;
	if (!group && granted && access(session->db_path, session->read_only ? R_OK : R_OK | W_OK) != 0)
		return error_set(err, STATUS_PERMISSION,
				 "%s is not an enforced database but a group's (sirt init --shared without --enforce): "
				 "only the group's members work on it, and sirt's group opens only an enforced one "
				 "(an administrator adds you to the group, or runs sirt init --shared DIR --group GROUP "
				 "--enforce)", session->db_path);
	if (!group)
		return STATUS_OK;
	free(group);
	/* A copy (a backup) is read with any plan: nothing is written. */
	if (!route && session->read_only)
		return STATUS_OK;
	if (!route)
		return error_set(err, STATUS_PERMISSION,
				 "%s is an enforced database: sirt works on it only as the machine's configuration "
				 "(/etc/sirt) names it, and only with the plan that gives (leave out --db, SIRT_DB, "
				 "--config and SIRT_CONFIG; a copy, a backup, is read with --read-only)",
				 session->db_path);
	if ((why = enforced_refusal(session->config, &session->who, session->db_path))) {
		st = error_set(err, STATUS_PERMISSION, "%s", why);
		free(why);
		return st;
	}
	session->enforced = true;
	return STATUS_OK;
}

static void print_diags(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->len; i++) {
		char *line = diag_format(&diags->items[i]);
		char *safe = sanitize(line, 0);
		fprintf(stderr, "%s\n", safe);
		free(safe);
		free(line);
	}
}

/* The plan's problems, said; 78 to exit with. */
static int plan_failed(struct diag_list *diags)
{
	print_diags(diags);
	cli_error("the plan's configuration has %zu problem%s (fix %s, then run: sirt check)", diags->len,
		  diags->len == 1 ? "" : "s", diags->len == 1 ? "it" : "them");
	diag_list_free(diags);
	return 78;
}

/* The files the plan names (forms, procedures, the restoration list)
 * are most of its reading, and neither opening the database nor
 * starting the screen needs them: they are read on a second thread
 * meanwhile, which shows the first screen about a millisecond sooner, a
 * fifth of the time it took. A plan found wrong there ends sirt with 78
 * and its problems before anything is written to the database or shown
 * (store_open_gated waits for it when opening would write, a command
 * before it runs, the screen before its first page: screen_ready), and
 * a new database is made only once the whole plan is known to be right.
 * Until the thread is joined, the main thread reads only what the
 * plan's layers gave (paths, roles, the settings, which neither thread
 * changes) and nothing else uses iniparser. */
struct plan_rest {
	struct config *config;
	struct diag_list diags;
	pthread_t thread;
	cpu_set_t cpus;		/* the CPUs this process may run on */
	bool steered;		/* created on cpus less the creator's: cpus put back */
	bool running, finished, ok;
};

static void *read_plan_rest(void *arg)
{
	struct plan_rest *r = arg;

	/* Started where it should: from now on wherever the system likes. */
	if (r->steered)
		pthread_setaffinity_np(pthread_self(), sizeof(r->cpus), &r->cpus);
	r->ok = config_load_rest(r->config, &r->diags);
	return NULL;
}

/* Left to itself, Linux often starts a new thread on its creator's CPU,
 * where the two take turns while another CPU idles: the thread starts
 * on another CPU than this one, when there is one, and then lets go.
 * It takes no signals (the screen's handlers are the main thread's),
 * so that none breaks off its reading. */
static void plan_start(struct plan_rest *r, struct config *config)
{
	pthread_attr_t attr;
	cpu_set_t others;
	sigset_t all, before;
	int here = sched_getcpu();
	bool have_attr = false;

	r->config = config;
	if (here >= 0 && here < CPU_SETSIZE && sched_getaffinity(0, sizeof(r->cpus), &r->cpus) == 0 &&
	    CPU_ISSET(here, &r->cpus) && CPU_COUNT(&r->cpus) > 1 && pthread_attr_init(&attr) == 0) {
		have_attr = true;
		others = r->cpus;
		CPU_CLR(here, &others);
		r->steered = pthread_attr_setaffinity_np(&attr, sizeof(others), &others) == 0;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &before);
	r->running = r->steered && pthread_create(&r->thread, &attr, read_plan_rest, r) == 0;
	if (!r->running) {
		r->steered = false;	/* the other CPUs may have gone meanwhile */
		r->running = pthread_create(&r->thread, NULL, read_plan_rest, r) == 0;
	}
	pthread_sigmask(SIG_SETMASK, &before, NULL);
	if (have_attr)
		pthread_attr_destroy(&attr);
	if (!r->running)
		read_plan_rest(r);	/* no thread to be had: now, then */
}

/* Waits for the rest of the plan: whether it is right. Also what
 * store_open_gated asks before it changes the file. */
static bool plan_whole(void *arg)
{
	struct plan_rest *r = arg;

	if (r->running)
		pthread_join(r->thread, NULL);
	r->running = false;
	return r->ok;
}

/* plan_whole, then 0, or 78 with the plan's problems said and the
 * session's config gone. Once; again it answers the same. */
static int plan_finish(struct plan_rest *r, struct session *session)
{
	if (r->finished)
		return r->ok ? 0 : 78;
	r->finished = true;
	if (plan_whole(r))
		return 0;
	config_free(&session->config);
	return plan_failed(&r->diags);
}

/* session.ready for the screen: the plan whole, then the list kept up
 * to date under it, as a command has it before it runs. */
static bool screen_ready(struct session *session, void (*progress)(size_t done, size_t total, void *ctx), void *ctx)
{
	if (!plan_whole(session->ready_ctx))
		return false;
	keep_derived(session, progress, ctx);
	return true;
}

/* What each row of the audit trail records of this session: the
 * configuration's files and their hash, and the mode. A schema not
 * sirt's own is said from the start: nothing will be written. */
static void note_provenance(struct session *session)
{
	const struct schema_problems *schema = store_schema_problems(session->store);
	char hex[SHA256_HEX_SIZE], *paths;

	config_identity(session->config, &paths, hex);
	store_set_provenance(session->store, paths, hex, session->enforced);
	free(paths);
	if (schema->len) {
		char *what = schema_problems_text(schema);

		strlist_add_owned(&session->warnings,
				  xasprintf("%s holds a schema that is not sirt's own (%s): sirt reads it but writes "
					    "nothing to it until a lead runs sirt audit repair-schema", session->db_path,
					    what));
		free(what);
	}
}

/* Standard output is a pipe whose reader has gone: the error a failed
 * write left may be long gone from errno. */
static bool reader_gone(void)
{
	struct pollfd out = {.fd = STDOUT_FILENO, .events = 0};

	return poll(&out, 1, 0) == 1 && (out.revents & POLLERR);
}

/* What sirt prints is its result (a command's, its help, its version):
 * output that could not be written (a full disk) is a failure, 74. A
 * reader that went away (sirt list | head) is not. */
static int output_written(int code)
{
	errno = 0;
	if ((fflush(stdout) != 0 || ferror(stdout)) && code == 0 && errno != EPIPE && !reader_gone()) {
		cli_error("cannot write the output%s%s (free some space, or send it elsewhere)", errno ? ": " : "",
			  errno ? strerror(errno) : "");
		return 74;
	}
	return code;
}

int main(int argc, char **argv)
{
	struct options opt = {0};
	struct session session = {0};
	struct diag_list diags = {0};
	struct plan_rest plan = {0};
	struct error err = {0};
	struct cli_args *args = NULL;
	enum status held = STATUS_OK;	/* the database's answer, said after the plan's */
	const char *command = "";
	struct config_layers layers;
	char *db_problem = NULL;	/* what is wrong with the database's place, said after the plan's */
	char *role_said = NULL;		/* why this login only reads */
	bool reviewer, reads, none_yet, route = false;
	char *ungranted = NULL;		/* why the group did not open the machine's database */
	enum db_source db_source;
	int rest, code;

	/* Run setgid to an enforced database's group: the group set aside
	 * before anything else happens (sirt/privilege.h). */
	privilege_setup();
	setup_locale();
	if ((code = setup_faults()) != 0)
		return code;
	/* A shell's TAB (completion/): it reads the words itself, and
	 * changes nothing. */
	if (argc > 1 && strcmp(argv[1], "__complete") == 0)
		return cli_complete(argc - 2, argv + 2, &(struct cli_places){complete_plan, complete_db});
	/* The user's umask is kept: a personal database and its directory
	 * are made 0600 and 0700, less what it takes away; a shared place
	 * gets the group's modes from sirt init --shared (store/place.c). */
	rest = take_shared_options(argc - 1, argv + 1, &opt);
	argv++;
	/* sirt's group opens only the database the machine's configuration
	 * names, as it names it: given another file or plan, it is given up. */
	if ((opt.db && *opt.db) || (opt.config && *opt.config) || env_set("SIRT_DB") || env_set("SIRT_CONFIG"))
		privilege_drop();
	if (opt.version) {
		printf("sirt %s\n", SIRT_VERSION);
		return output_written(0);
	}
	if (opt.help) {
		cli_usage(stdout);
		return output_written(0);
	}
	/* A mistyped command or option is said before any file is read,
	 * and opens no database. */
	if (rest > 0 && (code = cli_parse(rest, argv, &args)) != 0)
		return code;
	if (args)
		command = cli_command_name(args);
	/* Only a session on the database needs the group. */
	if (opt.help || opt.version ||
	    (args && (strcmp(command, "help") == 0 || strcmp(command, "completion") == 0 ||
		      strcmp(command, "init") == 0 || strcmp(command, "check") == 0 || strcmp(command, "config") == 0)))
		privilege_drop();
	if (args && (cli_asks_help(args) || strcmp(command, "help") == 0)) {
		code = output_written(cli_help(args));
		cli_args_free(&args);
		return code;
	}
	/* Needs neither a plan nor a database. */
	if (strcmp(command, "completion") == 0) {
		code = cli_completion(args);
		cli_args_free(&args);
		return code;
	}
	/* Run by an administrator before any plan is configured. */
	if (strcmp(command, "init") == 0) {
		if (opt.db || opt.config || opt.read_only) {
			cli_error("init makes DIR/sirt.db and needs no configuration: leave out --db, --config and "
				  "--read-only (see sirt help init)");
			code = 64;
		} else {
			code = output_written(cli_init(args));
		}
		cli_args_free(&args);
		return code;
	}
	config_locate(opt.config, &layers);
	if (strcmp(command, "check") == 0 || strcmp(command, "config") == 0) {
		code = output_written(strcmp(command, "check") == 0 ? cli_check(&layers, args) : cli_config(&layers, args));
		config_layers_free(&layers);
		cli_args_free(&args);
		return code;
	}

	session.config = config_load_plan(&layers, &diags);
	config_layers_free(&layers);
	if (!session.config) {
		cli_args_free(&args);
		return plan_failed(&diags);
	}
	/* Times are shown and read in the plan's zone, unless TZ says. */
	calendar_adopt_zone(&session.config->calendar);
	plan_start(&plan, session.config);
	/* The screen needs a terminal to read keys from and draw on; it is
	 * refused before any database is made or opened. A wrong plan is
	 * said first, as when the screen cannot start for another reason. */
	if (rest == 0 && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		if (!(code = plan_finish(&plan, &session))) {
			cli_error("the full-screen program needs a terminal, and standard %s is not one: run sirt on a "
				  "terminal, or use a command (sirt --help lists them)",
				  isatty(STDIN_FILENO) ? "output" : "input");
			code = 64;
		}
		config_free(&session.config);
		return code;
	}
	identity_current(&session.who);
	/* A reviewer reads; the database is opened so that nothing else is
	 * possible, whatever a screen or command would offer. */
	reviewer = only_reviews(session.config, &session.who);
	session.read_only = opt.read_only || reviewer;
	if (reviewer && !opt.read_only) {
		role_said = roles_said(session.config, &session.who);
		session.notice = xasprintf("Read-only: %s.", role_said);
	}
	session.db_path = locate_db(&opt, session.config, &db_source);
	if (!session.db_path) {
		if (!(code = plan_finish(&plan, &session))) {
			cli_error("HOME is not set and uid %u has no home directory in the password database: set "
				  "HOME, or give the database with --db FILE", session.who.uid);
			code = 73;
		}
		cli_args_free(&args);
		config_free(&session.config);
		free(session.notice);
		free(role_said);
		return code;
	}
	/* The machine's database, opened with sirt's group when sirt runs
	 * setgid: only as the machine's layers name it, and only once the
	 * whole plan is read (with the operator's own rights) and found to
	 * be root's alone. Otherwise the group is given up before anything
	 * is opened. */
	route = db_source == DB_CONFIGURED && config_store_from_system(session.config);
	if (privilege_held()) {
		if (route) {
			plan_whole(&plan);
			if (session.config)
				ungranted = config_untrusted(session.config);
		}
		if (route && !ungranted)
			store_grant(granted = session.db_path);
		else
			privilege_drop();
	}
	/* A layer of the login's own that moves the database away from the
	 * system's is said first, by the screen and by every command. */
	if (db_source != DB_GIVEN && session.config->store_elsewhere) {
		session.other_database = true;
		strlist_add(&session.warnings, session.config->store_elsewhere);
	}
	reads = args && cli_reads_only(args);
	/* A command that only reads opens the file read-only when this login
	 * may not write it. */
	if (reads && access(session.db_path, F_OK) == 0 && access(session.db_path, W_OK) != 0)
		session.read_only = true;
	/* A new file is made only for a plan known to be whole. */
	if (missing(session.db_path) || empty(session.db_path))
		code = plan_finish(&plan, &session);
	/* A command that only reads makes nothing, not even the directories
	 * of the default database; one that records makes them, its owner's
	 * alone (0700 less what the umask takes away, as XDG says). */
	none_yet = reads && db_source == DB_DEFAULT && missing(session.db_path);
	if (code) {
		/* said */
	} else if (db_source == DB_DEFAULT && !reads && file_make_parents(session.db_path, 0700) != 0) {
		db_problem = xasprintf("cannot create the directory for %s: %s (set another place with --db FILE)",
				       session.db_path, strerror(errno));
		code = 73;
	} else if (!granted && (db_problem = not_this_way(session.db_path, ungranted))) {
		code = 77;
	} else if (!none_yet && !granted &&
		   (held = store_check_place(session.db_path, session.read_only, true, &session.warnings, &err))) {
		/* said below */
	} else if (missing(session.db_path) && (reads || db_source == DB_CONFIGURED)) {
		/* No new empty database on a typo; and the team's database is
		 * made by an administrator, not by whoever comes first. */
		if (reads)
			db_problem = xasprintf("there is no database at %s: nothing has been recorded there (check --db, "
					       "SIRT_DB or [store] path; the first command that records something makes it)",
					       session.db_path);
		else
			db_problem = xasprintf("there is no database at %s, the [store] path of %s: an administrator "
					       "makes it with sirt init --shared DIR --group GROUP (or correct the path)",
					       session.db_path, config_section_file(session.config, "store"));
		code = 66;
	} else if (empty(session.db_path) && (reads || db_source == DB_CONFIGURED)) {
		/* Not made a new database by a command that only reads, nor as
		 * the team's: a database cut to nothing looks the same. */
		db_problem = xasprintf("%s is empty: nothing is recorded there, or it was cut to nothing (restore the "
				       "last backup made with sirt backup; an administrator makes a team's database "
				       "with sirt init)", session.db_path);
		code = 66;
	} else {
		held = store_open_gated(session.db_path, session.read_only, plan_whole, &plan, &session.store, &err);
		if (!held && (held = enforce(&session, route, &err)))
			store_close(&session.store);
	}
	/* The plan's problems before anything the database would say, and
	 * who this login is (why the session is read-only) before the
	 * database's place. The screen starts before the plan is whole,
	 * and waits for it only before it shows anything (screen_ready):
	 * by then it is. */
	if ((code || held || rest > 0) && plan_finish(&plan, &session)) {
		code = 78;
	} else if (held || db_problem) {
		if (role_said && !reads)
			cli_error("%s", role_said);
		if (session.other_database)
			cli_error("warning: %s", session.config->store_elsewhere);
		cli_error("%s", db_problem ? db_problem : err.message);
		if (held)
			code = status_exit_code(err.status);
	} else if (!code && rest > 0) {
		note_provenance(&session);
		keep_derived(&session, rederive_progress, NULL);
	}
	if (!code && !held && !db_problem && rest == 0 && session.store)
		note_provenance(&session);
	if (code || !session.store) {
		/* said above */
	} else if (rest == 0) {
		/* The screen shows the warnings; a command says them first. */
		session.ready = screen_ready;
		session.ready_ctx = &plan;
		code = tui_run(&session);
		/* A wrong plan, said now the terminal is back (or was never
		 * taken: the plan comes before a terminal sirt cannot use). */
		if (plan_finish(&plan, &session))
			code = 78;
	} else {
		for (size_t i = 0; i < session.warnings.len; i++)
			cli_error("warning: %s", session.warnings.items[i]);
		code = output_written(cli_run(&session, args));
	}
	cli_args_free(&args);
	store_close(&session.store);
	config_free(&session.config);
	free(session.db_path);
	strlist_free(&session.warnings);
	free(session.notice);
	free(db_problem);
	free(ungranted);
	free(role_said);
	return code;
}
