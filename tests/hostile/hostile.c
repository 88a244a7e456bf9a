/* The corpus for shell tests: `hostile names [typeable|refused|all]`,
 * `hostile random SEED` (text of random valid UTF-8, the same for the
 * same seed), `hostile line MAXBYTES` (stdin on one line, line feeds as
 * spaces, cut at a character boundary),
 * `hostile get NAME [MAXBYTES]` (the text, cut at a character boundary),
 * `hostile json NAME` (as a JSON string, NUL included), `hostile strings`
 * (NUL-separated strings on stdin as a JSON array), `hostile csv` (CSV on
 * stdin, read as RFC 4180 says, as a JSON array of rows) and `hostile check
 * LABEL` (stdin must be text fit for a terminal; exit 1 and say where it
 * is not). */
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

static int usage(void)
{
	fputs("usage: hostile names [typeable|refused|all] | get NAME [MAXBYTES] | json NAME | strings | csv | "
	      "check LABEL | random SEED | line MAXBYTES\n", stderr);
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

static uint64_t next_random(uint64_t *state)
{
	/* xorshift64*: the same text for the same seed, on any machine. */
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * UINT64_C(2685821657736338717);
}

static void put_utf8(uint32_t cp)
{
	if (cp < 0x80) {
		putchar((int)cp);
	} else if (cp < 0x800) {
		putchar((int)(0xC0 | (cp >> 6)));
		putchar((int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		putchar((int)(0xE0 | (cp >> 12)));
		putchar((int)(0x80 | ((cp >> 6) & 0x3F)));
		putchar((int)(0x80 | (cp & 0x3F)));
	} else {
		putchar((int)(0xF0 | (cp >> 18)));
		putchar((int)(0x80 | ((cp >> 12) & 0x3F)));
		putchar((int)(0x80 | ((cp >> 6) & 0x3F)));
		putchar((int)(0x80 | (cp & 0x3F)));
	}
}

/* Valid UTF-8 of every kind a person or an attacker could send: plain
 * text, controls (no NUL: no argument carries one), C1, line feeds,
 * accents, bidi and invisible characters, CJK, emoji, private use and
 * noncharacters; never a surrogate. */
static int random_text(const char *seed_text)
{
	static const uint32_t format[] = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
					  0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C, 0xFEFF,
					  0x00AD, 0x034F, 0x2028, 0x2029, 0xE0001, 0xE0041, 0xFFF9, 0x0301};
	uint64_t state = strtoull(seed_text, NULL, 10) * UINT64_C(0x9E3779B97F4A7C15) + 1;
	size_t n = 1 + next_random(&state) % 400;

	for (size_t i = 0; i < n; i++) {
		uint64_t r = next_random(&state), pick = r % 100;
		uint32_t cp;

		r >>= 8;
		if (pick < 35)
			cp = 0x20 + (uint32_t)(r % 0x5F);
		else if (pick < 45)
			cp = 1 + (uint32_t)(r % 0x1F);		/* C0, line feed and ESC among them */
		else if (pick < 50)
			cp = 0x7F + (uint32_t)(r % 0x21);	/* DEL and C1 */
		else if (pick < 62)
			cp = 0xA0 + (uint32_t)(r % 0x1B0);
		else if (pick < 72)
			cp = format[r % (sizeof(format) / sizeof(format[0]))];
		else if (pick < 87) {
			cp = 0x250 + (uint32_t)(r % (0xFFFE - 0x250));
			if (cp >= 0xD800 && cp <= 0xDFFF)
				cp -= 0x800;
		} else if (pick < 97)
			cp = 0x10000 + (uint32_t)(r % 0x100000);
		else
			cp = (r & 1) ? 0xFFFE : 0xE000 + (uint32_t)(r % 0x1900);
		put_utf8(cp);
	}
	return 0;
}

/* stdin as one line of at most max bytes, never half a character. */
static int one_line(const char *max_text)
{
	size_t len, max = strtoul(max_text, NULL, 10);
	unsigned char *p = read_stdin(&len);

	for (size_t i = 0; i < len; i++)
		if (p[i] == '\n')
			p[i] = ' ';
	if (len > max) {
		len = max;
		while (len > 0 && (p[len] & 0xC0) == 0x80)
			len--;
	}
	fwrite(p, 1, len, stdout);
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
	if (strcmp(argv[1], "random") == 0)
		return argc == 3 ? random_text(argv[2]) : usage();
	if (strcmp(argv[1], "line") == 0)
		return argc == 3 ? one_line(argv[2]) : usage();
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
