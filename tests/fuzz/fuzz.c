/* Set-up and helpers for every fuzz target (see fuzz.h). */
#include "fuzz.h"

#include <ftw.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sirt/mem.h"

static char scratch_dir[256];

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void remove_scratch(void)
{
	if (scratch_dir[0])
		nftw(scratch_dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_scratch(void)
{
	if (!scratch_dir[0]) {
		const char *tmp = getenv("TMPDIR");

		snprintf(scratch_dir, sizeof(scratch_dir), "%s/sirt-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(scratch_dir)) {
			perror("mkdtemp");
			abort();
		}
		atexit(remove_scratch);
	}
	return scratch_dir;
}

const char *fuzz_write(const char *name, const void *data, size_t size)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fuzz_scratch(), name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

char *fuzz_string(const uint8_t *data, size_t size)
{
	return xstrndup((const char *)data, size);
}

void fuzz_fail(const char *file, int line, const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: property broken: %s\n  ", file, line, what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void fuzz_check_diags(const struct diag_list *diags, const char *path, const uint8_t *data, size_t size)
{
	int lines = size > 0 && data[size - 1] != '\n';

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	for (size_t i = 0; i < diags->len; i++) {
		const struct diag *d = &diags->items[i];

		FUZZ_CHECK(d->message && d->message[0], "an empty message");
		if (strcmp(d->file, path) == 0)
			FUZZ_CHECK(d->line >= 0 && d->line <= lines, "line %d of a file of %d lines: %s", d->line, lines,
				   d->message);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Widths come from wcwidth(): the targets need a UTF-8 LC_CTYPE. */
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "fuzz: the C.UTF-8 locale is missing\n");
		abort();
	}
	setenv("TZ", FUZZ_TZ, 1);
	tzset();
	if (access("/usr/share/zoneinfo/" FUZZ_TZ, R_OK) != 0) {
		fprintf(stderr, "fuzz: /usr/share/zoneinfo/%s is missing: install tzdata\n", FUZZ_TZ);
		abort();
	}
	return 0;
}
