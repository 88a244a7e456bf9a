/* Writing a whole file safely: the text goes to a temporary file beside
 * it, is synced, then takes the name, so a reader never sees half a file
 * and a crash never leaves one. */
#ifndef SIRT_FILE_H
#define SIRT_FILE_H

#include <stdbool.h>
#include <sys/types.h>

#include "sirt/status.h"

/* Writes text to path with the given mode. replace false: STATUS_CONFLICT
 * if path exists (nothing is overwritten); true: it is replaced. */
enum status file_write(const char *path, const char *text, mode_t mode, bool replace, struct error *err);

/* Creates the directories above path (not path itself) that are missing,
 * with mode; 0, or -1 with errno set. */
int file_make_parents(const char *path, mode_t mode);

#endif
