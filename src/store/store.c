/* Store queries. Every write is one BEGIN IMMEDIATE transaction: a
 * deferred one could fail with SQLITE_BUSY when it upgrades to a write
 * lock, whatever the busy timeout; an immediate one waits its turn. */
#include "store_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

#include "sirt/mem.h"
#include "sirt/timefmt.h"

/* How long a writer waits for another before giving up: far beyond any
 * transaction sirt makes (milliseconds); only a stopped or hung process
 * holding the lock gets that far. */
#define BUSY_GIVE_UP_MS (5 * 60 * 1000)
/* After this long, whoever waits is told why nothing happens. */
#define BUSY_NOTICE_MS 1000

enum status store_sqlite_error(struct store *s, int rc, const char *doing, struct error *err)
{
	const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	const char *path = s && s->path ? s->path : "the database";
	int sys = s && s->db ? sqlite3_system_errno(s->db) : 0;

	/* A full disk often shows as an I/O error: SQLite could not grow the
	 * -shm file, or wrote the -wal through a call it reports otherwise. */
	if ((rc & 0xFF) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT))
		rc = SQLITE_FULL;
	if ((rc & 0xFF) == SQLITE_NOMEM && s)
		s->lost = true;
	switch (rc & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return error_set(err, STATUS_BUSY,
				 "%s: another sirt has held %s for minutes (%s): find the stopped or hung one with "
				 "fuser %s, end it, and try again", doing, path, msg, path);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return error_set(err, STATUS_PERMISSION,
				 "%s: %s is not writable: %s (check the file's and its directory's permissions)",
				 doing, path, msg);
	case SQLITE_CANTOPEN:
		return error_set(err, STATUS_CANT_CREATE,
				 "%s: cannot open %s: %s (check that its directory exists and is writable)", doing,
				 path, msg);
	case SQLITE_CORRUPT:
		return error_set(err, STATUS_DATA,
				 "%s: %s is damaged: %s (stop every sirt on it and restore the last backup made with "
				 "sirt backup; sqlite3 %s 'PRAGMA integrity_check' shows what is wrong)",
				 doing, path, msg, path);
	case SQLITE_NOTADB:
		return error_set(err, STATUS_DATA,
				 "%s: %s is not a database (%s): give sirt its own file with --db, or restore the last "
				 "backup if this was one",
				 doing, path, msg);
	case SQLITE_FULL:
		return error_set(err, STATUS_IO, "%s: the disk that holds %s is full (free some space on it, then try "
				 "again)", doing, path);
	case SQLITE_IOERR:
		/* Not sqlite3_errmsg(): that can name what SQLite was doing
		 * ("vtable constructor failed: search_text"). */
		return error_set(err, STATUS_IO, "%s: %s: %s (the disk or its filesystem failed: see dmesg, then try "
				 "again)", doing, path, sqlite3_errstr(SQLITE_IOERR));
	case SQLITE_NOMEM:
		return error_set(err, STATUS_IO, "%s: out of memory (close other programs, then try again)", doing);
	case SQLITE_CONSTRAINT:
		return error_set(err, STATUS_DATA, "%s: %s", doing, msg);
	default:
		return error_set(err, STATUS_IO, "%s: %s: %s", doing, path, msg);
	}
}

/* sql, and if it fails an error that says what was being done. */
static enum status exec_doing(struct store *s, const char *sql, const char *doing, struct error *err)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? STATUS_OK : store_sqlite_error(s, rc, doing, err);
}

enum status store_exec(struct store *s, const char *sql, struct error *err)
{
	return exec_doing(s, sql, "updating the database", err);
}

enum status store_pragma_int(struct store *s, const char *sql, int *out, struct error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return store_sqlite_error(s, rc, "reading the database", err);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	store_finalize(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlite_error(s, rc, "reading the database", err);
	return STATUS_OK;
}

enum status store_names(struct store *s, const char *sql, struct strlist *out, const char *doing, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, sql, &st, err);
	int step;

	if (rc)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_text(st, 0))
		strlist_add(out, (const char *)sqlite3_column_text(st, 0));
	store_finalize(s, st);
	/* A row left out (a NULL for want of memory) would be missed. */
	return step == SQLITE_DONE ? STATUS_OK
				   : store_sqlite_error(s, step == SQLITE_ROW ? SQLITE_NOMEM : step, doing, err);
}

static long long monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Another operator holds the write lock: wait, a little longer each
 * time, and say so after a second; SQLITE_BUSY never reaches anyone
 * unless the lock is held for minutes. */
static int on_busy(void *arg, int count)
{
	struct store *s = arg;
	long long now = monotonic_ms();

	if (count == 0)
		s->busy_since = now;
	if (now - s->busy_since >= BUSY_GIVE_UP_MS)
		return 0;
	if (now - s->busy_since >= BUSY_NOTICE_MS && !s->waiting) {
		s->waiting = true;
		if (s->on_wait)
			s->on_wait(s->on_wait_ctx, true);
	}
	sqlite3_sleep(count < 10 ? 2 : count < 50 ? 10 : 25);
	return 1;
}

/* The wait (if any) is over. */
static void done_waiting(struct store *s)
{
	if (!s->waiting)
		return;
	s->waiting = false;
	if (s->on_wait)
		s->on_wait(s->on_wait_ctx, false);
}

void store_on_wait(struct store *s, void (*fn)(void *ctx, bool waiting), void *ctx)
{
	s->on_wait = fn;
	s->on_wait_ctx = ctx;
}

enum status store_check_writable(struct store *s, struct error *err)
{
	if (s->read_only)
		return error_set(err, STATUS_PERMISSION,
				 "cannot change anything: the database is open read-only (start sirt without --read-only)");
	return STATUS_OK;
}

static void reconnect(struct store *s);

enum status store_begin(struct store *s, const struct actor *who, const char *at, struct error *err)
{
	enum status st = store_check_writable(s, err);

	if (st)
		return st;
	if (s->lost)
		reconnect(s);
	s->who = who;
	if (at)
		snprintf(s->at, sizeof(s->at), "%s", at);
	else
		time_format_utc(time(NULL), s->at, sizeof(s->at));
	derived_forget(s);
	/* What a connection writes with (its audit triggers) is made before
	 * its first write, not at open: the triggers cost their parsing, and
	 * most starts of sirt only read. Outside the write transaction, so
	 * that its rollback cannot take them away; made again if another
	 * process changed the schema meanwhile (a newer sirt's migration),
	 * so that they record every column of every table it guards. */
	for (int tries = 0;; tries++) {
		int schema = 0;

		if (!s->audit_ready && !s->migrating && (st = audit_install(s, derived_triggers, err)))
			return st;
		st = store_exec(s, "BEGIN IMMEDIATE", err);
		done_waiting(s);
		if (st || s->migrating)
			return st;
		if ((st = store_pragma_int(s, "PRAGMA schema_version", &schema, err))) {
			store_rollback(s);
			return st;
		}
		if (schema == s->audit_schema)
			return STATUS_OK;
		store_rollback(s);
		s->audit_ready = false;
		if (tries == 3)
			return error_set(err, STATUS_BUSY, "the database's schema keeps changing under this session "
					 "(another program is altering it): try again, or close the others");
	}
}

enum status store_commit(struct store *s, struct error *err)
{
	enum status st = derived_flush(s, err);

	if (!st)
		st = store_exec(s, "COMMIT", err);
	if (st)
		store_rollback(s);
	return st;
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	derived_forget(s);
	if (s->lost && !s->read_only)
		reconnect(s);
}

enum status store_gate(struct store *s, struct error *err)
{
	bool (*go_on)(void *ctx) = s->go_on;

	s->go_on = NULL;
	if (go_on && !go_on(s->go_on_ctx))
		return error_set(err, STATUS_CONFIG, "%s was left as it was: the plan's configuration is wrong",
				 s->path);
	return STATUS_OK;
}

/* Whether the file is in WAL mode: no when that cannot be read (the
 * switch then says why). */
static bool in_wal(struct store *s)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *mode;
	bool wal = false;

	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && (mode = sqlite3_column_text(st, 0)))
		wal = sqlite3_stricmp((const char *)mode, "wal") == 0;
	sqlite3_finalize(st);
	return wal;
}

/* Switching to WAL takes a lock that the busy handler does not wait for
 * when another sirt is creating the same file: retry for a while. A file
 * in WAL mode already is left alone: nothing written. */
static enum status use_wal(struct store *s, struct error *err)
{
	enum status st = STATUS_OK;

	if (in_wal(s) || (st = store_gate(s, err)))
		return st;
	for (int tries = 0; tries < 250; tries++) {
		st = exec_doing(s, "PRAGMA journal_mode = WAL", "opening the database", err);
		if (st != STATUS_BUSY)
			return st;
		sqlite3_sleep(20);
	}
	return st;
}

static bool on_read_only_fs(const char *path)
{
	struct statvfs vfs;

	return statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

static bool wal_holds_changes(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat info;
	bool holds = stat(wal, &info) == 0 && info.st_size > 0;

	free(wal);
	return holds;
}

/* "file:///a/b%3Fc.db?immutable=1": the path made absolute, and the
 * characters a URI gives meaning to escaped. NULL if it cannot be. */
static char *immutable_uri(const char *path)
{
	struct strbuf sb = {0};
	char real[PATH_MAX];

	if (!realpath(path, real))
		return NULL;
	strbuf_puts(&sb, "file://");
	for (const char *p = real; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			strbuf_printf(&sb, "%%%02X", (unsigned char)*p);
		else
			strbuf_putc(&sb, *p);
	}
	strbuf_puts(&sb, "?immutable=1");
	return strbuf_take(&sb);
}

/* What every connection needs before it is used. */
static enum status connection_start(struct store *s, struct error *err)
{
	enum status st;

	sqlite3_busy_handler(s->db, on_busy, s);
	sqlite3_extended_result_codes(s->db, 1);
	if ((st = audit_register(s, err)) || (st = derived_attach(s, err)) ||
	    (st = exec_doing(s, "PRAGMA foreign_keys = ON", "opening the database", err)) ||
	    (st = exec_doing(s, "PRAGMA synchronous = FULL", "opening the database", err)))
		return st;
	return STATUS_OK;
}

/* Before the connection closes. A statement in use is left to its user,
 * whose store_finalize no longer finds it and finalizes it (the old
 * connection, closed with sqlite3_close_v2, lasts until then). */
static void forget_kept(struct store *s)
{
	for (size_t i = 0; i < s->nkept; i++) {
		if (!s->kept[i].busy)
			sqlite3_finalize(s->kept[i].st);
		free(s->kept[i].sql);
	}
	s->nkept = s->evict = 0;
}

/* A fresh connection in place of one that ran out of memory. The file
 * is sound (the transaction was rolled back), but SQLite's full-text
 * index (search_text) can keep a broken picture of itself in the old
 * connection, and then calls every later save's file "malformed" (seen
 * with SQLite 3.40). If this fails too, the next write tries again. */
static void reconnect(struct store *s)
{
	sqlite3 *old = s->db;
	enum status st;

	s->db = NULL;
	if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    (st = connection_start(s, NULL)) ||
	    (st = store_pragma_int(s, "PRAGMA data_version", &s->data_version, NULL))) {
		sqlite3_close_v2(s->db);
		s->db = old;
		return;
	}
	forget_kept(s);		/* they were prepared on the old connection */
	s->audit_ready = false;	/* its triggers were the old connection's */
	sqlite3_close_v2(old);
	derived_forget(s);
	s->lost = false;
}

static enum status open_with(const char *path, bool read_only, bool nofollow, bool (*go_on)(void *ctx), void *ctx,
			     struct store **out, struct error *err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	struct stat info;
	bool created = false, frozen = false;
	char *uri = NULL;
	enum status st;
	int rc;

	*out = NULL;
	s->path = xstrdup(path);
	s->read_only = read_only;
	if (stat(path, &info) != 0) {
		if (read_only) {
			store_close(&s);
			return error_set(err, STATUS_NOT_FOUND,
					 "%s does not exist, and a read-only session cannot create it (check --db)", path);
		}
		created = true;
	}
	/* On a read-only filesystem SQLite cannot make the -shm file a WAL
	 * database is read with. Nobody can change the file there: it is
	 * read as it stands, unless a -wal file holds changes not in it yet
	 * (a crash before the mount went read-only), which that would skip. */
	frozen = read_only && on_read_only_fs(path);
	if (frozen && !wal_holds_changes(path))
		uri = immutable_uri(path);
	if (uri)
		rc = sqlite3_open_v2(uri, &s->db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	else
		rc = sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX | (nofollow ? SQLITE_OPEN_NOFOLLOW : 0),
				     NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		st = store_sqlite_error(s, rc, "opening the database", err);
		store_close(&s);
		return st;
	}
	s->go_on = go_on;
	s->go_on_ctx = ctx;
	if ((st = connection_start(s, err)) ||
	    (!read_only && (st = use_wal(s, err))) ||
	    (st = store_migrate(s, err)) ||
	    (st = store_pragma_int(s, "PRAGMA data_version", &s->data_version, err))) {
		if (frozen && wal_holds_changes(path))
			st = error_set(err, STATUS_CANT_CREATE,
				       "%s-wal holds changes not yet in %s, which SQLite cannot read on a read-only "
				       "filesystem: copy both files to a writable place and open the copy with --read-only",
				       path, path);
		store_close(&s);
		return st;
	}
	s->go_on = NULL;
	/* SQLite creates files 0644; the group shares the database (and the
	 * -wal and -shm files, which take the database's mode). */
	if (created)
		chmod(path, 0660);
	*out = s;
	return STATUS_OK;
}

enum status store_open(const char *path, bool read_only, struct store **out, struct error *err)
{
	return open_with(path, read_only, false, NULL, NULL, out, err);
}

enum status store_open_gated(const char *path, bool read_only, bool (*go_on)(void *ctx), void *ctx,
			     struct store **out, struct error *err)
{
	return open_with(path, read_only, false, go_on, ctx, out, err);
}

enum status store_open_nofollow(const char *path, struct store **out, struct error *err)
{
	return open_with(path, false, true, NULL, NULL, out, err);
}

enum status store_relax_durability(struct store *s, struct error *err)
{
	return store_exec(s, "PRAGMA synchronous = OFF", err);
}

void store_close(struct store **ps)
{
	struct store *s = *ps;

	if (!s)
		return;
	forget_kept(s);
	sqlite3_close_v2(s->db);
	free(s->touched);
	free(s->path);
	FREE(ps);
}

bool store_changed(struct store *s)
{
	int version = s->data_version;

	if (store_pragma_int(s, "PRAGMA data_version", &version, NULL))
		return false;
	if (version == s->data_version)
		return false;
	s->data_version = version;
	return true;
}

int store_schema_version(struct store *s)
{
	int version = 0;
	store_pragma_int(s, "PRAGMA user_version", &version, NULL);
	return version;
}

/* Statement helpers: prepare with text bound from a NULL-terminated list
 * of strings ("?" placeholders in order). */
enum status store_prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct error *err)
{
	const size_t room = sizeof(s->kept) / sizeof(s->kept[0]);
	uint32_t hash = str_hash(FNV_START, sql);
	struct kept_statement *k = NULL;
	int rc;

	for (size_t i = 0; i < s->nkept; i++) {
		k = &s->kept[i];
		if (k->hash == hash && !k->busy && strcmp(k->sql, sql) == 0) {
			k->busy = true;
			*st = k->st;
			return STATUS_OK;
		}
	}
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL)) != SQLITE_OK)
		return store_sqlite_error(s, rc, "preparing a query", err);
	k = NULL;
	if (s->nkept < room) {
		k = &s->kept[s->nkept++];
	} else {
		/* Full: the oldest not in use goes. */
		for (size_t tries = 0; tries < room && !k; tries++, s->evict++)
			if (!s->kept[s->evict % room].busy)
				k = &s->kept[s->evict % room];
		if (!k)
			return STATUS_OK;	/* all in use: this one is finalized after */
		sqlite3_finalize(k->st);
		free(k->sql);
	}
	*k = (struct kept_statement){.sql = xstrdup(sql), .hash = hash, .busy = true, .st = *st};
	return STATUS_OK;
}

void store_finalize(struct store *s, sqlite3_stmt *st)
{
	for (size_t i = 0; i < s->nkept; i++) {
		if (s->kept[i].st == st && s->kept[i].busy) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			s->kept[i].busy = false;
			return;
		}
	}
	sqlite3_finalize(st);
}

enum status store_step(struct store *s, sqlite3_stmt *st, bool *row, const char *doing, struct error *err)
{
	int rc = sqlite3_step(st);

	*row = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, rc, doing, err);
}

/* The first column of the first row of sql, with id bound to its '?'
 * (fallback when there is no row). */
static enum status query_int64(struct store *s, const char *sql, int64_t id, int64_t fallback, int64_t *out,
			       const char *doing, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, sql, &st, err);
	bool row = false;

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = store_step(s, st, &row, doing, err);
	*out = row ? sqlite3_column_int64(st, 0) : fallback;
	store_finalize(s, st);
	return rc;
}

/* The number the next row of table gets within the incident: 1, 2 ... */
enum status store_next_number(struct store *s, const char *table, int64_t incident_id, int64_t *number,
			       struct error *err)
{
	char *sql = xasprintf("SELECT coalesce(max(number), 0) + 1 FROM \"%s\" WHERE incident_id = ?", table);
	enum status rc = query_int64(s, sql, incident_id, 1, number, "numbering the new entry", err);

	free(sql);
	return rc;
}

/* Not copied (SQLITE_STATIC): every statement here is stepped and
 * finalized while what it was given lives. A copy could fail for want of
 * memory, and bind NULL in its place without a word. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

char *store_column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrndup((const char *)t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* Reads every row of a query about one incident (its id bound to the only
 * '?'; id < 0: nothing to bind), handing each to read. */
typedef void (*row_reader)(sqlite3_stmt *st, void *list);

static enum status each_row(struct store *s, const char *sql, int64_t incident_id, row_reader read, void *list,
			    const char *doing, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, sql, &st, err);
	int step;

	if (rc)
		return rc;
	if (incident_id >= 0)
		sqlite3_bind_int64(st, 1, incident_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		read(st, list);
	store_finalize(s, st);
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, doing, err);
}

/* Runs a prepared write to completion and finalizes it. */
enum status store_finish(struct store *s, sqlite3_stmt *st, const char *doing, struct error *err)
{
	int rc = sqlite3_step(st);
	store_finalize(s, st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, rc, doing, err);
}

enum status store_timeline_add(struct store *s, int64_t incident_id, const char *at, const struct actor *who,
				const char *kind, const char *summary, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s,
		"INSERT INTO timeline (incident_id, at, who, uid, ssh, kind, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
		&st, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, incident_id);
	store_bind_text(st, 2, at);
	store_bind_text(st, 3, who->login);
	sqlite3_bind_int64(st, 4, who->uid);
	store_bind_text(st, 5, who->ssh);
	store_bind_text(st, 6, kind);
	store_bind_text(st, 7, summary);
	return store_finish(s, st, "recording the timeline", err);
}

/* Marks the incident as changed, and optionally retitles it or moves its
 * status. The move applies only if the status is still the one the
 * caller decided from: another operator may have moved it on meanwhile,
 * and work must never move an incident back. A closed incident takes no
 * work until it is reopened, except records that outlive it (closed_too):
 * evidence and its custody, and deadlines met late. */
static enum status touch(struct store *s, const struct incident *incident, const char *at, const struct actor *who,
			 const char *title, const char *status, bool closed_too, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s,
		"UPDATE incident SET updated_at = ?, updated_by = ?, version = version + 1,"
		" title = coalesce(?, title),"
		" status = CASE WHEN ? IS NOT NULL AND status = ? THEN ? ELSE status END"
		" WHERE id = ? AND (? OR status <> 'closed')",
		&st, err);

	if (rc)
		return rc;
	store_bind_text(st, 1, at);
	store_bind_text(st, 2, who->login);
	store_bind_text(st, 3, title);
	store_bind_text(st, 4, status);
	store_bind_text(st, 5, incident->status);
	store_bind_text(st, 6, status);
	sqlite3_bind_int64(st, 7, incident->id);
	sqlite3_bind_int(st, 8, closed_too);
	if ((rc = store_finish(s, st, "updating the incident", err)))
		return rc;
	if (sqlite3_changes(s->db) == 0)
		return error_set(err, STATUS_CONFLICT, "%s is closed: reopen it first (sirt reopen %s --reason TEXT)",
				 incident->ref, incident->ref);
	return STATUS_OK;
}

enum status store_incident_touch(struct store *s, const struct incident *incident, const char *at,
				  const struct actor *who, const char *title, const char *status,
				  struct error *err)
{
	return touch(s, incident, at, who, title, status, false, err);
}

enum status store_incident_mark(struct store *s, const struct incident *incident, const char *at,
				const struct actor *who, bool closed_too, struct error *err)
{
	return touch(s, incident, at, who, NULL, NULL, closed_too, err);
}

enum status store_status_set(struct store *s, const struct incident *incident, const char *status,
			     const char *summary, const struct actor *who, time_t now, struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = store_prepare(s,
		"UPDATE incident SET status = ?, updated_at = ?, updated_by = ?, version = version + 1"
		" WHERE id = ? AND status = ? AND version = ?", &st, err)))
		goto fail;
	store_bind_text(st, 1, status);
	store_bind_text(st, 2, at);
	store_bind_text(st, 3, who->login);
	sqlite3_bind_int64(st, 4, incident->id);
	store_bind_text(st, 5, incident->status);
	sqlite3_bind_int64(st, 6, incident->version);
	if ((rc = store_finish(s, st, "changing the status", err)))
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		rc = error_set(err, STATUS_CONFLICT, "%s changed while you looked at it (someone else worked on it); "
			       "look at what is open again", incident->ref);
		goto fail;
	}
	if ((rc = store_timeline_add(s, incident->id, at, who, "status", summary, err)))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

static enum status field_upsert(struct store *s, int64_t id, const struct field_value *v, const char *at,
				const struct actor *who, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s,
		"INSERT INTO field (incident_id, form, key, value, note, updated_at, updated_by)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (incident_id, form, key) DO UPDATE SET value = excluded.value,"
		" note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by,"
		" version = version + 1",
		&st, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, v->form);
	store_bind_text(st, 3, v->key);
	store_bind_text(st, 4, v->value ? v->value : "");
	store_bind_text(st, 5, v->note ? v->note : "");
	store_bind_text(st, 6, at);
	store_bind_text(st, 7, who->login);
	return store_finish(s, st, "saving a form value", err);
}

enum status store_incident_create(struct store *s, const char *prefix, const char *title,
				  const struct field_list *intake, const struct actor *who, time_t now,
				  struct incident *out, struct error *err)
{
	char at[TIME_TEXT_MAX], ref[64];
	struct tm tm;
	sqlite3_stmt *st;
	int64_t seq, id;
	enum status rc;

	if (out)
		memset(out, 0, sizeof(*out));
	time_format_utc(now, at, sizeof(at));
	localtime_r(&now, &tm);
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = query_int64(s, "SELECT coalesce(max(seq), 0) + 1 FROM incident WHERE year = ?", tm.tm_year + 1900,
			      1, &seq, "numbering the incident", err)))
		goto fail;
	snprintf(ref, sizeof(ref), "%s-%04d-%04lld", prefix, tm.tm_year + 1900, (long long)seq);

	if ((rc = store_prepare(s,
		"INSERT INTO incident (ref, year, seq, title, status, created_at, created_by, created_uid,"
		" updated_at, updated_by) VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, ?)", &st, err)))
		goto fail;
	store_bind_text(st, 1, ref);
	sqlite3_bind_int(st, 2, tm.tm_year + 1900);
	sqlite3_bind_int64(st, 3, seq);
	store_bind_text(st, 4, title);
	store_bind_text(st, 5, at);
	store_bind_text(st, 6, who->login);
	sqlite3_bind_int64(st, 7, who->uid);
	store_bind_text(st, 8, at);
	store_bind_text(st, 9, who->login);
	if ((rc = store_finish(s, st, "creating the incident", err)))
		goto fail;
	id = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; intake && i < intake->len; i++)
		if ((rc = field_upsert(s, id, &intake->items[i], at, who, err)))
			goto fail;
	{
		char *summary = xasprintf("Incident %s logged: %s", ref, title);
		rc = store_timeline_add(s, id, at, who, "created", summary, err);
		free(summary);
		if (rc)
			goto fail;
	}
	if ((rc = store_commit(s, err)))
		return rc;
	/* What was written, not read back: a read failing now must not
	 * report a logged call as not logged. */
	if (out) {
		out->id = id;
		out->ref = xstrdup(ref);
		out->title = xstrdup(title);
		out->status = xstrdup("new");
		out->created_at = xstrdup(at);
		out->created_by = xstrdup(who->login);
		out->updated_at = xstrdup(at);
		out->updated_by = xstrdup(who->login);
		out->version = 1;
	}
	return STATUS_OK;
fail:
	store_rollback(s);
	return rc;
}

void store_read_incident(sqlite3_stmt *st, int first, struct incident *in)
{
	in->id = sqlite3_column_int64(st, first);
	in->ref = store_column_text(st, first + 1);
	in->title = store_column_text(st, first + 2);
	in->status = store_column_text(st, first + 3);
	in->category = store_column_text(st, first + 4);
	in->procedure = store_column_text(st, first + 5);
	in->created_at = store_column_text(st, first + 6);
	in->created_by = store_column_text(st, first + 7);
	in->updated_at = store_column_text(st, first + 8);
	in->updated_by = store_column_text(st, first + 9);
	in->version = sqlite3_column_int64(st, first + 10);
}

static void read_incident_row(sqlite3_stmt *st, void *list)
{
	struct incident_list *out = list;

	GROW(out->items, out->cap, out->len + 1);
	store_read_incident(st, 0, &out->items[out->len++]);
}

enum status store_incident_list(struct store *s, bool include_closed, struct incident_list *out,
				struct error *err)
{
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = each_row(s, include_closed ?
		"SELECT " INCIDENT_COLUMNS " FROM incident ORDER BY id DESC" :
		"SELECT " INCIDENT_COLUMNS " FROM incident WHERE status <> 'closed' ORDER BY id DESC",
		-1, read_incident_row, out, "listing incidents", err);
	if (rc)
		incident_list_free(out);
	return rc;
}

enum status store_incident_get(struct store *s, const char *ref, struct incident *out, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT " INCIDENT_COLUMNS " FROM incident WHERE ref = ? COLLATE NOCASE", &st, err);
	int step;

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	store_bind_text(st, 1, ref);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		store_read_incident(st, 0, out);
	store_finalize(s, st);
	if (step == SQLITE_ROW)
		return STATUS_OK;
	if (step == SQLITE_DONE)
		return error_set(err, STATUS_NOT_FOUND,
				 "no incident %s in %s (see the references with: sirt list --all)", ref, s->path);
	return store_sqlite_error(s, step, "reading an incident", err);
}

static void read_field(sqlite3_stmt *st, void *list)
{
	struct field_list *out = list;
	struct field_value *v;

	GROW(out->items, out->cap, out->len + 1);
	v = &out->items[out->len++];
	v->form = store_column_text(st, 0);
	v->key = store_column_text(st, 1);
	v->value = store_column_text(st, 2);
	v->note = store_column_text(st, 3);
	v->updated_at = store_column_text(st, 4);
	v->updated_by = store_column_text(st, 5);
	v->version = sqlite3_column_int64(st, 6);
	v->base = -1;
}

enum status store_fields_get(struct store *s, int64_t incident_id, struct field_list *out, struct error *err)
{
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = each_row(s, "SELECT form, key, value, note, updated_at, updated_by, version FROM field"
			 " WHERE incident_id = ? ORDER BY form, key",
		      incident_id, read_field, out, "reading form values", err);
	if (rc)
		field_list_free(out);
	return rc;
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

enum status store_fields_save(struct store *s, const struct incident *incident, const char *form,
			      const struct field_list *values, const char *title, const char *status,
			      const struct actor *who, time_t now, struct field_list *conflicts, struct error *err)
{
	size_t clashes = 0;
	struct field_list current;
	char at[TIME_TEXT_MAX];
	enum status rc;
	size_t changed = 0;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = store_fields_get(s, incident->id, &current, err)))
		goto fail;
	for (size_t i = 0; i < values->len; i++) {
		const struct field_value *v = &values->items[i];
		const struct field_value *old = field_list_find(&current, form, v->key);

		if (old && same_text(old->value, v->value) && same_text(old->note, v->note))
			continue;
		if (!old && !*(v->value ? v->value : "") && !*(v->note ? v->note : ""))
			continue;
		/* Read in the same transaction as the write: nobody can slip in
		 * between the check and the save. */
		if (v->base >= 0 && (old ? old->version : 0) != v->base) {
			clashes++;
			if (conflicts && old) {
				field_list_set(conflicts, form, old->key, old->value, old->note);
				conflicts->items[conflicts->len - 1].version = old->version;
				conflicts->items[conflicts->len - 1].updated_at = xstrdup(old->updated_at);
				conflicts->items[conflicts->len - 1].updated_by = xstrdup(old->updated_by);
			}
			continue;
		}
		if (clashes)
			continue;
		{
			struct field_value copy = *v;
			copy.form = (char *)form;
			if ((rc = field_upsert(s, incident->id, &copy, at, who, err)))
				break;
		}
		changed++;
	}
	field_list_free(&current);
	if (!rc && clashes)
		rc = error_set(err, STATUS_CONFLICT, "%zu field%s changed by someone else since you opened the form",
			       clashes, clashes == 1 ? " was" : "s were");
	if (rc)
		goto fail;
	if (changed || title || status) {
		char *summary = xasprintf("%s form saved: %zu value%s changed", form, changed, changed == 1 ? "" : "s");
		rc = store_timeline_add(s, incident->id, at, who, form, summary, err);
		free(summary);
		if (!rc)
			rc = store_incident_touch(s, incident, at, who, title, status, err);
		if (rc)
			goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

/* Moves the incident's category or procedure (column) from what the
 * caller read (incident's) to key; STATUS_CONFLICT, naming who chose what
 * stands and when, if another operator chose since. */
static enum status choice_move(struct store *s, const struct incident *incident, const char *column, const char *key,
			       const char *doing, struct error *err)
{
	bool category = strcmp(column, "category") == 0;
	const char *read = category ? incident->category : incident->procedure;
	sqlite3_stmt *st;
	enum status rc;
	bool row;

	/* The same choice as theirs is no conflict: nothing of theirs is lost. */
	if ((rc = store_prepare(s, category ?
		"UPDATE incident SET category = ?1 WHERE id = ?2 AND (category IS ?3 OR category IS ?1)" :
		"UPDATE incident SET procedure = ?1 WHERE id = ?2 AND (procedure IS ?3 OR procedure IS ?1)", &st, err)))
		return rc;
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, incident->id);
	store_bind_text(st, 3, read);
	if ((rc = store_finish(s, st, doing, err)) || sqlite3_changes(s->db) > 0)
		return rc;
	if ((rc = store_prepare(s, category ?
		"SELECT category, chosen_by, chosen_at FROM category_choice WHERE incident_id = ? ORDER BY id DESC LIMIT 1" :
		"SELECT procedure, chosen_by, chosen_at FROM procedure_choice WHERE incident_id = ? ORDER BY id DESC LIMIT 1",
		&st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, incident->id);
	if (!(rc = store_step(s, st, &row, doing, err))) {
		char *now = row ? store_column_text(st, 0) : NULL, *by = row ? store_column_text(st, 1) : NULL;
		char *when = row ? store_column_text(st, 2) : NULL, *shown = when ? time_utc_to_local(when) : NULL;

		rc = error_set(err, STATUS_CONFLICT, "%s's %s was changed to %s by %s at %s since you read it",
			       incident->ref, column, now ? now : "none", by ? by : "someone", shown ? shown : "?");
		free(now);
		free(by);
		free(when);
		free(shown);
	}
	store_finalize(s, st);
	return rc;
}

enum status store_category_set(struct store *s, const struct incident *incident, const char *key,
			       const char *label, const char *note, const struct actor *who, time_t now,
			       struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = choice_move(s, incident, "category", key, "recording the category", err)))
		goto fail;
	if ((rc = store_prepare(s,
		"INSERT INTO category_choice (incident_id, category, label, note, chosen_at, chosen_by, chosen_uid)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)", &st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, incident->id);
	store_bind_text(st, 2, key);
	store_bind_text(st, 3, label);
	store_bind_text(st, 4, note ? note : "");
	store_bind_text(st, 5, at);
	store_bind_text(st, 6, who->login);
	sqlite3_bind_int64(st, 7, who->uid);
	if ((rc = store_finish(s, st, "recording the category", err)))
		goto fail;
	{
		char *summary = incident->category ?
			xasprintf("Re-categorised from %s to %s: %s", incident->category, key, label) :
			xasprintf("Categorised %s: %s", key, label);
		rc = store_timeline_add(s, incident->id, at, who, "category", summary, err);
		free(summary);
	}
	if (rc || (rc = store_incident_touch(s, incident, at, who, NULL, NULL, err)))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

enum status store_procedure_set(struct store *s, const struct incident *incident, const char *key,
				const char *title, const char *status, const struct actor *who, time_t now,
				struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = choice_move(s, incident, "procedure", key, "recording the procedure", err)))
		goto fail;
	if ((rc = store_prepare(s,
		"INSERT INTO procedure_choice (incident_id, procedure, title, chosen_at, chosen_by, chosen_uid)"
		" VALUES (?, ?, ?, ?, ?, ?)", &st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, incident->id);
	store_bind_text(st, 2, key);
	store_bind_text(st, 3, title);
	store_bind_text(st, 4, at);
	store_bind_text(st, 5, who->login);
	sqlite3_bind_int64(st, 6, who->uid);
	if ((rc = store_finish(s, st, "recording the procedure", err)))
		goto fail;
	{
		char *summary = xasprintf("Procedure chosen: %s", title);
		rc = store_timeline_add(s, incident->id, at, who, "procedure", summary, err);
		free(summary);
	}
	if (rc || (rc = store_incident_touch(s, incident, at, who, NULL, status, err)))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

/* Choices arrive as two lists; each reader grows its own. */
struct choice_reader {
	struct choice_list *out;
	size_t cap;
};

static void read_category_choice(sqlite3_stmt *st, void *reader)
{
	struct choice_reader *r = reader;
	struct category_choice *c;

	GROW(r->out->categories, r->cap, r->out->ncategories + 1);
	c = &r->out->categories[r->out->ncategories++];
	c->category = store_column_text(st, 0);
	c->label = store_column_text(st, 1);
	c->note = store_column_text(st, 2);
	c->chosen_at = store_column_text(st, 3);
	c->chosen_by = store_column_text(st, 4);
}

static void read_procedure_choice(sqlite3_stmt *st, void *reader)
{
	struct choice_reader *r = reader;
	struct procedure_choice *p;

	GROW(r->out->procedures, r->cap, r->out->nprocedures + 1);
	p = &r->out->procedures[r->out->nprocedures++];
	p->procedure = store_column_text(st, 0);
	p->title = store_column_text(st, 1);
	p->chosen_at = store_column_text(st, 2);
	p->chosen_by = store_column_text(st, 3);
}

enum status store_choices_get(struct store *s, int64_t incident_id, struct choice_list *out, struct error *err)
{
	struct choice_reader categories = {out, 0}, procedures = {out, 0};
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = each_row(s, "SELECT category, label, note, chosen_at, chosen_by FROM category_choice"
			 " WHERE incident_id = ? ORDER BY id",
		      incident_id, read_category_choice, &categories, "reading the categories chosen", err);
	if (!rc)
		rc = each_row(s, "SELECT procedure, title, chosen_at, chosen_by FROM procedure_choice"
				 " WHERE incident_id = ? ORDER BY id",
			      incident_id, read_procedure_choice, &procedures, "reading the procedures chosen", err);
	if (rc)
		choice_list_free(out);
	return rc;
}

static void read_step(sqlite3_stmt *st, void *list)
{
	struct step_list *out = list;
	struct step_record *r;

	GROW(out->items, out->cap, out->len + 1);
	r = &out->items[out->len++];
	r->procedure = store_column_text(st, 0);
	r->step_key = store_column_text(st, 1);
	r->title = store_column_text(st, 2);
	r->state = store_column_text(st, 3);
	r->note = store_column_text(st, 4);
	r->marked_at = store_column_text(st, 5);
	r->marked_by = store_column_text(st, 6);
	r->position = sqlite3_column_int64(st, 7);
	r->version = sqlite3_column_int64(st, 8);
}

enum status store_steps_get(struct store *s, int64_t incident_id, struct step_list *out, struct error *err)
{
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = each_row(s, "SELECT procedure, step_key, title, state, note, marked_at, marked_by, position, version"
			 " FROM step WHERE incident_id = ? ORDER BY position, id",
		      incident_id, read_step, out, "reading steps", err);
	if (rc)
		step_list_free(out);
	return rc;
}

/* Conflict when the step is no longer at version base (0: not marked
 * yet), naming who marked it since and when. Read inside the write's
 * transaction, so that no other mark can come between. */
static enum status step_unchanged(struct store *s, const struct incident *incident, const struct step_record *r,
				  int64_t base, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc;
	bool row;

	if (base < 0)
		return STATUS_OK;
	if ((rc = store_prepare(s, "SELECT version, state, note, marked_by, marked_at FROM step"
				   " WHERE incident_id = ? AND step_key = ?", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, incident->id);
	store_bind_text(st, 2, r->step_key);
	rc = store_step(s, st, &row, "reading the step", err);
	if (!rc && !row && base != 0) {
		rc = error_set(err, STATUS_CONFLICT, "step \"%s\" of %s is not marked yet (version 0), not at version %lld",
			       r->title, incident->ref, (long long)base);
	} else if (!rc && row && sqlite3_column_int64(st, 0) != base) {
		char *state = store_column_text(st, 1), *note = store_column_text(st, 2);
		char *by = store_column_text(st, 3), *when = store_column_text(st, 4);
		char *shown = when ? time_utc_to_local(when) : xstrdup("?");

		rc = error_set(err, STATUS_CONFLICT, "step \"%s\" of %s was marked %s%s%s%s by %s at %s since you read it "
			       "(now at version %lld)", r->title, incident->ref,
			       strcmp(state, STEP_NA) == 0 ? "n/a" : state, *note ? " (" : "", note, *note ? ")" : "",
			       by ? by : "someone", shown, (long long)sqlite3_column_int64(st, 0));
		free(state);
		free(note);
		free(by);
		free(when);
		free(shown);
	}
	store_finalize(s, st);
	return rc;
}

enum status store_step_mark(struct store *s, const struct incident *incident, const struct step_record *r,
			    int64_t base, const char *summary, const char *status, const struct actor *who, time_t now,
			    struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = step_unchanged(s, incident, r, base, err)))
		goto fail;
	if ((rc = store_prepare(s,
		"INSERT INTO step (incident_id, procedure, step_key, title, state, note, position, marked_at,"
		" marked_by, marked_uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (incident_id, step_key) DO UPDATE SET procedure = excluded.procedure,"
		" title = excluded.title, state = excluded.state, note = excluded.note,"
		" marked_at = excluded.marked_at, marked_by = excluded.marked_by,"
		" marked_uid = excluded.marked_uid, version = version + 1", &st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, incident->id);
	store_bind_text(st, 2, r->procedure);
	store_bind_text(st, 3, r->step_key);
	store_bind_text(st, 4, r->title);
	store_bind_text(st, 5, r->state);
	store_bind_text(st, 6, r->note ? r->note : "");
	sqlite3_bind_int64(st, 7, r->position);
	store_bind_text(st, 8, at);
	store_bind_text(st, 9, who->login);
	sqlite3_bind_int64(st, 10, who->uid);
	if ((rc = store_finish(s, st, "recording the step", err)))
		goto fail;
	rc = store_timeline_add(s, incident->id, at, who, "step", summary, err);
	if (rc || (rc = store_incident_touch(s, incident, at, who, NULL, status, err)))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

enum status store_change_decide(struct store *s, const struct incident *incident, int64_t number,
				const char *state, const char *reason, const char *summary, const struct actor *who,
				time_t now, struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;
	char *current = NULL, *decided_by = NULL, *decided_at = NULL;
	bool row;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	/* Read and decide in one write transaction: two managers deciding
	 * at once cannot both win. */
	if ((rc = store_prepare(s, "SELECT state, decided_by, decided_at FROM change WHERE incident_id = ? AND number = ?",
				&st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, incident->id);
	sqlite3_bind_int64(st, 2, number);
	rc = store_step(s, st, &row, "reading the change", err);
	if (row) {
		current = store_column_text(st, 0);
		decided_by = store_column_text(st, 1);
		decided_at = store_column_text(st, 2);
	}
	store_finalize(s, st);
	if (rc)
		goto fail;
	if (!current) {
		rc = error_set(err, STATUS_NOT_FOUND, "%s has no change %lld (see sirt show %s)", incident->ref,
			       (long long)number, incident->ref);
		goto fail;
	}
	if (strcmp(current, CHANGE_PROPOSED) != 0) {
		char *shown = decided_at ? time_utc_to_local(decided_at) : xstrdup("?");

		rc = error_set(err, STATUS_CONFLICT, "change %lld of %s was already %s by %s at %s", (long long)number,
			       incident->ref, current, decided_by ? decided_by : "someone", shown);
		free(shown);
		goto fail;
	}
	if ((rc = store_prepare(s,
		"UPDATE change SET state = ?, reason = ?, decided_at = ?, decided_by = ?, decided_uid = ?,"
		" version = version + 1 WHERE incident_id = ? AND number = ?", &st, err)))
		goto fail;
	store_bind_text(st, 1, state);
	store_bind_text(st, 2, reason);
	store_bind_text(st, 3, at);
	store_bind_text(st, 4, who->login);
	sqlite3_bind_int64(st, 5, who->uid);
	sqlite3_bind_int64(st, 6, incident->id);
	sqlite3_bind_int64(st, 7, number);
	if ((rc = store_finish(s, st, "recording the decision", err)) ||
	    (rc = store_timeline_add(s, incident->id, at, who, "approval", summary, err)) ||
	    (rc = store_incident_touch(s, incident, at, who, NULL, NULL, err)))
		goto fail;
	free(current);
	free(decided_by);
	free(decided_at);
	return store_commit(s, err);
fail:
	free(current);
	free(decided_by);
	free(decided_at);
	store_rollback(s);
	return rc;
}

static void read_timeline_entry(sqlite3_stmt *st, void *list)
{
	struct timeline *out = list;
	struct timeline_entry *e;

	GROW(out->items, out->cap, out->len + 1);
	e = &out->items[out->len++];
	e->id = sqlite3_column_int64(st, 0);
	e->at = store_column_text(st, 1);
	e->who = store_column_text(st, 2);
	e->kind = store_column_text(st, 3);
	e->summary = store_column_text(st, 4);
}

enum status store_timeline_get(struct store *s, int64_t incident_id, struct timeline *out, struct error *err)
{
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = each_row(s, "SELECT id, at, who, kind, summary FROM timeline WHERE incident_id = ? ORDER BY id",
		      incident_id, read_timeline_entry, out, "reading the timeline", err);
	if (rc)
		timeline_free(out);
	return rc;
}

void incident_clear(struct incident *in)
{
	free(in->ref);
	free(in->title);
	free(in->status);
	free(in->category);
	free(in->procedure);
	free(in->created_at);
	free(in->created_by);
	free(in->updated_at);
	free(in->updated_by);
	memset(in, 0, sizeof(*in));
}

void incident_list_free(struct incident_list *list)
{
	for (size_t i = 0; i < list->len; i++)
		incident_clear(&list->items[i]);
	FREE(&list->items);
	list->len = list->cap = 0;
}

static void field_value_clear(struct field_value *v)
{
	free(v->form);
	free(v->key);
	free(v->value);
	free(v->note);
	free(v->updated_at);
	free(v->updated_by);
}

void field_list_free(struct field_list *list)
{
	for (size_t i = 0; i < list->len; i++)
		field_value_clear(&list->items[i]);
	FREE(&list->items);
	list->len = list->cap = 0;
}

void field_list_set(struct field_list *list, const char *form, const char *key, const char *value,
		    const char *note)
{
	struct field_value *v = (struct field_value *)field_list_find(list, form, key);

	if (v) {
		free(v->value);
		free(v->note);
	} else {
		GROW(list->items, list->cap, list->len + 1);
		v = &list->items[list->len++];
		memset(v, 0, sizeof(*v));
		v->form = xstrdup(form);
		v->key = xstrdup(key);
		v->base = -1;
	}
	v->value = xstrdup(value ? value : "");
	v->note = xstrdup(note ? note : "");
}

const struct field_value *field_list_find(const struct field_list *list, const char *form, const char *key)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i].form, form) == 0 && strcmp(list->items[i].key, key) == 0)
			return &list->items[i];
	return NULL;
}

bool field_list_has_form(const struct field_list *list, const char *form)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i].form, form) == 0)
			return true;
	return false;
}

void choice_list_free(struct choice_list *list)
{
	for (size_t i = 0; i < list->ncategories; i++) {
		free(list->categories[i].category);
		free(list->categories[i].label);
		free(list->categories[i].note);
		free(list->categories[i].chosen_at);
		free(list->categories[i].chosen_by);
	}
	for (size_t i = 0; i < list->nprocedures; i++) {
		free(list->procedures[i].procedure);
		free(list->procedures[i].title);
		free(list->procedures[i].chosen_at);
		free(list->procedures[i].chosen_by);
	}
	FREE(&list->categories);
	FREE(&list->procedures);
	list->ncategories = list->nprocedures = 0;
}

void step_list_free(struct step_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		struct step_record *r = &list->items[i];
		free(r->procedure);
		free(r->step_key);
		free(r->title);
		free(r->state);
		free(r->note);
		free(r->marked_at);
		free(r->marked_by);
	}
	FREE(&list->items);
	list->len = list->cap = 0;
}

const struct step_record *step_list_find(const struct step_list *list, const char *key)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i].step_key, key) == 0)
			return &list->items[i];
	return NULL;
}

void timeline_free(struct timeline *t)
{
	for (size_t i = 0; i < t->len; i++) {
		free(t->items[i].at);
		free(t->items[i].who);
		free(t->items[i].kind);
		free(t->items[i].summary);
	}
	FREE(&t->items);
	t->len = t->cap = 0;
}

enum status store_cost_withdraw(struct store *s, const struct incident *incident, int64_t number,
				const char *reason, const char *summary, const struct actor *who, time_t now,
				struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;
	int64_t id = 0;
	char *withdrawn_by = NULL;
	bool row;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = store_prepare(s,
		"SELECT c.id, w.withdrawn_by FROM cost c LEFT JOIN cost_withdrawal w ON w.cost_id = c.id"
		" WHERE c.incident_id = ? AND c.number = ?", &st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, incident->id);
	sqlite3_bind_int64(st, 2, number);
	rc = store_step(s, st, &row, "reading the cost line", err);
	if (row) {
		id = sqlite3_column_int64(st, 0);
		withdrawn_by = store_column_text(st, 1);
	}
	store_finalize(s, st);
	if (rc)
		goto fail;
	if (!id) {
		rc = error_set(err, STATUS_NOT_FOUND, "%s has no cost line %lld (see sirt show %s)", incident->ref,
			       (long long)number, incident->ref);
		goto fail;
	}
	if (withdrawn_by) {
		rc = error_set(err, STATUS_CONFLICT, "cost line %lld of %s was withdrawn already, by %s",
			       (long long)number, incident->ref, withdrawn_by);
		goto fail;
	}
	if ((rc = store_prepare(s,
		"INSERT INTO cost_withdrawal (cost_id, reason, withdrawn_at, withdrawn_by, withdrawn_uid)"
		" VALUES (?, ?, ?, ?, ?)", &st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, reason);
	store_bind_text(st, 3, at);
	store_bind_text(st, 4, who->login);
	sqlite3_bind_int64(st, 5, who->uid);
	if ((rc = store_finish(s, st, "withdrawing the cost line", err)) ||
	    (rc = store_timeline_add(s, incident->id, at, who, "cost", summary, err)) ||
	    (rc = store_incident_touch(s, incident, at, who, NULL, NULL, err)))
		goto fail;
	return store_commit(s, err);
fail:
	free(withdrawn_by);
	store_rollback(s);
	return rc;
}
