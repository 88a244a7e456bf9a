/* The field editor's edits. */
#include "sirt/editor.h"

#include <stdint.h>
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
	free(ed->rows.start);
	memset(ed, 0, sizeof(*ed));
}

static size_t encoded_length(wchar_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* text[from, to) is about to become `added` characters: what the kept
 * rows can still rely on shrinks to what lies outside. */
static void touched(struct editor *ed, size_t from, size_t to)
{
	struct editor_rows *rows = &ed->rows;

	ed->changes++;
	if (!rows->cols)
		return;
	if (from < rows->head)
		rows->head = from;
	if (ed->len - to < rows->tail)
		rows->tail = ed->len - to;
	rows->changed = true;
}

static void reserve(struct editor *ed, size_t need)
{
	GROW(ed->text, ed->cap, need + 1);
}

void editor_set(struct editor *ed, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	size_t i = 0;

	ed->len = ed->cursor = ed->scroll = ed->top_row = 0;
	ed->bytes = 0;
	ed->rows.cols = 0;
	ed->changes++;
	reserve(ed, len);
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);

		if (n < 0) {
			cp = 0xFFFD;
			n = 1;
		}
		ed->text[ed->len++] = (wchar_t)cp;
		ed->bytes += encoded_length((wchar_t)cp);
		i += (size_t)n;
	}
	ed->text[ed->len] = 0;
	ed->cursor = ed->len;
}

char *editor_text(const struct editor *ed)
{
	char *out = xmalloc(ed->bytes + 1), *at = out;

	/* Its length is known: one allocation, whatever the text's size. */
	for (size_t i = 0; i < ed->len; i++)
		at += utf8_encode((uint32_t)ed->text[i], at);
	*at = '\0';
	return out;
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

bool editor_insert(struct editor *ed, wchar_t c)
{
	if (c == L'\n' ? !ed->multiline :
	    (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF))
		return false;
	if (ed->max_bytes && ed->bytes + encoded_length(c) > ed->max_bytes)
		return false;
	touched(ed, ed->cursor, ed->cursor);
	ed->bytes += encoded_length(c);
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
	touched(ed, from, to);
	for (size_t i = from; i < to; i++)
		ed->bytes -= encoded_length(ed->text[i]);
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

/* Where the row after the one starting at `start` starts, or SIZE_MAX
 * when that row runs to the end of the text. A row's start is all the
 * wrapping needs to know: what comes after it wraps the same whatever
 * came before, which is what lets editor_rows re-wrap only near an
 * edit. */
static size_t next_row(const struct editor *ed, int cols, size_t start)
{
	size_t after_blank = 0;
	int width = 0;

	for (size_t i = start; i < ed->len; i++) {
		int w;

		if (ed->text[i] == L'\n')
			return i + 1;
		w = box_width(ed->text[i]);
		if (ed->text[i] == L' ' && width + w > cols) {
			/* A blank past the row's end hangs there unseen; the
			 * word after it starts the next row. */
			after_blank = i + 1;
			width += w;
			continue;
		}
		/* At a word's end where the row has one: the word goes down
		 * whole; a word longer than the row breaks where it must. */
		if (width + w > cols && width > 0)
			return after_blank > start ? after_blank : i;
		width += w;
		if (ed->text[i] == L' ')
			after_blank = i + 1;
	}
	return SIZE_MAX;
}

size_t editor_wrap(const struct editor *ed, int cols, size_t *starts, size_t max)
{
	size_t n = 0;

	if (max == 0)
		return 0;
	starts[n++] = 0;
	while (n < max) {
		size_t next = next_row(ed, cols, starts[n - 1]);

		if (next == SIZE_MAX)
			break;
		starts[n++] = next;
	}
	return n;
}

static void rows_push(struct editor_rows *rows, size_t start)
{
	GROW(rows->start, rows->cap, rows->n + 1);
	rows->start[rows->n++] = start;
}

/* The last row starting at or before pos. */
static size_t row_at(const size_t *starts, size_t n, size_t pos)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (starts[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

const size_t *editor_rows(struct editor *ed, int cols, size_t *n)
{
	struct editor_rows *rows = &ed->rows;
	size_t from, old_n = 0, *old = NULL;
	ptrdiff_t delta;

	if (cols < 1)
		cols = 1;
	if (rows->cols == cols && !rows->changed) {
		*n = rows->n;
		return rows->start;
	}
	if (rows->cols != cols || rows->n == 0) {
		rows->n = 0;
		rows_push(rows, 0);
		from = 0;
	} else {
		/* The row before the edit's may take up a word the edit
		 * shortened: re-wrap from there. The rows before it read no
		 * text the edit changed. */
		size_t r = row_at(rows->start, rows->n, rows->head);

		from = r > 0 ? r - 1 : 0;
		old_n = rows->n;
		old = xmalloc(old_n * sizeof(*old));
		memcpy(old, rows->start, old_n * sizeof(*old));
		rows->n = from + 1;
	}
	delta = (ptrdiff_t)ed->len - (ptrdiff_t)rows->len;
	for (;;) {
		size_t next = next_row(ed, cols, rows->start[rows->n - 1]);

		if (next == SIZE_MAX)
			break;
		rows_push(rows, next);
		/* In the unchanged tail, at a place where a row started
		 * before: from there on the rows are the old ones, moved. */
		if (old && next >= ed->len - rows->tail) {
			size_t before = (size_t)((ptrdiff_t)next - delta), j = row_at(old, old_n, before);

			if (old[j] == before) {
				for (j++; j < old_n; j++)
					rows_push(rows, (size_t)((ptrdiff_t)old[j] + delta));
				break;
			}
		}
	}
	free(old);
	rows->cols = cols;
	rows->len = ed->len;
	rows->head = rows->tail = ed->len;
	rows->changed = false;
	*n = rows->n;
	return rows->start;
}

size_t editor_cursor_row(const struct editor *ed, const size_t *starts, size_t rows)
{
	return rows ? row_at(starts, rows, ed->cursor) : 0;
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
	/* Keep one column free after the cursor for it to sit in: walk back
	 * from the cursor over what fits, not forward over the whole text
	 * (a 100,000-character note scrolled from its start). */
	{
		size_t pos = ed->cursor;
		int cols = 0;

		while (pos > ed->scroll) {
			size_t before = cluster_before(ed, pos);
			int w = editor_columns(ed, before, pos);

			if (before < ed->scroll || cols + w > width - 1)
				break;
			cols += w;
			pos = before;
		}
		ed->scroll = pos;
	}
}
