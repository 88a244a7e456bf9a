/* Fuzz target: the terminal sanitiser and the width functions that every
 * drawing path cuts sanitised text with (text_fit, text_pad, text_wrap in
 * src/util/utf8.c; draw_safe and draw_wrapped in the TUI rely on them).
 * Input: one byte of options (flags, a column limit), then the text.
 * Properties: the output is valid UTF-8 with no C0, DEL or C1 control
 * (but newlines where asked to keep them), nothing unprintable and no
 * code point of the table in tests/unit/unsafe_text.h, which is written
 * apart from the sanitiser so as to catch what it forgets; sanitising it
 * again changes nothing; what is cut to N columns takes N columns at most
 * (text_pad exactly N) and is cut at a character's edge. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sirt/sanitize.h"
#include "sirt/utf8.h"
#include "../unit/unsafe_text.h"

static void check_clean(const char *out, size_t len, unsigned flags)
{
	char why[96] = "";

	FUZZ_CHECK(utf8_valid(out, len), "output is not valid UTF-8");
	FUZZ_CHECK(unsafe_text_check(out, len, flags & SANITIZE_KEEP_NEWLINES, why, sizeof(why)) >= 0,
		   "the output holds %s", why);
}

/* Whether offset is where a character starts (or the end). */
static bool on_boundary(const char *s, size_t offset)
{
	return ((unsigned char)s[offset] & 0xC0) != 0x80;
}

static void check_widths(const char *safe, int cols)
{
	struct strbuf padded = {0};
	size_t len = strlen(safe), starts[64], rows;
	int used = -1;
	size_t fit = text_fit(safe, cols, &used);

	FUZZ_CHECK(fit <= len && used >= 0 && used <= cols, "text_fit(%d) gave %zu bytes, %d columns", cols, fit, used);
	FUZZ_CHECK(on_boundary(safe, fit), "text_fit(%d) cut inside a character at byte %zu", cols, fit);
	{
		char *prefix = strndup(safe, fit);
		FUZZ_CHECK(text_width(prefix) == used, "text_fit said %d columns, the prefix takes %d", used,
			   text_width(prefix));
		free(prefix);
	}
	/* Nothing that fits was left out: the next character is too wide. */
	if (fit < len) {
		char next[8] = "";
		uint32_t cp;
		int n = utf8_decode(safe + fit, len - fit, &cp);

		memcpy(next, safe + fit, n > 0 ? (size_t)n : 1);
		FUZZ_CHECK(used + text_width(next) > cols, "text_fit(%d) stopped at %d columns before \"%s\"", cols,
			   used, next);
	}

	for (int ellipsis = 0; ellipsis <= 1; ellipsis++) {
		char why[96] = "";
		int want = cols > 0 ? cols : 0;

		strbuf_reset(&padded);
		text_pad(&padded, safe, cols, ellipsis);
		FUZZ_CHECK(text_width(strbuf_str(&padded)) == want,
			   "text_pad(%d, ellipsis %d) is %d columns wide", cols, ellipsis,
			   text_width(strbuf_str(&padded)));
		/* The same, measured by the C library rather than by utf8.c. */
		FUZZ_CHECK(unsafe_text_check(strbuf_str(&padded), padded.len, false, why, sizeof(why)) == want,
			   "text_pad(%d, ellipsis %d) gives %s", cols, ellipsis, why[0] ? why : "another width");
		FUZZ_CHECK(utf8_valid(padded.data ? padded.data : "", padded.len), "text_pad cut a character");
	}
	strbuf_free(&padded);

	rows = text_wrap(safe, cols, starts, sizeof(starts) / sizeof(starts[0]));
	FUZZ_CHECK(rows >= 1 && rows <= 64 && starts[0] == 0, "text_wrap gave %zu rows", rows);
	for (size_t r = 0; r < rows; r++) {
		size_t end = r + 1 < rows ? starts[r + 1] : len;
		char *row;

		FUZZ_CHECK(starts[r] <= len && (r == 0 || starts[r] > starts[r - 1]), "row %zu starts at %zu", r,
			   starts[r]);
		FUZZ_CHECK(on_boundary(safe, starts[r]), "text_wrap(%d) starts row %zu inside a character (byte %zu)",
			   cols, r, starts[r]);
		if (r + 1 == rows)
			break;
		/* Blanks at a break are dropped when the row is drawn. */
		while (end > starts[r] + 1 && safe[end - 1] == ' ')
			end--;
		row = strndup(safe + starts[r], end - starts[r]);
		/* A row holds what fits, or one character too wide for the box. */
		if (text_width(row) > cols) {
			uint32_t cp;
			int n = utf8_decode(row, strlen(row), &cp);

			FUZZ_CHECK(text_width(row + (n > 0 ? n : 1)) == 0, "row %zu of text_wrap(%d) is %d wide: \"%s\"", r,
				   cols, text_width(row), row);
		}
		free(row);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = {0}, again = {0};
	unsigned flags;
	int cols;

	if (size < 1)
		return 0;
	flags = data[0] & 1 ? SANITIZE_KEEP_NEWLINES : 0;
	cols = data[0] >> 1;	/* 0 to 127 columns */
	data++;
	size--;

	sanitize_append(&out, (const char *)data, size, flags);
	check_clean(strbuf_str(&out), out.len, flags);
	FUZZ_CHECK(memchr(strbuf_str(&out), '\0', out.len) == NULL, "a NUL in the output");

	sanitize_append(&again, strbuf_str(&out), out.len, flags);
	FUZZ_CHECK(again.len == out.len && memcmp(strbuf_str(&again), strbuf_str(&out), out.len) == 0,
		   "sanitising twice changed \"%s\" into \"%s\"", strbuf_str(&out), strbuf_str(&again));

	/* The string form agrees, up to a NUL in the input. */
	if (!memchr(data, '\0', size)) {
		char *text = strndup((const char *)data, size);
		char *safe = sanitize(text, flags);

		FUZZ_CHECK(strcmp(safe, strbuf_str(&out)) == 0, "sanitize and sanitize_append differ");
		free(safe);
		free(text);
	}

	if (!(flags & SANITIZE_KEEP_NEWLINES))
		check_widths(strbuf_str(&out), cols);
	strbuf_free(&out);
	strbuf_free(&again);
	return 0;
}
