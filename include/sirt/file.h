/* Writing a whole file safely: it is made in a directory of its own
 * beside its name, out of everyone else's reach, synced, then moved to its
 * name, so a reader never sees half a file, a crash never leaves one, and
 * nothing is ever written through a link someone put at the name. */
#ifndef SIRT_FILE_H
#define SIRT_FILE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "sirt/status.h"

/* Writes text to path with the given mode. replace false: STATUS_CONFLICT
 * if anything is at path (nothing is overwritten); true: a regular file
 * there is replaced, and anything else (a symbolic link, a device, a
 * FIFO, a directory) is refused with STATUS_CANT_CREATE. */
enum status file_write(const char *path, const char *text, mode_t mode, bool replace, struct error *err);

/* The same in steps, for what is too large to hold at once or is written
 * by someone else (SQLite): file_begin makes the hidden directory
 * ".NAME.XXXXXX" (mode 0700) beside path and the file "unfinished" in it
 * with mode, opened as out->f; out->inside names that file by a path
 * that leads into the directory held open (/proc/self/fd/N/unfinished)
 * whatever is done meanwhile to the names around it. file_finish moves
 * the file to path as file_write does, or removes it and says why when
 * a write failed (out->error); file_abandon drops it. Either removes
 * the hidden directory with all in it and frees what file_begin took.
 * A process killed in between leaves only the hidden directory. */
struct file_out {
	FILE *f;
	char *path;
	char *inside;
	int error;	/* errno of a failure so far, 0 for none */
	bool replace;
	int dir;	/* path's directory, held open */
	char *base;	/* path's last part */
	int nest;	/* the hidden directory, held open */
	char *nest_name;
};

enum status file_begin(struct file_out *out, const char *path, mode_t mode, bool replace, struct error *err);
enum status file_finish(struct file_out *out, struct error *err);
void file_abandon(struct file_out *out);

/* What is at path, not following a link: NULL for nothing, else "a
 * regular file", "a symbolic link", "a directory", "a FIFO", "a device"
 * or "a socket". */
const char *file_kind(const char *path);
/* What to do about a failure to make a file, said after strerror's words
 * ("" when they say it): a name too long is one to shorten. */
const char *file_error_hint(int error);

/* Removes the hidden directory name in dir, as file_begin makes them
 * (only a directory of this user's, and only what is directly in it). */
void file_hidden_remove(int dir, const char *name);

/* mode less what the process's umask takes away. */
mode_t file_umasked(mode_t mode);

/* Creates the directories above path (not path itself) that are missing,
 * with mode; 0, or -1 with errno set. */
int file_make_parents(const char *path, mode_t mode);

#endif
