/* What must never reach a terminal as it is, written down apart from the
 * code under test: the sanitiser's output is judged against this, not
 * against the sanitiser's own idea of what is dangerous (a code point
 * missing from both would go unnoticed). Used by test_sanitize.c and
 * the sanitize fuzz target.
 *
 * The table is from the Unicode character database: controls, the
 * characters that steer bidi layout, and format characters that show as
 * nothing or join or hide what is around them. Variation selectors
 * (U+FE00-FE0F, U+E0100-E01EF) are left out: the sanitiser keeps them,
 * as emoji need them. Decoding and widths come from the C library, so
 * the process runs in a UTF-8 locale (C.UTF-8). */
#ifndef SIRT_TEST_UNSAFE_TEXT_H
#define SIRT_TEST_UNSAFE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <wchar.h>

static const struct unsafe_range {
	uint32_t first, last;
	const char *what;
} unsafe_ranges[] = {
	{0x0000, 0x001F, "C0 control"},
	{0x007F, 0x007F, "DEL"},
	{0x0080, 0x009F, "C1 control"},
	{0x00AD, 0x00AD, "soft hyphen"},
	{0x034F, 0x034F, "combining grapheme joiner"},
	{0x061C, 0x061C, "Arabic letter mark"},
	{0x17B4, 0x17B5, "Khmer inherent vowel (invisible; not to be used)"},
	{0x180E, 0x180E, "Mongolian vowel separator"},
	{0x200B, 0x200D, "zero-width space, non-joiner or joiner"},
	{0x200E, 0x200F, "left-to-right or right-to-left mark"},
	{0x2028, 0x2029, "line or paragraph separator"},
	{0x202A, 0x202E, "bidi embedding or override"},
	{0x2060, 0x2060, "word joiner"},
	{0x2061, 0x2064, "invisible math operator"},
	{0x2066, 0x2069, "bidi isolate"},
	{0x206A, 0x206F, "deprecated format character"},
	{0x3164, 0x3164, "Hangul filler"},
	{0xFEFF, 0xFEFF, "zero-width no-break space (BOM)"},
	{0xFFA0, 0xFFA0, "halfwidth Hangul filler"},
	{0xFFF9, 0xFFFB, "interlinear annotation control"},
	{0x1BCA0, 0x1BCA3, "shorthand format control"},
	{0x1D173, 0x1D17A, "musical symbol format control"},
	{0xE0000, 0xE007F, "tag character"},
};

#define UNSAFE_RANGES (sizeof(unsafe_ranges) / sizeof(unsafe_ranges[0]))

/* What cp is, if it must not reach a terminal as it is; else NULL. */
static inline const char *unsafe_codepoint(uint32_t cp)
{
	for (size_t i = 0; i < UNSAFE_RANGES; i++)
		if (cp >= unsafe_ranges[i].first && cp <= unsafe_ranges[i].last)
			return unsafe_ranges[i].what;
	return NULL;
}

/* Checks text (len bytes) for a terminal: valid UTF-8 (no overlong form,
 * surrogate or value past U+10FFFF), no code point of the table (but
 * newlines, when keep_newlines) and nothing the C library cannot print.
 * Returns its width in columns, or -1 with what is wrong in why. */
static inline int unsafe_text_check(const char *text, size_t len, bool keep_newlines, char *why, size_t size)
{
	mbstate_t st = {0};
	size_t i = 0;
	int width = 0;

	while (i < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, text + i, len - i, &st);
		uint32_t cp = (uint32_t)wc;
		const char *what;
		int w;

		if (n == 0)
			n = 1;	/* a NUL: the table says what it is */
		if (n > 4 || (uint32_t)wc > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			snprintf(why, size, "not UTF-8 at byte %zu", i);
			return -1;
		}
		if (cp == '\n' && keep_newlines) {
			i += n;
			continue;
		}
		if ((what = unsafe_codepoint(cp))) {
			snprintf(why, size, "U+%04X (%s) as it is at byte %zu", (unsigned)cp, what, i);
			return -1;
		}
		if ((w = wcwidth(wc)) < 0) {
			snprintf(why, size, "unprintable U+%04X at byte %zu", (unsigned)cp, i);
			return -1;
		}
		width += w;
		i += n;
	}
	return width;
}

#endif
