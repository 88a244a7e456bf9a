/* Unit tests for UTF-8 decoding/encoding and terminal column widths
 * (src/util/utf8.c): strict decoding, round trips, width, fit and padding. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/input.h"
#include "sirt/utf8.h"

/* Decodes the whole string s (strlen bytes) and checks length and value. */
static void assert_decodes(const char *s, int len, uint32_t cp)
{
	uint32_t got = 0xDEADBEEF;
	int n = utf8_decode(s, strlen(s), &got);

	if (n != len || got != cp)
		fail_msg("decoding %zu bytes gave length %d, U+%04X; expected %d, U+%04X",
			 strlen(s), n, (unsigned)got, len, (unsigned)cp);
	assert_true(utf8_valid(s, strlen(s)));
}

static void assert_rejected(const char *s, size_t len)
{
	uint32_t got = 0;
	int n = utf8_decode(s, len, &got);

	if (n != -1)
		fail_msg("a %zu-byte invalid sequence starting 0x%02x was accepted (length %d, U+%04X)",
			 len, (unsigned char)s[0], n, (unsigned)got);
	assert_false(utf8_valid(s, len));
}

static void test_decode_valid(void **state)
{
	(void)state;
	assert_decodes("A", 1, 0x41);
	assert_decodes("\x7f", 1, 0x7f);
	assert_decodes("\xc2\x80", 2, 0x80);
	assert_decodes("\xc4\xb1", 2, 0x131);	/* ı */
	assert_decodes("\xdf\xbf", 2, 0x7ff);
	assert_decodes("\xe0\xa0\x80", 3, 0x800);
	assert_decodes("\xe5\x85\xa8", 3, 0x5168);	/* 全 */
	assert_decodes("\xed\x9f\xbf", 3, 0xd7ff);	/* just below the surrogates */
	assert_decodes("\xee\x80\x80", 3, 0xe000);	/* just above them */
	assert_decodes("\xef\xbf\xbf", 3, 0xffff);
	assert_decodes("\xf0\x90\x80\x80", 4, 0x10000);
	assert_decodes("\xf0\x9f\x98\x80", 4, 0x1f600);
	assert_decodes("\xf4\x8f\xbf\xbf", 4, 0x10ffff);

	/* Only the first character is decoded when more follow. */
	{
		uint32_t cp;

		assert_int_equal(utf8_decode("\xc3\xa7" "abc", 5, &cp), 2);
		assert_int_equal(cp, 0xe7);
	}
}

static void test_decode_overlong(void **state)
{
	(void)state;
	assert_rejected("\xc0\xaf", 2);	/* '/' in two bytes */
	assert_rejected("\xc0\x80", 2);	/* NUL in two bytes */
	assert_rejected("\xc1\xbf", 2);
	assert_rejected("\xe0\x80\xaf", 3);
	assert_rejected("\xe0\x9f\xbf", 3);	/* U+07FF in three bytes */
	assert_rejected("\xf0\x80\x80\xaf", 4);
	assert_rejected("\xf0\x8f\xbf\xbf", 4);	/* U+FFFF in four bytes */
}

static void test_decode_surrogates(void **state)
{
	(void)state;
	assert_rejected("\xed\xa0\x80", 3);	/* U+D800 */
	assert_rejected("\xed\xaf\xbf", 3);	/* U+DBFF */
	assert_rejected("\xed\xb0\x80", 3);	/* U+DC00 */
	assert_rejected("\xed\xbf\xbf", 3);	/* U+DFFF */
}

static void test_decode_too_large(void **state)
{
	(void)state;
	assert_rejected("\xf4\x90\x80\x80", 4);	/* U+110000 */
	assert_rejected("\xf5\x80\x80\x80", 4);
	assert_rejected("\xf7\xbf\xbf\xbf", 4);
	assert_rejected("\xf8\x88\x80\x80\x80", 5);	/* old 5-byte form */
	assert_rejected("\xfc\x84\x80\x80\x80\x80", 6);
	assert_rejected("\xfe", 1);
	assert_rejected("\xff", 1);
}

static void test_decode_truncated(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("", 0, &cp), -1);
	assert_rejected("\xc4", 1);
	assert_rejected("\xe5\x85", 2);
	assert_rejected("\xe5", 1);
	assert_rejected("\xf0\x9f\x98", 3);
	assert_rejected("\xf0\x9f", 2);
	/* A complete sequence cut by len is truncated too. */
	assert_rejected("\xe5\x85\xa8", 2);
	assert_rejected("\xf0\x9f\x98\x80", 3);
	/* A lead byte followed by something that is not a continuation. */
	assert_rejected("\xe5\x85" "A", 3);
	assert_rejected("\xc4" "A", 2);
	assert_rejected("\xf0\x9f\x98" "A", 4);
	assert_rejected("\xc4\xc4\xb1", 3);
}

static void test_decode_stray_continuation(void **state)
{
	(void)state;
	assert_rejected("\x80", 1);
	assert_rejected("\x9b", 1);
	assert_rejected("\xbf", 1);
	assert_rejected("\x80\x80\x80", 3);
	/* In the middle of otherwise valid text. */
	assert_false(utf8_valid("ab\xa0" "cd", 5));
	assert_false(utf8_valid("K\xc4\xb1\xb1", 4));
	assert_true(utf8_valid("Burak K\xc4\xb1l\xc4\xb1n\xc3\xa7", 15));
	assert_true(utf8_valid("", 0));
}

static void test_encode_boundaries(void **state)
{
	static const struct {
		uint32_t cp;
		size_t len;
		const char *bytes;
	} cases[] = {
		{0x00, 1, "\x00"},
		{0x41, 1, "A"},
		{0x7f, 1, "\x7f"},
		{0x80, 2, "\xc2\x80"},
		{0x7ff, 2, "\xdf\xbf"},
		{0x800, 3, "\xe0\xa0\x80"},
		{0xd7ff, 3, "\xed\x9f\xbf"},
		{0xe000, 3, "\xee\x80\x80"},
		{0xffff, 3, "\xef\xbf\xbf"},
		{0x10000, 4, "\xf0\x90\x80\x80"},
		{0x10ffff, 4, "\xf4\x8f\xbf\xbf"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[8] = {0};
		uint32_t back = 0xDEADBEEF;

		assert_int_equal(utf8_encode(cases[i].cp, buf), cases[i].len);
		assert_memory_equal(buf, cases[i].bytes, cases[i].len);
		assert_int_equal(utf8_decode(buf, cases[i].len, &back), (int)cases[i].len);
		assert_int_equal(back, cases[i].cp);
	}
}

/* Every Unicode scalar value survives encode then decode, with the
 * shortest length for its range. */
/* The one rule every input path holds text to: the limit is the last
 * byte that fits, a line feed makes two lines, bad bytes are refused
 * before anything else is said of them. */
static void test_input_text_check(void **state)
{
	char text[INPUT_LINE_MAX + 2], why[96];

	(void)state;
	memset(text, 'a', sizeof(text));
	assert_true(input_text_check(text, INPUT_LINE_MAX, INPUT_ONE_LINE, INPUT_LINE_MAX, why, sizeof(why)));
	assert_false(input_text_check(text, INPUT_LINE_MAX + 1, INPUT_ONE_LINE, INPUT_LINE_MAX, why, sizeof(why)));
	assert_string_equal(why, "is 2001 bytes long; at most 2000 fit");
	assert_false(input_text_check("a\nb", 3, INPUT_ONE_LINE, INPUT_LINE_MAX, why, sizeof(why)));
	assert_string_equal(why, "must be one line");
	assert_true(input_text_check("a\nb", 3, INPUT_LINES, INPUT_LINES_MAX, why, sizeof(why)));
	/* A carriage return, ESC and C1 as UTF-8 are kept: sanitised on
	 * the way to a terminal, never refused. */
	assert_true(input_text_check("a\r\x1b[2J\xc2\x9b", 8, INPUT_ONE_LINE, INPUT_LINE_MAX, why, sizeof(why)));
	assert_false(input_text_check("a\x9b\n", 3, INPUT_ONE_LINE, INPUT_LINE_MAX, why, sizeof(why)));
	assert_string_equal(why, "is not valid UTF-8 text");
	assert_false(input_text_check("\xed\xa0\x80", 3, INPUT_LINES, INPUT_LINES_MAX, why, sizeof(why)));
}

static void test_encode_roundtrip_all(void **state)
{
	(void)state;
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		char buf[4];
		uint32_t back;
		size_t n;
		size_t expect = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = utf8_encode(cp, buf);
		if (n != expect || utf8_decode(buf, n, &back) != (int)n || back != cp)
			fail_msg("U+%04X did not round-trip", (unsigned)cp);
	}
}

static void test_text_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("K\xc4\xb1l\xc4\xb1n\xc3\xa7"), 6);	/* Kılınç */
	assert_int_equal(text_width("\xe5\x85\xa8\xe8\xa7\x92"), 4);	/* 全角 */
	assert_int_equal(text_width("e\xcc\x81"), 1);
	assert_int_equal(text_width("cafe\xcc\x81 \xe5\x85\xa8"), 7);
	assert_int_equal(text_width("\xe2\x80\xa6"), 1);	/* … */
	/* Invalid bytes count one column each. */
	assert_int_equal(text_width("a\xff" "b"), 3);
	assert_int_equal(text_width("\xe5\x85"), 2);
}

static void test_text_fit_wide(void **state)
{
	const char *s = "a\xe5\x85\xa8" "b";	/* a全b: 1+2+1 columns */
	int used = -1;

	(void)state;
	assert_int_equal(text_fit(s, 0, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(text_fit(s, 1, &used), 1);
	assert_int_equal(used, 1);
	/* 2 columns: the wide character does not fit whole, so it is left out. */
	assert_int_equal(text_fit(s, 2, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit(s, 3, &used), 4);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit(s, 4, &used), 5);
	assert_int_equal(used, 4);
	assert_int_equal(text_fit(s, 80, &used), 5);
	assert_int_equal(used, 4);

	/* 全角 in 3 columns: only the first character. */
	assert_int_equal(text_fit("\xe5\x85\xa8\xe8\xa7\x92", 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit("\xe5\x85\xa8\xe8\xa7\x92", 1, &used), 0);
	assert_int_equal(used, 0);
	/* used may be NULL. */
	assert_int_equal(text_fit("\xe5\x85\xa8\xe8\xa7\x92", 4, NULL), 6);
}

/* Found by the sanitize fuzz target: a character wider than the row was
 * cut after its first byte, and the next row began inside it. */
static void test_text_wrap_wider_than_row(void **state)
{
	size_t starts[8];

	(void)state;
	/* 全角 in one column: a row each, whole. */
	assert_int_equal(text_wrap("\xe5\x85\xa8\xe8\xa7\x92", 1, starts, 8), 2);
	assert_int_equal(starts[0], 0);
	assert_int_equal(starts[1], 3);
	/* A combining mark stays with the wide character it follows. */
	assert_int_equal(text_wrap("\xe5\x85\xa8\xcc\x81\xe8\xa7\x92", 1, starts, 8), 2);
	assert_int_equal(starts[1], 5);
}

/* The rows of a wrap, as drawn: each within its columns, with no blank
 * at either end, and with one blank put back between them the text. */
static void test_text_wrap_row(void **state)
{
	const char *s = "word1 word2 word3  Kılınç word5";
	size_t starts[8], n;
	struct strbuf joined = {0};

	(void)state;
	n = text_wrap(s, 12, starts, 8);
	assert_int_equal(n, 3);
	for (size_t k = 0; k < n; k++) {
		char *row = text_wrap_row(s, starts, n, k);

		assert_true(text_width(row) <= 12);
		assert_true(*row && row[0] != ' ' && row[strlen(row) - 1] != ' ');
		strbuf_printf(&joined, "%s%s", k ? " " : "", row);
		free(row);
	}
	assert_string_equal(strbuf_str(&joined), "word1 word2 word3 Kılınç word5");
	strbuf_free(&joined);
}

static void test_text_fit_combining(void **state)
{
	const char *s = "cafe\xcc\x81!";	/* café! with a combining accent */
	int used = -1;

	(void)state;
	/* The accent goes with its "e", never left behind or split off. */
	assert_int_equal(text_fit(s, 4, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(text_fit(s, 3, &used), 3);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit(s, 5, &used), 7);
	assert_int_equal(used, 5);
	/* A wide base that does not fit takes its mark with it. */
	assert_int_equal(text_fit("a\xe5\x85\xa8\xcc\x81", 2, &used), 1);
	assert_int_equal(used, 1);
	/* Never cut inside a multi-byte character. */
	for (int cols = 0; cols <= 8; cols++) {
		size_t n = text_fit("K\xc4\xb1l\xc4\xb1n\xc3\xa7", cols, &used);

		assert_true(utf8_valid("K\xc4\xb1l\xc4\xb1n\xc3\xa7", n));
		assert_int_equal(used, cols < 6 ? cols : 6);
	}
}

/* text_pad into a fresh buffer; checks the width is exactly cols. */
static void assert_pad(const char *s, int cols, bool ellipsis, const char *expected)
{
	struct strbuf sb = {0};

	text_pad(&sb, s, cols, ellipsis);
	assert_string_equal(strbuf_str(&sb), expected);
	assert_int_equal(text_width(strbuf_str(&sb)), cols < 0 ? 0 : cols);
	strbuf_free(&sb);
}

static void test_text_pad(void **state)
{
	(void)state;
	assert_pad("abc", 6, false, "abc   ");
	assert_pad("abc", 6, true, "abc   ");
	assert_pad("abc", 3, true, "abc");	/* fits exactly: no ellipsis */
	assert_pad("abcdefgh", 5, false, "abcde");
	assert_pad("abcdefgh", 5, true, "abcd\xe2\x80\xa6");
	assert_pad("abcdefgh", 1, true, "\xe2\x80\xa6");
	assert_pad("", 3, true, "   ");
	assert_pad("abc", 0, true, "");
	assert_pad("K\xc4\xb1l\xc4\xb1n\xc3\xa7", 8, true, "K\xc4\xb1l\xc4\xb1n\xc3\xa7  ");
	assert_pad("K\xc4\xb1l\xc4\xb1n\xc3\xa7", 4, true, "K\xc4\xb1l\xe2\x80\xa6");

	/* Wide characters are never split: a space fills the odd column. */
	assert_pad("\xe5\x85\xa8\xe8\xa7\x92\xe5\x85\xa8\xe8\xa7\x92", 5, true,
		   "\xe5\x85\xa8\xe8\xa7\x92\xe2\x80\xa6");
	assert_pad("\xe5\x85\xa8\xe8\xa7\x92\xe5\x85\xa8\xe8\xa7\x92", 4, true,
		   "\xe5\x85\xa8\xe2\x80\xa6 ");
	assert_pad("\xe5\x85\xa8\xe8\xa7\x92", 3, false, "\xe5\x85\xa8 ");
	assert_pad("\xe5\x85\xa8\xe8\xa7\x92", 1, false, " ");

	/* A combining accent stays on the last letter kept. */
	assert_pad("cafe\xcc\x81 au lait", 5, true, "cafe\xcc\x81\xe2\x80\xa6");
	assert_pad("cafe\xcc\x81", 6, true, "cafe\xcc\x81  ");

	/* It appends to what is already in the buffer. */
	{
		struct strbuf sb = {0};

		strbuf_puts(&sb, "[");
		text_pad(&sb, "abcdef", 4, true);
		strbuf_puts(&sb, "]");
		assert_string_equal(strbuf_str(&sb), "[abc\xe2\x80\xa6]");
		strbuf_free(&sb);
	}
}

static void assert_pad_left(const char *s, int cols, const char *expected)
{
	struct strbuf sb = {0};

	text_pad_left(&sb, s, cols);
	assert_string_equal(strbuf_str(&sb), expected);
	assert_int_equal(text_width(strbuf_str(&sb)), cols);
	strbuf_free(&sb);
}

static void test_text_pad_left(void **state)
{
	(void)state;
	assert_pad_left("42", 5, "   42");
	assert_pad_left("42", 2, "42");
	assert_pad_left("", 3, "   ");
	assert_pad_left("\xc3\xa7", 3, "  \xc3\xa7");
	assert_pad_left("\xe5\x85\xa8", 4, "  \xe5\x85\xa8");
	assert_pad_left("e\xcc\x81", 3, "  e\xcc\x81");
	/* Too long: clipped to the width. */
	assert_pad_left("abcdef", 3, "abc");
	assert_pad_left("\xe5\x85\xa8\xe8\xa7\x92", 3, "\xe5\x85\xa8 ");
}

static void whole_words_match_in_any_case(void **state)
{
	const char *t = "ACME's and Acmeville, MÜLLER GmbH; xIT IT";

	(void)state;
	assert_int_equal(utf8_match_word(t, t, "acme"), 4);
	assert_int_equal(utf8_match_word(t, t + 10, "acme"), 0);		/* inside Acmeville */
	assert_int_equal(utf8_match_word(t, strstr(t, "MÜLLER"), "müller gmbh"), strlen("MÜLLER GmbH"));
	assert_int_equal(utf8_match_word(t, strstr(t, "IT"), "it"), 0);		/* joined to x */
	assert_int_equal(utf8_match_word(t, strstr(t, " IT") + 1, "it"), 2);
	assert_int_equal(utf8_match_word(t, t, ""), 0);
	assert_true(utf8_equal_nocase("Burak Kılınç", "burak kılınç"));
	assert_true(utf8_equal_nocase("Müller GmbH", "MÜLLER GMBH"));
	assert_false(utf8_equal_nocase("Müller", "Müller GmbH"));
	assert_int_equal(utf8_fit_bytes("aé", 3, 2), 1);	/* not half of é */
	assert_int_equal(utf8_fit_bytes("aé", 3, 3), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_words_match_in_any_case),
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_overlong),
		cmocka_unit_test(test_decode_surrogates),
		cmocka_unit_test(test_decode_too_large),
		cmocka_unit_test(test_decode_truncated),
		cmocka_unit_test(test_decode_stray_continuation),
		cmocka_unit_test(test_encode_boundaries),
		cmocka_unit_test(test_encode_roundtrip_all),
		cmocka_unit_test(test_input_text_check),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_text_fit_wide),
		cmocka_unit_test(test_text_wrap_wider_than_row),
		cmocka_unit_test(test_text_wrap_row),
		cmocka_unit_test(test_text_fit_combining),
		cmocka_unit_test(test_text_pad),
		cmocka_unit_test(test_text_pad_left),
	};

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "test_utf8: the C.UTF-8 locale is missing\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
