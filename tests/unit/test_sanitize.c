/* Unit tests for the terminal sanitiser (src/core/sanitize.c): escapes, C0/C1
 * controls, invalid UTF-8, bidi/invisible code points, and random input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/json.h"
#include "sirt/sanitize.h"
#include "sirt/utf8.h"
#include "unsafe_text.h"

static void assert_sanitized(const char *in, unsigned flags, const char *expected)
{
	char *out = sanitize(in, flags);

	assert_non_null(out);
	assert_string_equal(out, expected);
	free(out);
}

/* The code point cp, UTF-8 encoded, between "a" and "b". */
static void assert_cp_shown_as(uint32_t cp, const char *shown)
{
	char in[8], expected[40];
	size_t n;

	in[0] = 'a';
	n = utf8_encode(cp, in + 1);
	in[1 + n] = 'b';
	in[2 + n] = '\0';
	snprintf(expected, sizeof(expected), "a%sb", shown);
	assert_sanitized(in, 0, expected);
}

static void test_escape_sequences(void **state)
{
	(void)state;
	assert_sanitized("\x1b[2J", 0, "^[[2J");
	assert_sanitized("\x1b]0;pwned\x07", 0, "^[]0;pwned^G");
	assert_sanitized("\x1b[31mred\x1b[0m", 0, "^[[31mred^[[0m");
	assert_sanitized("\x1b]52;c;aGk=\x1b\\", 0, "^[]52;c;aGk=^[\\");	/* clipboard write */
	assert_sanitized("\x1bP+q\x1b\\", 0, "^[P+q^[\\");
}

static void test_c1_controls(void **state)
{
	(void)state;
	/* As a raw byte it is not UTF-8 at all. */
	assert_sanitized("\x9b", 0, "\\x9b");
	assert_sanitized("\x9b" "2J", 0, "\\x9b2J");
	/* As UTF-8 it is the code point U+009B (CSI). */
	assert_sanitized("\xc2\x9b", 0, "\\x9b");
	assert_sanitized("\xc2\x9b" "2J", 0, "\\x9b2J");
	assert_sanitized("\xc2\x80", 0, "\\x80");
	assert_sanitized("a\xc2\x85" "b", 0, "a\\x85b");
	assert_sanitized("\xc2\x9d" "0;t\xc2\x9c", 0, "\\x9d0;t\\x9c");	/* OSC ... ST */
	assert_sanitized("\xc2\x9f", 0, "\\x9f");
	/* U+00A0 is the first printable one after them. */
	assert_sanitized("\xc2\xa0", 0, "\xc2\xa0");
}

static void test_c0_controls_and_del(void **state)
{
	(void)state;
	assert_sanitized("\x07", 0, "^G");	/* BEL */
	assert_sanitized("abc\x08\x08\x08xyz", 0, "abc^H^H^Hxyz");	/* BS overprinting */
	assert_sanitized("safe\rEVIL", 0, "safe^MEVIL");	/* CR overwriting */
	assert_sanitized("a\tb", 0, "a^Ib");
	assert_sanitized("\x01\x1a\x1c\x1f", 0, "^A^Z^\\^_");
	assert_sanitized("\x7f", 0, "^?");	/* DEL */
	assert_sanitized("x\x7fy", 0, "x^?y");

	/* NUL only reaches sanitize_append, which takes a length. */
	{
		struct strbuf sb = {0};

		sanitize_append(&sb, "a\0b", 3, 0);
		assert_string_equal(strbuf_str(&sb), "a^@b");
		strbuf_free(&sb);
	}
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	assert_sanitized("a\xff" "b", 0, "a\\xffb");
	assert_sanitized("\xc0\xaf", 0, "\\xc0\\xaf");	/* overlong '/' */
	assert_sanitized("\xed\xa0\x80", 0, "\\xed\\xa0\\x80");	/* surrogate */
	assert_sanitized("\xf4\x90\x80\x80", 0, "\\xf4\\x90\\x80\\x80");
	assert_sanitized("end\xe5\x85", 0, "end\\xe5\\x85");	/* truncated */
	assert_sanitized("\xe5\x85" "A", 0, "\\xe5\\x85A");
}

static void test_bidi_controls(void **state)
{
	(void)state;
	/* The classic file-name trick: "exe.gpj" shown reversed. */
	assert_sanitized("invoice\xe2\x80\xaegpj.exe", 0, "invoice<U+202E>gpj.exe");
	assert_cp_shown_as(0x202a, "<U+202A>");
	assert_cp_shown_as(0x202b, "<U+202B>");
	assert_cp_shown_as(0x202c, "<U+202C>");
	assert_cp_shown_as(0x202d, "<U+202D>");
	assert_cp_shown_as(0x202e, "<U+202E>");
	assert_cp_shown_as(0x2066, "<U+2066>");
	assert_cp_shown_as(0x2067, "<U+2067>");
	assert_cp_shown_as(0x2068, "<U+2068>");
	assert_cp_shown_as(0x2069, "<U+2069>");
	assert_cp_shown_as(0x200e, "<U+200E>");
	assert_cp_shown_as(0x200f, "<U+200F>");
	assert_cp_shown_as(0x061c, "<U+061C>");
}

static void test_invisible_code_points(void **state)
{
	(void)state;
	assert_cp_shown_as(0x200b, "<U+200B>");	/* zero width space */
	assert_cp_shown_as(0x200c, "<U+200C>");
	assert_cp_shown_as(0x200d, "<U+200D>");
	assert_cp_shown_as(0x2060, "<U+2060>");	/* word joiner */
	assert_cp_shown_as(0xfeff, "<U+FEFF>");	/* BOM */
	assert_cp_shown_as(0x00ad, "<U+00AD>");	/* soft hyphen */
	assert_cp_shown_as(0x2028, "<U+2028>");
	/* Tag characters spell hidden ASCII ("A" here). */
	assert_cp_shown_as(0xe0041, "<U+E0041>");
	assert_cp_shown_as(0xe0001, "<U+E0001>");
	assert_cp_shown_as(0xe007f, "<U+E007F>");
	assert_sanitized("ok\xf3\xa0\x81\x81\xf3\xa0\x81\x82", 0, "ok<U+E0041><U+E0042>");
	/* Format characters that take no room: each hides between letters. */
	assert_cp_shown_as(0x180e, "<U+180E>");	/* Mongolian vowel separator */
	assert_cp_shown_as(0x2061, "<U+2061>");	/* function application */
	assert_cp_shown_as(0x2062, "<U+2062>");	/* invisible times */
	assert_cp_shown_as(0x2063, "<U+2063>");	/* invisible separator */
	assert_cp_shown_as(0x2064, "<U+2064>");	/* invisible plus */
	assert_cp_shown_as(0x034f, "<U+034F>");	/* combining grapheme joiner */
	/* Interlinear annotation anchor, separator, terminator. */
	assert_cp_shown_as(0xfff9, "<U+FFF9>");
	assert_cp_shown_as(0xfffa, "<U+FFFA>");
	assert_cp_shown_as(0xfffb, "<U+FFFB>");
	assert_sanitized("1\xe2\x81\xa2" "2\xe2\x81\xa4" "3", 0, "1<U+2062>2<U+2064>3");
}

/* How the contract in sanitize.h shows a code point that must not reach
 * the terminal: ^X, ^?, \x9b or <U+XXXX>. */
static void shown_form(uint32_t cp, char *out, size_t size)
{
	if (cp < 0x20)
		snprintf(out, size, "^%c", (char)('@' + cp));
	else if (cp == 0x7f)
		snprintf(out, size, "^?");
	else if (cp >= 0x80 && cp <= 0x9f)
		snprintf(out, size, "\\x%02x", (unsigned)cp);
	else
		snprintf(out, size, "<U+%04X>", (unsigned)cp);
}

/* Every code point of the independent table (unsafe_text.h), and the
 * neighbours on each side of each range, which are not in the table. */
static void test_every_unsafe_code_point(void **state)
{
	char shown[32];

	(void)state;
	for (size_t r = 0; r < UNSAFE_RANGES; r++) {
		uint32_t first = unsafe_ranges[r].first, last = unsafe_ranges[r].last;

		for (uint32_t cp = first; cp <= last; cp++) {
			if (cp == 0)
				continue;	/* not in a C string; see test_c0_controls_and_del */
			shown_form(cp, shown, sizeof(shown));
			assert_cp_shown_as(cp, shown);
		}
		for (int side = 0; side < 2; side++) {
			uint32_t cp = side ? last + 1 : first - 1;	/* before U+0000: none */
			char in[8] = "", *out;
			char why[96];

			if (cp > 0x10ffff || unsafe_codepoint(cp))
				continue;
			in[utf8_encode(cp, in)] = '\0';
			out = sanitize(in, 0);
			if (unsafe_text_check(out, strlen(out), false, why, sizeof(why)) < 0)
				fail_msg("U+%04X gave \"%s\": %s", (unsigned)cp, out, why);
			free(out);
		}
	}
}

static void test_plain_text_unchanged(void **state)
{
	static const char *const plain[] = {
		"", "hello, world!", "Burak K\xc4\xb1l\xc4\xb1n\xc3\xa7", "\xe5\x85\xa8\xe8\xa7\x92",
		"cafe\xcc\x81", "e\xcc\x81\xcc\xa3", "\xe2\x82\xac 10 \xe2\x80\x94 \xc2\xab\xc2\xbb",
		"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82", "\xf0\x9f\x94\x92 locked",
		"~`!@#$%^&*()_+-={}[]|\\:;\"'<>,.?/",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		assert_sanitized(plain[i], 0, plain[i]);
		assert_sanitized(plain[i], SANITIZE_KEEP_NEWLINES, plain[i]);
	}
	assert_sanitized(NULL, 0, "");
}

static void test_newlines(void **state)
{
	(void)state;
	assert_sanitized("a\nb", 0, "a^Jb");
	assert_sanitized("a\nb", SANITIZE_KEEP_NEWLINES, "a\nb");
	assert_sanitized("line 1\nline 2\n", SANITIZE_KEEP_NEWLINES, "line 1\nline 2\n");
	/* Keeping newlines keeps nothing else. */
	assert_sanitized("a\r\nb", SANITIZE_KEEP_NEWLINES, "a^M\nb");
	assert_sanitized("\x1b[2J\n\t\xc2\x9b", SANITIZE_KEEP_NEWLINES, "^[[2J\n^I\\x9b");
}

static void test_append_and_length(void **state)
{
	struct strbuf sb = {0};

	(void)state;
	strbuf_puts(&sb, "name: ");
	sanitize_append(&sb, "evil\x1b[2Jtrailing", 8, 0);	/* only the first 8 bytes */
	assert_string_equal(strbuf_str(&sb), "name: evil^[[2J");
	/* A length that cuts a character in half shows the bytes, not garbage. */
	strbuf_reset(&sb);
	sanitize_append(&sb, "\xc3\xa7", 1, 0);
	assert_string_equal(strbuf_str(&sb), "\\xc3");
	strbuf_free(&sb);
}

static void test_is_dangerous(void **state)
{
	static const uint32_t dangerous[] = {
		0x00, 0x07, 0x0a, 0x1b, 0x1f, 0x7f, 0x80, 0x9b, 0x9f, 0x061c, 0x200b, 0x200e,
		0x202e, 0x2066, 0x2069, 0xfeff, 0xfff9, 0xe0041, 0x110000, 0x180e, 0x2061, 0x2062,
		0x2063, 0x2064, 0xfffa, 0xfffb,
	};
	static const uint32_t safe[] = {
		0x20, 'a', '~', 0xa0, 0xe7, 0x131, 0x301, 0x5168, 0x20ac, 0xfffd, 0x1f512,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(dangerous) / sizeof(dangerous[0]); i++)
		if (!sanitize_is_dangerous(dangerous[i]))
			fail_msg("U+%04X is not flagged as dangerous", (unsigned)dangerous[i]);
	for (size_t i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		if (sanitize_is_dangerous(safe[i]))
			fail_msg("U+%04X is flagged as dangerous", (unsigned)safe[i]);
}

/* Pieces that make random input interesting: escapes, C1 in both forms,
 * bidi and invisible code points, broken sequences, ordinary text. */
static const char *const pieces[] = {
	"\x1b", "\x1b[", "\x9b", "\xc2\x9b", "\xc2\x85", "\x7f", "\n", "\r", "\t", "\x07",
	"\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x80\x8b", "\xef\xbb\xbf", "\xf3\xa0\x81\x81",
	"\xc2\xad", "\xd8\x9c", "\xcc\x81", "\xe5\x85\xa8", "\xc4\xb1", "\xf0\x9f\x94\x92",
	"\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "\xe5\x85", "^[", "\\x9b", "<U+202E>",
	"a", " ", "^",
};

static size_t random_input(char *buf, size_t cap)
{
	size_t want = (size_t)(rand() % 65), len = 0;

	while (len < want) {
		int kind = rand() % 5;

		if (kind < 2) {
			buf[len++] = (char)(1 + rand() % 255);	/* any byte but NUL */
		} else if (kind == 2) {
			const char *p = pieces[rand() % (int)(sizeof(pieces) / sizeof(pieces[0]))];
			size_t n = strlen(p);

			if (len + n > want)
				break;
			memcpy(buf + len, p, n);
			len += n;
		} else {
			/* Any scalar value, encoded properly, or one at or next
			 * to a range of the unsafe table. */
			uint32_t cp = (uint32_t)rand() % 0x110000;
			char enc[4];
			size_t n;

			if (kind == 4) {
				const struct unsafe_range *u = &unsafe_ranges[rand() % (int)UNSAFE_RANGES];

				cp = u->first - 1 + (uint32_t)rand() % (u->last - u->first + 3);
			}

			if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
				continue;
			n = utf8_encode(cp, enc);
			if (len + n > want)
				break;
			memcpy(buf + len, enc, n);
			len += n;
		}
	}
	assert_true(len < cap);
	buf[len] = '\0';
	return len;
}

/* The output is judged by the table in unsafe_text.h, not by the
 * sanitiser's own test; clipped to a width, it takes that width. */
static void check_output(const char *in, const char *out, unsigned flags)
{
	struct strbuf padded = {0};
	char why[96], *again;
	int cols = rand() % 40;

	if (unsafe_text_check(out, strlen(out), flags & SANITIZE_KEEP_NEWLINES, why, sizeof(why)) < 0)
		fail_msg("sanitising %zu bytes gave %s", strlen(in), why);
	if (!(flags & SANITIZE_KEEP_NEWLINES)) {
		text_pad(&padded, out, cols, true);
		if (unsafe_text_check(padded.data ? padded.data : "", padded.len, false, why, sizeof(why)) != cols)
			fail_msg("\"%s\" cut to %d columns is \"%s\"", out, cols, strbuf_str(&padded));
		strbuf_free(&padded);
	}
	again = sanitize(out, flags);
	if (strcmp(again, out) != 0)
		fail_msg("sanitising twice changed \"%s\" into \"%s\"", out, again);
	free(again);
}

static void test_random_property(void **state)
{
	char buf[128];

	(void)state;
	srand(20261122);
	for (int round = 0; round < 2000; round++) {
		unsigned flags = round % 4 == 3 ? SANITIZE_KEEP_NEWLINES : 0;
		char *out;

		random_input(buf, sizeof(buf));
		out = sanitize(buf, flags);
		check_output(buf, out, flags);
		if (!flags)
			assert_null(strchr(out, '\n'));
		free(out);
	}
}

/* JSON escapes what the sanitiser would mark, so that JSON on a terminal
 * shows nothing raw, and reads back as the same text: a tag character
 * as its surrogate pair. */
static void test_json_escapes_what_is_dangerous(void **state)
{
	struct strbuf out = {0};

	(void)state;
	json_escape(&out, "a\x1b]0;x\a \xc2\x9b \xe2\x80\xae \xe2\x80\x8b \xf3\xa0\x81\x81 \xe2\x80\xa8 \xc3\xa9\xe6\xbc\xa2");
	assert_string_equal(strbuf_str(&out),
			    "\"a\\u001b]0;x\\u0007 \\u009b \\u202e \\u200b \\udb40\\udc41 \\u2028 \xc3\xa9\xe6\xbc\xa2\"");
	strbuf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_sequences),
		cmocka_unit_test(test_c1_controls),
		cmocka_unit_test(test_c0_controls_and_del),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_bidi_controls),
		cmocka_unit_test(test_invisible_code_points),
		cmocka_unit_test(test_every_unsafe_code_point),
		cmocka_unit_test(test_plain_text_unchanged),
		cmocka_unit_test(test_newlines),
		cmocka_unit_test(test_append_and_length),
		cmocka_unit_test(test_is_dangerous),
		cmocka_unit_test(test_random_property),
		cmocka_unit_test(test_json_escapes_what_is_dangerous),
	};

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "test_sanitize: the C.UTF-8 locale is missing\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
