/* What the store's own files share: the connection and SQL helpers. */
#ifndef SIRT_STORE_INTERNAL_H
#define SIRT_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "sirt/incident_data.h"
#include "sirt/store.h"

/* 'SIRT' in ASCII: marks a file as ours. */
#define STORE_APPLICATION_ID 0x53495254

struct store {
	sqlite3 *db;
	char *path;
	bool read_only;
	bool granted;		/* opened with sirt's group (store_grant), since given up */
	/* SQLite ran out of memory: the connection is replaced (store.c). */
	bool lost;
	/* SQLite found the file damaged: no more writes (store.c). */
	bool damaged;
	int data_version;
	/* Who writes, and when, in the transaction under way: what the
	 * audit triggers record (sirt_who(), sirt_now() in SQL). */
	const struct actor *who;
	char at[48];
	/* When what the next write records happened, where the operator
	 * said (a call made at 03:05, logged at 03:40): UTC, "" for when it
	 * is logged. Set by store_when, cleared by the commit or rollback. */
	char happened[48];
	/* This connection has its audit triggers (audit_install), made
	 * from the schema of this version; the file's guards refuse every
	 * write until it has, and store_begin makes them again when
	 * another process has changed the schema since. */
	bool audit_ready;
	int audit_schema;
	/* Upgrading the file's schema (store_migrate): no audit triggers of
	 * the connection's own, which would be made from the old schema. */
	bool migrating;
	/* What is not sirt's own in the file's schema (schema.c), found at
	 * open and again whenever the audit triggers are made: every write
	 * is refused while there is any, but repair-schema's (repairing). */
	struct schema_problems schema;
	bool repairing;
	/* The schema_version schema was found at (0: not checked yet): the
	 * connection runs the schema it parsed, which it parses again only
	 * when that changes, so an unchanged version needs no new check. */
	int schema_checked_at;
	/* What each audit row records of the session (store_set_provenance). */
	char *config_paths;
	char *config_sha256;
	bool enforced;
	/* Asked before opening's first write (store_open_gated, store_gate);
	 * NULL once asked, and after the open. */
	bool (*go_on)(void *ctx);
	void *go_on_ctx;
	/* Waiting for another writer (store.c's busy handler). */
	long long busy_since;
	bool waiting;
	void (*on_wait)(void *ctx, bool waiting);
	void *on_wait_ctx;
	/* The incidents the transaction under way changed (derived.c). */
	int64_t *touched;
	size_t ntouched;
	size_t touched_cap;
	store_incident_hook on_change;
	void *on_change_ctx;
	/* What this connection's writes saved: how many committed, and the
	 * incidents each changed (store_saved_count, store_saved_refs). */
	size_t commits;
	struct saved_incident {
		int64_t id;
		size_t commit;	/* the commit that saved it, from 1 */
	} *saved;
	size_t nsaved;
	size_t saved_cap;
	/* Statements kept prepared (store_prepare, store_finalize). */
	struct kept_statement {
		char *sql;
		uint32_t hash;
		bool busy;
		sqlite3_stmt *st;
	} kept[64];
	size_t nkept;
	size_t evict;
};

#define INCIDENT_COLUMNS \
	"id, ref, title, status, category, procedure, created_at, created_by, updated_at, updated_by, version"
/* Where a row came from (sirt/incident_data.h, struct provenance): the
 * columns of the import table joined as alias a, read back from column
 * `first` on by store_read_provenance (NULL for a row made here). */
#define PROVENANCE_COLUMNS(a) \
	a ".id, " a ".imported_by, " a ".imported_at, " a ".file, " a ".sha256, " a ".earlier, " \
	"json_extract(" a ".earlier, '$.by'), json_extract(" a ".earlier, '$.at'), " \
	"json_extract(" a ".earlier, '$.file'), json_extract(" a ".earlier, '$.sha256')"
#define PROVENANCE_NCOLUMNS 10
struct provenance *store_read_provenance(sqlite3_stmt *st, int first);
/* A row of INCIDENT_COLUMNS from column `first` on. */
void store_read_incident(sqlite3_stmt *st, int first, struct incident *in);
void store_bind_text(sqlite3_stmt *st, int i, const char *v);

/* store_open for writing, refusing a path with a symbolic link in it
 * (sirt init, run as root where others may write). */
enum status store_open_nofollow(const char *path, struct store **out, struct error *err);
/* The name of the VFS that keeps a /proc/self/fd/N/ name as given (so a
 * file and its journal stay in the directory held open as N), NULL if it
 * cannot be had; and store_open, read-only, through it. */
const char *store_held_vfs(void);
enum status store_open_held(const char *path, struct store **out, struct error *err);
enum status store_sqlite_error(struct store *s, int rc, const char *doing, struct error *err);
enum status store_exec(struct store *s, const char *sql, struct error *err);
/* Prepares sql; a failure becomes an error that says so. The statement
 * is kept for the next time the same text is asked for (parsing an
 * INSERT means compiling the audit triggers of its table, which costs
 * more than most writes): give it back with store_finalize, never with
 * sqlite3_finalize. */
enum status store_prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct error *err);
/* Done with st: a kept statement is reset and its bindings cleared for
 * the next use, any other finalized. */
void store_finalize(struct store *s, sqlite3_stmt *st);
/* Steps st: STATUS_OK with *row true (a row to read) or false (no more
 * rows), else the failure, said as doing. */
enum status store_step(struct store *s, sqlite3_stmt *st, bool *row, const char *doing, struct error *err);
/* Column i as an allocated string, or NULL for NULL. */
char *store_column_text(sqlite3_stmt *st, int i);
/* The first column of the first row of sql, with id bound to its '?'
 * (fallback when there is no row). */
enum status store_query_int64(struct store *s, const char *sql, int64_t id, int64_t fallback, int64_t *out,
			      const char *doing, struct error *err);
/* Reads every row of a query about one incident (its id bound to the only
 * '?'; id < 0: nothing to bind), handing each to read. */
typedef void (*store_row_reader)(sqlite3_stmt *st, void *list);
enum status store_each_row(struct store *s, const char *sql, int64_t incident_id, store_row_reader read, void *list,
			   const char *doing, struct error *err);
struct config;
/* An imported incident's rows, as added: refused (STATUS_DATA, saying
 * which row and column) when they hold what no other path into sirt
 * takes (imported.c). plan may be NULL: the built-in limits then. */
enum status store_import_check(struct store *s, const struct config *plan, const struct strlist *tables,
			       int64_t incident_id, struct error *err);
enum status store_pragma_int(struct store *s, const char *sql, int *out, struct error *err);
/* Appends the first column of every row of sql to out. */
enum status store_names(struct store *s, const char *sql, struct strlist *out, const char *doing, struct error *err);
/* BEGIN IMMEDIATE, on behalf of who (NULL: sirt itself, e.g. a schema
 * upgrade) at the time at (NULL: now). */
enum status store_begin(struct store *s, const struct actor *who, const char *at, struct error *err);
enum status store_commit(struct store *s, struct error *err);
void store_rollback(struct store *s);
enum status store_migrate(struct store *s, struct error *err);
/* The pieces of every write, inside its transaction: runs a prepared
 * write to completion and gives it back; puts summary on the incident's
 * timeline; marks the incident changed (and retitles it or moves its
 * status, either may be NULL), refusing a closed one (STATUS_CONFLICT);
 * the number the next row of table gets within the incident (1, 2 ...). */
enum status store_finish(struct store *s, sqlite3_stmt *st, const char *doing, struct error *err);
enum status store_timeline_add(struct store *s, int64_t incident_id, const char *at, const struct actor *who,
			       const char *kind, const char *summary, struct error *err);
enum status store_incident_touch(struct store *s, const struct incident *incident, const char *at,
				 const struct actor *who, const char *title, const char *status, struct error *err);
enum status store_next_number(struct store *s, const char *table, int64_t incident_id, int64_t *number,
			      struct error *err);
/* store_incident_touch without a new title or status; closed_too: a
 * closed incident is marked too (what outlives it: evidence, custody). */
enum status store_incident_mark(struct store *s, const struct incident *incident, const char *at,
				const struct actor *who, bool closed_too, struct error *err);

/* What adding a record of a kind does beyond the insert, in the same
 * transaction. check (may be NULL): the kind's own rule, checked under
 * the write lock before anything is written (a hand-over from who holds
 * the item now). The timeline gets summary, or what summarise (if not
 * NULL) makes of the record and its number (for an unnumbered kind, its
 * id), given ctx. */
struct record_add {
	const char *summary;
	char *(*summarise)(const void *record, int64_t number, const void *ctx);
	const void *ctx;
	enum status (*check)(struct store *s, const struct incident *incident, const void *record, struct error *err);
};

/* store_record_add, as how says. */
enum status store_record_add_with(struct store *s, const struct incident *incident, const struct record_kind *kind,
				  const void *record, const struct record_add *how, const struct actor *who,
				  time_t now, int64_t *number, struct error *err);
/* Before opening's first write to the file (a switch to WAL, a
 * migration): go_on's say, once; STATUS_CONFIG leaves the file as it was. */
enum status store_gate(struct store *s, struct error *err);
int store_latest_schema(void);

/* Derived data (derived.c). Registers what notes the incidents each
 * write changes; derived_triggers, made with the audit triggers before
 * a connection's first write, call it. */
enum status derived_attach(struct store *s, struct error *err);
extern const char derived_triggers[];
/* Brings the derived data of what the transaction changed up to date;
 * store_commit calls it before COMMIT. */
enum status derived_flush(struct store *s, struct error *err);
void derived_forget(struct store *s);

/* The audit trail (audit.c). */
/* Registers the SQL functions the audit triggers call on a connection. */
enum status audit_register(struct store *s, struct error *err);
/* Creates the triggers that record every change to table in the audit
 * table, in the file: every migration that creates a table calls it,
 * and from migration 14 on then audit_move_to_connections. */
enum status audit_attach(struct store *s, const char *table, struct error *err);
/* Replaces each audit trigger in the file by its guard (migration 14):
 * the trigger itself is made on each connection, by audit_install. */
enum status audit_move_to_connections(struct store *s, struct error *err);
/* Makes this connection's audit triggers, one for each guard in the
 * file, in one transaction with the SQL `also` (other TEMP triggers a
 * writer needs), outside any other transaction: store_begin calls it
 * before a connection's first write. */
enum status audit_install(struct store *s, const char *also, struct error *err);
/* Drops the audit triggers of what a table refuses (an UPDATE of the
 * timeline, a DELETE of evidence...): they could never fire, and each
 * costs every start of sirt its parsing (migration 13). */
enum status audit_drop_refused(struct store *s, struct error *err);
/* Puts each record of table that has no audited insert on the trail as
 * inserted by sirt, as it stands (migration 17). */
enum status audit_record_unaudited(struct store *s, const char *table, struct error *err);

/* An empty database in memory, brought to the current schema: what
 * schema.c holds a file's schema against. */
enum status store_open_memory(struct store **out, struct error *err);
/* The SHA-256 of the schema sirt makes (schema.c says over what), for
 * schema_digest.c at build time. */
enum status store_schema_digest(char hex[65], struct error *err);
/* The schema checked (store_schema_check into s->schema) unless it was at
 * this schema_version already; the version read before the check. */
enum status store_schema_recheck(struct store *s, struct error *err);
/* The error a write gets while the schema is not sirt's own. */
enum status store_schema_refusal(struct store *s, struct error *err);

/* Makes the empty file path, before SQLite opens it (place.c): never
 * through a symbolic link; mode 0600 less what the umask takes away,
 * or 0660 for a database in a place made for a group (shared).
 * STATUS_CONFLICT when it is there already (another
 * process made it first). */
enum status store_file_create(const char *path, bool shared, struct error *err);

#endif
