/* The whole record as one rendering (sirt/whole.h): every section in its
 * order, found by its key even when empty; the report pre-filled in the
 * words the sections use; lines marked as the record stands; and lines
 * as rows of a terminal: sanitised, in columns, wrapped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>

#include "sirt/calls.h"
#include "sirt/changes.h"
#include "sirt/cost.h"
#include "sirt/deadline.h"
#include "sirt/incident.h"
#include "sirt/investigation.h"
#include "sirt/ioc.h"
#include "sirt/report.h"
#include "sirt/whole.h"
#include "fresh_store.h"
#include "sample_plan.h"

/* A fresh store with one incident, IR-2026-0001, read back into *in. */
static struct store *fresh(const char *name, struct incident *in)
{
	struct store *s = open_fresh(name);
	struct error err = {0};
	struct field_list typed = {0};
	struct form_problems problems = {0};

	field_list_set(&typed, "intake", "caller_name", "Dana Reyes", "");
	field_list_set(&typed, "intake", "nature", "Phishing mail\nwith a fake login page", "");
	field_list_set(&typed, "intake", "title", "Phishing at the bank", "");
	assert_int_equal(incident_create(s, sample, &responder, NOW, &typed, in, &problems, &err), STATUS_OK);
	field_list_free(&typed);
	form_problems_free(&problems);
	return s;
}

/* The incident read again and its whole record rendered at now. */
static void render(struct store *s, struct incident *in, time_t now, struct whole *w)
{
	struct incident_record r;
	struct error err = {0};
	char *ref = xstrdup(in->ref);

	incident_clear(in);
	assert_int_equal(store_incident_get(s, ref, in, &err), STATUS_OK);
	assert_int_equal(incident_record_load(s, sample, in, now, &r, &err), STATUS_OK);
	whole_build(sample, in, &r, now, w);
	incident_record_free(&r);
	free(ref);
}

static const struct whole_section *section(const struct whole *w, const char *key)
{
	const struct whole_section *s = whole_section_find(w, key);

	if (!s)
		fail_msg("no section \"%s\"", key);
	return s;
}

/* The line of a section with that label. */
static const struct whole_line *line(const struct whole_section *s, const char *label)
{
	for (size_t i = 0; i < s->len; i++)
		if (s->lines[i].label && strcmp(s->lines[i].label, label) == 0)
			return &s->lines[i];
	fail_msg("section %s has no line labelled %s", s->key, label);
	return NULL;
}

static void every_section_in_its_order_even_empty(void **state)
{
	static const char *const before[] = {"incident", "deadlines", "intake", "calls", "lead", "triage", "category",
					     "procedure", "steps", "investigation", "evidence", "changes",
					     "restoration", "costs"};
	static const char *const after[] = {"report", "review", "timeline", "closing"};
	struct incident in = {0};
	struct store *s = fresh("order.db", &in);
	struct whole w;
	size_t k = 0;

	(void)state;
	render(s, &in, NOW, &w);
	assert_int_equal(w.len, 14 + REGISTER_COUNT + 4);
	for (size_t i = 0; i < 14; i++)
		assert_string_equal(w.sections[k++].key, before[i]);
	/* Every register, by its kind's name, generic over the table. */
	for (size_t i = 0; i < REGISTER_COUNT; i++) {
		assert_string_equal(w.sections[k].key, registers[i]->kind->name);
		assert_string_equal(w.sections[k].title, registers[i]->kind->title);
		k++;
	}
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(w.sections[k++].key, after[i]);
	/* Nothing is left without a line: an empty one says so, dim. */
	for (size_t i = 0; i < w.len; i++)
		assert_true(w.sections[i].len > 0);
	assert_string_equal(w.sections[0].title, "IR-2026-0001  Phishing at the bank");
	assert_string_equal(line(section(&w, "incident"), "Status")->text, "new");
	assert_string_equal(line(section(&w, "incident"), "Logged")->text, "2026-11-22 14:05 UTC by bkilinc");
	assert_string_equal(section(&w, "intake")->title, "Intake: log the call");
	assert_string_equal(line(section(&w, "intake"), "Caller's name")->text, "Dana Reyes");
	assert_string_equal(section(&w, "lead")->lines[0].text, "Not given yet.");
	assert_int_equal(section(&w, "lead")->lines[0].mark, WHOLE_DIM);
	assert_string_equal(section(&w, "ioc")->lines[0].text, "No indicator yet.");
	assert_string_equal(section(&w, "closing")->title, "Closing");
	assert_int_equal(line(section(&w, "closing"), "Still open")->mark, WHOLE_ATTENTION);
	assert_string_equal(line(section(&w, "timeline"), "2026-11-22 14:05 UTC")->text,
			    "bkilinc: Incident IR-2026-0001 logged: Phishing at the bank");
	whole_free(&w);
	store_close(&s);
	incident_clear(&in);
}

/* Whether text has item as a line of its own. */
static bool has_item(const char *text, const char *item)
{
	size_t len = strlen(item);

	for (const char *at = strstr(text, item); at; at = strstr(at + 1, item))
		if ((at == text || at[-1] == '\n') && (at[len] == '\n' || !at[len]))
			return true;
	return false;
}

/* The report's items filled from the record say each thing in the words
 * of the section that shows it: a step, a change, a finding. */
static void the_report_says_what_the_sections_say(void **state)
{
	struct incident in = {0};
	struct store *s = fresh("report.db", &in);
	struct error err = {0};
	struct incident_record r;
	struct field_def findings = {.key = "found", .label = "Found", .type = FIELD_MULTILINE};
	const struct whole_section *steps, *changes, *investigation;
	const char *done;
	struct whole w;
	int64_t n;
	char *text, *item;
	size_t worked = 0;

	(void)state;
	assert_int_equal(incident_set_procedure(s, sample, &in, "active-intrusion", &responder, NOW, &err), 0);
	render(s, &in, NOW, &w);
	whole_free(&w);
	assert_int_equal(incident_mark_step(s, sample, &in, "confirm-activity", STEP_DONE, "seen in the proxy log", -1,
					    &responder, NOW, &err), 0);
	assert_int_equal(incident_mark_step(s, sample, &in, "preserve-volatile", STEP_SKIPPED, "no tool on site", -1,
					    &responder, NOW, &err), 0);
	assert_int_equal(incident_propose_change(s, &in, "Patch the VPN gateway", "the way in", &responder, NOW, &n,
						 &err), 0);
	assert_int_equal(incident_add_note(s, &in, "log-gap", "syslog silent from 02:10", 0, &responder, NOW, &n, &err),
			 0);
	render(s, &in, NOW, &w);

	steps = section(&w, "steps");
	assert_string_equal(steps->title, "Steps 2/14");
	assert_string_equal(steps->lines[0].text,
			    "done: Confirm the intrusion is active and identify the systems involved "
			    "(seen in the proxy log)  (confirm-activity)");
	assert_true(steps->lines[1].detail);
	assert_string_equal(steps->lines[1].text, "marked 2026-11-22 14:05 UTC by bkilinc");
	done = line(section(&w, "report"), "What was done")->text;
	/* Each step worked, less its key, is an item of what was done. */
	for (size_t i = 0; i < steps->len; i++) {
		const char *t = steps->lines[i].text;

		if (steps->lines[i].detail || strncmp(t, "open: ", 6) == 0)
			continue;
		item = xasprintf("- %.*s", (int)(strstr(t, "  (") - t), t);
		if (!has_item(done, item))
			fail_msg("\"%s\" not in the report's:\n%s", item, done);
		free(item);
		worked++;
	}
	assert_int_equal(worked, 2);
	changes = section(&w, "changes");
	assert_string_equal(changes->lines[0].text,
			    "change 1: Patch the VPN gateway; why: the way in (proposed by bkilinc, awaiting approval)");
	assert_int_equal(changes->lines[0].mark, WHOLE_ATTENTION);
	item = xasprintf("- %s", changes->lines[0].text);
	assert_true(has_item(done, item));
	free(item);

	/* A field filled from the findings has them as the section does. */
	investigation = section(&w, "investigation");
	assert_string_equal(investigation->lines[0].text, "gap in the logs: syslog silent from 02:10");
	strlist_add(&findings.from, "@findings");
	assert_int_equal(incident_record_load(s, sample, &in, NOW, &r, &err), 0);
	text = report_prefill(sample, &in, &r, &findings);
	item = xasprintf("- %s", investigation->lines[0].text);
	assert_string_equal(text, item);
	free(item);
	free(text);
	incident_record_free(&r);
	strlist_free(&findings.from);
	whole_free(&w);
	store_close(&s);
	incident_clear(&in);
}

/* Marks follow the record: a deadline due soon, then overdue; a line
 * withdrawn, dim; an indicator another incident holds, to look at. */
static void marks_follow_the_record(void **state)
{
	struct incident in = {0}, other = {0};
	struct store *s = fresh("marks.db", &in);
	struct error err = {0};
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct ioc ioc = {.type = "ipv4", .value = "203.0.113.7", .source = "proxy log"};
	const struct whole_section *ioc_section, *costs;
	struct whole w;
	int64_t n;

	(void)state;
	field_list_set(&typed, "lead", "cloud_api_data", "yes", "");
	assert_int_equal(incident_save_form(s, sample->lead, &in, &responder, NOW, &typed, &problems, NULL, NULL, &err), 0);
	field_list_free(&typed);
	form_problems_free(&problems);
	render(s, &in, NOW + 20 * 3600, &w);
	assert_string_equal(line(section(&w, "deadlines"), "due soon")->text,
			    "Cloud provider security team: 4h left; due 2026-11-23 14:05 UTC, security@cloud.example.org");
	assert_int_equal(line(section(&w, "deadlines"), "due soon")->mark, WHOLE_ATTENTION);
	whole_free(&w);
	render(s, &in, NOW + 25 * 3600, &w);
	assert_int_equal(line(section(&w, "deadlines"), "OVERDUE")->mark, WHOLE_OVERDUE);
	whole_free(&w);

	assert_int_equal(incident_add_cost(s, sample, &in, COST_DAMAGE, "Typo", "99", NULL, false, &responder, NOW, &n,
					   &err), 0);
	assert_int_equal(incident_withdraw_cost(s, &in, 1, "entered by mistake", &responder, NOW, &err), 0);
	assert_int_equal(registers[REGISTER_IOC]->add(s, sample, &in, &ioc, &responder, NOW, &n, &err), 0);
	/* The same indicator on a second incident. */
	field_list_set(&typed, "intake", "caller_name", "Ana", "");
	field_list_set(&typed, "intake", "nature", "Again", "");
	field_list_set(&typed, "intake", "title", "Phishing again", "");
	assert_int_equal(incident_create(s, sample, &responder, NOW, &typed, &other, &problems, &err), 0);
	field_list_free(&typed);
	form_problems_free(&problems);
	assert_int_equal(registers[REGISTER_IOC]->add(s, sample, &other, &ioc, &responder, NOW, &n, &err), 0);
	render(s, &in, NOW, &w);
	costs = section(&w, "costs");
	assert_string_equal(costs->lines[0].text, "1. Damage USD 99.00: Typo; withdrawn by bkilinc: entered by mistake");
	assert_int_equal(costs->lines[0].mark, WHOLE_DIM);
	ioc_section = section(&w, "ioc");
	assert_string_equal(ioc_section->lines[0].text, "1. ipv4 203.0.113.7 (TLP:AMBER)  also on IR-2026-0002");
	assert_int_equal(ioc_section->lines[0].mark, WHOLE_ATTENTION);
	assert_true(ioc_section->lines[1].detail);
	assert_string_equal(ioc_section->lines[1].text,
			    "Source: proxy log; added 2026-11-22 14:05 UTC by bkilinc");
	whole_free(&w);
	store_close(&s);
	incident_clear(&in);
	incident_clear(&other);
}

/* The incident read again, as a screen has it after a write. */
static void reread(struct store *s, struct incident *in)
{
	struct error err = {0};
	char *ref = xstrdup(in->ref);

	incident_clear(in);
	assert_int_equal(store_incident_get(s, ref, in, &err), STATUS_OK);
	free(ref);
}

/* The line of a section whose text starts with prefix. */
static const struct whole_line *line_starting(const struct whole_section *s, const char *prefix)
{
	for (size_t i = 0; i < s->len; i++)
		if (s->lines[i].text && strncmp(s->lines[i].text, prefix, strlen(prefix)) == 0)
			return &s->lines[i];
	fail_msg("section %s has no line starting \"%s\"", s->key, prefix);
	return NULL;
}

/* Said to have happened before it was logged (store_when, the screens'
 * @, --at): each section shows when it happened and, once, when it was
 * logged; the day only where it is another; a note written later keeps
 * when its step was done. */
static void each_time_says_when_it_happened(void **state)
{
	static const struct actor manager = {.uid = 1004, .login = "jalvarez"};
	struct incident in = {0};
	struct store *s = fresh("when.db", &in);
	struct error err = {0};
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct incident_record r;
	struct whole_section lines = {0};
	struct whole w;
	int64_t n;
	char *text;

	(void)state;
	/* Times as shown: a minute apart or more, a day apart, one. */
	text = whole_when("2026-11-22T13:45:00Z", "2026-11-22T14:05:00Z");
	assert_string_equal(text, "2026-11-22 13:45 UTC (logged 14:05 UTC)");
	free(text);
	text = whole_when("2026-11-21T23:50:00Z", "2026-11-22T14:05:00Z");
	assert_string_equal(text, "2026-11-21 23:50 UTC (logged 2026-11-22 14:05 UTC)");
	free(text);
	text = whole_when("2026-11-22T14:05:00Z", "2026-11-22T14:05:40Z");
	assert_string_equal(text, "2026-11-22 14:05 UTC");
	free(text);
	text = whole_when(NULL, "2026-11-22T14:05:00Z");
	assert_string_equal(text, "2026-11-22 14:05 UTC");
	free(text);
	assert_null(whole_logged(NULL, "2026-11-22T14:05:00Z"));

	field_list_set(&typed, "lead", "cloud_api_data", "yes", "");
	assert_int_equal(incident_save_form(s, sample->lead, &in, &responder, NOW, &typed, &problems, NULL, NULL, &err), 0);
	reread(s, &in);
	field_list_free(&typed);
	form_problems_free(&problems);
	assert_int_equal(incident_set_procedure(s, sample, &in, "active-intrusion", &responder, NOW, &err), 0);
	reread(s, &in);
	store_when(s, NOW - 20 * 60);
	assert_int_equal(incident_mark_step(s, sample, &in, "contain", STEP_DONE, "", -1, &responder, NOW, &err), 0);
	reread(s, &in);
	/* The note, ten minutes later, is written then. */
	assert_int_equal(incident_mark_step(s, sample, &in, "contain", STEP_DONE, "VLAN 99", -1, &responder, NOW + 600,
					    &err), 0);
	reread(s, &in);
	store_when(s, NOW - 15 * 60);
	assert_int_equal(incident_log_call(s, sample, &in, "deputy", "reached", "", &responder, NOW, &n, &err), 0);
	reread(s, &in);
	store_when(s, NOW - 10 * 60);
	assert_int_equal(incident_mark_deadline_met(s, sample, &in, "cloud-provider", NULL, "email", "", &responder, NOW,
						    &err), 0);
	reread(s, &in);
	assert_int_equal(incident_propose_change(s, &in, "Patch the VPN gateway", "", &responder, NOW, &n, &err), 0);
	reread(s, &in);
	store_when(s, NOW - 15 * 3600);
	assert_int_equal(incident_decide_change(s, sample, &in, 1, true, "ok", &manager, NOW, &err), 0);
	render(s, &in, NOW + 600, &w);

	assert_string_equal(line_starting(section(&w, "steps"), "marked ")->text,
			    "marked 2026-11-22 13:45 UTC by bkilinc (logged 14:15 UTC)");
	assert_string_equal(line(section(&w, "calls"), "2026-11-22 13:50 UTC")->text,
			    "Amara Okafor (+1 555 0102) by bkilinc: reached (logged 14:05 UTC)");
	assert_string_equal(line(section(&w, "deadlines"), "met")->text,
			    "Cloud provider security team: met 2026-11-22 13:55 UTC by bkilinc (email; logged 14:05 UTC); "
			    "due 2026-11-23 14:05 UTC, security@cloud.example.org");
	assert_string_equal(line_starting(section(&w, "changes"), "decided ")->text,
			    "decided 2026-11-21 23:05 UTC by jalvarez (logged 2026-11-22 14:05 UTC)");
	/* The timeline: the note when it was written, after the rest. */
	assert_string_equal(line(section(&w, "timeline"), "2026-11-22 14:15 UTC")->text,
			    "bkilinc: Note on step: Contain the intrusion by isolating hosts and blocking access: VLAN 99");
	whole_free(&w);

	/* A change as its register has it: one decided time. */
	assert_int_equal(incident_record_load(s, sample, &in, NOW, &r, &err), 0);
	whole_record_lines(&change_register, &r.changes.items[0], NULL, NULL, &lines);
	assert_string_equal(lines.lines[1].text, "State: approved; Decided: 2026-11-21 23:05 UTC (logged 2026-11-22 14:05 UTC); "
						  "Decided by: jalvarez; Reason: ok; added 2026-11-22 14:05 UTC by bkilinc");
	whole_section_free(&lines);
	/* The report says when the party was told. */
	assert_int_equal(report_render(sample, &in, &r, REPORT_TEXT, NULL, NOW, &text, &err), 0);
	if (!strstr(text, "; told 2026-11-22 13:55 UTC by email (logged 14:05 UTC)\n"))
		fail_msg("the report does not say when the party was told:\n%s", text);
	free(text);
	incident_record_free(&r);
	store_close(&s);
	incident_clear(&in);
}

static void rows(const struct whole_line *l, int cols, const char *const want[])
{
	struct strlist got = {0};
	size_t n = 0;

	whole_line_rows(l, cols, &got);
	for (; want[n]; n++)
		if (n >= got.len || strcmp(got.items[n], want[n]) != 0)
			fail_msg("row %zu: wanted \"%s\", got \"%s\"", n, want[n], n < got.len ? got.items[n] : "(none)");
	assert_int_equal(got.len, n);
	strlist_free(&got);
}

/* A line as rows: the label in its column, each line of the text under
 * the first, wrapped where told, and nothing raw. */
static void a_line_as_rows(void **state)
{
	struct whole_line labelled = {.label = "Nature", .text = "Ransom \033[2Jnote on the file server\nasking for bitcoin"};
	struct whole_line empty = {.label = "Caller's contact", .text = ""};
	struct whole_line long_label = {.label = "A label far too long for its column", .text = "x"};
	struct whole_line free_line = {.text = "done: Contain the intrusion by isolating hosts and blocking access"};
	struct whole_line detail = {.text = "marked 2026-11-22 14:05 UTC by bkilinc", .detail = true};
	struct whole_line bidi = {.text = "invoice\u202efdp.exe"};

	(void)state;
	rows(&labelled, 0,
	     (const char *const[]){"  Nature                    Ransom ^[[2Jnote on the file server",
				   "                            asking for bitcoin", NULL});
	rows(&empty, 0, (const char *const[]){"  Caller's contact          -", NULL});
	rows(&long_label, 0, (const char *const[]){"  A label far too long for… x", NULL});
	rows(&free_line, 0,
	     (const char *const[]){"  done: Contain the intrusion by isolating hosts and blocking access", NULL});
	rows(&free_line, 40,
	     (const char *const[]){"  done: Contain the intrusion by", "    isolating hosts and blocking access", NULL});
	rows(&labelled, 48,
	     (const char *const[]){"  Nature                    Ransom ^[[2Jnote on", "                            the file server",
				   "                            asking for bitcoin", NULL});
	rows(&detail, 0, (const char *const[]){"      marked 2026-11-22 14:05 UTC by bkilinc", NULL});
	rows(&bidi, 0, (const char *const[]){"  invoice<U+202E>fdp.exe", NULL});
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_section_in_its_order_even_empty),
		cmocka_unit_test(the_report_says_what_the_sections_say),
		cmocka_unit_test(marks_follow_the_record),
		cmocka_unit_test(each_time_says_when_it_happened),
		cmocka_unit_test(a_line_as_rows),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, load_sample, free_sample);
}
