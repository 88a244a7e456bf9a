/* sirt deadline met --sent-file FILE: the text that was sent to a party,
 * read from a regular file named by the operator, never through a link
 * planted at its name, and held to the rules of what sirt keeps as text
 * (sirt/input.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_internal.h"
#include "sirt/input.h"
#include "sirt/mem.h"
#include "sirt/record_kinds.h"

char *cli_read_sent_file(const char *path, struct error *err)
{
	/* O_NONBLOCK: a FIFO at the name is refused below, not waited on. */
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat info;
	char *text;
	size_t len = 0;
	char why[96];

	if (fd < 0 && errno == ELOOP) {
		error_set(err, STATUS_NOT_FOUND, "--sent-file %s is a symbolic link: give the file itself", path);
		return NULL;
	}
	if (fd < 0) {
		error_set(err, STATUS_NOT_FOUND, "--sent-file %s cannot be read: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
		error_set(err, STATUS_NOT_FOUND, "--sent-file %s is not a regular file: give the file of the text sent",
			  path);
		close(fd);
		return NULL;
	}
	if (info.st_size > DEADLINE_SENT_MAX) {
		error_set(err, STATUS_DATA, "--sent-file %s is %lld bytes long; at most %d fit", path,
			  (long long)info.st_size, DEADLINE_SENT_MAX);
		close(fd);
		return NULL;
	}
	/* One byte more than may be kept: a file that grew is seen. */
	text = xmalloc(DEADLINE_SENT_MAX + 2);
	for (;;) {
		ssize_t n = read(fd, text + len, DEADLINE_SENT_MAX + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_set(err, STATUS_NOT_FOUND, "--sent-file %s cannot be read: %s", path, strerror(errno));
			close(fd);
			free(text);
			return NULL;
		}
		if (n == 0 || (len += (size_t)n) > DEADLINE_SENT_MAX)
			break;
	}
	close(fd);
	text[len] = '\0';
	if (len == 0)
		error_set(err, STATUS_DATA, "--sent-file %s is empty: give the file of the text that was sent", path);
	else if (memchr(text, '\0', len))
		error_set(err, STATUS_DATA, "--sent-file %s holds a NUL byte: it is not text", path);
	else if (!input_text_check(text, len, INPUT_LINES, DEADLINE_SENT_MAX, why, sizeof(why)))
		error_set(err, STATUS_DATA, "--sent-file %s %s", path, why);
	else
		return text;
	free(text);
	return NULL;
}
