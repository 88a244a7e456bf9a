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
	const char *mode = tui->session->read_only ? " [read-only]" : "";
	char *left = NULL, *right = NULL, *safe_right = NULL;
	const char *elsewhere = "";
	int right_cols = 0, sirt_cols, elsewhere_cols;

	/* As much as fits, dropping first the words around the number (the
	 * label of the 24/7 line, then "plan" of the sample marker), so that
	 * the organisation and the number stand whole on a narrow screen. A
	 * database other than the system's is said on every screen, in the
	 * style of an error, for whoever takes over the desk at night. */
	for (int fit = 0; fit < 3; fit++) {
		free(left);
		free(right);
		free(safe_right);
		if (tui->session->other_database)
			elsewhere = fit < 2 ? " NOT THE TEAM'S DATABASE " : " OTHER DB ";
		left = xasprintf("%s  %s", !c->is_sample ? "" : fit < 2 ? " [sample plan]" : " [sample]",
				 c->organisation);
		/* Short, the label keeps only what says when to call. */
		right = fit == 0 ? xasprintf("  %s: %s ", c->hotline_label, c->hotline) :
			xasprintf("  %s%s ", strstr(c->hotline_label, "24/7") ? "24/7 " : "", c->hotline);
		safe_right = sanitize(right, 0);
		right_cols = text_width(safe_right);
		if (5 + (int)strlen(mode) + (int)strlen(elsewhere) + text_width(left) + right_cols <= tui->cols)
			break;
	}
	werase(tui->header);
	if (right_cols > tui->cols - 10)
		right_cols = tui->cols - 10;
	sirt_cols = 5 + (int)strlen(mode);
	elsewhere_cols = (int)strlen(elsewhere);
	if (sirt_cols + elsewhere_cols > tui->cols - right_cols)
		elsewhere_cols = tui->cols - right_cols - sirt_cols;
	draw_safe(tui, tui->header, 0, 0, sirt_cols, STYLE_HEADER, mode[0] ? " sirt [read-only]" : " sirt");
	draw_safe(tui, tui->header, 0, sirt_cols, elsewhere_cols, STYLE_ERROR, elsewhere);
	draw_text(tui, tui->header, 0, sirt_cols + elsewhere_cols, tui->cols - right_cols - sirt_cols - elsewhere_cols,
		  STYLE_HEADER, left);
	draw_safe(tui, tui->header, 0, tui->cols - right_cols, right_cols, STYLE_HEADER, safe_right);
	wnoutrefresh(tui->header);
	free(left);
	free(right);
	free(safe_right);
}

bool draw_message(struct tui *tui, const char *fallback)
{
	bool two_rows = false;

	werase(tui->message_win);
	if (tui->message[0]) {
		/* A message says what to do at its end ("... is full (free some
		 * space on it, then try again)"): one too long for its row goes
		 * on over the key hints, which the next key brings back; one
		 * longer still ends in where to read it whole. */
		enum tui_style style = tui->message_is_error ? STYLE_ERROR : STYLE_OK;
		char *safe = sanitize(tui->message, 0);
		size_t starts[2];

		if (text_width(safe) > tui->cols && text_wrap(safe, tui->cols, starts, 2) == 2) {
			char *first = xstrndup(safe + starts[0], starts[1] - starts[0]);
			const char *rest = safe + starts[1];
			static const char whole[] = " (^P: whole)";
			bool cut = text_width(rest) > tui->cols;

			draw_safe(tui, tui->message_win, 0, 0, tui->cols, style, str_trim(first));
			werase(tui->hints_win);
			draw_safe(tui, tui->hints_win, 0, 0, cut ? tui->cols - (int)strlen(whole) : tui->cols, style, rest);
			if (cut)
				draw_safe(tui, tui->hints_win, 0, tui->cols - (int)strlen(whole), (int)strlen(whole), style,
					  whole);
			wnoutrefresh(tui->hints_win);
			two_rows = true;
			free(first);
		} else {
			draw_safe(tui, tui->message_win, 0, 0, tui->cols, style, safe);
		}
		free(safe);
	} else if (fallback) {
		draw_text(tui, tui->message_win, 0, 0, tui->cols, STYLE_DIM, fallback);
	}
	wnoutrefresh(tui->message_win);
	return two_rows;
}

/* Whether the bar keeps a hint when it is short of room: how to get
 * help and how to leave are never dropped. */
static bool hint_kept(enum action action)
{
	return action == ACTION_HELP || action == ACTION_BACK || action == ACTION_QUIT;
}

/* The bar with gap blanks between hints, leaving out the last `drop`
 * that may be left out. */
static void hints_line(struct strbuf *sb, const char *const *keys, const char *const *labels,
		       const enum action *actions, size_t n, size_t drop, int gap)
{
	bool *out = xcalloc(n ? n : 1, sizeof(*out));

	for (size_t i = n; i-- > 0 && drop;)
		if (!hint_kept(actions[i])) {
			out[i] = true;
			drop--;
		}
	strbuf_reset(sb);
	for (size_t i = 0; i < n; i++)
		if (!out[i])
			strbuf_printf(sb, "%s%s %s", sb->len ? (gap == 2 ? "  " : " ") : " ", keys[i], labels[i]);
	free(out);
}

void draw_hints(struct tui *tui, const struct screen_ops *ops, void *state, enum keymap_mode mode)
{
	const char *keys[64], *labels[64];
	enum action actions[64];
	struct strbuf sb = {0};
	size_t n = 0;
	bool fits = false;

	for (const struct screen_key *k = ops->keys; k && k->action != ACTION_NONE && n < 64; k++) {
		const char *key = k->hint && tui_may(tui, k->action) && (!ops->offers || ops->offers(tui, state, k->action)) ?
					  keymap_key_name(ops->name, mode, k->action) : NULL;

		if (!key)
			continue;
		keys[n] = key;
		labels[n] = k->label ? k->label : action_label(k->action);
		actions[n++] = k->action;
	}
	werase(tui->hints_win);
	/* Two blanks between hints, or one when that is what makes them fit;
	 * then whole hints are left out from the end (but help and back), so
	 * that none is ever cut in the middle. */
	for (size_t drop = 0; drop <= n && !fits; drop++)
		for (int gap = 2; gap >= 1 && !fits; gap--) {
			hints_line(&sb, keys, labels, actions, n, drop, gap);
			fits = text_width(strbuf_str(&sb)) <= tui->cols;
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
