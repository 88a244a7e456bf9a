/* The list's pages (store/derived.c): read by key in list order, overdue
 * first then newest first, forward and back, with closed incidents left
 * out or in, by full-text search; and the deadline kept with each write
 * (core/deadline.c's hook) and worked out again for a whole file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/deadline.h"
#include "sirt/incident.h"
#include "sirt/investigation.h"
#include "sirt/mem.h"
#include "sirt/store.h"
#include "sample_plan.h"
#include "fresh_store.h"
#include "raw_db.h"

enum { COUNT = 40 };

static struct store *store;
/* The references in list order, as the test works them out itself. */
static char *expected[COUNT];
static size_t nexpected;

/* Forty incidents: every fifth one closed; every seventh overdue (due
 * times falling as the number rises, so the overdue order is not the
 * creation order); every eleventh due later. The title of each third
 * says "phishing". */
static int build(void **state)
{
	struct error err = {0};
	struct incident in;
	char *refs[COUNT];
	bool overdue[COUNT];
	time_t due[COUNT];

	(void)state;
	store = open_fresh("list.db");
	for (int i = 0; i < COUNT; i++) {
		char *title = xasprintf("%s number %d", i % 3 == 0 ? "Phishing at Kılınç" : "Lost laptop", i);

		assert_int_equal(store_incident_create(store, "IR", title, NULL, &responder, NOW + i, &in, &err),
				 STATUS_OK);
		refs[i] = xstrdup(in.ref);
		overdue[i] = i % 7 == 0;
		due[i] = overdue[i] ? NOW - 1000 * i - 1 : NOW + 86400;
		if (overdue[i] || i % 11 == 0)
			assert_int_equal(store_due_set(store, in.id, true, due[i], 3600, &err), STATUS_OK);
		if (i % 5 == 0)
			assert_int_equal(store_status_set(store, &in, INCIDENT_CLOSED, "closed", &responder, NOW + i, &err),
					 STATUS_OK);
		incident_clear(&in);
		free(title);
	}
	/* Open ones only: overdue by due time (the oldest due first), then
	 * the rest newest first. */
	for (int i = COUNT - 1; i >= 0; i--)
		if (overdue[i] && i % 5 != 0)
			expected[nexpected++] = refs[i];
	for (int i = COUNT - 1; i >= 0; i--)
		if (!overdue[i] && i % 5 != 0)
			expected[nexpected++] = refs[i];
	for (int i = 0; i < COUNT; i++)
		if (i % 5 == 0)
			free(refs[i]);
	return 0;
}

static int tear_down(void **state)
{
	(void)state;
	for (size_t i = 0; i < nexpected; i++)
		free(expected[i]);
	store_close(&store);
	return 0;
}

/* Reads the whole list a page at a time, in the given direction, and
 * gives the references in list order. */
static size_t walk(const struct list_query *q, bool forward, size_t page_size, char **out, size_t max)
{
	struct error err = {0};
	struct list_key key;
	bool have_key = false;
	size_t n = 0;

	for (;;) {
		struct listed_page page;

		assert_int_equal(store_list_page(store, q, have_key ? &key : NULL, forward, false, page_size, &page, &err),
				 STATUS_OK);
		assert_true(page.len <= page_size);
		for (size_t i = 0; i < page.len; i++) {
			size_t at = forward ? n + i : max - n - page.len + i;
			assert_true(n + page.len <= max);
			out[at] = xstrdup(page.items[i].incident.ref);
		}
		n += page.len;
		if (page.len) {
			key = page.items[forward ? page.len - 1 : 0].key;
			have_key = true;
		}
		if (page.len < page_size) {
			listed_page_free(&page);
			break;
		}
		listed_page_free(&page);
	}
	if (!forward && n < max)	/* what was read sits at the end: move it up */
		memmove(out, out + max - n, n * sizeof(*out));
	return n;
}

static void pages_forward_and_back_in_list_order(void **state)
{
	struct list_query q = {.include_closed = false, .now = NOW};
	char *got[COUNT];

	(void)state;
	for (size_t size = 1; size <= 9; size += 4) {
		assert_int_equal(walk(&q, true, size, got, COUNT), nexpected);
		for (size_t i = 0; i < nexpected; i++) {
			assert_string_equal(got[i], expected[i]);
			free(got[i]);
		}
		assert_int_equal(walk(&q, false, size, got, nexpected), nexpected);
		for (size_t i = 0; i < nexpected; i++) {
			assert_string_equal(got[i], expected[i]);
			free(got[i]);
		}
	}
}

static void inclusive_starts_at_the_key_and_closed_come_in(void **state)
{
	struct list_query q = {.include_closed = false, .now = NOW};
	struct listed_page first, again, all;
	struct error err = {0};
	size_t open = 0, closed = 0;

	(void)state;
	assert_int_equal(store_list_page(store, &q, NULL, true, true, 3, &first, &err), STATUS_OK);
	assert_int_equal(first.len, 3);
	assert_true(first.items[0].key.overdue);
	assert_true(first.items[0].due_open);
	assert_int_equal(store_list_page(store, &q, &first.items[1].key, true, true, 2, &again, &err), STATUS_OK);
	assert_int_equal(again.len, 2);
	assert_string_equal(again.items[0].incident.ref, first.items[1].incident.ref);
	assert_string_equal(again.items[1].incident.ref, first.items[2].incident.ref);
	listed_page_free(&first);
	listed_page_free(&again);

	q.include_closed = true;
	assert_int_equal(store_list_page(store, &q, NULL, true, true, COUNT + 5, &all, &err), STATUS_OK);
	assert_int_equal(all.len, COUNT);
	listed_page_free(&all);
	assert_int_equal(store_incident_count(store, &open, &closed, &err), STATUS_OK);
	assert_int_equal(open, nexpected);
	assert_int_equal(closed, COUNT / 5);
	/* Later, more is overdue: the one due tomorrow comes to the top part. */
	q.include_closed = false;
	q.now = NOW + 2 * 86400;
	assert_int_equal(store_list_page(store, &q, NULL, true, true, COUNT, &all, &err), STATUS_OK);
	assert_true(all.items[all.len - 1].key.overdue == false);
	assert_true(all.items[0].key.overdue);
	{
		size_t overdue = 0;
		for (size_t i = 0; i < all.len; i++)
			overdue += all.items[i].key.overdue;
		assert_true(overdue > 5);
	}
	listed_page_free(&all);
}

static void search_finds_words_from_their_start(void **state)
{
	/* Closed ones are found too (every fifth is closed). */
	struct list_query q = {.include_closed = false, .now = NOW, .search = "phish kılı"};
	struct listed_page page;
	struct error err = {0};

	(void)state;
	assert_int_equal(store_list_page(store, &q, NULL, true, true, COUNT, &page, &err), STATUS_OK);
	assert_int_equal(page.len, (COUNT + 2) / 3);
	for (size_t i = 0; i + 1 < page.len; i++) {
		assert_non_null(strstr(page.items[i].incident.title, "Phishing"));
		assert_true(page.items[i].incident.id > page.items[i + 1].incident.id);	/* newest first */
	}
	listed_page_free(&page);
	/* FTS5 syntax typed is only text; a word not there finds nothing. */
	q.search = "\"phish* OR NEAR(";
	assert_int_equal(store_list_page(store, &q, NULL, true, true, COUNT, &page, &err), STATUS_OK);
	assert_int_equal(page.len, 0);
	listed_page_free(&page);
	q.search = "laptop -";
	assert_int_equal(store_list_page(store, &q, NULL, true, true, COUNT, &page, &err), STATUS_OK);
	assert_int_equal(page.len, COUNT - (COUNT + 2) / 3);
	listed_page_free(&page);
	/* Nothing that is a word: the whole list, as without a search. */
	q.search = " -- ";
	assert_int_equal(store_list_page(store, &q, NULL, true, true, COUNT + 1, &page, &err), STATUS_OK);
	assert_int_equal(page.len, nexpected);
	listed_page_free(&page);
}

/* Letters of their own, not letters with accents, are found as people
 * without them type them, both ways: each title here by its query, and
 * only it. */
static void search_folds_letters_of_their_own(void **state)
{
	static const struct {
		const char *title, *typed;
	} table[] = {
		{"Call from Burak Kılınç", "burak kilinc"},
		{"KILINÇ Holding mail", "kilinç holding"},
		{"İstanbul office", "istanbul"},
		{"Øresund bridge cameras", "oresund"},
		{"Łódź branch", "lodz"},
		{"Đorđe's laptop", "dorde"},
		{"Großbank AG portal", "grossbank"},
		{"Ærøskøbing ferry", "aeroskobing"},
		{"Œuvre gallery", "oeuvre"},
		{"Þórshöfn harbour", "thorshofn"},
		{"Kilinc Ltd invoice", "kılınç ltd"},
		{"Café Zürich", "cafe zurich"},
	};
	struct store *fold = open_fresh("fold.db");
	enum { N = sizeof(table) / sizeof(table[0]) };
	int64_t ids[N];
	struct error err = {0};

	(void)state;
	for (size_t i = 0; i < N; i++) {
		struct incident in;

		assert_int_equal(store_incident_create(fold, "IR", table[i].title, NULL, &responder, NOW + (time_t)i, &in,
						       &err), STATUS_OK);
		ids[i] = in.id;
		incident_clear(&in);
	}
	for (size_t i = 0; i < N; i++) {
		const char *typed = table[i].typed;
		struct list_query q = {.now = NOW + 100, .search = typed};
		struct listed_page page;

		assert_int_equal(store_list_page(fold, &q, NULL, true, true, N, &page, &err), STATUS_OK);
		if (page.len != 1 || page.items[0].incident.id != ids[i])
			fprintf(stderr, "\"%s\" found %zu, not only \"%s\"\n", typed, page.len, table[i].title);
		assert_int_equal(page.len, 1);
		assert_int_equal(page.items[0].incident.id, ids[i]);
		listed_page_free(&page);
	}
	/* What is recorded beside the forms is found too: a witness's name
	 * and statement, and the timeline (a withdrawn line's reason). */
	{
		struct incident in;
		struct list_query q = {.now = NOW + 100, .search = "Okafor"};
		struct listed_page page;
		int64_t n;

		assert_int_equal(store_incident_get(fold, "IR-2026-0001", &in, &err), STATUS_OK);
		assert_int_equal(incident_add_witness(fold, &in, "Amara Okafor", "", "saw the courier van", "", 0,
						      &responder, NOW + 50, &n, &err), STATUS_OK);
		incident_clear(&in);
		assert_int_equal(store_list_page(fold, &q, NULL, true, true, N, &page, &err), STATUS_OK);
		assert_int_equal(page.len, 1);
		assert_string_equal(page.items[0].incident.ref, "IR-2026-0001");
		listed_page_free(&page);
		q.search = "courier";
		assert_int_equal(store_list_page(fold, &q, NULL, true, true, N, &page, &err), STATUS_OK);
		assert_int_equal(page.len, 1);
		listed_page_free(&page);
	}
	store_close(&fold);
}

/* Through the plan: a form saved moves the incident's deadline, and a
 * file filled before the hook existed is worked out whole. */
static void writes_keep_the_deadline_and_search_text(void **state)
{
	struct store *s = open_fresh("track.db");
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct incident in;
	struct listed_page page;
	struct error err = {0};
	struct list_query q = {.now = NOW};

	(void)state;
	assert_int_equal(deadline_track_all(s, sample, NULL, NULL, &err), STATUS_OK);	/* as a session starts */
	field_list_set(&typed, "intake", "title", "Cloud keys leaked", "");
	field_list_set(&typed, "intake", "caller_name", "Ayşe Yılmaz", "");
	field_list_set(&typed, "intake", "call_time", "2026-11-22 10:00", "");
	field_list_set(&typed, "intake", "caller_contact", "+1 555 0142", "");
	field_list_set(&typed, "intake", "nature", "Access keys posted in a public repository", "");
	field_list_set(&typed, "intake", "involved", "build server", "");
	field_list_set(&typed, "intake", "location", "cloud", "");
	assert_int_equal(incident_create(s, sample, &responder, NOW, &typed, &in, &problems, &err), STATUS_OK);
	field_list_free(&typed);
	assert_int_equal(store_list_page(s, &q, NULL, true, true, 5, &page, &err), STATUS_OK);
	assert_int_equal(page.len, 1);
	assert_false(page.items[0].due_open);
	/* Who called is read only when asked for. */
	assert_null(page.items[0].caller);
	listed_page_free(&page);
	q.caller = true;
	assert_int_equal(store_list_page(s, &q, NULL, true, true, 5, &page, &err), STATUS_OK);
	assert_string_equal(page.items[0].caller, "Ayşe Yılmaz");
	listed_page_free(&page);
	q.caller = false;

	/* Cloud API data involved: the provider must hear within 24 hours. */
	field_list_set(&typed, "lead", "cloud_api_data", "yes", "");
	typed.items[0].base = -1;
	assert_int_equal(incident_save_form(s, config_form(sample, "lead"), &in, &responder, NOW, &typed, &problems,
					    NULL, NULL, &err), STATUS_OK);
	field_list_free(&typed);
	assert_int_equal(store_list_page(s, &q, NULL, true, true, 5, &page, &err), STATUS_OK);
	assert_true(page.items[0].due_open);
	assert_int_equal(page.items[0].due, 1795341600 + 86400);	/* the call, 2026-11-22T10:00Z, + 24h */
	listed_page_free(&page);

	q.search = "repos";
	assert_int_equal(store_list_page(s, &q, NULL, true, true, 5, &page, &err), STATUS_OK);
	assert_int_equal(page.len, 1);
	listed_page_free(&page);

	/* Worked out once per plan: the second time has nothing to do. */
	store_on_incident_change(s, NULL, NULL);
	assert_int_equal(store_due_set(s, in.id, false, 0, 0, &err), STATUS_OK);
	assert_int_equal(deadline_track_all(s, sample, NULL, NULL, &err), STATUS_OK);
	q.search = NULL;
	assert_int_equal(store_list_page(s, &q, NULL, true, true, 5, &page, &err), STATUS_OK);
	assert_false(page.items[0].due_open);	/* the stamp matched: nothing worked out again */
	listed_page_free(&page);
	{
		struct config *other = sample;
		char *saved = other->deadlines[0].name;

		other->deadlines[0].name = "renamed";	/* the plan's deadlines changed */
		assert_int_equal(deadline_track_all(s, other, NULL, NULL, &err), STATUS_OK);
		other->deadlines[0].name = saved;
	}
	assert_int_equal(store_list_page(s, &q, NULL, true, true, 5, &page, &err), STATUS_OK);
	assert_true(page.items[0].due_open);
	listed_page_free(&page);
	incident_clear(&in);
	store_close(&s);
}

/* The list's title counts: kept in meta from the time a file is derived
 * (counted whole there), moved by every commit that opens or closes an
 * incident; a file not derived since is counted from the indexes. */
static void counts_are_kept_with_each_commit(void **state)
{
	struct store *s = open_fresh("counts.db");
	char *path = xasprintf("%s/counts.db", scratch());
	struct incident in[3];
	struct error err = {0};
	size_t open = 9, closed = 9;

	(void)state;
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_incident_create(s, "IR", "Lost laptop", NULL, &responder, NOW + i, &in[i], &err),
				 STATUS_OK);
	assert_int_equal(store_status_set(s, &in[0], INCIDENT_CLOSED, "closed", &responder, NOW + 5, &err), STATUS_OK);
	/* Not derived yet: no counts kept, counted from the indexes. */
	assert_int_equal(raw_count(path, "SELECT count(*) FROM meta WHERE key LIKE '% incidents'"), 0);
	assert_int_equal(store_incident_count(s, &open, &closed, &err), STATUS_OK);
	assert_int_equal(open, 2);
	assert_int_equal(closed, 1);

	assert_int_equal(store_rederive(s, "test", NULL, NULL, &err), STATUS_OK);
	assert_int_equal(raw_count(path, "SELECT value FROM meta WHERE key = 'open incidents'"), 2);
	assert_int_equal(raw_count(path, "SELECT value FROM meta WHERE key = 'closed incidents'"), 1);
	/* A new one, one closed, one reopened: each commit moves them. */
	incident_clear(&in[0]);
	assert_int_equal(store_incident_create(s, "IR", "Phishing", NULL, &responder, NOW + 9, &in[0], &err), STATUS_OK);
	incident_clear(&in[0]);
	assert_int_equal(store_status_set(s, &in[1], INCIDENT_CLOSED, "closed", &responder, NOW + 10, &err), STATUS_OK);
	assert_int_equal(store_incident_get(s, in[2].ref, &in[0], &err), STATUS_OK);
	assert_int_equal(store_status_set(s, &in[0], INCIDENT_CLOSED, "closed", &responder, NOW + 11, &err), STATUS_OK);
	incident_clear(&in[0]);
	assert_int_equal(store_incident_get(s, in[2].ref, &in[0], &err), STATUS_OK);
	assert_int_equal(store_status_set(s, &in[0], INCIDENT_TRIAGE, "reopened", &responder, NOW + 12, &err), STATUS_OK);
	assert_int_equal(raw_count(path, "SELECT value FROM meta WHERE key = 'open incidents'"), 2);
	assert_int_equal(raw_count(path, "SELECT value FROM meta WHERE key = 'closed incidents'"), 2);
	/* What the list reads is what is kept, not a count: a count kept
	 * wrong would show. */
	assert_int_equal(raw_exec(path, "UPDATE meta SET value = '41' WHERE key = 'open incidents'"), SQLITE_OK);
	assert_int_equal(store_incident_count(s, &open, &closed, &err), STATUS_OK);
	assert_int_equal(open, 41);
	assert_int_equal(closed, 2);
	/* Derived last by an older sirt, which kept no counts while it
	 * wrote: counted whole. */
	assert_int_equal(raw_exec(path, "UPDATE meta SET value = '2 rules' WHERE key = 'derived'"), SQLITE_OK);
	assert_int_equal(store_incident_count(s, &open, &closed, &err), STATUS_OK);
	assert_int_equal(open, 2);
	assert_int_equal(closed, 2);
	for (int i = 0; i < 3; i++)
		incident_clear(&in[i]);
	free(path);
	store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_forward_and_back_in_list_order),
		cmocka_unit_test(inclusive_starts_at_the_key_and_closed_come_in),
		cmocka_unit_test(search_finds_words_from_their_start),
		cmocka_unit_test(search_folds_letters_of_their_own),
		cmocka_unit_test(writes_keep_the_deadline_and_search_text),
		cmocka_unit_test(counts_are_kept_with_each_commit),
	};
	int failed;

	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	if (load_sample(NULL))
		return 1;
	if (build(NULL))
		return 1;
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	tear_down(NULL);
	free_sample(NULL);
	return failed;
}
