/* The connection to the store (opening, WAL, waiting for other writers,
 * reconnecting), its transactions, and the SQL helpers every query uses.
 * Every write is one BEGIN IMMEDIATE transaction: a deferred one could
 * fail with SQLITE_BUSY when it upgrades to a write lock, whatever the
 * busy timeout; an immediate one waits its turn. */
#include "store_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

#include "sirt/incident_data.h"
#include "sirt/mem.h"
#include "sirt/privilege.h"
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
	/* Found damaged once: this session writes nothing more into it. */
	if ((rc & 0xFF) == SQLITE_CORRUPT && s)
		s->damaged = true;
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
	if (s->damaged)
		return error_set(err, STATUS_DATA,
				 "cannot change anything: %s was found damaged, and nothing more is written into it (stop "
				 "every sirt on it and restore the last backup made with sirt backup; sirt audit verify "
				 "shows what is wrong)", s->path);
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

void store_when(struct store *s, time_t at)
{
	s->happened[0] = '\0';
	if (at)
		time_format_utc(at, s->happened, sizeof(s->happened));
}

const char *store_happened(const struct store *s)
{
	return s->happened[0] ? s->happened : NULL;
}

static int compare_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

enum status store_commit(struct store *s, struct error *err)
{
	size_t first = s->nsaved;
	enum status st;

	/* The incidents the write changed, kept once it is committed: what
	 * a command says it saved when it cannot print its result. Sorted
	 * here (the flush sorts them too), so each is kept once. */
	if (s->ntouched > 1)
		qsort(s->touched, s->ntouched, sizeof(*s->touched), compare_ids);
	for (size_t i = 0; i < s->ntouched; i++) {
		if (i && s->touched[i] == s->touched[i - 1])
			continue;
		GROW(s->saved, s->saved_cap, s->nsaved + 1);
		s->saved[s->nsaved++] = (struct saved_incident){s->touched[i], s->commits + 1};
	}
	st = derived_flush(s, err);
	if (!st)
		st = store_exec(s, "COMMIT", err);
	if (st) {
		s->nsaved = first;
		store_rollback(s);
	} else {
		s->commits++;
	}
	s->happened[0] = '\0';
	return st;
}

size_t store_saved_count(const struct store *s)
{
	return s ? s->commits : 0;
}

enum status store_saved_refs(struct store *s, size_t since, size_t max, struct strlist *refs, size_t *total,
			     struct error *err)
{
	int64_t *ids = xcalloc(s->nsaved + 1, sizeof(*ids));
	size_t n = 0;
	enum status rc = STATUS_OK;

	*total = 0;
	for (size_t i = 0; i < s->nsaved; i++)
		if (s->saved[i].commit > since)
			ids[n++] = s->saved[i].id;
	/* The first max of them, in the order saved. */
	for (size_t i = 0; i < n && refs->len < max && !rc; i++) {
		sqlite3_stmt *st;
		bool seen = false;
		int step;

		for (size_t k = 0; k < i && !seen; k++)
			seen = ids[k] == ids[i];
		if (seen)
			continue;
		if ((rc = store_prepare(s, "SELECT ref FROM incident WHERE id = ?", &st, err)))
			break;
		sqlite3_bind_int64(st, 1, ids[i]);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW)
			strlist_add(refs, (const char *)sqlite3_column_text(st, 0));
		store_finalize(s, st);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			rc = store_sqlite_error(s, step, "reading what was saved", err);
	}
	/* How many in all, each once. */
	qsort(ids, n, sizeof(*ids), compare_ids);
	for (size_t i = 0; i < n; i++)
		*total += i == 0 || ids[i] != ids[i - 1];
	free(ids);
	return rc;
}

void store_rollback(struct store *s)
{
	s->happened[0] = '\0';
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
	/* trusted_schema off: what the file's own triggers, views and
	 * indexes call must be harmless (SQLITE_INNOCUOUS), whoever put them
	 * there; sirt's functions that write the chain are DIRECTONLY. */
	if ((st = exec_doing(s, "PRAGMA trusted_schema = OFF", "opening the database", err)) ||
	    (st = audit_register(s, err)) || (st = derived_attach(s, err)) ||
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

	/* sirt's group, which opened it, is given up: it goes on as it is. */
	if (s->granted)
		return;
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

/* SQLite's default VFS but for full path names: a name under
 * /proc/self/fd/N/ is kept as given, where SQLite's own would resolve N
 * to the name of the directory held open as N, which another user who
 * may write beside it can give to a directory of theirs meanwhile. The
 * journal SQLite makes beside a file so named is in that directory too. */
static sqlite3_vfs held_vfs;
static sqlite3_vfs *held_real;

static int held_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	(void)vfs;
	return held_real->xOpen(held_real, name, file, flags, out_flags);
}

static int held_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return held_real->xDelete(held_real, name, sync_dir);
}

static int held_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return held_real->xAccess(held_real, name, flags, out);
}

static int held_full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *out)
{
	static const char held[] = "/proc/self/fd/";
	size_t len = strlen(name);

	(void)vfs;
	if (strncmp(name, held, sizeof(held) - 1) != 0)
		return held_real->xFullPathname(held_real, name, size, out);
	if (len >= (size_t)size)
		return SQLITE_CANTOPEN;
	memcpy(out, name, len + 1);
	return SQLITE_OK;
}

const char *store_held_vfs(void)
{
	if (!held_real) {
		sqlite3_vfs *real = sqlite3_initialize() == SQLITE_OK ? sqlite3_vfs_find(NULL) : NULL;

		if (!real)
			return NULL;
		held_vfs = *real;
		held_vfs.pNext = NULL;
		held_vfs.zName = "sirt-held";
		held_vfs.xOpen = held_open;
		held_vfs.xDelete = held_delete;
		held_vfs.xAccess = held_access;
		held_vfs.xFullPathname = held_full_pathname;
		held_real = real;
		if (sqlite3_vfs_register(&held_vfs, 0) != SQLITE_OK) {
			held_real = NULL;
			return NULL;
		}
	}
	return held_vfs.zName;
}

/* The one database sirt's group opens (store_grant): NULL for none. */
static char *granted;

void store_grant(const char *path)
{
	free(granted);
	granted = path ? xstrdup(path) : NULL;
}

bool store_granted(const char *path)
{
	return granted && privilege_held() && strcmp(path, granted) == 0;
}

/* The file opened on s->db (made first, when it is missing and may be).
 * For the granted database, the -wal and -shm files are opened too, by
 * a first read, while the caller holds sirt's group. */
static enum status open_file(struct store *s, const char *path, const char *vfs, int flags, bool nofollow, bool peek,
			     bool grant, bool *frozen, struct error *err)
{
	struct stat info;
	char *uri = NULL;
	enum status st;
	int rc;

	if (stat(path, &info) != 0) {
		if (s->read_only)
			return error_set(err, STATUS_NOT_FOUND,
					 "%s does not exist, and a read-only session cannot create it (check --db)", path);
		/* Made by another sirt meanwhile (STATUS_CONFLICT): opened. */
		if ((st = store_file_create(path, true, err)) && st != STATUS_CONFLICT)
			return st;
	}
	/* On a read-only filesystem SQLite cannot make the -shm file a WAL
	 * database is read with. Nobody can change the file there: it is
	 * read as it stands, unless a -wal file holds changes not in it yet
	 * (a crash before the mount went read-only), which that would skip. */
	*frozen = s->read_only && on_read_only_fs(path);
	if ((*frozen || peek) && !wal_holds_changes(path))
		uri = immutable_uri(path);
	if (uri)
		rc = sqlite3_open_v2(uri, &s->db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, vfs);
	else
		rc = sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX | (nofollow ? SQLITE_OPEN_NOFOLLOW : 0),
				     vfs);
	free(uri);
	if (rc != SQLITE_OK)
		return store_sqlite_error(s, rc, "opening the database", err);
	if (grant) {
		/* Closing needs no group either: the -wal file is kept (its
		 * content checkpointed and cut to nothing), not removed, which
		 * would take a write to the directory. */
		int keep = 1, tables = 0;

		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
		/* A file put back from a backup (sirt backup writes SQLite's
		 * rollback journal) is made WAL while the group can make the
		 * -wal file beside it: later, nothing could. */
		st = STATUS_OK;
		for (int tries = 0; !s->read_only && !in_wal(s) && tries < 250; tries++) {
			if ((st = exec_doing(s, "PRAGMA journal_mode = WAL", "opening the database", err)) != STATUS_BUSY)
				break;
			sqlite3_sleep(20);
		}
		if (st || (st = store_pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables, err)))
			return st;
	}
	return STATUS_OK;
}

/* peek: read-only, and read as it stands (SQLite's immutable), so that
 * no -shm file or lock is made beside it, unless a -wal file holds
 * changes not in it yet. The granted database is opened with sirt's
 * group, which is then given up for good: everything after is done
 * with the operator's own rights, through the descriptors SQLite holds. */
static enum status open_with(const char *path, const char *vfs, bool read_only, bool nofollow, bool peek,
			     bool (*go_on)(void *ctx), void *ctx, struct store **out, struct error *err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	bool frozen = false, grant = store_granted(path);
	enum status st;

	*out = NULL;
	s->path = xstrdup(path);
	s->read_only = read_only;
	s->granted = grant;
	if (grant && privilege_raise() != 0)
		st = error_set(err, STATUS_PERMISSION, "cannot take up sirt's group to open %s: %s", path,
			       strerror(errno));
	else
		st = open_file(s, path, vfs, flags, nofollow, peek, grant, &frozen, err);
	if (grant)
		privilege_drop();
	if (st) {
		store_close(&s);
		return st;
	}
	s->go_on = go_on;
	s->go_on_ctx = ctx;
	if ((st = connection_start(s, err)) ||
	    (!read_only && (st = use_wal(s, err))) ||
	    (st = store_migrate(s, err)) ||
	    /* Only a session that may write is refused a schema not sirt's
	     * own, and says so from the start. */
	    (!read_only && (st = store_schema_recheck(s, err))) ||
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
	*out = s;
	return STATUS_OK;
}

enum status store_open(const char *path, bool read_only, struct store **out, struct error *err)
{
	return open_with(path, NULL, read_only, false, false, NULL, NULL, out, err);
}

enum status store_open_gated(const char *path, bool read_only, bool (*go_on)(void *ctx), void *ctx,
			     struct store **out, struct error *err)
{
	return open_with(path, NULL, read_only, false, false, go_on, ctx, out, err);
}

enum status store_open_nofollow(const char *path, struct store **out, struct error *err)
{
	return open_with(path, NULL, false, true, false, NULL, NULL, out, err);
}

enum status store_open_peek(const char *path, struct store **out, struct error *err)
{
	return open_with(path, NULL, true, false, true, NULL, NULL, out, err);
}

enum status store_open_held(const char *path, struct store **out, struct error *err)
{
	const char *vfs = store_held_vfs();

	if (!vfs)
		return error_set(err, STATUS_IO, "cannot read %s: SQLite's file layer is not there", path);
	return open_with(path, vfs, true, false, false, NULL, NULL, out, err);
}

enum status store_open_memory(struct store **out, struct error *err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	enum status st;
	int rc;

	*out = NULL;
	s->path = xstrdup("the schema sirt makes");
	rc = sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK)
		st = store_sqlite_error(s, rc, "making the schema in memory", err);
	else
		st = connection_start(s, err);
	if (!st)
		st = store_migrate(s, err);
	if (st) {
		store_close(&s);
		return st;
	}
	*out = s;
	return STATUS_OK;
}

void store_set_provenance(struct store *s, const char *config_paths, const char *config_sha256, bool enforced)
{
	free(s->config_paths);
	free(s->config_sha256);
	s->config_paths = xstrdup(config_paths ? config_paths : "");
	s->config_sha256 = xstrdup(config_sha256 ? config_sha256 : "");
	s->enforced = enforced;
}

enum status store_schema_refusal(struct store *s, struct error *err)
{
	char *what;
	enum status st;
	int version = 0;

	/* Not foreign: upgraded by a newer sirt since this one opened it. */
	if (store_pragma_int(s, "PRAGMA user_version", &version, NULL) == STATUS_OK && version > store_latest_schema())
		return error_set(err, STATUS_DATA, "%s was upgraded to schema version %d by a newer sirt while this one "
				 "(%d) had it open: use that sirt", s->path, version, store_latest_schema());
	what = schema_problems_text(&s->schema);
	st = error_set(err, STATUS_DATA,
				   "%s holds a schema that is not sirt's own: %s; sirt reads it but writes nothing to it "
				   "until a lead runs sirt audit repair-schema, which drops what is not sirt's, makes "
				   "what is missing again and records both on the audit trail",
				   s->path, what);

	free(what);
	return st;
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
	free(s->saved);
	free(s->path);
	free(s->config_paths);
	free(s->config_sha256);
	schema_problems_free(&s->schema);
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

enum status store_query_int64(struct store *s, const char *sql, int64_t id, int64_t fallback, int64_t *out,
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
	enum status rc = store_query_int64(s, sql, incident_id, 1, number, "numbering the new entry", err);

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

enum status store_each_row(struct store *s, const char *sql, int64_t incident_id, store_row_reader read, void *list,
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
		"INSERT INTO timeline (incident_id, at, who, uid, ssh, kind, summary, happened_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		&st, err);

	if (rc)
		return rc;
	store_bind_text(st, 8, store_happened(s));
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
