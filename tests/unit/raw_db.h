/* A raw SQLite connection to a sirt database, as the sqlite3 shell would
 * open it, but with stand-ins for the functions sirt's audit triggers
 * and their guards call: so that a test reaches the trigger it means to test (the
 * append-only ones) rather than "no such function". */
#ifndef SIRT_TEST_RAW_DB_H
#define SIRT_TEST_RAW_DB_H

#include <sqlite3.h>

static void raw_stand_in(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
}

static inline sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return NULL;
	sqlite3_create_function(db, "sirt_actor", 1, SQLITE_UTF8, NULL, raw_stand_in, NULL, NULL);
	sqlite3_create_function(db, "sirt_chain", 10, SQLITE_UTF8, NULL, raw_stand_in, NULL, NULL);
	sqlite3_create_function(db, "sirt_audited", 1, SQLITE_UTF8, NULL, raw_stand_in, NULL, NULL);
	return db;
}

/* The first column of the first row of sql, read through a raw
 * connection; -1 when the query fails. */
static inline long long raw_count(const char *path, const char *sql)
{
	sqlite3 *db = raw_open(path);
	sqlite3_stmt *st = NULL;
	long long n = -1;

	if (db && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* Runs sql through a raw connection, as another tool would: SQLITE_OK
 * or its error code. */
static inline int raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = raw_open(path);
	int rc = db ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_CANTOPEN;

	sqlite3_close(db);
	return rc;
}

#endif
