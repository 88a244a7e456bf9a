/* The store: migrations from an empty file, a round trip of every field,
 * hostile and UTF-8 strings kept byte for byte, history and an
 * append-only timeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sirt/mem.h"
#include "sirt/record_kinds.h"
#include "sirt/store.h"
#include "support.h"
#include "fresh_store.h"
#include "raw_db.h"

static struct actor operator_alice = {.uid = 1001, .login = "alice", .name = "Alice Example"};
static struct actor operator_bob = {.uid = 1002, .login = "bob", .name = "Bob Example"};

static const char *hostile[] = {
	"Burak Kılınç",
	"\x1b]0;pwned\x07\x1b[2J",
	"\xc2\x9b" "31m C1 as UTF-8",
	"right\xe2\x80\xaeto-left override",
	"zero\xe2\x80\x8bwidth and \xf3\xa0\x81\x81tag",
	"quote ' \" backslash \\ percent %s %n",
	"line one\nline two\r\nline three",
	"全角 and e\xcc\x81",
};

#define HOSTILE_COUNT (sizeof(hostile) / sizeof(hostile[0]))

static char *db_path(const char *name)
{
	return xasprintf("%s/%s", scratch(), name);
}

static void migrates_an_empty_file(void **state)
{
	struct store *s = open_fresh("empty.db");
	struct incident_list list;
	struct error err = {0};

	(void)state;
	assert_int_equal(store_schema_version(s), 20);
	assert_int_equal(store_incident_list(s, true, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 0);
	incident_list_free(&list);
	store_close(&s);
	/* Opening again finds it migrated and changes nothing. */
	s = NULL;
	{
		char *path = db_path("empty.db");
		assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
		assert_int_equal(store_schema_version(s), 20);
		free(path);
	}
	store_close(&s);
}

/* go_on counts how often it was asked and answers *ctx's second int. */
static bool count_and_answer(void *ctx)
{
	int *asked = ctx;

	asked[0]++;
	return asked[1] != 0;
}

/* The gate is asked before opening writes (a new file, a switch to WAL)
 * and not when opening writes nothing; a no leaves the file as it was. */
static void the_gate_is_asked_only_before_a_write(void **state)
{
	char *path = db_path("gated.db");
	struct store *s = NULL;
	struct error err = {0};
	int answer_no[2] = {0, 0}, answer_yes[2] = {0, 1};
	sqlite3 *raw;
	sqlite3_stmt *st;

	(void)state;
	/* New: asked, and a no leaves no database (SQLite may have made
	 * the file, empty: main.c takes that for none). */
	assert_int_equal(store_open_gated(path, false, count_and_answer, answer_no, &s, &err), STATUS_CONFIG);
	assert_null(s);
	assert_int_equal(answer_no[0], 1);
	{
		struct stat info;

		assert_true(stat(path, &info) != 0 || info.st_size == 0);
	}
	assert_int_equal(store_open_gated(path, false, count_and_answer, answer_yes, &s, &err), STATUS_OK);
	assert_int_equal(answer_yes[0], 1);
	store_close(&s);
	/* At the current schema, in WAL mode: not asked. */
	answer_no[0] = 0;
	assert_int_equal(store_open_gated(path, false, count_and_answer, answer_no, &s, &err), STATUS_OK);
	assert_int_equal(answer_no[0], 0);
	store_close(&s);
	/* Back in rollback-journal mode: asked, and no leaves it so. */
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(store_open_gated(path, false, count_and_answer, answer_no, &s, &err), STATUS_CONFIG);
	assert_int_equal(answer_no[0], 1);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "delete");
	sqlite3_finalize(st);
	sqlite3_close(raw);
	/* Read-only never writes: not asked. */
	answer_no[0] = 0;
	assert_int_equal(store_open_gated(path, true, count_and_answer, answer_no, &s, &err), STATUS_OK);
	assert_int_equal(answer_no[0], 0);
	store_close(&s);
	free(path);
}

/* A file as migration 12 left it: the chain's triggers in the file, for
 * each change a table records (stand-ins here), and one that could never
 * fire (an UPDATE of the timeline). Migration 13 drops that one, and 14
 * puts a guard in place of each of the others. */
static void migrations_13_and_14_move_the_chain_out_of_the_file(void **state)
{
	struct store *s = open_fresh("v12.db");
	char *path = db_path("v12.db");
	struct error err = {0};
	struct strbuf sql = {0};
	long long before, guards, later;
	sqlite3 *db;
	sqlite3_stmt *st;

	(void)state;
	store_close(&s);
	before = raw_count(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'");
	guards = raw_count(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'audit\\_guard\\_%' ESCAPE '\\'");
	assert_true(guards >= 30);
	/* The tables and columns of migrations after 14 (17's to 20's too), which a file
	 * at 12 has not got. */
	assert_int_equal(raw_exec(path, "DROP TABLE decision_withdrawal; DROP TABLE decision;"
				  "ALTER TABLE deadline_met DROP COLUMN sent;"
				  "ALTER TABLE evidence DROP COLUMN changing; ALTER TABLE evidence DROP COLUMN copy;"
				  "ALTER TABLE evidence_check DROP COLUMN copy;"
				  "DROP TABLE ioc; DROP TABLE ioc_withdrawal; DROP INDEX timeline_happened;"
				  "ALTER TABLE timeline DROP COLUMN happened_at;"
				  "ALTER TABLE call_attempt DROP COLUMN happened_at;"
				  "ALTER TABLE step DROP COLUMN happened_at;"
				  "ALTER TABLE change DROP COLUMN happened_at;"
				  "ALTER TABLE deadline_met DROP COLUMN happened_at;"
				  "DROP INDEX audit_row; ALTER TABLE audit DROP COLUMN config;"
				  "ALTER TABLE audit DROP COLUMN config_sha256; ALTER TABLE audit DROP COLUMN mode;"
				  "DROP TABLE import;"
				  "ALTER TABLE incident DROP COLUMN imported; ALTER TABLE field DROP COLUMN imported;"
				  "ALTER TABLE category_choice DROP COLUMN imported;"
				  "ALTER TABLE procedure_choice DROP COLUMN imported; ALTER TABLE step DROP COLUMN imported;"
				  "ALTER TABLE timeline DROP COLUMN imported; ALTER TABLE call_attempt DROP COLUMN imported;"
				  "ALTER TABLE change DROP COLUMN imported; ALTER TABLE witness DROP COLUMN imported;"
				  "ALTER TABLE note DROP COLUMN imported; ALTER TABLE evidence DROP COLUMN imported;"
				  "ALTER TABLE custody DROP COLUMN imported; ALTER TABLE evidence_check DROP COLUMN imported;"
				  "ALTER TABLE deadline_met DROP COLUMN imported; ALTER TABLE cost DROP COLUMN imported;"
				  "ALTER TABLE cost_withdrawal DROP COLUMN imported"), SQLITE_OK);
	later = before - raw_count(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'");
	db = raw_open(path);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, tbl_name, upper(substr(name, length('audit_guard_' || tbl_name"
					    " || '_') + 1)) FROM sqlite_schema WHERE name LIKE 'audit\\_guard\\_%' ESCAPE '\\'",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0), *table = (const char *)sqlite3_column_text(st, 1);

		strbuf_printf(&sql, "DROP TRIGGER \"%s\"; CREATE TRIGGER \"audit_%s\" AFTER %s ON \"%s\" BEGIN SELECT 1; END;",
			      name, name + strlen("audit_guard_"), (const char *)sqlite3_column_text(st, 2), table);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	strbuf_puts(&sql, "CREATE TRIGGER audit_timeline_update AFTER UPDATE ON timeline BEGIN SELECT 1; END;"
		    "PRAGMA user_version = 12");
	assert_int_equal(raw_exec(path, strbuf_str(&sql)), SQLITE_OK);
	strbuf_free(&sql);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), before - later + 1);
	/* A migration is a write: the gate is asked first, and a no leaves
	 * the file at 12. */
	{
		int answer_no[2] = {0, 0};

		assert_int_equal(store_open_gated(path, false, count_and_answer, answer_no, &s, &err), STATUS_CONFIG);
		assert_int_equal(answer_no[0], 1);
		assert_int_equal(raw_count(path, "PRAGMA user_version"), 12);
		assert_int_equal(raw_count(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"),
				 before - later + 1);
	}
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(store_schema_version(s), 20);
	/* Exactly the schema a new file gets: sirt writes to it. */
	assert_int_equal(store_schema_problems(s)->len, 0);
	store_close(&s);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), before);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'audit\\_guard\\_%' ESCAPE '\\'"),
			 guards);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_guard_timeline_insert'"), 1);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('audit_timeline_insert',"
				   " 'audit_timeline_update', 'audit_guard_timeline_update')"), 0);
	free(path);
}

/* Every table that hangs off an incident has an index that starts with
 * incident_id: reading one incident never scans every incident's rows
 * (at 100,000 incidents that made each evidence view a full scan). */
static void every_incident_table_is_indexed_by_incident(void **state)
{
	struct store *s = open_fresh("indexed.db");
	char *path = db_path("indexed.db");

	(void)state;
	store_close(&s);
	assert_int_equal(raw_count(path,
		"SELECT count(*) FROM sqlite_schema t WHERE t.type = 'table'"
		" AND EXISTS (SELECT 1 FROM pragma_table_info(t.name) WHERE name = 'incident_id')"
		" AND NOT EXISTS (SELECT 1 FROM pragma_index_list(t.name) l, pragma_index_info(l.name) i"
		"  WHERE i.seqno = 0 AND i.name = 'incident_id')"
		/* incident_due: incident_id is its row id, the best index. */
		" AND NOT EXISTS (SELECT 1 FROM pragma_table_info(t.name) WHERE name = 'incident_id' AND pk = 1"
		"  AND type = 'INTEGER')"), 0);
	/* The tables it checked are there: custody and verifications too. */
	assert_int_equal(raw_count(path,
		"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('custody', 'evidence_check', 'field')"),
		3);
	free(path);
}

/* A reference is looked up in any case (ir-2026-0001 finds IR-2026-0001)
 * through an index: at 100,000 incidents a scan made every command and
 * every incident opened read the whole table. */
static void a_reference_is_found_without_a_scan(void **state)
{
	struct store *s = open_fresh("byref.db");
	char *path = db_path("byref.db");
	sqlite3 *db;
	sqlite3_stmt *st;
	struct strbuf plan = {0};

	(void)state;
	store_close(&s);
	db = raw_open(path);
	assert_int_equal(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT * FROM incident WHERE ref = ? COLLATE NOCASE",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		strbuf_printf(&plan, "%s\n", (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_non_null(strstr(strbuf_str(&plan), "SEARCH incident USING INDEX"));
	strbuf_free(&plan);
	free(path);
}

static void round_trip_of_every_field(void **state)
{
	struct store *s = open_fresh("roundtrip.db");
	struct field_list in = {0}, out;
	struct incident created, got;
	struct error err = {0};
	char key[16];

	(void)state;
	for (size_t i = 0; i < HOSTILE_COUNT; i++) {
		snprintf(key, sizeof(key), "f%zu", i);
		field_list_set(&in, "intake", key, hostile[i], hostile[(i + 1) % HOSTILE_COUNT]);
	}
	assert_int_equal(store_incident_create(s, "IR", hostile[1], &in, &operator_alice, 1795356300, &created, &err),
			 STATUS_OK);
	assert_string_equal(created.ref, "IR-2026-0001");
	assert_string_equal(created.title, hostile[1]);
	assert_string_equal(created.status, "new");
	assert_string_equal(created.created_by, "alice");
	assert_string_equal(created.created_at, "2026-11-22T14:05:00Z");
	assert_int_equal(store_incident_get(s, "IR-2026-0001", &got, &err), STATUS_OK);
	assert_int_equal(got.id, created.id);
	assert_int_equal(store_fields_get(s, got.id, &out, &err), STATUS_OK);
	assert_int_equal(out.len, HOSTILE_COUNT);
	for (size_t i = 0; i < HOSTILE_COUNT; i++) {
		const struct field_value *v;
		snprintf(key, sizeof(key), "f%zu", i);
		v = field_list_find(&out, "intake", key);
		assert_non_null(v);
		assert_memory_equal(v->value, hostile[i], strlen(hostile[i]) + 1);
		assert_string_equal(v->note, hostile[(i + 1) % HOSTILE_COUNT]);
		assert_string_equal(v->updated_by, "alice");
	}
	field_list_free(&in);
	field_list_free(&out);
	incident_clear(&created);
	incident_clear(&got);
	store_close(&s);
}

static void references_count_up_per_year(void **state)
{
	struct store *s = open_fresh("refs.db");
	struct incident a, b, c;
	struct error err = {0};

	(void)state;
	assert_int_equal(store_incident_create(s, "IR", "one", NULL, &operator_alice, 1795356300, &a, &err), 0);
	assert_int_equal(store_incident_create(s, "IR", "two", NULL, &operator_alice, 1795356400, &b, &err), 0);
	/* 2027-01-02: the count starts again. */
	assert_int_equal(store_incident_create(s, "IR", "three", NULL, &operator_alice, 1798848000, &c, &err), 0);
	assert_string_equal(a.ref, "IR-2026-0001");
	assert_string_equal(b.ref, "IR-2026-0002");
	assert_string_equal(c.ref, "IR-2027-0001");
	incident_clear(&a);
	incident_clear(&b);
	incident_clear(&c);
	store_close(&s);
}

static void saving_a_form_changes_only_what_changed(void **state)
{
	struct store *s = open_fresh("save.db");
	struct field_list v = {0}, out;
	struct incident in, after;
	struct timeline t;
	struct error err = {0};

	(void)state;
	field_list_set(&v, "intake", "title", "first", "");
	assert_int_equal(store_incident_create(s, "IR", "first", &v, &operator_alice, 1795356300, &in, &err), 0);
	field_list_set(&v, "triage", "real", "real", "seen by the admin");
	field_list_set(&v, "triage", "urgent", "", "");
	assert_int_equal(store_fields_save(s, &in, "triage", &v, NULL, "triage", &operator_alice, 1795356400, NULL, NULL, &err), 0);
	assert_int_equal(store_incident_get(s, in.ref, &after, &err), 0);
	assert_string_equal(after.status, "triage");
	assert_int_equal(after.version, in.version + 1);
	assert_int_equal(store_fields_get(s, in.id, &out, &err), 0);
	assert_string_equal(field_list_find(&out, "triage", "real")->note, "seen by the admin");
	/* An empty value never stored is not stored either. */
	assert_null(field_list_find(&out, "triage", "urgent"));
	assert_int_equal(store_timeline_get(s, in.id, &t, &err), 0);
	assert_int_equal(t.len, 2);
	assert_string_equal(t.items[0].kind, "created");
	assert_string_equal(t.items[1].kind, "triage");
	timeline_free(&t);
	field_list_free(&v);
	field_list_free(&out);
	incident_clear(&in);
	incident_clear(&after);
	store_close(&s);
}

static void category_history_is_kept(void **state)
{
	struct store *s = open_fresh("category.db");
	struct incident in, again;
	struct choice_list choices;
	struct error err = {0};

	(void)state;
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &operator_alice, 1795356300, &in, &err), 0);
	assert_int_equal(store_category_set(s, &in, "services", "Disruption of services", "", &operator_alice,
					    1795356400, &err), 0);
	assert_int_equal(store_incident_get(s, in.ref, &again, &err), 0);
	assert_int_equal(store_category_set(s, &again, "data", "Threat to sensitive data", "logs show exfiltration",
					    &operator_alice, 1795356500, &err), 0);
	incident_clear(&again);
	assert_int_equal(store_incident_get(s, in.ref, &again, &err), 0);
	assert_string_equal(again.category, "data");
	assert_int_equal(store_choices_get(s, in.id, &choices, &err), 0);
	assert_int_equal(choices.ncategories, 2);
	assert_string_equal(choices.categories[0].category, "services");
	assert_string_equal(choices.categories[1].category, "data");
	assert_string_equal(choices.categories[1].note, "logs show exfiltration");
	assert_string_equal(choices.categories[1].chosen_by, "alice");
	assert_string_equal(choices.categories[1].chosen_at, "2026-11-22T14:08:20Z");
	choice_list_free(&choices);
	incident_clear(&in);
	incident_clear(&again);
	store_close(&s);
}

static void steps_are_one_row_per_key(void **state)
{
	struct store *s = open_fresh("steps.db");
	struct incident in;
	struct step_list steps;
	struct step_record r = {.procedure = "worm", .step_key = "isolate", .title = "Isolate", .state = "done", .note = ""};
	struct error err = {0};

	(void)state;
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &operator_alice, 1795356300, &in, &err), 0);
	assert_int_equal(store_step_mark(s, &in, &r, -1, "Step done: Isolate", NULL, &operator_alice, 1795356400, &err), 0);
	r.state = "skipped";
	r.note = "host already offline";
	assert_int_equal(store_step_mark(s, &in, &r, -1, "Step skipped: Isolate", NULL, &operator_alice, 1795356500, &err), 0);
	assert_int_equal(store_steps_get(s, in.id, &steps, &err), 0);
	assert_int_equal(steps.len, 1);
	assert_string_equal(steps.items[0].state, "skipped");
	assert_string_equal(steps.items[0].note, "host already offline");
	assert_int_equal(steps.items[0].version, 2);
	step_list_free(&steps);
	incident_clear(&in);
	store_close(&s);
}

/* Two desks read a step at one version; the second mark or note from it
 * is refused, names the first and leaves the first's mark as it was. */
static void a_stale_step_mark_never_wins(void **state)
{
	struct store *s = open_fresh("stale-step.db");
	struct incident in;
	struct step_list steps;
	struct step_record r = {.procedure = "worm", .step_key = "isolate", .title = "Isolate", .state = "done", .note = ""};
	struct error err = {0};

	(void)state;
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &operator_alice, 1795356300, &in, &err), 0);
	/* Both saw it unmarked (0); alice marks it first. */
	assert_int_equal(store_step_mark(s, &in, &r, 0, "Step done: Isolate", NULL, &operator_alice, 1795356400, &err), 0);
	r.state = "skipped";
	r.note = "host already offline";
	assert_int_equal(store_step_mark(s, &in, &r, 0, "Step skipped: Isolate", NULL, &operator_bob, 1795356460, &err),
			 STATUS_CONFLICT);
	assert_string_equal(err.message,
			    "step \"Isolate\" of IR-2026-0001 was marked done by alice at 2026-11-22 14:06 UTC since you read it"
			    " (now at version 1)");
	assert_int_equal(store_steps_get(s, in.id, &steps, &err), 0);
	assert_string_equal(steps.items[0].state, "done");
	assert_string_equal(steps.items[0].marked_by, "alice");
	assert_int_equal(steps.items[0].version, 1);
	step_list_free(&steps);
	/* Two notes from version 1: the first stands, the second is refused
	 * with the first's note in its message. */
	r.state = "done";
	r.note = "isolated by VLAN";
	assert_int_equal(store_step_mark(s, &in, &r, 1, "Note on step: Isolate", NULL, &operator_bob, 1795356520, &err), 0);
	r.note = "cable pulled";
	assert_int_equal(store_step_mark(s, &in, &r, 1, "Note on step: Isolate", NULL, &operator_alice, 1795356580, &err),
			 STATUS_CONFLICT);
	assert_non_null(strstr(err.message, "marked done (isolated by VLAN) by bob at 2026-11-22 14:08 UTC since you read it"));
	/* A step not marked yet is at 0, and says so. */
	r.step_key = "scope";
	r.title = "Scope";
	assert_int_equal(store_step_mark(s, &in, &r, 3, "Step done: Scope", NULL, &operator_bob, 1795356600, &err),
			 STATUS_CONFLICT);
	assert_string_equal(err.message, "step \"Scope\" of IR-2026-0001 is not marked yet (version 0), not at version 3");
	r.step_key = "isolate";
	r.title = "Isolate";
	/* From the version now read, it is written: knowingly over theirs. */
	assert_int_equal(store_step_mark(s, &in, &r, 2, "Note on step: Isolate", NULL, &operator_alice, 1795356640, &err), 0);
	assert_int_equal(store_steps_get(s, in.id, &steps, &err), 0);
	assert_string_equal(steps.items[0].note, "cable pulled");
	assert_int_equal(steps.items[0].version, 3);
	step_list_free(&steps);
	incident_clear(&in);
	store_close(&s);
}

/* A category or procedure chosen from an incident read before another
 * operator chose is refused, naming theirs; the timeline has only theirs. */
static void a_stale_choice_never_wins(void **state)
{
	struct store *s = open_fresh("stale-choice.db");
	struct incident in, stale;
	struct choice_list choices;
	struct timeline t;
	struct error err = {0};

	(void)state;
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &operator_alice, 1795356300, &in, &err), 0);
	assert_int_equal(store_incident_get(s, in.ref, &stale, &err), 0);
	assert_int_equal(store_category_set(s, &in, "data", "Threat to sensitive data", "", &operator_alice, 1795356400,
					    &err), 0);
	assert_int_equal(store_category_set(s, &stale, "services", "Disruption of services", "", &operator_bob,
					    1795356460, &err), STATUS_CONFLICT);
	assert_string_equal(err.message,
			    "IR-2026-0001's category was changed to data by alice at 2026-11-22 14:06 UTC since you read it");
	/* The same as theirs: no conflict, nothing of theirs lost. */
	assert_int_equal(store_category_set(s, &stale, "data", "Threat to sensitive data", "", &operator_bob, 1795356470,
					    &err), STATUS_OK);
	assert_int_equal(store_procedure_set(s, &in, "worm", "Worm", NULL, &operator_alice, 1795356520, &err), 0);
	assert_int_equal(store_procedure_set(s, &stale, "phishing", "Phishing", NULL, &operator_bob, 1795356580, &err),
			 STATUS_CONFLICT);
	assert_non_null(strstr(err.message, "procedure was changed to worm by alice at 2026-11-22 14:08 UTC"));
	incident_clear(&stale);
	assert_int_equal(store_incident_get(s, in.ref, &stale, &err), 0);
	assert_string_equal(stale.category, "data");
	assert_string_equal(stale.procedure, "worm");
	assert_int_equal(store_choices_get(s, in.id, &choices, &err), 0);
	assert_int_equal(choices.ncategories, 2);
	assert_int_equal(choices.nprocedures, 1);
	choice_list_free(&choices);
	assert_int_equal(store_timeline_get(s, in.id, &t, &err), 0);
	assert_int_equal(t.len, 4);
	timeline_free(&t);
	/* Read again, bob may choose over it. */
	assert_int_equal(store_category_set(s, &stale, "services", "Disruption of services", "", &operator_bob,
					    1795356640, &err), 0);
	incident_clear(&stale);
	incident_clear(&in);
	store_close(&s);
}

static void timeline_is_append_only(void **state)
{
	struct store *s = open_fresh("append.db");
	struct incident in;
	struct error err = {0};
	char *path = db_path("append.db");
	sqlite3 *db;

	(void)state;
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &operator_alice, 1795356300, &in, &err), 0);
	store_close(&s);
	assert_non_null(db = raw_open(path));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE timeline SET who = 'mallory'", NULL, NULL, NULL), SQLITE_OK);
	assert_string_equal(sqlite3_errmsg(db), "the timeline is append-only");
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM timeline", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	incident_clear(&in);
	free(path);
}

/* A decision (migration 20) stands until it is withdrawn, and reads back
 * withdrawn, with who withdrew it, when and why; a key stands once at a
 * time; neither table takes an edit; and a deadline met keeps the text
 * that was sent, on the audit trail too. */
static void a_decision_stands_until_withdrawn(void **state)
{
	struct store *s = open_fresh("decisions.db");
	char *path = db_path("decisions.db");
	struct decision major = {.key = "classified-major", .why = "over a million customers' records"};
	struct decision material = {.key = "materiality-determined", .why = "the board's call"};
	struct deadline_met met = {.rule = "sec.form-8k", .party = "SEC", .how = "portal", .reference = "0001-26",
				   .sent = "Item 1.05.\nA second line \xc3\xa9."};
	struct decision_list list = {0};
	struct deadline_met_list mets = {0};
	struct error err = {0};
	struct incident in;
	int64_t number = 0;
	sqlite3 *db;

	(void)state;
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &operator_alice, 1795356300, &in, &err), 0);
	store_when(s, 1795350000);
	assert_int_equal(store_record_add(s, &in, &decision_kind, &major, "Decided: classified major", &operator_alice,
					  1795356400, &number, &err), STATUS_OK);
	assert_int_equal(number, 1);
	/* Standing: not made twice. */
	assert_int_equal(store_record_add(s, &in, &decision_kind, &major, "again", &operator_alice, 1795356450, &number,
					  &err), STATUS_CONFLICT);
	assert_int_equal(store_record_add(s, &in, &decision_kind, &material, "Decided: materiality", &operator_bob,
					  1795356500, &number, &err), STATUS_OK);
	assert_int_equal(number, 2);
	assert_int_equal(store_record_withdraw(s, &in, &decision_kind, 1, "not major after all", "Decision withdrawn",
					       &operator_bob, 1795356600, &err), STATUS_OK);
	assert_int_equal(store_decisions_get(s, in.id, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 2);
	assert_int_equal(list.items[0].number, 1);
	assert_string_equal(list.items[0].key, "classified-major");
	assert_string_equal(list.items[0].why, "over a million customers' records");
	assert_string_equal(list.items[0].happened_at, "2026-11-22T12:20:00Z");
	assert_string_equal(list.items[0].decided_at, "2026-11-22T14:06:40Z");
	assert_string_equal(list.items[0].decided_by, "alice");
	assert_non_null(list.items[0].withdrawn_at);
	assert_string_equal(list.items[0].withdrawn_at, "2026-11-22T14:10:00Z");
	assert_string_equal(list.items[0].withdrawn_by, "bob");
	assert_string_equal(list.items[0].withdrawn_reason, "not major after all");
	assert_null(list.items[0].imported);
	assert_null(list.items[1].withdrawn_at);
	assert_null(list.items[1].happened_at);
	decision_list_free(&list);
	/* Withdrawn, it may be made again. */
	assert_int_equal(store_record_add(s, &in, &decision_kind, &major, "Decided again", &operator_alice, 1795356700,
					  &number, &err), STATUS_OK);
	assert_int_equal(number, 3);
	assert_int_equal(store_deadline_met_add(s, &in, &met, "Deadline met", &operator_alice, 1795356800, &err),
			 STATUS_OK);
	assert_int_equal(store_deadlines_met_get(s, in.id, &mets, &err), STATUS_OK);
	assert_int_equal(mets.len, 1);
	assert_string_equal(mets.items[0].sent, met.sent);
	deadline_met_list_free(&mets);
	store_close(&s);
	/* On the trail: each row, the text sent in the row's image. */
	assert_int_equal(raw_count(path, "SELECT count(*) FROM audit WHERE tbl = 'decision' AND op = 'insert'"), 3);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM audit WHERE tbl = 'decision_withdrawal'"), 1);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM audit WHERE tbl = 'deadline_met'"
				   " AND json_extract(after, '$.sent') = 'Item 1.05.' || char(10) || 'A second line ' || char(233) || '.'"), 1);
	assert_non_null(db = raw_open(path));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE decision SET why = 'edited'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM decision", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM decision_withdrawal", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	incident_clear(&in);
	free(path);
}

static void refuses_other_databases(void **state)
{
	char *path = db_path("other.db");
	struct store *s = NULL;
	struct error err = {0};
	sqlite3 *db;

	(void)state;
	remove(path);
	assert_non_null(db = raw_open(path));
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE payroll (x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_DATA);
	assert_null(s);
	assert_non_null(strstr(err.message, "is not a sirt database"));
	free(path);

	path = db_path("newer.db");
	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	store_close(&s);
	assert_non_null(db = raw_open(path));
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_DATA);
	assert_non_null(strstr(err.message, "has schema version 99, newer than this sirt knows (20)"));
	free(path);

	path = db_path("garbage.db");
	write_file("garbage.db", "this is not a database at all, just text that is long enough to matter....");
	assert_int_not_equal(store_open(path, false, &s, &err), STATUS_OK);
	assert_int_equal(err.status, STATUS_DATA);
	free(path);
}

static void read_only_refuses_writes(void **state)
{
	struct store *s = open_fresh("ro.db");
	struct error err = {0};
	struct incident in;
	char *path = db_path("ro.db");

	(void)state;
	store_close(&s);
	assert_int_equal(store_open(path, true, &s, &err), STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &operator_alice, 1795356300, &in, &err),
			 STATUS_PERMISSION);
	assert_non_null(strstr(err.message, "read-only"));
	incident_clear(&in);
	store_close(&s);
	free(path);
}

/* Once SQLite has found the file damaged, the session writes nothing more
 * into it: not even what would not touch the damaged page. */
static void a_damaged_file_takes_no_more_writes(void **state)
{
	struct store *s = open_fresh("damaged.db");
	char *path = db_path("damaged.db");
	struct error err = {0};
	struct incident in;
	long long root, size;
	char *garbage;
	int fd;

	(void)state;
	assert_int_equal(store_incident_create(s, "IR", "x", NULL, &operator_alice, 1795356300, &in, &err), 0);
	incident_clear(&in);
	store_close(&s);
	/* The timeline's index by incident, which every save writes. */
	root = raw_count(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'timeline_incident'");
	size = raw_count(path, "PRAGMA page_size");
	assert_true(root > 1 && size > 0);
	assert_int_equal(raw_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)"), SQLITE_OK);
	garbage = xcalloc(1, (size_t)size);
	memset(garbage, 0xff, (size_t)size);
	assert_true((fd = open(path, O_WRONLY)) >= 0);
	assert_int_equal(pwrite(fd, garbage, (size_t)size, (off_t)((root - 1) * size)), size);
	close(fd);
	free(garbage);

	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	/* Who has an incident open touches no damaged page: written. */
	assert_int_equal(store_presence_enter(s, "IR-2026-0001", "pts/1", &operator_alice, 1790000000, &err),
			 STATUS_OK);
	assert_int_equal(store_incident_create(s, "IR", "y", NULL, &operator_alice, 1795356300, &in, &err),
			 STATUS_DATA);
	assert_non_null(strstr(err.message, "is damaged"));
	incident_clear(&in);
	/* Now known damaged: refused, and why. */
	assert_int_equal(store_presence_enter(s, "IR-2026-0001", "pts/2", &operator_alice, 1790000000, &err),
			 STATUS_DATA);
	assert_non_null(strstr(err.message, "was found damaged, and nothing more is written into it"));
	store_close(&s);
	free(path);
}

static void unknown_reference_is_not_found(void **state)
{
	struct store *s = open_fresh("nf.db");
	struct incident in;
	struct error err = {0};

	(void)state;
	assert_int_equal(store_incident_get(s, "IR-2026-9999", &in, &err), STATUS_NOT_FOUND);
	assert_non_null(strstr(err.message, "no incident IR-2026-9999"));
	store_close(&s);
}

/* In a child: opens the store, says it has ref open, and either leaves
 * at once (a session ending), exits without leaving (a session dying), or
 * stays until the pipe closes (a session going on). */
static pid_t child_present(const char *path, const char *ref, const char *how, int *hold)
{
	int fds[2];
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *s = NULL;
		struct error err = {0};
		struct actor bob = {.uid = 1002, .login = "bob", .name = "Bob Example"};
		char c;

		close(fds[1]);
		if (store_open(path, false, &s, &err) || store_presence_enter(s, ref, "pts/7", &bob, 1790000000, &err))
			_exit(1);
		if (strcmp(how, "leave") == 0)
			store_presence_leave(s, ref);
		if (strcmp(how, "stay") == 0)
			while (read(fds[0], &c, 1) > 0)
				;
		_exit(0);
	}
	close(fds[0]);
	if (strcmp(how, "stay") == 0) {
		*hold = fds[1];
	} else {
		int status;

		close(fds[1]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	return pid;
}

static size_t others_on(struct store *s, const char *ref, const char *login)
{
	struct presence_list who;
	struct error err = {0};
	size_t n;

	assert_int_equal(store_presence_get(s, ref, &who, &err), STATUS_OK);
	n = who.len;
	if (login && n) {
		assert_string_equal(who.items[0].login, login);
		assert_string_equal(who.items[0].tty, "pts/7");
	}
	presence_list_free(&who);
	return n;
}

/* Who else has an incident open: another session shows until it ends, or
 * dies (a dead process's row is left out and then cleared); this
 * process's own row is never shown to itself. */
static void presence_comes_and_goes(void **state)
{
	struct store *s = open_fresh("presence.db");
	char *path = db_path("presence.db");
	struct error err = {0};
	int hold = -1, status;
	pid_t stays;

	(void)state;
	assert_int_equal(store_presence_enter(s, "IR-2026-0001", "pts/1", &operator_alice, 1790000000, &err),
			 STATUS_OK);
	assert_int_equal(others_on(s, "IR-2026-0001", NULL), 0);

	stays = child_present(path, "IR-2026-0001", "stay", &hold);
	for (int i = 0; i < 500 && others_on(s, "IR-2026-0001", NULL) == 0; i++)
		usleep(10000);
	assert_int_equal(others_on(s, "IR-2026-0001", "bob"), 1);
	assert_int_equal(others_on(s, "IR-2026-0002", NULL), 0);
	close(hold);
	assert_int_equal(waitpid(stays, &status, 0), stays);
	/* It ended without leaving: dead, so not shown. */
	assert_int_equal(others_on(s, "IR-2026-0001", NULL), 0);

	child_present(path, "IR-2026-0001", "leave", NULL);
	assert_int_equal(others_on(s, "IR-2026-0001", NULL), 0);
	child_present(path, "IR-2026-0001", "die", NULL);
	assert_int_equal(others_on(s, "IR-2026-0001", NULL), 0);
	/* The next to come clears what the dead left. */
	assert_int_equal(store_presence_enter(s, "IR-2026-0002", "pts/1", &operator_alice, 1790000000, &err),
			 STATUS_OK);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM presence"), 2);
	store_presence_leave(s, "IR-2026-0001");
	store_presence_leave(s, "IR-2026-0002");
	assert_int_equal(raw_count(path, "SELECT count(*) FROM presence"), 0);
	store_close(&s);
	free(path);
}

/* A database on a network filesystem is refused: its type is known by
 * the statfs magic (no NFS mount to test against here). */
static void network_filesystems_are_known(void **state)
{
	(void)state;
	assert_string_equal(store_network_fs(0x6969), "nfs");
	assert_string_equal(store_network_fs((long)0xFF534D42), "cifs");
	assert_string_equal(store_network_fs((long)0xFE534D42), "smb2");
	assert_string_equal(store_network_fs(0x01021997), "9p");
	assert_null(store_network_fs(0xEF53));		/* ext4 */
	assert_null(store_network_fs(0x01021994));	/* tmpfs */
	assert_null(store_network_fs(0x58465342));	/* xfs */
	assert_null(store_network_fs(0x9123683E));	/* btrfs */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrates_an_empty_file),
		cmocka_unit_test(the_gate_is_asked_only_before_a_write),
		cmocka_unit_test(migrations_13_and_14_move_the_chain_out_of_the_file),
		cmocka_unit_test(every_incident_table_is_indexed_by_incident),
		cmocka_unit_test(a_reference_is_found_without_a_scan),
		cmocka_unit_test(round_trip_of_every_field),
		cmocka_unit_test(references_count_up_per_year),
		cmocka_unit_test(saving_a_form_changes_only_what_changed),
		cmocka_unit_test(category_history_is_kept),
		cmocka_unit_test(steps_are_one_row_per_key),
		cmocka_unit_test(a_stale_step_mark_never_wins),
		cmocka_unit_test(a_stale_choice_never_wins),
		cmocka_unit_test(timeline_is_append_only),
		cmocka_unit_test(refuses_other_databases),
		cmocka_unit_test(a_decision_stands_until_withdrawn),
		cmocka_unit_test(read_only_refuses_writes),
		cmocka_unit_test(a_damaged_file_takes_no_more_writes),
		cmocka_unit_test(unknown_reference_is_not_found),
		cmocka_unit_test(presence_comes_and_goes),
		cmocka_unit_test(network_filesystems_are_known),
	};

	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
