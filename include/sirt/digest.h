/* SHA-256 of evidence, streamed in 1 MiB reads so that a disk image of
 * many gigabytes is hashed in constant memory, with progress reported
 * as it goes, and of short texts (the audit chain, the name of a draft
 * directory): by Nettle (src/util/digest.c says why). */
#ifndef SIRT_DIGEST_H
#define SIRT_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_SIZE 65	/* 64 hex digits and the NUL */

/* Called after each chunk: done bytes of total (0 when unknown). */
typedef void (*digest_progress)(uint64_t done, uint64_t total, void *ctx);

/* Hashes all that can be read from fd. Returns 0 with hex and *size set,
 * or -1 with why filled in. */
int sha256_fd(int fd, uint64_t total, char hex[SHA256_HEX_SIZE], uint64_t *size, digest_progress progress,
	      void *ctx, char *why, size_t why_size);
/* The same, writing each chunk read to copy as well (the evidence
 * store's copy, made in the same pass), unless copy is -1. */
int sha256_fd_copy(int fd, int copy, uint64_t total, char hex[SHA256_HEX_SIZE], uint64_t *size,
		   digest_progress progress, void *ctx, char *why, size_t why_size);
/* Test builds only (SIRT_TEST_FAULT=hash:N): called after each chunk is
 * hashed, for a test to pause the hashing there. NULL: nothing. */
void digest_chunk_hook_set(void (*hook)(void));
/* The SHA-256 of len bytes in memory; it cannot fail. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);
/* The same for a file by its path. */
int sha256_file(const char *path, char hex[SHA256_HEX_SIZE], uint64_t *size, digest_progress progress, void *ctx,
		char *why, size_t why_size);

#endif
