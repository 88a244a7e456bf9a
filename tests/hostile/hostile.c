/* The corpus for shell tests: `hostile names [typeable|refused|all]`,
 * `hostile get NAME [MAXBYTES]` (the text, cut at a character boundary),
 * `hostile json NAME` (as a JSON string, NUL included), `hostile strings`
 * (NUL-separated strings on stdin as a JSON array), `hostile csv` (CSV on
 * stdin, read as RFC 4180 says, as a JSON array of rows) and `hostile check
 * LABEL` (stdin must be text fit for a terminal; exit 1 and say where it
 * is not). */
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

static int usage(void)
{
	fputs("usage: hostile names [typeable|refused|all] | get NAME [MAXBYTES] | json NAME | strings | csv | check LABEL\n", stderr);
	return 2;
}

static const struct corpus_entry *entry(const struct corpus *c, const char *name)
{
	const struct corpus_entry *e = corpus_find(c, name);

	if (!e)
		fprintf(stderr, "hostile: no entry \"%s\" in the corpus\n", name);
	return e;
}

/* All of stdin, or exits. */
static unsigned char *read_stdin(size_t *len)
{
	size_t cap = 65536, n;
	unsigned char *p = malloc(cap);

	*len = 0;
	while (p && (n = fread(p + *len, 1, cap - *len, stdin)) > 0) {
		*len += n;
		if (*len == cap)
			p = realloc(p, cap *= 2);
	}
	if (!p) {
		fputs("hostile: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static int check(const char *label)
{
	size_t len;
	unsigned char *p = read_stdin(&len);
	const char *why;
	long at;

	at = terminal_check(p, len, TERMINAL_TEXT, &why);
	if (at >= 0)
		terminal_check_show(label, p, len, at, why);
	free(p);
	return at >= 0;
}

static void json(const char *text, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static int strings(void)
{
	size_t len, at = 0;
	unsigned char *p = read_stdin(&len);

	putchar('[');
	while (at < len) {
		size_t n = strnlen((const char *)p + at, len - at);

		if (at)
			putchar(',');
		json((const char *)p + at, n);
		at += n + 1;
	}
	puts("]");
	free(p);
	return 0;
}

/* RFC 4180: quoted cells may hold commas, quotes (doubled) and line
 * breaks; rows end in CRLF. Exits 1 on CSV that does not read so. */
static int csv(void)
{
	size_t len, i = 0;
	char *p = (char *)read_stdin(&len);
	bool first_row = true;

	putchar('[');
	while (i < len) {
		printf("%s[", first_row ? "" : ",");
		first_row = false;
		for (bool first = true;; first = false) {
			size_t start = i, n;
			char *cell;

			if (!first)
				putchar(',');
			if (i < len && p[i] == '"') {
				cell = malloc(len - i + 1);
				n = 0;
				for (i++; i < len; i++) {
					if (p[i] == '"' && i + 1 < len && p[i + 1] == '"')
						cell[n++] = p[i++];
					else if (p[i] == '"')
						break;
					else
						cell[n++] = p[i];
				}
				if (i++ >= len) {
					fputs("hostile: a quoted CSV cell never ends\n", stderr);
					return 1;
				}
			} else {
				while (i < len && p[i] != ',' && p[i] != '\r' && p[i] != '\n' && p[i] != '"')
					i++;
				if (i < len && p[i] == '"') {
					fputs("hostile: a quote inside an unquoted CSV cell\n", stderr);
					return 1;
				}
				n = i - start;
				cell = malloc(n + 1);
				memcpy(cell, p + start, n);
			}
			json(cell, n);
			free(cell);
			if (i < len && p[i] == ',') {
				i++;
				continue;
			}
			if (i + 2 <= len && p[i] == '\r' && p[i + 1] == '\n') {
				i += 2;
				break;
			}
			fprintf(stderr, "hostile: a CSV row that does not end in CRLF at byte %zu\n", i);
			return 1;
		}
		putchar(']');
	}
	puts("]");
	free(p);
	return 0;
}

int main(int argc, char **argv)
{
	struct corpus c;
	const struct corpus_entry *e;
	int code = 0;

	setlocale(LC_ALL, "C.UTF-8");
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "check") == 0)
		return argc == 3 ? check(argv[2]) : usage();
	if (strcmp(argv[1], "strings") == 0)
		return argc == 2 ? strings() : usage();
	if (strcmp(argv[1], "csv") == 0)
		return argc == 2 ? csv() : usage();
	if (corpus_load_default(&c))
		return 2;
	if (strcmp(argv[1], "names") == 0 && argc <= 3) {
		const char *which = argc == 3 ? argv[2] : "all";

		for (size_t i = 0; i < c.len; i++) {
			bool typeable = corpus_typeable(&c.items[i]);
			if (strcmp(which, "all") == 0 || (strcmp(which, "typeable") == 0 && typeable) ||
			    (strcmp(which, "refused") == 0 && !typeable))
				puts(c.items[i].name);
		}
	} else if (strcmp(argv[1], "get") == 0 && (argc == 3 || argc == 4)) {
		if ((e = entry(&c, argv[2]))) {
			size_t len = e->len;

			if (argc == 4 && strtoul(argv[3], NULL, 10) < len) {
				len = strtoul(argv[3], NULL, 10);
				/* Never half a character. */
				while (len > 0 && ((unsigned char)e->text[len] & 0xC0) == 0x80)
					len--;
			}
			fwrite(e->text, 1, len, stdout);
		} else {
			code = 1;
		}
	} else if (strcmp(argv[1], "json") == 0 && argc == 3) {
		if ((e = entry(&c, argv[2]))) {
			json(e->text, e->len);
			putchar('\n');
		}
		else
			code = 1;
	} else {
		code = usage();
	}
	corpus_free(&c);
	return code;
}
