/* The field editor's edits. */
#include "sirt/editor.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "sirt/mem.h"
#include "sirt/utf8.h"

void editor_init(struct editor *ed)
{
	memset(ed, 0, sizeof(*ed));
}

void editor_free(struct editor *ed)
{
	free(ed->text);
	ed->text = NULL;
	ed->len = ed->cap = ed->cursor = ed->scroll = 0;
}

static void reserve(struct editor *ed, size_t need)
{
	GROW(ed->text, ed->cap, need + 1);
}

void editor_set(struct editor *ed, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	size_t i = 0;

	ed->len = ed->cursor = ed->scroll = 0;
	reserve(ed, len);
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);

		if (n < 0) {
			cp = 0xFFFD;
			n = 1;
		}
		ed->text[ed->len++] = (wchar_t)cp;
		i += (size_t)n;
	}
	ed->text[ed->len] = 0;
	ed->cursor = ed->len;
}

char *editor_text(const struct editor *ed)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < ed->len; i++) {
		char buf[4];
		strbuf_add(&sb, buf, utf8_encode((uint32_t)ed->text[i], buf));
	}
	return strbuf_take(&sb);
}

bool editor_is_empty(const struct editor *ed)
{
	for (size_t i = 0; i < ed->len; i++)
		if (!iswspace((wint_t)ed->text[i]))
			return false;
	return true;
}

static bool is_combining(wchar_t c)
{
	return c != L'\n' && codepoint_width((uint32_t)c) == 0;
}

/* Start of the cluster that ends just before pos. A mark at the start
 * of a line has no character to combine with: it stands alone. */
static size_t cluster_before(const struct editor *ed, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && is_combining(ed->text[pos]) && ed->text[pos - 1] != L'\n')
		pos--;
	return pos;
}

/* End of the cluster that starts at pos. */
static size_t cluster_after(const struct editor *ed, size_t pos)
{
	if (pos >= ed->len)
		return ed->len;
	if (ed->text[pos++] == L'\n')
		return pos;
	while (pos < ed->len && is_combining(ed->text[pos]))
		pos++;
	return pos;
}

static size_t utf8_length(const struct editor *ed)
{
	size_t bytes = 0;
	char buf[4];

	for (size_t i = 0; i < ed->len; i++)
		bytes += utf8_encode((uint32_t)ed->text[i], buf);
	return bytes;
}

bool editor_insert(struct editor *ed, wchar_t c)
{
	char buf[4];

	if (c == L'\n' ? !ed->multiline :
	    (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF))
		return false;
	if (ed->max_bytes && utf8_length(ed) + utf8_encode((uint32_t)c, buf) > ed->max_bytes)
		return false;
	reserve(ed, ed->len + 1);
	memmove(ed->text + ed->cursor + 1, ed->text + ed->cursor, (ed->len - ed->cursor) * sizeof(wchar_t));
	ed->text[ed->cursor++] = c;
	ed->text[++ed->len] = 0;
	/* Marks that stood alone (at the start of a line) now combine with
	 * what was typed before them: the cursor goes after them. */
	while (c != L'\n' && ed->cursor < ed->len && is_combining(ed->text[ed->cursor]))
		ed->cursor++;
	return true;
}

static void delete_range(struct editor *ed, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(ed->text + from, ed->text + to, (ed->len - to) * sizeof(wchar_t));
	ed->len -= to - from;
	ed->text[ed->len] = 0;
	ed->cursor = from;
	/* Marks that stood alone after a deleted line break now combine with
	 * the character before: the cursor goes after them. */
	while (ed->cursor > 0 && ed->cursor < ed->len && ed->text[ed->cursor - 1] != L'\n' &&
	       is_combining(ed->text[ed->cursor]))
		ed->cursor++;
	if (ed->scroll > ed->cursor)
		ed->scroll = ed->cursor;
}

void editor_delete_before(struct editor *ed)
{
	delete_range(ed, cluster_before(ed, ed->cursor), ed->cursor);
}

void editor_delete_at(struct editor *ed)
{
	delete_range(ed, ed->cursor, cluster_after(ed, ed->cursor));
}

void editor_move_left(struct editor *ed)
{
	ed->cursor = cluster_before(ed, ed->cursor);
}

void editor_move_right(struct editor *ed)
{
	ed->cursor = cluster_after(ed, ed->cursor);
}

void editor_move_home(struct editor *ed)
{
	while (ed->cursor > 0 && ed->text[ed->cursor - 1] != L'\n')
		ed->cursor--;
}

void editor_move_end(struct editor *ed)
{
	while (ed->cursor < ed->len && ed->text[ed->cursor] != L'\n')
		ed->cursor++;
}

/* Words are made of whole clusters: a cluster's first character says
 * whether it belongs to a word, the marks after it go with it. */
static bool is_word(wchar_t c)
{
	return iswalnum((wint_t)c) || c == L'_';
}

static bool word_before(const struct editor *ed, size_t pos)
{
	return is_word(ed->text[cluster_before(ed, pos)]);
}

void editor_move_word_left(struct editor *ed)
{
	size_t pos = ed->cursor;

	while (pos > 0 && !word_before(ed, pos))
		pos = cluster_before(ed, pos);
	while (pos > 0 && word_before(ed, pos))
		pos = cluster_before(ed, pos);
	ed->cursor = pos;
}

void editor_move_word_right(struct editor *ed)
{
	size_t pos = ed->cursor;

	while (pos < ed->len && !is_word(ed->text[pos]))
		pos = cluster_after(ed, pos);
	while (pos < ed->len && is_word(ed->text[pos]))
		pos = cluster_after(ed, pos);
	ed->cursor = pos;
}

void editor_delete_word_before(struct editor *ed)
{
	size_t end = ed->cursor;

	editor_move_word_left(ed);
	delete_range(ed, ed->cursor, end);
}

void editor_kill_to_end(struct editor *ed)
{
	size_t start = ed->cursor;

	editor_move_end(ed);
	delete_range(ed, start, ed->cursor);
}

void editor_kill_to_start(struct editor *ed)
{
	size_t end = ed->cursor;

	editor_move_home(ed);
	delete_range(ed, ed->cursor, end);
}

/* The columns a code point takes in a box (a control shown as one). */
static int box_width(wchar_t c)
{
	int w = codepoint_width((uint32_t)c);

	return w < 0 ? 1 : w;
}

size_t editor_wrap(const struct editor *ed, int cols, size_t *starts, size_t max)
{
	size_t n = 0, after_blank = 0;
	int width = 0;

	if (max == 0)
		return 0;
	starts[n++] = 0;
	for (size_t i = 0; i < ed->len && n < max; i++) {
		int w;

		if (ed->text[i] == L'\n') {
			starts[n++] = i + 1;
			width = 0;
			after_blank = 0;
			continue;
		}
		w = box_width(ed->text[i]);
		if (ed->text[i] == L' ' && width + w > cols) {
			/* A blank past the row's end hangs there unseen; the
			 * word after it starts the next row. */
			after_blank = i + 1;
			width += w;
			continue;
		}
		if (width + w > cols && width > 0) {
			/* At a word's end where the row has one: the word goes
			 * down whole; a word longer than the row breaks where
			 * it must. */
			size_t at = after_blank > starts[n - 1] ? after_blank : i;

			starts[n++] = at;
			width = 0;
			for (size_t k = at; k < i; k++)
				width += box_width(ed->text[k]);
			after_blank = 0;
		}
		width += w;
		if (ed->text[i] == L' ')
			after_blank = i + 1;
	}
	return n;
}

size_t editor_cursor_row(const struct editor *ed, const size_t *starts, size_t rows)
{
	size_t row = 0;

	while (row + 1 < rows && starts[row + 1] <= ed->cursor)
		row++;
	return row;
}

int editor_columns(const struct editor *ed, size_t from, size_t to)
{
	int cols = 0;

	for (size_t i = from; i < to && i < ed->len; i++) {
		int w = codepoint_width((uint32_t)ed->text[i]);
		cols += w < 0 ? 1 : w;
	}
	return cols;
}

void editor_scroll_to_cursor(struct editor *ed, int width)
{
	if (width < 2)
		width = 2;
	if (ed->scroll > ed->cursor)
		ed->scroll = ed->cursor;
	/* Keep one column free after the cursor for it to sit in. */
	while (ed->scroll < ed->cursor && editor_columns(ed, ed->scroll, ed->cursor) > width - 1)
		ed->scroll = cluster_after(ed, ed->scroll);
}
