/* Streaming SHA-256 with OpenSSL's EVP interface. */
#include "sirt/digest.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1024 * 1024)

/* By hand: the audit chain hashes every row written and verified, and
 * 32 calls of snprintf a hash cost more than the hash. */
static void to_hex(const unsigned char *digest, unsigned int len, char hex[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	unsigned int i;

	for (i = 0; i < len && i < 32; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 0x0F];
	}
	hex[2 * i] = '\0';
}

int sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;

	if (EVP_Digest(data, len, digest, &digest_len, EVP_sha256(), NULL) != 1 || digest_len != 32)
		return -1;
	to_hex(digest, digest_len, hex);
	return 0;
}

int sha256_fd(int fd, uint64_t total, char hex[SHA256_HEX_SIZE], uint64_t *size, digest_progress progress,
	      void *ctx, char *why, size_t why_size)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;
	unsigned char *buf = malloc(CHUNK);
	uint64_t done = 0;
	int rc = -1;

	if (!md || !buf || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
		snprintf(why, why_size, "cannot start SHA-256 (out of memory?)");
		goto out;
	}
	for (;;) {
		ssize_t n = read(fd, buf, CHUNK);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, why_size, "reading failed after %llu bytes: %s", (unsigned long long)done,
				 strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (EVP_DigestUpdate(md, buf, (size_t)n) != 1) {
			snprintf(why, why_size, "SHA-256 failed");
			goto out;
		}
		done += (uint64_t)n;
		if (progress)
			progress(done, total, ctx);
	}
	if (EVP_DigestFinal_ex(md, digest, &digest_len) != 1 || digest_len != 32) {
		snprintf(why, why_size, "SHA-256 failed");
		goto out;
	}
	to_hex(digest, digest_len, hex);
	*size = done;
	rc = 0;
out:
	free(buf);
	EVP_MD_CTX_free(md);
	return rc;
}

int sha256_file(const char *path, char hex[SHA256_HEX_SIZE], uint64_t *size, digest_progress progress, void *ctx,
		char *why, size_t why_size)
{
	struct stat st;
	int fd, rc;

	/* Checked before opening: opening a FIFO would wait for a writer. */
	if (stat(path, &st) != 0) {
		snprintf(why, why_size, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, why_size, "%s is not a regular file", path);
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, why_size, "cannot read %s: %s", path, fd < 0 ? strerror(errno) : "not a regular file");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rc = sha256_fd(fd, (uint64_t)st.st_size, hex, size, progress, ctx, why, why_size);
	close(fd);
	return rc;
}
