/* The reader: any text whole, whatever a screen had room for (a record
 * in full, a long note, a statement), wrapped at word boundaries,
 * scrolled with the movement keys, / to find words in it and n to find
 * them again. It says when there is more above or below. */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "sirt/sanitize.h"
#include "sirt/utf8.h"
#include "tui.h"

static void forget_rows(struct reader_view *st)
{
	for (size_t i = 0; i < st->nrow_text; i++)
		free(st->row_text[i]);
	free(st->row_text);
	st->row_text = NULL;
	st->nrow_text = 0;
}

/* The text as rows of cols columns: each line wrapped whole, a long word
 * broken only where it must be. */
static void wrap(struct reader_view *st, int cols)
{
	size_t cap = 0;

	forget_rows(st);
	for (const char *line = st->text; line;) {
		const char *end = strchr(line, '\n');
		char *one = end ? xstrndup(line, (size_t)(end - line)) : xstrdup(line);
		size_t starts[4096];
		size_t n = *one ? text_wrap(one, cols, starts, 4096) : 1;

		for (size_t k = 0; k < n; k++) {
			GROW(st->row_text, cap, st->nrow_text + 1);
			st->row_text[st->nrow_text++] = !*one ? xstrdup("") : text_wrap_row(one, starts, n, k);
		}
		free(one);
		line = end ? end + 1 : NULL;
	}
	st->cols = cols;
	st->rows = st->nrow_text;
}

void reader_view_set(struct reader_view *st, const char *title, const char *text)
{
	forget_rows(st);
	free(st->title);
	free(st->text);
	st->title = sanitize(title ? title : "", 0);
	st->text = sanitize(text ? text : "", SANITIZE_KEEP_NEWLINES);
	st->cols = 0;
	st->rows = 0;
}

void reader_view_close(struct reader_view *st)
{
	forget_rows(st);
	free(st->title);
	free(st->text);
	free(st->find);
	memset(st, 0, sizeof(*st));
}

static bool reader_open(struct tui *tui, void *state, const void *arg)
{
	const struct reader_arg *ra = arg;

	(void)tui;
	reader_view_set(state, ra->title, ra->text);
	return true;
}

static void reader_close(struct tui *tui, void *state)
{
	(void)tui;
	reader_view_close(state);
}

void reader_view_draw(struct tui *tui, struct reader_view *st, WINDOW *win)
{
	int cols = getmaxx(win), rows = getmaxy(win) - 2;
	bool above, below;
	const char *more;
	char *title;

	if (cols - 2 != st->cols)
		wrap(st, cols - 2);
	if (st->rows > (size_t)rows && st->top > st->rows - (size_t)rows)
		st->top = st->rows - (size_t)rows;
	for (int r = 0; r < rows && st->top + (size_t)r < st->nrow_text; r++)
		draw_safe(tui, win, 2 + r, 1, cols - 2, STYLE_NORMAL,
			  st->keep_indent ? st->row_text[st->top + (size_t)r] : str_trim(st->row_text[st->top + (size_t)r]));
	above = st->top > 0;
	below = st->top + (size_t)rows < st->rows;
	/* Where there is more, said at the right: the title gives way. */
	more = above && below ? "  (more above and below) " : below ? "  (more below: Down, PgDn) " :
	       above ? "  (more above: Up, PgUp) " : "";
	title = xasprintf(" %s", st->title);
	draw_text(tui, win, 0, 0, cols - (int)strlen(more), STYLE_TITLE, title);
	draw_text(tui, win, 0, cols - (int)strlen(more), (int)strlen(more), STYLE_TITLE, more);
	free(title);
}

static void reader_draw(struct tui *tui, void *state, WINDOW *win)
{
	reader_view_draw(tui, state, win);
}

/* s folded as the search folds it (sirt/utf8.h) and in lower case. */
static char *folded(const char *s)
{
	char *letters = text_fold_letters(s);
	struct strbuf out = {0};
	size_t len = strlen(letters);

	for (size_t at = 0; at < len;) {
		uint32_t cp = 0;
		int n = utf8_decode(letters + at, len - at, &cp);
		char buf[4];

		if (n <= 0) {
			at++;
			continue;
		}
		strbuf_add(&out, buf, utf8_encode((uint32_t)towlower((wint_t)cp), buf));
		at += (size_t)n;
	}
	free(letters);
	return out.len ? strbuf_take(&out) : (strbuf_free(&out), xstrdup(""));
}

/* The next row from `from` on that holds what was looked for, in any
 * case and with the letters folded as the list's search folds them. */
static bool find_next(struct tui *tui, struct reader_view *st, size_t from)
{
	char *want = folded(st->find);

	for (size_t r = from; r < st->nrow_text; r++) {
		char *row = folded(st->row_text[r]);
		bool found = strstr(row, want) != NULL;

		free(row);
		if (found) {
			st->top = r;
			st->found = r;
			tui_message(tui, "\"%s\": on row %zu of %zu; n finds the next.", st->find, r + 1, st->nrow_text);
			free(want);
			return true;
		}
	}
	free(want);
	tui_error(tui, "\"%s\" is not %s.", st->find, from ? "further on" : "in the text");
	return false;
}

enum result reader_view_handle(struct tui *tui, struct reader_view *st, enum action action)
{
	int rows = getmaxy(tui->body) - 2;
	size_t last = st->rows > (size_t)rows ? st->rows - (size_t)rows : 0;

	if (list_move(action, &st->top, last + 1, rows))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_FILTER:
		tui_ask(tui, &st->prompt, NULL, "Find (words or their starts):", TAG_FIND, true);
		st->prompt.initial = st->find;
		return RESULT_PUSH;
	case ACTION_FIND_NEXT:
		if (!st->find) {
			tui_error(tui, "Nothing to find again: / asks what to find.");
			return RESULT_HANDLED;
		}
		find_next(tui, st, st->found + 1);
		return RESULT_HANDLED;
	default:
		return RESULT_IGNORED;
	}
}

bool reader_view_resume(struct tui *tui, struct reader_view *st, const struct screen_result *result)
{
	if (!result || !result->ok || result->tag != TAG_FIND)
		return false;
	free(st->find);
	st->find = xstrdup(result->text);
	find_next(tui, st, 0);
	return true;
}

static enum result reader_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	(void)key;
	if (action == ACTION_OPEN)
		return tui_pop(tui, TAG_NONE, false, NULL);
	return reader_view_handle(tui, state, action);
}

static void reader_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	reader_view_resume(tui, state, result);
}

static const struct screen_key reader_keys[] = {
	HINT_KEY(FILTER, "Find", "Find words in the text (their starts; any case)"),
	HINT_KEY(FIND_NEXT, NULL, NULL),
	HINT_KEY(BACK, NULL, "Close the reader"),
	MORE_KEY(OPEN, "Close", "Close the reader"),
	MOVE_KEYS("a row"),
	KEYS_END,
};

const struct screen_ops reader_screen = {
	.name = "reader",
	.state_size = sizeof(struct reader_view),
	.open = reader_open,
	.draw = reader_draw,
	.handle = reader_handle,
	.resume = reader_resume,
	.close = reader_close,
	.keys = reader_keys,
};
