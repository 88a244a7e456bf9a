/* Fuzz target: importing an export (store_import, src/store/transfer.c)
 * into a fresh in-memory database. Properties: a file that is not an
 * export is refused with a message and changes nothing; whatever is
 * imported leaves the database whole (integrity_check, the audit chain)
 * and still open to new incidents; importing the same file again adds
 * nothing and finds here what it added; and what was imported exports and imports into another
 * database as the same incidents, row for row, each row then marked as
 * imported. */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fuzz.h"
#include "sirt/mem.h"
#include "sirt/store.h"

/* What an import is marked with: the hash of a file (here, of none). */
#define SHA256_OF_NOTHING "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static const struct actor importer = {.uid = 1001, .login = "alice", .name = "Alice Example"};
#define AT "2026-11-22T14:05:00Z"
#define NOW 1795356300	/* AT */

static struct store *open_fresh(void)
{
	struct store *s = NULL;
	struct error err = {0};

	FUZZ_CHECK(store_open(":memory:", false, &s, &err) == STATUS_OK, "opening: %s", err.message);
	return s;
}

static void check_whole(struct store *s)
{
	struct audit_check check;
	struct error err = {0};
	char why[256];

	FUZZ_CHECK(store_integrity(s, why, sizeof(why), &err) == STATUS_OK && strcmp(why, "ok") == 0,
		   "integrity_check: %s %s", why, err.message);
	FUZZ_CHECK(store_audit_verify(s, NULL, &check, &err) == STATUS_OK && check.bad_row == 0,
		   "audit verify: row %lld: %s %s", (long long)check.bad_row, check.why, err.message);
}

static int64_t count_incidents(struct store *s)
{
	struct incident_list list;
	struct error err = {0};
	int64_t n;

	FUZZ_CHECK(store_incident_list(s, true, &list, &err) == STATUS_OK, "listing: %s", err.message);
	n = (int64_t)list.len;
	incident_list_free(&list);
	return n;
}

/* The export of s, its time pinned so that two exports compare. */
static char *export_of(struct store *s)
{
	struct error err = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	enum status st;

	FUZZ_CHECK(out != NULL, "no memory for an export");
	st = store_export(s, AT, out, &err);
	fclose(out);
	FUZZ_CHECK(st == STATUS_OK, "exporting: %s", err.message);
	return text;
}

/* Whether two exports hold the same rows, but for what each row says of
 * the import that brought it ("imported"), and every row of `moved` is
 * marked as brought by an import. */
static bool same_but_marks(const char *exported, const char *moved)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	bool same = false;

#define UNMARKED(n) "SELECT fullkey, type, atom FROM json_tree(?" #n ") WHERE fullkey <> '$.exported_at'" \
	" AND NOT (fullkey GLOB '*].imported' OR fullkey GLOB '*].imported.*')"
	FUZZ_CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK, "opening a scratch database");
	FUZZ_CHECK(sqlite3_prepare_v2(db,
		"SELECT NOT EXISTS (" UNMARKED(1) " EXCEPT " UNMARKED(2) ") AND NOT EXISTS (" UNMARKED(2) " EXCEPT "
		UNMARKED(1) ") AND NOT EXISTS (SELECT 1 FROM json_tree(?2) WHERE fullkey GLOB '*].imported'"
		" AND type <> 'object')", -1, &st, NULL) == SQLITE_OK, "comparing: %s", sqlite3_errmsg(db));
#undef UNMARKED
	sqlite3_bind_text(st, 1, exported, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, moved, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		same = sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return same;
}

/* An export of what came in moves whole into another database. */
static void check_round_trip(struct store *s, int64_t here)
{
	char *exported = export_of(s), *reexported;
	struct store *copy = open_fresh();
	struct import_result moved;
	struct error err = {0};

	FUZZ_CHECK(store_import(copy, NULL, exported, "export.json", SHA256_OF_NOTHING, &importer, AT, &moved, &err) ==
			   STATUS_OK, "importing the export: %s", err.message);
	FUZZ_CHECK(moved.added == (size_t)here && moved.conflicts.len == 0, "the export of %lld incidents: %zu added, %s",
		   (long long)here, moved.added, moved.conflicts.len ? moved.conflicts.items[0] : "");
	reexported = export_of(copy);
	FUZZ_CHECK(same_but_marks(exported, reexported), "an export changed on its way through import:\n%s\n%s",
		   exported, reexported);
	free(exported);
	free(reexported);
	import_result_free(&moved);
	store_close(&copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *json = fuzz_string(data, size);
	struct store *s = open_fresh();
	struct import_result first, again;
	struct error err = {0};
	enum status st = store_import(s, NULL, json, "export.json", SHA256_OF_NOTHING, &importer, AT, &first, &err);
	int64_t here;

	FUZZ_CHECK(st == STATUS_OK || st == STATUS_DATA, "import: status %d: %s", (int)st, err.message);
	if (st != STATUS_OK) {
		FUZZ_CHECK(err.message[0] && first.added == 0 && count_incidents(s) == 0, "a refused import: %s",
			   err.message);
		import_result_free(&first);
		store_close(&s);
		free(json);
		return 0;
	}
	check_whole(s);
	here = count_incidents(s);
	FUZZ_CHECK(here == (int64_t)first.added, "%zu added, %lld here", first.added, (long long)here);

	/* Twice changes nothing, and says so: what came in is here already. */
	memset(&err, 0, sizeof(err));
	FUZZ_CHECK(store_import(s, NULL, json, "export.json", SHA256_OF_NOTHING, &importer, AT, &again, &err) == STATUS_OK,
		   "importing again: %s", err.message);
	FUZZ_CHECK(again.added == 0 && count_incidents(s) == here, "importing again added %zu", again.added);
	FUZZ_CHECK(again.same == first.added + first.same && again.conflicts.len == first.conflicts.len,
		   "first %zu added, %zu the same, %zu in conflict; again %zu the same, %zu in conflict: %s", first.added,
		   first.same, first.conflicts.len, again.same, again.conflicts.len,
		   again.conflicts.len ? again.conflicts.items[0] : "");
	check_whole(s);

	if (here > 0)
		check_round_trip(s, here);
	/* Imported references never stand in the way of a new incident. */
	{
		struct incident created = {0};

		memset(&err, 0, sizeof(err));
		FUZZ_CHECK(store_incident_create(s, "IR", "after the import", NULL, &importer, NOW, &created, &err) ==
				   STATUS_OK,
			   "a new incident after the import: %s", err.message);
		incident_clear(&created);
	}
	check_whole(s);

	import_result_free(&first);
	import_result_free(&again);
	store_close(&s);
	free(json);
	return 0;
}
