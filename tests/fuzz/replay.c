/* Replays a fuzz target's saved inputs without libFuzzer: `make test`
 * builds every target with this main and runs it over its corpus and
 * regression inputs, so what fuzzing once found stays fixed. Each
 * argument is a file or a directory of files (read in name order).
 * Fails if a target finds nothing to replay. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "sirt/mem.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	uint8_t *data;
	size_t size;

	if (!f) {
		perror(path);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	size = sb.len;
	/* An exact-size copy, so that ASan sees any read past the input. */
	data = xmalloc(size ? size : 1);
	memcpy(data, strbuf_str(&sb), size);
	strbuf_free(&sb);
	/* Named first, so that a failure says which input it was. */
	printf("%s\n", path);
	fflush(stdout);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the number of inputs replayed, or -1. */
static long replay(const char *path)
{
	struct strlist names = {0};
	struct stat st;
	struct dirent *ent;
	DIR *dir;
	long count = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path) == 0 ? 1 : -1;
	if (!(dir = opendir(path))) {
		perror(path);
		return -1;
	}
	while ((ent = readdir(dir)))
		if (ent->d_name[0] != '.')
			strlist_add_owned(&names, xasprintf("%s/%s", path, ent->d_name));
	closedir(dir);
	qsort(names.items, names.len, sizeof(char *), compare_names);
	for (size_t i = 0; i < names.len && count >= 0; i++) {
		long n = replay(names.items[i]);
		count = n < 0 ? -1 : count + n;
	}
	strlist_free(&names);
	return count;
}

int main(int argc, char **argv)
{
	long total = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR-OR-FILE...\n", argv[0]);
		return 64;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		long n = replay(argv[i]);

		if (n < 0)
			return 1;
		printf("%s: %ld inputs replayed\n", argv[i], n);
		total += n;
	}
	if (total == 0) {
		fprintf(stderr, "no inputs to replay: the corpus is empty\n");
		return 1;
	}
	return 0;
}
