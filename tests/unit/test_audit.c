/* The audit trail: every change of every table is on it, nobody can
 * change it through sirt, and whatever is done to it behind sirt's back
 * (edit, delete, insert, reorder, truncate) is found by verifying the
 * chain, truncation with the head kept elsewhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "sirt/digest.h"
#include "sirt/json.h"
#include "sirt/mem.h"
#include "sirt/store.h"
#include "raw_db.h"
/* The connection itself, to write to it behind sirt's own checks. */
#include "src/store/store_internal.h"
#include "support.h"

#define NOW 1795356300 /* 2026-11-22T14:05:00Z */

static struct actor alice = {.uid = 1001, .login = "alice", .name = "Alice", .ssh = "192.0.2.7 50000 192.0.2.1 22"};

/* A database with some history: an incident, a form saved twice, steps. */
static char *with_history(const char *name)
{
	char *path = xasprintf("%s/%s", scratch(), name);
	struct store *s;
	struct error err = {0};
	struct incident in;
	struct field_list values = {0};
	struct step_record step = {.procedure = "worm", .step_key = "isolate", .title = "Isolate", .state = "done",
				   .note = ""};

	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "Worm on fs01", NULL, &alice, NOW, &in, &err), STATUS_OK);
	field_list_set(&values, "triage", "real", "real", "");
	assert_int_equal(store_fields_save(s, &in, "triage", &values, NULL, "triage", &alice, NOW + 60, NULL, NULL, &err), 0);
	incident_clear(&in);
	assert_int_equal(store_incident_get(s, "IR-2026-0001", &in, &err), 0);
	field_list_free(&values);
	field_list_set(&values, "triage", "real", "perceived", "on second look");
	assert_int_equal(store_fields_save(s, &in, "triage", &values, NULL, NULL, &alice, NOW + 120, NULL, NULL, &err), 0);
	assert_int_equal(store_step_mark(s, &in, &step, -1, "Step done: Isolate", NULL, &alice, NOW + 180, &err), 0);
	field_list_free(&values);
	incident_clear(&in);
	store_close(&s);
	return path;
}

static struct audit_check verify(const char *path, const char *head)
{
	struct store *s;
	struct error err = {0};
	struct audit_check check;

	assert_int_equal(store_open(path, true, &s, &err), STATUS_OK);
	assert_int_equal(store_audit_verify(s, head, &check, &err), STATUS_OK);
	store_close(&s);
	return check;
}

/* Runs SQL as someone with the file and the sqlite3 shell would: the
 * append-only triggers dropped first. */
static void tamper(const char *path, const char *sql)
{
	sqlite3 *db = raw_open(path);
	char *errmsg = NULL;

	assert_non_null(db);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;", NULL, NULL,
				      NULL), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
		fail_msg("%s: %s", sql, errmsg);
	sqlite3_close(db);
}

static void every_change_is_recorded(void **state)
{
	char *path = with_history("recorded.db");
	sqlite3 *db = raw_open(path);
	sqlite3_stmt *st;
	int tables = 0, guards = 0;

	(void)state;
	/* Every table but the trail itself has a guard for each of its
	 * three changes, less those the table refuses (an UPDATE or DELETE
	 * of the append-only ones); not those that are no record: who is
	 * here, and what the list screen derives from the records (its
	 * deadlines, the search text). The chain's own triggers are made on
	 * each connection that writes, not kept in the file. */
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
		"  AND name NOT IN ('audit', 'presence', 'incident_due', 'meta')"
		"  AND name NOT LIKE 'search\\_text%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%'),"
		" (SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
		"  AND name IN ('audit_guard_' || tbl_name || '_insert', 'audit_guard_' || tbl_name || '_update',"
		"   'audit_guard_' || tbl_name || '_delete')),"
		" (SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name <> 'audit'"
		"  AND (name = tbl_name || '_no_update' OR name = tbl_name || '_no_delete')),"
		" (SELECT count(*) FROM sqlite_schema a JOIN sqlite_schema r ON r.tbl_name = a.tbl_name"
		"  AND r.name = a.tbl_name || '_no_' || substr(a.name, length('audit_guard_' || a.tbl_name || '_') + 1)"
		"  WHERE a.type = 'trigger' AND r.type = 'trigger' AND a.name LIKE 'audit\\_guard\\_%' ESCAPE '\\'),"
		" (SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name <> 'audit'"
		"  AND name LIKE 'audit\\_%' ESCAPE '\\' AND name NOT LIKE 'audit\\_guard\\_%' ESCAPE '\\')",
		-1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	tables = sqlite3_column_int(st, 0);
	guards = sqlite3_column_int(st, 1);
	assert_true(tables >= 15);
	assert_true(sqlite3_column_int(st, 2) >= 16);	/* timeline, notes, evidence, custody, costs... */
	assert_int_equal(guards, 3 * tables - sqlite3_column_int(st, 2));
	assert_int_equal(sqlite3_column_int(st, 3), 0);	/* none for what is refused */
	assert_int_equal(sqlite3_column_int(st, 4), 0);	/* no trigger of the chain in the file */
	sqlite3_finalize(st);
	/* The second save of the form: before and after, by whom, from where. */
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT who, uid, ssh, at, json_extract(before, '$.value'), json_extract(after, '$.value')"
		" FROM audit WHERE tbl = 'field' AND op = 'update'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "alice");
	assert_int_equal(sqlite3_column_int(st, 1), 1001);
	assert_string_equal((const char *)sqlite3_column_text(st, 2), "192.0.2.7 50000 192.0.2.1 22");
	assert_string_equal((const char *)sqlite3_column_text(st, 3), "2026-11-22T14:07:00Z");
	assert_string_equal((const char *)sqlite3_column_text(st, 4), "real");
	assert_string_equal((const char *)sqlite3_column_text(st, 5), "perceived");
	sqlite3_finalize(st);
	/* The trail itself cannot be changed, even outside sirt, while its
	 * triggers stand. */
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET who = 'mallory'", NULL, NULL, NULL), SQLITE_OK);
	assert_string_equal(sqlite3_errmsg(db), "the audit trail is append-only");
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	/* Another program (the sqlite3 shell) cannot change a record behind
	 * the trail's back: the guard calls what only sirt has. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE incident SET title = 'quiet'", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "sirt_audited"));
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM step", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "sirt_audited"));
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO witness (incident_id) VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "sirt_audited"));
	sqlite3_close(db);
	free(path);
}

/* The connection's audit triggers outlast a first write that was rolled
 * back. A schema another program changed meanwhile (a column added to a
 * table, as no sirt's migration would without raising the version) is
 * not sirt's own: the next write is refused, naming it, and nothing is
 * written. */
static void the_connection_keeps_recording(void **state)
{
	char *path = with_history("keeps.db");
	struct store *s;
	struct error err = {0};
	struct incident in, stale;
	struct field_list values = {0};

	(void)state;
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_get(s, "IR-2026-0001", &in, &err), STATUS_OK);
	stale = in;
	stale.version--;
	assert_int_equal(store_status_set(s, &stale, "responding", "Responding", &alice, NOW + 240, &err), STATUS_CONFLICT);
	assert_int_equal(store_status_set(s, &in, "responding", "Responding", &alice, NOW + 300, &err), STATUS_OK);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM audit WHERE tbl = 'incident' AND op = 'update'"
				   " AND json_extract(after, '$.status') = 'responding'"), 1);
	assert_int_equal(raw_exec(path, "ALTER TABLE field ADD COLUMN source TEXT NOT NULL DEFAULT 'typed'"), SQLITE_OK);
	incident_clear(&in);
	assert_int_equal(store_incident_get(s, "IR-2026-0001", &in, &err), STATUS_OK);
	field_list_set(&values, "triage", "real", "real", "");
	assert_int_equal(store_fields_save(s, &in, "triage", &values, NULL, NULL, &alice, NOW + 360, NULL, NULL, &err),
			 STATUS_DATA);
	assert_non_null(strstr(err.message, "table field (not as sirt made it)"));
	assert_non_null(strstr(err.message, "sirt audit repair-schema"));
	assert_int_equal(raw_count(path, "SELECT count(*) FROM audit WHERE json_extract(after, '$.source') IS NOT NULL"),
			 0);
	field_list_free(&values);
	incident_clear(&in);
	store_close(&s);
	assert_int_equal(verify(path, NULL).bad_row, 0);
	free(path);
}

/* What the file's schema may call: with trusted_schema off, nothing but
 * what is harmless; a trigger or view planted in the file cannot call
 * the functions that write the chain in the session's name (DIRECTONLY),
 * while the connection's own TEMP triggers still do, and the file's
 * guards still call sirt_audited (every write of with_history). */
static void a_planted_trigger_cannot_write_the_chain(void **state)
{
	char *path = with_history("planted.db");
	struct store *s;
	struct error err = {0};
	sqlite3_stmt *st = NULL;
	const char *planted[] = {
		"CREATE TRIGGER planted AFTER INSERT ON presence BEGIN"
		" SELECT sirt_actor('who'); END",
		"CREATE TRIGGER planted AFTER INSERT ON presence BEGIN"
		" SELECT sirt_chain('', '', '', 0, '', '', '', 0, NULL, NULL); END",
		"CREATE TRIGGER planted AFTER INSERT ON presence BEGIN"
		" SELECT sirt_chain('', '', '', 0, '', '', '', 0, NULL, NULL, '', '', 'open'); END",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(planted) / sizeof(planted[0]); i++) {
		assert_int_equal(raw_exec(path, "DROP TRIGGER IF EXISTS planted"), SQLITE_OK);
		assert_int_equal(raw_exec(path, planted[i]), SQLITE_OK);
		assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
		/* No function the file's schema calls may do harm. */
		assert_int_equal(sqlite3_prepare_v2(s->db, "PRAGMA trusted_schema", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 0);
		sqlite3_finalize(st);
		/* What sirt found at open, and refuses to write under. */
		assert_int_equal(store_schema_problems(s)->len, 1);
		assert_string_equal(store_schema_problems(s)->items[0].name, "planted");
		/* Even on sirt's own connection, written to behind the check. */
		assert_int_not_equal(sqlite3_exec(s->db, "INSERT INTO presence VALUES ('h', 1, 'IR-2026-0001', 'a', 't', 'n')",
						  NULL, NULL, NULL), SQLITE_OK);
		assert_non_null(strstr(sqlite3_errmsg(s->db), "unsafe use of sirt_"));
		store_close(&s);
	}
	assert_int_equal(raw_exec(path, "DROP TRIGGER planted;"
				  "CREATE VIEW planted AS SELECT sirt_actor('who') AS who"), SQLITE_OK);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_not_equal(sqlite3_prepare_v2(s->db, "SELECT who FROM planted", -1, &st, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(s->db), "unsafe use of sirt_actor"));
	store_close(&s);
	free(path);
}

/* What verify says of the records of path: each finding's kind, table,
 * row and columns, "kind table row [columns]" one a line. */
static char *findings(const char *path)
{
	struct store *s;
	struct error err = {0};
	struct audit_findings found;
	struct strbuf sb = {0};

	assert_int_equal(store_open(path, true, &s, &err), STATUS_OK);
	assert_int_equal(store_audit_records(s, &found, &err), STATUS_OK);
	for (size_t i = 0; i < found.len; i++)
		strbuf_printf(&sb, "%d %s %lld%s%s\n", (int)found.items[i].kind, found.items[i].table,
			      (long long)found.items[i].row_id, found.items[i].columns ? " " : "",
			      found.items[i].columns ? found.items[i].columns : "");
	audit_findings_free(&found);
	store_close(&s);
	return strbuf_take(&sb);
}

/* A file as schema 16 left it, from before its trail began (a file of
 * schema 8 or older got its trail empty at 9): no configuration columns,
 * no row for any record. Migration 17 puts each record on the trail as
 * it stands, hashed as rows were before 17; verify then finds nothing
 * changed outside sirt, the rows written after carry the configuration
 * and verify too, and a record changed behind sirt's back is named. */
static void migration_17_holds_every_record_from_before(void **state)
{
	char *path = with_history("v16.db");
	long long records = raw_count(path, "SELECT (SELECT count(*) FROM incident) + (SELECT count(*) FROM field)"
				      " + (SELECT count(*) FROM step) + (SELECT count(*) FROM timeline)");
	char *sql_no_delete = NULL, *found;
	struct store *s;
	struct error err = {0};
	struct incident in;

	(void)state;
	{
		sqlite3 *db = raw_open(path);
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE name = 'audit_no_delete'", -1,
						    &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		sql_no_delete = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	{
		char *downgrade = xasprintf("DROP TRIGGER audit_no_delete; DELETE FROM audit; %s;"
					    /* 20's decisions and text sent, 19's evidence columns, 18's import
					     * marks, then 17's trail columns */
					    "DROP TABLE decision_withdrawal; DROP TABLE decision;"
					    "ALTER TABLE deadline_met DROP COLUMN sent;"
					    "ALTER TABLE evidence DROP COLUMN changing; ALTER TABLE evidence DROP COLUMN copy;"
					    "ALTER TABLE evidence_check DROP COLUMN copy;"
					    "DROP TABLE import;"
					    "ALTER TABLE incident DROP COLUMN imported; ALTER TABLE field DROP COLUMN imported;"
					    "ALTER TABLE category_choice DROP COLUMN imported;"
					    "ALTER TABLE procedure_choice DROP COLUMN imported;"
					    "ALTER TABLE step DROP COLUMN imported; ALTER TABLE timeline DROP COLUMN imported;"
					    "ALTER TABLE call_attempt DROP COLUMN imported;"
					    "ALTER TABLE change DROP COLUMN imported; ALTER TABLE witness DROP COLUMN imported;"
					    "ALTER TABLE note DROP COLUMN imported; ALTER TABLE evidence DROP COLUMN imported;"
					    "ALTER TABLE custody DROP COLUMN imported;"
					    "ALTER TABLE evidence_check DROP COLUMN imported;"
					    "ALTER TABLE deadline_met DROP COLUMN imported; ALTER TABLE cost DROP COLUMN imported;"
					    "ALTER TABLE cost_withdrawal DROP COLUMN imported; ALTER TABLE ioc DROP COLUMN imported;"
					    "ALTER TABLE ioc_withdrawal DROP COLUMN imported;"
					    "DROP INDEX audit_row; ALTER TABLE audit DROP COLUMN config;"
					    "ALTER TABLE audit DROP COLUMN config_sha256; ALTER TABLE audit DROP COLUMN mode;"
					    "PRAGMA user_version = 16", sql_no_delete);

		assert_int_equal(raw_exec(path, downgrade), SQLITE_OK);
		free(downgrade);
	}
	assert_true(records > 5);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	/* Each record once, as inserted by sirt, as it stands. */
	assert_int_equal(raw_count(path, "SELECT count(*) FROM audit WHERE op = 'insert' AND who = 'sirt'"
				   " AND config IS NULL AND mode IS NULL"), records);
	/* The schema is the one sirt makes for a new file. */
	assert_int_equal(store_schema_problems(s)->len, 0);
	assert_int_equal(store_incident_get(s, "IR-2026-0001", &in, &err), STATUS_OK);
	store_set_provenance(s, "[\"/etc/sirt/sirt.ini\"]", "ab12", false);
	assert_int_equal(store_status_set(s, &in, "responding", "Responding", &alice, NOW + 600, &err), STATUS_OK);
	incident_clear(&in);
	store_close(&s);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM audit WHERE config = '[\"/etc/sirt/sirt.ini\"]'"
				   " AND config_sha256 = 'ab12' AND mode = 'open'"), 2);
	assert_int_equal(verify(path, NULL).bad_row, 0);
	found = findings(path);
	assert_string_equal(found, "");
	free(found);
	/* Behind sirt's back, with the guards dropped and made again. */
	assert_int_equal(raw_exec(path, "UPDATE incident SET title = 'Quiet', status = 'new'"), SQLITE_OK);
	found = findings(path);
	assert_string_equal(found, "0 incident 1 title, status\n");
	free(found);
	free(sql_no_delete);
	free(path);
}

static void an_intact_chain_verifies(void **state)
{
	char *path = with_history("intact.db");
	struct audit_check check = verify(path, NULL), again;

	(void)state;
	assert_int_equal(check.bad_row, 0);
	assert_true(check.rows > 10);
	assert_int_equal(strlen(check.head), 64);
	/* The head kept is found, also once more work is done. */
	again = verify(path, check.head);
	assert_false(again.head_missing);
	free(path);
}

/* What verify says of a copy of original, named name, that sql changed
 * behind sirt's back. */
static struct audit_check verify_tampered(const char *original, const char *name, const char *sql)
{
	char *copy = xasprintf("%s/tamper-%s.db", scratch(), name);
	char *cmd = xasprintf("cp '%s' '%s'", original, copy);
	struct audit_check check;

	assert_int_equal(system(cmd), 0);
	tamper(copy, sql);
	check = verify(copy, NULL);
	free(cmd);
	free(copy);
	return check;
}

/* Each way of tampering, and the row named. */
static void tampering_is_found(void **state)
{
	static const struct {
		const char *name, *sql;
		int64_t bad_row;
	} cases[] = {
		{"edit", "UPDATE audit SET after = replace(after, 'perceived', 'real') WHERE tbl = 'field' AND op = 'update'",
		 -1},
		{"edit who", "UPDATE audit SET who = 'mallory' WHERE id = 3", 3},
		{"delete", "DELETE FROM audit WHERE id = 4", 5},
		{"insert", "INSERT INTO audit (id, at, who, uid, ssh, tbl, op, row_id, before, after, prev, hash)"
			   " SELECT 1000, at, 'mallory', 0, '', tbl, op, row_id, before, after, hash, hash FROM audit"
			   " ORDER BY id DESC LIMIT 1", 1000},
		{"reorder", "UPDATE audit SET id = -id WHERE id IN (2, 3); UPDATE audit SET id = 3 WHERE id = -2;"
			    " UPDATE audit SET id = 2 WHERE id = -3", 2},
	};
	char *original = with_history("tamper.db");

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct audit_check check = verify_tampered(original, cases[i].name, cases[i].sql);

		if (!check.bad_row)
			fail_msg("%s was not found", cases[i].name);
		if (cases[i].bad_row > 0)
			assert_int_equal(check.bad_row, cases[i].bad_row);
	}
	free(original);
}

/* The chain covers every column of a row but its id (whose order the
 * chain checks through prev): a row with any one of them rewritten, as
 * the sqlite3 shell would, is the row named. The columns are read from
 * the audit table itself, so one the hash leaves out (or one added to
 * the table and not to the hash) fails here. */
static void every_column_is_covered(void **state)
{
	char *original = with_history("columns.db");
	long long row = raw_count(original, "SELECT id FROM audit WHERE tbl = 'field' AND op = 'update'");
	sqlite3 *db = raw_open(original);
	sqlite3_stmt *st;
	struct strlist names = {0}, types = {0};
	struct strbuf missed = {0};

	(void)state;
	/* In the middle of the chain, and with before and after both set. */
	assert_true(row > 1 && row < raw_count(original, "SELECT max(id) FROM audit"));
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, type FROM pragma_table_info('audit') WHERE name <> 'id'"
					    " ORDER BY cid", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		strlist_add(&names, (const char *)sqlite3_column_text(st, 0));
		strlist_add(&types, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	/* at, who, uid, ssh, tbl, op, row_id, before, after, prev, hash */
	assert_true(names.len >= 11);
	for (size_t i = 0; i < names.len; i++) {
		const char *col = names.items[i];
		/* Another value of the column's type; op has only three, mode two. */
		char *value = strcmp(col, "op") == 0 ? xstrdup("CASE op WHEN 'update' THEN 'insert' ELSE 'update' END") :
			      strcmp(col, "mode") == 0 ? xstrdup("CASE mode WHEN 'open' THEN 'enforced' ELSE 'open' END") :
			      strcmp(types.items[i], "INTEGER") == 0 ? xasprintf("\"%s\" + 1", col) :
			      xasprintf("\"%s\" || 'x'", col);
		char *sql = xasprintf("UPDATE audit SET \"%s\" = %s WHERE id = %lld", col, value, row);
		char *name = xasprintf("column-%s", col);
		struct audit_check check = verify_tampered(original, name, sql);

		if (check.bad_row != row)
			strbuf_printf(&missed, " %s (row %lld named)", col, (long long)check.bad_row);
		free(name);
		free(sql);
		free(value);
	}
	strlist_free(&names);
	strlist_free(&types);
	free(original);
	if (missed.len)
		fail_msg("row %lld rewritten, verify did not name it for:%s", row, strbuf_str(&missed));
	strbuf_free(&missed);
}

static void truncation_needs_the_head(void **state)
{
	char *path = with_history("truncate.db");
	struct audit_check before = verify(path, NULL), after;

	(void)state;
	tamper(path, "DELETE FROM audit WHERE id > (SELECT max(id) - 3 FROM audit)");
	after = verify(path, NULL);
	/* What is left is a consistent chain ... */
	assert_int_equal(after.bad_row, 0);
	assert_int_equal(after.rows, before.rows - 3);
	/* ... but not one that holds the head kept elsewhere. */
	after = verify(path, before.head);
	assert_true(after.head_missing);
	assert_non_null(strstr(after.why, "cut short or rewritten"));
	free(path);
}

/* A row's hash covers its JSON form, so that form can never change:
 * trails written before would no longer verify. Every kind of escape, and
 * runs of text around them, as the writer has always written them. */
static void the_hashed_form_never_changes(void **state)
{
	struct strbuf sb = {0};
	char hex[SHA256_HEX_SIZE];

	(void)state;
	json_escape_hashed(&sb, "Kılınç \"q\" \\ a\nb\r\tc\x01\x7f \xc2\x9b \xc2\xa0\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xae\xf0\x9f\x98\x80"
			 " bad\xff\xc0\xaf end");
	assert_string_equal(strbuf_str(&sb), "\"Kılınç \\\"q\\\" \\\\ a\\nb\\r\\tc\\u0001\\u007f \\u009b \xc2\xa0\\u2028\\u2029"
			    "\xe2\x80\xae\xf0\x9f\x98\x80 bad\\ufffd\\ufffd\\ufffd end\"");
	strbuf_free(&sb);
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_change_is_recorded),
		cmocka_unit_test(the_connection_keeps_recording),
		cmocka_unit_test(a_planted_trigger_cannot_write_the_chain),
		cmocka_unit_test(migration_17_holds_every_record_from_before),
		cmocka_unit_test(the_hashed_form_never_changes),
		cmocka_unit_test(an_intact_chain_verifies),
		cmocka_unit_test(tampering_is_found),
		cmocka_unit_test(every_column_is_covered),
		cmocka_unit_test(truncation_needs_the_head),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
