/* Regimes' stages evaluated with decisions built in memory: stages chained
 * one after another, a second clock (no_later_than) that ends sooner, a
 * withdrawn decision that no longer counts, business-day stages on a
 * regime's own calendar, rolls_to and the default warning. Expected times
 * are written out in UTC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <time.h>

#include "sirt/deadline.h"
#include "sirt/timefmt.h"
#include "support.h"

static struct config *plan;

/* A regime "t" on New York's calendar (Thanksgiving 2026-11-26 off). */
static const char regime_text[] =
	"[regime]\ntitle = Test regime\ntimezone = America/New_York\nholidays = 2026-11-26\n"
	/* Chained: notice from the major classification, then an update
	 * 72h after the notice is met, then a final report a month after. */
	"[stage.notice]\ntitle = Notice\nparty = Authority\nstarts = classified-major\nwithin = 72h\n"
	"no_later_than = 24h after discovered\n"
	"[stage.update]\ntitle = Update\nparty = Authority\nstarts = submitted:notice\nwithin = 72h\n"
	"[stage.final]\ntitle = Final\nparty = Authority\nstarts = submitted:t.update\nwithin = 1 month\n"
	/* Four business days from the materiality determination. */
	"[stage.disclose]\ntitle = Disclose\nparty = Public\nstarts = materiality-determined\nwithin = 4d\n"
	"calendar = business\n"
	/* Applies only while a major classification stands; from the call. */
	"[stage.major-only]\ntitle = Major only\nparty = Board\nstarts = called\nwithin = 3d\n"
	"applies = classified-major\nrolls_to = 09:00\nwarn = 1h\n";

static int load_plan(void **state)
{
	struct diag_list diags = {0};
	char dir[600];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/regimes", scratch());
	mkdir(dir, 0700);
	write_file("regimes/t.ini", regime_text);
	plan = config_load(write_file("regime-plan.ini", "[sirt]\nhotline = 1\nregimes = t\n"
					"[categories]\nlife = Life\ndata = Data\n"),
			   false, &diags);
	for (size_t i = 0; i < diags.len; i++)
		fprintf(stderr, "%s\n", diag_format(&diags.items[i]));
	diag_list_free(&diags);
	return plan ? 0 : -1;
}

static int free_plan(void **state)
{
	(void)state;
	config_free(&plan);
	return 0;
}

static time_t utc(const char *iso)
{
	time_t t;

	assert_int_equal(time_parse_utc(iso, &t), 0);
	return t;
}

static void assert_time(time_t got, const char *want)
{
	char text[TIME_TEXT_MAX];

	time_format_utc(got, text, sizeof(text));
	assert_string_equal(text, want);
}

static struct incident incident_at(const char *created)
{
	struct incident in = {0};

	in.ref = (char *)"IR-2026-0001";
	in.created_at = (char *)created;
	return in;
}

static void set(struct field_list *fields, const char *form, const char *key, const char *value, const char *at)
{
	field_list_set(fields, form, key, value, "");
	free(fields->items[fields->len - 1].updated_at);
	fields->items[fields->len - 1].updated_at = xstrdup(at);
}

static const struct deadline *find(const struct deadline_list *list, const char *rule)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i].rule->name, rule) == 0)
			return &list->items[i];
	return NULL;
}

static struct decision decided(const char *key, const char *at, const char *happened, const char *withdrawn)
{
	struct decision d = {0};

	d.key = (char *)key;
	d.decided_at = (char *)at;
	d.happened_at = (char *)happened;
	d.withdrawn_at = (char *)withdrawn;
	return d;
}

/* The stages' names, titles and file, as loaded. */
static void stages_loaded(void **state)
{
	const struct deadline_rule *r = config_deadline(plan, "t.update");

	(void)state;
	assert_int_equal(plan->nregimes, 1);
	assert_string_equal(plan->regimes[0].title, "Test regime");
	assert_true(plan->regimes[0].has_own_calendar);
	assert_non_null(r);
	assert_string_equal(r->title, "Update");
	assert_int_equal(r->start, DEADLINE_FROM_SUBMITTED);
	assert_string_equal(r->start_field, "t.notice");
	assert_int_equal(r->within, 72 * 3600);
	assert_int_equal(config_deadline(plan, "t.final")->within, 0);
	assert_int_equal(config_deadline(plan, "t.final")->span.unit, SPAN_MONTHS);
	assert_ptr_equal(r->regime, &plan->regimes[0]);
}

/* Each stage waits for the one before it to be met, and counts from when
 * its party was told (--at), else from when that was logged. */
static void chained_stages(void **state)
{
	struct incident in = incident_at("2026-11-02T10:00:00Z");
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct decision d[] = {decided("classified-major", "2026-11-02T12:00:00Z", NULL, NULL)};
	struct decision_list decisions = {d, 1, 1};
	struct deadline_met m[] = {
		{.rule = (char *)"t.notice", .party = (char *)"Authority", .how = (char *)"email", .met_by = (char *)"a",
		 .met_at = (char *)"2026-11-03T09:00:00Z", .happened_at = (char *)"2026-11-03T08:00:00Z"},
		{.rule = (char *)"t.update", .party = (char *)"Authority", .how = (char *)"email", .met_by = (char *)"a",
		 .met_at = (char *)"2026-11-05T10:00:00Z"},
	};
	struct deadline_met_list met = {m, 0, 2};
	struct deadline_list list;

	(void)state;
	set(&fields, "intake", "first_noticed", "2026-11-02T11:00:00Z", "2026-11-02T11:00:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, &met, &decisions, utc("2026-11-02T13:00:00Z"), &list);
	assert_non_null(find(&list, "t.notice"));
	assert_null(find(&list, "t.update"));
	assert_null(find(&list, "t.final"));
	deadline_list_free(&list);

	met.len = 1;	/* the notice told at 08:00 (logged at 09:00) */
	deadlines_evaluate(plan, &in, &fields, &choices, &met, &decisions, utc("2026-11-03T10:00:00Z"), &list);
	assert_non_null(find(&list, "t.update"));
	assert_time(find(&list, "t.update")->start, "2026-11-03T08:00:00Z");
	assert_time(find(&list, "t.update")->due, "2026-11-06T08:00:00Z");
	assert_null(find(&list, "t.final"));
	deadline_list_free(&list);

	met.len = 2;	/* the update logged, no --at: a month from then */
	deadlines_evaluate(plan, &in, &fields, &choices, &met, &decisions, utc("2026-11-05T11:00:00Z"), &list);
	assert_time(find(&list, "t.final")->start, "2026-11-05T10:00:00Z");
	assert_time(find(&list, "t.final")->due, "2026-12-05T10:00:00Z");
	deadline_list_free(&list);
	field_list_free(&fields);
}

/* The notice is due 72h after the classification, but no later than 24h
 * after discovery: the earlier of the two wins. */
static void no_later_than_wins(void **state)
{
	struct incident in = incident_at("2026-11-02T10:00:00Z");
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct decision d[] = {decided("classified-major", "2026-11-02T21:00:00Z", NULL, NULL)};
	struct decision_list decisions = {d, 1, 1};
	struct deadline_list list;

	(void)state;
	set(&fields, "intake", "first_noticed", "2026-11-02T11:00:00Z", "2026-11-02T11:00:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, &decisions, utc("2026-11-02T22:00:00Z"), &list);
	assert_time(find(&list, "t.notice")->start, "2026-11-02T21:00:00Z");
	assert_time(find(&list, "t.notice")->due, "2026-11-03T11:00:00Z");
	deadline_list_free(&list);

	/* Discovered long before? The second clock ran out before this one
	 * started: it no longer limits it, the 72h alone count (as DORA's
	 * Art. 5(2) of Delegated Regulation (EU) 2025/301 gives a late
	 * classification its 4 hours). */
	field_list_free(&fields);
	memset(&fields, 0, sizeof(fields));
	set(&fields, "intake", "first_noticed", "2026-10-01T11:00:00Z", "2026-11-02T11:00:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, &decisions, utc("2026-11-02T22:00:00Z"), &list);
	assert_time(find(&list, "t.notice")->due, "2026-11-05T21:00:00Z");
	assert_int_equal(find(&list, "t.notice")->state, DEADLINE_OPEN);
	deadline_list_free(&list);

	/* With nothing noticed, discovery is the call (10:00): its 24h end
	 * before the 72h from a classification at 10:30. */
	field_list_free(&fields);
	memset(&fields, 0, sizeof(fields));
	d[0].decided_at = (char *)"2026-11-02T10:30:00Z";
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, &decisions, utc("2026-11-02T11:00:00Z"), &list);
	assert_time(find(&list, "t.notice")->due, "2026-11-03T10:00:00Z");
	deadline_list_free(&list);
	field_list_free(&fields);
}

/* A withdrawn decision no longer starts a clock or makes a stage apply;
 * the earliest standing one does, from --at's time when given. */
static void withdrawn_decision_does_not_count(void **state)
{
	struct incident in = incident_at("2026-11-02T10:00:00Z");
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct decision d[] = {
		decided("classified-major", "2026-11-02T11:00:00Z", NULL, "2026-11-02T11:30:00Z"),
		decided("classified-major", "2026-11-02T15:00:00Z", "2026-11-02T14:00:00Z", NULL),
		decided("materiality-determined", "2026-11-02T16:00:00Z", NULL, "2026-11-02T17:00:00Z"),
	};
	struct decision_list decisions = {d, 1, 3};
	struct deadline_list list;

	(void)state;
	set(&fields, "intake", "first_noticed", "2026-11-02T09:00:00Z", "2026-11-02T09:00:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, &decisions, utc("2026-11-02T12:00:00Z"), &list);
	assert_null(find(&list, "t.notice"));
	assert_null(find(&list, "t.major-only"));
	deadline_list_free(&list);

	decisions.len = 3;
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, &decisions, utc("2026-11-02T16:30:00Z"), &list);
	assert_time(find(&list, "t.notice")->start, "2026-11-02T14:00:00Z");
	assert_non_null(find(&list, "t.major-only"));
	assert_null(find(&list, "t.disclose"));
	deadline_list_free(&list);
	field_list_free(&fields);
}

/* Business days on the regime's own calendar: Friday 16:00 EST plus 4
 * business days, with Thanksgiving off, ends Friday 23:59:59 EST. */
static void business_stage(void **state)
{
	struct incident in = incident_at("2026-11-20T10:00:00Z");
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct decision d[] = {decided("materiality-determined", "2026-11-20T22:00:00Z", "2026-11-20T21:00:00Z", NULL)};
	struct decision_list decisions = {d, 1, 1};
	struct deadline_list list;
	const struct deadline *x;

	(void)state;
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, &decisions, utc("2026-11-21T12:00:00Z"), &list);
	x = find(&list, "t.disclose");
	assert_non_null(x);
	assert_time(x->start, "2026-11-20T21:00:00Z");
	assert_time(x->due, "2026-11-28T04:59:59Z");
	/* Without warn: a quarter of the time from start to due. */
	assert_int_equal(x->warn, (long long)(utc("2026-11-28T04:59:59Z") - utc("2026-11-20T21:00:00Z")) / 4);
	assert_int_equal(x->state, DEADLINE_OPEN);
	deadline_list_free(&list);
	field_list_free(&fields);
}

/* rolls_to: 3 days from a Wednesday 10:00 EST call is Saturday 10:00;
 * it moves to Monday 09:00 EST. warn is the stage's own. */
static void rolls_to_next_business_day(void **state)
{
	struct incident in = incident_at("2026-11-18T15:00:00Z");
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct decision d[] = {decided("classified-major", "2026-11-18T16:00:00Z", NULL, NULL)};
	struct decision_list decisions = {d, 1, 1};
	struct deadline_list list;

	(void)state;
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, &decisions, utc("2026-11-23T13:30:00Z"), &list);
	assert_time(find(&list, "t.major-only")->due, "2026-11-23T14:00:00Z");
	assert_int_equal(find(&list, "t.major-only")->warn, 3600);
	assert_int_equal(find(&list, "t.major-only")->state, DEADLINE_WARNING);
	deadline_list_free(&list);
	field_list_free(&fields);
}

/* The plan's own rules count days on the plan's calendar: 3d across the
 * autumn change in Brussels is the same wall-clock time. */
static void plan_rule_days_on_the_plans_zone(void **state)
{
	struct diag_list diags = {0};
	struct config *c = config_load(write_file("zone-plan.ini",
		"[sirt]\nhotline = 1\ntimezone = Europe/Brussels\n[categories]\ndata = Data\n"
		"[deadline.police]\nparty = Police\nwithin = 3d\nstarts = called\n"
		"[deadline.odd]\nparty = X\nwithin = 1d12h\nstarts = called\n"),
		false, &diags);
	struct incident in = incident_at("2026-10-23T10:00:00Z");	/* Friday 12:00 CEST */
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct deadline_list list;

	(void)state;
	for (size_t i = 0; i < diags.len; i++)
		fprintf(stderr, "%s\n", diag_format(&diags.items[i]));
	assert_non_null(c);
	deadlines_evaluate(c, &in, &fields, &choices, NULL, NULL, utc("2026-10-23T11:00:00Z"), &list);
	assert_time(find(&list, "police")->due, "2026-10-26T11:00:00Z");	/* Monday 12:00 CET */
	assert_time(find(&list, "odd")->due, "2026-10-24T22:00:00Z");		/* 36 hours */
	deadline_list_free(&list);
	config_free(&c);
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stages_loaded),
		cmocka_unit_test(chained_stages),
		cmocka_unit_test(no_later_than_wins),
		cmocka_unit_test(withdrawn_decision_does_not_count),
		cmocka_unit_test(business_stage),
		cmocka_unit_test(rolls_to_next_business_day),
		cmocka_unit_test(plan_rule_days_on_the_plans_zone),
	};

	return cmocka_run_group_tests(tests, load_plan, free_plan);
}
