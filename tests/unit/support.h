/* Helpers the unit tests share: a scratch directory per test program and
 * writing small files into it. */
#ifndef SIRT_TEST_SUPPORT_H
#define SIRT_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char scratch_dir[256];

/* A fresh directory under $TMPDIR (or /tmp) for this test program. */
static inline const char *scratch(void)
{
	if (!scratch_dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(scratch_dir, sizeof(scratch_dir), "%s/sirt-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(scratch_dir)) {
			perror("mkdtemp");
			exit(1);
		}
	}
	return scratch_dir;
}

/* Writes text to scratch()/name and returns the path (static buffer). */
static inline const char *write_file(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", scratch(), name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

static inline const char *source_dir(void)
{
	const char *dir = getenv("SIRT_SOURCE_DIR");
	return dir && *dir ? dir : ".";
}

#endif
