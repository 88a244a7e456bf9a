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

enum status file_write(const char *path, const char *text, mode_t mode, bool replace, struct error *err)
{
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1) :
			    xasprintf(".%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	size_t len = strlen(text), done = 0;
	int error = fd < 0 ? errno : 0;

	if (!error && fchmod(fd, mode) != 0)
		error = errno;
	while (!error && done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno != EINTR)
			error = errno;
		else if (n > 0)
			done += (size_t)n;
	}
	if (!error && fsync(fd) != 0)
		error = errno;
	if (fd >= 0 && close(fd) != 0 && !error)
		error = errno;
	/* link() fails if the name exists; rename() replaces it at once. */
	if (!error && (replace ? rename(tmp, path) : link(tmp, path)) != 0)
		error = errno;
	if (fd >= 0 && (error || !replace))
		unlink(tmp);
	free(tmp);
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
		return error_set(err, STATUS_CONFLICT, "%s exists already", path);
	if (error)
		return error_set(err, error == EACCES || error == ENOENT || error == EROFS ? STATUS_CANT_CREATE : STATUS_IO,
				 "cannot write %s: %s", path, strerror(error));
	return STATUS_OK;
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
