/* The field editor: one line (or, for narratives, several) of wide
 * characters with a cursor. Every edit is a plain function of the state,
 * so unit tests drive it without a terminal. The cursor moves over
 * whole characters: a base character and the combining marks after it
 * are one unit for moving and deleting. */
#ifndef SIRT_EDITOR_H
#define SIRT_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Where the rows of a box start, kept from one draw to the next: an edit
 * re-wraps from the row before it until the rows meet the old ones again,
 * so a key costs the rows it changes, not the whole text. */
struct editor_rows {
	size_t *start;
	size_t n, cap;
	int cols;		/* 0: nothing kept */
	size_t len;		/* the text's length when they were made */
	size_t head, tail;	/* since then, text[0, head) and the last `tail` are unchanged */
	bool changed;
};

struct editor {
	wchar_t *text;
	size_t len;
	size_t cap;
	size_t bytes;		/* the text's UTF-8 length */
	size_t cursor;		/* index into text, never inside a cluster */
	size_t scroll;		/* first visible index when the text is wider than its box */
	size_t top_row;		/* first visible row of a multi-line box */
	size_t max_bytes;	/* 0: unlimited; else the UTF-8 length the text may reach */
	bool multiline;
	unsigned long changes;	/* counts every edit: a draft unchanged since it was kept is not kept again */
	struct editor_rows rows;
};

void editor_init(struct editor *ed);
void editor_free(struct editor *ed);
/* Replaces the text with s (UTF-8; invalid bytes become U+FFFD), cursor at the end. */
void editor_set(struct editor *ed, const char *s);
/* The text as UTF-8; caller frees. */
char *editor_text(const struct editor *ed);
bool editor_is_empty(const struct editor *ed);

/* Inserts one printable character (controls are refused: returns false). */
bool editor_insert(struct editor *ed, wchar_t c);
void editor_delete_before(struct editor *ed);	/* Backspace */
void editor_delete_at(struct editor *ed);	/* Delete */
void editor_move_left(struct editor *ed);
void editor_move_right(struct editor *ed);
void editor_move_home(struct editor *ed);	/* start of the line */
void editor_move_end(struct editor *ed);	/* end of the line */
void editor_move_word_left(struct editor *ed);
void editor_move_word_right(struct editor *ed);
void editor_delete_word_before(struct editor *ed);	/* Ctrl-W */
void editor_kill_to_end(struct editor *ed);	/* Ctrl-K */
void editor_kill_to_start(struct editor *ed);	/* Ctrl-U */

/* Splits the text into rows of at most cols columns, at newlines and
 * where a row is full; writes each row's first index to starts (at most
 * max of them) and returns how many (at least 1). */
size_t editor_wrap(const struct editor *ed, int cols, size_t *starts, size_t max);
/* The same rows, for a box of cols columns, kept in the editor between
 * calls (see struct editor_rows); *n gets how many. Valid until the next
 * edit. */
const size_t *editor_rows(struct editor *ed, int cols, size_t *n);
/* The row (of those editor_wrap or editor_rows made) that holds the cursor. */
size_t editor_cursor_row(const struct editor *ed, const size_t *starts, size_t rows);

/* Columns taken by text[from, to). */
int editor_columns(const struct editor *ed, size_t from, size_t to);
/* Adjusts scroll so the cursor is visible in a box of `width` columns. */
void editor_scroll_to_cursor(struct editor *ed, int width);

#endif
