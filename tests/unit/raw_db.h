/* A raw SQLite connection to a sirt database, as the sqlite3 shell would
 * open it, but with stand-ins for the functions sirt's audit triggers
 * call: so that a test reaches the trigger it means to test (the
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
	return db;
}

#endif
