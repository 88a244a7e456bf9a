/* Writing whole files through a hidden directory of their own, so that
 * nothing is written through a link someone else put at a name. */
#include "sirt/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/mem.h"

/* The file's name in its hidden directory: nothing a search for backups
 * or reports by name would take for one. */
#define UNFINISHED "unfinished"

const char *file_kind(const char *path)
{
	struct stat info;

	if (lstat(path, &info) != 0)
		return NULL;
	return S_ISREG(info.st_mode)  ? "a regular file" :
	       S_ISLNK(info.st_mode)  ? "a symbolic link" :
	       S_ISDIR(info.st_mode)  ? "a directory" :
	       S_ISFIFO(info.st_mode) ? "a FIFO" :
	       S_ISSOCK(info.st_mode) ? "a socket" :
					"a device";
}

const char *file_error_hint(int error)
{
	return error == ENAMETOOLONG ? " (most filesystems take at most 255 bytes a name, 4095 a whole path: give a "
				       "shorter one)" : "";
}

mode_t file_umasked(mode_t mode)
{
	mode_t mask = umask(0);

	umask(mask);
	return mode & ~mask;
}

/* Why nothing was written at path, where something already is. */
static enum status refuse(const struct file_out *out, struct error *err)
{
	const char *kind = file_kind(out->path);

	if (!kind || strcmp(kind, "a regular file") == 0)
		return error_set(err, STATUS_CONFLICT, "%s exists already", out->path);
	return error_set(err, out->replace ? STATUS_CANT_CREATE : STATUS_CONFLICT,
			 "%s %s %s, which sirt neither replaces nor writes through: give another name", out->path,
			 out->replace ? "is" : "exists already and is", kind);
}

static enum status failed(const struct file_out *out, int error, struct error *err)
{
	bool cant = error == EACCES || error == EPERM || error == ENOENT || error == EROFS || error == ENOTDIR ||
		    error == ELOOP || error == ENAMETOOLONG;

	return error_set(err, cant ? STATUS_CANT_CREATE : STATUS_IO, "cannot write %s: %s%s", out->path,
			 strerror(error), file_error_hint(error));
}

/* Empties the directory held open as fd (what is directly in it). */
static void empty_directory(int fd)
{
	int copy = dup(fd);
	DIR *d = copy >= 0 ? fdopendir(copy) : NULL;
	struct dirent *e;

	if (!d) {
		if (copy >= 0)
			close(copy);
		return;
	}
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(fd, e->d_name, 0);
	closedir(d);
}

void file_hidden_remove(int dir, const char *name)
{
	int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat info;

	if (fd < 0)
		return;
	if (fstat(fd, &info) == 0 && info.st_uid == geteuid())
		empty_directory(fd);
	close(fd);
	unlinkat(dir, name, AT_REMOVEDIR);
}

/* ".NAME.XXXXXX" in dir, made new (mode 0700) and held open: a name
 * nobody had before, so nothing anyone put anywhere is in it. */
static int make_hidden(struct file_out *out)
{
	static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	struct stat info;

	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned char r[6];

		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
			return errno;
		out->nest_name = xasprintf(".%.200s.%c%c%c%c%c%c", out->base, letters[r[0] % 62], letters[r[1] % 62],
					   letters[r[2] % 62], letters[r[3] % 62], letters[r[4] % 62],
					   letters[r[5] % 62]);
		if (mkdirat(out->dir, out->nest_name, 0700) == 0)
			break;
		FREE(&out->nest_name);
		if (errno != EEXIST)
			return errno;
	}
	if (!out->nest_name)
		return EEXIST;
	out->nest = openat(out->dir, out->nest_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (out->nest < 0)
		return errno;
	/* Where others may write and the directory is not sticky, the name
	 * could have been given to another directory before it was opened. */
	if (fstat(out->nest, &info) != 0 || info.st_uid != geteuid()) {
		close(out->nest);
		out->nest = -1;
		return EEXIST;
	}
	/* The umask may have taken the owner's own right to write in it. */
	return fchmod(out->nest, 0700) == 0 ? 0 : errno;
}

enum status file_begin(struct file_out *out, const char *path, mode_t mode, bool replace, struct error *err)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == path ? xstrdup("/") : slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	const char *kind;
	struct stat made, seen;
	int fd = -1, error = 0;

	memset(out, 0, sizeof(*out));
	out->dir = out->nest = -1;
	out->path = xstrdup(path);
	out->base = xstrdup(slash ? slash + 1 : path);
	out->replace = replace;
	/* Said before any work: what is at the name decides. */
	kind = file_kind(path);
	if (kind && (!replace || strcmp(kind, "a regular file") != 0)) {
		enum status st = refuse(out, err);

		free(dir);
		file_abandon(out);
		return st;
	}
	if (!*out->base || strcmp(out->base, ".") == 0 || strcmp(out->base, "..") == 0)
		error = EISDIR;
	else if ((out->dir = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		error = errno;
	else if (!(error = make_hidden(out)) &&
		 (fd = openat(out->nest, UNFINISHED, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) < 0)
		error = errno;
	free(dir);
	if (!error && fchmod(fd, mode) != 0)
		error = errno;
	if (!error && !(out->f = fdopen(fd, "w")))
		error = errno;
	if (error) {
		enum status st = failed(out, error, err);

		if (fd >= 0)
			close(fd);
		file_abandon(out);
		return st;
	}
	/* Through /proc the path leads into the directory held open even
	 * if its name is taken away; without /proc, by its name. */
	out->inside = xasprintf("/proc/self/fd/%d/" UNFINISHED, out->nest);
	if (fstat(fd, &made) != 0 || stat(out->inside, &seen) != 0 || made.st_ino != seen.st_ino ||
	    made.st_dev != seen.st_dev) {
		free(out->inside);
		out->inside = slash ? xasprintf("%.*s/%s/" UNFINISHED, (int)(slash - path), path, out->nest_name) :
				      xasprintf("%s/" UNFINISHED, out->nest_name);
	}
	return STATUS_OK;
}

/* Moves the finished file to its name: never over anything but, when
 * asked, a regular file; a link at the name is replaced by nothing and
 * never followed. */
static int put_in_place(struct file_out *out)
{
	if (out->replace) {
		struct stat info;

		if (fstatat(out->dir, out->base, &info, AT_SYMLINK_NOFOLLOW) == 0) {
			if (!S_ISREG(info.st_mode))
				return EEXIST;
			return renameat(out->nest, UNFINISHED, out->dir, out->base) == 0 ? 0 : errno;
		}
	}
	if (renameat2(out->nest, UNFINISHED, out->dir, out->base, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return errno;
	/* A filesystem without RENAME_NOREPLACE: link() never replaces. */
	return linkat(out->nest, UNFINISHED, out->dir, out->base, 0) == 0 ? 0 : errno;
}

enum status file_finish(struct file_out *out, struct error *err)
{
	int error = out->error;
	enum status st = STATUS_OK;

	if (out->f) {
		if (!error && (fflush(out->f) != 0 || fsync(fileno(out->f)) != 0))
			error = errno;
		if (fclose(out->f) != 0 && !error)
			error = errno;
		out->f = NULL;
	}
	if (!error && out->nest >= 0)
		error = put_in_place(out);
	/* The new name itself must survive a crash: sync the directory. */
	if (!error)
		fsync(out->dir);
	if (error == EEXIST)
		st = refuse(out, err);
	else if (error)
		st = failed(out, error, err);
	file_abandon(out);
	return st;
}

void file_abandon(struct file_out *out)
{
	if (!out->path)
		return;
	if (out->f)
		fclose(out->f);
	if (out->nest >= 0) {
		/* What is in the directory held open, whatever its name now;
		 * then the name, which only an empty directory loses. */
		empty_directory(out->nest);
		close(out->nest);
		unlinkat(out->dir, out->nest_name, AT_REMOVEDIR);
	}
	if (out->dir >= 0)
		close(out->dir);
	free(out->path);
	free(out->base);
	free(out->inside);
	free(out->nest_name);
	memset(out, 0, sizeof(*out));
	out->dir = out->nest = -1;
}

enum status file_write(const char *path, const char *text, mode_t mode, bool replace, struct error *err)
{
	struct file_out out;
	size_t len = strlen(text);
	enum status st = file_begin(&out, path, mode, replace, err);

	if (st)
		return st;
	if (fwrite(text, 1, len, out.f) != len)
		out.error = errno;
	return file_finish(&out, err);
}

int file_make_parents(const char *path, mode_t mode)
{
	char *copy = xstrdup(path);
	int rc = 0;

	for (char *p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, mode) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(copy);
	return rc;
}
