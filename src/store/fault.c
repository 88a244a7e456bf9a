/* The fault VFS and allocator (sirt/fault.h): test builds only. The VFS
 * hands every call to SQLite's default VFS, and fails the planned one
 * instead, as the disk would: SQLITE_FULL for a write to a full disk, an
 * SQLITE_IOERR of the call's kind for an I/O error, or no return at all
 * for a disk that hangs. */
#include "sirt/fault.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	bool armed;
	struct fault_plan plan;
	long calls;		/* calls of the plan's kind since fault_arm */
	long injected;
} fault;

/* True when this call, which counts for kind, is to fail. */
static bool fails(enum fault_kind kind)
{
	if (!fault.armed || fault.plan.kind != kind)
		return false;
	fault.calls++;
	if (fault.calls == fault.plan.nth || (fault.plan.persist && fault.calls > fault.plan.nth)) {
		fault.injected++;
		return true;
	}
	return false;
}

static volatile sig_atomic_t resumed;

static void on_resume(int sig)
{
	(void)sig;
	resumed = 1;
}

/* The disk hangs: until SIGUSR1 (then the call is carried out), or for
 * ever, for the test to kill the process here. */
static void stall(void)
{
	sigset_t all, old;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	resumed = 0;
	signal(SIGUSR1, on_resume);
	while (!resumed)
		sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void fault_hash_chunk(void)
{
	if (fails(FAULT_HASH)) {
		fprintf(stderr, "sirt: SIRT_TEST_FAULT: hashing paused after chunk %ld until SIGUSR1\n", fault.calls);
		stall();
	}
}

/* An I/O call: the error it gets, or SQLITE_OK to carry it out. */
static int io_fault(bool writes, int ioerr)
{
	if (fails(FAULT_IO))
		return ioerr;
	if (writes && fails(FAULT_WRITE))
		return ioerr;
	if (writes && fails(FAULT_STALL))
		stall();
	return SQLITE_OK;
}

struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;	/* the default VFS's file, just after this */
};

static sqlite3_vfs *real_vfs;

#define REAL(file) (((struct fault_file *)(file))->real)

static int f_close(sqlite3_file *file)
{
	return REAL(file)->pMethods->xClose(REAL(file));
}

static int f_read(sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
	int rc = io_fault(false, SQLITE_IOERR_READ);
	return rc ? rc : REAL(file)->pMethods->xRead(REAL(file), buf, amount, offset);
}

static int f_write(sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
	int rc = io_fault(true, SQLITE_IOERR_WRITE);

	if (!rc && fails(FAULT_FULL))
		rc = SQLITE_FULL;
	return rc ? rc : REAL(file)->pMethods->xWrite(REAL(file), buf, amount, offset);
}

static int f_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	int rc = io_fault(true, SQLITE_IOERR_TRUNCATE);
	return rc ? rc : REAL(file)->pMethods->xTruncate(REAL(file), size);
}

static int f_sync(sqlite3_file *file, int flags)
{
	int rc = io_fault(true, SQLITE_IOERR_FSYNC);
	return rc ? rc : REAL(file)->pMethods->xSync(REAL(file), flags);
}

static int f_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
	int rc = io_fault(false, SQLITE_IOERR_FSTAT);
	return rc ? rc : REAL(file)->pMethods->xFileSize(REAL(file), size);
}

static int f_lock(sqlite3_file *file, int level)
{
	int rc = io_fault(false, SQLITE_IOERR_LOCK);
	return rc ? rc : REAL(file)->pMethods->xLock(REAL(file), level);
}

static int f_unlock(sqlite3_file *file, int level)
{
	return REAL(file)->pMethods->xUnlock(REAL(file), level);
}

static int f_check_reserved_lock(sqlite3_file *file, int *out)
{
	return REAL(file)->pMethods->xCheckReservedLock(REAL(file), out);
}

static int f_file_control(sqlite3_file *file, int op, void *arg)
{
	return REAL(file)->pMethods->xFileControl(REAL(file), op, arg);
}

static int f_sector_size(sqlite3_file *file)
{
	return REAL(file)->pMethods->xSectorSize(REAL(file));
}

static int f_device_characteristics(sqlite3_file *file)
{
	return REAL(file)->pMethods->xDeviceCharacteristics(REAL(file));
}

static int f_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
	int rc = io_fault(false, SQLITE_IOERR_SHMMAP);
	return rc ? rc : REAL(file)->pMethods->xShmMap(REAL(file), page, size, extend, out);
}

static int f_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
	return REAL(file)->pMethods->xShmLock(REAL(file), offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *file)
{
	REAL(file)->pMethods->xShmBarrier(REAL(file));
}

static int f_shm_unmap(sqlite3_file *file, int delete_flag)
{
	return REAL(file)->pMethods->xShmUnmap(REAL(file), delete_flag);
}

static int f_fetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
	return REAL(file)->pMethods->xFetch(REAL(file), offset, amount, out);
}

static int f_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *p)
{
	return REAL(file)->pMethods->xUnfetch(REAL(file), offset, p);
}

/* One table per version of the real methods: a version-1 file (no shared
 * memory) must not seem to have any. */
static sqlite3_io_methods methods[3];

static void methods_init(void)
{
	sqlite3_io_methods m = {
		.iVersion = 3, .xClose = f_close, .xRead = f_read, .xWrite = f_write, .xTruncate = f_truncate,
		.xSync = f_sync, .xFileSize = f_file_size, .xLock = f_lock, .xUnlock = f_unlock,
		.xCheckReservedLock = f_check_reserved_lock, .xFileControl = f_file_control,
		.xSectorSize = f_sector_size, .xDeviceCharacteristics = f_device_characteristics,
		.xShmMap = f_shm_map, .xShmLock = f_shm_lock, .xShmBarrier = f_shm_barrier,
		.xShmUnmap = f_shm_unmap, .xFetch = f_fetch, .xUnfetch = f_unfetch,
	};

	for (int v = 1; v <= 3; v++) {
		methods[v - 1] = m;
		methods[v - 1].iVersion = v;
		if (v < 2)
			methods[v - 1].xShmMap = NULL, methods[v - 1].xShmLock = NULL,
			methods[v - 1].xShmBarrier = NULL, methods[v - 1].xShmUnmap = NULL;
		if (v < 3)
			methods[v - 1].xFetch = NULL, methods[v - 1].xUnfetch = NULL;
	}
}

static int f_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	struct fault_file *f = (struct fault_file *)file;
	int rc;

	(void)vfs;
	f->real = (sqlite3_file *)&f[1];
	file->pMethods = NULL;
	if (fails(FAULT_IO))
		return SQLITE_CANTOPEN;
	rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	if (f->real->pMethods) {
		int v = f->real->pMethods->iVersion;
		file->pMethods = &methods[(v < 1 ? 1 : v > 3 ? 3 : v) - 1];
	}
	return rc;
}

static int f_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int f_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int f_full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, size, out);
}

static sqlite3_vfs fault_vfs;

/* SQLite's allocator, and ours in front of it. */
static sqlite3_mem_methods real_mem;

static void *m_malloc(int size)
{
	return fails(FAULT_NOMEM) ? NULL : real_mem.xMalloc(size);
}

static void m_free(void *p)
{
	real_mem.xFree(p);
}

static void *m_realloc(void *p, int size)
{
	return fails(FAULT_NOMEM) ? NULL : real_mem.xRealloc(p, size);
}

static int m_size(void *p)
{
	return real_mem.xSize(p);
}

static int m_roundup(int size)
{
	return real_mem.xRoundup(size);
}

static int m_init(void *data)
{
	return real_mem.xInit(data);
}

static void m_shutdown(void *data)
{
	real_mem.xShutdown(data);
}

int fault_install(void)
{
	static const sqlite3_mem_methods mem = {
		.xMalloc = m_malloc, .xFree = m_free, .xRealloc = m_realloc, .xSize = m_size,
		.xRoundup = m_roundup, .xInit = m_init, .xShutdown = m_shutdown,
	};

	if (real_vfs)
		return 0;
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem) != SQLITE_OK ||
	    sqlite3_config(SQLITE_CONFIG_MALLOC, &mem) != SQLITE_OK)
		return -1;
	if (sqlite3_initialize() != SQLITE_OK || !(real_vfs = sqlite3_vfs_find(NULL)))
		return -1;
	methods_init();
	/* The rest (randomness, time, sleep, dynamic loading) is the default
	 * VFS's own, which none of them reads the VFS it is called with for. */
	fault_vfs = *real_vfs;
	fault_vfs.pNext = NULL;
	fault_vfs.zName = "sirt-fault";
	fault_vfs.szOsFile = (int)sizeof(struct fault_file) + real_vfs->szOsFile;
	fault_vfs.xOpen = f_open;
	fault_vfs.xDelete = f_delete;
	fault_vfs.xAccess = f_access;
	fault_vfs.xFullPathname = f_full_pathname;
	return sqlite3_vfs_register(&fault_vfs, 1) == SQLITE_OK ? 0 : -1;
}

void fault_arm(const struct fault_plan *plan)
{
	fault.plan = *plan;
	fault.calls = 0;
	fault.injected = 0;
	fault.armed = true;
}

void fault_disarm(void)
{
	fault.armed = false;
}

long fault_injected(void)
{
	return fault.injected;
}

long fault_calls(void)
{
	return fault.calls;
}

static const char *const kind_names[] = {
	[FAULT_IO] = "io", [FAULT_WRITE] = "write", [FAULT_FULL] = "full", [FAULT_NOMEM] = "nomem",
	[FAULT_STALL] = "stall", [FAULT_HASH] = "hash",
};

const char *fault_kind_name(enum fault_kind kind)
{
	return kind_names[kind];
}

int fault_parse(const char *spec, struct fault_plan *out)
{
	const char *colon = spec ? strchr(spec, ':') : NULL;
	char *end;

	if (!colon)
		return -1;
	memset(out, 0, sizeof(*out));
	for (size_t k = 0; k < sizeof(kind_names) / sizeof(kind_names[0]); k++) {
		if (strlen(kind_names[k]) == (size_t)(colon - spec) && strncmp(spec, kind_names[k], (size_t)(colon - spec)) == 0) {
			out->kind = (enum fault_kind)k;
			out->nth = strtol(colon + 1, &end, 10);
			out->persist = *end == '+';
			return out->nth >= 1 && (*end == '\0' || (end[0] == '+' && end[1] == '\0')) ? 0 : -1;
		}
	}
	return -1;
}
