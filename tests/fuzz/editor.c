/* Fuzz target: the field editor's edits (src/core/editor.c). The input is
 * a script: one byte of options (multi-line, a byte limit), then bytes
 * that are either an edit (below 0x10) or a character to type (UTF-8; a
 * byte that starts no character is typed as that code point, so C1 and
 * Latin-1 come too). After every step: cursor and scroll within the
 * text and never inside a character's cluster, the limit and the single
 * line kept, what an edit removed is exactly the range it names, the
 * text round-trips through UTF-8, and wrapping, rows and columns agree. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sirt/editor.h"
#include "sirt/mem.h"
#include "sirt/utf8.h"

enum op {
	OP_NEWLINE, OP_BACKSPACE, OP_DELETE, OP_LEFT, OP_RIGHT, OP_HOME, OP_END, OP_WORD_LEFT,
	OP_WORD_RIGHT, OP_DELETE_WORD, OP_KILL_END, OP_KILL_START, OP_SET, OP_SCROLL, OP_CODEPOINT, OP_WRAP,
};

/* As editor.c decides what belongs to the character before it. */
static bool is_combining(wchar_t c)
{
	return c != L'\n' && codepoint_width((uint32_t)c) == 0;
}

/* Counted here, character by character: the editor keeps its own count,
 * and editor_text trusts it. */
static size_t utf8_length(const struct editor *ed)
{
	size_t len = 0;
	char buf[4];

	for (size_t i = 0; i < ed->len; i++)
		len += utf8_encode((uint32_t)ed->text[i], buf);
	return len;
}

static bool same_text(const wchar_t *a, const wchar_t *b, size_t n)
{
	return n == 0 || memcmp(a, b, n * sizeof(wchar_t)) == 0;
}

static void check_state(const struct editor *ed)
{
	FUZZ_CHECK(ed->len < ed->cap || (ed->len == 0 && ed->cap == 0), "len %zu, cap %zu", ed->len, ed->cap);
	FUZZ_CHECK(!ed->text || ed->text[ed->len] == 0, "text not terminated at len %zu", ed->len);
	FUZZ_CHECK(ed->cursor <= ed->len, "cursor %zu past len %zu", ed->cursor, ed->len);
	FUZZ_CHECK(ed->scroll <= ed->len, "scroll %zu past len %zu", ed->scroll, ed->len);
	FUZZ_CHECK(ed->bytes == utf8_length(ed), "%zu bytes counted, %zu in the text", ed->bytes, utf8_length(ed));
	/* A cluster begins with its first character, whatever it is, and a
	 * mark at the start of a line begins one. */
	FUZZ_CHECK(ed->cursor == 0 || ed->cursor == ed->len || !is_combining(ed->text[ed->cursor]) ||
			   ed->text[ed->cursor - 1] == L'\n',
		   "cursor %zu is inside a cluster (U+%04X before U+%04X)", ed->cursor,
		   (unsigned)ed->text[ed->cursor - 1], (unsigned)ed->text[ed->cursor]);
	for (size_t i = 0; i < ed->len; i++)
		FUZZ_CHECK(ed->text[i] != 0 && (uint32_t)ed->text[i] <= 0x10FFFF &&
			   !(ed->text[i] >= 0xD800 && ed->text[i] <= 0xDFFF),
			   "U+%04X at %zu cannot be written as UTF-8", (unsigned)ed->text[i], i);
	{
		char *text = editor_text(ed);
		struct editor copy;

		FUZZ_CHECK(utf8_valid(text, strlen(text)), "editor_text is not valid UTF-8");
		editor_init(&copy);
		editor_set(&copy, text);
		FUZZ_CHECK(copy.len == ed->len && same_text(copy.text, ed->text, ed->len),
			   "the text does not survive UTF-8 and back");
		editor_free(&copy);
		free(text);
	}
}

static void check_wrap(struct editor *ed, int cols)
{
	size_t starts[256];
	size_t rows = editor_wrap(ed, cols, starts, 256), row;

	FUZZ_CHECK(rows >= 1 && rows <= 256 && starts[0] == 0, "editor_wrap gave %zu rows", rows);
	for (size_t r = 0; r < rows; r++) {
		size_t end = r + 1 < rows ? starts[r + 1] : ed->len;

		FUZZ_CHECK(starts[r] <= ed->len && (r == 0 || starts[r] >= starts[r - 1]), "row %zu starts at %zu", r,
			   starts[r]);
		if (r + 1 == rows && rows == 256)
			break;	/* the last row keeps whatever did not fit */
		if (end > starts[r] && ed->text[end - 1] == L'\n')
			end--;
		for (size_t i = starts[r]; i < end; i++)
			FUZZ_CHECK(ed->text[i] != L'\n', "row %zu holds a newline at %zu", r, i);
		/* A row fits, or holds one character too wide for the box (with
		 * marks, or with marks standing alone before it); the blanks
		 * after a row's last word may hang past its end, unseen. */
		while (r + 1 < rows && end > starts[r] && ed->text[end - 1] == L' ')
			end--;
		if (editor_columns(ed, starts[r], end) > cols) {
			size_t wide = 0;

			for (size_t i = starts[r]; i < end; i++)
				wide += editor_columns(ed, i, i + 1) > 0;
			FUZZ_CHECK(wide == 1, "row %zu [%zu, %zu) is %d columns in a box of %d", r, starts[r], end,
				   editor_columns(ed, starts[r], end), cols);
		}
	}
	{
		/* The rows kept between draws, re-wrapped near each edit, are
		 * the rows of the whole text. */
		size_t kept_n;
		const size_t *kept = editor_rows(ed, cols, &kept_n);

		FUZZ_CHECK(rows == 256 ? kept_n >= 256 : kept_n == rows, "%zu rows kept, %zu wrapped", kept_n, rows);
		for (size_t r = 0; r < rows && r < kept_n; r++)
			FUZZ_CHECK(kept[r] == starts[r], "row %zu kept at %zu, wrapped at %zu", r, kept[r], starts[r]);
	}
	row = editor_cursor_row(ed, starts, rows);
	FUZZ_CHECK(row < rows && starts[row] <= ed->cursor && (row + 1 == rows || starts[row + 1] > ed->cursor ||
								   starts[row + 1] == starts[row]),
		   "cursor %zu put in row %zu", ed->cursor, row);
}

/* What a deleting edit did: the text is the old one without one range,
 * and the cursor where it was, or after marks that now combine with the
 * character before it. */
static void check_removed(const wchar_t *before, size_t before_len, const struct editor *ed)
{
	size_t removed = before_len - ed->len, at = 0;

	FUZZ_CHECK(ed->len <= before_len, "a deleting edit made the text longer");
	if (!ed->text)
		return;	/* nothing was ever typed */
	while (at < ed->len && before[at] == ed->text[at])
		at++;
	FUZZ_CHECK(same_text(before + at + removed, ed->text + at, ed->len - at),
		   "a deleting edit changed more than %zu characters from %zu", removed, at);
	for (size_t i = ed->cursor; i > at && i > 0; i--)
		FUZZ_CHECK(is_combining(ed->text[i - 1]), "the cursor %zu is past the deleted range at %zu", ed->cursor, at);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct editor ed;
	size_t i = 1;

	if (size < 1)
		return 0;
	editor_init(&ed);
	ed.multiline = data[0] & 1;
	ed.max_bytes = (data[0] >> 1) & 0x3F;	/* 0: no limit */
	check_state(&ed);
	while (i < size) {
		uint8_t b = data[i++];
		wchar_t *before = xmalloc((ed.len + 1) * sizeof(wchar_t));
		size_t before_len = ed.len, before_cursor = ed.cursor;
		bool deleting = false;

		if (ed.len)
			memcpy(before, ed.text, ed.len * sizeof(wchar_t));
		if (b >= 0x10 || b == OP_NEWLINE || b == OP_CODEPOINT) {
			uint32_t cp = b;
			bool inserted;

			if (b == OP_NEWLINE) {
				cp = '\n';
			} else if (b == OP_CODEPOINT) {
				/* Any 24-bit value: surrogates, past U+10FFFF, controls. */
				cp = 0;
				for (int k = 0; k < 3 && i < size; k++)
					cp = cp << 8 | data[i++];
			} else {
				int n = utf8_decode((const char *)data + i - 1, size - i + 1, &cp);
				if (n > 1)
					i += (size_t)n - 1;
				else if (n < 0)
					cp = b;
			}
			inserted = editor_insert(&ed, (wchar_t)cp);
			if (inserted) {
				/* After it, and after marks that now combine with it. */
				FUZZ_CHECK(ed.len == before_len + 1 && ed.cursor > before_cursor &&
					   (uint32_t)ed.text[before_cursor] == cp, "inserting U+%04X", (unsigned)cp);
				for (size_t k = before_cursor + 1; k < ed.cursor; k++)
					FUZZ_CHECK(is_combining(ed.text[k]), "the cursor skipped U+%04X after an insert",
						   (unsigned)ed.text[k]);
				FUZZ_CHECK(ed.multiline || cp != '\n', "a newline in a one-line field");
				FUZZ_CHECK(!ed.max_bytes || utf8_length(&ed) <= ed.max_bytes, "%zu bytes past the limit of %zu",
					   utf8_length(&ed), ed.max_bytes);
			} else {
				FUZZ_CHECK(ed.len == before_len && ed.cursor == before_cursor, "a refused insert changed the text");
			}
		} else {
			switch ((enum op)b) {
			case OP_BACKSPACE: editor_delete_before(&ed); deleting = true; break;
			case OP_DELETE: editor_delete_at(&ed); deleting = true; break;
			case OP_LEFT: editor_move_left(&ed); break;
			case OP_RIGHT: editor_move_right(&ed); break;
			case OP_HOME:
				editor_move_home(&ed);
				FUZZ_CHECK(ed.cursor == 0 || ed.text[ed.cursor - 1] == L'\n', "Home stopped at %zu", ed.cursor);
				break;
			case OP_END:
				editor_move_end(&ed);
				FUZZ_CHECK(ed.cursor == ed.len || ed.text[ed.cursor] == L'\n', "End stopped at %zu", ed.cursor);
				break;
			case OP_WORD_LEFT: editor_move_word_left(&ed); break;
			case OP_WORD_RIGHT: editor_move_word_right(&ed); break;
			case OP_DELETE_WORD: editor_delete_word_before(&ed); deleting = true; break;
			case OP_KILL_END:
				editor_kill_to_end(&ed);
				deleting = true;
				FUZZ_CHECK(ed.cursor == before_cursor, "Ctrl-K moved the cursor");
				break;
			case OP_KILL_START: editor_kill_to_start(&ed); deleting = true; break;
			case OP_SET: {
				/* The rest of the script, up to a NUL, becomes the text. */
				size_t n = strnlen((const char *)data + i, size - i);
				char *text = xstrndup((const char *)data + i, n);

				editor_set(&ed, text);
				FUZZ_CHECK(ed.cursor == ed.len, "editor_set left the cursor at %zu of %zu", ed.cursor, ed.len);
				free(text);
				i += n + (i + n < size);
				break;
			}
			case OP_SCROLL: {
				int width = i < size ? data[i++] % 100 : 20;

				editor_scroll_to_cursor(&ed, width);
				FUZZ_CHECK(ed.scroll <= ed.cursor, "scroll %zu past the cursor %zu", ed.scroll, ed.cursor);
				FUZZ_CHECK(ed.scroll == ed.cursor || editor_columns(&ed, ed.scroll, ed.cursor) <= (width < 2 ? 2 : width) - 1,
					   "the cursor is %d columns from scroll in a box of %d",
					   editor_columns(&ed, ed.scroll, ed.cursor), width);
				break;
			}
			case OP_WRAP:
				check_wrap(&ed, i < size ? 1 + data[i++] % 100 : 20);
				break;
			default:
				break;
			}
		}
		if (deleting)
			check_removed(before, before_len, &ed);
		free(before);
		check_state(&ed);
	}
	check_wrap(&ed, 1);
	check_wrap(&ed, 40);
	editor_free(&ed);
	return 0;
}
