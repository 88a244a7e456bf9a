/* What the fuzz targets share: each target is one file defining
 * LLVMFuzzerTestOneInput; fuzz.c sets the locale and zone once, gives
 * them a scratch directory, and FUZZ_CHECK turns a broken property into
 * an abort, which libFuzzer keeps as a crash and the replay test fails on.
 * Built with clang -fsanitize=fuzzer for `make fuzz`, and with replay.c
 * (a plain main) for the corpus replay in `make test`. */
#ifndef SIRT_FUZZ_H
#define SIRT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "sirt/ini.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The zone the targets run in: one with daylight saving, so that the
 * skipped and repeated hours of local times are exercised. */
#define FUZZ_TZ "Europe/Berlin"

/* A directory of this process's own, removed at exit. */
const char *fuzz_scratch(void);
/* Writes size bytes to fuzz_scratch()/name; returns the path (static). */
const char *fuzz_write(const char *name, const void *data, size_t size);
/* The input as a NUL-terminated string (cut at its first NUL); caller frees. */
char *fuzz_string(const uint8_t *data, size_t size);

/* Every problem has a message, and those about the file at path (whose
 * contents are data) name one of its lines, or none (line 0). */
void fuzz_check_diags(const struct diag_list *diags, const char *path, const uint8_t *data, size_t size);

void fuzz_fail(const char *file, int line, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));

/* FUZZ_CHECK(property, "what was seen", ...) */
#define FUZZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) \
			fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
	} while (0)

#endif
