/* What the store's own files share: the connection and SQL helpers. */
#ifndef SIRT_STORE_INTERNAL_H
#define SIRT_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "sirt/store.h"

/* 'SIRT' in ASCII: marks a file as ours. */
#define STORE_APPLICATION_ID 0x53495254

struct store {
	sqlite3 *db;
	char *path;
	bool read_only;
	int data_version;
};

enum status store_sqlite_error(struct store *s, int rc, const char *doing, struct error *err);
enum status store_exec(struct store *s, const char *sql, struct error *err);
enum status store_pragma_int(struct store *s, const char *sql, int *out, struct error *err);
enum status store_begin(struct store *s, struct error *err);
enum status store_commit(struct store *s, struct error *err);
void store_rollback(struct store *s);
enum status store_migrate(struct store *s, struct error *err);
int store_latest_schema(void);

#endif
