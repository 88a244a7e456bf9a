/* The incident's timeline: everything that happened to it, oldest first,
 * from the append-only record, filtered by kind (f cycles through the
 * kinds present: calls, notes, steps, evidence, approvals ...). */
#include <stdlib.h>
#include <string.h>

#include "sirt/sanitize.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/whole.h"
#include "tui.h"

struct timeline_state {
	char ref[64];
	struct incident incident;
	struct timeline entries;
	struct strlist kinds;	/* the kinds present, for the filter */
	int kind;		/* -1: every kind */
	size_t *shown;
	size_t nshown;
	size_t cursor;
	size_t top;
	/* The selected entry whole, for the reader (Enter). */
	struct reader_arg reading;
	char *reading_text;
};

static void apply_filter(struct timeline_state *st)
{
	free(st->shown);
	st->shown = xcalloc(st->entries.len ? st->entries.len : 1, sizeof(size_t));
	st->nshown = 0;
	for (size_t i = 0; i < st->entries.len; i++)
		if (st->kind < 0 || strcmp(st->entries.items[i].kind, st->kinds.items[st->kind]) == 0)
			st->shown[st->nshown++] = i;
	cursor_clamp(&st->cursor, st->nshown);
}

static bool load(struct tui *tui, struct timeline_state *st)
{
	struct error err = {0};
	struct incident incident;
	struct timeline entries = {0};

	if (store_incident_get(tui->session->store, st->ref, &incident, &err) ||
	    store_timeline_get(tui->session->store, incident.id, &entries, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		timeline_free(&entries);
		return false;
	}
	incident_clear(&st->incident);
	timeline_free(&st->entries);
	st->incident = incident;
	st->entries = entries;
	for (size_t i = 0; i < st->entries.len; i++)
		if (strlist_find(&st->kinds, st->entries.items[i].kind) < 0)
			strlist_add(&st->kinds, st->entries.items[i].kind);
	apply_filter(st);
	return true;
}

static void timeline_close(struct tui *tui, void *state)
{
	struct timeline_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	timeline_free(&st->entries);
	strlist_free(&st->kinds);
	free(st->shown);
	free(st->reading_text);
}

static bool timeline_open(struct tui *tui, void *state, const void *arg)
{
	struct timeline_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	st->kind = -1;
	if (!load(tui, st)) {
		timeline_close(tui, st);
		return false;
	}
	st->cursor = st->nshown ? st->nshown - 1 : 0;
	return true;
}

/* "2026-11-22 03:05 UTC", and when it was logged if that was later. */
static char *entry_when(const struct timeline_entry *e)
{
	return whole_when(e->happened, e->at);
}

static void timeline_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct timeline_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win);
	int list_rows = rows - 6;
	char *line = xasprintf(" Timeline: %s  %s", st->incident.ref, st->incident.title);

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	line = xasprintf("Showing %s: %zu of %zu entries (f: another kind)", st->kind < 0 ? "every kind" :
			 st->kinds.items[st->kind], st->nshown, st->entries.len);
	draw_text(tui, win, 1, 1, cols - 2, STYLE_DIM, line);
	free(line);
	scroll_to_show(st->cursor, &st->top, list_rows);
	for (int r = 0; r < list_rows && st->top + (size_t)r < st->nshown; r++) {
		const struct timeline_entry *e = &st->entries.items[st->shown[st->top + (size_t)r]];
		/* When it happened: the order of the list. */
		char *when = time_utc_to_local(e->happened ? e->happened : e->at);
		char *who = sanitize(e->who, 0), *summary = sanitize(e->summary, 0), *kind = sanitize(e->kind, 0);
		struct strbuf sb = {0};

		/* Columns by display width: a login may be "kılınç". */
		strbuf_printf(&sb, " %.16s ", when);
		text_pad(&sb, who, 9, true);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, kind, 12, true);
		strbuf_putc(&sb, ' ');
		/* Who and when are an imported file's word: said first. */
		if (e->imported)
			strbuf_puts(&sb, "[imported] ");
		strbuf_puts(&sb, summary);
		draw_safe(tui, win, 2 + r, 0, cols, st->top + (size_t)r == st->cursor ? STYLE_SELECTED : STYLE_NORMAL,
			  strbuf_str(&sb));
		strbuf_free(&sb);
		free(kind);
		free(who);
		free(summary);
		free(when);
	}
	if (st->nshown) {
		/* The selected entry in full: summaries can be long. */
		const struct timeline_entry *e = &st->entries.items[st->shown[st->cursor]];
		char *when = entry_when(e);
		line = whole_with_imported(xasprintf("%s, %s (%s): %s", when, e->who, e->kind, e->summary), e->imported);
		/* Longer than its three rows: the third says how to read it. */
		{
			bool more = wraps_past(line, cols - 2, 3);

			draw_wrapped(tui, win, rows - 4, 1, cols - 2, more ? 2 : 3, STYLE_NORMAL, line);
			if (more)
				draw_text(tui, win, rows - 2, 1, cols - 2, STYLE_DIM, "… more: Enter reads it whole.");
		}
		free(line);
		free(when);
	}
}

static enum result timeline_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct timeline_state *st = state;
	int page = getmaxy(tui->body) - 7;

	(void)key;
	if (list_move(action, &st->cursor, st->nshown, page))
		return RESULT_HANDLED;
	if (action == ACTION_OPEN && st->nshown) {
		const struct timeline_entry *e = &st->entries.items[st->shown[st->cursor]];
		char *when = entry_when(e);

		free(st->reading_text);
		st->reading_text = whole_with_imported(xasprintf("%s, %s (%s):\n%s", when, e->who, e->kind, e->summary),
						       e->imported);
		free(when);
		st->reading = (struct reader_arg){.title = st->incident.ref, .text = st->reading_text};
		return tui_push(tui, &reader_screen, &st->reading);
	}
	if (action == ACTION_NEXT_KIND) {
		st->kind = st->kind + 1 >= (int)st->kinds.len ? -1 : st->kind + 1;
		apply_filter(st);
		st->cursor = st->nshown ? st->nshown - 1 : 0;
		return RESULT_HANDLED;
	}
	return RESULT_IGNORED;
}

static void timeline_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	(void)result;
	load(tui, state);
}

static const struct screen_key timeline_keys[] = {
	HINT_KEY(NEXT_KIND, NULL, NULL),
	MORE_KEY(OPEN, "Read", "Read the selected entry whole"),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MOVE_KEYS("an entry"),
	KEYS_END,
};

const struct screen_ops timeline_screen = {
	.name = "timeline",
	.state_size = sizeof(struct timeline_state),
	.open = timeline_open,
	.draw = timeline_draw,
	.handle = timeline_handle,
	.resume = timeline_resume,
	.close = timeline_close,
	.keys = timeline_keys,
};
