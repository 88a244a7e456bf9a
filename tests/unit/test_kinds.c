/* Every kind of record is described once (sirt/kind.h), and the store
 * adds and reads it from that description alone: so each description
 * must name exactly the columns of its table as the migrations leave it.
 * A column a later migration adds but no description names fails here,
 * before it is silently never written or read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/ioc.h"
#include "fresh_store.h"
#include "raw_db.h"

static const struct record_kind *const kinds[] = {
	&call_kind, &witness_kind, &note_kind, &change_kind, &cost_kind, &evidence_kind,
	&custody_kind, &evidence_check_kind, &deadline_met_kind, &ioc_kind, &decision_kind,
};

/* The columns the description names, in the table's terms. */
static void described(const struct record_kind *kind, struct strlist *out)
{
	struct stamp_columns stamp = kind_stamp(kind);

	strlist_add(out, "id");
	strlist_add(out, "incident_id");
	if (!kind->unnumbered)
		strlist_add(out, "number");
	for (size_t c = 0; c < kind->ncolumns; c++)
		strlist_add(out, kind->columns[c].name);
	strlist_add(out, stamp.at);
	strlist_add(out, stamp.by);
	strlist_add(out, stamp.uid);
	/* Every kind: the import it came through (struct provenance). */
	strlist_add(out, "imported");
	for (size_t i = 0; kind->untyped && kind->untyped[i]; i++)
		strlist_add(out, kind->untyped[i]);
}

static bool listed(const struct strlist *list, const char *name)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i], name) == 0)
			return true;
	return false;
}

static void each_kind_names_every_column_of_its_table(void **state)
{
	char *path = xasprintf("%s/kinds.db", scratch());
	struct store *s;
	sqlite3 *db;

	(void)state;
	remove(path);
	s = open_fresh("kinds.db");
	store_close(&s);
	assert_non_null(db = raw_open(path));
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct record_kind *kind = kinds[k];
		struct strlist want = {0}, have = {0};
		char *sql = xasprintf("SELECT name FROM pragma_table_info('%s')", kind->table);
		sqlite3_stmt *st;

		described(kind, &want);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			strlist_add(&have, (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		if (have.len == 0)
			fail_msg("kind %s: no table %s", kind->name, kind->table);
		for (size_t i = 0; i < have.len; i++)
			if (!listed(&want, have.items[i]))
				fail_msg("kind %s: column %s.%s is not described", kind->name, kind->table, have.items[i]);
		for (size_t i = 0; i < want.len; i++)
			if (!listed(&have, want.items[i]))
				fail_msg("kind %s: %s describes %s, which its table lacks", kind->name, kind->table,
					 want.items[i]);
		assert_int_equal(want.len, have.len);	/* no column named twice */
		strlist_free(&want);
		strlist_free(&have);
		free(sql);
	}
	sqlite3_close(db);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_kind_names_every_column_of_its_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
