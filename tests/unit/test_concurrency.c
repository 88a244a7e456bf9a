/* Several operators at once on one database (R27): 8 processes each make
 * 200 edits of the same field of the same incident, every one from the
 * version it read. Every save either wins (and the version goes up by
 * exactly one) or is told it lost; none overwrites another silently, none
 * fails because the database was busy, and the audit chain stays whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sirt/mem.h"
#include "sirt/store.h"
#include "raw_db.h"
#include "support.h"

#define WRITERS 8
#define EDITS 200
#define NOW 1795356300

struct tally {
	int won;
	int lost;
	int failed;	/* anything else: busy, I/O ... */
};

static int64_t field_version(struct store *s, int64_t id, char **value)
{
	struct field_list fields;
	struct error err = {0};
	const struct field_value *v;
	int64_t version = -1;

	if (store_fields_get(s, id, &fields, &err))
		return -1;
	v = field_list_find(&fields, "triage", "real");
	if (v) {
		version = v->version;
		if (value)
			*value = xstrdup(v->value);
	}
	field_list_free(&fields);
	return version;
}

/* One operator's process: read, change, save, 200 times. */
static struct tally edit(const char *path, int writer)
{
	struct actor who = {.uid = 2000 + (unsigned)writer};
	struct store *s;
	struct error err = {0};
	struct incident in;
	struct tally t = {0};

	snprintf(who.login, sizeof(who.login), "op%d", writer);
	if (store_open(path, false, &s, &err) || store_incident_get(s, "IR-2026-0001", &in, &err)) {
		t.failed = EDITS;
		return t;
	}
	for (int i = 0; i < EDITS; i++) {
		struct field_list typed = {0};
		char value[64];
		int64_t base = field_version(s, in.id, NULL);
		enum status st;

		snprintf(value, sizeof(value), "op%d-%d", writer, i);
		field_list_set(&typed, "triage", "real", value, "");
		typed.items[0].base = base;
		st = store_fields_save(s, &in, "triage", &typed, NULL, NULL, &who, NOW + i, NULL, NULL, &err);
		if (st == STATUS_OK)
			t.won++;
		else if (st == STATUS_CONFLICT)
			t.lost++;
		else
			t.failed++;
		field_list_free(&typed);
	}
	incident_clear(&in);
	store_close(&s);
	return t;
}

static void eight_writers_lose_nothing(void **state)
{
	char *path = xasprintf("%s/busy.db", scratch());
	struct actor admin = {.uid = 1000, .login = "admin"};
	struct store *s;
	struct error err = {0};
	struct incident in;
	struct field_list first = {0};
	struct tally total = {0};
	struct audit_check check;
	int pipes[2];
	int64_t before, after;
	pid_t pids[WRITERS];

	(void)state;
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "Shared", NULL, &admin, NOW, &in, &err), STATUS_OK);
	field_list_set(&first, "triage", "real", "real", "");
	assert_int_equal(store_fields_save(s, &in, "triage", &first, NULL, NULL, &admin, NOW, NULL, NULL, &err), 0);
	field_list_free(&first);
	before = field_version(s, in.id, NULL);
	assert_int_equal(before, 1);
	store_close(&s);

	assert_int_equal(pipe(pipes), 0);
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			struct tally t = edit(path, w);
			ssize_t n = write(pipes[1], &t, sizeof(t));
			_exit(n == (ssize_t)sizeof(t) ? 0 : 1);
		}
	}
	close(pipes[1]);
	for (int w = 0; w < WRITERS; w++) {
		struct tally t;
		int status;

		assert_int_equal(read(pipes[0], &t, sizeof(t)), sizeof(t));
		total.won += t.won;
		total.lost += t.lost;
		total.failed += t.failed;
		waitpid(pids[w], &status, 0);
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	close(pipes[0]);
	print_message("  %d saves won, %d lost to another writer, %d failed\n", total.won, total.lost, total.failed);
	assert_int_equal(total.failed, 0);
	assert_int_equal(total.won + total.lost, WRITERS * EDITS);
	assert_true(total.won > 0);

	assert_int_equal(store_open(path, true, &s, &err), STATUS_OK);
	after = field_version(s, in.id, NULL);
	/* Every save that won raised the version by one, no more, no less. */
	assert_int_equal(after - before, total.won);
	assert_int_equal(store_audit_verify(s, NULL, &check, &err), STATUS_OK);
	assert_int_equal(check.bad_row, 0);
	store_close(&s);
	{
		/* And each was made over the version just before it: the audit
		 * trail shows every update going from n to n + 1. */
		sqlite3 *db = raw_open(path);
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(db,
			"SELECT count(*), sum(json_extract(after, '$.version') = json_extract(before, '$.version') + 1)"
			" FROM audit WHERE tbl = 'field' AND op = 'update'", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), total.won);
		assert_int_equal(sqlite3_column_int(st, 1), total.won);
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	incident_clear(&in);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eight_writers_lose_nothing),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
