/* Evidence read once, and trusted: the file is stat'ed on its open
 * descriptor before and after it is hashed, so a file written to
 * meanwhile is not given the hash of a state it was never in; and with
 * an evidence store each chunk hashed is also written to a hidden file
 * in the store, which is then made read-only and linked under its hash.
 * Every directory of the store is opened without following a link, and
 * an object already there is kept (it is checked, never replaced). */
#include "sirt/evidence_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sirt/mem.h"

void evidence_read_clear(struct evidence_read *read)
{
	FREE(&read->changing);
	FREE(&read->copy);
}

/* The store's directories: group-writable as the database's directory
 * is on a shared host, less the umask. */
#define STORE_DIR_MODE 0770

/* name in dir, a directory made if missing, opened without following a
 * link. -1 with errno. */
static int subdir_open(int dir, const char *name)
{
	int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT) {
		if (mkdirat(dir, name, STORE_DIR_MODE) != 0 && errno != EEXIST)
			return -1;
		fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	return fd;
}

static enum status store_refused(const char *store, const char *part, struct error *err)
{
	int e = errno;

	return error_set(err, STATUS_CANT_CREATE,
			 "cannot keep a copy in the evidence store %s%s%s: %s ([evidence] store must be a directory you "
			 "can write, and no part of it a symbolic link: fix it or the setting)",
			 store, part ? "/" : "", part ? part : "",
			 e == ELOOP || e == ENOTDIR ? "it is a symbolic link or not a directory" : strerror(e));
}

/* A copy being written: the hidden file in DIR/sha256 it goes to. */
struct copy {
	const char *store;
	int top;		/* DIR/sha256 */
	int fd;
	char name[64];
};

static enum status copy_begin(const char *store, struct copy *c, struct error *err)
{
	int dir;

	c->store = store;
	c->top = c->fd = -1;
	dir = open(store, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dir < 0 && errno == ENOENT) {
		if (mkdir(store, STORE_DIR_MODE) != 0 && errno != EEXIST)
			return store_refused(store, NULL, err);
		dir = open(store, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (dir < 0)
		return store_refused(store, NULL, err);
	c->top = subdir_open(dir, "sha256");
	close(dir);
	if (c->top < 0)
		return store_refused(store, "sha256", err);
	for (int attempt = 0; attempt < 100; attempt++) {
		struct timespec now;

		clock_gettime(CLOCK_REALTIME, &now);
		snprintf(c->name, sizeof(c->name), ".new.%ld.%ld.%d", (long)getpid(), (long)now.tv_nsec, attempt);
		c->fd = openat(c->top, c->name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (c->fd >= 0 || errno != EEXIST)
			break;
	}
	if (c->fd < 0) {
		enum status st = store_refused(store, "sha256", err);

		close(c->top);
		c->top = -1;
		return st;
	}
	return STATUS_OK;
}

static void copy_abandon(struct copy *c)
{
	if (c->fd >= 0) {
		close(c->fd);
		unlinkat(c->top, c->name, 0);
	}
	if (c->top >= 0)
		close(c->top);
	c->fd = c->top = -1;
}

/* The hidden file, made read-only, linked in as DIR/sha256/ab/HASH (an
 * identical object there is kept); *path gets that name. */
static enum status copy_finish(struct copy *c, const char *hex, char **path, struct error *err)
{
	char shard[3] = {hex[0], hex[1], '\0'};
	int dir = -1, e;
	enum status st = STATUS_OK;

	if (fsync(c->fd) != 0 || fchmod(c->fd, 0444) != 0) {
		e = errno;
		copy_abandon(c);
		return error_set(err, STATUS_IO, "cannot keep a copy in the evidence store %s: %s", c->store,
				 strerror(e));
	}
	if ((dir = subdir_open(c->top, shard)) < 0) {
		st = store_refused(c->store, "sha256", err);
		copy_abandon(c);
		return st;
	}
	if (linkat(c->top, c->name, dir, hex, 0) != 0) {
		if (errno != EEXIST) {
			st = store_refused(c->store, "sha256", err);
		} else {
			/* Stored before: kept if it is the same, never replaced. What
			 * cannot be read as a file there (a link) leaves no place to
			 * keep the copy (73); a copy changed since is bad data (65). */
			char found[SHA256_HEX_SIZE], why[256], *there = xasprintf("%s/sha256/%s/%s", c->store, shard, hex);
			uint64_t size;

			if (evidence_copy_hash(there, found, &size, why, sizeof(why)) != 0)
				st = error_set(err, STATUS_CANT_CREATE, "the evidence store holds something else at %s: %s (as "
					       "the store's owner, move it aside and look into it; nothing recorded)",
					       there, why);
			else if (strcmp(found, hex) != 0)
				st = error_set(err, STATUS_DATA, "the evidence store's copy %s was changed since it was "
					       "stored (its SHA-256 is now %s): as the store's owner, move it aside and "
					       "look into it; nothing recorded", there, found);
			free(there);
		}
	}
	if (!st)
		fsync(dir);
	close(dir);
	copy_abandon(c);
	if (!st)
		*path = xasprintf("%s/sha256/%s/%s", c->store, shard, hex);
	return st;
}

/* What moved between before and after, or NULL; read: the bytes hashed. */
static char *moved(const struct stat *before, const struct stat *after, uint64_t read)
{
	char *parts[4];
	size_t n = 0;
	char *text;

	if (before->st_size != after->st_size)
		parts[n++] = xasprintf("its size went from %lld to %lld bytes", (long long)before->st_size,
				       (long long)after->st_size);
	if (before->st_mtim.tv_sec != after->st_mtim.tv_sec || before->st_mtim.tv_nsec != after->st_mtim.tv_nsec)
		parts[n++] = xstrdup("its modification time moved");
	if (before->st_ctim.tv_sec != after->st_ctim.tv_sec || before->st_ctim.tv_nsec != after->st_ctim.tv_nsec)
		parts[n++] = xstrdup("its change time moved");
	if ((uint64_t)before->st_size != read)
		parts[n++] = xasprintf("%llu bytes were read of the %lld it had", (unsigned long long)read,
				       (long long)before->st_size);
	if (!n)
		return NULL;
	text = xstrdup(parts[0]);
	for (size_t i = 1; i < n; i++) {
		char *longer = xasprintf("%s%s%s", text, i + 1 == n ? " and " : ", ", parts[i]);

		free(text);
		text = longer;
	}
	for (size_t i = 0; i < n; i++)
		free(parts[i]);
	return text;
}

/* fd hashed (and copied); name: what it is, for messages; regular: it
 * is a regular file, held to its stat. */
static enum status read_fd(int fd, const char *name, bool regular, const struct evidence_reading *how,
			   struct evidence_read *out, struct error *err)
{
	struct stat before, after;
	struct copy c = {.top = -1, .fd = -1};
	char why[256];
	enum status st;

	memset(out, 0, sizeof(*out));
	if (regular && fstat(fd, &before) != 0)
		return error_set(err, STATUS_IO, "cannot read %s: %s", name, strerror(errno));
	if (how->store && *how->store && (st = copy_begin(how->store, &c, err)))
		return st;
	if (sha256_fd_copy(fd, c.fd, regular ? (uint64_t)before.st_size : 0, out->sha256, &out->size, how->progress,
			   how->ctx, why, sizeof(why)) != 0) {
		copy_abandon(&c);
		return error_set(err, STATUS_IO, "cannot hash %s: %s", name, why);
	}
	if (regular) {
		if (fstat(fd, &after) != 0) {
			copy_abandon(&c);
			return error_set(err, STATUS_IO, "cannot read %s: %s", name, strerror(errno));
		}
		out->changing = moved(&before, &after, out->size);
		if (out->changing && !how->changing) {
			st = error_set(err, STATUS_DATA,
				       "%s changed while it was hashed (%s): its hash would be of no state it was ever "
				       "in, so nothing was recorded; hash it when nothing writes to it (stop the "
				       "writer, or take a copy first), or record it as changing with sirt evidence "
				       "add --changing",
				       name, out->changing);
			copy_abandon(&c);
			evidence_read_clear(out);
			return st;
		}
	}
	if (!regular && out->size == 0) {
		copy_abandon(&c);
		return error_set(err, STATUS_NOT_FOUND,
				 "%s held no data (it was empty or closed): nothing recorded; pipe the evidence in, "
				 "e.g. sirt evidence add REF --stdin --description TEXT < FILE", name);
	}
	if (c.fd >= 0 && (st = copy_finish(&c, out->sha256, &out->copy, err))) {
		evidence_read_clear(out);
		return st;
	}
	return STATUS_OK;
}

enum status evidence_read_file(const char *path, const char *shown, const struct evidence_reading *how,
			       struct evidence_read *out, struct error *err)
{
	struct stat info;
	enum status st;
	/* Non-blocking: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

	memset(out, 0, sizeof(*out));
	if (fd < 0)
		/* No input (66), as sirt(1) says of a file to hash that cannot
		 * be read; only a failing disk is an I/O error. */
		return error_set(err, errno == EIO ? STATUS_IO : STATUS_NOT_FOUND,
				 "cannot read the evidence file %s: %s", shown, strerror(errno));
	if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
		close(fd);
		return error_set(err, STATUS_NOT_FOUND,
				 "%s is not a regular file: give the path of one file to hash, or pipe what a FIFO or "
				 "device gives into sirt evidence add --stdin", shown);
	}
	st = read_fd(fd, shown, true, how, out, err);
	close(fd);
	return st;
}

enum status evidence_read_fd(int fd, const struct evidence_reading *how, struct evidence_read *out,
			     struct error *err)
{
	struct stat info;

	if (fstat(fd, &info) != 0) {
		memset(out, 0, sizeof(*out));
		return error_set(err, STATUS_NOT_FOUND,
				 "standard input is closed: nothing recorded; pipe the evidence in, e.g. sirt evidence "
				 "add REF --stdin --description TEXT < FILE");
	}
	return read_fd(fd, "standard input", S_ISREG(info.st_mode), how, out, err);
}

int evidence_copy_hash(const char *copy, char hex[SHA256_HEX_SIZE], uint64_t *size, char *why, size_t why_size)
{
	struct stat info;
	int fd = open(copy, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY), rc;

	if (fd < 0) {
		snprintf(why, why_size, "cannot read the stored copy %s: %s", copy,
			 errno == ELOOP ? "a symbolic link is at its name" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
		snprintf(why, why_size, "the stored copy %s is not a regular file", copy);
		close(fd);
		return -1;
	}
	rc = sha256_fd(fd, (uint64_t)info.st_size, hex, size, NULL, NULL, why, why_size);
	close(fd);
	return rc;
}
