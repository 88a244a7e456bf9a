/* Deadlines with a fixed clock: each way a clock starts, the conditions,
 * one deadline per customer, the warning and overdue boundaries, and
 * time zones across a daylight-saving change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <time.h>

#include "sirt/deadline.h"
#include "sirt/timefmt.h"
#include "support.h"

static struct config *plan;

static int load_plan(void **state)
{
	struct diag_list diags = {0};
	char *text = xasprintf(
		"[sirt]\nhotline = 1\n"
		"[categories]\nlife = Life\ndata = Data\nsystems = Systems\n"
		"[deadline.cloud]\nparty = Cloud provider\naddress = sec@cloud.example.org\nwithin = 24h\nwarn = 6h\n"
		"starts = discovered\napplies = cloud_api_data = yes\n"
		"[deadline.customers]\nper = customers_affected\nwithin = 14d\nwarn = 3d\nstarts = called\n"
		"applies = customers_affected not empty\n"
		"[deadline.regulator]\nparty = Regulator\nwithin = 72h\nstarts = categorised\napplies = category >= data\n"
		"[deadline.police]\nparty = Police\nwithin = 3d\nstarts = field:prosecution_possible\n"
		"applies = prosecution_possible = yes\n");
	const char *path = write_file("deadlines.ini", text);

	(void)state;
	free(text);
	plan = config_load(path, false, &diags);
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

static struct incident incident_at(const char *created, const char *category)
{
	struct incident in = {0};

	in.ref = (char *)"IR-2026-0001";
	in.created_at = (char *)created;
	in.category = (char *)category;
	return in;
}

/* A field value with when it was saved. */
static void set(struct field_list *fields, const char *form, const char *key, const char *value, const char *at)
{
	field_list_set(fields, form, key, value, "");
	free(fields->items[fields->len - 1].updated_at);
	fields->items[fields->len - 1].updated_at = xstrdup(at);
}

static const struct deadline *find(const struct deadline_list *list, const char *rule, const char *party)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i].rule->name, rule) == 0 && (!party || strcmp(list->items[i].party, party) == 0))
			return &list->items[i];
	return NULL;
}

static void conditions_and_triggers(void **state)
{
	struct incident in = incident_at("2026-11-22T10:00:00Z", NULL);
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct category_choice first = {.chosen_at = (char *)"2026-11-22T12:00:00Z"};
	struct deadline_list list;

	(void)state;
	/* Nothing applies yet. */
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, NULL, utc("2026-11-22T10:30:00Z"), &list);
	assert_int_equal(list.len, 0);
	deadline_list_free(&list);

	/* discovered: first noticed, before the call. */
	set(&fields, "intake", "call_time", "2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z");
	set(&fields, "intake", "first_noticed", "2026-11-22T08:00:00Z", "2026-11-22T10:00:00Z");
	set(&fields, "lead", "cloud_api_data", "Yes", "2026-11-22T10:10:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, NULL, utc("2026-11-22T10:30:00Z"), &list);
	assert_int_equal(list.len, 1);
	assert_string_equal(list.items[0].party, "Cloud provider");
	assert_int_equal(list.items[0].start, utc("2026-11-22T08:00:00Z"));
	assert_int_equal(list.items[0].due, utc("2026-11-23T08:00:00Z"));
	assert_int_equal(list.items[0].state, DEADLINE_OPEN);
	deadline_list_free(&list);

	/* categorised: from the first category chosen, at or above "data". */
	in.category = (char *)"systems";
	choices.categories = &first;
	choices.ncategories = 1;
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, NULL, utc("2026-11-22T12:30:00Z"), &list);
	assert_null(find(&list, "regulator", NULL));
	deadline_list_free(&list);
	in.category = (char *)"life";
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, NULL, utc("2026-11-22T12:30:00Z"), &list);
	assert_non_null(find(&list, "regulator", NULL));
	assert_int_equal(find(&list, "regulator", NULL)->due, utc("2026-11-25T12:00:00Z"));
	deadline_list_free(&list);

	/* field: from the moment the field was set. */
	set(&fields, "lead", "prosecution_possible", "no", "2026-11-22T13:00:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, NULL, utc("2026-11-22T13:30:00Z"), &list);
	assert_null(find(&list, "police", NULL));
	deadline_list_free(&list);
	set(&fields, "lead", "prosecution_possible", "yes", "2026-11-22T14:00:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, NULL, utc("2026-11-22T14:30:00Z"), &list);
	assert_int_equal(find(&list, "police", NULL)->start, utc("2026-11-22T14:00:00Z"));
	deadline_list_free(&list);
	field_list_free(&fields);
}

static void one_deadline_per_customer(void **state)
{
	struct incident in = incident_at("2026-11-22T10:00:00Z", NULL);
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct deadline_met met_item = {.rule = (char *)"customers", .party = (char *)"Example Bank",
					.how = (char *)"email", .met_by = (char *)"alice"};
	struct deadline_met_list met = {&met_item, 1, 1};
	struct deadline_list list;
	char *text;

	(void)state;
	set(&fields, "intake", "call_time", "2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z");
	set(&fields, "lead", "customers_affected",
	    "Example Bank <security@bank.example.org>\n\nKılınç Ltd <soc@kilinc.example.org>\n", "2026-11-22T11:00:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, &met, NULL, utc("2026-11-30T09:00:00Z"), &list);
	assert_int_equal(list.len, 2);
	assert_string_equal(list.items[0].party, "Example Bank");
	assert_string_equal(list.items[0].address, "security@bank.example.org");
	assert_int_equal(list.items[0].state, DEADLINE_MET);
	assert_string_equal(list.items[1].party, "Kılınç Ltd");
	assert_string_equal(list.items[1].address, "soc@kilinc.example.org");
	assert_int_equal(list.items[1].due, utc("2026-12-06T09:00:00Z"));
	assert_int_equal(list.items[1].state, DEADLINE_OPEN);
	/* The most pressing is the one not met. */
	assert_ptr_equal(deadlines_most_pressing(&list), &list.items[1]);
	text = deadline_describe(&list.items[0], utc("2026-11-30T09:00:00Z"));
	assert_string_equal(text, "met by alice (email)");
	free(text);
	deadline_list_free(&list);
	field_list_free(&fields);
}

/* A deadline told after it was due says by how much; one told in time,
 * or with no time on record, is plain "met". */
static void met_late_says_by_how_much(void **state)
{
	struct incident in = incident_at("2026-11-22T10:00:00Z", NULL);
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct deadline_met met_items[] = {
		{.rule = (char *)"customers", .party = (char *)"Example Bank", .how = (char *)"email",
		 .met_by = (char *)"alice", .met_at = (char *)"2026-12-08T12:00:00Z"},
		{.rule = (char *)"customers", .party = (char *)"Kılınç Ltd", .how = (char *)"portal",
		 .met_by = (char *)"alice", .met_at = (char *)"2026-12-06T09:00:00Z"},
	};
	struct deadline_met_list met = {met_items, 2, 2};
	struct deadline_list list;
	char *text;

	(void)state;
	set(&fields, "intake", "call_time", "2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z");
	set(&fields, "lead", "customers_affected",
	    "Example Bank <security@bank.example.org>\nKılınç Ltd <soc@kilinc.example.org>\n", "2026-11-22T11:00:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, &met, NULL, utc("2026-12-09T09:00:00Z"), &list);
	assert_int_equal(list.len, 2);
	/* Due 2026-12-06 09:00, told 2026-12-08 12:00. */
	assert_int_equal(deadline_late_by(&list.items[0]), 2 * 86400 + 3 * 3600);
	assert_string_equal(deadline_label(&list.items[0]), "met late");
	text = deadline_describe(&list.items[0], utc("2026-12-09T09:00:00Z"));
	assert_string_equal(text, "met 2d 3h late by alice (email)");
	free(text);
	/* Told at the very moment it was due: in time. */
	assert_int_equal(deadline_late_by(&list.items[1]), 0);
	assert_string_equal(deadline_label(&list.items[1]), "met");
	text = deadline_describe(&list.items[1], utc("2026-12-09T09:00:00Z"));
	assert_string_equal(text, "met by alice (portal)");
	free(text);
	deadline_list_free(&list);
	field_list_free(&fields);
}

/* The warning starts `warn` before the end; overdue at the end itself. */
static void warning_and_overdue_boundaries(void **state)
{
	struct incident in = incident_at("2026-11-22T10:00:00Z", NULL);
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct deadline_list list;
	struct {
		const char *now;
		enum deadline_state state;
		const char *text;
	} cases[] = {
		{"2026-11-23T01:59:59Z", DEADLINE_OPEN, "6h left"},
		{"2026-11-23T02:00:00Z", DEADLINE_WARNING, "6h left"},
		{"2026-11-23T07:59:59Z", DEADLINE_WARNING, "0s left"},
		{"2026-11-23T08:00:00Z", DEADLINE_OVERDUE, "0s overdue"},
		{"2026-11-24T11:30:00Z", DEADLINE_OVERDUE, "1d 3h overdue"},
	};

	(void)state;
	set(&fields, "intake", "first_noticed", "2026-11-22T08:00:00Z", "2026-11-22T10:00:00Z");
	set(&fields, "lead", "cloud_api_data", "yes", "2026-11-22T10:00:00Z");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		time_t now = utc(cases[i].now);
		char *text;

		deadlines_evaluate(plan, &in, &fields, &choices, NULL, NULL, now, &list);
		assert_int_equal(list.len, 1);
		assert_int_equal(list.items[0].state, cases[i].state);
		text = deadline_describe(&list.items[0], now);
		if (i == 1 || i == 4)
			assert_string_equal(text, cases[i].text);
		free(text);
		deadline_list_free(&list);
	}
	field_list_free(&fields);
}

/* Deadlines run in real hours: 24h across the spring change ends at the
 * same UTC moment a day later, which the local clock shows an hour on. */
static void across_a_daylight_saving_change(void **state)
{
	struct incident in = incident_at("2026-03-28T11:00:00Z", NULL);
	struct field_list fields = {0};
	struct choice_list choices = {0};
	struct deadline_list list;
	char shown[TIME_TEXT_MAX];

	(void)state;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	set(&fields, "intake", "first_noticed", "2026-03-28T11:00:00Z", "2026-03-28T11:00:00Z");
	set(&fields, "lead", "cloud_api_data", "yes", "2026-03-28T11:00:00Z");
	deadlines_evaluate(plan, &in, &fields, &choices, NULL, NULL, utc("2026-03-29T10:59:00Z"), &list);
	assert_int_equal(list.items[0].due, utc("2026-03-29T11:00:00Z"));
	time_format_local(list.items[0].start, shown, sizeof(shown));
	assert_string_equal(shown, "2026-03-28 12:00 CET");
	time_format_local(list.items[0].due, shown, sizeof(shown));
	assert_string_equal(shown, "2026-03-29 13:00 CEST");
	assert_int_equal(list.items[0].state, DEADLINE_WARNING);
	deadline_list_free(&list);
	setenv("TZ", "UTC", 1);
	tzset();
	field_list_free(&fields);
}

/* Which of plan's rules apply to an incident of that category with those
 * fields, as a string of the rules' names ("a b c"); the clocks all start
 * with the call, so a rule is listed exactly when its condition holds. */
static char *rules_applying(const struct config *c, const char *category, const struct field_list *fields)
{
	struct incident in = incident_at("2026-11-22T10:00:00Z", category);
	struct choice_list choices = {0};
	struct deadline_list list;
	struct strbuf names = {0};

	deadlines_evaluate(c, &in, fields, &choices, NULL, NULL, utc("2026-11-22T10:30:00Z"), &list);
	for (size_t i = 0; i < list.len; i++)
		strbuf_printf(&names, "%s%s", i ? " " : "", list.items[i].rule->name);
	deadline_list_free(&list);
	return strbuf_take(&names);
}

/* A plan of one rule per condition at each edge; every clock starts with
 * the call. */
static struct config *load_conditions(void)
{
	struct diag_list diags = {0};
	struct config *c;
	const char *path = write_file("conditions.ini",
		"[sirt]\nhotline = 1\n"
		"[categories]\nlife = Life\ndata = Data\nsystems = Systems\nservices = Services\n"
		"[deadline.top]\nparty = X\nwithin = 1d\nstarts = called\napplies = category >= life\n"
		"[deadline.middle]\nparty = X\nwithin = 1d\nstarts = called\napplies = category >= data\n"
		"[deadline.bottom]\nparty = X\nwithin = 1d\nstarts = called\napplies = category>=services\n"
		"[deadline.equals]\nparty = X\nwithin = 1d\nstarts = called\napplies = cloud_api_data = yes\n"
		"[deadline.filled]\nparty = X\nwithin = 1d\nstarts = called\n"
		"applies = prosecution_possible not empty\n");

	c = config_load(path, false, &diags);
	for (size_t i = 0; i < diags.len; i++)
		fprintf(stderr, "%s\n", diag_format(&diags.items[i]));
	assert_int_equal(diags.len, 0);
	assert_non_null(c);
	diag_list_free(&diags);
	return c;
}

/* "category >= KEY" is at KEY or above it ([categories] lists the most
 * serious first), at the top, in the middle and at the bottom of the
 * list: one rank below the key does not apply, the key itself does, one
 * above does. No category, or one the config lacks, applies to none. */
static void category_at_and_around_the_key(void **state)
{
	struct config *c = load_conditions();
	struct field_list fields = {0};
	static const struct {
		const char *category;
		const char *rules;
	} cases[] = {
		{"life", "top middle bottom"},	/* top: equal; middle and bottom: above */
		{"data", "middle bottom"},	/* top: below; middle: equal */
		{"systems", "bottom"},		/* middle: below */
		{"services", "bottom"},		/* bottom: equal */
		{NULL, ""},
		{"", ""},
		{"Data", ""},			/* keys are exact */
		{"cyber", ""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = rules_applying(c, cases[i].category, &fields);

		if (strcmp(got, cases[i].rules) != 0)
			fail_msg("category %s: rules \"%s\" apply, not \"%s\"",
				 cases[i].category ? cases[i].category : "(none)", got, cases[i].rules);
		free(got);
	}
	config_free(&c);
}

/* The other conditions at their edges: "FIELD = VALUE" is the whole value
 * ignoring case, "FIELD not empty" is anything but blanks, and neither
 * holds for a field never set. */
static void field_conditions_at_their_edges(void **state)
{
	struct config *c = load_conditions();
	static const struct {
		const char *cloud_api_data;	/* NULL: not set */
		const char *prosecution_possible;
		const char *rules;
	} cases[] = {
		{NULL, NULL, ""},
		{"yes", NULL, "equals"},
		{"YES", NULL, "equals"},
		{"Yes", "", "equals"},
		{"no", NULL, ""},
		{"ye", NULL, ""},
		{"yess", NULL, ""},
		{" yes", NULL, ""},
		{"", NULL, ""},
		{NULL, "", ""},
		{NULL, " \t\n ", ""},
		{NULL, "no", "filled"},
		{NULL, " x", "filled"},
		{"yes", "yes", "equals filled"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct field_list fields = {0};
		char *got;

		if (cases[i].cloud_api_data)
			set(&fields, "lead", "cloud_api_data", cases[i].cloud_api_data, "2026-11-22T10:10:00Z");
		if (cases[i].prosecution_possible)
			set(&fields, "lead", "prosecution_possible", cases[i].prosecution_possible,
			    "2026-11-22T10:10:00Z");
		got = rules_applying(c, NULL, &fields);
		if (strcmp(got, cases[i].rules) != 0)
			fail_msg("case %zu: rules \"%s\" apply, not \"%s\"", i, got, cases[i].rules);
		free(got);
		field_list_free(&fields);
	}
	config_free(&c);
}

static void config_mistakes(void **state)
{
	struct diag_list diags = {0};
	struct config *c;
	const char *path = write_file("bad-deadlines.ini",
		"[sirt]\nhotline = 1\n[categories]\ndata = Data\n"
		"[deadline.a]\nwithin = soon\n"
		"[deadline.b]\nparty = X\nwithin = 1d\nstarts = never\n"
		"[deadline.c]\nparty = X\nwithin = 1d\napplies = colour = red\n"
		"[deadline.d]\nparty = X\nwithin = 1d\nper = title\n"
		"[deadline.e]\nparty = X\nwithin = 1d\napplies = maybe\n");

	(void)state;
	c = config_load(path, false, &diags);
	assert_null(c);
	assert_int_equal(diags.len, 6);
	assert_string_equal(diags.items[0].message, "[deadline.a] needs a value for \"party\"");
	assert_string_equal(diags.items[1].message,
			    "\"within\" of deadline \"a\" must be a time such as 24h, 14d or 90m, not \"soon\"");
	assert_string_equal(diags.items[2].message, "\"starts\" of deadline \"b\" must be discovered, called, noticed, "
						     "categorised, classified-major, materiality-determined, submitted:STAGE "
						     "or field:KEY of a form's field, not \"never\"");
	assert_string_equal(diags.items[3].message, "deadline \"c\" depends on field \"colour\", which no form has");
	assert_string_equal(diags.items[4].message,
			    "\"per\" of deadline \"d\" must name a customers field, and \"title\" is not one");
	assert_int_equal(diags.items[5].line, 22);
	assert_string_equal(diags.items[5].message, "\"applies\" of deadline \"e\" must be always, FIELD = VALUE, "
						     "FIELD not empty, category >= KEY, classified-major or "
						     "materiality-determined, not \"maybe\"");
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(conditions_and_triggers),
		cmocka_unit_test(one_deadline_per_customer),
		cmocka_unit_test(met_late_says_by_how_much),
		cmocka_unit_test(warning_and_overdue_boundaries),
		cmocka_unit_test(across_a_daylight_saving_change),
		cmocka_unit_test(category_at_and_around_the_key),
		cmocka_unit_test(field_conditions_at_their_edges),
		cmocka_unit_test(config_mistakes),
	};

	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, load_plan, free_plan);
}
