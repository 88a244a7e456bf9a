/* The end of an incident: statuses moved by the work, damage and cost,
 * the report (R18, R19) in every format, and closing and reopening. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <sqlite3.h>

#include "sirt/changes.h"
#include "sirt/closing.h"
#include "sirt/cost.h"
#include "sirt/incident.h"
#include "sirt/procedure.h"
#include "sirt/report.h"
#include "raw_db.h"
#include "sample_plan.h"

/* A fresh store with one incident, IR-2026-0001, read back into *in. */
static struct store *fresh(const char *name, struct incident *in)
{
	char *path = xasprintf("%s/%s", scratch(), name);
	struct store *s = NULL;
	struct error err = {0};
	struct field_list typed = {0};
	struct form_problems problems = {0};

	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	field_list_set(&typed, "intake", "caller_name", "Dana Reyes", "");
	field_list_set(&typed, "intake", "nature", "Phishing mail with a fake login page", "");
	field_list_set(&typed, "intake", "detected_how", "A user reported the mail", "");
	field_list_set(&typed, "intake", "title", "Phishing at two customers", "");
	assert_int_equal(incident_create(s, sample, &responder, NOW, &typed, in, &problems, &err), STATUS_OK);
	field_list_free(&typed);
	form_problems_free(&problems);
	free(path);
	return s;
}

static void reread(struct store *s, struct incident *in)
{
	struct error err = {0};

	incident_clear(in);
	assert_int_equal(store_incident_get(s, "IR-2026-0001", in, &err), STATUS_OK);
}

static void save(struct store *s, struct incident *in, const struct form_def *form, const char *const pairs[])
{
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct error err = {0};

	for (size_t i = 0; pairs[i]; i += 2)
		field_list_set(&typed, form->key, pairs[i], pairs[i + 1], "");
	assert_int_equal(incident_save_form(s, form, in, &responder, NOW, &typed, &problems, NULL, NULL, &err), STATUS_OK);
	field_list_free(&typed);
	form_problems_free(&problems);
	reread(s, in);
}

static void answer_the_review(struct store *s, struct incident *in)
{
	const struct form_def *review = sample->review;
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct error err = {0};

	for (size_t i = 0; i < review->nfields; i++)
		field_list_set(&typed, review->key, review->fields[i].key, "Answered", "");
	assert_int_equal(incident_save_form(s, review, in, &responder, NOW, &typed, &problems, NULL, NULL, &err), STATUS_OK);
	field_list_free(&typed);
	form_problems_free(&problems);
	reread(s, in);
}

static void money_is_read_and_written_exactly(void **state)
{
	int64_t v;
	char out[40];

	(void)state;
	assert_true(money_parse("12500", &v));
	assert_int_equal(v, 1250000);
	assert_true(money_parse("12,500.5", &v));
	assert_int_equal(v, 1250050);
	assert_true(money_parse("1,234,567.89", &v));
	assert_int_equal(v, 123456789);
	assert_true(money_parse(" 0.05 ", &v));
	assert_int_equal(v, 5);
	assert_false(money_parse("12,50", &v));		/* a decimal comma is not taken as thousands */
	assert_false(money_parse("1,2345", &v));
	assert_false(money_parse(",500", &v));
	assert_false(money_parse("12.345", &v));
	assert_false(money_parse("-5", &v));
	assert_false(money_parse("$5", &v));
	assert_false(money_parse("5.", &v));
	assert_false(money_parse("", &v));
	assert_false(money_parse("99999999999999999999", &v));
	assert_true(money_parse("1,000,000,000,000", &v));
	assert_false(money_parse("1,000,000,000,000.01", &v));
	assert_false(money_parse("1000000000001", &v));
	money_format(123456789, out, sizeof(out));
	assert_string_equal(out, "1,234,567.89");
	money_format(5, out, sizeof(out));
	assert_string_equal(out, "0.05");
	money_format(100000, out, sizeof(out));
	assert_string_equal(out, "1,000.00");
	/* Currencies of ISO 4217 as its list has them; not a code that only
	 * looks like one, a metal, the code for testing, or lower case. */
	static const char *const known[] = {"AED", "CHF", "EUR", "GBP", "JPY", "TRY", "USD", "XCG", "ZWG", "ZAR"};
	static const char *const unknown[] = {"XQZ", "ABC", "XAU", "XTS", "XXX", "HRK", "usd", "EURO", "EU", ""};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		assert_true(money_currency_known(known[i]));
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		assert_false(money_currency_known(unknown[i]));
}

static void statuses_follow_the_work(void **state)
{
	struct incident in = {0};
	struct store *s = fresh("status.db", &in);
	struct error err = {0};
	static const char *const triage[] = {"real", "real", NULL};

	(void)state;
	assert_string_equal(incident_status_after(INCIDENT_RESPONDING, "restoration"), INCIDENT_RECOVERING);
	assert_string_equal(incident_status_after(INCIDENT_RECOVERING, "review"), INCIDENT_REVIEW);
	assert_null(incident_status_after(INCIDENT_REVIEW, "restoration"));
	assert_null(incident_status_after(INCIDENT_CLOSED, "review"));

	save(s, &in, sample->triage, triage);
	assert_string_equal(in.status, INCIDENT_TRIAGE);
	assert_int_equal(incident_set_procedure(s, sample, &in, "virus", &responder, NOW, &err), 0);
	reread(s, &in);
	assert_string_equal(in.status, INCIDENT_RESPONDING);
	/* A restoration step marked open again moves nothing; worked, it does. */
	assert_int_equal(incident_mark_step(s, sample, &in, "restoration.preserve-evidence", STEP_OPEN, "", -1, &responder,
					    NOW, &err), 0);
	reread(s, &in);
	assert_string_equal(in.status, INCIDENT_RESPONDING);
	assert_int_equal(incident_mark_step(s, sample, &in, "restoration.preserve-evidence", STEP_DONE, "", -1, &responder,
					    NOW, &err), 0);
	reread(s, &in);
	assert_string_equal(in.status, INCIDENT_RECOVERING);
	answer_the_review(s, &in);
	assert_string_equal(in.status, INCIDENT_REVIEW);
	incident_clear(&in);
	store_close(&s);
}

static void costs_are_lines_with_totals_per_currency(void **state)
{
	struct incident in = {0};
	struct store *s = fresh("cost.db", &in);
	struct error err = {0};
	struct cost_list costs;
	struct cost_totals totals;
	int64_t n;
	char *text;
	sqlite3 *db;
	char *path = xasprintf("%s/cost.db", scratch());

	(void)state;
	assert_int_equal(incident_add_cost(s, sample, &in, COST_DAMAGE, "Lost sales", "10,000", NULL, true, &responder,
					   NOW, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(incident_add_cost(s, sample, &in, COST_CONTAINMENT, "Overtime", "1,250.50", "", false,
					   &responder, NOW, &n, &err), 0);
	assert_int_equal(incident_add_cost(s, sample, &in, COST_CONTAINMENT, "Forensics firm", "800", "EUR", false,
					   &responder, NOW, &n, &err), 0);
	assert_int_equal(incident_add_cost(s, sample, &in, COST_DAMAGE, "Typo", "99", NULL, false, &responder, NOW, &n,
					   &err), 0);
	/* What is refused, and why. */
	assert_int_equal(incident_add_cost(s, sample, &in, "fine", "x", "1", NULL, false, &responder, NOW, &n, &err),
			 STATUS_DATA);
	assert_int_equal(incident_add_cost(s, sample, &in, COST_DAMAGE, "x", "12,50", NULL, false, &responder, NOW, &n,
					   &err), STATUS_DATA);
	assert_non_null(strstr(err.message, "is not an amount"));
	assert_int_equal(incident_add_cost(s, sample, &in, COST_DAMAGE, "x", "1", "euro", false, &responder, NOW, &n,
					   &err), STATUS_DATA);
	/* Three letters are not enough: the code must be one ISO 4217 has. */
	assert_int_equal(incident_add_cost(s, sample, &in, COST_DAMAGE, "x", "1", "XQZ", false, &responder, NOW, &n,
					   &err), STATUS_DATA);
	assert_non_null(strstr(err.message, "\"XQZ\" is not a currency code of ISO 4217"));
	assert_int_equal(incident_add_cost(s, sample, &in, COST_DAMAGE, " ", "1", NULL, false, &responder, NOW, &n, &err),
			 STATUS_DATA);
	assert_int_equal(incident_withdraw_cost(s, &in, 4, "", &responder, NOW, &err), STATUS_DATA);
	assert_int_equal(incident_withdraw_cost(s, &in, 4, "entered by mistake", &responder, NOW, &err), 0);
	assert_int_equal(incident_withdraw_cost(s, &in, 4, "again", &responder, NOW, &err), STATUS_CONFLICT);
	assert_int_equal(incident_withdraw_cost(s, &in, 9, "none", &responder, NOW, &err), STATUS_NOT_FOUND);

	assert_int_equal(store_costs_get(s, in.id, &costs, &err), 0);
	assert_int_equal(costs.len, 4);
	assert_string_equal(costs.items[1].currency, "USD");	/* the plan's */
	assert_string_equal(costs.items[3].withdrawn_reason, "entered by mistake");
	text = cost_text(&costs.items[0]);
	assert_string_equal(text, "1. Damage USD 10,000.00 (estimate): Lost sales");
	free(text);
	cost_totals(&costs, &totals);
	assert_int_equal(totals.len, 2);
	assert_string_equal(totals.items[0].currency, "USD");
	assert_int_equal(totals.items[0].damage, 1000000);	/* the withdrawn 99 is not counted */
	assert_int_equal(totals.items[0].containment, 125050);
	assert_int_equal(totals.items[0].estimated, 1000000);
	assert_int_equal(totals.items[1].containment, 80000);
	text = cost_total_text(&totals.items[0]);
	assert_string_equal(text, "USD 11,250.50 (damage 10,000.00, containment 1,250.50; 10,000.00 estimated)");
	free(text);
	cost_totals_free(&totals);
	cost_list_free(&costs);
	store_close(&s);

	/* Lines are never edited or deleted, not even with SQL. */
	assert_non_null(db = raw_open(path));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE cost SET amount = 1", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM cost_withdrawal", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	incident_clear(&in);
	free(path);
}

/* An incident with two customers, a procedure, a cost and report text:
 * everything a report draws on. */
static struct store *worked(const char *name, struct incident *in)
{
	struct store *s = fresh(name, in);
	struct error err = {0};
	int64_t n;
	static const char *const lead[] = {
		"customers_affected", "Example Bank <security@bank.example.org>\nAcme Widgets <sec@acme.example.org>",
		"attacker_origin", "198.51.100.7, a VPS rented with a stolen card", NULL};
	static const char *const triage[] = {"real", "real", "type", "intrusion", NULL};
	static const char *const report[] = {
		"data_disclosed", "Example Bank: names of 200 account holders\nAcme Widgets: invoices of 2026",
		"effective", "partly", NULL};

	save(s, in, sample->lead, lead);
	save(s, in, sample->triage, triage);
	assert_int_equal(incident_set_category(s, sample, in, "data", "", &responder, NOW, &err), 0);
	assert_int_equal(incident_set_procedure(s, sample, in, "active-intrusion", &responder, NOW, &err), 0);
	reread(s, in);
	assert_int_equal(incident_mark_step(s, sample, in, "confirm-activity", STEP_DONE, "seen in the proxy log",
					    -1, &responder, NOW, &err), 0);
	assert_int_equal(incident_add_cost(s, sample, in, COST_CONTAINMENT, "Overtime", "1,200", NULL, false, &responder,
					   NOW, &n, &err), 0);
	save(s, in, sample->report, report);
	return s;
}

static char *render(struct store *s, const struct incident *in, enum report_format format, const char *customer,
		    enum status expect)
{
	struct incident_record r;
	struct error err = {0};
	char *out = NULL;

	assert_int_equal(incident_record_load(s, sample, in, NOW, &r, &err), 0);
	assert_int_equal(report_render(sample, in, &r, format, customer, NOW, &out, &err), expect);
	incident_record_free(&r);
	return out;
}

static void report_has_every_r18_item_in_every_format(void **state)
{
	struct incident in = {0};
	struct store *s = worked("report.db", &in);
	enum report_format formats[] = {REPORT_MD, REPORT_TEXT, REPORT_JSON};
	/* What the record says, pre-filled, and what was typed. */
	const char *facts[] = {"A user reported the mail",		/* how it was discovered */
			       "Threat to sensitive data",		/* its category */
			       "intrusion",				/* how it occurred */
			       "198.51.100.7, a VPS rented",		/* where it came from */
			       "Active intrusion",			/* the response plan */
			       "seen in the proxy log",			/* what was done */
			       "partly",				/* effective */
			       "Overtime", "Example Bank", "Acme Widgets", NULL};

	(void)state;
	for (size_t f = 0; f < 3; f++) {
		char *text = render(s, &in, formats[f], NULL, STATUS_OK);

		for (size_t i = 0; i < sample->report->nfields; i++)
			assert_non_null(strstr(text, formats[f] == REPORT_JSON ? sample->report->fields[i].key :
						     sample->report->fields[i].label));
		for (size_t i = 0; facts[i]; i++)
			if (!strstr(text, facts[i]))
				fail_msg("format %zu lacks \"%s\" in:\n%s", f, facts[i], text);
		free(text);
	}
	{
		char *md = render(s, &in, REPORT_MD, NULL, STATUS_OK);
		assert_non_null(strstr(md, "# Incident report: IR-2026-0001\n"));
		assert_non_null(strstr(md, "\n## How it was discovered\n"));
		free(md);
	}
	incident_clear(&in);
	store_close(&s);
}

static void a_customer_report_names_no_other_customer(void **state)
{
	struct incident in = {0};
	struct store *s = worked("customer.db", &in);
	static const char *const more[] = {"how_occurred", "A mail to EXAMPLE BANK staff and Acme Widgets staff", NULL};
	enum report_format formats[] = {REPORT_MD, REPORT_TEXT, REPORT_JSON};
	char *text;

	(void)state;
	save(s, &in, sample->report, more);
	for (size_t f = 0; f < 3; f++) {
		text = render(s, &in, formats[f], "acme widgets", STATUS_OK);
		assert_non_null(strstr(text, "Acme Widgets"));
		assert_non_null(strstr(text, "invoices of 2026"));
		assert_null(strstr(text, "Example Bank"));
		assert_null(strstr(text, "EXAMPLE BANK"));
		assert_null(strstr(text, "bank.example.org"));
		assert_null(strstr(text, "200 account holders"));
		assert_null(strstr(text, "Overtime"));	/* internal costs stay internal */
		/* Markdown escapes the brackets: it reads the same. */
		assert_non_null(strstr(text, formats[f] == REPORT_MD ? "\\[another customer\\]" : "[another customer]"));
		free(text);
	}
	/* By the security contact's address too; an unknown name is refused. */
	text = render(s, &in, REPORT_TEXT, "security@bank.example.org", STATUS_OK);
	assert_non_null(strstr(text, "names of 200 account holders"));
	assert_null(strstr(text, "Acme"));
	free(text);
	assert_null(render(s, &in, REPORT_TEXT, "Nobody Inc", STATUS_NOT_FOUND));
	incident_clear(&in);
	store_close(&s);
}

/* The title heads every report, so it is redacted like the rest: a
 * title naming another customer must not hand their name to this one. */
static void a_title_naming_another_customer_is_redacted(void **state)
{
	struct incident in = {0};
	struct store *s = worked("title.db", &in);
	static const char *const intake[] = {"title", "Phishing at Example Bank, then at Acme Widgets", NULL};
	enum report_format formats[] = {REPORT_MD, REPORT_TEXT, REPORT_JSON};
	const char *redacted[] = {"Phishing at \\[another customer\\], then at Acme Widgets",
				  "Phishing at [another customer], then at Acme Widgets",
				  "Phishing at [another customer], then at Acme Widgets"};

	(void)state;
	save(s, &in, sample->intake, intake);
	assert_string_equal(in.title, "Phishing at Example Bank, then at Acme Widgets");
	for (size_t f = 0; f < 3; f++) {
		char *text = render(s, &in, formats[f], "Acme Widgets", STATUS_OK);

		if (strstr(text, "Example Bank") || strstr(text, "bank.example.org"))
			fail_msg("format %zu names the other customer in:\n%s", f, text);
		if (!strstr(text, redacted[f]))
			fail_msg("format %zu lacks the title \"%s\" in:\n%s", f, redacted[f], text);
		free(text);
	}
	incident_clear(&in);
	store_close(&s);
}

/* Names inside names, other scripts' capitals, short names: the customer
 * reads their own name whole and nobody else's. */
static void redaction_takes_the_longest_whole_word(void **state)
{
	struct incident in = {0};
	struct store *s = fresh("names.db", &in);
	static const char *const lead[] = {
		"customers_affected", "Bank <sec@bank.example.org>\nBankers Trust <s@bt.example.org>\n"
				      "Müller GmbH <bank-ops@corp.example.org>\nIT <it@it.example.org>", NULL};
	static const char *const report[] = {
		"how_occurred", "Seen at Bankers Trust, then MÜLLER GMBH (bank-ops@corp.example.org); the security "
				"team and the intranet of Bank, and it@it.example.org, were told.", NULL};
	char *text;

	(void)state;
	save(s, &in, sample->lead, lead);
	save(s, &in, sample->report, report);
	text = render(s, &in, REPORT_TEXT, "bank", STATUS_OK);
	assert_non_null(strstr(text, "Seen at [another customer], then [another customer] ([another customer]); the "
				     "security team and the intranet of Bank, and [another customer], were told."));
	free(text);
	text = render(s, &in, REPORT_TEXT, "müller gmbh", STATUS_OK);
	assert_non_null(strstr(text, "then MÜLLER GMBH (bank-ops@corp.example.org)"));
	assert_null(strstr(text, "Bankers"));
	free(text);
	incident_clear(&in);
	store_close(&s);
}

static void prefill_takes_saved_text_over_the_record(void **state)
{
	struct incident in = {0};
	struct store *s = worked("prefill.db", &in);
	struct incident_record r;
	struct error err = {0};
	const struct field_def *how = form_def_field(sample->report, "how_discovered");
	const struct field_def *category = form_def_field(sample->report, "category");
	static const char *const typed[] = {"how_discovered", "Written by hand", NULL};
	char *text, *out;

	(void)state;
	assert_int_equal(incident_record_load(s, sample, &in, NOW, &r, &err), 0);
	text = report_prefill(sample, &in, &r, how);
	/* One source has something: no label before it. */
	assert_string_equal(text, "A user reported the mail");
	free(text);
	text = report_prefill(sample, &in, &r, category);
	assert_string_equal(text, "Threat to sensitive data");
	free(text);
	incident_record_free(&r);
	save(s, &in, sample->report, typed);
	out = render(s, &in, REPORT_TEXT, NULL, STATUS_OK);
	assert_non_null(strstr(out, "Written by hand"));
	assert_null(strstr(out, "A user reported the mail"));
	free(out);
	incident_clear(&in);
	store_close(&s);
}

static void untrusted_text_is_inert_in_text_and_markdown(void **state)
{
	struct incident in = {0};
	struct store *s = worked("inert.db", &in);
	static const char *const evil[] = {"how_occurred", "\x1b]52;c;ZXZpbA==\x07# Not a heading\n---", NULL};
	char *text;

	(void)state;
	save(s, &in, sample->report, evil);
	text = render(s, &in, REPORT_MD, NULL, STATUS_OK);
	assert_null(strchr(text, '\x1b'));
	assert_null(strchr(text, '\x07'));
	assert_non_null(strstr(text, "\\---"));
	free(text);
	text = render(s, &in, REPORT_JSON, NULL, STATUS_OK);
	assert_null(strchr(text, '\x1b'));
	assert_non_null(strstr(text, "\\u001b"));
	free(text);
	incident_clear(&in);
	store_close(&s);
}

static void closing_waits_for_the_review_and_a_reason(void **state)
{
	struct incident in = {0};
	struct store *s = worked("close.db", &in);
	struct open_items items;
	struct error err = {0};
	struct field_list fields;
	struct timeline tl;
	int64_t n;

	(void)state;
	assert_int_equal(incident_propose_change(s, &in, "Block the VPS range", "", &responder, NOW, &n, &err), 0);
	/* The review first, whatever the reason given. */
	assert_int_equal(incident_close(s, sample, &in, "in a hurry", &responder, NOW, &items, &err), STATUS_DATA);
	assert_int_equal(items.blocking, sample->review->nfields);
	assert_non_null(strstr(err.message, "the post-incident review has 9 questions not answered"));
	{
		bool step = false, restoration = false, deadline = false, change = false;
		for (size_t i = 0; i < items.len; i++) {
			step |= items.items[i].kind == OPEN_STEP;
			restoration |= items.items[i].kind == OPEN_RESTORATION;
			deadline |= items.items[i].kind == OPEN_DEADLINE &&
				    strstr(items.items[i].text, "Not told yet: Example Bank");
			change |= items.items[i].kind == OPEN_CHANGE &&
				  strstr(items.items[i].text, "Change 1 not decided: Block the VPS range");
		}
		assert_true(step && restoration && deadline && change);
	}
	open_items_free(&items);
	answer_the_review(s, &in);
	/* Open things left: only with a reason. */
	assert_int_equal(incident_close(s, sample, &in, "", &responder, NOW, &items, &err), STATUS_DATA);
	assert_int_equal(items.blocking, 0);
	assert_non_null(strstr(err.message, "closing anyway needs a reason"));
	open_items_free(&items);
	assert_int_equal(incident_close(s, sample, &in, "Customers told by phone", &responder, NOW + 60, &items, &err),
			 0);
	open_items_free(&items);
	reread(s, &in);
	assert_string_equal(in.status, INCIDENT_CLOSED);
	assert_int_equal(store_timeline_get(s, in.id, &tl, &err), 0);
	assert_string_equal(tl.items[tl.len - 1].kind, "status");
	assert_non_null(strstr(tl.items[tl.len - 1].summary, "Closed with "));
	assert_non_null(strstr(tl.items[tl.len - 1].summary, "): Customers told by phone"));
	timeline_free(&tl);

	/* Closed: work is refused until reopened; evidence may still come. */
	assert_int_equal(incident_mark_step(s, sample, &in, "eradicate", STEP_DONE, "", -1, &responder, NOW, &err),
			 STATUS_CONFLICT);
	assert_non_null(strstr(err.message, "is closed: reopen it first"));
	assert_int_equal(incident_add_cost(s, sample, &in, COST_DAMAGE, "x", "1", NULL, false, &responder, NOW, &n, &err),
			 STATUS_CONFLICT);
	assert_int_equal(incident_close(s, sample, &in, "again", &responder, NOW, &items, &err), STATUS_CONFLICT);
	open_items_free(&items);
	assert_int_equal(incident_reopen(s, sample, &in, "", &responder, NOW, &err), STATUS_DATA);
	assert_int_equal(incident_reopen(s, sample, &in, "A second host was found", &responder, NOW + 120, &err), 0);
	reread(s, &in);
	/* Back to what its work gives: the review was answered. */
	assert_string_equal(in.status, INCIDENT_REVIEW);
	assert_int_equal(incident_reopen(s, sample, &in, "twice", &responder, NOW, &err), STATUS_CONFLICT);
	assert_int_equal(store_fields_get(s, in.id, &fields, &err), 0);
	field_list_free(&fields);
	incident_clear(&in);
	store_close(&s);
}

static void closing_with_nothing_open_needs_no_reason(void **state)
{
	struct incident in = {0};
	struct store *s = fresh("clean.db", &in);
	struct open_items items;
	struct error err = {0};

	static const char *const triage[] = {"real", "real", NULL};
	static const char *const lead[] = {"attacker_origin", "unknown", NULL};
	static const char *const report[] = {"effective", "yes", NULL};
	int64_t n;

	(void)state;
	/* Before any work, closing lists the work itself. */
	assert_int_equal(incident_close(s, sample, &in, NULL, &responder, NOW, &items, &err), STATUS_DATA);
	{
		const char *expected[] = {"Triage checklist not answered", "No category chosen",
					  "No procedure chosen (or \"no procedure applies\")",
					  "Report says nothing yet: Where it came from",
					  "Report says nothing yet: Was it effective?", "No damage or cost recorded"};
		for (size_t k = 0; k < sizeof(expected) / sizeof(expected[0]); k++) {
			bool found = false;
			for (size_t i = 0; i < items.len; i++)
				found |= items.items[i].kind == OPEN_WORK && strcmp(items.items[i].text, expected[k]) == 0;
			if (!found)
				fail_msg("not listed: %s", expected[k]);
		}
	}
	open_items_free(&items);
	save(s, &in, sample->triage, triage);
	save(s, &in, sample->lead, lead);
	save(s, &in, sample->report, report);
	assert_int_equal(incident_set_category(s, sample, &in, "systems", "", &responder, NOW, &err), 0);
	assert_int_equal(incident_set_procedure(s, sample, &in, PROCEDURE_NONE, &responder, NOW, &err), 0);
	assert_int_equal(incident_add_cost(s, sample, &in, COST_CONTAINMENT, "Overtime", "300", NULL, false, &responder,
					   NOW, &n, &err), 0);
	reread(s, &in);
	/* No procedure applies; every restoration step not applicable. */
	for (size_t i = 0; i < sample->restoration->nsteps; i++)
		assert_int_equal(incident_mark_step(s, sample, &in, sample->restoration->steps[i].key, STEP_NA, "",
						    -1, &responder, NOW, &err), 0);
	reread(s, &in);
	answer_the_review(s, &in);
	/* A reason of blanks is no reason. */
	assert_int_equal(incident_close(s, sample, &in, "   ", &responder, NOW, &items, &err), 0);
	assert_int_equal(items.len, 0);
	open_items_free(&items);
	reread(s, &in);
	assert_string_equal(in.status, INCIDENT_CLOSED);
	incident_clear(&in);
	store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_is_read_and_written_exactly),
		cmocka_unit_test(statuses_follow_the_work),
		cmocka_unit_test(costs_are_lines_with_totals_per_currency),
		cmocka_unit_test(report_has_every_r18_item_in_every_format),
		cmocka_unit_test(a_customer_report_names_no_other_customer),
		cmocka_unit_test(a_title_naming_another_customer_is_redacted),
		cmocka_unit_test(redaction_takes_the_longest_whole_word),
		cmocka_unit_test(prefill_takes_saved_text_over_the_record),
		cmocka_unit_test(untrusted_text_is_inert_in_text_and_markdown),
		cmocka_unit_test(closing_waits_for_the_review_and_a_reason),
		cmocka_unit_test(closing_with_nothing_open_needs_no_reason),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, load_sample, free_sample);
}
