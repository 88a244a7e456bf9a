/* The subcommands: the same work as the TUI, without a screen, for
 * scripts, alerting systems and reviewing over SSH. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "output.h"
#include "sirt/calls.h"
#include "sirt/changes.h"
#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/deadline.h"
#include "sirt/digest.h"
#include "sirt/evidence.h"
#include "sirt/form.h"
#include "sirt/formdef.h"
#include "sirt/identity.h"
#include "sirt/incident.h"
#include "sirt/ini.h"
#include "sirt/investigation.h"
#include "sirt/mem.h"
#include "sirt/status.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/roles.h"
#include "sirt/sanitize.h"
#include "sirt/session.h"

void cli_error(const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	char *safe;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	safe = sanitize(strbuf_str(&sb), 0);
	fprintf(stderr, "sirt: %s\n", safe);
	free(safe);
	strbuf_free(&sb);
}

struct command {
	const char *name;
	const char *synopsis;
	const char *help;
	int (*run)(struct session *s, int argc, char **argv);
	enum capability needs;	/* the role it needs (R4), checked before run */
	const char *doing;	/* for the refusal: "logging a call" */
};

static int cmd_list(struct session *s, int argc, char **argv);
static int cmd_show(struct session *s, int argc, char **argv);
static int cmd_new(struct session *s, int argc, char **argv);
static int cmd_call(struct session *s, int argc, char **argv);
static int cmd_change(struct session *s, int argc, char **argv);
static int cmd_note(struct session *s, int argc, char **argv);
static int cmd_evidence(struct session *s, int argc, char **argv);
static int cmd_custody(struct session *s, int argc, char **argv);
static int cmd_deadlines(struct session *s, int argc, char **argv);
static int cmd_deadline(struct session *s, int argc, char **argv);
static int cmd_witness(struct session *s, int argc, char **argv);

static const struct command commands[] = {
	{"list", "list [--all] [--overdue] [--format table|json|csv]",
	 "List the open incidents, newest first; --all includes closed ones;\n"
	 "--overdue only those with a deadline overdue, and exits 1 if there is any.", cmd_list},
	{"show", "show REF [--format text|json]",
	 "Show everything recorded about one incident; JSON carries every stored field by its key.", cmd_show},
	{"new", "new --set FIELD=VALUE ... [--format text|json]",
	 "Log a new incident from intake form fields (for scripts and alerting systems);\n"
	 "prints its reference. The fields are those of forms/intake.ini; the sample's\n"
	 "are caller_name, call_time, caller_contact, nature, involved, location,\n"
	 "detected_how, first_noticed and title. Times accept now, 14:05,\n"
	 "2026-11-22 14:05, -30m, -2h, -3d, -45s and 2026-11-22T14:05:00Z (UTC);\n"
	 "call_time defaults to now.", cmd_new,
	 CAN_LOG, "logging a new incident"},
	{"call", "call REF CONTACT --outcome reached|no-answer|message|wrong-number [--note TEXT] [--format text|json]",
	 "Log an escalation call to CONTACT (an id of the config's [contact.ID]\n"
	 "sections) with its outcome, and print what was recorded.", cmd_call,
	 CAN_LOG, "logging a call"},
	{"change", "change propose REF TEXT [--why TEXT] | change approve|reject REF N --reason TEXT [--format text|json]",
	 "Propose a change to prevent a recurrence (R14), or approve or reject change N\n"
	 "of an incident (R15). Approving and rejecting need the management role\n"
	 "([roles] managers in the config); anyone else gets exit status 77.", cmd_change},
	{"note", "note REF --kind KIND TEXT [--witness N] [--format text|json]",
	 "Record a forensic finding (R13). KIND is log-review, log-gap, ids,\n"
	 "cloud-audit, interview or other; --witness links an interview to witness N.", cmd_note,
	 CAN_RESPOND, "recording a finding"},
	{"witness", "witness add REF --name NAME [--contact TEXT] [--statement TEXT] [--interviewed-by NAME]"
		    " [--interviewed-at TIME] [--format text|json]",
	 "Add a witness to the incident's list of witnesses; prints its number. With a\n"
	 "statement, who took it and when default to you and now.", cmd_witness,
	 CAN_RESPOND, "adding a witness"},
	{"evidence", "evidence add REF [--file PATH | --stdin] --description TEXT [--kind KIND] [--location TEXT]"
		     " [--corrects N] | evidence verify REF [N] [--format text|json]",
	 "Add an item to the evidence register (with or without a file), KIND being\n"
	 "log-copy, email, disk-image, memory-image, network-capture, document,\n"
	 "photo, note or other (the default). sirt computes the SHA-256 of the file\n"
	 "(streamed: a disk image of many GB works; progress on a terminal) and\n"
	 "keeps its absolute path. --corrects N adds it as a correction of item N:\n"
	 "items are never edited. verify recomputes the hash of each item read from\n"
	 "a file (or of item N), records the result and exits 65 on any mismatch or\n"
	 "missing file.", cmd_evidence,
	 CAN_RESPOND, "working the evidence register"},
	{"custody", "custody REF N --to NAME --purpose TEXT [--location TEXT] [--format text|json]",
	 "Record a hand-over of evidence item N from its current holder to NAME.", cmd_custody,
	 CAN_RESPOND, "recording a hand-over"},
	{"deadlines", "deadlines [--all] [--format table|json]",
	 "The deadlines of the open incidents, and those of closed incidents that\n"
	 "were never met (--all: every deadline of every incident), the most pressing\n"
	 "first: who must be told, by when, and how that stands. Exits 1 when one is\n"
	 "overdue, so that a cron job can raise an alarm.", cmd_deadlines},
	{"deadline", "deadline met REF RULE --how HOW [--party NAME] [--reference TEXT] [--format text|json]",
	 "Record that a deadline's party was told: HOW is email, phone, portal,\n"
	 "letter, in-person or other. --party names the customer of a per-customer\n"
	 "deadline.", cmd_deadline,
	 CAN_RESPOND, "recording a deadline met"},
	{"set", "set REF FORM FIELD=VALUE ... [--note FIELD=TEXT] [--format text|json]",
	 "Save fields of a form of an incident: FORM is intake, lead, triage, report\n"
	 "or review (the fields are those of its file in forms/). Values are checked as\n"
	 "the form on screen checks them; --note sets the note of a field that has one.\n"
	 "Saving the triage moves a new incident to triage, the review to review.", cmd_set},
	{"category", "category REF KEY [--note TEXT]",
	 "Put the incident in a category, by its key in the config's [categories]\n"
	 "(the highest that applies, R9).", cmd_category,
	 CAN_RESPOND, "choosing a category"},
	{"procedure", "procedure REF KEY",
	 "Choose the procedure to follow, by its file name (see sirt check), or none\n"
	 "when no procedure applies. Its steps are then worked with sirt step.", cmd_procedure,
	 CAN_RESPOND, "choosing a procedure"},
	{"step", "step REF STEP done|skipped|na|open [--note TEXT] [--if-version N]",
	 "Mark a step of the incident's procedure, or of the restoration list (its keys\n"
	 "begin with restoration.), as sirt show lists them. A skipped step needs --note\n"
	 "with the reason; a step that carries out a change waits for an approved one.\n"
	 "--if-version N marks it only if it is still at version N (as sirt show --format\n"
	 "json gives it; 0: not marked yet): if someone marked it since, nothing is\n"
	 "written and sirt exits 65 naming who and when.", cmd_step,
	 CAN_RESPOND, "working a step"},
	{"cost", "cost add REF --kind damage|containment --amount N --description TEXT [--currency CUR] [--estimate]"
		 " | cost withdraw REF N --reason TEXT | cost list REF",
	 "Record the damage to the organisation and the cost of containment (R23), a line\n"
	 "at a time: an amount such as 12500 or 12,500.50 in the plan's currency (or\n"
	 "--currency EUR), --estimate while it is not the actual figure. A wrong line is\n"
	 "withdrawn with a reason, never edited. Prints the lines and totals per currency.", cmd_cost,
	 CAN_RESPOND, "recording damage and cost"},
	{"report", "report REF [--format md|text|json] [--customer NAME] [--output FILE [--force]]",
	 "Write the incident report (R18): how it was discovered, its category, how it\n"
	 "occurred, where it came from, the response plan, what was done and whether it\n"
	 "was effective; a field of the report form not saved yet is pre-filled from the\n"
	 "record. --customer writes the report for one affected customer (R19): what\n"
	 "may have been disclosed of theirs, without other customers' names. --output\n"
	 "writes it to FILE (mode 0600; .json JSON, .txt text, else Markdown unless\n"
	 "--format says) instead of standard output; an existing FILE is replaced only\n"
	 "with --force.", cmd_report},
	{"close", "close REF [--reason TEXT]",
	 "Close an incident. The post-incident review must be answered (exit 65 and a\n"
	 "list if not); steps not worked, parties not told or changes not decided are\n"
	 "listed, and closing anyway needs --reason, which goes on the timeline.", cmd_close,
	 CAN_LEAD, "closing an incident"},
	{"reopen", "reopen REF --reason TEXT",
	 "Reopen a closed incident; it goes back to the status its work gives.", cmd_reopen,
	 CAN_LEAD, "reopening an incident"},
	{"export", "export [--output FILE]",
	 "Write every incident with everything recorded about it as JSON, read in one\n"
	 "transaction while others work; --output writes FILE (mode 0600, not over an\n"
	 "existing file).", cmd_export},
	{"import", "import FILE",
	 "Load an export into this database (FILE - reads standard input). An incident\n"
	 "whose reference is new here is added with all its records; one here at the\n"
	 "same version is left alone, so importing twice changes nothing; one here at\n"
	 "another version is a conflict, reported and left as it is. Exit 65 if any.", cmd_import,
	 CAN_LEAD, "importing incidents"},
	{"backup", "backup FILE",
	 "Copy the database to FILE (which must not exist) while others work, then\n"
	 "check the copy: its integrity and its audit chain.", cmd_backup},
	{"audit", "audit verify [--head HASH] | audit head",
	 "The audit trail: every change to the database, who made it and when, each\n"
	 "row chained to the one before by SHA-256. verify recomputes the chain and\n"
	 "names the first row where it breaks (exit 65); head prints the last hash, to\n"
	 "keep somewhere else (a ticket, a mail, a log server): verify --head HASH then\n"
	 "also catches a trail cut short or rewritten whole.", cmd_audit},
	{"init", "init --shared DIR --group GROUP",
	 "Set up a database for a team sharing one machine (for an administrator,\n"
	 "usually as root): makes DIR with mode 2770 (group GROUP, setgid so that every\n"
	 "file in it gets the group, never sticky) and DIR/sirt.db with mode 0660, or\n"
	 "puts right the modes of those already there (a sirt database there is kept\n"
	 "and brought up to date; a file that is not sirt's is left alone, exit 65).\n"
	 "Prints the lines to put in /etc/sirt/sirt.ini on standard output and what to\n"
	 "do next on standard error. Needs no configuration.", NULL},
	{"check", "check",
	 "Check the configuration, forms and procedures; print every problem as\n"
	 "file:line: message and exit 78 if there is any.", NULL},
	{"help", "help [COMMAND]", "Show help for a command.", NULL},
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

void cli_usage(FILE *out)
{
	fputs("usage: sirt [--config FILE] [--db FILE] [--read-only]      the full-screen program\n", out);
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "       sirt %s\n", commands[i].synopsis);
	fputs("       sirt --help | --version\n\n"
	      "sirt tracks security incidents through an organisation's response plan:\n"
	      "intake, triage, category, procedure steps. See sirt(1).\n\n"
	      "Files: the config is --config FILE, $SIRT_CONFIG, $XDG_CONFIG_HOME/sirt/sirt.ini,\n"
	      "/etc/sirt/sirt.ini or the built-in sample plan; the database is --db FILE,\n"
	      "$SIRT_DB, the config's [store] path or $XDG_DATA_HOME/sirt/sirt.db.\n", out);
}

int cli_help(const char *name)
{
	if (!name) {
		cli_usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < COMMAND_COUNT; i++) {
		if (strcmp(commands[i].name, name) == 0) {
			printf("usage: sirt %s\n\n%s\n", commands[i].synopsis, commands[i].help);
			return 0;
		}
	}
	cli_error("there is no command \"%s\" (see sirt --help)", name);
	return 64;
}

int usage_error(const char *command, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	cli_error("%s (see sirt help %s)", strbuf_str(&sb), command);
	strbuf_free(&sb);
	return 64;
}

int take_format(const char *command, int argc, char **argv, int *i, const char *const allowed[],
		       const char **format)
{
	const char *value = NULL;

	if (strcmp(argv[*i], "--format") == 0) {
		if (*i + 1 >= argc)
			return usage_error(command, "--format needs a value");
		value = argv[++*i];
	} else {
		value = argv[*i] + strlen("--format=");
	}
	for (size_t k = 0; allowed[k]; k++) {
		if (strcmp(allowed[k], value) == 0) {
			*format = allowed[k];
			return 0;
		}
	}
	return usage_error(command, "unknown format \"%s\"", value);
}

bool is_format(const char *arg)
{
	return strcmp(arg, "--format") == 0 || str_starts_with(arg, "--format=");
}

/* The deadlines of every listed incident, at now. */
struct incident_deadlines {
	struct incident *incident;
	struct deadline_list deadlines;
	struct deadline_met_list met;
};

static enum status all_deadlines(struct session *s, const struct incident_list *list,
				 struct incident_deadlines **out, struct error *err)
{
	struct incident_deadlines *all = xcalloc(list->len ? list->len : 1, sizeof(*all));
	time_t now = session_now();

	for (size_t i = 0; i < list->len; i++) {
		all[i].incident = &list->items[i];
		if (incident_deadlines(s->store, s->config, &list->items[i], now, &all[i].deadlines, &all[i].met, err)) {
			for (size_t k = 0; k <= i; k++) {
				deadline_list_free(&all[k].deadlines);
				deadline_met_list_free(&all[k].met);
			}
			free(all);
			return err->status;
		}
	}
	*out = all;
	return STATUS_OK;
}

static void free_all_deadlines(struct incident_deadlines *all, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		deadline_list_free(&all[i].deadlines);
		deadline_met_list_free(&all[i].met);
	}
	free(all);
}

struct list_run {
	struct list_output out;
	bool only_overdue;
	time_t now;
};

static void list_one(const struct listed *row, void *ctx)
{
	struct list_run *run = ctx;

	/* Overdue: the most pressing deadline not met is past (kept by
	 * every write, see store_due_set). */
	if (!run->only_overdue || (row->due_open && row->due <= run->now))
		output_list_row(&run->out, &row->incident);
}

static int cmd_list(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"table", "json", "csv", NULL};
	const char *format = "table";
	struct list_run run = {.now = session_now()};
	struct error err = {0};
	bool all = false;
	int ref_bytes = 0;
	enum status st;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--all") == 0)
			all = true;
		else if (strcmp(argv[i], "--overdue") == 0)
			run.only_overdue = true;
		else if (is_format(argv[i])) {
			if (take_format("list", argc, argv, &i, formats, &format))
				return 64;
		} else
			return usage_error("list", "unexpected argument \"%s\"", argv[i]);
	}
	if (strcmp(format, "table") == 0 && store_longest_ref(s->store, &ref_bytes, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	output_list_begin(&run.out, stdout, strcmp(format, "json") == 0 ? LIST_JSON :
			  strcmp(format, "csv") == 0 ? LIST_CSV : LIST_TABLE, isatty(STDOUT_FILENO), run.now, ref_bytes);
	st = store_incident_each(s->store, all, run.now, list_one, &run, &err);
	output_list_end(&run.out);
	if (st) {
		cli_error("%s", err.message);
		return status_exit_code(st);
	}
	return run.only_overdue && run.out.rows ? 1 : 0;
}

int show_incident(struct session *s, const char *ref, const char *format)
{
	struct incident in;
	struct error err = {0};
	enum status st = store_incident_get(s->store, ref, &in, &err);

	if (!st)
		st = strcmp(format, "json") == 0 ? output_show_json(stdout, s, &in, &err) :
						   output_show_text(stdout, s, &in, &err);
	incident_clear(&in);
	if (st) {
		cli_error("%s", err.message);
		return status_exit_code(st);
	}
	return 0;
}

static int cmd_show(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *format = "text", *ref = NULL;

	for (int i = 1; i < argc; i++) {
		if (is_format(argv[i])) {
			if (take_format("show", argc, argv, &i, formats, &format))
				return 64;
		} else if (argv[i][0] == '-' || ref) {
			return usage_error("show", "unexpected argument \"%s\"", argv[i]);
		} else {
			ref = argv[i];
		}
	}
	if (!ref)
		return usage_error("show", "which incident? give its reference, e.g. sirt show IR-2026-0001");
	return show_incident(s, ref, format);
}

static int cmd_new(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const struct form_def *intake = s->config->intake;
	const char *format = "text";
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct incident in = {0};
	struct error err = {0};
	int code = 0;

	for (int i = 1; i < argc && code == 0; i++) {
		if (is_format(argv[i])) {
			if (take_format("new", argc, argv, &i, formats, &format))
				code = 64;
		} else if ((strcmp(argv[i], "--set") == 0 && i + 1 < argc) || str_starts_with(argv[i], "--set=")) {
			char *key = xstrdup(argv[i][5] == '=' ? argv[i] + 6 : argv[++i]);
			char *eq = strchr(key, '=');

			if (!eq) {
				code = usage_error("new", "--set needs FIELD=VALUE, not \"%s\"", key);
			} else {
				*eq = '\0';
				if (!form_def_field(intake, key)) {
					code = unknown_field("new", intake, key);
				} else if (field_list_find(&typed, intake->key, key)) {
					code = usage_error("new", "--set %s is given twice; give each field once", key);
				} else {
					field_list_set(&typed, intake->key, key, eq + 1, "");
				}
			}
			free(key);
		} else {
			code = usage_error("new", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (code == 0 && incident_create(s->store, s->config, &s->who, session_now(), &typed, &in, &problems, &err)) {
		if (problems.len) {
			for (size_t i = 0; i < problems.len; i++) {
				const struct field_def *f = form_def_field(intake, problems.items[i].key);
				cli_error("cannot log the incident: %s %s (set it with --set %s=...)", f->label,
					  problems.items[i].message, f->key);
			}
		} else {
			cli_error("cannot log the incident: %s", err.message);
		}
		code = status_exit_code(err.status);
	} else if (code == 0) {
		if (strcmp(format, "json") == 0)
			code = show_incident(s, in.ref, "json");
		else
			printf("%s\n", in.ref);
	}
	incident_clear(&in);
	form_problems_free(&problems);
	field_list_free(&typed);
	return code;
}

int unknown_field(const char *command, const struct form_def *form, const char *key)
{
	struct strbuf names = {0};
	int code;

	for (size_t k = 0; k < form->nfields; k++)
		strbuf_printf(&names, "%s%s", k ? ", " : "", form->fields[k].key);
	code = usage_error(command, "the %s form has no field \"%s\" (fields: %s)", form->key, key, strbuf_str(&names));
	strbuf_free(&names);
	return code;
}

int64_t parse_number(const char *text)
{
	char *end;
	long long n = strtoll(text ? text : "", &end, 10);

	return text && *text && !*end && n > 0 ? n : 0;
}

const char *option_value(const char *command, const char *name, int argc, char **argv, int *i, int *code)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*code = usage_error(command, "%s needs a value", name);
		return NULL;
	}
	return argv[++*i];
}

static int cmd_call(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *format = "text", *ref = NULL, *contact = NULL, *outcome = NULL, *note = "", *v;
	struct incident in = {0};
	struct call_list calls = {0};
	struct error err = {0};
	int64_t id = 0;
	int code = 0;

	for (int i = 1; i < argc && code == 0; i++) {
		if (is_format(argv[i])) {
			if (take_format("call", argc, argv, &i, formats, &format))
				code = 64;
		} else if ((v = option_value("call", "--outcome", argc, argv, &i, &code))) {
			outcome = v;
		} else if ((v = option_value("call", "--note", argc, argv, &i, &code))) {
			note = v;
		} else if (code == 0 && argv[i][0] != '-' && !ref) {
			ref = argv[i];
		} else if (code == 0 && argv[i][0] != '-' && !contact) {
			contact = argv[i];
		} else if (code == 0) {
			code = usage_error("call", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (code)
		return code;
	if (!ref || !contact || !outcome)
		return usage_error("call", "give the incident, the contact and --outcome, e.g. sirt call IR-2026-0001 lead "
				   "--outcome no-answer");
	if (!call_outcome_label(outcome))
		return usage_error("call", "--outcome is %s, not \"%s\"", call_outcome_names(), outcome);
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_log_call(s->store, s->config, &in, contact, outcome, note, &s->who, session_now(), &id, &err) ||
	    store_calls_get(s->store, in.id, &calls, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	/* The call recorded here, not whichever another operator added last. */
	for (size_t i = 0; i < calls.len; i++)
		if (calls.items[i].id == id)
			output_call(stdout, &in, &calls.items[i], strcmp(format, "json") == 0);
	call_list_free(&calls);
	incident_clear(&in);
	return 0;
}

static int cmd_change(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *format = "text", *verb = NULL, *ref = NULL, *arg = NULL, *why = "", *reason = NULL, *v;
	struct incident in = {0};
	struct change_list changes = {0};
	struct error err = {0};
	int64_t number = 0;
	int code = 0;
	enum status st;

	for (int i = 1; i < argc && code == 0; i++) {
		if (is_format(argv[i])) {
			if (take_format("change", argc, argv, &i, formats, &format))
				code = 64;
		} else if ((v = option_value("change", "--why", argc, argv, &i, &code))) {
			why = v;
		} else if ((v = option_value("change", "--reason", argc, argv, &i, &code))) {
			reason = v;
		} else if (code == 0 && argv[i][0] != '-' && !verb) {
			verb = argv[i];
		} else if (code == 0 && argv[i][0] != '-' && !ref) {
			ref = argv[i];
		} else if (code == 0 && !arg) {
			arg = argv[i];
		} else if (code == 0) {
			code = usage_error("change", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (code)
		return code;
	if (!verb || !ref || !arg ||
	    (strcmp(verb, "propose") && strcmp(verb, "approve") && strcmp(verb, "reject")))
		return usage_error("change", "say what: change propose REF TEXT, or change approve|reject REF N --reason TEXT");
	if (strcmp(verb, "propose") != 0) {
		if (!(number = parse_number(arg)))
			return usage_error("change", "the change is given by its number, e.g. 1, not \"%s\"", arg);
		if (!reason)
			return usage_error("change", "%s needs --reason TEXT: say why", verb);
	}
	if (strcmp(verb, "propose") == 0 && !allowed(s, CAN_RESPOND, "proposing a change"))
		return 77;
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st)
		st = strcmp(verb, "propose") == 0 ?
			incident_propose_change(s->store, &in, arg, why, &s->who, session_now(), &number, &err) :
			incident_decide_change(s->store, s->config, &in, number, strcmp(verb, "approve") == 0, reason,
					       &s->who, session_now(), &err);
	if (!st)
		st = store_changes_get(s->store, in.id, &changes, &err);
	if (st) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(st);
	}
	output_change(stdout, &in, change_list_find(&changes, number), strcmp(format, "json") == 0);
	change_list_free(&changes);
	incident_clear(&in);
	return 0;
}

static int cmd_note(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *format = "text", *ref = NULL, *text = NULL, *kind = NULL, *witness = NULL, *v;
	struct incident in = {0};
	struct note_list notes = {0};
	struct error err = {0};
	int64_t number = 0, id = 0;
	int code = 0;

	for (int i = 1; i < argc && code == 0; i++) {
		if (is_format(argv[i])) {
			if (take_format("note", argc, argv, &i, formats, &format))
				code = 64;
		} else if ((v = option_value("note", "--kind", argc, argv, &i, &code))) {
			kind = v;
		} else if ((v = option_value("note", "--witness", argc, argv, &i, &code))) {
			witness = v;
		} else if (code == 0 && argv[i][0] != '-' && !ref) {
			ref = argv[i];
		} else if (code == 0 && !text) {
			text = argv[i];
		} else if (code == 0) {
			code = usage_error("note", "unexpected argument \"%s\" (quote the note as one argument)", argv[i]);
		}
	}
	if (code)
		return code;
	if (!ref || !kind || !text)
		return usage_error("note", "give the incident, --kind and the note, e.g. sirt note IR-2026-0001 "
				   "--kind log-gap \"syslog silent 02:10-02:40\"");
	if (!note_kind_label(kind))
		return usage_error("note", "--kind is %s, not \"%s\"", note_kind_names(), kind);
	if (witness && !(number = parse_number(witness)))
		return usage_error("note", "--witness takes a witness's number, not \"%s\"", witness);
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_add_note(s->store, &in, kind, text, number, &s->who, session_now(), &id, &err) ||
	    store_notes_get(s->store, in.id, &notes, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	for (size_t i = 0; i < notes.len; i++)
		if (notes.items[i].id == id)
			output_note(stdout, &in, &notes.items[i], strcmp(format, "json") == 0);
	note_list_free(&notes);
	incident_clear(&in);
	return 0;
}

static int cmd_witness(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *format = "text", *verb = NULL, *ref = NULL, *name = NULL, *contact = "", *statement = "", *v;
	const char *interviewer = NULL, *when = NULL;
	time_t interviewed_at = 0;
	struct incident in = {0};
	struct witness_list witnesses = {0};
	struct error err = {0};
	int64_t number = 0;
	int code = 0;

	for (int i = 1; i < argc && code == 0; i++) {
		if (is_format(argv[i])) {
			if (take_format("witness", argc, argv, &i, formats, &format))
				code = 64;
		} else if ((v = option_value("witness", "--name", argc, argv, &i, &code))) {
			name = v;
		} else if ((v = option_value("witness", "--contact", argc, argv, &i, &code))) {
			contact = v;
		} else if ((v = option_value("witness", "--statement", argc, argv, &i, &code))) {
			statement = v;
		} else if ((v = option_value("witness", "--interviewed-by", argc, argv, &i, &code))) {
			interviewer = v;
		} else if ((v = option_value("witness", "--interviewed-at", argc, argv, &i, &code))) {
			when = v;
		} else if (code == 0 && argv[i][0] != '-' && !verb) {
			verb = argv[i];
		} else if (code == 0 && argv[i][0] != '-' && !ref) {
			ref = argv[i];
		} else if (code == 0) {
			code = usage_error("witness", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (code)
		return code;
	if (!verb || strcmp(verb, "add") != 0 || !ref || !name)
		return usage_error("witness", "say: sirt witness add REF --name NAME [--contact TEXT] [--statement TEXT]");
	if (when) {
		char why[256];
		if (time_parse(when, session_now(), &interviewed_at, why, sizeof(why)) != 0)
			return usage_error("witness", "--interviewed-at %s %s", when, why);
	}
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_add_witness(s->store, &in, name, contact, statement, interviewer, interviewed_at, &s->who,
				 session_now(), &number, &err) ||
	    store_witnesses_get(s->store, in.id, &witnesses, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	output_witness(stdout, &in, witness_list_find(&witnesses, number), strcmp(format, "json") == 0);
	witness_list_free(&witnesses);
	incident_clear(&in);
	return 0;
}

/* "hashing disk.img: 45% of 2.7 GB" on a terminal, rewritten in place. */
static void hash_progress(uint64_t done, uint64_t total, void *ctx)
{
	const char *name = ctx;

	if (total > 0)
		fprintf(stderr, "\rhashing %s: %3d%% of %.1f MB", name, (int)(done * 100 / total), (double)total / 1e6);
	else
		fprintf(stderr, "\rhashing %s: %.1f MB", name, (double)done / 1e6);
}


static int evidence_add(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *format = "text", *ref = NULL, *file = NULL, *description = NULL, *kind = "other";
	const char *location = "", *corrects = NULL, *v;
	char *absolute = NULL;
	bool from_stdin = false;
	char hex[SHA256_HEX_SIZE] = "", why[256];
	uint64_t size = 0;
	struct incident in = {0};
	struct evidence_register reg = {0};
	struct error err = {0};
	int64_t number = 0, corrected = 0;
	int code = 0, rc;

	for (int i = 2; i < argc && code == 0; i++) {
		if (is_format(argv[i])) {
			if (take_format("evidence", argc, argv, &i, formats, &format))
				code = 64;
		} else if ((v = option_value("evidence", "--file", argc, argv, &i, &code))) {
			file = v;
		} else if ((v = option_value("evidence", "--description", argc, argv, &i, &code))) {
			description = v;
		} else if ((v = option_value("evidence", "--kind", argc, argv, &i, &code))) {
			kind = v;
		} else if ((v = option_value("evidence", "--location", argc, argv, &i, &code))) {
			location = v;
		} else if ((v = option_value("evidence", "--corrects", argc, argv, &i, &code))) {
			corrects = v;
		} else if (code == 0 && strcmp(argv[i], "--stdin") == 0) {
			from_stdin = true;
		} else if (code == 0 && argv[i][0] != '-' && !ref) {
			ref = argv[i];
		} else if (code == 0) {
			code = usage_error("evidence", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (code)
		return code;
	if (!ref || !description || (file && from_stdin))
		return usage_error("evidence", "say: sirt evidence add REF --file PATH --description TEXT (or --stdin)");
	if (!evidence_kind_label(kind))
		return usage_error("evidence", "--kind is %s, not \"%s\"", evidence_kind_names(), kind);
	if (corrects && !(corrected = parse_number(corrects)))
		return usage_error("evidence", "--corrects takes an item's number, not \"%s\"", corrects);
	if ((rc = store_incident_get(s->store, ref, &in, &err))) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	if (file || from_stdin) {
		bool tty = isatty(2);
		char *shown = sanitize(file ? file : "standard input", 0);

		/* Kept as an absolute path, so a later verify from another
		 * directory finds the same file. */
		if (file && !(absolute = realpath(file, NULL))) {
			cli_error("cannot find the evidence file %s: %s (nothing was recorded)", file, strerror(errno));
			free(shown);
			incident_clear(&in);
			return errno == ENOENT ? 66 : 74;
		}
		rc = file ? sha256_file(absolute, hex, &size, tty ? hash_progress : NULL, shown, why, sizeof(why)) :
			    sha256_fd(0, 0, hex, &size, tty ? hash_progress : NULL, shown, why, sizeof(why));
		free(shown);
		if (tty)
			fputc('\n', stderr);
		if (rc) {
			cli_error("cannot hash the evidence: %s (nothing was recorded)", why);
			free(absolute);
			incident_clear(&in);
			return 74;
		}
	}
	if (incident_add_evidence(s->store, &in, description, kind, absolute ? absolute : "", location, hex, (int64_t)size,
				  corrected, &s->who, session_now(), &number, &err) ||
	    store_evidence_get(s->store, in.id, &reg, &err)) {
		cli_error("%s", err.message);
		free(absolute);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	output_evidence(stdout, &in, &reg, evidence_register_find(&reg, number), strcmp(format, "json") == 0);
	evidence_register_free(&reg);
	incident_clear(&in);
	free(absolute);
	return 0;
}

static int evidence_verify(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *format = "text", *ref = NULL, *which = NULL;
	struct incident in = {0};
	struct evidence_register reg = {0}, after = {0};
	struct error err = {0};
	int64_t only = 0;
	size_t first_check;
	int code = 0, bad = 0, checked = 0;

	for (int i = 2; i < argc && code == 0; i++) {
		if (is_format(argv[i])) {
			if (take_format("evidence", argc, argv, &i, formats, &format))
				code = 64;
		} else if (argv[i][0] != '-' && !ref) {
			ref = argv[i];
		} else if (argv[i][0] != '-' && !which) {
			which = argv[i];
		} else {
			code = usage_error("evidence", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (code)
		return code;
	if (!ref)
		return usage_error("evidence", "say: sirt evidence verify REF [N]");
	if (which && !(only = parse_number(which)))
		return usage_error("evidence", "an item is given by its number, not \"%s\"", which);
	if (store_incident_get(s->store, ref, &in, &err) || store_evidence_get(s->store, in.id, &reg, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	if (only && !evidence_register_find(&reg, only)) {
		cli_error("%s has no evidence item %lld (see sirt show %s)", in.ref, (long long)only, in.ref);
		code = 66;
	}
	first_check = reg.nchecks;
	for (size_t i = 0; code == 0 && i < reg.len; i++) {
		const struct evidence *e = &reg.items[i];
		char hex[SHA256_HEX_SIZE], why[256];
		uint64_t size;
		const char *result;
		bool readable;

		if (only && e->number != only)
			continue;
		if (!*e->sha256 || !*e->path) {
			if (only) {
				cli_error("evidence %lld was not read from a file, so there is nothing to verify",
					  (long long)e->number);
				code = 65;
			}
			continue;
		}
		{
			/* The path was typed by whoever added the item: shown safely. */
			char *shown = sanitize(e->path, 0);
			readable = sha256_file(e->path, hex, &size, isatty(2) ? hash_progress : NULL, shown, why,
					       sizeof(why)) == 0;
			free(shown);
		}
		if (isatty(2))
			fputc('\n', stderr);
		if (!readable)
			cli_error("evidence %lld: %s", (long long)e->number, why);
		if (incident_record_verification(s->store, &in, e->number, readable ? hex : NULL, &s->who, session_now(),
						 &result, &err)) {
			cli_error("%s", err.message);
			code = status_exit_code(err.status);
			break;
		}
		checked++;
		if (strcmp(result, "match") != 0)
			bad++;
	}
	if (code == 0 && store_evidence_get(s->store, in.id, &after, &err) == STATUS_OK) {
		output_verifications(stdout, &in, &after, first_check, strcmp(format, "json") == 0);
		if (checked == 0 && !only)
			cli_error("no evidence of %s was read from a file, so there is nothing to verify", in.ref);
	}
	evidence_register_free(&reg);
	evidence_register_free(&after);
	incident_clear(&in);
	return code ? code : bad ? 65 : 0;
}

static int cmd_evidence(struct session *s, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "add") == 0)
		return evidence_add(s, argc, argv);
	if (argc > 1 && strcmp(argv[1], "verify") == 0)
		return evidence_verify(s, argc, argv);
	return usage_error("evidence", "say add or verify: sirt evidence add REF --file PATH --description TEXT");
}

static int cmd_custody(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *format = "text", *ref = NULL, *which = NULL, *to = NULL, *purpose = NULL, *location = "", *v;
	struct incident in = {0};
	struct evidence_register reg = {0};
	struct error err = {0};
	int64_t number, id = 0;
	int code = 0;

	for (int i = 1; i < argc && code == 0; i++) {
		if (is_format(argv[i])) {
			if (take_format("custody", argc, argv, &i, formats, &format))
				code = 64;
		} else if ((v = option_value("custody", "--to", argc, argv, &i, &code))) {
			to = v;
		} else if ((v = option_value("custody", "--purpose", argc, argv, &i, &code))) {
			purpose = v;
		} else if ((v = option_value("custody", "--location", argc, argv, &i, &code))) {
			location = v;
		} else if (code == 0 && argv[i][0] != '-' && !ref) {
			ref = argv[i];
		} else if (code == 0 && argv[i][0] != '-' && !which) {
			which = argv[i];
		} else if (code == 0) {
			code = usage_error("custody", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (code)
		return code;
	if (!ref || !which || !to || !purpose)
		return usage_error("custody", "say: sirt custody REF N --to NAME --purpose TEXT [--location TEXT]");
	if (!(number = parse_number(which)))
		return usage_error("custody", "an item is given by its number, not \"%s\"", which);
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_hand_over(s->store, &in, number, to, purpose, location, &s->who, session_now(), &id, &err) ||
	    store_evidence_get(s->store, in.id, &reg, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	for (size_t i = 0; i < reg.ncustody; i++)
		if (reg.custody[i].id == id)
			output_custody(stdout, &in, &reg.custody[i], strcmp(format, "json") == 0);
	evidence_register_free(&reg);
	incident_clear(&in);
	return 0;
}

/* Overdue first, then the soonest due; met ones last. */
static int compare_rows(const void *a, const void *b)
{
	const struct deadline *x = ((const struct deadline_row *)a)->deadline;
	const struct deadline *y = ((const struct deadline_row *)b)->deadline;

	if ((x->state == DEADLINE_MET) != (y->state == DEADLINE_MET))
		return x->state == DEADLINE_MET ? 1 : -1;
	return x->due < y->due ? -1 : x->due > y->due;
}

static int cmd_deadlines(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"table", "json", NULL};
	const char *format = "table";
	struct incident_list list;
	struct incident_deadlines *all = NULL;
	struct deadline_row *rows = NULL;
	size_t nrows = 0, cap = 0;
	struct error err = {0};
	bool include_closed = false, overdue = false;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--all") == 0)
			include_closed = true;
		else if (is_format(argv[i])) {
			if (take_format("deadlines", argc, argv, &i, formats, &format))
				return 64;
		} else
			return usage_error("deadlines", "unexpected argument \"%s\"", argv[i]);
	}
	/* Closing an incident does not tell anyone: a legal deadline left
	 * unmet stays on this list until it is met. */
	if (store_incident_list(s->store, true, &list, &err) || all_deadlines(s, &list, &all, &err)) {
		cli_error("%s", err.message);
		incident_list_free(&list);
		return status_exit_code(err.status);
	}
	for (size_t i = 0; i < list.len; i++) {
		bool closed = strcmp(list.items[i].status, INCIDENT_CLOSED) == 0;

		for (size_t k = 0; k < all[i].deadlines.len; k++) {
			if (closed && !include_closed && all[i].deadlines.items[k].met)
				continue;
			GROW(rows, cap, nrows + 1);
			rows[nrows].incident = &list.items[i];
			rows[nrows++].deadline = &all[i].deadlines.items[k];
			overdue |= all[i].deadlines.items[k].state == DEADLINE_OVERDUE;
		}
	}
	if (nrows)
		qsort(rows, nrows, sizeof(*rows), compare_rows);
	output_deadlines(stdout, rows, nrows, session_now(), strcmp(format, "json") == 0);
	free(rows);
	free_all_deadlines(all, list.len);
	incident_list_free(&list);
	return overdue ? 1 : 0;
}

static int cmd_deadline(struct session *s, int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *format = "text", *verb = NULL, *ref = NULL, *rule = NULL, *how = NULL, *party = NULL;
	const char *reference = "", *v;
	struct incident in = {0};
	struct deadline_list list;
	struct deadline_met_list met;
	struct error err = {0};
	int code = 0;

	for (int i = 1; i < argc && code == 0; i++) {
		if (is_format(argv[i])) {
			if (take_format("deadline", argc, argv, &i, formats, &format))
				code = 64;
		} else if ((v = option_value("deadline", "--how", argc, argv, &i, &code))) {
			how = v;
		} else if ((v = option_value("deadline", "--party", argc, argv, &i, &code))) {
			party = v;
		} else if ((v = option_value("deadline", "--reference", argc, argv, &i, &code))) {
			reference = v;
		} else if (code == 0 && argv[i][0] != '-' && !verb) {
			verb = argv[i];
		} else if (code == 0 && argv[i][0] != '-' && !ref) {
			ref = argv[i];
		} else if (code == 0 && argv[i][0] != '-' && !rule) {
			rule = argv[i];
		} else if (code == 0) {
			code = usage_error("deadline", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (code)
		return code;
	if (!verb || strcmp(verb, "met") != 0 || !ref || !rule || !how)
		return usage_error("deadline", "say: sirt deadline met REF RULE --how HOW [--party NAME]");
	/* As the TUI spells them, too. */
	if (strcmp(how, "e-mail") == 0)
		how = "email";
	else if (strcmp(how, "in person") == 0)
		how = "in-person";
	if (!deadline_how_valid(how))
		return usage_error("deadline", "--how is %s, not \"%s\"", DEADLINE_HOWS, how);
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_mark_deadline_met(s->store, s->config, &in, rule, party, how, reference, &s->who, session_now(),
				       &err) ||
	    incident_deadlines(s->store, s->config, &in, session_now(), &list, &met, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	for (size_t i = 0; i < list.len; i++) {
		const struct deadline *d = &list.items[i];
		if (strcmp(d->rule->name, rule) == 0 && (!party || strcmp(d->party, party) == 0)) {
			struct deadline_row row = {&in, d};
			output_deadlines(stdout, &row, 1, session_now(), strcmp(format, "json") == 0);
		}
	}
	deadline_list_free(&list);
	deadline_met_list_free(&met);
	incident_clear(&in);
	return 0;
}

/* A shared database named by [store] path: what is wrong with its place,
 * for whoever runs the check (an operator of the group, ideally; a
 * reviewer only needs to read it). It looks, and changes nothing. */
static int check_store_place(const struct config *config)
{
	struct strlist warnings = {0};
	struct error err = {0};
	struct actor who;
	bool reads_only;
	int code = 0;

	if (!config->store_path || !*config->store_path)
		return 0;
	identity_current(&who);
	reads_only = only_reviews(config, &who);
	if (store_check_place(config->store_path, reads_only, false, &warnings, &err)) {
		cli_error("[store] path: %s", err.message);
		code = status_exit_code(err.status);
	} else if (access(config->store_path, F_OK) != 0) {
		cli_error("[store] path: there is no database at %s yet: an administrator makes it with sirt init "
			  "--shared DIR --group GROUP (or correct the path)",
			  config->store_path);
		code = 66;
	} else {
		char *line = xasprintf("[store] path %s: %s", config->store_path,
				       warnings.len ? "usable, but:" : "ok");
		char *safe = sanitize(line, 0);

		printf("%s\n", safe);
		free(safe);
		free(line);
		for (size_t i = 0; i < warnings.len; i++) {
			safe = sanitize(warnings.items[i], 0);
			printf("  warning: %s\n", safe);
			free(safe);
		}
	}
	strlist_free(&warnings);
	return code;
}

int cli_check(const char *config_path, bool is_sample)
{
	int code;
	struct diag_list diags = {0};
	struct config *config = config_load(config_path, is_sample, &diags);

	for (size_t i = 0; i < diags.len; i++) {
		char *line = diag_format(&diags.items[i]);
		char *safe = sanitize(line, 0);
		printf("%s\n", safe);
		free(safe);
		free(line);
	}
	if (!config) {
		fprintf(stderr, "sirt: %zu problem%s found in the plan's configuration (fix %s at the file:line above)\n",
			diags.len, diags.len == 1 ? "" : "s", diags.len == 1 ? "it" : "each");
		diag_list_free(&diags);
		return 78;
	}
	{
		struct strbuf sb = {0};
		size_t dirlen = strlen(config->forms_dir);
		char *line;

		strbuf_printf(&sb, "%s: ok: %zu categor%s, %zu procedure%s, %zu contact%s, %zu deadline%s, forms intake, "
			      "lead, triage, report and review in %s",
			      config_path, config->ncategories, config->ncategories == 1 ? "y" : "ies",
			      config->nprocedures, config->nprocedures == 1 ? "" : "s", config->ncontacts,
			      config->ncontacts == 1 ? "" : "s", config->ndeadlines, config->ndeadlines == 1 ? "" : "s",
			      config->forms_dir);
		for (size_t i = 0; config->forms[i]; i++)
			if (strncmp(config->forms[i]->path, config->forms_dir, dirlen) != 0 ||
			    config->forms[i]->path[dirlen] != '/')
				strbuf_printf(&sb, " (%s from %s)", config->forms[i]->key, config->forms[i]->path);
		strbuf_printf(&sb, ", restoration list %s%s", config->restoration->path,
			      is_sample ? " (the built-in sample plan)" : "");
		line = strbuf_take(&sb);
		char *safe = sanitize(line, 0);
		printf("%s\n", safe);
		free(safe);
		free(line);
	}
	code = check_store_place(config);
	config_free(&config);
	diag_list_free(&diags);
	return code;
}

bool cli_reads_only(const char *name)
{
	static const char *const readers[] = {"list", "show", "deadlines", "report", "export", "backup", "audit"};

	for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (strcmp(readers[i], name) == 0)
			return true;
	return false;
}

bool cli_known(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i].name, name) == 0 && commands[i].run)
			return true;
	return false;
}

/* A write waits for another operator's: say so once, so that a script's
 * log explains a pause. */
static void say_waiting(void *ctx, bool waiting)
{
	(void)ctx;
	if (waiting)
		fputs("sirt: waiting for another operator...\n", stderr);
}

int cli_run(struct session *s, int argc, char **argv)
{
	store_on_wait(s->store, say_waiting, NULL);
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cli_help(argv[0]);
	for (size_t i = 0; i < COMMAND_COUNT; i++) {
		if (strcmp(commands[i].name, argv[0]) != 0 || !commands[i].run)
			continue;
		/* set and change say what they need once they know the form
		 * or the verb. */
		if (commands[i].needs != CAN_NOTHING && !allowed(s, commands[i].needs, commands[i].doing))
			return 77;
		return commands[i].run(s, argc, argv);
	}
	cli_error("unknown command \"%s\" (see sirt --help)", argv[0]);
	return 64;
}

bool allowed(struct session *s, enum capability what, const char *doing)
{
	char *why = refusal(s->config, &s->who, what, doing);

	if (!why)
		return true;
	cli_error("%s", why);
	free(why);
	return false;
}
