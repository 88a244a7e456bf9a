/* SHA-256 two ways. What is evidence or proof (files, the audit chain)
 * is hashed by OpenSSL, a well-kept crypto library (DESIGN.md), which
 * uses the processor's SHA instructions. It is loaded at its first use,
 * not linked: linked, its 21,000 relocations cost every start of sirt
 * more than a millisecond, and its first digest (configuration, provider)
 * as much again, a fifth of the time to the first screen, for sessions
 * that may never save.
 * A name made from a hash (a draft directory's, made at every start) is
 * hashed by sirt's own code, after FIPS 180-4; a unit test holds it to
 * OpenSSL's answers. */
#include "sirt/digest.h"
#include "sirt_build.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdbool.h>
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

/* The part of OpenSSL that sirt uses, loaded at the first hash; or why
 * it could not be (tried once). */
static struct {
	bool loaded, failed;
	char why[256];
	const EVP_MD *(*sha256)(void);
	EVP_MD_CTX *(*ctx_new)(void);
	void (*ctx_free)(EVP_MD_CTX *ctx);
	int (*init)(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl);
	int (*update)(EVP_MD_CTX *ctx, const void *data, size_t len);
	int (*final)(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *len);
} openssl;

static bool load_openssl(void)
{
	void *lib;

	if (openssl.loaded || openssl.failed)
		return openssl.loaded;
	openssl.failed = true;
	if (!(lib = dlopen(SIRT_LIBCRYPTO, RTLD_NOW | RTLD_LOCAL))) {
		const char *why = dlerror();

		snprintf(openssl.why, sizeof(openssl.why),
			 "cannot load OpenSSL, which computes SHA-256 (%s): install the package libssl3",
			 why ? why : SIRT_LIBCRYPTO " not found");
		return false;
	}
	/* POSIX's way from a data pointer to a function pointer. */
	*(void **)&openssl.sha256 = dlsym(lib, "EVP_sha256");
	*(void **)&openssl.ctx_new = dlsym(lib, "EVP_MD_CTX_new");
	*(void **)&openssl.ctx_free = dlsym(lib, "EVP_MD_CTX_free");
	*(void **)&openssl.init = dlsym(lib, "EVP_DigestInit_ex");
	*(void **)&openssl.update = dlsym(lib, "EVP_DigestUpdate");
	*(void **)&openssl.final = dlsym(lib, "EVP_DigestFinal_ex");
	if (!openssl.sha256 || !openssl.ctx_new || !openssl.ctx_free || !openssl.init || !openssl.update ||
	    !openssl.final) {
		snprintf(openssl.why, sizeof(openssl.why), "%s lacks the SHA-256 functions sirt uses", SIRT_LIBCRYPTO);
		dlclose(lib);
		return false;
	}
	openssl.failed = false;
	openssl.loaded = true;	/* and the library stays */
	return true;
}

const char *sha256_failure(void)
{
	return openssl.why[0] ? openssl.why : "SHA-256 failed (out of memory?)";
}

/* FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the
 * cube roots of the first 64 primes. */
static const uint32_t round_constants[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

#define BIG0(x) (rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22))
#define BIG1(x) (rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25))
#define SMALL0(x) (rotr(x, 7) ^ rotr(x, 18) ^ ((x) >> 3))
#define SMALL1(x) (rotr(x, 17) ^ rotr(x, 19) ^ ((x) >> 10))
#define CHOOSE(x, y, z) (((x) & (y)) ^ (~(x) & (z)))
#define MAJORITY(x, y, z) (((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))

/* One 64-byte block into the state (6.2.2). */
static void compress(uint32_t state[8], const unsigned char block[64])
{
	uint32_t w[64];
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], h = state[7];

	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16 |
		       (uint32_t)block[4 * t + 2] << 8 | (uint32_t)block[4 * t + 3];
	for (int t = 16; t < 64; t++)
		w[t] = SMALL1(w[t - 2]) + w[t - 7] + SMALL0(w[t - 15]) + w[t - 16];
	for (int t = 0; t < 64; t++) {
		uint32_t t1 = h + BIG1(e) + CHOOSE(e, f, g) + round_constants[t] + w[t];
		uint32_t t2 = BIG0(a) + MAJORITY(a, b, c);

		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
	state[4] += e;
	state[5] += f;
	state[6] += g;
	state[7] += h;
}

static void own_sha256(const void *data, size_t len, unsigned char digest[32])
{
	/* 5.3.3: the first 32 bits of the fractional parts of the square
	 * roots of the first 8 primes. */
	uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	const unsigned char *p = data;
	unsigned char tail[128] = {0};
	size_t rest = len % 64, tail_len = rest < 56 ? 64 : 128;
	uint64_t bits = (uint64_t)len * 8;

	for (size_t done = 0; done + 64 <= len; done += 64)
		compress(state, p + done);
	/* 5.1.1: a 1 bit, zeros, and the length in bits, to whole blocks. */
	if (rest)
		memcpy(tail, p + len - rest, rest);
	tail[rest] = 0x80;
	for (int i = 0; i < 8; i++)
		tail[tail_len - 1 - i] = (unsigned char)(bits >> (8 * i));
	for (size_t done = 0; done < tail_len; done += 64)
		compress(state, tail + done);
	for (int i = 0; i < 8; i++) {
		digest[4 * i] = (unsigned char)(state[i] >> 24);
		digest[4 * i + 1] = (unsigned char)(state[i] >> 16);
		digest[4 * i + 2] = (unsigned char)(state[i] >> 8);
		digest[4 * i + 3] = (unsigned char)state[i];
	}
}

int sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
	static EVP_MD_CTX *md;	/* one for every call: the chain hashes row after row */
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;

	if (!load_openssl() || (!md && !(md = openssl.ctx_new())) ||
	    openssl.init(md, openssl.sha256(), NULL) != 1 || openssl.update(md, data, len) != 1 ||
	    openssl.final(md, digest, &digest_len) != 1 || digest_len != 32)
		return -1;
	to_hex(digest, digest_len, hex);
	return 0;
}

void sha256_name(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
	unsigned char digest[32];

	own_sha256(data, len, digest);
	to_hex(digest, 32, hex);
}

int sha256_fd(int fd, uint64_t total, char hex[SHA256_HEX_SIZE], uint64_t *size, digest_progress progress,
	      void *ctx, char *why, size_t why_size)
{
	EVP_MD_CTX *md = NULL;
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;
	unsigned char *buf = NULL;
	uint64_t done = 0;
	int rc = -1;

	if (!load_openssl()) {
		snprintf(why, why_size, "%s", sha256_failure());
		return -1;
	}
	md = openssl.ctx_new();
	buf = malloc(CHUNK);
	if (!md || !buf || openssl.init(md, openssl.sha256(), NULL) != 1) {
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
		if (openssl.update(md, buf, (size_t)n) != 1) {
			snprintf(why, why_size, "SHA-256 failed");
			goto out;
		}
		done += (uint64_t)n;
		if (progress)
			progress(done, total, ctx);
	}
	if (openssl.final(md, digest, &digest_len) != 1 || digest_len != 32) {
		snprintf(why, why_size, "SHA-256 failed");
		goto out;
	}
	to_hex(digest, digest_len, hex);
	*size = done;
	rc = 0;
out:
	free(buf);
	if (md)
		openssl.ctx_free(md);
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
