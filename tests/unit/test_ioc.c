/* The indicator register: each type's checks and normal form, judged
 * against values written out by hand; adding, listing, withdrawing, and
 * finding an indicator in every incident through the value's index. */
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

#include "sirt/ioc.h"
#include "fresh_store.h"
#include "raw_db.h"

#define NOW 1795356300	/* 2026-11-22T14:05:00Z */

static struct actor responder = {.uid = 1001, .login = "dana", .name = "Dana Reyes"};

/* type, as typed, its normal form (NULL: refused). */
static const struct {
	const char *type, *typed, *normal;
} cases[] = {
	{"ipv4", "203.0.113.7", "203.0.113.7"},
	{"ipv4", "10.0.0.300", NULL},
	{"ipv4", "10.0.0", NULL},
	{"ipv4", "010.0.0.1", NULL},
	{"ipv4", " 10.0.0.1", NULL},
	{"ipv6", "2001:DB8:0:0:0:0:0:10", "2001:db8::10"},
	{"ipv6", "2001:db8::1::2", NULL},
	{"ipv6", "::ffff:192.0.2.1", "::ffff:192.0.2.1"},
	{"domain", "Bad.Example.ORG.", "bad.example.org"},
	{"domain", "bad..example.org", NULL},
	{"domain", "-bad.example.org", NULL},
	{"domain", "localhost", NULL},
	{"domain", "bad example.org", NULL},
	{"domain", "münchen.example", "münchen.example"},
	{"domain", "BÜCHER.Example", "bücher.example"},
	{"domain", "evil\u200b.example.org", NULL},
	{"domain", "evil\u202e.example.org", NULL},
	{"url", "https://Alice:SeCrEt@Bad.Example.org/X", "https://Alice:SeCrEt@bad.example.org/X"},
	{"email", "Ceo@BÜCHER.example", "Ceo@bücher.example"},
	{"other", "loader\u2066x", NULL},
	{"url", "HTTPS://Bad.Example.org/Login?ID=7", "https://bad.example.org/Login?ID=7"},
	{"url", "bad.example.org/login", NULL},
	{"url", "https:///path", NULL},
	{"email", "CEO.Office@Example.ORG", "CEO.Office@example.org"},
	{"email", "@example.org", NULL},
	{"email", "ceo@", NULL},
	{"sha256", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
	 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", NULL},
	{"sha1", "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
	{"sha1", "da39a3ee5e6b4b0d3255bfef95601890afd8070g", NULL},
	{"md5", "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e"},
	{"md5", "d41d8cd98f00b204e9800998ecf8427", NULL},
	{"filename", "Invoice 2026.pdf.exe", "Invoice 2026.pdf.exe"},
	{"filename", "two\nlines", NULL},
	{"other", "Kılınç-loader", "Kılınç-loader"},
	{"other", "", NULL},
	{"other", "esc\033[2Jape", NULL},
	{"other", "\xff\xfe", NULL},
};

static void each_type_has_its_form(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct error err = {0};
		char *normal = NULL;
		enum status st = ioc_normalise(cases[i].type, cases[i].typed, &normal, &err);

		if (cases[i].normal) {
			if (st != STATUS_OK || !normal || strcmp(normal, cases[i].normal) != 0)
				fail_msg("%s \"%s\": expected \"%s\", got %d \"%s\" (%s)", cases[i].type, cases[i].typed,
					 cases[i].normal, st, normal ? normal : "", err.message);
		} else if (st != STATUS_DATA || normal) {
			fail_msg("%s \"%s\": expected it refused, got %d \"%s\"", cases[i].type, cases[i].typed, st,
				 normal ? normal : "");
		}
		free(normal);
	}
}

static void a_bad_value_names_the_form(void **state)
{
	struct error err = {0};
	char *normal;

	(void)state;
	assert_int_equal(ioc_normalise("ipv4", "10.0.0.300", &normal, &err), STATUS_DATA);
	assert_string_equal(err.message, "\"10.0.0.300\" is not an IPv4 address (four numbers 0-255: 192.0.2.10)");
	assert_int_equal(ioc_normalise("sha256", "abc", &normal, &err), STATUS_DATA);
	assert_string_equal(err.message, "\"abc\" is not a SHA-256 hash (64 hexadecimal digits)");
	assert_int_equal(ioc_normalise("hash", "abc", &normal, &err), STATUS_DATA);
	assert_string_equal(err.message, "\"hash\" is not a type of indicator (ipv4, ipv6, domain, url, email, sha256, "
			    "sha1, md5, filename or other)");
}

static struct incident new_incident(struct store *s, const char *title)
{
	struct incident in;
	struct error err = {0};

	assert_int_equal(store_incident_create(s, "IR", title, NULL, &responder, NOW, &in, &err), STATUS_OK);
	return in;
}

static void added_listed_and_withdrawn(void **state)
{
	struct store *s = open_fresh("ioc.db");
	struct incident in = new_incident(s, "Phishing");
	struct ioc typed = {.type = "domain", .value = "Login.Example-Bank.TEST.", .first_seen = "-2h",
			    .source = "mail gateway"};
	struct record_list list;
	struct timeline t;
	struct error err = {0};
	int64_t number = 0;
	const struct ioc *got;

	(void)state;
	assert_int_equal(incident_add_ioc(s, &in, &typed, &responder, NOW, &number, &err), STATUS_OK);
	assert_int_equal(number, 1);
	typed = (struct ioc){.type = "ipv4", .value = "10.0.0.300", .tlp = "red"};
	assert_int_equal(incident_add_ioc(s, &in, &typed, &responder, NOW, &number, &err), STATUS_DATA);
	typed.value = "198.51.100.23";
	typed.tlp = "purple";
	assert_int_equal(incident_add_ioc(s, &in, &typed, &responder, NOW, &number, &err), STATUS_DATA);
	typed.tlp = "amber+strict";
	assert_int_equal(incident_add_ioc(s, &in, &typed, &responder, NOW + 60, &number, &err), STATUS_OK);
	assert_int_equal(number, 2);
	assert_int_equal(store_records_get(s, in.id, &ioc_kind, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 2);
	got = RECORD_AT(&list, struct ioc, 0);
	assert_int_equal(got->number, 1);
	assert_string_equal(got->type, "domain");
	assert_string_equal(got->value, "login.example-bank.test");
	assert_string_equal(got->tlp, "amber");
	assert_string_equal(got->first_seen, "2026-11-22T12:05:00Z");
	assert_string_equal(got->source, "mail gateway");
	assert_string_equal(got->note, "");
	assert_string_equal(got->added_by, "dana");
	assert_null(got->withdrawn_at);
	got = RECORD_AT(&list, struct ioc, 1);
	assert_string_equal(got->tlp, "amber+strict");
	assert_null(got->first_seen);
	record_list_free(&ioc_kind, &list);

	assert_int_equal(incident_withdraw_ioc(s, &in, 2, "", &responder, NOW, &err), STATUS_DATA);
	assert_int_equal(incident_withdraw_ioc(s, &in, 3, "typo", &responder, NOW, &err), STATUS_NOT_FOUND);
	assert_string_equal(err.message, "IR-2026-0001 has no indicator 3");
	assert_int_equal(incident_withdraw_ioc(s, &in, 2, "our own scanner", &responder, NOW + 120, &err), STATUS_OK);
	assert_int_equal(incident_withdraw_ioc(s, &in, 2, "again", &responder, NOW + 180, &err), STATUS_CONFLICT);
	assert_string_equal(err.message, "indicator 2 of IR-2026-0001 is withdrawn already");
	assert_int_equal(store_records_get(s, in.id, &ioc_kind, &list, &err), STATUS_OK);
	got = RECORD_AT(&list, struct ioc, 1);
	assert_string_equal(got->withdrawn_reason, "our own scanner");
	assert_string_equal(got->withdrawn_at, "2026-11-22T14:07:00Z");
	assert_string_equal(got->withdrawn_by, "dana");
	record_list_free(&ioc_kind, &list);
	assert_int_equal(store_timeline_get(s, in.id, &t, &err), STATUS_OK);
	assert_string_equal(t.items[t.len - 1].summary, "Indicator 2 withdrawn: our own scanner");
	assert_string_equal(t.items[t.len - 2].summary, "Indicator added: ipv4 198.51.100.23");
	timeline_free(&t);
	incident_clear(&in);
	store_close(&s);
}

/* Never edited, never deleted, even by another program. */
static void the_table_refuses_edits(void **state)
{
	struct store *s = open_fresh("ioc-raw.db");
	struct incident in = new_incident(s, "x");
	struct ioc typed = {.type = "md5", .value = "d41d8cd98f00b204e9800998ecf8427e"};
	struct error err = {0};
	int64_t number;
	char *path = xasprintf("%s/ioc-raw.db", scratch());
	sqlite3 *db;

	(void)state;
	assert_int_equal(incident_add_ioc(s, &in, &typed, &responder, NOW, &number, &err), STATUS_OK);
	store_close(&s);
	assert_non_null(db = raw_open(path));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE ioc SET value = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM ioc", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(path);
	incident_clear(&in);
}

static bool plan_uses(sqlite3 *db, const char *sql, const char *index)
{
	sqlite3_stmt *st;
	bool found = false;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		found |= strstr((const char *)sqlite3_column_text(st, 3), index) != NULL;
	sqlite3_finalize(st);
	return found;
}

static void found_in_every_incident(void **state)
{
	struct store *s = open_fresh("ioc-find.db");
	struct incident a = new_incident(s, "first"), b = new_incident(s, "second"), c = new_incident(s, "third");
	struct ioc typed = {.type = "ipv6", .value = "2001:DB8::10"};
	struct record_list found;
	struct strlist refs;
	struct error err = {0};
	int64_t number;
	char *path = xasprintf("%s/ioc-find.db", scratch());
	sqlite3 *db;

	(void)state;
	assert_int_equal(incident_add_ioc(s, &a, &typed, &responder, NOW, &number, &err), STATUS_OK);
	typed.value = "2001:0db8:0000::0010";
	assert_int_equal(incident_add_ioc(s, &c, &typed, &responder, NOW, &number, &err), STATUS_OK);
	typed = (struct ioc){.type = "other", .value = "2001:db8::11"};
	assert_int_equal(incident_add_ioc(s, &b, &typed, &responder, NOW, &number, &err), STATUS_OK);
	/* Written any way it is written, it is the same address. */
	assert_int_equal(ioc_find(s, "2001:db8:0::10", &found, &refs, &err), STATUS_OK);
	assert_int_equal(found.len, 2);
	assert_string_equal(refs.items[0], "IR-2026-0001");
	assert_string_equal(refs.items[1], "IR-2026-0003");
	assert_string_equal(RECORD_AT(&found, struct ioc, 1)->value, "2001:db8::10");
	record_list_free(&ioc_kind, &found);
	strlist_free(&refs);
	assert_int_equal(ioc_find(s, "nothing.example.org", &found, &refs, &err), STATUS_OK);
	assert_int_equal(found.len, 0);
	record_list_free(&ioc_kind, &found);
	strlist_free(&refs);
	store_close(&s);
	/* From the index, not a scan of every indicator. */
	assert_non_null(db = raw_open(path));
	assert_true(plan_uses(db, "EXPLAIN QUERY PLAN SELECT * FROM ioc r WHERE r.value = '2001:db8::10'", "ioc_value"));
	sqlite3_close(db);
	free(path);
	incident_clear(&a);
	incident_clear(&b);
	incident_clear(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_type_has_its_form),
		cmocka_unit_test(a_bad_value_names_the_form),
		cmocka_unit_test(added_listed_and_withdrawn),
		cmocka_unit_test(the_table_refuses_edits),
		cmocka_unit_test(found_in_every_incident),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
