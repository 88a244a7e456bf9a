/* The parts of the screen that every screen shares: the header with the
 * 24/7 number, the message line, the key-hint bar, and the notice that
 * replaces everything when the terminal is too small. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "sirt/sanitize.h"
#include "sirt/utf8.h"

void draw_header(struct tui *tui)
{
	const struct config *c = tui->session->config;
	/* The sample marker comes before the organisation: if the line is
	 * too narrow, the name is what gets cut. */
	char *left = xasprintf(" sirt%s%s  %s", tui->session->read_only ? " [read-only]" : "",
			       c->is_sample ? " [sample plan]" : "", c->organisation);
	char *right = xasprintf("  %s: %s ", c->hotline_label, c->hotline);
	char *safe_right = sanitize(right, 0);
	int right_cols = text_width(safe_right);

	werase(tui->header);
	if (right_cols > tui->cols - 10)
		right_cols = tui->cols - 10;
	draw_text(tui, tui->header, 0, 0, tui->cols - right_cols, STYLE_HEADER, left);
	draw_safe(tui, tui->header, 0, tui->cols - right_cols, right_cols, STYLE_HEADER, safe_right);
	wnoutrefresh(tui->header);
	free(left);
	free(right);
	free(safe_right);
}

bool draw_message(struct tui *tui, const char *fallback)
{
	bool long_error = false;

	werase(tui->message_win);
	if (tui->message[0] && tui->message_is_error) {
		/* An error says what to do at its end ("... is full (free some
		 * space on it, then try again)"): one too long for its row goes
		 * on over the key hints, which the next key brings back. */
		char *safe = sanitize(tui->message, 0);
		size_t starts[2];

		if (text_width(safe) > tui->cols && text_wrap(safe, tui->cols, starts, 2) == 2) {
			char *first = xstrndup(safe + starts[0], starts[1] - starts[0]);

			draw_safe(tui, tui->message_win, 0, 0, tui->cols, STYLE_ERROR, str_trim(first));
			werase(tui->hints_win);
			draw_safe(tui, tui->hints_win, 0, 0, tui->cols, STYLE_ERROR, safe + starts[1]);
			wnoutrefresh(tui->hints_win);
			long_error = true;
			free(first);
		} else {
			draw_safe(tui, tui->message_win, 0, 0, tui->cols, STYLE_ERROR, safe);
		}
		free(safe);
	} else if (tui->message[0]) {
		draw_text(tui, tui->message_win, 0, 0, tui->cols, STYLE_OK, tui->message);
	} else if (fallback) {
		draw_text(tui, tui->message_win, 0, 0, tui->cols, STYLE_DIM, fallback);
	}
	wnoutrefresh(tui->message_win);
	return long_error;
}

void draw_hints(struct tui *tui, const struct screen_ops *ops, enum keymap_mode mode)
{
	struct strbuf sb = {0};

	werase(tui->hints_win);
	/* Two blanks between hints, or one when that is what makes them fit. */
	for (int gap = 2; gap >= 1; gap--) {
		strbuf_reset(&sb);
		for (const struct screen_key *k = ops->keys; k && k->action != ACTION_NONE; k++) {
			const char *key = k->hint && tui_may(tui, k->action) ? keymap_key_name(ops->name, mode, k->action) :
								       NULL;
			if (key)
				strbuf_printf(&sb, "%s%s %s", sb.len ? (gap == 2 ? "  " : " ") : " ", key,
					      k->label ? k->label : action_label(k->action));
		}
		if (text_width(strbuf_str(&sb)) <= tui->cols)
			break;
	}
	draw_safe(tui, tui->hints_win, 0, 0, tui->cols, STYLE_HEADER, strbuf_str(&sb));
	wnoutrefresh(tui->hints_win);
	strbuf_free(&sb);
}

void draw_too_small(struct tui *tui)
{
	char line[160];
	int y = tui->rows / 2 - 1;

	werase(stdscr);
	snprintf(line, sizeof(line), "Terminal too small: %dx%d.", tui->cols, tui->rows);
	mvaddnstr(y < 0 ? 0 : y, 0, line, tui->cols);
	snprintf(line, sizeof(line), "sirt needs at least %dx%d.", TUI_MIN_COLS, TUI_MIN_ROWS);
	mvaddnstr(y + 1 < tui->rows ? y + 1 : 0, 0, line, tui->cols);
	mvaddnstr(y + 2 < tui->rows ? y + 2 : 0, 0, "Enlarge the window to go on (q quits).", tui->cols);
	wnoutrefresh(stdscr);
}
