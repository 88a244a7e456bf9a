/* Reading the hostile-text corpus, and checking what a program wrote to a
 * terminal. The checks are written apart from sirt's sanitiser on
 * purpose: a test that shared its list of dangerous code points would
 * share its mistakes. */
#include "corpus.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct bytes {
	char *p;
	size_t len, cap;
};

static void put(struct bytes *b, const void *data, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		b->cap = (b->len + len + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			fprintf(stderr, "corpus: out of memory\n");
			exit(2);
		}
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
}

/* Any value up to 0x7FFFFFFF, the way UTF-8 would spell it: surrogates
 * come out as the invalid bytes they are. */
static void put_code_point(struct bytes *b, unsigned long cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | cp >> 18);
		u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	put(b, u, n);
}

/* Decodes one TEXT field; NULL with *why set on a bad escape. */
static char *decode(const char *s, size_t *len, const char **why)
{
	struct bytes b = {0};
	char *end;

	put(&b, "", 0);
	while (*s) {
		char c = *s++;
		unsigned long v;

		if (c != '\\') {
			put(&b, &c, 1);
			continue;
		}
		switch (c = *s++) {
		case 'e': put(&b, "\x1b", 1); break;
		case 'a': put(&b, "\a", 1); break;
		case 'b': put(&b, "\b", 1); break;
		case 'r': put(&b, "\r", 1); break;
		case 'n': put(&b, "\n", 1); break;
		case 't': put(&b, "\t", 1); break;
		case '\\': put(&b, "\\", 1); break;
		case 'x':
			if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]))
				goto bad;
			{
				char hex[3] = {s[0], s[1], 0};
				unsigned char byte = (unsigned char)strtoul(hex, NULL, 16);
				put(&b, &byte, 1);
			}
			s += 2;
			break;
		case 'u':
			if (*s != '{')
				goto bad;
			v = strtoul(s + 1, &end, 16);
			if (end == s + 1 || *end != '}' || v > 0x10FFFF)
				goto bad;
			put_code_point(&b, v);
			s = end + 1;
			break;
		default:
			goto bad;
		}
	}
	*len = b.len;
	return b.p;
bad:
	*why = "unknown or malformed escape (\\e \\a \\b \\r \\n \\t \\\\ \\xHH \\u{H..})";
	free(b.p);
	return NULL;
}

int corpus_load(const char *path, struct corpus *out)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, cap_items = 0;
	int lineno = 0;
	ssize_t n;

	memset(out, 0, sizeof(*out));
	if (!f) {
		fprintf(stderr, "corpus: cannot open %s\n", path);
		return -1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *name = line, *flags, *text;
		const char *why = NULL;
		struct corpus_entry e = {{0}};

		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		flags = strchr(name, '\t');
		text = flags ? strchr(flags + 1, '\t') : NULL;
		if (!text) {
			why = "expected NAME<tab>FLAGS<tab>TEXT";
		} else {
			*flags++ = '\0';
			*text++ = '\0';
			if (strlen(name) >= sizeof(e.name) || strlen(flags) >= sizeof(e.flags))
				why = "name or flags too long";
		}
		if (!why) {
			snprintf(e.name, sizeof(e.name), "%s", name);
			snprintf(e.flags, sizeof(e.flags), "%s", strcmp(flags, "-") ? flags : "");
			e.text = decode(text, &e.len, &why);
		}
		if (!why && strchr(e.flags, 'L')) {
			struct bytes b = {0};

			while (b.len < CORPUS_LONG_BYTES)
				put(&b, e.text, e.len);
			free(e.text);
			e.text = b.p;
			e.len = b.len;
		}
		if (why) {
			fprintf(stderr, "%s:%d: %s\n", path, lineno, why);
			free(line);
			fclose(f);
			corpus_free(out);
			return -1;
		}
		if (out->len == cap_items) {
			cap_items = cap_items ? cap_items * 2 : 64;
			out->items = realloc(out->items, cap_items * sizeof(*out->items));
			if (!out->items) {
				fprintf(stderr, "corpus: out of memory\n");
				exit(2);
			}
		}
		out->items[out->len++] = e;
	}
	free(line);
	fclose(f);
	return 0;
}

int corpus_load_default(struct corpus *out)
{
	const char *src = getenv("SIRT_SOURCE_DIR");
	char path[4096];

	snprintf(path, sizeof(path), "%s/tests/hostile/corpus.txt", src && *src ? src : ".");
	return corpus_load(path, out);
}

void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->len; i++)
		free(c->items[i].text);
	free(c->items);
	memset(c, 0, sizeof(*c));
}

const struct corpus_entry *corpus_find(const struct corpus *c, const char *name)
{
	for (size_t i = 0; i < c->len; i++)
		if (strcmp(c->items[i].name, name) == 0)
			return &c->items[i];
	return NULL;
}

bool corpus_typeable(const struct corpus_entry *e)
{
	return !strchr(e->flags, 'i') && !strchr(e->flags, 'z');
}

/* ---- what reached the terminal ---- */

/* Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
 * Returns the length, or 0 if p does not start a valid sequence. */
static size_t utf8_next(const unsigned char *p, size_t len, uint32_t *cp)
{
	size_t n;
	uint32_t v, min;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0) {
		n = 2, v = p[0] & 0x1F, min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 3, v = p[0] & 0x0F, min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		n = 4, v = p[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/* What a terminal or a reader must never get as it is: controls, and the
 * code points that reorder, hide or smuggle text. */
static const char *dangerous(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F)
		return "a C0 control or DEL";
	if (cp >= 0x80 && cp <= 0x9F)
		return "a C1 control";
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
	    cp == 0x061C)
		return "a bidi control";
	if ((cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || cp == 0x00AD ||
	    cp == 0x034F || cp == 0x180E)
		return "an invisible character";
	if (cp == 0x2028 || cp == 0x2029)
		return "a line or paragraph separator";
	if (cp >= 0xE0000 && cp <= 0xE007F)
		return "a tag character";
	if (cp >= 0xFFF9 && cp <= 0xFFFB)
		return "an interlinear annotation control";
	if (wcwidth((wchar_t)cp) < 0)
		return "a code point the C library cannot print";
	return NULL;
}

/* ESC at p[0] (len bytes from it): the length of an escape sequence
 * that ncurses draws with, or 0 with *why saying what it is instead. */
static size_t curses_escape(const unsigned char *p, size_t len, const char **why)
{
	size_t i;

	if (len < 2) {
		*why = "ESC at the very end";
		return 0;
	}
	switch (p[1]) {
	case '[':
		for (i = 2; i < len && p[i] >= 0x30 && p[i] <= 0x3F; i++)
			;
		for (; i < len && p[i] >= 0x20 && p[i] <= 0x2F; i++)
			;
		if (i >= len || p[i] < 0x40 || p[i] > 0x7E) {
			*why = "a CSI sequence that never ends";
			return 0;
		}
		/* Motion, erasing, inserting and deleting, repeating,
		 * scrolling, colours, modes: what curses draws with. */
		if (strchr("@ABCDGHJKLMPSTXbdhlmr", p[i]))
			return i + 1;
		/* Saving and restoring the title around the alternate screen
		 * (xterm's smcup and rmcup): the user's own title. */
		if (p[i] == 't' && ((i == 8 && memcmp(p + 2, "22;0;0", 6) == 0) ||
				    (i == 8 && memcmp(p + 2, "23;0;0", 6) == 0)))
			return i + 1;
		*why = "a CSI sequence curses does not send (a query, a window operation, ...)";
		return 0;
	case ']': *why = "an OSC string (title, clipboard, hyperlink, palette)"; return 0;
	case 'P': *why = "a DCS string"; return 0;
	case '_': *why = "an APC string"; return 0;
	case '^': *why = "a PM string"; return 0;
	case 'X': *why = "an SOS string"; return 0;
	case 'c': *why = "a full reset (RIS)"; return 0;
	case '(':
	case ')':
		if (len >= 3 && (p[2] == 'B' || p[2] == '0'))
			return 3;
		*why = "a character set curses does not use";
		return 0;
	case '=':
	case '>':
	case '7':
	case '8':
	case 'M':
		return 2;
	default:
		*why = "an escape sequence curses does not send";
		return 0;
	}
}

long terminal_check(const unsigned char *p, size_t len, enum terminal_check mode, const char **why)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		if (p[i] == '\n' || (mode == TERMINAL_CURSES && (p[i] == '\r' || p[i] == '\b' || p[i] == '\t'))) {
			i++;
			continue;
		}
		if (p[i] == 0x1B && mode == TERMINAL_CURSES) {
			if (!(n = curses_escape(p + i, len - i, why)))
				return (long)i;
			i += n;
			continue;
		}
		if (p[i] == 0x1B) {
			*why = "ESC";
			return (long)i;
		}
		if (!(n = utf8_next(p + i, len - i, &cp))) {
			*why = p[i] >= 0x80 && p[i] <= 0x9F ? "a raw 8-bit C1 control, or invalid UTF-8" : "invalid UTF-8";
			return (long)i;
		}
		if ((*why = dangerous(cp)))
			return (long)i;
		i += n;
	}
	*why = NULL;
	return -1;
}

void terminal_check_show(const char *label, const unsigned char *p, size_t len, long at, const char *why)
{
	size_t from = at > 40 ? (size_t)at - 40 : 0, to = (size_t)at + 40 < len ? (size_t)at + 40 : len;

	fprintf(stderr, "%s: byte %ld of %zu: %s, in: ", label, at, len, why);
	for (size_t i = from; i < to; i++) {
		if (i == (size_t)at)
			fputs(">>>", stderr);
		if (p[i] >= 0x20 && p[i] < 0x7F && p[i] != '\\')
			fputc(p[i], stderr);
		else
			fprintf(stderr, "\\x%02x", p[i]);
	}
	fputc('\n', stderr);
}
