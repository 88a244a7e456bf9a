/* Unit tests for the field editor (src/core/editor.c): typing, cursor moves,
 * deletions, word and kill commands, wide and combining characters, limits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/editor.h"
#include "sirt/utf8.h"

/* Types s (UTF-8) one code point at a time, as the keyboard would.
 * Returns how many insertions were accepted. */
static size_t type(struct editor *ed, const char *s)
{
	size_t len = strlen(s), i = 0, accepted = 0;

	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);

		assert_true(n > 0);	/* the test strings themselves are valid */
		if (editor_insert(ed, (wchar_t)cp))
			accepted++;
		i += (size_t)n;
	}
	return accepted;
}

static void assert_text(const struct editor *ed, const char *expected)
{
	char *text = editor_text(ed);

	assert_non_null(text);
	assert_string_equal(text, expected);
	free(text);
}

static void test_insert_ascii(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	assert_text(&ed, "");
	assert_int_equal(type(&ed, "hello world"), 11);
	assert_text(&ed, "hello world");
	assert_int_equal(ed.len, 11);
	assert_int_equal(ed.cursor, 11);
	editor_free(&ed);
}

static void test_insert_non_ascii(void **state)
{
	struct editor ed;
	char *text;

	(void)state;
	editor_init(&ed);
	assert_int_equal(type(&ed, "Burak Kılınç"), 12);
	assert_int_equal(ed.len, 12);	/* code points, not bytes */
	assert_int_equal(ed.cursor, 12);
	text = editor_text(&ed);
	assert_string_equal(text, "Burak K\xc4\xb1l\xc4\xb1n\xc3\xa7");
	assert_int_equal(strlen(text), 15);
	free(text);
	editor_free(&ed);
}

static void test_insert_in_middle(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	type(&ed, "helo");
	editor_move_left(&ed);
	assert_int_equal(ed.cursor, 3);
	assert_true(editor_insert(&ed, L'l'));
	assert_text(&ed, "hello");
	assert_int_equal(ed.cursor, 4);

	/* Non-ASCII in the middle of non-ASCII. */
	editor_set(&ed, "Kılç");
	editor_move_left(&ed);
	type(&ed, "ın");
	assert_text(&ed, "Kılınç");
	assert_int_equal(ed.cursor, 5);

	/* At the very start. */
	editor_move_home(&ed);
	assert_true(editor_insert(&ed, L'>'));
	assert_text(&ed, ">Kılınç");
	assert_int_equal(ed.cursor, 1);
	editor_free(&ed);
}

static void test_delete_before(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	editor_set(&ed, "Kılınç");
	editor_delete_before(&ed);
	assert_text(&ed, "Kılın");
	assert_int_equal(ed.cursor, 5);

	editor_move_left(&ed);
	editor_move_left(&ed);
	editor_delete_before(&ed);	/* removes the 'l' */
	assert_text(&ed, "Kıın");
	assert_int_equal(ed.cursor, 2);

	editor_move_home(&ed);
	editor_delete_before(&ed);	/* nothing before the start */
	assert_text(&ed, "Kıın");
	assert_int_equal(ed.cursor, 0);
	editor_free(&ed);
}

static void test_delete_at(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	editor_set(&ed, "abcç");
	editor_delete_at(&ed);	/* at the end: nothing after */
	assert_text(&ed, "abcç");
	assert_int_equal(ed.cursor, 4);

	editor_move_home(&ed);
	editor_delete_at(&ed);
	assert_text(&ed, "bcç");
	assert_int_equal(ed.cursor, 0);

	editor_move_right(&ed);
	editor_move_right(&ed);
	editor_delete_at(&ed);
	assert_text(&ed, "bc");
	assert_int_equal(ed.cursor, 2);
	editor_free(&ed);
}

static void test_move_left_right_home_end(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	editor_set(&ed, "abc");
	assert_int_equal(ed.cursor, 3);
	editor_move_right(&ed);	/* already at the end */
	assert_int_equal(ed.cursor, 3);
	editor_move_left(&ed);
	assert_int_equal(ed.cursor, 2);
	editor_move_left(&ed);
	editor_move_left(&ed);
	assert_int_equal(ed.cursor, 0);
	editor_move_left(&ed);	/* already at the start */
	assert_int_equal(ed.cursor, 0);
	editor_move_right(&ed);
	assert_int_equal(ed.cursor, 1);
	editor_move_end(&ed);
	assert_int_equal(ed.cursor, 3);
	editor_move_home(&ed);
	assert_int_equal(ed.cursor, 0);

	/* Multi-line: home and end stay on the cursor's line. */
	ed.multiline = true;
	editor_set(&ed, "");
	type(&ed, "one\ntwo\nthree");
	assert_text(&ed, "one\ntwo\nthree");
	editor_move_home(&ed);
	assert_int_equal(ed.cursor, 8);
	editor_move_left(&ed);	/* onto the end of "two" */
	editor_move_left(&ed);
	editor_move_home(&ed);
	assert_int_equal(ed.cursor, 4);
	editor_move_end(&ed);
	assert_int_equal(ed.cursor, 7);
	editor_free(&ed);
}

static void test_word_moves(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	editor_set(&ed, "foo bar_baz  qux");
	editor_move_word_left(&ed);
	assert_int_equal(ed.cursor, 13);
	editor_move_word_left(&ed);
	assert_int_equal(ed.cursor, 4);	/* '_' is part of a word */
	editor_move_word_left(&ed);
	assert_int_equal(ed.cursor, 0);
	editor_move_word_left(&ed);
	assert_int_equal(ed.cursor, 0);

	editor_move_word_right(&ed);
	assert_int_equal(ed.cursor, 3);
	editor_move_word_right(&ed);
	assert_int_equal(ed.cursor, 11);
	editor_move_word_right(&ed);
	assert_int_equal(ed.cursor, 16);
	editor_move_word_right(&ed);
	assert_int_equal(ed.cursor, 16);

	/* Letters beyond ASCII are word characters too. */
	editor_set(&ed, "Burak Kılınç");
	editor_move_word_left(&ed);
	assert_int_equal(ed.cursor, 6);

	/* Found by the editor fuzz target: a mark on a character that is not
	 * part of a word ("!" with an acute) counted as a word of its own,
	 * and the cursor stopped between the two. */
	editor_set(&ed, "ab!\xcc\x81");
	editor_move_word_left(&ed);
	assert_int_equal(ed.cursor, 0);
	editor_move_word_right(&ed);
	assert_int_equal(ed.cursor, 2);
	editor_move_word_right(&ed);
	assert_int_equal(ed.cursor, 4);
	/* A mark at the start of a line stands alone: Home stops before it,
	 * and Backspace there takes the line break, not the mark with it. */
	ed.multiline = true;
	editor_set(&ed, "a\n\xcc\x81");
	editor_move_home(&ed);
	assert_int_equal(ed.cursor, 2);
	editor_delete_before(&ed);
	assert_text(&ed, "a\xcc\x81");
	/* Found by the editor fuzz target: a character typed before such a
	 * mark takes it, and the cursor goes after both. */
	editor_set(&ed, "\xcc\x81x");
	editor_move_home(&ed);
	assert_true(editor_insert(&ed, L')'));
	assert_text(&ed, ")\xcc\x81x");
	assert_int_equal(ed.cursor, 2);
	/* So does a line break deleted before one. */
	editor_set(&ed, "e\n\xcc\x81x");
	editor_move_home(&ed);
	editor_delete_before(&ed);
	assert_text(&ed, "e\xcc\x81x");
	assert_int_equal(ed.cursor, 2);
	editor_free(&ed);
}

static void test_delete_word_before(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	editor_set(&ed, "git push origin");
	editor_delete_word_before(&ed);
	assert_text(&ed, "git push ");
	assert_int_equal(ed.cursor, 9);
	editor_delete_word_before(&ed);	/* the blank goes with the word before it */
	assert_text(&ed, "git ");
	editor_delete_word_before(&ed);
	assert_text(&ed, "");
	assert_int_equal(ed.cursor, 0);
	editor_delete_word_before(&ed);	/* nothing left: harmless */
	assert_text(&ed, "");

	/* In the middle: only the word before the cursor goes. */
	editor_set(&ed, "git push origin");
	editor_move_word_left(&ed);	/* before "origin" */
	editor_move_left(&ed);	/* after "push" */
	editor_delete_word_before(&ed);
	assert_text(&ed, "git  origin");
	assert_int_equal(ed.cursor, 4);

	editor_set(&ed, "Burak Kılınç");
	editor_delete_word_before(&ed);
	assert_text(&ed, "Burak ");
	editor_free(&ed);
}

static void test_kill_to_end_and_start(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	editor_set(&ed, "hello world");
	editor_move_home(&ed);
	editor_move_word_right(&ed);	/* after "hello" */
	editor_kill_to_end(&ed);
	assert_text(&ed, "hello");
	assert_int_equal(ed.cursor, 5);

	editor_set(&ed, "hello world");
	editor_move_word_left(&ed);	/* before "world" */
	editor_kill_to_start(&ed);
	assert_text(&ed, "world");
	assert_int_equal(ed.cursor, 0);

	editor_kill_to_start(&ed);	/* at the start: nothing */
	assert_text(&ed, "world");
	editor_move_end(&ed);
	editor_kill_to_end(&ed);	/* at the end: nothing */
	assert_text(&ed, "world");

	/* Multi-line: only the cursor's line is cut. */
	ed.multiline = true;
	editor_set(&ed, "");
	type(&ed, "one\ntwo\nthree");
	editor_move_left(&ed);
	editor_move_left(&ed);
	editor_move_left(&ed);
	editor_move_left(&ed);
	editor_move_left(&ed);
	editor_move_left(&ed);
	editor_move_left(&ed);	/* "one\ntw|o\nthree" */
	assert_int_equal(ed.cursor, 6);
	editor_kill_to_end(&ed);
	assert_text(&ed, "one\ntw\nthree");
	editor_kill_to_start(&ed);
	assert_text(&ed, "one\n\nthree");
	assert_int_equal(ed.cursor, 4);
	editor_free(&ed);
}

static void test_wide_columns(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	type(&ed, "全角");
	assert_text(&ed, "全角");
	assert_int_equal(ed.len, 2);
	assert_int_equal(editor_columns(&ed, 0, 1), 2);
	assert_int_equal(editor_columns(&ed, 1, 2), 2);
	assert_int_equal(editor_columns(&ed, 0, 2), 4);
	assert_int_equal(editor_columns(&ed, 0, 99), 4);	/* clamped to the text */

	editor_set(&ed, "a全b角c");
	assert_int_equal(editor_columns(&ed, 0, ed.len), 7);
	editor_set(&ed, "Kılınç");
	assert_int_equal(editor_columns(&ed, 0, ed.len), 6);
	editor_set(&ed, "cafe\xcc\x81");
	assert_int_equal(editor_columns(&ed, 0, ed.len), 4);
	editor_free(&ed);
}

static bool is_mark(wchar_t c)
{
	return codepoint_width((uint32_t)c) == 0;
}

/* The cursor's column in the box is editor_columns(scroll, cursor); it must
 * fit with one column for the cursor itself, and scroll must sit on the
 * start of a character (never on a combining mark). */
static void assert_cursor_visible(const struct editor *ed, int width)
{
	assert_true(ed->scroll <= ed->cursor);
	assert_true(editor_columns(ed, ed->scroll, ed->cursor) + 1 <= width);
	if (ed->scroll < ed->len)
		assert_false(is_mark(ed->text[ed->scroll]));
}

static void test_wide_scroll(void **state)
{
	struct editor ed;
	size_t i;

	(void)state;
	editor_init(&ed);
	type(&ed, "全角全角全角全角");	/* 16 columns */
	editor_scroll_to_cursor(&ed, 5);
	assert_cursor_visible(&ed, 5);
	/* Two wide characters (4 columns) before the cursor is the most that fits. */
	assert_int_equal(ed.scroll, 6);
	assert_int_equal(editor_columns(&ed, ed.scroll, ed.cursor), 4);

	/* Walking back to the start keeps the cursor in view all the way. */
	for (i = 0; i < 8; i++) {
		editor_move_left(&ed);
		editor_scroll_to_cursor(&ed, 5);
		assert_cursor_visible(&ed, 5);
	}
	assert_int_equal(ed.cursor, 0);
	assert_int_equal(ed.scroll, 0);

	/* And forward again. */
	for (i = 0; i < 8; i++) {
		editor_move_right(&ed);
		editor_scroll_to_cursor(&ed, 5);
		assert_cursor_visible(&ed, 5);
	}
	assert_int_equal(ed.cursor, 8);

	/* The narrowest box: only the cursor cell fits. */
	editor_scroll_to_cursor(&ed, 2);
	assert_cursor_visible(&ed, 2);
	assert_int_equal(ed.scroll, ed.cursor);

	/* An odd width over wide characters: a half character is never shown. */
	editor_set(&ed, "a全b角c全角");
	ed.scroll = 0;
	editor_scroll_to_cursor(&ed, 4);
	assert_cursor_visible(&ed, 4);
	assert_int_equal(editor_columns(&ed, ed.scroll, ed.cursor), 2);

	/* Combining marks: scroll never lands between a base and its mark. */
	editor_set(&ed, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81");
	ed.scroll = 0;
	for (int width = 2; width <= 6; width++) {
		editor_move_end(&ed);
		ed.scroll = 0;
		editor_scroll_to_cursor(&ed, width);
		assert_cursor_visible(&ed, width);
		assert_int_equal(editor_columns(&ed, ed.scroll, ed.cursor), width - 1);
		while (ed.cursor > 0) {
			editor_move_left(&ed);
			editor_scroll_to_cursor(&ed, width);
			assert_cursor_visible(&ed, width);
		}
	}
	editor_free(&ed);
}

static void test_combining_is_one_unit(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	/* Typed: "e" then U+0301 COMBINING ACUTE ACCENT. */
	type(&ed, "cafe");
	assert_true(editor_insert(&ed, 0x301));
	assert_text(&ed, "cafe\xcc\x81");
	assert_int_equal(ed.len, 5);

	editor_move_left(&ed);	/* jumps over both */
	assert_int_equal(ed.cursor, 3);
	editor_move_right(&ed);
	assert_int_equal(ed.cursor, 5);

	editor_delete_before(&ed);	/* removes both */
	assert_text(&ed, "caf");
	assert_int_equal(ed.cursor, 3);

	editor_set(&ed, "cafe\xcc\x81!");
	editor_move_home(&ed);
	editor_move_right(&ed);
	editor_move_right(&ed);
	editor_move_right(&ed);
	assert_int_equal(ed.cursor, 3);
	editor_delete_at(&ed);	/* at its start: removes both */
	assert_text(&ed, "caf!");
	assert_int_equal(ed.cursor, 3);

	/* Several marks on one base are still one unit. */
	editor_set(&ed, "xa\xcc\x81\xcc\xa3y");
	editor_move_left(&ed);
	editor_move_left(&ed);
	assert_int_equal(ed.cursor, 1);
	editor_move_right(&ed);
	assert_int_equal(ed.cursor, 4);
	editor_delete_before(&ed);
	assert_text(&ed, "xy");
	editor_free(&ed);
}

static void test_controls_refused(void **state)
{
	static const wchar_t refused[] = {
		0x1b, 0x9b, 0x00, 0x07, 0x08, L'\t', L'\r', L'\n', 0x7f, 0x80, 0x85, 0x9f,
		0xD800, 0xDFFF, 0x110000,
	};
	struct editor ed;

	(void)state;
	editor_init(&ed);
	editor_set(&ed, "ab");
	editor_move_left(&ed);
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_false(editor_insert(&ed, refused[i]));
		assert_text(&ed, "ab");
		assert_int_equal(ed.len, 2);
		assert_int_equal(ed.cursor, 1);
	}
	/* The printable neighbours of the refused ranges are accepted. */
	assert_true(editor_insert(&ed, L' '));
	assert_true(editor_insert(&ed, L'~'));
	assert_true(editor_insert(&ed, 0xa0));
	assert_text(&ed, "a ~\xc2\xa0" "b");

	/* A multi-line editor takes a newline, still not the other controls. */
	ed.multiline = true;
	editor_set(&ed, "a");
	assert_true(editor_insert(&ed, L'\n'));
	assert_false(editor_insert(&ed, 0x1b));
	assert_text(&ed, "a\n");
	editor_free(&ed);
}

static void test_max_bytes(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	ed.max_bytes = 5;
	assert_int_equal(type(&ed, "abcdefg"), 5);
	assert_text(&ed, "abcde");

	/* Counted in UTF-8 bytes: "abc" + "ı" (2 bytes) is exactly 5. */
	editor_set(&ed, "abc");
	assert_true(editor_insert(&ed, 0x131));
	assert_false(editor_insert(&ed, L'x'));
	assert_text(&ed, "abcı");

	/* 4 bytes + "ç" (2 bytes) would be 6: refused, but a 1-byte one fits. */
	editor_set(&ed, "abcd");
	assert_false(editor_insert(&ed, 0xe7));
	assert_text(&ed, "abcd");
	assert_true(editor_insert(&ed, L'e'));
	assert_text(&ed, "abcde");

	/* A 3-byte CJK character does not fit in the 2 bytes left. */
	editor_set(&ed, "abc");
	assert_false(editor_insert(&ed, 0x5168));
	assert_text(&ed, "abc");
	editor_set(&ed, "ab");
	assert_true(editor_insert(&ed, 0x5168));
	assert_text(&ed, "ab全");

	/* A refused insert in the middle leaves text and cursor as they were. */
	editor_move_left(&ed);
	assert_false(editor_insert(&ed, L'x'));
	assert_text(&ed, "ab全");
	assert_int_equal(ed.cursor, 2);

	/* Deleting makes room again. */
	editor_delete_before(&ed);
	assert_true(editor_insert(&ed, L'x'));
	assert_text(&ed, "ax全");
	editor_free(&ed);
}

static void test_set_invalid_utf8(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	editor_set(&ed, "a\xff" "b");
	assert_int_equal(ed.len, 3);
	assert_int_equal(ed.cursor, 3);
	assert_int_equal(ed.text[1], 0xfffd);
	assert_text(&ed, "a\xef\xbf\xbd" "b");

	/* A truncated sequence: each stray byte becomes one U+FFFD. */
	editor_set(&ed, "x\xe2\x82");
	assert_text(&ed, "x\xef\xbf\xbd\xef\xbf\xbd");

	/* Valid text is taken as it is, replacing what was there. */
	editor_set(&ed, "Burak Kılınç 全角");
	assert_text(&ed, "Burak Kılınç 全角");
	assert_int_equal(ed.cursor, ed.len);
	editor_set(&ed, NULL);
	assert_text(&ed, "");
	assert_int_equal(ed.len, 0);
	editor_free(&ed);
}

static void test_is_empty(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed);
	assert_true(editor_is_empty(&ed));
	editor_set(&ed, "");
	assert_true(editor_is_empty(&ed));
	editor_set(&ed, "   ");
	assert_true(editor_is_empty(&ed));
	editor_set(&ed, " \t ");
	assert_true(editor_is_empty(&ed));
	editor_set(&ed, "  a ");
	assert_false(editor_is_empty(&ed));
	editor_set(&ed, "ı");
	assert_false(editor_is_empty(&ed));
	editor_kill_to_start(&ed);
	assert_true(editor_is_empty(&ed));
	editor_free(&ed);
}

/* The rows of a box of cols columns, each as text, joined with '|'. */
static char *rows_of(const char *text, int cols)
{
	struct editor ed;
	size_t starts[64], n;
	char *all = calloc(1, 4096);

	editor_init(&ed);
	editor_set(&ed, text);
	n = editor_wrap(&ed, cols, starts, 64);
	for (size_t r = 0; r < n; r++) {
		size_t end = r + 1 < n ? starts[r + 1] : ed.len;
		char buf[8];

		if (r)
			strcat(all, "|");
		for (size_t k = starts[r]; k < end; k++) {
			if (ed.text[k] == L'\n')
				continue;
			buf[utf8_encode((uint32_t)ed.text[k], buf)] = '\0';
			strcat(all, buf);
		}
	}
	editor_free(&ed);
	return all;
}

/* A box wraps at word boundaries: a word goes down whole; only a word
 * longer than the row breaks, where it must; nothing is lost. */
static void test_wrap_at_words(void **state)
{
	static const struct {
		const char *text;
		int cols;
		const char *rows;
	} cases[] = {
		{"the malware was spreading fast", 10, "the |malware |was |spreading |fast"},
		{"unauthorised access", 10, "unauthoris|ed access"},
		{"one two", 7, "one two"},
		{"one two", 6, "one |two"},
		{"Kılınç Ltd invoice", 8, "Kılınç |Ltd |invoice"},
		{"first\nsecond line", 8, "first|second |line"},
		{"全角タイトル の報告", 6, "全角タ|イトル |の報告"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = rows_of(cases[i].text, cases[i].cols);

		if (strcmp(got, cases[i].rows) != 0)
			fprintf(stderr, "\"%s\" at %d: \"%s\", not \"%s\"\n", cases[i].text, cases[i].cols, got,
				cases[i].rows);
		assert_string_equal(got, cases[i].rows);
		free(got);
	}
}

/* The reference wrap, written plainly as the rule reads, one pass over
 * the whole text: what the kept rows must always equal. */
static size_t reference_wrap(const struct editor *ed, int cols, size_t *starts, size_t max)
{
	size_t n = 0, blank = 0;
	int width = 0;

	starts[n++] = 0;
	for (size_t i = 0; i < ed->len && n < max; i++) {
		int w = editor_columns(ed, i, i + 1);

		if (ed->text[i] == L'\n') {
			starts[n++] = i + 1;
			width = 0;
			blank = 0;
		} else if (ed->text[i] == L' ' && width + w > cols) {
			blank = i + 1;
			width += w;
		} else {
			if (width + w > cols && width > 0) {
				size_t at = blank > starts[n - 1] ? blank : i;

				starts[n++] = at;
				width = editor_columns(ed, at, i);
				blank = 0;
			}
			width += w;
			if (ed->text[i] == L' ')
				blank = i + 1;
		}
	}
	return n;
}

static size_t reference_cursor_row(const struct editor *ed, const size_t *starts, size_t rows)
{
	size_t row = 0;

	while (row + 1 < rows && starts[row + 1] <= ed->cursor)
		row++;
	return row;
}

static uint32_t next_random(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

/* The rows kept between draws are re-wrapped only near each edit: after
 * every one of thousands of random edits (typing, deleting, killing,
 * Enter, pasting a long word) they equal a wrap of the whole text, in
 * boxes of several widths. */
static void test_kept_rows_follow_edits(void **state)
{
	static const wchar_t alphabet[] = L"abcdefghij      \n全\u0301ı-.";
	static size_t want[4096];
	struct editor ed;
	uint32_t seed = 20261207;

	(void)state;
	editor_init(&ed);
	ed.multiline = true;
	for (int round = 0; round < 6000; round++) {
		uint32_t r = next_random(&seed);
		int cols = round % 500 < 250 ? 12 : 7 + (int)(round / 500 % 3);
		size_t n, expect;
		const size_t *got;

		switch (r % 10) {
		case 0: editor_delete_before(&ed); break;
		case 1: editor_delete_at(&ed); break;
		case 2: editor_move_left(&ed); editor_move_left(&ed); break;
		case 3: editor_move_word_left(&ed); break;
		case 4: if (r % 7 == 0) editor_kill_to_end(&ed); else editor_move_right(&ed); break;
		case 5: if (r % 5 == 0) editor_delete_word_before(&ed); else editor_move_end(&ed); break;
		case 6:
			for (int k = 0; k < 20; k++)
				editor_insert(&ed, L'x');
			break;
		default:
			editor_insert(&ed, alphabet[(r >> 4) % (sizeof(alphabet) / sizeof(*alphabet) - 1)]);
		}
		if (ed.len > 3000)
			editor_kill_to_start(&ed);
		if (r % 3)
			continue;	/* several edits between two draws, as a paste makes */
		got = editor_rows(&ed, cols, &n);
		expect = reference_wrap(&ed, cols, want, sizeof(want) / sizeof(*want));
		assert_int_equal(n, expect);
		assert_memory_equal(got, want, n * sizeof(*want));
		assert_int_equal(editor_cursor_row(&ed, got, n), reference_cursor_row(&ed, want, n));
	}
	editor_free(&ed);
}

/* The reference scroll: forward from where the box was, one character at
 * a time, until the cursor fits with a column to sit in. */
static size_t reference_scroll(const struct editor *ed, size_t scroll, int width)
{
	if (scroll > ed->cursor)
		scroll = ed->cursor;
	while (scroll < ed->cursor && editor_columns(ed, scroll, ed->cursor) > width - 1) {
		scroll++;
		while (scroll < ed->len && is_mark(ed->text[scroll]))
			scroll++;
	}
	return scroll;
}

/* A one-line box scrolls to the same place as the reference, from any
 * earlier place, over wide characters and marks. */
static void test_scroll_matches_reference(void **state)
{
	static const char *texts[] = {
		"plain ascii text that is longer than the box by far",
		"全角全角全角a全b角c全角全角全角",
		"e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "xyz" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81",
		"Burak Kılınç İstanbul Großbank",
	};
	struct editor ed;

	(void)state;
	editor_init(&ed);
	for (size_t t = 0; t < sizeof(texts) / sizeof(*texts); t++) {
		editor_set(&ed, texts[t]);
		for (int width = 2; width <= 9; width++) {
			for (size_t cursor = 0; cursor <= ed.len; cursor++) {
				for (size_t from = 0; from <= ed.len; from++) {
					size_t want;

					if (from < ed.len && is_mark(ed.text[from]))
						continue;
					if (cursor < ed.len && cursor > 0 && is_mark(ed.text[cursor]))
						continue;
					ed.cursor = cursor;
					want = reference_scroll(&ed, from, width);
					ed.scroll = from;
					editor_scroll_to_cursor(&ed, width);
					assert_int_equal(ed.scroll, want);
				}
			}
		}
	}
	editor_free(&ed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_ascii),
		cmocka_unit_test(test_insert_non_ascii),
		cmocka_unit_test(test_insert_in_middle),
		cmocka_unit_test(test_delete_before),
		cmocka_unit_test(test_delete_at),
		cmocka_unit_test(test_move_left_right_home_end),
		cmocka_unit_test(test_word_moves),
		cmocka_unit_test(test_delete_word_before),
		cmocka_unit_test(test_kill_to_end_and_start),
		cmocka_unit_test(test_wide_columns),
		cmocka_unit_test(test_wide_scroll),
		cmocka_unit_test(test_combining_is_one_unit),
		cmocka_unit_test(test_controls_refused),
		cmocka_unit_test(test_max_bytes),
		cmocka_unit_test(test_set_invalid_utf8),
		cmocka_unit_test(test_is_empty),
		cmocka_unit_test(test_wrap_at_words),
		cmocka_unit_test(test_kept_rows_follow_edits),
		cmocka_unit_test(test_scroll_matches_reference),
	};

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "test_editor: the C.UTF-8 locale is missing\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
