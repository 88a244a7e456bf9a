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

struct editor {
	wchar_t *text;
	size_t len;
	size_t cap;
	size_t cursor;		/* index into text, never inside a cluster */
	size_t scroll;		/* first visible index when the text is wider than its box */
	size_t max_bytes;	/* 0: unlimited; else the UTF-8 length the text may reach */
	bool multiline;
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

/* Columns taken by text[from, to). */
int editor_columns(const struct editor *ed, size_t from, size_t to);
/* Adjusts scroll so the cursor is visible in a box of `width` columns. */
void editor_scroll_to_cursor(struct editor *ed, int width);

#endif
