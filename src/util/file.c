/* Writing whole files through a temporary file. */
#include "sirt/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/mem.h"

enum status file_begin(struct file_out *out, const char *path, mode_t mode, struct error *err)
{
	const char *slash = strrchr(path, '/');
	int fd;

	memset(out, 0, sizeof(*out));
	out->path = xstrdup(path);
	out->tmp = slash ? xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1) :
			   xasprintf(".%s.XXXXXX", path);
	fd = mkstemp(out->tmp);
	if (fd >= 0 && fchmod(fd, mode) == 0 && (out->f = fdopen(fd, "w")))
		return STATUS_OK;
	out->error = errno;
	if (fd >= 0) {
		close(fd);
		unlink(out->tmp);
	}
	return file_finish(out, false, err);
}

enum status file_finish(struct file_out *out, bool replace, struct error *err)
{
	const char *path = out->path, *slash = strrchr(path, '/');
	int error = out->error;
	enum status st = STATUS_OK;

	if (out->f) {
		if (!error && (fflush(out->f) != 0 || fsync(fileno(out->f)) != 0))
			error = errno;
		if (fclose(out->f) != 0 && !error)
			error = errno;
		/* link() fails if the name exists; rename() replaces it at once. */
		if (!error && (replace ? rename(out->tmp, path) : link(out->tmp, path)) != 0)
			error = errno;
		if (error || !replace)
			unlink(out->tmp);
	}
	/* The new name itself must survive a crash: sync the directory. */
	if (!error) {
		char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
		int dfd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	if (error == EEXIST)
		st = error_set(err, STATUS_CONFLICT, "%s exists already", path);
	else if (error)
		st = error_set(err, error == EACCES || error == ENOENT || error == EROFS ? STATUS_CANT_CREATE : STATUS_IO,
			       "cannot write %s: %s", path, strerror(error));
	free(out->tmp);
	free(out->path);
	memset(out, 0, sizeof(*out));
	return st;
}

void file_abandon(struct file_out *out)
{
	if (out->f) {
		fclose(out->f);
		unlink(out->tmp);
	}
	free(out->tmp);
	free(out->path);
	memset(out, 0, sizeof(*out));
}

enum status file_write(const char *path, const char *text, mode_t mode, bool replace, struct error *err)
{
	struct file_out out;
	size_t len = strlen(text);
	enum status st = file_begin(&out, path, mode, err);

	if (st)
		return st;
	if (fwrite(text, 1, len, out.f) != len)
		out.error = errno;
	return file_finish(&out, replace, err);
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
