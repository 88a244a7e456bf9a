/* The ticket list, the home screen: every open incident, newest first,
 * filtered as you type. */
#include <wctype.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/deadline.h"
#include "sirt/sanitize.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/incident.h"
#include "tui.h"

/* An incident's most pressing deadline not met, for the DUE column. */
struct due {
	bool open;
	time_t due;
	long long warn;
};

struct list_state {
	struct incident_list incidents;
	struct due *dues;	/* one per incident */
	size_t *shown;		/* indices of the incidents the filter lets through */
	size_t nshown;
	size_t cursor;
	size_t top;
	struct editor filter;
	bool filtering;
	bool with_closed;	/* a: closed incidents listed too */
	struct form_arg intake;
	char open_ref[64];
	/* Drafts kept from an earlier session, offered at the start. */
	struct draft_list drafts;
	char **draft_labels;
	const char **draft_keys;
	struct choose_arg draft_choice;
	struct form_arg draft_form;
	bool resuming;		/* a draft's form is open above */
};

/* Lower-cased copy as wide characters (invalid bytes become U+FFFD). */
static wchar_t *folded(const char *s)
{
	struct editor ed;
	wchar_t *out;

	editor_init(&ed);
	editor_set(&ed, s ? s : "");
	out = xcalloc(ed.len + 1, sizeof(wchar_t));
	for (size_t i = 0; i < ed.len; i++)
		out[i] = (wchar_t)towlower((wint_t)ed.text[i]);
	editor_free(&ed);
	return out;
}

/* Substring test that ignores case in any script ("DÉAN" finds "déan"). */
static bool contains(const char *hay, const wchar_t *needle)
{
	wchar_t *h = folded(hay);
	bool found = wcsstr(h, needle) != NULL;

	free(h);
	return found;
}

static void apply_filter(struct list_state *st)
{
	char *typed = editor_text(&st->filter);
	wchar_t *needle = folded(typed);

	free(st->shown);
	st->shown = xcalloc(st->incidents.len ? st->incidents.len : 1, sizeof(size_t));
	st->nshown = 0;
	for (size_t i = 0; i < st->incidents.len; i++) {
		const struct incident *in = &st->incidents.items[i];
		if (contains(in->ref, needle) || contains(in->title, needle) || contains(in->status, needle) ||
		    contains(in->category, needle))
			st->shown[st->nshown++] = i;
	}
	cursor_clamp(&st->cursor, st->nshown);
	free(needle);
	free(typed);
}

static const struct incident *selected(const struct list_state *st)
{
	return st->nshown ? &st->incidents.items[st->shown[st->cursor]] : NULL;
}

struct ranked {
	struct incident incident;
	struct due due;
	size_t order;
};

/* Overdue first (the longest overdue on top), then as listed. */
static int compare_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	time_t now = session_now();
	bool xo = x->due.open && x->due.due <= now, yo = y->due.open && y->due.due <= now;

	if (xo != yo)
		return xo ? -1 : 1;
	if (xo && x->due.due != y->due.due)
		return x->due.due < y->due.due ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Each incident's most pressing deadline, and the list sorted by them. */
static void load_dues(struct tui *tui, struct list_state *st)
{
	size_t n = st->incidents.len;
	struct ranked *ranked = xcalloc(n ? n : 1, sizeof(*ranked));
	struct error err = {0};

	for (size_t i = 0; i < n; i++) {
		struct deadline_list list;
		struct deadline_met_list met;
		const struct deadline *d;

		ranked[i].incident = st->incidents.items[i];
		ranked[i].order = i;
		if (incident_deadlines(tui->session->store, tui->session->config, &st->incidents.items[i], session_now(),
				       &list, &met, &err) == STATUS_OK && (d = deadlines_most_pressing(&list)))
			ranked[i].due = (struct due){true, d->due, d->rule->warn};
		deadline_list_free(&list);
		deadline_met_list_free(&met);
	}
	if (n)
		qsort(ranked, n, sizeof(*ranked), compare_ranked);
	free(st->dues);
	st->dues = xcalloc(n ? n : 1, sizeof(*st->dues));
	for (size_t i = 0; i < n; i++) {
		st->incidents.items[i] = ranked[i].incident;
		st->dues[i] = ranked[i].due;
	}
	free(ranked);
}

/* Reloads, keeping the cursor on the same ticket (or on `ref`). */
static void reload(struct tui *tui, struct list_state *st, const char *ref)
{
	struct error err = {0};
	char *keep = ref ? xstrdup(ref) : selected(st) ? xstrdup(selected(st)->ref) : NULL;

	incident_list_free(&st->incidents);
	if (store_incident_list(tui->session->store, st->with_closed, &st->incidents, &err))
		tui_error(tui, "%s", err.message);
	load_dues(tui, st);
	apply_filter(st);
	for (size_t i = 0; keep && i < st->nshown; i++)
		if (strcmp(st->incidents.items[st->shown[i]].ref, keep) == 0)
			st->cursor = i;
	free(keep);
}

static void forget_drafts(struct list_state *st)
{
	for (size_t i = 0; st->draft_labels && st->draft_labels[i]; i++)
		free(st->draft_labels[i]);
	FREE(&st->draft_labels);
	FREE(&st->draft_keys);
	draft_list_free(&st->drafts);
}

/* What this operator typed in an earlier session and did not save (a
 * dropped connection, a closed terminal): offered, one at a time. */
static void offer_drafts(struct tui *tui, struct list_state *st)
{
	static const char *const numbers[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
	struct error err = {0};
	size_t n;

	forget_drafts(st);
	if (!tui->draft_dir || draft_list_read(tui->draft_dir, &st->drafts, &err) || !st->drafts.len)
		return;
	n = st->drafts.len < 10 ? st->drafts.len : 10;
	st->draft_labels = xcalloc(n + 2, sizeof(*st->draft_labels));	/* NULL-terminated */
	st->draft_keys = xcalloc(n + 1, sizeof(*st->draft_keys));
	for (size_t i = 0; i < n; i++) {
		const struct draft *d = &st->drafts.items[i];
		const struct form_def *f = config_form(tui->session->config, d->form);
		char when[TIME_TEXT_MAX];

		time_format_short(d->saved, when, sizeof(when));
		st->draft_labels[i] = *d->ref ? xasprintf("%s of %s, typed %s", f ? f->title : d->form, d->ref, when) :
						xasprintf("A new call (%s), typed %s", f ? f->title : d->form, when);
		st->draft_keys[i] = numbers[i];
	}
	st->draft_labels[n] = xstrdup("Later: keep them for next time");
	st->draft_keys[n] = "later";
	st->draft_choice = (struct choose_arg){
		.question = "You left text unsaved last time. Pick one to go on with (Esc: later).",
		.labels = (const char *const *)st->draft_labels, .keys = st->draft_keys, .count = n + 1,
		.tag = TAG_DRAFT_CHOSEN};
	tui_push(tui, &choose_screen, &st->draft_choice);
}

static bool list_open(struct tui *tui, void *state, const void *arg)
{
	struct list_state *st = state;

	(void)arg;
	editor_init(&st->filter);
	reload(tui, st, NULL);
	offer_drafts(tui, st);
	return true;
}

static void list_close(struct tui *tui, void *state)
{
	struct list_state *st = state;

	(void)tui;
	incident_list_free(&st->incidents);
	free(st->shown);
	free(st->dues);
	editor_free(&st->filter);
	forget_drafts(st);
}

/* Widths with the gap after each; the title takes what is left (25 at
 * 80 columns with IR-2026-0001 references). The reference column is as
 * wide as the longest reference: a plan's prefix may be longer than IR. */
enum { COL_REF_MIN = 14, COL_REF_MAX = 30, COL_STATUS = 11, COL_CATEGORY = 9, COL_DUE = 8, COL_AGE = 5,
       COL_UPDATED = 7 };
#define TITLE_COLS(cols, ref) ((cols) - (ref) - COL_STATUS - COL_CATEGORY - COL_DUE - COL_AGE - COL_UPDATED - 1)

static int ref_cols(const struct incident_list *list)
{
	int cols = COL_REF_MIN;

	for (size_t i = 0; i < list->len; i++) {
		int w = text_width(list->items[i].ref) + 2;
		if (w > cols)
			cols = w < COL_REF_MAX ? w : COL_REF_MAX;
	}
	return cols;
}

/* "OVERDUE", "!5h" under the warning time, "13d", or "" for none. */
static enum tui_style due_text(const struct due *due, time_t now, char *out, size_t size)
{
	long long left = (long long)(due->due - now);

	if (!due->open) {
		out[0] = '\0';
		return STYLE_NORMAL;
	}
	if (left <= 0) {
		snprintf(out, size, "OVERDUE");
		return STYLE_ERROR;
	}
	snprintf(out, size, "%s%lld%c", left <= due->warn ? "!" : "", left >= 86400 ? left / 86400 :
		 left >= 3600 ? left / 3600 : left / 60 + 1, left >= 86400 ? 'd' : left >= 3600 ? 'h' : 'm');
	return left <= due->warn ? STYLE_TITLE : STYLE_NORMAL;
}

static void draw_row(const struct tui *tui, WINDOW *win, int y, int col_ref, const struct incident *in,
		     const struct due *due, time_t now, bool is_selected)
{
	int title_cols = TITLE_COLS(getmaxx(win), col_ref);
	char due_cell[32];
	enum tui_style due_style = due_text(due, now, due_cell, sizeof(due_cell));
	char age[16] = "", updated[TIME_TEXT_MAX] = "";
	struct strbuf sb = {0};
	char *parts[4];
	time_t t;

	if (time_parse_utc(in->created_at, &t) == 0)
		time_format_age(t, now, age, sizeof(age));
	/* The time of the last change if within a day, else its date. */
	if (time_parse_utc(in->updated_at, &t) == 0)
		time_format_recent(t, now, updated, sizeof(updated));
	parts[0] = sanitize(in->ref, 0);
	parts[1] = sanitize(in->status, 0);
	parts[2] = sanitize(in->category ? in->category : "-", 0);
	parts[3] = sanitize(in->title, 0);
	strbuf_putc(&sb, ' ');
	text_pad(&sb, parts[0], col_ref - 2, true);
	strbuf_putc(&sb, ' ');
	text_pad(&sb, parts[1], COL_STATUS, true);
	text_pad(&sb, parts[2], COL_CATEGORY, true);
	text_pad(&sb, parts[3], title_cols, true);
	strbuf_putc(&sb, ' ');
	text_pad(&sb, due_cell, COL_DUE - 1, false);
	strbuf_putc(&sb, ' ');
	text_pad_left(&sb, age, COL_AGE - 1);
	strbuf_putc(&sb, ' ');
	text_pad(&sb, updated, COL_UPDATED, false);
	draw_safe(tui, win, y, 0, getmaxx(win), is_selected ? STYLE_SELECTED : STYLE_NORMAL, strbuf_str(&sb));
	/* The deadline stands out: bold (and red or yellow with colour) when
	 * due soon or overdue, on the selected row too. */
	if (due_style != STYLE_NORMAL) {
		attr_t extra = is_selected ? A_REVERSE : 0;
		wattrset(win, tui_style(tui, due_style) | extra);
		mvwaddstr(win, y, col_ref + COL_STATUS + COL_CATEGORY + title_cols + 1, due_cell);
		wattrset(win, A_NORMAL);
	}
	for (int i = 0; i < 4; i++)
		free(parts[i]);
	strbuf_free(&sb);
}

static void list_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct list_state *st = state;
	int rows = getmaxy(win) - 2, cols = getmaxx(win);
	time_t now = session_now();
	int col_ref = ref_cols(&st->incidents);
	char title[128];

	if (st->with_closed) {
		size_t closed = 0;

		for (size_t i = 0; i < st->incidents.len; i++)
			closed += strcmp(st->incidents.items[i].status, INCIDENT_CLOSED) == 0;
		snprintf(title, sizeof(title), " Incidents: %zu open, %zu closed", st->incidents.len - closed, closed);
	} else {
		snprintf(title, sizeof(title), " Incidents: %zu open", st->incidents.len);
	}
	if (st->filtering || !editor_is_empty(&st->filter)) {
		int x;
		snprintf(title + strlen(title), sizeof(title) - strlen(title), ", %zu shown   Filter: ", st->nshown);
		draw_text(tui, win, 0, 0, (int)strlen(title), STYLE_TITLE, title);
		x = draw_editor(tui, win, 0, (int)strlen(title), cols - (int)strlen(title),
				st->filtering ? STYLE_FOCUS : STYLE_NORMAL, &st->filter);
		if (st->filtering)
			tui_cursor(tui, win, 0, x);
	} else {
		draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	}
	{
		struct strbuf sb = {0};
		int title_cols = TITLE_COLS(cols, col_ref);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, "REF", col_ref - 1, false);
		text_pad(&sb, "STATUS", COL_STATUS, false);
		text_pad(&sb, "CATEGORY", COL_CATEGORY, false);
		text_pad(&sb, "TITLE", title_cols, false);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, "DUE", COL_DUE - 1, false);
		text_pad_left(&sb, "AGE", COL_AGE);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, "UPDATED", COL_UPDATED, false);
		draw_safe(tui, win, 1, 0, cols, STYLE_COLUMN, strbuf_str(&sb));
		strbuf_free(&sb);
	}
	if (st->nshown == 0) {
		draw_text(tui, win, 3, 2, cols - 4, STYLE_DIM,
			  st->incidents.len ? "No incident matches the filter. Esc clears it." :
			  st->with_closed ? "No incidents yet. Press n to log a call." :
					    "No open incidents. Press n to log a call, a to list closed ones.");
		return;
	}
	scroll_to_show(st->cursor, &st->top, rows);
	for (int r = 0; r < rows && st->top + (size_t)r < st->nshown; r++) {
		size_t i = st->top + (size_t)r;
		draw_row(tui, win, 2 + r, col_ref, &st->incidents.items[st->shown[i]], &st->dues[st->shown[i]], now,
			 i == st->cursor);
	}
}

static enum result list_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct list_state *st = state;
	int page = getmaxy(tui->body) - 3;

	if (list_move(action, &st->cursor, st->nshown, page))
		return RESULT_HANDLED;
	if (st->filtering) {
		if (action == ACTION_OPEN) {
			st->filtering = false;
			return RESULT_HANDLED;
		}
		if (action == ACTION_BACK) {
			st->filtering = false;
			editor_set(&st->filter, "");
			apply_filter(st);
			return RESULT_HANDLED;
		}
		if (action == ACTION_NONE && editor_key(&st->filter, key)) {
			st->cursor = 0;
			apply_filter(st);
			return RESULT_HANDLED;
		}
		return RESULT_IGNORED;
	}
	switch (action) {
	case ACTION_NEW:
		if (!tui_writable(tui))
			return RESULT_HANDLED;
		st->intake.form = tui->session->config->intake;
		st->intake.ref = NULL;
		return tui_push(tui, &form_screen, &st->intake);
	case ACTION_OPEN:
		if (!selected(st)) {
			tui_error(tui, "No incident to open. Press n to log a call.");
			return RESULT_HANDLED;
		}
		snprintf(st->open_ref, sizeof(st->open_ref), "%s", selected(st)->ref);
		return tui_push(tui, &incident_screen, st->open_ref);
	case ACTION_FILTER:
		st->filtering = true;
		return RESULT_HANDLED;
	case ACTION_SHOW_CLOSED:
		st->with_closed = !st->with_closed;
		reload(tui, st, NULL);
		tui_message(tui, st->with_closed ? "Closed incidents are listed too; a hides them." :
						   "Only open incidents are listed; a lists closed ones too.");
		return RESULT_HANDLED;
	case ACTION_BACK:
		if (!editor_is_empty(&st->filter)) {
			editor_set(&st->filter, "");
			apply_filter(st);
			return RESULT_HANDLED;
		}
		return RESULT_IGNORED;
	default:
		return RESULT_IGNORED;
	}
}

static void list_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct list_state *st = state;

	if (result && result->tag == TAG_DRAFT_CHOSEN) {
		size_t i = result->ok && strcmp(result->text, "later") != 0 ? (size_t)atoi(result->text) : SIZE_MAX;
		const struct draft *d = i < st->drafts.len ? &st->drafts.items[i] : NULL;
		const struct form_def *f = d ? config_form(tui->session->config, d->form) : NULL;

		if (f) {
			st->draft_form = (struct form_arg){.form = f, .ref = *d->ref ? d->ref : NULL, .draft = d};
			st->resuming = true;
			tui_push(tui, &form_screen, &st->draft_form);
			return;
		}
		if (result->ok && d)
			tui_error(tui, "The %s form is not in this plan's configuration.", d->form);
		reload(tui, st, NULL);
		return;
	}
	if (st->resuming && result && result->tag != TAG_CREATED) {
		/* Back from a draft: the others, if any. */
		st->resuming = false;
		reload(tui, st, NULL);
		offer_drafts(tui, st);
		return;
	}
	st->resuming = false;

	if (result && result->tag == TAG_CREATED && result->ok) {
		editor_set(&st->filter, "");
		reload(tui, st, result->text);
		snprintf(st->open_ref, sizeof(st->open_ref), "%s", result->text);
		tui_message(tui, "%s logged. Press t to answer the triage checklist.", result->text);
		tui_push(tui, &incident_screen, st->open_ref);
		return;
	}
	reload(tui, st, NULL);
}

static bool list_edits_text(void *state)
{
	return ((struct list_state *)state)->filtering;
}

static const char *list_help_line(void *state)
{
	struct list_state *st = state;
	return st->filtering ? "Type to filter; Enter keeps the filter, Esc clears it." : NULL;
}

static const struct screen_key list_keys[] = {
	HINT_KEY(NEW, NULL, NULL),
	HINT_KEY(OPEN, NULL, "Open the selected incident"),
	HINT_KEY(FILTER, NULL, NULL),
	HINT_KEY(SHOW_CLOSED, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(QUIT, NULL, NULL),
	MORE_KEY(BACK, "Clear", "Clear the filter (Enter keeps it while filtering)"),
	MOVE_KEYS("an incident"),
	KEYS_END,
};

const struct screen_ops list_screen = {
	.name = "list",
	.state_size = sizeof(struct list_state),
	.open = list_open,
	.draw = list_draw,
	.handle = list_handle,
	.resume = list_resume,
	.close = list_close,
	.edits_text = list_edits_text,
	.help_line = list_help_line,
	.keys = list_keys,
};
