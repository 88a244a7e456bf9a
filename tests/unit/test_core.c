/* The plan's logic: categories, procedures and steps, form values, and
 * an incident worked from intake to steps through the core operations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sqlite3.h>

#include "sirt/calls.h"
#include "sirt/category.h"
#include "sirt/changes.h"
#include "sirt/digest.h"
#include "sirt/evidence.h"
#include "sirt/evidence_file.h"
#include "sirt/form.h"
#include "sirt/incident.h"
#include "sirt/investigation.h"
#include "sirt/procedure.h"
#include "sirt/register.h"
#include "sirt/roles.h"
#include "raw_db.h"
#include "sample_plan.h"

static void highest_applicable_category(void **state)
{
	bool none[4] = {false, false, false, false};
	bool two[4] = {false, true, false, true};
	bool all[4] = {true, true, true, true};

	(void)state;
	assert_int_equal(category_highest(none, 4), -1);
	assert_int_equal(category_highest(two, 4), 1);
	assert_int_equal(category_highest(all, 4), 0);
	assert_true(category_is_higher(sample, "life", "data"));
	assert_false(category_is_higher(sample, "services", "data"));
	assert_true(category_is_higher(sample, "services", NULL));
	assert_false(category_is_higher(sample, "nonsense", NULL));
}

static struct step_record record(const char *proc, const char *key, const char *title, const char *state)
{
	struct step_record r = {0};

	r.procedure = (char *)proc;
	r.step_key = (char *)key;
	r.title = (char *)title;
	r.state = (char *)state;
	r.note = (char *)"";
	return r;
}

static void shared_steps_carry_over_to_a_new_procedure(void **state)
{
	const struct procedure_def *worm = config_procedure(sample, "worm");
	const struct procedure_def *virus = config_procedure(sample, "virus");
	struct step_record items[3];
	struct step_list records = {items, 3, 3};
	struct step_view *views;
	struct step_progress progress;
	size_t n;

	(void)state;
	items[0] = record("worm", "isolate", "Isolate infected hosts", STEP_DONE);
	items[1] = record("worm", "forensics", "Forensics", STEP_DONE);
	items[2] = record("worm", "identify-hosts", "Identify hosts", STEP_SKIPPED);
	/* Under worm all three are steps of the procedure. */
	n = procedure_step_views(worm, &records, &views);
	assert_int_equal(n, worm->nsteps);
	procedure_progress(views, n, &progress);
	assert_int_equal(progress.worked, 3);
	assert_int_equal(progress.total, worm->nsteps);
	free(views);
	/* Under virus, forensics is shared and stays worked; the worm-only
	 * steps are listed after, as earlier work, outside the progress. */
	n = procedure_step_views(virus, &records, &views);
	assert_int_equal(n, virus->nsteps + 2);
	procedure_progress(views, n, &progress);
	assert_int_equal(progress.worked, 1);
	assert_int_equal(progress.total, virus->nsteps);
	assert_int_equal(views[n - 2].origin, STEP_EARLIER);
	assert_string_equal(views[n - 1].key, "identify-hosts");
	for (size_t i = 0; i < virus->nsteps; i++)
		if (strcmp(views[i].key, "forensics") == 0)
			assert_non_null(views[i].record);
	free(views);
}

static void every_sample_procedure_ends_in_the_shared_steps(void **state)
{
	static const char *const shared[] = {"forensics", "changes", "approval", "restoration"};

	(void)state;
	for (size_t p = 0; p < sample->nprocedures; p++) {
		const struct procedure_def *proc = sample->procedures[p];
		assert_true(proc->nsteps > 4 + 5);
		for (size_t k = 0; k < 4; k++)
			assert_string_equal(proc->steps[proc->nsteps - 4 + k].key, shared[k]);
	}
}

static void free_steps_without_a_procedure(void **state)
{
	struct step_record items[2];
	struct step_list records = {items, 2, 2};
	struct step_view *views;
	struct step_progress progress;
	char *key;
	size_t n;

	(void)state;
	items[0] = record(PROCEDURE_NONE, "free-1", "Called the ISP", STEP_DONE);
	items[1] = record(PROCEDURE_NONE, "free-7", "Blocked the address", STEP_DONE);
	n = procedure_step_views(NULL, &records, &views);
	assert_int_equal(n, 2);
	assert_int_equal(views[0].origin, STEP_FREE);
	procedure_progress(views, n, &progress);
	assert_int_equal(progress.worked, 2);
	assert_int_equal(progress.total, 2);
	key = procedure_free_step_key(&records);
	assert_string_equal(key, "free-8");
	free(key);
	free(views);
}

static void skipping_needs_a_reason(void **state)
{
	char why[128];

	(void)state;
	assert_true(step_mark_valid(STEP_DONE, "", why, sizeof(why)));
	assert_true(step_mark_valid(STEP_NA, NULL, why, sizeof(why)));
	assert_false(step_mark_valid(STEP_SKIPPED, "  ", why, sizeof(why)));
	assert_string_equal(why, "a skipped step needs a reason");
	assert_true(step_mark_valid(STEP_SKIPPED, "host already reimaged", why, sizeof(why)));
	assert_false(step_mark_valid("finished", "", why, sizeof(why)));
	assert_string_equal(why, "unknown step state \"finished\" (done, skipped, na or open)");
	assert_string_equal(step_state_label(STEP_NA), "n/a");
}

static const struct field_def *field_of(const struct form_def *form, const char *key)
{
	return form_def_field(form, key);
}

static const struct field_def *field(const char *form, const char *key)
{
	return form_def_field(strcmp(form, "intake") == 0 ? sample->intake : sample->triage, key);
}

static void check_value(const struct field_def *f, const char *typed, bool ok, const char *expected)
{
	char why[256] = "", *normal = NULL;

	assert_int_equal(form_value_check(f, typed, NOW, &normal, why, sizeof(why)), ok);
	if (ok)
		assert_string_equal(normal, expected);
	else
		assert_string_equal(why, expected);
	free(normal);
}

static void form_values_are_checked_and_normalised(void **state)
{
	struct field_def host = {.key = "ip", .label = "IP", .type = FIELD_HOST};
	struct field_def email = {.key = "e", .label = "E", .type = FIELD_EMAIL};
	struct field_def money = {.key = "m", .label = "M", .type = FIELD_MONEY};

	(void)state;
	check_value(field("intake", "caller_name"), "  Burak Kılınç ", true, "Burak Kılınç");
	check_value(field("intake", "caller_name"), "   ", false, "is required");
	check_value(field("intake", "call_time"), "-30m", true, "2026-11-22T13:35:00Z");
	check_value(field("intake", "call_time"), "2026-11-22 14:00", true, "2026-11-22T14:00:00Z");
	check_value(field("intake", "call_time"), "2026-11-23 09:00", false,
		    "2026-11-23 09:00 UTC is in the future; give a date, e.g. -1d or 2026-01-31 14:05");
	check_value(field("intake", "first_noticed"), "", true, "");
	check_value(field("intake", "caller_name"), "bad \xff byte", false, "is not valid UTF-8 text");
	check_value(field("triage", "business_impact"), "Serious", true, "serious");
	check_value(field("triage", "business_impact"), "huge", false,
		    "must be one of: unknown, minimal, serious, critical");
	check_value(field("triage", "urgent"), "YES", true, "yes");
	check_value(&host, "192.0.2.10, 2001:db8::1 fs01.example.org 198.51.100.0/24", true,
		    "192.0.2.10, 2001:db8::1 fs01.example.org 198.51.100.0/24");
	check_value(&host, "10.0.0.300", false, "\"10.0.0.300\" is not a valid IPv4 or IPv6 address or host name");
	check_value(&host, "2001:db8::g", false, "\"2001:db8::g\" is not a valid IPv4 or IPv6 address or host name");
	check_value(&email, "soc@example.org", true, "soc@example.org");
	check_value(&email, "soc at example", false, "is not an e-mail address (name@example.org)");
	check_value(&money, "1200.50", true, "1200.50");
	check_value(&money, "12.345", false, "is not an amount (e.g. 1200, 1,200 or 1200.50)");
	check_value(field_of(sample->lead, "target_ip"), "192.0.2.10, 2001:db8::10", true, "192.0.2.10, 2001:db8::10");
	check_value(field_of(sample->lead, "target_ip"), "198.51.100.0/24, 2001:db8::/32", true, "198.51.100.0/24, 2001:db8::/32");
	check_value(field_of(sample->lead, "target_ip"), "10.0.0.1/banana", false, "\"10.0.0.1/banana\" has a bad prefix (0 to 32)");
	check_value(field_of(sample->lead, "target_ip"), "2001:db8::/129", false, "\"2001:db8::/129\" has a bad prefix (0 to 128)");
	check_value(field_of(sample->lead, "target_ip"), "fs01.example.org", false,
		    "\"fs01.example.org\" is not an IPv4 or IPv6 address (e.g. 192.0.2.10 or 2001:db8::1)");
	check_value(field_of(sample->lead, "customers_affected"), "Bank <sec@bank.example.org>\nShop <soc@shop.example.org>",
		    true, "Bank <sec@bank.example.org>\nShop <soc@shop.example.org>");
	check_value(field_of(sample->lead, "customers_affected"), "Bank <sec@bank.example.org>\nShop, no contact", false,
		    "line 2 is not \"Customer name <security@example.org>\"");
}

static void whole_form_reports_every_problem(void **state)
{
	struct field_list typed = {0}, normal = {0};
	struct form_problems problems = {0};

	(void)state;
	field_list_set(&typed, "intake", "caller_name", "", "");
	field_list_set(&typed, "intake", "first_noticed", "yesterday", "");
	field_list_set(&typed, "intake", "title", "Phishing wave", "");
	assert_false(form_check(sample->intake, &typed, true, NOW, &normal, &problems));
	assert_int_equal(problems.len, 3);
	assert_string_equal(form_problem_for(&problems, "caller_name"), "is required");
	assert_string_equal(form_problem_for(&problems, "nature"), "is required");
	assert_string_equal(form_problem_for(&problems, "first_noticed"),
			    "is not a time: use now, 14:05, 2026-11-22 14:05 or -30m");
	/* call_time was not typed: it takes its default, now. */
	assert_null(form_problem_for(&problems, "call_time"));
	assert_string_equal(field_list_find(&normal, "intake", "call_time")->value, "2026-11-22T14:05:00Z");
	form_problems_free(&problems);
	field_list_free(&typed);
	field_list_free(&normal);
}

/* A field's note, as the form's note box, sirt set --note and an import
 * take it: one line of valid UTF-8 within FORM_TEXT_MAX. */
static void a_fields_note_is_one_line_of_utf8(void **state)
{
	struct field_list typed = {0}, normal = {0};
	struct form_problems problems = {0};
	char *long_note = xcalloc(FORM_TEXT_MAX + 2, 1);

	(void)state;
	memset(long_note, 'n', FORM_TEXT_MAX + 1);
	field_list_set(&typed, "lead", "severity", "high", "seen by\nthe admin");
	field_list_set(&typed, "lead", "business_critical", "yes", "bad \xff byte");
	field_list_set(&typed, "lead", "attacker_origin", "Unknown", long_note);
	assert_false(form_check(sample->lead, &typed, false, NOW, &normal, &problems));
	assert_string_equal(form_problem_for(&problems, "severity"), "note must be one line");
	assert_string_equal(form_problem_for(&problems, "business_critical"), "note is not valid UTF-8 text");
	assert_string_equal(form_problem_for(&problems, "attacker_origin"), "note is 2001 bytes long; at most 2000 fit");
	form_problems_free(&problems);
	field_list_free(&normal);
	field_list_free(&typed);
	long_note[FORM_TEXT_MAX] = '\0';
	field_list_set(&typed, "lead", "severity", "high", long_note);
	assert_true(form_check(sample->lead, &typed, false, NOW, &normal, &problems));
	assert_string_equal(field_list_find(&normal, "lead", "severity")->note, long_note);
	form_problems_free(&problems);
	field_list_free(&normal);
	field_list_free(&typed);
	free(long_note);
}

/* Two operators on one incident: the second saves a form opened before
 * the first saved. Only what the second changed is written. */
static void an_edit_writes_only_what_was_changed(void **state)
{
	char *path = xasprintf("%s/edit.db", scratch());
	struct store *s = NULL;
	struct error err = {0};
	struct field_list typed = {0}, stored;
	struct form_problems problems = {0};
	struct incident first = {0}, second = {0}, now_in = {0};

	(void)state;
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	field_list_set(&typed, "intake", "caller_name", "Ana", "");
	field_list_set(&typed, "intake", "nature", "Laptop stolen", "");
	field_list_set(&typed, "intake", "title", "Laptop stolen from car", "");
	assert_int_equal(incident_create(s, sample, &responder, NOW, &typed, &first, &problems, &err), 0);
	assert_int_equal(store_incident_get(s, first.ref, &second, &err), 0);
	/* Operator one retitles. */
	field_list_free(&typed);
	field_list_set(&typed, "intake", "title", "Laptop with exam papers stolen", "");
	assert_int_equal(incident_save_form(s, sample->intake, &first, &responder, NOW + 60, &typed, &problems, NULL, NULL, &err), 0);
	/* Operator two, from the older copy, changes only the location. */
	field_list_free(&typed);
	field_list_set(&typed, "intake", "location", "Parking lot B", "");
	assert_int_equal(incident_save_form(s, sample->intake, &second, &responder, NOW + 90, &typed, &problems, NULL, NULL, &err), 0);
	assert_int_equal(store_incident_get(s, first.ref, &now_in, &err), 0);
	assert_string_equal(now_in.title, "Laptop with exam papers stolen");
	assert_int_equal(store_fields_get(s, now_in.id, &stored, &err), 0);
	assert_string_equal(field_list_find(&stored, "intake", "title")->value, "Laptop with exam papers stolen");
	assert_string_equal(field_list_find(&stored, "intake", "location")->value, "Parking lot B");
	/* The call time, never edited, keeps its seconds. */
	assert_string_equal(field_list_find(&stored, "intake", "call_time")->value, "2026-11-22T14:05:00Z");
	/* Clearing a required field is still refused. */
	field_list_free(&typed);
	field_list_set(&typed, "intake", "caller_name", "", "");
	assert_int_equal(incident_save_form(s, sample->intake, &now_in, &responder, NOW, &typed, &problems, NULL, NULL, &err),
			 STATUS_DATA);
	assert_string_equal(form_problem_for(&problems, "caller_name"), "is required");
	field_list_free(&stored);
	field_list_free(&typed);
	form_problems_free(&problems);
	incident_clear(&first);
	incident_clear(&second);
	incident_clear(&now_in);
	store_close(&s);
	free(path);
}

/* The one rule of "required": a required field of the form with no
 * value once the edits are laid over what is stored. An edit wins, even
 * an empty one; blanks are no value; fields not required never count. */
static void required_fields_missing_after_edits(void **state)
{
	struct field_list stored = {0}, edits = {0};
	struct strlist missing = {0};

	(void)state;
	/* Nothing stored, nothing typed: every required field, in order. */
	assert_int_equal(form_required_missing(sample->triage, &stored, &edits, &missing), 5);
	assert_string_equal(missing.items[0], "real");
	assert_string_equal(missing.items[1], "in_progress");
	assert_string_equal(missing.items[4], "urgent");
	strlist_free(&missing);
	/* Stored and typed together answer it all. */
	field_list_set(&stored, "triage", "real", "real", "");
	field_list_set(&stored, "triage", "in_progress", "no", "");
	field_list_set(&stored, "triage", "type", "other", "");
	field_list_set(&edits, "triage", "business_impact", "minimal", "");
	field_list_set(&edits, "triage", "urgent", "yes", "");
	field_list_set(&edits, "triage", "systems_targeted", "", "");
	assert_int_equal(form_required_missing(sample->triage, &stored, &edits, &missing), 0);
	assert_int_equal(missing.len, 0);
	/* A stored answer cleared by an edit, and one of blanks. */
	field_list_set(&edits, "triage", "real", "", "");
	field_list_set(&edits, "triage", "type", " \t ", "a note is not an answer");
	assert_int_equal(form_required_missing(sample->triage, &stored, &edits, &missing), 2);
	assert_string_equal(missing.items[0], "real");
	assert_string_equal(missing.items[1], "type");
	strlist_free(&missing);
	/* Another form's values answer nothing here. */
	field_list_free(&edits);
	field_list_set(&edits, "lead", "severity", "high", "");
	assert_int_equal(form_required_missing(sample->lead, &stored, NULL, &missing), 2);
	/* The count is of this call's; missing collects. */
	assert_int_equal(form_required_missing(sample->lead, &stored, &edits, &missing), 1);
	assert_string_equal(missing.items[2], "business_critical");
	strlist_free(&missing);
	field_list_free(&stored);
	field_list_free(&edits);
}

/* What the screen and `sirt set` ask before a save: the values stored
 * now with the edits over them; a report field pre-filled from the
 * record (category, procedure) answers while it is not saved, and a
 * save of nothing changed moves no status and says it saved nothing. */
static void a_save_needs_every_required_field_stored_or_typed(void **state)
{
	char *path = xasprintf("%s/required.db", scratch());
	struct store *s = NULL;
	struct error err = {0};
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct strlist missing = {0};
	struct incident in = {0}, now_in = {0};
	size_t n = 99, saved = 99;

	(void)state;
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	field_list_set(&typed, "intake", "caller_name", "Ana", "");
	field_list_set(&typed, "intake", "nature", "Laptop stolen", "");
	field_list_set(&typed, "intake", "title", "Laptop stolen from car", "");
	field_list_set(&typed, "intake", "detected_how", "The owner called", "");
	assert_int_equal(incident_create(s, sample, &responder, NOW, &typed, &in, &problems, &err), 0);
	field_list_free(&typed);

	/* A save with nothing in it saves nothing and leaves the incident new. */
	field_list_set(&typed, "triage", "systems_targeted", "", "");
	assert_int_equal(incident_save_form(s, sample->triage, &in, &responder, NOW + 30, &typed, &problems, NULL, &saved,
					    &err), 0);
	assert_int_equal(saved, 0);
	assert_int_equal(store_incident_get(s, in.ref, &now_in, &err), 0);
	assert_string_equal(now_in.status, INCIDENT_NEW);
	field_list_free(&typed);

	field_list_set(&typed, "triage", "real", "real", "");
	assert_int_equal(incident_form_missing(s, sample, sample->triage, &in, &typed, NOW, &missing, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(missing.items[0], "in_progress");
	strlist_free(&missing);
	field_list_set(&typed, "triage", "in_progress", "no", "");
	field_list_set(&typed, "triage", "type", "theft", "");
	field_list_set(&typed, "triage", "business_impact", "minimal", "");
	field_list_set(&typed, "triage", "urgent", "no", "");
	assert_int_equal(incident_form_missing(s, sample, sample->triage, &in, &typed, NOW, &missing, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(incident_save_form(s, sample->triage, &in, &responder, NOW + 60, &typed, &problems, NULL, &saved,
					    &err), 0);
	assert_int_equal(saved, 5);
	field_list_free(&typed);
	/* Stored now: one more answer needs no other. */
	field_list_set(&typed, "triage", "urgent", "yes", "");
	assert_int_equal(incident_form_missing(s, sample, sample->triage, &in, &typed, NOW, &missing, &n, &err), 0);
	assert_int_equal(n, 0);
	field_list_free(&typed);

	/* The report: how it was discovered comes from the intake, how it
	 * occurred from the triage; the category and the rest are not on
	 * record yet. */
	field_list_set(&typed, "report", "effective", "yes", "");
	assert_int_equal(incident_form_missing(s, sample, sample->report, &in, &typed, NOW, &missing, &n, &err), 0);
	assert_int_equal(strlist_find(&missing, "how_discovered"), -1);
	assert_int_equal(strlist_find(&missing, "how_occurred"), -1);
	assert_true(strlist_find(&missing, "category") >= 0);
	assert_true(strlist_find(&missing, "response_plan") >= 0);
	assert_int_equal(strlist_find(&missing, "effective"), -1);
	strlist_free(&missing);
	/* Chosen since: the record as it stands answers, not the copy read
	 * before. */
	assert_int_equal(incident_set_category(s, sample, &in, "data", "", &responder, NOW + 70, &err), 0);
	assert_int_equal(incident_form_missing(s, sample, sample->report, &in, &typed, NOW, &missing, &n, &err), 0);
	assert_int_equal(strlist_find(&missing, "category"), -1);
	strlist_free(&missing);
	field_list_free(&typed);

	/* Saved again as stored, spelt another way: nothing changed. */
	field_list_set(&typed, "triage", "real", "REAL", "");
	field_list_set(&typed, "triage", "type", " theft ", "");
	saved = 99;
	assert_int_equal(incident_save_form(s, sample->triage, &in, &responder, NOW + 80, &typed, &problems, NULL,
					    &saved, &err), 0);
	assert_int_equal(saved, 0);
	field_list_free(&typed);
	form_problems_free(&problems);
	incident_clear(&in);
	incident_clear(&now_in);
	store_close(&s);
	free(path);
}

/* Why a save was refused names what the other operator saved, note and
 * all, at a time as screens show it. Under load (tests/stress/load) only
 * the note had moved, and the message named the unchanged value, with
 * the stored ISO time. */
static void a_conflict_says_what_was_saved_meanwhile(void **state)
{
	struct field_value theirs = {.form = "triage", .key = "systems_targeted", .value = "", .note = "op2-n9",
				     .updated_at = "2026-11-23T00:03:28Z", .updated_by = "praman"};
	char *text;

	(void)state;
	text = form_conflict_text(field("triage", "systems_targeted"), &theirs);
	assert_string_equal(text, "Systems targeted was changed meanwhile by praman (2026-11-23 00:03 UTC), to \"-  (op2-n9)\"");
	free(text);
	theirs.value = "fs01 in room 4";
	theirs.note = "";
	text = form_conflict_text(field("triage", "systems_targeted"), &theirs);
	assert_string_equal(text, "Systems targeted was changed meanwhile by praman (2026-11-23 00:03 UTC), to \"fs01 in room 4\"");
	free(text);
}

/* What the triage's systems_targeted holds now, and at which version. */
static char *stored_systems(struct store *s, const struct incident *in, int64_t *version)
{
	struct field_list fields;
	struct error err = {0};
	const struct field_value *v;
	char *value;

	assert_int_equal(store_fields_get(s, in->id, &fields, &err), 0);
	v = field_list_find(&fields, "triage", "systems_targeted");
	assert_non_null(v);
	value = xstrdup(v->value);
	*version = v->version;
	field_list_free(&fields);
	return value;
}

/* Saves one value of the triage as edited from version base. */
static enum status save_from(struct store *s, const struct incident *in, const struct actor *who, const char *value,
			     int64_t base, struct field_list *conflicts)
{
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct error err = {0};
	enum status st;

	field_list_set(&typed, "triage", "systems_targeted", value, "");
	typed.items[0].base = base;
	st = incident_save_form(s, sample->triage, in, who, NOW + 60, &typed, &problems, conflicts, NULL, &err);
	field_list_free(&typed);
	form_problems_free(&problems);
	return st;
}

/* Two operators open the same form; the second to save, from the value
 * both read, is refused and told what the first saved, which stays. From
 * the version now stored, the save goes through. */
static void a_stale_save_never_overwrites(void **state)
{
	char *path = xasprintf("%s/stale.db", scratch());
	struct actor other = {.uid = 1005, .login = "lfischer"};
	struct store *s = NULL;
	struct error err = {0};
	struct field_list conflicts = {0};
	struct incident in = {0};
	int64_t read, version;
	char *value;

	(void)state;
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &responder, NOW, &in, &err), 0);
	assert_int_equal(save_from(s, &in, &responder, "fs01", 0, NULL), STATUS_OK);
	free(stored_systems(s, &in, &read));
	assert_int_equal(read, 1);
	assert_int_equal(save_from(s, &in, &other, "fs01 and fs02", read, NULL), STATUS_OK);
	assert_int_equal(save_from(s, &in, &responder, "fs03", read, &conflicts), STATUS_CONFLICT);
	assert_int_equal(conflicts.len, 1);
	assert_string_equal(conflicts.items[0].value, "fs01 and fs02");
	assert_string_equal(conflicts.items[0].updated_by, "lfischer");
	/* Edited from "not there yet" (0) when it is there: refused too. */
	assert_int_equal(save_from(s, &in, &responder, "fs03", 0, NULL), STATUS_CONFLICT);
	value = stored_systems(s, &in, &version);
	assert_string_equal(value, "fs01 and fs02");
	assert_int_equal(version, 2);
	free(value);
	/* Read again, the save goes through. */
	assert_int_equal(save_from(s, &in, &responder, "fs03", version, NULL), STATUS_OK);
	value = stored_systems(s, &in, &version);
	assert_string_equal(value, "fs03");
	assert_int_equal(version, 3);
	free(value);
	field_list_free(&conflicts);
	incident_clear(&in);
	store_close(&s);
	free(path);
}

static struct call_attempt attempt(const char *contact, const char *outcome)
{
	struct call_attempt c = {0};

	c.contact = (char *)contact;
	c.outcome = (char *)outcome;
	return c;
}

/* R3: down the order, then the one tried least, until someone answers. */
static void who_to_call_next(void **state)
{
	struct call_attempt items[5];
	struct call_list calls = {items, 0, 5};
	const struct strlist *order = &sample->escalation;
	int reached;

	(void)state;
	assert_int_equal(calls_next(order, &calls, &reached), 0);
	assert_int_equal(reached, -1);
	items[calls.len++] = attempt("lead", "no-answer");
	assert_int_equal(calls_next(order, &calls, &reached), 1);
	items[calls.len++] = attempt("deputy", "message");
	items[calls.len++] = attempt("netops", "wrong-number");
	items[calls.len++] = attempt("manager", "no-answer");
	/* Everyone tried once: round again from the top. */
	assert_int_equal(calls_next(order, &calls, &reached), 0);
	items[calls.len++] = attempt("deputy", "reached");
	assert_int_equal(calls_next(order, &calls, &reached), -1);
	assert_int_equal(reached, 1);
	assert_int_equal(calls_to(&calls, "deputy"), 2);
	assert_string_equal(calls_last_to(&calls, "deputy")->outcome, "reached");
	assert_string_equal(call_outcome_label("message"), "left a message");
	assert_null(call_outcome_label("maybe"));
}

static void logging_a_call(void **state)
{
	int64_t number;
	char *path = xasprintf("%s/calls.db", scratch());
	struct store *s = NULL;
	struct error err = {0};
	struct incident in = {0};
	struct call_list calls;
	struct timeline t;

	(void)state;
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &responder, NOW, &in, &err), 0);
	assert_int_equal(incident_log_call(s, sample, &in, "nobody", "reached", "", &responder, NOW, &number, &err),
			 STATUS_NOT_FOUND);
	assert_int_equal(incident_log_call(s, sample, &in, "lead", "maybe", "", &responder, NOW, &number, &err), STATUS_DATA);
	assert_string_equal(err.message, "unknown call outcome \"maybe\" (reached, no-answer, message or wrong-number)");
	assert_int_equal(incident_log_call(s, sample, &in, "netops", "message", "mail sent", &responder, NOW, &number, &err), 0);
	assert_int_equal(store_calls_get(s, in.id, &calls, &err), 0);
	assert_int_equal(calls.len, 1);
	assert_string_equal(calls.items[0].name, "Lena Fischer");
	assert_string_equal(calls.items[0].phone, "");
	assert_string_equal(calls.items[0].called_by, "bkilinc");
	assert_int_equal(store_timeline_get(s, in.id, &t, &err), 0);
	assert_string_equal(t.items[t.len - 1].summary, "Called Lena Fischer (no phone): left a message; mail sent");
	timeline_free(&t);
	call_list_free(&calls);
	incident_clear(&in);
	store_close(&s);
	free(path);
}

/* The forms of a call and a change: a call's contact is given by the
 * screen, not asked; a change's decision is not asked; each check names
 * the question at fault, for the form to say it under that field. */
static void call_and_change_forms(void **state)
{
	struct call_typed given = {.contact = "deputy"};
	struct field_list typed = {0};
	struct form_def *form = register_form(&change_register, sample);
	struct change change = {.what = " ", .why = "old bug"};
	struct call_typed *call;
	const char *column = NULL;
	struct error err = {0};

	(void)state;
	assert_int_equal(form->nfields, 2);
	assert_string_equal(form->fields[0].key, "what");
	assert_string_equal(form->fields[1].key, "why");
	form_def_free(&form);
	assert_int_equal(change_register.check(&change, NOW, &column, &err), STATUS_DATA);
	assert_string_equal(column, "what");
	change.what = "Patch the VPN gateway";
	assert_int_equal(change_register.check(&change, NOW, &column, &err), STATUS_OK);

	form = register_form(&call_register, sample);
	assert_int_equal(form->nfields, 2);
	assert_string_equal(form->fields[0].key, "outcome");
	assert_int_equal(form->fields[0].type, FIELD_CHOICE);
	assert_int_equal(form->fields[0].choices.len, 4);
	assert_string_equal(form->fields[1].key, "note");
	form_def_free(&form);
	field_list_set(&typed, "call", "outcome", "", NULL);
	field_list_set(&typed, "call", "note", "voicemail full", NULL);
	call = register_typed_from_fields(&call_register, &typed, &given);
	assert_string_equal(call->contact, "deputy");
	assert_string_equal(call->note, "voicemail full");
	assert_int_equal(call_register.check(call, NOW, &column, &err), STATUS_DATA);
	assert_string_equal(column, "outcome");
	assert_string_equal(err.message, "say how the call went: reached, no-answer, message or wrong-number");
	call->outcome = "no-answer";
	assert_int_equal(call_register.check(call, NOW, &column, &err), STATUS_OK);
	call->contact = NULL;
	assert_int_equal(call_register.check(call, NOW, &column, &err), STATUS_DATA);
	assert_null(column);
	free(call);
	field_list_free(&typed);
}

/* R15: only the management role decides, with a reason, once. */
static void changes_need_a_manager_and_a_reason(void **state)
{
	char *path = xasprintf("%s/changes.db", scratch());
	struct actor manager = {.uid = 1004, .login = "jalvarez"};
	struct store *s = NULL;
	struct error err = {0};
	struct incident in = {0};
	struct change_list changes;
	int64_t number = 0;
	char *why;

	(void)state;
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &responder, NOW, &in, &err), 0);
	assert_int_equal(incident_propose_change(s, &in, "  ", "", &responder, NOW, &number, &err), STATUS_DATA);
	assert_string_equal(err.message, "the change is required");
	assert_int_equal(incident_propose_change(s, &in, "Patch the VPN gateway", "old bug", &responder, NOW, &number,
						 &err), 0);
	assert_int_equal(number, 1);
	assert_false(may(sample, &responder, CAN_APPROVE));
	assert_true(may(sample, &manager, CAN_APPROVE));
	why = refusal(sample, &responder, CAN_APPROVE, "approving or rejecting a change");
	assert_non_null(why);
	assert_non_null(strstr(why, "approving or rejecting a change needs the manager role: bkilinc is a lead (see [roles] in "));
	assert_non_null(strstr(why, "; it is held by jalvarez)"));
	free(why);
	assert_int_equal(incident_decide_change(s, sample, &in, 1, true, "ok", &responder, NOW, &err), STATUS_PERMISSION);
	assert_int_equal(incident_decide_change(s, sample, &in, 1, false, "no", &responder, NOW, &err), STATUS_PERMISSION);
	assert_int_equal(incident_decide_change(s, sample, &in, 1, true, "", &manager, NOW, &err), STATUS_DATA);
	assert_string_equal(err.message, "the reason for approving is required");
	assert_int_equal(incident_decide_change(s, sample, &in, 9, true, "ok", &manager, NOW, &err), STATUS_NOT_FOUND);
	assert_int_equal(incident_decide_change(s, sample, &in, 1, false, "too risky now", &manager, NOW + 60, &err), 0);
	assert_int_equal(incident_decide_change(s, sample, &in, 1, true, "changed my mind", &manager, NOW, &err),
			 STATUS_CONFLICT);
	assert_string_equal(err.message,
			    "change 1 of IR-2026-0001 was already rejected by jalvarez at 2026-11-22 14:06 UTC");
	assert_int_equal(store_changes_get(s, in.id, &changes, &err), 0);
	assert_string_equal(changes.items[0].state, CHANGE_REJECTED);
	assert_string_equal(changes.items[0].reason, "too risky now");
	assert_string_equal(changes.items[0].decided_at, "2026-11-22T14:06:00Z");
	change_list_free(&changes);
	incident_clear(&in);
	store_close(&s);
	free(path);
}

/* R13: findings of a kind, interviews linked to witnesses, never changed. */
static void findings_and_witnesses(void **state)
{
	char *path = xasprintf("%s/notes.db", scratch());
	struct store *s = NULL;
	struct error err = {0};
	struct incident in = {0};
	struct note_list notes;
	struct witness_list witnesses;
	int64_t number = 0;
	sqlite3 *db;

	(void)state;
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &responder, NOW, &in, &err), 0);
	assert_int_equal(incident_add_witness(s, &in, " ", "", "", NULL, 0, &responder, NOW, &number, &err), STATUS_DATA);
	assert_string_equal(err.message, "the witness's name is required");
	assert_int_equal(incident_add_witness(s, &in, "Amara Okafor", "+1 555 0102", "saw it at 09:10", NULL, 0, &responder,
						NOW, &number, &err), 0);
	assert_int_equal(number, 1);
	assert_int_equal(incident_add_note(s, &in, "gossip", "x", 0, &responder, NOW, &number, &err), STATUS_DATA);
	assert_int_equal(incident_add_note(s, &in, "interview", "x", 2, &responder, NOW, &number, &err), STATUS_NOT_FOUND);
	assert_int_equal(incident_add_note(s, &in, "log-gap", "", 0, &responder, NOW, &number, &err), STATUS_DATA);
	assert_int_equal(incident_add_note(s, &in, "log-gap", "x", 1, &responder, NOW, &number, &err), STATUS_DATA);
	assert_string_equal(err.message, "only an interview names a witness, and this note is gap in the logs");
	assert_int_equal(incident_add_note(s, &in, "log-gap", "syslog silent 02:10-02:40", 0, &responder, NOW, &number, &err), 0);
	assert_int_equal(incident_add_note(s, &in, "interview", "confirms 09:10\nand the admin's call", 1, &responder,
					   NOW + 60, &number, &err), 0);
	assert_int_equal(store_notes_get(s, in.id, &notes, &err), 0);
	assert_int_equal(store_witnesses_get(s, in.id, &witnesses, &err), 0);
	assert_int_equal(notes.len, 2);
	assert_int_equal(notes.items[0].witness, 0);
	assert_int_equal(notes.items[1].witness, 1);
	assert_string_equal(notes.items[1].text, "confirms 09:10\nand the admin's call");
	assert_string_equal(witness_list_find(&witnesses, 1)->statement, "saw it at 09:10");
	assert_string_equal(witness_list_find(&witnesses, 1)->interviewed_by, "bkilinc");
	assert_string_equal(witness_list_find(&witnesses, 1)->interviewed_at, "2026-11-22T14:05:00Z");
	note_list_free(&notes);
	/* The form of a finding: a kind, the text, and the witness heard,
	 * offered by number and name, each fault said under its question. */
	{
		struct form_def *form = register_form(&note_register, NULL);
		const struct field_def *heard;
		struct note_typed typed = {"log-gap", "told at 09:10", "1. Amara Okafor"};
		const char *column = NULL;

		note_form_witnesses(form, &witnesses);
		assert_int_equal(form_def_field(form, "kind")->type, FIELD_CHOICE);
		assert_int_equal(form_def_field(form, "text")->type, FIELD_MULTILINE);
		assert_non_null(heard = form_def_field(form, "witness"));
		assert_int_equal(heard->choices.len, 2);
		assert_string_equal(heard->choices.items[0], "none");
		assert_string_equal(heard->choices.items[1], "1. Amara Okafor");
		assert_string_equal(heard->default_value, "none");
		form_def_free(&form);
		assert_int_equal(note_register.check(&typed, NOW, &column, &err), STATUS_DATA);
		assert_string_equal(column, "witness");
		typed.witness = "Amara";
		assert_int_equal(note_register.check(&typed, NOW, &column, &err), STATUS_DATA);
		assert_string_equal(column, "witness");
		assert_string_equal(err.message, "the witness is none or one of the incident's witnesses by number, "
						 "not \"Amara\"");
		typed = (struct note_typed){"", "x", "none"};
		assert_int_equal(note_register.check(&typed, NOW, &column, &err), STATUS_DATA);
		assert_string_equal(column, "kind");
		typed = (struct note_typed){"interview", " ", "1"};
		assert_int_equal(note_register.check(&typed, NOW, &column, &err), STATUS_DATA);
		assert_string_equal(column, "text");
		assert_string_equal(err.message, "the finding is required");
		typed = (struct note_typed){"interview", "told at 09:10", "1. Amara Okafor"};
		assert_int_equal(note_register.check(&typed, NOW, &column, &err), STATUS_OK);
		assert_int_equal(note_register.add(s, NULL, &in, &typed, &responder, NOW + 120, &number, &err), 0);
		typed.witness = "2. Nobody";
		assert_int_equal(note_register.add(s, NULL, &in, &typed, &responder, NOW + 120, &number, &err),
				 STATUS_NOT_FOUND);
		assert_int_equal(store_notes_get(s, in.id, &notes, &err), 0);
		assert_int_equal(notes.len, 3);
		assert_int_equal(notes.items[2].witness, 1);
		note_list_free(&notes);
	}
	witness_list_free(&witnesses);
	incident_clear(&in);
	store_close(&s);
	/* Findings are on record: the file refuses to change them. */
	assert_non_null(db = raw_open(path));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE note SET text = 'nothing'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM note", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(path);
}

/* R17: hashes that match the standard, custody from holder to holder,
 * corrections as new items, verifications on record, nothing edited. */
/* SHA-256 in memory and streamed from a file, against FIPS 180-4's
 * examples and a long text checked with sha256sum(1), and the two ways
 * against each other at every length around the 64-byte blocks and
 * around the 1 MiB reads of a stream. */
/* Written to the file being hashed after its first chunk (the hook the
 * hashing calls after each one): a writer that acts mid-hash, every
 * time, with no race. */
static const char *being_hashed;
static bool append_not_overwrite;

static void write_mid_hash(void)
{
	int fd = open(being_hashed, O_WRONLY | (append_not_overwrite ? O_APPEND : 0));

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "TAMPERED", 8), 8);
	close(fd);
	digest_chunk_hook_set(NULL);
}

static char *file_of(const char *name, size_t size, char fill)
{
	char *path = xasprintf("%s/%s", scratch(), name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	for (size_t i = 0; i < size; i++)
		fputc(fill, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void evidence_changing_under_the_hash(void **state)
{
	struct evidence_reading how = {0};
	struct evidence_read read;
	struct error err = {0};
	char *path = file_of("changing.img", 3 * 1024 * 1024, 'z');

	(void)state;
	/* Steady: hashed, nothing moved. */
	assert_int_equal(evidence_read_file(path, "changing.img", &how, &read, &err), STATUS_OK);
	assert_null(read.changing);
	assert_int_equal(read.size, 3 * 1024 * 1024);
	evidence_read_clear(&read);
	/* "TAMPERED" at offset 0 after the first MiB was read: the size
	 * stays, the times move. Refused, 65. */
	being_hashed = path;
	append_not_overwrite = false;
	{
		struct timespec old[2] = {{.tv_sec = 1577836800}, {.tv_sec = 1577836800}};
		assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
	}
	digest_chunk_hook_set(write_mid_hash);
	assert_int_equal(evidence_read_file(path, "changing.img", &how, &read, &err), STATUS_DATA);
	digest_chunk_hook_set(NULL);
	assert_non_null(strstr(err.message, "changing.img changed while it was hashed (its modification time moved"));
	assert_non_null(strstr(err.message, "add --changing"));
	assert_null(read.changing);
	/* Grown meanwhile, with --changing: recorded, saying what moved. */
	append_not_overwrite = true;
	how.changing = true;
	digest_chunk_hook_set(write_mid_hash);
	assert_int_equal(evidence_read_file(path, "changing.img", &how, &read, &err), STATUS_OK);
	digest_chunk_hook_set(NULL);
	assert_non_null(read.changing);
	assert_non_null(strstr(read.changing, "its size went from 3145728 to 3145736 bytes"));
	evidence_read_clear(&read);
	free(path);
}

static void evidence_from_nothing_is_refused(void **state)
{
	struct evidence_reading how = {0};
	struct evidence_read read;
	struct error err = {0};
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	close(fds[1]);
	assert_int_equal(evidence_read_fd(fds[0], &how, &read, &err), STATUS_NOT_FOUND);
	assert_non_null(strstr(err.message, "standard input held no data"));
	close(fds[0]);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "header", 6), 6);
	close(fds[1]);
	assert_int_equal(evidence_read_fd(fds[0], &how, &read, &err), STATUS_OK);
	assert_string_equal(read.sha256, "1e0584a25d9f43bf5cbd0aec01eb1af2220ed085b4e7f1837b0d89958cae353a");
	evidence_read_clear(&read);
	close(fds[0]);
}

static void evidence_store_keeps_one_read_only_copy(void **state)
{
	char *store = xasprintf("%s/store", scratch()), *path = file_of("kept.log", 100, 'k');
	struct evidence_reading how = {.store = store};
	struct evidence_read read, again;
	struct error err = {0};
	char hex[SHA256_HEX_SIZE], why[256], *expected;
	unsigned char bytes[100];
	uint64_t size;
	struct stat info;

	(void)state;
	memset(bytes, 'k', sizeof(bytes));
	sha256_hex(bytes, sizeof(bytes), hex);
	assert_int_equal(evidence_read_file(path, "kept.log", &how, &read, &err), STATUS_OK);
	expected = xasprintf("%s/sha256/%.2s/%s", store, hex, hex);
	assert_string_equal(read.copy, expected);
	assert_int_equal(lstat(read.copy, &info), 0);
	assert_true(S_ISREG(info.st_mode));
	assert_int_equal(info.st_mode & 07777, 0444);
	assert_int_equal(info.st_size, 100);
	assert_int_equal(evidence_copy_hash(read.copy, hex, &size, why, sizeof(why)), 0);
	assert_string_equal(hex, read.sha256);
	/* The same bytes again: the object there is kept, nothing else left. */
	assert_int_equal(evidence_read_file(path, "kept.log", &how, &again, &err), STATUS_OK);
	assert_string_equal(again.copy, read.copy);
	{
		char *top = xasprintf("%s/sha256", store), *cmd = xasprintf("ls -A %s | wc -l", top);
		FILE *p = popen(cmd, "r");
		int n = -1;

		assert_non_null(p);
		assert_int_equal(fscanf(p, "%d", &n), 1);
		pclose(p);
		assert_int_equal(n, 1);	/* the one shard, no hidden file */
		free(top);
		free(cmd);
	}
	evidence_read_clear(&again);
	/* A copy changed in the store is found, and never replaced. */
	assert_int_equal(chmod(read.copy, 0644), 0);
	{
		FILE *f = fopen(read.copy, "a");
		assert_non_null(f);
		fputs("x", f);
		fclose(f);
	}
	assert_int_equal(evidence_read_file(path, "kept.log", &how, &again, &err), STATUS_DATA);
	assert_non_null(strstr(err.message, "was changed since it was stored"));
	evidence_read_clear(&read);
	free(expected);
	free(path);
	free(store);
}

static void evidence_store_never_follows_a_link(void **state)
{
	char *store = xasprintf("%s/linked", scratch()), *target = xasprintf("%s/elsewhere", scratch());
	char *top = xasprintf("%s/sha256", store), *path = file_of("linked.log", 10, 'l');
	struct evidence_reading how = {.store = store};
	struct evidence_read read;
	struct error err = {0};

	(void)state;
	assert_int_equal(mkdir(store, 0700), 0);
	assert_int_equal(mkdir(target, 0700), 0);
	assert_int_equal(symlink(target, top), 0);
	assert_int_equal(evidence_read_file(path, "linked.log", &how, &read, &err), STATUS_CANT_CREATE);
	assert_non_null(strstr(err.message, "symbolic link"));
	{
		char *cmd = xasprintf("ls -A %s | wc -l", target);
		FILE *p = popen(cmd, "r");
		int n = -1;

		assert_non_null(p);
		assert_int_equal(fscanf(p, "%d", &n), 1);
		pclose(p);
		assert_int_equal(n, 0);	/* nothing made through the link */
		free(cmd);
	}
	free(store);
	free(target);
	free(top);
	free(path);
}

static void hashes_match_the_standard(void **state)
{
	static const struct {
		const char *text, *sha256;
	} vectors[] = {
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	};
	const size_t mib = 1024 * 1024, big = 2 * mib + 1;
	const size_t lengths[] = {mib - 1, mib, mib + 1, big};
	char hex[SHA256_HEX_SIZE], streamed[SHA256_HEX_SIZE], why[256];
	unsigned char *bytes = malloc(big);
	uint64_t seed = 88172645463325252ull, size;
	FILE *f;

	(void)state;
	assert_non_null(bytes);
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		sha256_hex(vectors[i].text, strlen(vectors[i].text), hex);
		assert_string_equal(hex, vectors[i].sha256);
	}
	memset(bytes, 'a', big);
	sha256_hex(bytes, 1000000, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* head -c 2097153 /dev/zero | tr '\0' a | sha256sum: three reads. */
	f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, big, f), big);
	assert_int_equal(fflush(f), 0);
	assert_int_equal(lseek(fileno(f), 0, SEEK_SET), 0);
	assert_int_equal(sha256_fd(fileno(f), big, streamed, &size, NULL, NULL, why, sizeof(why)), 0);
	fclose(f);
	assert_int_equal(size, big);
	assert_string_equal(streamed, "16a429a1e5162fcf59e3079724763e9afafcef1e2c7f862571e9267b3d959113");
	sha256_hex(bytes, big, hex);
	assert_string_equal(hex, streamed);
	for (size_t i = 0; i < big; i++) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		bytes[i] = (unsigned char)seed;
	}
	for (size_t len = 0, k = 0; len <= big; len = len < 300 ? len + 1 : len < 1100 ? len + 97 : lengths[k++]) {
		f = tmpfile();
		assert_non_null(f);
		assert_int_equal(fwrite(bytes, 1, len, f), len);
		assert_int_equal(fflush(f), 0);
		assert_int_equal(lseek(fileno(f), 0, SEEK_SET), 0);
		assert_int_equal(sha256_fd(fileno(f), len, streamed, &size, NULL, NULL, why, sizeof(why)), 0);
		fclose(f);
		assert_int_equal(size, len);
		sha256_hex(bytes, len, hex);
		assert_string_equal(hex, streamed);
		if (len == big)
			break;
	}
	free(bytes);
}

static void evidence_register_rules(void **state)
{
	char *path = xasprintf("%s/evidence.db", scratch());
	const char *file = write_file("abc.txt", "abc");
	struct store *s = NULL;
	struct error err = {0};
	struct incident in = {0};
	struct evidence_register reg;
	char hex[SHA256_HEX_SIZE], why[256];
	uint64_t size;
	int64_t number;
	const char *result;
	sqlite3 *db;

	(void)state;
	/* FIPS 180-2's test vector for "abc". */
	assert_int_equal(sha256_file(file, hex, &size, NULL, NULL, why, sizeof(why)), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(size, 3);
	assert_int_equal(sha256_file("/nonexistent/x", hex, &size, NULL, NULL, why, sizeof(why)), -1);
	{
		/* A FIFO is refused, not waited on. */
		char *fifo = xasprintf("%s/pipe", scratch());
		remove(fifo);
		assert_int_equal(mkfifo(fifo, 0600), 0);
		assert_int_equal(sha256_file(fifo, hex, &size, NULL, NULL, why, sizeof(why)), -1);
		assert_non_null(strstr(why, "is not a regular file"));
		free(fifo);
	}

	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &responder, NOW, &in, &err), 0);
	assert_int_equal(incident_add_evidence(s, &in, "copy", "rumour", "", "", "", 0, 0, &responder, NOW, &number, &err),
			 STATUS_DATA);
	assert_int_equal(incident_add_evidence(s, &in, "copy", "log-copy", "", "", "XYZ", 0, 0, &responder, NOW, &number,
					       &err), STATUS_DATA);
	assert_int_equal(incident_add_evidence(s, &in, "abc file", "log-copy", file, "safe 2",
					       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 3, 0,
					       &responder, NOW, &number, &err), 0);
	assert_int_equal(number, 1);
	assert_int_equal(incident_add_evidence(s, &in, "fix", "note", "", "", "", 0, 5, &responder, NOW, &number, &err),
			 STATUS_NOT_FOUND);
	assert_int_equal(incident_add_evidence(s, &in, "abc file, collected at 02:10 not 02:01", "note", "", "", "", 0, 1,
					       &responder, NOW, &number, &err), 0);
	/* The chain: from whoever holds it to the next. */
	assert_int_equal(incident_hand_over(s, &in, 1, "Lena", "analysis", "", &responder, NOW + 60, &number, &err), 0);
	assert_int_equal(incident_hand_over(s, &in, 1, "Locker", "storage", "locker 4", &responder, NOW + 120, &number, &err), 0);
	assert_int_equal(incident_hand_over(s, &in, 9, "X", "y", "", &responder, NOW, &number, &err), STATUS_NOT_FOUND);
	assert_int_equal(incident_hand_over(s, &in, 1, "Locker", "again", "", &responder, NOW, &number, &err), STATUS_DATA);
	assert_string_equal(err.message, "evidence 1 is already held by Locker");
	assert_int_equal(incident_hand_over(s, &in, 1, "X", " ", "", &responder, NOW, &number, &err), STATUS_DATA);
	{
		/* A hand-over from someone who no longer holds it: refused. */
		struct custody stale = {.evidence = 1, .from_who = (char *)"Lena", .to_who = (char *)"Mallory",
					.purpose = (char *)"x", .location = (char *)""};
		assert_int_equal(store_custody_add(s, &in, &stale, "x", &responder, NOW, &number, &err), STATUS_CONFLICT);
		assert_non_null(strstr(err.message, "evidence 1 is now held by Locker, not Lena"));
	}
	assert_int_equal(incident_record_verification(s, &in, 1, hex, &responder, NOW, &result, &err), 0);
	assert_string_equal(result, "match");
	assert_int_equal(incident_record_verification(s, &in, 1, "0000", &responder, NOW, &result, &err), 0);
	assert_string_equal(result, "mismatch");
	assert_int_equal(incident_record_verification(s, &in, 1, NULL, &responder, NOW, &result, &err), 0);
	assert_string_equal(result, "missing");
	assert_int_equal(incident_record_verification(s, &in, 2, hex, &responder, NOW, &result, &err), STATUS_DATA);
	assert_int_equal(store_evidence_get(s, in.id, &reg, &err), 0);
	assert_int_equal(reg.len, 2);
	assert_int_equal(reg.items[1].corrects, 1);
	assert_int_equal(reg.ncustody, 2);
	assert_string_equal(reg.custody[0].from_who, "bkilinc");
	assert_string_equal(reg.custody[0].to_who, "Lena");
	assert_string_equal(reg.custody[1].from_who, "Lena");
	assert_string_equal(evidence_custodian(&reg, 1), "Locker");
	assert_string_equal(evidence_custodian(&reg, 2), "bkilinc");
	assert_int_equal(reg.nchecks, 3);
	evidence_register_free(&reg);
	incident_clear(&in);
	store_close(&s);
	/* Nothing of it can be edited in place. */
	assert_non_null(db = raw_open(path));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE evidence SET sha256 = ''", NULL, NULL, NULL), SQLITE_OK);
	assert_string_equal(sqlite3_errmsg(db), "evidence is never changed in place; add a correcting entry");
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM custody", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE evidence_check SET result = 'match'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(path);
}

/* An item as typed in its form: the path checked and said under its
 * field before anything is hashed, then hashed and kept absolute; a
 * hand-over as typed names its item by number. */
static void evidence_typed_in_a_form(void **state)
{
	char *path = xasprintf("%s/typed.db", scratch());
	const char *file = write_file("typed.txt", "abc");
	char *missing = xasprintf("%s/no-such.txt", scratch());
	struct evidence_typed item = {.description = (char *)"abc file", .kind = (char *)"log-copy",
				      .path = missing, .location = (char *)"safe 2", .corrects = (char *)""};
	struct custody_typed hand = {.evidence = (char *)"one", .to = (char *)"Lena", .purpose = (char *)"analysis",
				     .location = (char *)""};
	struct store *s = NULL;
	struct error err = {0};
	struct incident in = {0};
	struct evidence_register reg;
	const char *column = NULL;
	int64_t number;

	(void)state;
	assert_int_equal(evidence_item_check(&item, &column, &err), STATUS_NOT_FOUND);
	assert_string_equal(column, "path");
	assert_non_null(strstr(err.message, "cannot find the evidence file"));
	item.path = (char *)scratch();
	assert_int_equal(evidence_item_check(&item, &column, &err), STATUS_NOT_FOUND);
	assert_string_equal(column, "path");
	assert_non_null(strstr(err.message, "is a directory, not a file"));
	item.path = (char *)file;
	item.corrects = (char *)"1x";
	assert_int_equal(evidence_register.check(&item, NOW, &column, &err), STATUS_DATA);
	assert_string_equal(column, "corrects");
	item.corrects = (char *)"";
	item.kind = (char *)"rumour";
	assert_int_equal(evidence_register.check(&item, NOW, &column, &err), STATUS_DATA);
	assert_string_equal(column, "kind");
	item.kind = (char *)"log-copy";
	assert_int_equal(evidence_register.check(&item, NOW, &column, &err), STATUS_OK);
	assert_null(column);
	/* "~/" is the home directory, as a shell reads it. */
	{
		char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;

		setenv("HOME", scratch(), 1);
		item.path = (char *)"~/typed.txt";
		assert_int_equal(evidence_register.check(&item, NOW, &column, &err), STATUS_OK);
		item.path = (char *)"~/no-such.txt";
		assert_int_equal(evidence_register.check(&item, NOW, &column, &err), STATUS_NOT_FOUND);
		assert_string_equal(column, "path");
		if (home)
			setenv("HOME", home, 1);
		else
			unsetenv("HOME");
		free(home);
		item.path = (char *)file;
	}
	assert_int_equal(custody_register.check(&hand, NOW, &column, &err), STATUS_DATA);
	assert_string_equal(column, "evidence");
	hand.evidence = (char *)"1";
	hand.purpose = (char *)" ";
	assert_int_equal(custody_register.check(&hand, NOW, &column, &err), STATUS_DATA);
	assert_string_equal(column, "purpose");
	hand.purpose = (char *)"analysis";

	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &responder, NOW, &in, &err), 0);
	/* The command line gives no check first: the add makes it. */
	item.path = missing;
	assert_int_equal(evidence_item_add(s, &in, &item, NULL, &responder, NOW, &number, &err),
			 STATUS_NOT_FOUND);
	item.path = (char *)file;
	assert_int_equal(evidence_register.add(s, NULL, &in, &item, &responder, NOW, &number, &err), STATUS_OK);
	assert_int_equal(number, 1);
	assert_int_equal(custody_register.add(s, NULL, &in, &hand, &responder, NOW + 60, &number, &err), STATUS_OK);
	hand.evidence = (char *)"2";
	assert_int_equal(custody_register.add(s, NULL, &in, &hand, &responder, NOW + 60, &number, &err),
			 STATUS_NOT_FOUND);
	assert_int_equal(store_evidence_get(s, in.id, &reg, &err), 0);
	assert_int_equal(reg.len, 1);
	assert_string_equal(reg.items[0].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(reg.items[0].size, 3);
	{
		/* Kept absolute, as it resolves. */
		char *real = realpath(file, NULL);

		assert_string_equal(reg.items[0].path, real);
		free(real);
	}
	assert_string_equal(evidence_custodian(&reg, 1), "Lena");
	evidence_register_free(&reg);
	incident_clear(&in);
	store_close(&s);
	free(missing);
	free(path);
}

/* R16: the restoration list is tracked apart from the procedure, and a
 * step that carries out a change waits for management's approval. */
static void restoration_waits_for_an_approved_change(void **state)
{
	char *path = xasprintf("%s/restore.db", scratch());
	struct actor manager = {.uid = 1004, .login = "jalvarez"};
	struct store *s = NULL;
	struct error err = {0};
	struct incident in = {0};
	struct step_list steps;
	struct step_view *views;
	struct step_progress progress;
	int64_t number;
	size_t n;

	(void)state;
	assert_string_equal(sample->restoration->title, "Restoration (plan A)");
	assert_string_equal(sample->restoration->steps[0].key, "restoration.preserve-evidence");
	assert_false(sample->restoration->steps[0].needs_approved_change);
	assert_true(procedure_def_step(sample->restoration, "restoration.patch")->needs_approved_change);
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &responder, NOW, &in, &err), 0);
	assert_int_equal(incident_set_procedure(s, sample, &in, "inactive-intrusion", &responder, NOW, &err), 0);
	incident_clear(&in);
	assert_int_equal(store_incident_get(s, "IR-2026-0001", &in, &err), 0);
	/* The procedure's preserve-evidence and the list's are two steps. */
	assert_int_equal(incident_mark_step(s, sample, &in, "preserve-evidence", STEP_DONE, "", -1, &responder, NOW, &err), 0);
	assert_int_equal(incident_mark_step(s, sample, &in, "restoration.preserve-evidence", STEP_NA, "", -1, &responder, NOW,
					    &err), 0);
	assert_int_equal(incident_mark_step(s, sample, &in, "restoration.patch", STEP_DONE, "", -1, &responder, NOW, &err),
			 STATUS_DATA);
	assert_string_equal(err.message, "\"Patch the operating system and applications fully\" carries out a change: it needs a "
			    "change that management approved here, and none is yet (propose one; a manager approves it; an "
			    "approval an import brought is the file's word, and does not count)");
	/* The procedure's own approval step waits the same way. */
	assert_int_equal(incident_mark_step(s, sample, &in, "approval", STEP_DONE, "", -1, &responder, NOW, &err), STATUS_DATA);
	assert_int_equal(incident_propose_change(s, &in, "Patch fs01", "", &responder, NOW, &number, &err), 0);
	assert_int_equal(incident_mark_step(s, sample, &in, "restoration.patch", STEP_DONE, "", -1, &responder, NOW, &err),
			 STATUS_DATA);
	assert_int_equal(incident_decide_change(s, sample, &in, number, true, "go", &manager, NOW, &err), 0);
	assert_int_equal(incident_mark_step(s, sample, &in, "restoration.patch", STEP_DONE, "", -1, &responder, NOW, &err), 0);
	assert_int_equal(incident_mark_step(s, sample, &in, "approval", STEP_DONE, "", -1, &responder, NOW, &err), 0);
	assert_int_equal(store_steps_get(s, in.id, &steps, &err), 0);
	assert_string_equal(step_list_find(&steps, "restoration.patch")->procedure, PROCEDURE_RESTORATION);
	assert_string_equal(step_list_find(&steps, "preserve-evidence")->state, STEP_DONE);
	n = procedure_step_views(config_procedure(sample, "inactive-intrusion"), &steps, &views);
	procedure_progress(views, n, &progress);
	assert_int_equal(progress.worked, 2);	/* preserve-evidence and approval; restoration records are not */
	assert_int_equal(n, config_procedure(sample, "inactive-intrusion")->nsteps);
	free(views);
	n = restoration_step_views(sample->restoration, &steps, &views);
	procedure_progress(views, n, &progress);
	assert_int_equal(progress.worked, 2);
	assert_int_equal(progress.total, 7);
	free(views);
	step_list_free(&steps);
	incident_clear(&in);
	store_close(&s);
	free(path);
}

/* R11: the steps recorded become a procedure file that reads back as
 * written, ends in the shared steps, and never overwrites another. */
static void free_steps_become_a_procedure(void **state)
{
	struct step_record items[3];
	struct step_list records = {items, 3, 3};
	struct diag_list diags = {0};
	struct procedure_def *proc;
	char *key, *text, *path, why[256];
	const char *dir = scratch();

	(void)state;
	items[0] = record(PROCEDURE_NONE, "free-1", "Called the ISP; asked for a block", STEP_DONE);
	items[0].note = (char *)"ticket #4711 \"urgent\"\nsecond line";
	items[1] = record(PROCEDURE_NONE, "free-2", "  Reset the VPN keys in C:\\temp\\", STEP_DONE);
	items[2] = record("worm", "isolate", "Isolate", STEP_DONE);	/* not a free step */
	text = procedure_file_text("Phishing: campaign (new)", "", "IR-2026-0007", &records,
				   config_procedure(sample, "worm"), &key);
	assert_string_equal(key, "phishing-campaign-new");
	assert_non_null(strstr(text, "title = \"Called the ISP; asked for a block\"\n"));
	assert_non_null(strstr(text, "help = \"ticket #4711 'urgent' second line\"\n"));
	assert_null(strstr(text, "Isolate"));
	path = procedure_file_write(dir, key, text, why, sizeof(why));
	assert_non_null(path);
	{
		/* Every operator's sirt must be able to read it. */
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		assert_true(st.st_mode & S_IRGRP);
	}
	proc = procedure_def_load(path, &diags);
	assert_int_equal(diags.len, 0);
	assert_non_null(proc);
	assert_string_equal(proc->title, "Phishing: campaign (new)");
	assert_int_equal(proc->nsteps, 6);
	assert_string_equal(proc->steps[0].title, "Called the ISP; asked for a block");
	assert_string_equal(proc->steps[0].help, "ticket #4711 'urgent' second line");
	/* A trailing backslash would join the next line into this one. */
	assert_string_equal(proc->steps[1].title, "Reset the VPN keys in C:\\temp");
	assert_string_equal(proc->steps[2].key, "forensics");
	assert_string_equal(proc->steps[5].key, "restoration");
	procedure_def_free(&proc);
	/* The same name again: refused, the first file untouched. */
	assert_null(procedure_file_write(dir, key, "garbage", why, sizeof(why)));
	assert_non_null(strstr(why, "a procedure of that name exists"));
	proc = procedure_def_load(path, &diags);
	assert_non_null(proc);
	procedure_def_free(&proc);
	diag_list_free(&diags);
	free(path);
	free(text);
	free(key);
}

static void statuses_only_move_forward(void **state)
{
	(void)state;
	assert_string_equal(incident_status_after(INCIDENT_NEW, "triage"), INCIDENT_TRIAGE);
	assert_string_equal(incident_status_after(INCIDENT_NEW, "procedure"), INCIDENT_RESPONDING);
	assert_string_equal(incident_status_after(INCIDENT_TRIAGE, "procedure"), INCIDENT_RESPONDING);
	assert_null(incident_status_after(INCIDENT_RESPONDING, "triage"));
	assert_null(incident_status_after(INCIDENT_CLOSED, "procedure"));
	assert_null(incident_status_after(INCIDENT_NEW, "intake"));
}

static void an_incident_worked_from_call_to_steps(void **state)
{
	char *path = xasprintf("%s/core.db", scratch());
	struct store *s = NULL;
	struct error err = {0};
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct incident in = {0};
	struct step_list steps;

	(void)state;
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	field_list_set(&typed, "intake", "caller_name", "Burak Kılınç", "");
	field_list_set(&typed, "intake", "nature", "Ransom note on the file server", "");
	field_list_set(&typed, "intake", "title", "Ransomware on FS01", "");
	assert_int_equal(incident_create(s, sample, &responder, NOW, &typed, &in, &problems, &err), STATUS_OK);
	assert_string_equal(in.status, INCIDENT_NEW);
	assert_string_equal(in.title, "Ransomware on FS01");

	field_list_free(&typed);
	field_list_set(&typed, "triage", "real", "real", "admin confirmed");
	field_list_set(&typed, "triage", "in_progress", "yes", "");
	field_list_set(&typed, "triage", "type", "intrusion", "");
	field_list_set(&typed, "triage", "business_impact", "critical", "");
	field_list_set(&typed, "triage", "urgent", "yes", "");
	assert_int_equal(incident_save_form(s, sample->triage, &in, &responder, NOW + 60, &typed, &problems, NULL, NULL, &err), 0);
	incident_clear(&in);
	assert_int_equal(store_incident_get(s, "IR-2026-0001", &in, &err), 0);
	assert_string_equal(in.status, INCIDENT_TRIAGE);

	assert_int_equal(incident_set_category(s, sample, &in, "nosuch", "", &responder, NOW, &err), STATUS_DATA);
	assert_int_equal(incident_set_category(s, sample, &in, "data", "", &responder, NOW + 120, &err), 0);
	assert_int_equal(incident_set_procedure(s, sample, &in, "active-intrusion", &responder, NOW + 180, &err), 0);
	incident_clear(&in);
	assert_int_equal(store_incident_get(s, "IR-2026-0001", &in, &err), 0);
	assert_string_equal(in.status, INCIDENT_RESPONDING);
	assert_string_equal(in.category, "data");

	assert_int_equal(incident_mark_step(s, sample, &in, "confirm-activity", STEP_DONE, "", -1, &responder, NOW, &err), 0);
	assert_int_equal(incident_mark_step(s, sample, &in, "critical-data", STEP_SKIPPED, "", -1, &responder, NOW, &err),
			 STATUS_DATA);
	assert_string_equal(err.message, "a skipped step needs a reason");
	assert_int_equal(incident_mark_step(s, sample, &in, "critical-data", STEP_SKIPPED, "owner on leave",
					    -1,
					    &responder, NOW, &err), 0);
	assert_int_equal(incident_mark_step(s, sample, &in, "no-such-step", STEP_DONE, "", -1, &responder, NOW, &err),
			 STATUS_NOT_FOUND);
	assert_int_equal(store_steps_get(s, in.id, &steps, &err), 0);
	assert_int_equal(steps.len, 2);
	assert_string_equal(step_list_find(&steps, "critical-data")->note, "owner on leave");
	assert_string_equal(step_list_find(&steps, "confirm-activity")->marked_by, "bkilinc");
	step_list_free(&steps);

	/* No procedure applies: the team records its own steps (R11). */
	assert_int_equal(incident_set_procedure(s, sample, &in, PROCEDURE_NONE, &responder, NOW, &err), 0);
	assert_int_equal(incident_add_free_step(s, &in, "   ", "", &responder, NOW, &err), STATUS_DATA);
	assert_int_equal(incident_add_free_step(s, &in, "Called the ISP", "", &responder, NOW, &err), 0);
	assert_int_equal(store_steps_get(s, in.id, &steps, &err), 0);
	assert_non_null(step_list_find(&steps, "free-1"));
	step_list_free(&steps);

	field_list_free(&typed);
	form_problems_free(&problems);
	incident_clear(&in);
	store_close(&s);
	free(path);
}

/* R4: the roles of the sample plan and what each allows. */
static void roles_and_what_they_allow(void **state)
{
	struct actor lead = {.uid = 1002, .login = "bkilinc"}, manager = {.uid = 1004, .login = "jalvarez"};
	struct actor anyone = {.uid = 1999, .login = "visitor"};
	char *why, *text;

	(void)state;
	assert_int_equal(roles_of(sample, &lead), 1u << ROLE_LEAD);
	assert_int_equal(roles_of(sample, &manager), 1u << ROLE_MANAGER);
	/* Not named: the default role, lead in the sample's small office. */
	assert_int_equal(roles_of(sample, &anyone), 1u << ROLE_LEAD);
	assert_true(may(sample, &lead, CAN_LEAD) && may(sample, &lead, CAN_RESPOND) && may(sample, &lead, CAN_LOG));
	assert_false(may(sample, &lead, CAN_APPROVE));
	assert_true(may(sample, &manager, CAN_APPROVE));
	assert_false(may(sample, &manager, CAN_LOG));
	assert_true(may(sample, &manager, CAN_NOTHING));
	assert_false(only_reviews(sample, &anyone));
	assert_null(refusal(sample, &lead, CAN_LEAD, "closing an incident"));
	why = refusal(sample, &manager, CAN_LEAD, "closing an incident");
	assert_non_null(strstr(why, "closing an incident needs the lead role: jalvarez is a manager (see [roles] in "));
	assert_non_null(strstr(why, "; it is held by bkilinc, aokafor and everyone not named there)"));
	free(why);
	text = roles_text(sample, &manager);
	assert_string_equal(text, "manager");
	free(text);
	assert_int_equal(form_capability("intake"), CAN_LOG);
	assert_int_equal(form_capability("review"), CAN_LEAD);
	assert_int_equal(form_capability("report"), CAN_RESPOND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hashes_match_the_standard),
		cmocka_unit_test(evidence_changing_under_the_hash),
		cmocka_unit_test(evidence_from_nothing_is_refused),
		cmocka_unit_test(evidence_store_keeps_one_read_only_copy),
		cmocka_unit_test(evidence_store_never_follows_a_link),
		cmocka_unit_test(highest_applicable_category),
		cmocka_unit_test(required_fields_missing_after_edits),
		cmocka_unit_test(a_save_needs_every_required_field_stored_or_typed),
		cmocka_unit_test(shared_steps_carry_over_to_a_new_procedure),
		cmocka_unit_test(every_sample_procedure_ends_in_the_shared_steps),
		cmocka_unit_test(free_steps_without_a_procedure),
		cmocka_unit_test(skipping_needs_a_reason),
		cmocka_unit_test(form_values_are_checked_and_normalised),
		cmocka_unit_test(whole_form_reports_every_problem),
		cmocka_unit_test(a_fields_note_is_one_line_of_utf8),
		cmocka_unit_test(an_edit_writes_only_what_was_changed),
		cmocka_unit_test(a_conflict_says_what_was_saved_meanwhile),
		cmocka_unit_test(a_stale_save_never_overwrites),
		cmocka_unit_test(statuses_only_move_forward),
		cmocka_unit_test(who_to_call_next),
		cmocka_unit_test(logging_a_call),
		cmocka_unit_test(changes_need_a_manager_and_a_reason),
		cmocka_unit_test(roles_and_what_they_allow),
		cmocka_unit_test(findings_and_witnesses),
		cmocka_unit_test(evidence_register_rules),
		cmocka_unit_test(call_and_change_forms),
		cmocka_unit_test(evidence_typed_in_a_form),
		cmocka_unit_test(restoration_waits_for_an_approved_change),
		cmocka_unit_test(free_steps_become_a_procedure),
		cmocka_unit_test(an_incident_worked_from_call_to_steps),
	};

	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, load_sample, free_sample);
}
