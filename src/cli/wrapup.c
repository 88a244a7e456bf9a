/* The commands for the work after the call: set (any form's fields), step
 * (a step of the procedure or the restoration list), cost (R23), report
 * (R18, R19), close and reopen (R24). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "output.h"
#include "sirt/clock.h"
#include "sirt/closing.h"
#include "sirt/config.h"
#include "sirt/cost.h"
#include "sirt/file.h"
#include "sirt/form.h"
#include "sirt/formdef.h"
#include "sirt/incident.h"
#include "sirt/mem.h"
#include "sirt/procedure.h"
#include "sirt/record.h"
#include "sirt/report.h"
#include "sirt/roles.h"
#include "sirt/sanitize.h"
#include "sirt/stage_draft.h"
#include "sirt/status.h"
#include "sirt/store.h"

/* KEY=VALUE for --set or --note: the key split off (allocated), or NULL
 * after a usage error. */
static char *split_assignment(const char *command, const char *what, const char *arg, const char **value)
{
	const char *eq = strchr(arg, '=');

	if (!eq || eq == arg) {
		usage_error(command, "%s needs FIELD=VALUE, not \"%s\"", what, arg);
		return NULL;
	}
	*value = eq + 1;
	return xstrndup(arg, (size_t)(eq - arg));
}

/* The report form of the affected customer name of incident in (0), or
 * the exit code of why not. */
static int customer_form(struct session *s, const struct incident *in, const char *name, struct form_def **out)
{
	struct incident_record record;
	struct customer_list listed;
	struct error err = {0};
	size_t at;
	int code = 0;

	if (incident_record_load(s->store, s->config, in, session_now(), &record, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	report_customers(s->config, &record, &listed);
	if (report_customer_find(&listed, listed.len, name, &at)) {
		*out = report_customer_form_new(listed.items[at].name);
	} else {
		struct strbuf names = {0};

		for (size_t i = 0; i < listed.len; i++)
			strbuf_printf(&names, "%s%s", i ? ", " : "", listed.items[i].name);
		cli_error("%s lists no affected customer \"%s\" (%s%s)", in->ref, name,
			  listed.len ? "it lists: " : "it lists none: add them to the lead details", strbuf_str(&names));
		strbuf_free(&names);
		code = 66;
	}
	customer_list_free(&listed);
	incident_record_free(&record);
	return code;
}

/* A form saves only with every required field answered, stored and given
 * together (the screen asks the same): 0, or 65 naming each one empty. */
static int refuse_missing(struct session *s, const struct form_def *form, const struct incident *in,
			  const struct field_list *typed)
{
	struct strlist missing = {0};
	struct strbuf names = {0};
	struct error err = {0};
	size_t n = 0;
	int code = 0;

	/* A closed incident's save is refused as such, with how to reopen. */
	if (in->status && strcmp(in->status, INCIDENT_CLOSED) == 0)
		return 0;
	if (incident_form_missing(s->store, s->config, form, in, typed, session_now(), &missing, &n, &err)) {
		cli_error("not saved: %s", err.message);
		code = status_exit_code(err.status);
	} else if (n) {
		for (size_t i = 0; i < n; i++) {
			const struct field_def *f = form_def_field(form, missing.items[i]);

			strbuf_printf(&names, "%s%s (%s)", i ? ", " : "", f->key, f->label);
		}
		cli_error("not saved: %s of the %s of %s %s empty: %s (give %s as FIELD=VALUE)",
			  n == 1 ? "a required field" : "required fields", form->title, in->ref, n == 1 ? "is" : "are",
			  strbuf_str(&names), n == 1 ? "it" : "each");
		code = status_exit_code(STATUS_DATA);
	}
	strbuf_free(&names);
	strlist_free(&missing);
	return code;
}

int cmd_set(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *name = cli_arg(args, 1);
	const char *const *given;
	const struct form_def *form = NULL;
	struct strlist sets = {0}, notes = {0}, noted = {0};
	struct field_list typed = {0}, stored = {0}, conflicts = {0};
	struct form_problems problems = {0};
	struct form_def *own = NULL;
	struct incident in = {0};
	struct error err = {0};
	size_t saved = 0;
	int code = 0;

	/* FIELD=VALUE after the form, and --set FIELD=VALUE: the same. */
	for (size_t i = 2; i < args->npositional && code == 0; i++) {
		if (strchr(args->positional[i], '='))
			strlist_add(&sets, args->positional[i]);
		else
			code = usage_error("set", "unexpected argument \"%s\"", args->positional[i]);
	}
	for (size_t i = 0, n = cli_values(args, "--set", &given); i < n; i++)
		strlist_add(&sets, given[i]);
	for (size_t i = 0, n = cli_values(args, "--note", &given); i < n; i++)
		strlist_add(&notes, given[i]);
	if (code == 0 && (!ref || !name || sets.len + notes.len == 0))
		code = usage_error("set", "say which incident, which form and what, e.g. sirt set IR-2026-0001 lead "
				   "severity=high");
	if (code == 0 && name && strcmp(name, REPORT_CUSTOMER_FORM) == 0) {
		if (!cli_value(args, "--customer"))
			code = usage_error("set", "say whose report: sirt set REF customer --customer NAME FIELD=VALUE");
	} else if (code == 0 && cli_value(args, "--customer")) {
		code = usage_error("set", "--customer goes with the form customer only");
	} else if (code == 0 && !(form = config_form(s->config, name))) {
		code = usage_error("set", "there is no form \"%s\": the forms are intake, lead, triage, report, review "
				   "and customer", name);
	}
	if (code == 0 && !allowed(s, form_capability(form ? form->key : REPORT_CUSTOMER_FORM), "saving the form"))
		code = 77;
	if (code == 0 && (store_incident_get(s->store, ref, &in, &err) ||
			  store_fields_get(s->store, in.id, &stored, &err))) {
		cli_error("%s", err.message);
		code = status_exit_code(err.status);
	}
	if (code == 0 && !form) {
		/* The customer's own form: one of those the lead details list. */
		code = customer_form(s, &in, cli_value(args, "--customer"), &own);
		form = own;
	}
	for (int pass = 0; pass < 2 && code == 0; pass++) {
		const struct strlist *list = pass ? &notes : &sets;

		for (size_t i = 0; i < list->len && code == 0; i++) {
			const char *value;
			char *key = split_assignment("set", pass ? "--note" : "--set", list->items[i], &value);
			const struct field_def *f = key ? form_def_field(form, key) : NULL;
			const struct field_value *had = key ? field_list_find(&typed, form->key, key) : NULL;

			if (!key) {
				code = 64;
			} else if (!f) {
				code = unknown_field("set", form, key);
			} else if (pass && !f->has_note) {
				code = usage_error("set", "field \"%s\" takes no note", key);
			} else if (pass ? strlist_find(&noted, key) >= 0 : had != NULL) {
				code = usage_error("set", "%s %s is given twice; give each field once", pass ? "--note" : "--set",
						   key);
			} else if (pass) {
				/* A note alone keeps the value as it stands. */
				const struct field_value *now = field_list_find(&stored, form->key, key);
				/* A copy: setting the entry frees what had points to. */
				char *keep = xstrdup(had ? had->value : now ? now->value : "");

				field_list_set(&typed, form->key, key, keep, value);
				typed.items[typed.len - 1].base = now ? now->version : 0;
				strlist_add(&noted, key);
				free(keep);
			} else {
				const struct field_value *now = field_list_find(&stored, form->key, key);
				field_list_set(&typed, form->key, key, value, now ? now->note : "");
				/* Over what was read above, and nothing saved since. */
				typed.items[typed.len - 1].base = now ? now->version : 0;
			}
			free(key);
		}
	}
	if (code == 0)
		code = refuse_missing(s, form, &in, &typed);
	if (code == 0 &&
	    incident_save_form(s->store, form, &in, &s->who, session_now(), &typed, &problems, &conflicts, &saved,
			       &err)) {
		for (size_t i = 0; i < conflicts.len; i++) {
			char *why = form_conflict_text(form_def_field(form, conflicts.items[i].key), &conflicts.items[i]);

			cli_error("not saved: %s: run again to save yours over it", why);
			free(why);
		}
		for (size_t i = 0; i < problems.len; i++) {
			const struct field_def *f = form_def_field(form, problems.items[i].key);
			cli_error("not saved: %s %s", f->label, problems.items[i].message);
		}
		if (!problems.len && !conflicts.len)
			cli_error("not saved: %s", err.message);
		code = status_exit_code(err.status);
	}
	if (code == 0) {
		if (cli_json(args)) {
			code = show_incident(s, in.ref, "json");
		} else {
			/* What was given is what is stored: not "saved". */
			char *line = saved ? xasprintf("%s: %s saved (%zu field%s)", in.ref, form->title, saved,
						       saved == 1 ? "" : "s") :
					     xasprintf("%s: %s: nothing changed, nothing saved", in.ref, form->title);
			char *safe = sanitize(line, 0);
			printf("%s\n", safe);
			free(safe);
			free(line);
		}
	}
	strlist_free(&sets);
	strlist_free(&notes);
	strlist_free(&noted);
	field_list_free(&typed);
	field_list_free(&stored);
	field_list_free(&conflicts);
	form_problems_free(&problems);
	incident_clear(&in);
	form_def_free(&own);
	return code;
}

int cmd_cost(struct session *s, const struct cli_args *args)
{
	const char *verb = args->verb->name, *ref = cli_arg(args, 0), *arg = cli_arg(args, 1);
	struct incident in = {0};
	struct cost_list costs = {0};
	struct error err = {0};
	int64_t number = 0;
	enum status st;

	if (!ref)
		return usage_error("cost", "say which incident: cost add REF --kind damage|containment --amount N "
				   "--description TEXT, cost withdraw REF N --reason TEXT, or cost list REF");
	if (strcmp(verb, "withdraw") == 0 && !(number = parse_number(arg)))
		return usage_error("cost", "cost withdraw needs the line's number and --reason TEXT");
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st && strcmp(verb, "add") == 0)
		st = incident_add_cost(s->store, s->config, &in, cli_value(args, "--kind"), cli_value(args, "--description"),
				       cli_value(args, "--amount"), cli_value(args, "--currency"),
				       cli_flag(args, "--estimate"), &s->who, session_now(), &number, &err);
	else if (!st && strcmp(verb, "withdraw") == 0)
		st = incident_withdraw_cost(s->store, &in, number, cli_value(args, "--reason"), &s->who, session_now(),
					    &err);
	if (!st)
		st = store_costs_get(s->store, in.id, &costs, &err);
	if (st) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(st);
	}
	output_costs(stdout, &in, &costs, cli_json(args));
	cost_list_free(&costs);
	incident_clear(&in);
	return 0;
}

/* The stages of regimes that apply to the incident, for a message. */
static char *stage_names(const struct deadline_list *deadlines)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < deadlines->len; i++) {
		const struct deadline_rule *r = deadlines->items[i].rule;

		if (!r->regime || (i && deadlines->items[i - 1].rule == r))
			continue;
		strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", r->name);
	}
	return strbuf_take(&sb);
}

/* report REF --stage REGIME.STAGE: the draft of that stage's submission,
 * to standard output or --output; how many items are missing on stderr. */
static int report_stage(struct session *s, const struct cli_args *args, const char *ref, const char *name)
{
	const char *output = cli_value(args, "--output");
	struct incident in = {0};
	struct incident_record record;
	struct error err = {0};
	const struct deadline_rule *rule = stage_draft_find(s->config, name);
	const struct deadline *d = NULL;
	struct decision_list decisions;
	size_t missing = 0;
	char *text = NULL;
	enum status st;
	int code = 0;

	if (args->format_given && strcmp(args->format, "text") != 0)
		return usage_error("report", "a stage's draft is text: leave out --format, or give --format text");
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st)
		st = incident_record_load(s->store, s->config, &in, session_now(), &record, &err);
	if (st) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(st);
	}
	if (!rule) {
		char *names = stage_names(&record.deadlines), *given = sanitize(name, 0);

		if (*names)
			cli_error("%s: no stage %s; the stages that apply to it: %s", in.ref, given, names);
		else
			cli_error("%s: no stage %s, and no regime's stage applies to it yet (sirt deadlines lists "
				  "them; a plan includes regimes with [sirt] regimes)", in.ref, given);
		free(names);
		free(given);
		incident_record_free(&record);
		incident_clear(&in);
		return 64;
	}
	decisions = incident_record_decisions(&record);
	/* A stage with one party per customer: the draft is that customer's
	 * (--customer), never silently the first one's. */
	{
		const char *customer = cli_value(args, "--customer");
		struct strbuf parties = {0};
		size_t matches = 0;

		for (size_t i = 0; i < record.deadlines.len; i++) {
			const struct deadline *it = &record.deadlines.items[i];

			if (it->rule != rule)
				continue;
			strbuf_printf(&parties, "%s%s", parties.len ? ", " : "", it->party);
			if (customer && !customer_named(it->party, it->address, customer))
				continue;
			if (!d)
				d = it;
			matches++;
		}
		if (customer && !*rule->per)
			code = usage_error("report", "--customer goes with a stage that has one party per customer, and %s "
					   "has one party", rule->name);
		else if (customer && !matches)
			code = 64, cli_error("%s: %s has no customer \"%s\"; its customers: %s", in.ref, rule->name,
					     customer, parties.len ? strbuf_str(&parties) : "none yet");
		else if (matches > 1)
			code = usage_error("report", "%s has one party per customer: say which with --customer NAME (%s)",
					   rule->name, strbuf_str(&parties));
		strbuf_free(&parties);
		if (code) {
			incident_record_free(&record);
			incident_clear(&in);
			return code;
		}
	}
	{
		struct stage_draft_input input = {.config = s->config, .rule = rule, .incident = &in,
						  .fields = &record.fields, .choices = &record.choices,
						  .decisions = &decisions, .met = &record.met, .deadline = d,
						  .now = session_now()};

		text = stage_draft_render(&input, &missing);
	}
	incident_record_free(&record);
	if (output)
		/* Mode 0600, never through a link, replaced only with --force:
		 * as the report (file_write). */
		st = file_write(output, text, 0600, cli_flag(args, "--force"), &err);
	else
		fputs(text, stdout);
	if (st) {
		const char *kind = output ? file_kind(output) : NULL;

		cli_error("%s%s", err.message,
			  st == STATUS_CONFLICT && kind && strcmp(kind, "a regular file") == 0 ? " (--force replaces it)" : "");
		code = status_exit_code(st);
	} else {
		char *line = xasprintf("%s: draft of %s%s%s: %zu item%s still missing", in.ref, rule->name,
				       output ? " written to " : "", output ? output : "", missing,
				       missing == 1 ? "" : "s");
		char *safe = sanitize(line, 0);

		fprintf(stderr, "sirt: %s\n", safe);
		free(safe);
		free(line);
	}
	free(text);
	incident_clear(&in);
	return code;
}

int cmd_report(struct session *s, const struct cli_args *args)
{
	const char *format = args->format_given ? args->format : NULL, *ref = cli_arg(args, 0);
	const char *customer = cli_value(args, "--customer"), *output = cli_value(args, "--output");
	bool force = cli_flag(args, "--force");
	enum report_format fmt;
	struct incident in = {0};
	struct incident_record record;
	struct error err = {0};
	char *text = NULL;
	int code = 0;
	enum status st;

	if (!ref)
		return usage_error("report", "which incident? e.g. sirt report IR-2026-0001 --format md");
	if (cli_value(args, "--stage"))
		return report_stage(s, args, ref, cli_value(args, "--stage"));
	if (!format) {
		/* The file's extension says, as in the TUI; else Markdown. */
		const char *dot = output ? strrchr(output, '.') : NULL;
		format = dot && strcmp(dot, ".json") == 0 ? "json" : dot && strcmp(dot, ".txt") == 0 ? "text" : "md";
	}
	report_format_parse(format, &fmt);
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st && !(st = incident_record_load(s->store, s->config, &in, session_now(), &record, &err))) {
		struct strlist suspects = {0};

		/* Nothing goes to a customer that still seems to name another
		 * unless the operator says it does not. */
		if (customer && !cli_flag(args, "--confirm-names") &&
		    !(st = report_customer_suspects(s->config, &in, &record, customer, session_now(), &suspects, &err)) &&
		    suspects.len) {
			cli_error("not written: the report for %s still seems to name another customer:", customer);
			for (size_t i = 0; i < suspects.len; i++) {
				char *shown = sanitize(suspects.items[i], 0);
				fprintf(stderr, "  %s\n", shown);
				free(shown);
			}
			fprintf(stderr, "sirt: reword it (sirt set %s customer --customer NAME ...), give the other customer's "
				"other names (aka:) and domains (domains:) on its customers line, or write it as it is with "
				"--confirm-names\n", in.ref);
			strlist_free(&suspects);
			incident_record_free(&record);
			incident_clear(&in);
			return 65;
		}
		strlist_free(&suspects);
		if (!st)
			st = report_render(s->config, &in, &record, fmt, customer, session_now(), &text, &err);
		incident_record_free(&record);
	}
	if (!st && output)
		/* Readable by its owner only: a report names people, systems
		 * and weaknesses. An existing file is replaced only when asked;
		 * a link or a device (/dev/stdout) never, nor written through. */
		st = file_write(output, text, 0600, force, &err);
	else if (!st)
		fputs(text, stdout);
	if (st) {
		const char *kind = output ? file_kind(output) : NULL;
		bool regular = kind && strcmp(kind, "a regular file") == 0;

		cli_error("%s%s", err.message,
			  st == STATUS_CONFLICT && regular ? " (--force replaces it)" :
			  kind && !regular		   ? " (without --output, the report goes to standard output)" :
							     "");
		code = status_exit_code(st);
	} else if (output) {
		char *line = xasprintf("%s: report written to %s", in.ref, output);
		char *safe = sanitize(line, 0);
		fprintf(stderr, "sirt: %s\n", safe);
		free(safe);
		free(line);
	}
	free(text);
	incident_clear(&in);
	return code;
}

static void print_open_items(const struct open_items *items)
{
	for (size_t i = 0; i < items->len; i++) {
		char *safe = sanitize(items->items[i].text, 0);
		if (items->items[i].key)
			fprintf(stderr, "  %s (required: review %s=...)\n", safe, items->items[i].key);
		else
			fprintf(stderr, "  %s\n", safe);
		free(safe);
	}
}

/* close and reopen: which incident. */
static int need_ref(const char *command, const char *ref)
{
	return ref ? 0 : usage_error(command, "which incident? e.g. sirt %s IR-2026-0001 --reason TEXT", command);
}

int cmd_close(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *reason = cli_value(args, "--reason");
	struct incident in = {0};
	struct open_items items = {0};
	struct error err = {0};
	int code = need_ref("close", ref);
	enum status st;

	if (code)
		return code;
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st)
		st = incident_close(s->store, s->config, &in, reason, &s->who, session_now(), &items, &err);
	if (st) {
		cli_error("%s", err.message);
		print_open_items(&items);
		if (items.blocking)
			fprintf(stderr, "sirt: answer the review first: sirt set %s review FIELD=ANSWER ...\n", in.ref);
		else if (items.len)
			fprintf(stderr, "sirt: to close it anyway: sirt close %s --reason TEXT\n", in.ref);
		code = status_exit_code(st);
	} else if (cli_json(args)) {
		code = show_incident(s, in.ref, "json");
	} else {
		printf("%s: closed%s\n", in.ref, items.len ? " with things still open (on the timeline)" : "");
	}
	open_items_free(&items);
	incident_clear(&in);
	return code;
}

int cmd_reopen(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *reason = cli_value(args, "--reason");
	struct incident in = {0}, after = {0};
	struct error err = {0};
	int code = need_ref("reopen", ref);
	enum status st;

	if (code)
		return code;
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st)
		st = incident_reopen(s->store, s->config, &in, reason, &s->who, session_now(), &err);
	if (!st)
		st = store_incident_get(s->store, ref, &after, &err);
	if (st) {
		cli_error("%s", err.message);
		code = status_exit_code(st);
	} else if (cli_json(args)) {
		code = show_incident(s, after.ref, "json");
	} else {
		printf("%s: reopened, now %s\n", after.ref, after.status);
	}
	incident_clear(&in);
	incident_clear(&after);
	return code;
}

int cmd_step(struct session *s, const struct cli_args *args)
{
	static const char *const states[] = {STEP_DONE, STEP_SKIPPED, STEP_NA, STEP_OPEN, NULL};
	const char *ref = cli_arg(args, 0), *key = cli_arg(args, 1), *state = cli_arg(args, 2);
	const char *note = cli_value(args, "--note") ? cli_value(args, "--note") : "";
	const char *version = cli_value(args, "--if-version");
	/* The version show gave: a mark made since is not overwritten. */
	int64_t base = version ? strtoll(version, NULL, 10) : -1;
	struct incident in = {0};
	struct step_list steps = {0};
	struct error err = {0};
	bool known = false;

	for (size_t i = 0; state && states[i]; i++)
		known |= strcmp(states[i], state) == 0;
	if (!ref || !key || !known)
		return usage_error("step", "say which step and how it stands, e.g. sirt step IR-2026-0001 isolate done "
				   "(done, skipped, na or open)");
	if (strcmp(state, STEP_SKIPPED) == 0 && !*note)
		return usage_error("step", "a skipped step needs the reason: --note TEXT");
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_mark_step(s->store, s->config, &in, key, state, note, base, &s->who, session_now(), &err) ||
	    store_steps_get(s->store, in.id, &steps, &err)) {
		if (err.status == STATUS_CONFLICT && base >= 0)
			cli_error("not marked: %s: look at it (sirt show %s), then run again with that version to mark "
				  "over it", err.message, ref);
		else
			cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	output_step(stdout, &in, step_list_find(&steps, key), cli_json(args));
	step_list_free(&steps);
	incident_clear(&in);
	return 0;
}

/* category REF CATEGORY [--note TEXT] and procedure REF PROCEDURE: the
 * choices the TUI's pickers make, for an incident worked from the
 * command line. */
static int choose(struct session *s, const struct cli_args *args, bool category)
{
	const char *command = category ? "category" : "procedure";
	const char *ref = cli_arg(args, 0), *key = cli_arg(args, 1);
	const char *note = category && cli_value(args, "--note") ? cli_value(args, "--note") : "";
	struct incident in = {0}, after = {0};
	struct error err = {0};
	int code = 0;
	enum status st;

	if (!ref || !key)
		return usage_error(command, category ? "say which incident and category, e.g. sirt category IR-2026-0001 data" :
				   "say which incident and procedure, e.g. sirt procedure IR-2026-0001 worm (or none)");
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st)
		st = category ? incident_set_category(s->store, s->config, &in, key, note, &s->who, session_now(), &err) :
				incident_set_procedure(s->store, s->config, &in, key, &s->who, session_now(), &err);
	if (!st)
		st = store_incident_get(s->store, ref, &after, &err);
	if (st) {
		cli_error("%s", err.message);
		code = status_exit_code(st);
	} else if (cli_json(args)) {
		code = show_incident(s, after.ref, "json");
	} else {
		char *line = category ? xasprintf("%s: category %s (%s), status %s", after.ref, after.category,
						  config_category(s->config, after.category)->label, after.status) :
					xasprintf("%s: procedure %s, status %s", after.ref, after.procedure, after.status);
		char *safe = sanitize(line, 0);

		printf("%s\n", safe);
		free(safe);
		free(line);
	}
	incident_clear(&in);
	incident_clear(&after);
	return code;
}

int cmd_category(struct session *s, const struct cli_args *args)
{
	return choose(s, args, true);
}

int cmd_procedure(struct session *s, const struct cli_args *args)
{
	return choose(s, args, false);
}
