/* The draft of a regime stage's submission, built from a record made by
 * hand: each kind of item source filled, a by-hand item and an empty
 * field listed as still missing, the header with the due and its state,
 * a withdrawn decision not counted, and finding a stage by name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sirt/stage_draft.h"
#include "sirt/timefmt.h"
#include "sample_plan.h"

static struct stage_item items[] = {
	{.key = "ref", .label = "Our reference", .source = "ref"},
	{.key = "aware", .label = "When we became aware", .source = "classified-major"},
	{.key = "what", .label = "What happened", .source = "field:nature"},
	{.key = "malicious", .label = "Suspected malicious acts", .source = "by-hand"},
	{.key = "severity", .label = "Severity", .source = "field:severity"},
	{.key = "nature", .label = "No source: the field of that key", .source = NULL},
	{.key = "cross_border", .label = "No source, no such field", .source = ""},
	{.key = "warned", .label = "The early warning", .source = "submitted:early-warning"},
	{.key = "found", .label = "Discovered", .source = "discovered"},
};

static struct regime nis2 = {.name = "nis2", .title = "NIS2: Directive (EU) 2022/2555, Article 23",
			     .cites = "Directive (EU) 2022/2555, Art. 23(4)"};

static struct deadline_rule stage(void)
{
	struct deadline_rule r = {0};

	r.name = "nis2.incident-notification";
	r.party = "CSIRT";
	r.address = "https://csirt.example.org";
	r.title = "Incident notification";
	r.cites = "Art. 23(4)(b)";
	r.regime = &nis2;
	r.items = items;
	r.nitems = sizeof(items) / sizeof(items[0]);
	r.condition = DEADLINE_ALWAYS;
	r.per = "";
	return r;
}

struct fixture {
	struct deadline_rule rule;
	struct incident incident;
	struct field_list fields;
	struct choice_list choices;
	struct decision decision[2];
	struct decision_list decisions;
	struct deadline_met met_item[2];
	struct deadline_met_list met;
};

static void fixture_init(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->rule = stage();
	f->incident.ref = "IR-2026-0007";
	f->incident.title = "Payroll export leaked";
	f->incident.created_at = "2026-11-21T10:00:00Z";
	field_list_set(&f->fields, "intake", "nature", "Payroll export on a public share", "");
	field_list_set(&f->fields, "intake", "first_noticed", "2026-11-21T09:00:00Z", "");
	field_list_set(&f->fields, "lead", "severity", "", "");
	/* A withdrawn decision earlier than the standing one: not counted. */
	f->decision[0] = (struct decision){.number = 1, .key = "classified-major", .why = "thought major",
					   .decided_at = "2026-11-21T11:00:00Z", .decided_by = "bkilinc",
					   .withdrawn_at = "2026-11-21T12:00:00Z", .withdrawn_by = "bkilinc",
					   .withdrawn_reason = "it was not"};
	f->decision[1] = (struct decision){.number = 2, .key = "classified-major", .why = "payroll of 2000 staff",
					   .happened_at = "2026-11-22T08:00:00Z",
					   .decided_at = "2026-11-22T08:30:00Z", .decided_by = "aokafor"};
	f->decisions = (struct decision_list){.items = f->decision, .len = 2, .cap = 2};
	f->met_item[0] = (struct deadline_met){.rule = "nis2.early-warning", .party = "CSIRT", .how = "portal",
					       .reference = "EW-1", .met_at = "2026-11-22T09:00:00Z",
					       .met_by = "aokafor", .sent = ""};
	f->met = (struct deadline_met_list){.items = f->met_item, .len = 1, .cap = 2};
}

static char *render(struct fixture *f, const struct deadline *d, size_t *missing)
{
	struct stage_draft_input in = {.config = sample, .rule = &f->rule, .incident = &f->incident,
				       .fields = &f->fields, .choices = &f->choices, .decisions = &f->decisions,
				       .met = &f->met, .deadline = d, .now = NOW};

	return stage_draft_render(&in, missing);
}

static void test_items_filled_and_missing(void **state)
{
	struct fixture f;
	size_t missing = 99;
	char *text;

	(void)state;
	fixture_init(&f);
	text = render(&f, NULL, &missing);
	assert_non_null(strstr(text, "DRAFT of nis2.incident-notification: Incident notification\n"));
	assert_non_null(strstr(text, "Regime:   NIS2: Directive (EU) 2022/2555, Article 23\n"));
	assert_non_null(strstr(text, "To:       CSIRT\n"));
	assert_non_null(strstr(text, "Address:  https://csirt.example.org\n"));
	assert_non_null(strstr(text, "Cites:    Directive (EU) 2022/2555, Art. 23(4); Art. 23(4)(b)\n"));
	assert_non_null(strstr(text, "Due:      not started"));
	assert_non_null(strstr(text, "1. Our reference\n   IR-2026-0007\n"));
	/* The standing decision, at the time it happened (--at), not the
	 * withdrawn one. */
	assert_non_null(strstr(text, "2. When we became aware\n   2026-11-22 08:00 UTC, by aokafor: payroll of 2000 staff\n"));
	assert_null(strstr(text, "thought major"));
	assert_non_null(strstr(text, "3. What happened\n   Payroll export on a public share\n"));
	assert_non_null(strstr(text, "4. Suspected malicious acts\n   [to be written]\n"));
	assert_non_null(strstr(text, "5. Severity\n   [missing]\n"));
	assert_non_null(strstr(text, "6. No source: the field of that key\n   Payroll export on a public share\n"));
	assert_non_null(strstr(text, "7. No source, no such field\n   [to be written]\n"));
	assert_non_null(strstr(text, "8. The early warning\n   2026-11-22 09:00 UTC by aokafor (portal), reference EW-1\n"));
	assert_non_null(strstr(text, "9. Discovered\n   2026-11-21 09:00 UTC\n"));
	assert_non_null(strstr(text, "\nStill missing:\n"
				     "  - Suspected malicious acts: to be written by hand\n"
				     "  - Severity: the record has none yet (field:severity)\n"
				     "  - No source, no such field: to be written by hand\n"));
	assert_int_equal(missing, 3);
	free(text);
	field_list_free(&f.fields);
}

static void test_nothing_recorded(void **state)
{
	struct fixture f;
	size_t missing = 0;
	char *text;

	(void)state;
	fixture_init(&f);
	f.decisions.len = 1;	/* only the withdrawn one */
	f.met.len = 0;
	text = render(&f, NULL, &missing);
	assert_non_null(strstr(text, "2. When we became aware\n   [missing]\n"));
	assert_non_null(strstr(text, "  - When we became aware: the record has none yet (classified-major)\n"));
	assert_non_null(strstr(text, "  - The early warning: the record has none yet (submitted:early-warning)\n"));
	assert_int_equal(missing, 5);
	free(text);
	field_list_free(&f.fields);
}

static void test_due_and_state(void **state)
{
	struct fixture f;
	struct deadline d = {0};
	char *text;

	(void)state;
	fixture_init(&f);
	d.rule = &f.rule;
	d.party = "CSIRT";
	d.address = "";
	d.start = NOW - 3600;
	d.due = NOW + 2 * 3600;
	d.state = DEADLINE_WARNING;
	text = render(&f, &d, NULL);
	assert_non_null(strstr(text, "Due:      2026-11-22 16:05 UTC (due soon, 2h left)\n"));
	assert_null(strstr(text, "Address:"));
	free(text);

	/* Met late: when, and by how much. */
	f.met_item[1] = (struct deadline_met){.rule = "nis2.incident-notification", .party = "CSIRT", .how = "email",
					      .met_at = "2026-11-22T17:35:00Z", .met_by = "aokafor", .sent = ""};
	d.met = &f.met_item[1];
	d.state = DEADLINE_MET;
	text = render(&f, &d, NULL);
	assert_non_null(strstr(text, "Due:      2026-11-22 16:05 UTC (met 2026-11-22 17:35 UTC, 1h 30m late, by aokafor"));
	free(text);
	field_list_free(&f.fields);
}

/* A stage submitted to more than one party (one per customer): the
 * latest submission is the one the next stage follows. */
static void test_latest_submission(void **state)
{
	struct fixture f;
	char *text;

	(void)state;
	fixture_init(&f);
	f.met_item[1] = (struct deadline_met){.rule = "nis2.early-warning", .party = "Other CSIRT", .how = "email",
					      .reference = "EW-2", .met_at = "2026-11-22T11:00:00Z",
					      .happened_at = "2026-11-22T10:30:00Z", .met_by = "bkilinc", .sent = ""};
	f.met.len = 2;
	text = render(&f, NULL, NULL);
	assert_non_null(strstr(text, "8. The early warning\n   2026-11-22 10:30 UTC by bkilinc (email), reference EW-2\n"));
	free(text);
	/* Listed in the other order, the same one. */
	f.met_item[0].met_at = "2026-11-22T12:00:00Z";
	text = render(&f, NULL, NULL);
	assert_non_null(strstr(text, "8. The early warning\n   2026-11-22 12:00 UTC by aokafor (portal), reference EW-1\n"));
	free(text);
	field_list_free(&f.fields);
}

/* Hostile text in a value or a label never reaches the terminal raw. */
static void test_sanitized(void **state)
{
	struct fixture f;
	char *text;

	(void)state;
	fixture_init(&f);
	f.incident.ref = "IR-\x1b[2J";
	text = render(&f, NULL, NULL);
	assert_null(strchr(text, '\x1b'));
	assert_non_null(strstr(text, "IR-^[[2J"));
	free(text);
	field_list_free(&f.fields);
}

static void test_find(void **state)
{
	struct deadline_rule rules[3] = {0};
	struct regime dora = {.name = "dora"};
	struct config c = {0};

	(void)state;
	rules[0] = (struct deadline_rule){.name = "final", .regime = NULL};
	rules[1] = (struct deadline_rule){.name = "nis2.final-report", .regime = &nis2};
	rules[2] = (struct deadline_rule){.name = "dora.final", .regime = &dora};
	c.deadlines = rules;
	c.ndeadlines = 3;
	assert_ptr_equal(stage_draft_find(&c, "nis2.final-report"), &rules[1]);
	assert_ptr_equal(stage_draft_find(&c, "final-report"), &rules[1]);
	/* A plan's own [deadline.NAME] is not a stage; its name alone is its. */
	assert_null(stage_draft_find(&c, "final"));
	assert_null(stage_draft_find(&c, "nis2.early-warning"));
	assert_null(stage_draft_find(&c, ""));
	rules[0].name = "other";
	assert_ptr_equal(stage_draft_find(&c, "final"), &rules[2]);
	/* Two regimes with the key: the full name is needed. */
	rules[1].name = "nis2.final";
	assert_null(stage_draft_find(&c, "final"));
	assert_ptr_equal(stage_draft_find(&c, "dora.final"), &rules[2]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items_filled_and_missing),
		cmocka_unit_test(test_nothing_recorded),
		cmocka_unit_test(test_due_and_state),
		cmocka_unit_test(test_latest_submission),
		cmocka_unit_test(test_sanitized),
		cmocka_unit_test(test_find),
	};

	(void)responder;
	setenv("TZ", "UTC", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, load_sample, free_sample);
}
