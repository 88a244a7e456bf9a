/* Writing a whole file safely: the text goes to a temporary file beside
 * it, is synced, then takes the name, so a reader never sees half a file
 * and a crash never leaves one. */
#ifndef SIRT_FILE_H
#define SIRT_FILE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "sirt/status.h"

/* Writes text to path with the given mode. replace false: STATUS_CONFLICT
 * if path exists (nothing is overwritten); true: it is replaced. */
enum status file_write(const char *path, const char *text, mode_t mode, bool replace, struct error *err);

/* The same for text too large to hold at once: file_begin opens the
 * temporary file (written through out->f), file_finish puts it in place
 * as file_write does, or removes it and says why when a write to out->f
 * failed; file_abandon drops it. Either frees what file_begin took. */
struct file_out {
	FILE *f;
	char *path;
	char *tmp;
	int error;	/* errno of a failure so far, 0 for none */
};

enum status file_begin(struct file_out *out, const char *path, mode_t mode, struct error *err);
enum status file_finish(struct file_out *out, bool replace, struct error *err);
void file_abandon(struct file_out *out);

/* Creates the directories above path (not path itself) that are missing,
 * with mode; 0, or -1 with errno set. */
int file_make_parents(const char *path, mode_t mode);

#endif
