/* Drawing helpers shared by the screens: styles, sanitised text in fixed
 * columns, the field editor's box and list movement. */
#include <stdlib.h>
#include <string.h>

#include "sirt/sanitize.h"
#include "sirt/utf8.h"
#include "tui.h"

enum { PAIR_HEADER = 1, PAIR_ERROR, PAIR_OK, PAIR_DIM, PAIR_TITLE };

void tui_styles_init(struct tui *tui)
{
	const char *no_color = getenv("NO_COLOR");

	tui->color = has_colors() && !(no_color && *no_color);
	if (!tui->color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_HEADER, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	init_pair(PAIR_DIM, COLOR_CYAN, -1);
	init_pair(PAIR_TITLE, COLOR_YELLOW, -1);
}

/* Without colour every style still differs by attribute alone, so
 * NO_COLOR and monochrome terminals lose no information. */
attr_t tui_style(const struct tui *tui, enum tui_style style)
{
	bool c = tui->color;

	switch (style) {
	case STYLE_NORMAL: return A_NORMAL;
	case STYLE_TITLE: return A_BOLD | (c ? COLOR_PAIR(PAIR_TITLE) : 0);
	case STYLE_HEADER: return c ? COLOR_PAIR(PAIR_HEADER) | A_BOLD : A_REVERSE;
	case STYLE_SELECTED: return A_REVERSE;
	case STYLE_ERROR: return A_BOLD | (c ? COLOR_PAIR(PAIR_ERROR) : 0);
	case STYLE_DIM: return c ? COLOR_PAIR(PAIR_DIM) : A_DIM;
	case STYLE_OK: return c ? COLOR_PAIR(PAIR_OK) | A_BOLD : A_BOLD;
	case STYLE_FOCUS: return A_UNDERLINE | A_BOLD;
	case STYLE_COLUMN: return A_UNDERLINE;
	}
	return A_NORMAL;
}

void draw_safe(const struct tui *tui, WINDOW *win, int y, int x, int cols, enum tui_style style, const char *safe)
{
	struct strbuf sb = {0};

	if (cols <= 0)
		return;
	text_pad(&sb, safe, cols, true);
	wattrset(win, tui_style(tui, style));
	mvwaddstr(win, y, x, strbuf_str(&sb));
	wattrset(win, A_NORMAL);
	strbuf_free(&sb);
}

void draw_text(const struct tui *tui, WINDOW *win, int y, int x, int cols, enum tui_style style, const char *text)
{
	char *safe = sanitize(text ? text : "", 0);
	draw_safe(tui, win, y, x, cols, style, safe);
	free(safe);
}

int wrapped_rows(const char *text, int cols, int max)
{
	char *safe = sanitize(text ? text : "", 0);
	size_t starts[64];
	int n = (int)text_wrap(safe, cols, starts, max < 1 ? 1 : max > 64 ? 64 : (size_t)max);

	free(safe);
	return n;
}

bool wraps_past(const char *text, int cols, int rows)
{
	return rows < 64 && wrapped_rows(text, cols, rows + 1) > rows;
}

int draw_wrapped(const struct tui *tui, WINDOW *win, int y, int x, int cols, int max_rows, enum tui_style style,
		 const char *text)
{
	char *safe = sanitize(text ? text : "", 0);
	size_t starts[32];
	size_t rows = text_wrap(safe, cols, starts, max_rows > 32 ? 32 : (size_t)max_rows);

	for (size_t r = 0; r < rows; r++) {
		/* The last row keeps the rest: draw_safe ends it in "…" if cut. */
		char *line = text_wrap_row(safe, starts, rows, r);

		draw_safe(tui, win, y + (int)r, x, cols, style, line);
		free(line);
	}
	free(safe);
	return (int)rows;
}

void draw_editor_row(struct tui *tui, WINDOW *win, int y, int x, int cols, int rows, int row,
		     enum tui_style style, struct editor *ed, bool focused)
{
	size_t n;
	const size_t *starts = editor_rows(ed, cols, &n);
	size_t cursor_row = editor_cursor_row(ed, starts, n), r;
	struct strbuf sb = {0};

	if (focused) {
		/* Text removed above the end: the box fills again from its
		 * end, so that no line stays scrolled out of a box with room. */
		if (ed->top_row + (size_t)rows > n)
			ed->top_row = n > (size_t)rows ? n - (size_t)rows : 0;
		scroll_to_show(cursor_row, &ed->top_row, rows);
	} else {
		ed->top_row = 0;
	}
	r = ed->top_row + (size_t)row;
	if (r < n) {
		size_t end = r + 1 < n ? starts[r + 1] : ed->len;
		char *safe;

		if (end > starts[r] && ed->text[end - 1] == L'\n')
			end--;
		/* A row wrapped at a word keeps its blanks at the end, unseen. */
		while (r + 1 < n && end > starts[r] && ed->text[end - 1] == L' ')
			end--;
		for (size_t i = starts[r]; i < end; i++) {
			char buf[4];
			strbuf_add(&sb, buf, utf8_encode((uint32_t)ed->text[i], buf));
		}
		safe = sanitize(strbuf_str(&sb), 0);
		draw_safe(tui, win, y, x, cols, style, safe);
		free(safe);
	} else {
		draw_safe(tui, win, y, x, cols, style, "");
	}
	/* More than the box shows: said at its edge, above or below. */
	if (row == 0 && ed->top_row > 0)
		draw_safe(tui, win, y, x + cols - 1, 1, STYLE_DIM, "↑");
	if (row == rows - 1 && r + 1 < n)
		draw_safe(tui, win, y, x + cols - 1, 1, STYLE_DIM, "↓");
	if (focused && r == cursor_row)
		tui_cursor(tui, win, y, x + editor_columns(ed, starts[r], ed->cursor));
	strbuf_free(&sb);
}

/* What a box of cols columns shows of the text from `from`, and a
 * character more for it to see that the text goes on: never the rest of
 * a long text. Sanitised, for the text loaded from the store may hold
 * controls (typed text cannot). Caller frees. */
static char *editor_visible(const struct editor *ed, size_t from, int cols)
{
	struct strbuf visible = {0};
	char *safe;
	int shown = 0;

	for (size_t i = from; i < ed->len && shown <= cols; i++) {
		char buf[4];

		shown += editor_columns(ed, i, i + 1);
		strbuf_add(&visible, buf, utf8_encode((uint32_t)ed->text[i], buf));
	}
	safe = sanitize(strbuf_str(&visible), 0);
	strbuf_free(&visible);
	return safe;
}

static void draw_box_text(const struct tui *tui, WINDOW *win, int y, int x, int cols, enum tui_style style,
			  const char *safe)
{
	struct strbuf sb = {0};

	text_pad(&sb, safe, cols, false);
	wattrset(win, tui_style(tui, style));
	mvwaddstr(win, y, x, strbuf_str(&sb));
	wattrset(win, A_NORMAL);
	strbuf_free(&sb);
}

int draw_editor(const struct tui *tui, WINDOW *win, int y, int x, int cols, enum tui_style style,
		struct editor *ed)
{
	char *safe;
	int cursor_col;

	editor_scroll_to_cursor(ed, cols);
	safe = editor_visible(ed, ed->scroll, cols);
	cursor_col = editor_columns(ed, ed->scroll, ed->cursor);
	draw_box_text(tui, win, y, x, cols, style, safe);
	free(safe);
	return x + (cursor_col < cols ? cursor_col : cols - 1);
}

void draw_editor_start(const struct tui *tui, WINDOW *win, int y, int x, int cols, enum tui_style style,
		       const struct editor *ed)
{
	char *safe = editor_visible(ed, 0, cols);

	draw_safe(tui, win, y, x, cols, style, safe);
	free(safe);
}

#define CTRL(c) ((c) & 0x1f)

bool editor_key(struct editor *ed, const struct key *key)
{
	if (key->function) {
		switch (key->code) {
		case KEY_LEFT: editor_move_left(ed); return true;
		case KEY_RIGHT: editor_move_right(ed); return true;
		case KEY_HOME: editor_move_home(ed); return true;
		case KEY_END: editor_move_end(ed); return true;
		case KEY_BACKSPACE: editor_delete_before(ed); return true;
		case KEY_DC: editor_delete_at(ed); return true;
		case KEY_SLEFT: editor_move_word_left(ed); return true;
		case KEY_SRIGHT: editor_move_word_right(ed); return true;
		default: return false;
		}
	}
	switch (key->code) {
	case CTRL('a'): editor_move_home(ed); return true;
	case CTRL('e'): editor_move_end(ed); return true;
	case CTRL('b'): editor_move_left(ed); return true;
	case CTRL('f'): editor_move_right(ed); return true;
	case CTRL('d'): editor_delete_at(ed); return true;
	case CTRL('h'):
	case 0x7f: editor_delete_before(ed); return true;
	case CTRL('k'): editor_kill_to_end(ed); return true;
	case CTRL('u'): editor_kill_to_start(ed); return true;
	case CTRL('w'): editor_delete_word_before(ed); return true;
	default:
		return editor_insert(ed, (wchar_t)key->code);
	}
}

void cursor_clamp(size_t *cursor, size_t count)
{
	if (*cursor >= count)
		*cursor = count ? count - 1 : 0;
}

void scroll_to_show(size_t cursor, size_t *top, int rows)
{
	if (rows < 1)
		rows = 1;
	if (cursor < *top)
		*top = cursor;
	if (cursor >= *top + (size_t)rows)
		*top = cursor - (size_t)rows + 1;
}

bool scroll_view(enum action action, size_t *top, size_t total, int rows)
{
	size_t last = total > (size_t)rows ? total - (size_t)rows : 0;

	return list_move(action, top, last + 1, rows - 1);
}

bool list_number(struct tui *tui, enum action action, const struct key *key, size_t *typed, size_t *cursor,
		 size_t count)
{
	size_t digit, n;

	if (action != ACTION_NUMBER || key->function || key->code < '0' || key->code > '9') {
		*typed = 0;
		return false;
	}
	digit = (size_t)(key->code - '0');
	n = *typed * 10 + digit;
	/* Past the end, the digit starts a new number. */
	if (n == 0 || n > count)
		n = digit;
	if (n == 0 || n > count) {
		*typed = 0;
		tui_error(tui, "There is no %zu here: the numbers go from 1 to %zu.", digit, count);
		return true;
	}
	*typed = n;
	*cursor = n - 1;
	return true;
}

bool list_move(enum action action, size_t *cursor, size_t count, int page)
{
	size_t last = count ? count - 1 : 0;

	if (page < 1)
		page = 1;
	switch (action) {
	case ACTION_MOVE_UP: if (*cursor > 0) (*cursor)--; return true;
	case ACTION_MOVE_DOWN: if (*cursor < last) (*cursor)++; return true;
	case ACTION_PAGE_UP: *cursor = *cursor > (size_t)page ? *cursor - (size_t)page : 0; return true;
	case ACTION_PAGE_DOWN: *cursor = *cursor + (size_t)page < last ? *cursor + (size_t)page : last; return true;
	case ACTION_FIRST: *cursor = 0; return true;
	case ACTION_LAST: *cursor = last; return true;
	default: return false;
	}
}
