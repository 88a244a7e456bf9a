/* Reading evidence: the SHA-256 of a file or of standard input, refused
 * (or marked) when the file moved while it was read, and, with an
 * evidence store ([evidence] store = DIR), a read-only copy written in
 * the same pass and kept under its hash: DIR/sha256/ab/abcdef... */
#ifndef SIRT_EVIDENCE_FILE_H
#define SIRT_EVIDENCE_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "sirt/digest.h"
#include "sirt/status.h"

struct evidence_read {
	char sha256[SHA256_HEX_SIZE];
	uint64_t size;		/* the bytes read and hashed */
	char *changing;		/* what moved while it was read; NULL: nothing */
	char *copy;		/* the store's copy; NULL: none kept */
};

void evidence_read_clear(struct evidence_read *read);

/* How an item is read: store, the evidence store's directory (NULL or
 * "": none); changing, whether a file that moved while it was read is
 * still recorded (as such); progress as sha256_fd's. */
struct evidence_reading {
	const char *store;
	bool changing;
	digest_progress progress;
	void *ctx;
};

/* Hashes the regular file at path (shown: its name for messages), and
 * copies it into the store. A file that is not regular: STATUS_NOT_FOUND
 * (nothing to read as a file); one whose size, modification or change
 * time moved, or whose bytes read are not its size: STATUS_DATA unless
 * how->changing (then out->changing says what moved). */
enum status evidence_read_file(const char *path, const char *shown, const struct evidence_reading *how,
			       struct evidence_read *out, struct error *err);
/* The same for what fd gives (standard input): nothing at all is
 * STATUS_NOT_FOUND (no input); a regular file behind fd is held to the
 * same checks as one read by its path. */
enum status evidence_read_fd(int fd, const struct evidence_reading *how, struct evidence_read *out,
			     struct error *err);
/* The SHA-256 of a copy in the store, read without following a link at
 * its name. 0, or -1 with why. */
int evidence_copy_hash(const char *copy, char hex[SHA256_HEX_SIZE], uint64_t *size, char *why, size_t why_size);

#endif
