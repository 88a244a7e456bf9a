/* JSON writer: pretty-printed with two spaces, one value per line. */
#include "sirt/json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sirt/utf8.h"

void json_init(struct json *j, struct strbuf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static void indent(struct json *j)
{
	strbuf_putc(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		strbuf_puts(j->out, "  ");
}

/* Separates a new value from the previous one, unless it follows a key. */
static void before_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (j->has_items[j->depth])
			strbuf_putc(j->out, ',');
		j->has_items[j->depth] = true;
		indent(j);
	}
}

static void open_container(struct json *j, char c)
{
	before_value(j);
	strbuf_putc(j->out, c);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->has_items[j->depth] = false;
}

static void close_container(struct json *j, char c)
{
	bool had = j->has_items[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	strbuf_putc(j->out, c);
	if (j->depth == 0)
		strbuf_putc(j->out, '\n');
}

void json_object_begin(struct json *j) { open_container(j, '{'); }
void json_object_end(struct json *j) { close_container(j, '}'); }
void json_array_begin(struct json *j) { open_container(j, '['); }
void json_array_end(struct json *j) { close_container(j, ']'); }

void json_key(struct json *j, const char *key)
{
	before_value(j);
	json_escape(j->out, key);
	strbuf_puts(j->out, ": ");
	j->after_key = true;
}

/* What the escapes leave as it is: printable ASCII but the quote and the
 * backslash, and any valid UTF-8 at or past U+00A0 but the line and
 * paragraph separators and what must not reach a terminal (bidi, zero
 * width, tags: codepoint_dangerous). Such runs are copied whole: the audit chain
 * hashes a row's JSON on every write and every verify. */
static bool json_plain(const char *s, size_t len, int *n, bool as_hashed)
{
	unsigned char c = (unsigned char)s[0];
	uint32_t cp;

	if (c < 0x80) {
		*n = 1;
		return c >= 0x20 && c != 0x7F && c != '"' && c != '\\';
	}
	*n = utf8_decode(s, len, &cp);
	return *n > 0 && cp >= 0xA0 && cp != 0x2028 && cp != 0x2029 && (as_hashed || !codepoint_dangerous(cp));
}

static void escape(struct strbuf *out, const char *s, bool as_hashed)
{
	size_t len = strlen(s);
	size_t i = 0, run = 0;

	strbuf_putc(out, '"');
	while (i < len) {
		uint32_t cp;
		int n;

		if (json_plain(s + i, len - i, &n, as_hashed)) {
			i += (size_t)n;
			continue;
		}
		strbuf_add(out, s + run, i - run);
		if (n < 0) {
			/* The store holds valid UTF-8 only; this is a last guard. */
			strbuf_puts(out, "\\ufffd");
			run = ++i;
			continue;
		}
		utf8_decode(s + i, len - i, &cp);
		switch (cp) {
		case '"': strbuf_puts(out, "\\\""); break;
		case '\\': strbuf_puts(out, "\\\\"); break;
		case '\n': strbuf_puts(out, "\\n"); break;
		case '\r': strbuf_puts(out, "\\r"); break;
		case '\t': strbuf_puts(out, "\\t"); break;
		default:
			/* Escaped, not dropped: the reader gets the same text
			 * back, and a terminal showing the JSON gets no control,
			 * bidi override or invisible character. */
			if (cp >= 0x10000)
				strbuf_printf(out, "\\u%04x\\u%04x", (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
					      (unsigned)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
			else
				strbuf_printf(out, "\\u%04x", (unsigned)cp);
		}
		i += (size_t)n;
		run = i;
	}
	strbuf_add(out, s + run, i - run);
	strbuf_putc(out, '"');
}

void json_escape(struct strbuf *out, const char *s)
{
	escape(out, s, false);
}

void json_escape_hashed(struct strbuf *out, const char *s)
{
	escape(out, s, true);
}

void json_string(struct json *j, const char *s)
{
	before_value(j);
	if (s)
		escape(j->out, s, j->hashed);
	else
		strbuf_puts(j->out, "null");
}

void json_int(struct json *j, int64_t v)
{
	char digits[24];

	before_value(j);
	snprintf(digits, sizeof(digits), "%" PRId64, v);
	strbuf_puts(j->out, digits);
}

void json_bool(struct json *j, bool v)
{
	before_value(j);
	strbuf_puts(j->out, v ? "true" : "false");
}

void json_null(struct json *j)
{
	before_value(j);
	strbuf_puts(j->out, "null");
}
