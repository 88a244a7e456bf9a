/* The ticket list, the home screen: every open incident, overdue first,
 * then newest first, searched as you type (titles, every form field and
 * the notes, through the store's full-text index). */
#include <wctype.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/deadline.h"
#include "sirt/draft.h"
#include "sirt/editor.h"
#include "sirt/mem.h"
#include "sirt/sanitize.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/incident.h"
#include "sirt/record.h"
#include "sirt/report.h"
#include "sirt/roles.h"
#include "tui.h"

/* The list reads only what it shows: a window of rows from the one at
 * the top of the screen, one more than fits (to know there is a next),
 * read by key from the store. Nothing here grows with the number of
 * incidents. */
struct list_state {
	struct listed_page page;	/* rows from the top of the screen */
	size_t cursor;			/* the selected row's index in page */
	bool at_top;			/* page starts at the list's first row */
	size_t open, closed;		/* counts, for the title */
	int rows;			/* rows the last draw had */
	bool caller;			/* the CALLER column shown: read it */
	struct editor filter;
	bool filtering;
	bool search_stale;	/* typed since the page was read */
	time_t now;		/* one clock for all the reads of a key or a reload */
	bool with_closed;	/* a: closed incidents listed too */
	struct form_arg intake;
	char open_ref[64];
	/* Drafts kept from an earlier session, offered at the start. */
	struct draft_list drafts;
	char **draft_labels;
	const char **draft_keys;
	struct choose_arg draft_choice;
	struct form_arg draft_form;
	struct form_def *draft_own;	/* a customer's own report form, resumed from a draft */
	bool resuming;		/* a draft's form is open above */
};

static const struct incident *selected(const struct list_state *st)
{
	return st->cursor < st->page.len ? &st->page.items[st->cursor].incident : NULL;
}

/* Reads rows by key: from (NULL: an end of the list), forward or back.
 * On an error the message says so and out is empty. */
/* What the list shows now: open or all, the words typed (*typed, to
 * free), at the key press's clock. */
static struct list_query query_of(const struct list_state *st, char **typed)
{
	*typed = editor_text(&st->filter);
	return (struct list_query){.include_closed = st->with_closed, .search = *typed, .now = st->now,
				   .caller = st->caller};
}

static void read_rows(struct tui *tui, const struct list_state *st, const struct list_key *from, bool forward,
		      bool inclusive, size_t limit, struct listed_page *out)
{
	char *typed;
	struct list_query q = query_of(st, &typed);
	struct error err = {0};

	if (store_list_page(tui->session->store, &q, from, forward, inclusive, limit, out, &err))
		tui_error(tui, "%s", err.message);
	free(typed);
}

/* Where incident id stands in the list now, if the list holds it. */
static bool key_of(struct tui *tui, const struct list_state *st, int64_t id, struct list_key *out)
{
	char *typed;
	struct list_query q = query_of(st, &typed);
	struct error err = {0};
	bool found = store_list_key(tui->session->store, &q, id, out, &err) == STATUS_OK;

	free(typed);
	return found;
}

static int visible_rows(const struct tui *tui)
{
	int rows = getmaxy(tui->body) - 2;
	return rows > 0 ? rows : 1;
}

/* Fills the window from the row with key top (NULL: the first row), the
 * cursor on offset. Short of a screenful at the bottom, the window starts
 * higher so that the screen stays full. */
static void fill_from(struct tui *tui, struct list_state *st, const struct list_key *top, size_t offset)
{
	size_t rows = (size_t)visible_rows(tui);
	struct list_key key = top ? *top : (struct list_key){0};

	listed_page_free(&st->page);
	st->search_stale = false;
	read_rows(tui, st, top ? &key : NULL, true, true, rows + 1, &st->page);
	st->at_top = !top;
	if (top && st->page.len < rows) {
		struct listed_page before;
		size_t want = rows - st->page.len, got;

		read_rows(tui, st, &key, false, false, want, &before);
		got = before.len;
		if (got) {
			GROW(before.items, before.cap, before.len + st->page.len);
			memcpy(before.items + before.len, st->page.items, st->page.len * sizeof(*st->page.items));
			before.len += st->page.len;
			free(st->page.items);
			st->page = before;
			offset += got;
		} else {
			listed_page_free(&before);
		}
		st->at_top = got < want;
	}
	st->cursor = st->page.len ? (offset < st->page.len ? offset : st->page.len - 1) : 0;
	if (st->cursor >= rows)
		st->cursor = rows - 1;
}

/* Puts the row with key `row` at screen offset `offset` (or as near as the
 * rows above it allow) and selects it. */
static void show_row(struct tui *tui, struct list_state *st, const struct list_key *row, size_t offset)
{
	struct listed_page above;
	struct list_key top;

	if (offset == 0) {
		fill_from(tui, st, row, 0);
		return;
	}
	read_rows(tui, st, row, false, false, offset, &above);
	if (!above.len) {
		listed_page_free(&above);
		fill_from(tui, st, NULL, 0);
		return;
	}
	top = above.items[0].key;
	offset = above.len;
	listed_page_free(&above);
	fill_from(tui, st, &top, offset);
}

static void count(struct tui *tui, struct list_state *st)
{
	struct error err = {0};

	if (store_incident_count(tui->session->store, &st->open, &st->closed, &err))
		tui_error(tui, "%s", err.message);
}

/* Reads the window again where it was, keeping the cursor on the same
 * ticket (or on ref: a new one, shown from the top). */
static void reload(struct tui *tui, struct list_state *st, const char *ref)
{
	int64_t keep = selected(st) ? selected(st)->id : 0;
	bool have_top = !ref && !st->at_top && st->page.len;
	struct list_key top = have_top ? st->page.items[0].key : (struct list_key){0}, at;
	size_t rows = (size_t)visible_rows(tui), offset = st->cursor < rows ? st->cursor : rows - 1;

	st->now = session_now();
	if (ref) {
		struct incident in;
		struct error err = {0};

		keep = store_incident_get(tui->session->store, ref, &in, &err) == STATUS_OK ? in.id : 0;
		incident_clear(&in);
	}
	count(tui, st);
	fill_from(tui, st, have_top ? &top : NULL, offset);
	for (size_t i = 0; keep && i < st->page.len && i < rows; i++) {
		if (st->page.items[i].incident.id == keep) {
			st->cursor = i;
			return;
		}
	}
	/* It moved out of sight (another operator's write, a deadline
	 * passed or met, a smaller screen): show it where the cursor was. */
	if (keep && key_of(tui, st, keep, &at))
		show_row(tui, st, &at, offset);
}

/* The cursor moves through the list; the window follows it by key. */
static bool move_cursor(struct tui *tui, struct list_state *st, enum action action)
{
	size_t rows = (size_t)visible_rows(tui), page = rows > 1 ? rows - 1 : 1;
	struct listed_page more;
	struct list_key key;

	switch (action) {
	case ACTION_MOVE_DOWN:
		if (st->cursor + 1 < st->page.len && st->cursor + 1 < rows) {
			st->cursor++;
		} else if (st->cursor + 1 < st->page.len) {
			key = st->page.items[1].key;
			fill_from(tui, st, &key, rows - 1);
		}
		return true;
	case ACTION_MOVE_UP:
		if (st->cursor > 0) {
			st->cursor--;
			return true;
		}
		if (st->at_top || !st->page.len)
			return true;
		key = st->page.items[0].key;
		read_rows(tui, st, &key, false, false, 1, &more);
		if (more.len) {
			key = more.items[0].key;
			fill_from(tui, st, &key, 0);
		} else {
			st->at_top = true;
		}
		listed_page_free(&more);
		return true;
	case ACTION_PAGE_DOWN:
		if (!selected(st))
			return true;
		key = st->page.items[st->cursor].key;
		read_rows(tui, st, &key, true, false, page, &more);
		if (more.len && st->cursor + more.len < rows && st->cursor + more.len < st->page.len) {
			st->cursor += more.len;
		} else if (more.len) {
			key = more.items[more.len - 1].key;
			show_row(tui, st, &key, rows - 1);
		}
		listed_page_free(&more);
		return true;
	case ACTION_PAGE_UP:
		if (!selected(st))
			return true;
		key = st->page.items[st->cursor].key;
		read_rows(tui, st, &key, false, false, page, &more);
		if (more.len <= st->cursor) {
			st->cursor -= more.len;
		} else {
			key = more.items[0].key;
			fill_from(tui, st, &key, 0);
		}
		listed_page_free(&more);
		return true;
	case ACTION_FIRST:
		fill_from(tui, st, NULL, 0);
		return true;
	case ACTION_LAST:
		read_rows(tui, st, NULL, false, true, 1, &more);
		if (more.len) {
			key = more.items[0].key;
			show_row(tui, st, &key, rows - 1);
		}
		listed_page_free(&more);
		return true;
	default:
		return false;
	}
}

static void forget_drafts(struct list_state *st)
{
	for (size_t i = 0; st->draft_labels && st->draft_labels[i]; i++)
		free(st->draft_labels[i]);
	FREE(&st->draft_labels);
	FREE(&st->draft_keys);
	draft_list_free(&st->drafts);
}

/* A draft of a customer's own report: its form is built for that
 * customer (report_customer_form_key), not found in the plan. */
static bool customer_draft(const struct draft *d)
{
	return strncmp(d->form, REPORT_CUSTOMER_FORM ".", strlen(REPORT_CUSTOMER_FORM ".")) == 0;
}

/* Whether this session could go on with the draft and save it: one that
 * may change things, a login whose role saves that form, a form this
 * plan has, and an incident here that is not closed. Any other is kept,
 * untouched, for a session that can. */
static bool may_resume(struct tui *tui, const struct draft *d)
{
	struct session *s = tui->session;
	struct incident in = {0};
	struct error err = {0};
	bool customer = customer_draft(d);
	bool open;

	if (s->read_only || !may(s->config, &s->who, form_capability(d->form)) ||
	    (!customer && !config_form(s->config, d->form)) || draft_held(tui->draft_dir, d->name))
		return false;
	if (!*d->ref)
		return strcmp(d->form, "intake") == 0;
	if (store_incident_get(s->store, d->ref, &in, &err))
		return false;
	open = !in.status || strcmp(in.status, INCIDENT_CLOSED) != 0;
	incident_clear(&in);
	return open;
}

/* What this operator typed in an earlier session and did not save (a
 * dropped connection, a closed terminal): offered, one at a time, each
 * with its first line, so that two new calls are told apart. */
static void offer_drafts(struct tui *tui, struct list_state *st)
{
	static const char *const numbers[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
	struct error err = {0};
	size_t n;

	forget_drafts(st);
	if (!tui->draft_dir || draft_list_read(tui->draft_dir, &st->drafts, &err) || !st->drafts.len)
		return;
	/* Only what this session may save is offered: a reviewer's, or a
	 * read-only one, is kept for a session that may. */
	for (size_t i = 0, k = 0, len = st->drafts.len; i < len; i++) {
		struct draft *d = &st->drafts.items[i];

		if (!may_resume(tui, d)) {
			draft_clear(d);
			st->drafts.len--;
			continue;
		}
		if (k != i)
			st->drafts.items[k] = *d;
		k++;
	}
	if (!st->drafts.len)
		return;
	n = st->drafts.len < 10 ? st->drafts.len : 10;
	st->draft_labels = xcalloc(n + 2, sizeof(*st->draft_labels));	/* NULL-terminated */
	st->draft_keys = xcalloc(n + 1, sizeof(*st->draft_keys));
	for (size_t i = 0; i < n; i++) {
		const struct draft *d = &st->drafts.items[i];
		const struct form_def *f = config_form(tui->session->config, d->form);
		const char *title = f ? f->title :
				    customer_draft(d) ?
				    "A customer's own report" : d->form;
		char when[TIME_TEXT_MAX], *first = draft_first_line(d, f), *label;

		time_format_short(d->saved, when, sizeof(when));
		label = *d->ref ? xasprintf("%s of %s, typed %s", title, d->ref, when) :
				  xasprintf("A new call, typed %s", when);
		st->draft_labels[i] = *first ? xasprintf("%s: %s", label, first) : xstrdup(label);
		st->draft_keys[i] = numbers[i];
		free(label);
		free(first);
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
	st->rows = visible_rows(tui);
	reload(tui, st, NULL);
	offer_drafts(tui, st);
	return true;
}

static void list_close(struct tui *tui, void *state)
{
	struct list_state *st = state;

	(void)tui;
	listed_page_free(&st->page);
	editor_free(&st->filter);
	forget_drafts(st);
	form_def_free(&st->draft_own);
}

/* A draft of one customer's own report (its form is built, not in the
 * configuration): the form of the customer of that incident whose key
 * the draft has, or NULL. */
static struct form_def *customer_form_of_draft(struct tui *tui, const struct draft *d)
{
	struct session *s = tui->session;
	struct incident incident;
	struct incident_record record;
	struct customer_list customers;
	struct form_def *form = NULL;
	struct error err = {0};

	if (!*d->ref || !customer_draft(d) ||
	    store_incident_get(s->store, d->ref, &incident, &err))
		return NULL;
	if (!incident_record_load(s->store, s->config, &incident, session_now(), &record, &err)) {
		report_customers(s->config, &record, &customers);
		for (size_t i = 0; i < customers.len && !form; i++) {
			char *key = report_customer_form_key(customers.items[i].name);

			if (strcmp(key, d->form) == 0)
				form = report_customer_form_new(customers.items[i].name);
			free(key);
		}
		customer_list_free(&customers);
		incident_record_free(&record);
	}
	incident_clear(&incident);
	return form;
}

/* Widths with the gap after each; the title takes what is left. The
 * reference column is as wide as the longest reference: a plan's prefix
 * may be longer than IR. The columns that say least give way to the
 * title until it has 40: PROCEDURE first, then CALLER, UPDATED, AGE and
 * CATEGORY. At 80 columns all five give way and the title has 46 (the
 * incident view has them all); with references like IR-2026-0001,
 * CATEGORY is back from 83 columns, AGE from 88, UPDATED from 95,
 * CALLER from 113 and PROCEDURE from 133. The message line stays
 * quiet as the selection moves: a line rewritten at every key is what a
 * slow link pays for. */
enum { COL_REF_MIN = 14, COL_REF_MAX = 30, COL_STATUS = 11, COL_CATEGORY = 9, COL_DUE = 8, COL_AGE = 5,
       COL_UPDATED = 7, COL_CALLER = 18, COL_PROCEDURE = 20, TITLE_WANTED = 40 };

struct list_columns {
	int ref;
	int title;
	bool category, age, updated;
	bool caller, procedure;	/* a wide screen has room for them too */
};

static int title_cols(int cols, const struct list_columns *c)
{
	return cols - c->ref - COL_STATUS - (c->category ? COL_CATEGORY : 0) - (c->procedure ? COL_PROCEDURE : 0) -
	       (c->caller ? COL_CALLER : 0) - COL_DUE - (c->age ? COL_AGE : 0) - (c->updated ? COL_UPDATED : 0) - 1;
}

static struct list_columns list_columns(int cols, int ref)
{
	struct list_columns c = {.ref = ref, .category = true, .age = true, .updated = true, .caller = true,
				 .procedure = true};
	/* In the order they give way. */
	bool *gives[] = {&c.procedure, &c.caller, &c.updated, &c.age, &c.category};

	for (size_t i = 0; i < sizeof(gives) / sizeof(gives[0]) && title_cols(cols, &c) < TITLE_WANTED; i++)
		*gives[i] = false;
	c.title = title_cols(cols, &c);
	if (c.title < 1)
		c.title = 1;
	return c;
}

/* Where the DUE column starts. */
static int due_col(const struct list_columns *c)
{
	return c->ref + COL_STATUS + (c->category ? COL_CATEGORY : 0) + (c->procedure ? COL_PROCEDURE : 0) +
	       (c->caller ? COL_CALLER : 0) + c->title + 1;
}

static int ref_cols(const struct listed_page *page)
{
	int cols = COL_REF_MIN;

	for (size_t i = 0; i < page->len; i++) {
		int w = text_width(page->items[i].incident.ref) + 2;
		if (w > cols)
			cols = w < COL_REF_MAX ? w : COL_REF_MAX;
	}
	return cols;
}

/* "OVERDUE", "!5h" under the warning time, "13d", or "" for none. */
static enum tui_style due_text(const struct listed *row, time_t now, char *out, size_t size)
{
	long long left = (long long)(row->due - now);

	if (!row->due_open) {
		out[0] = '\0';
		return STYLE_NORMAL;
	}
	if (left <= 0) {
		snprintf(out, size, "OVERDUE");
		return STYLE_ERROR;
	}
	snprintf(out, size, "%s%lld%c", left <= row->due_warn ? "!" : "", left >= 86400 ? left / 86400 :
		 left >= 3600 ? left / 3600 : left / 60 + 1, left >= 86400 ? 'd' : left >= 3600 ? 'h' : 'm');
	return left <= row->due_warn ? STYLE_TITLE : STYLE_NORMAL;
}

static void draw_row(const struct tui *tui, WINDOW *win, int y, const struct list_columns *col,
		     const struct listed *row, time_t now, bool is_selected)
{
	const struct incident *in = &row->incident;
	char due_cell[32];
	enum tui_style due_style = due_text(row, now, due_cell, sizeof(due_cell));
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
	text_pad(&sb, parts[0], col->ref - 2, true);
	strbuf_putc(&sb, ' ');
	text_pad(&sb, parts[1], COL_STATUS, true);
	if (col->category)
		text_pad(&sb, parts[2], COL_CATEGORY, true);
	if (col->procedure) {
		char *proc = sanitize(in->procedure ? in->procedure : "-", 0);

		text_pad(&sb, proc, COL_PROCEDURE, true);
		free(proc);
	}
	if (col->caller) {
		char *caller = sanitize(row->caller ? row->caller : "-", 0);

		text_pad(&sb, caller, COL_CALLER, true);
		free(caller);
	}
	text_pad(&sb, parts[3], col->title, true);
	strbuf_putc(&sb, ' ');
	text_pad(&sb, due_cell, COL_DUE - 1, false);
	if (col->age) {
		strbuf_putc(&sb, ' ');
		text_pad_left(&sb, age, COL_AGE - 1);
	}
	if (col->updated) {
		strbuf_putc(&sb, ' ');
		text_pad(&sb, updated, COL_UPDATED, false);
	}
	draw_safe(tui, win, y, 0, getmaxx(win), is_selected ? STYLE_SELECTED : STYLE_NORMAL, strbuf_str(&sb));
	/* The deadline stands out: bold (and red or yellow with colour) when
	 * due soon or overdue. The selected row is one bar of one style, as
	 * in mutt, tig and htop: its words still say OVERDUE, and moving the
	 * bar rewrites two rows without a change of style inside them. */
	if (due_style != STYLE_NORMAL && !is_selected) {
		wattrset(win, tui_style(tui, due_style));
		mvwaddstr(win, y, due_col(col), due_cell);
		wattrset(win, A_NORMAL);
	}
	for (int i = 0; i < 4; i++)
		free(parts[i]);
	strbuf_free(&sb);
}

/* The search runs again from the top once typing pauses: keys typed or
 * pasted faster than the screen is drawn cost one search, not one each
 * (the loop draws when no key is waiting). */
static void search_again(struct tui *tui, struct list_state *st)
{
	(void)tui;
	st->search_stale = true;
}

static void search_now(struct tui *tui, struct list_state *st)
{
	if (st->search_stale) {
		st->now = session_now();
		fill_from(tui, st, NULL, 0);
	}
}

static void list_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct list_state *st = state;
	int rows = getmaxy(win) - 2, cols = getmaxx(win);
	time_t now = session_now();
	struct list_columns col = list_columns(cols, ref_cols(&st->page));
	bool searching = st->filtering || !editor_is_empty(&st->filter);
	char title[128];

	/* A resize changes how many rows fit, and whether the caller is
	 * shown: read the window again. */
	if (rows != st->rows || col.caller != st->caller) {
		st->rows = rows;
		st->caller = col.caller;
		reload(tui, st, NULL);
	}
	search_now(tui, st);
	if (st->with_closed)
		snprintf(title, sizeof(title), " Incidents: %zu open, %zu closed", st->open, st->closed);
	else
		snprintf(title, sizeof(title), " Incidents: %zu open", st->open);
	if (searching) {
		int x;
		snprintf(title + strlen(title), sizeof(title) - strlen(title), "   Search: ");
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

		strbuf_putc(&sb, ' ');
		text_pad(&sb, "REF", col.ref - 1, false);
		text_pad(&sb, "STATUS", COL_STATUS, false);
		if (col.category)
			text_pad(&sb, "CATEGORY", COL_CATEGORY, false);
		if (col.procedure)
			text_pad(&sb, "PROCEDURE", COL_PROCEDURE, false);
		if (col.caller)
			text_pad(&sb, "CALLER", COL_CALLER, false);
		text_pad(&sb, "TITLE", col.title, false);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, "DUE", COL_DUE - 1, false);
		if (col.age)
			text_pad_left(&sb, "AGE", COL_AGE);
		if (col.updated) {
			strbuf_putc(&sb, ' ');
			text_pad(&sb, "UPDATED", COL_UPDATED, false);
		}
		draw_safe(tui, win, 1, 0, cols, STYLE_COLUMN, strbuf_str(&sb));
		strbuf_free(&sb);
	}
	if (st->page.len == 0) {
		draw_wrapped(tui, win, 3, 2, cols - 4, 2, STYLE_DIM,
			     searching && !editor_is_empty(&st->filter) ?
				     "Nothing matches. Words match from their start; Esc clears the search." :
			     st->with_closed ? "No incidents yet. Press n to log a call." :
					       "No open incidents. Press n to log a call, a to list closed ones.");
		return;
	}
	for (int r = 0; r < rows && (size_t)r < st->page.len; r++)
		draw_row(tui, win, 2 + r, &col, &st->page.items[r], now, (size_t)r == st->cursor);
}

static enum result list_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct list_state *st = state;

	st->now = session_now();
	/* Anything but more typing acts on the search's results. */
	if (!(st->filtering && action == ACTION_NONE))
		search_now(tui, st);
	if (move_cursor(tui, st, action))
		return RESULT_HANDLED;
	if (st->filtering) {
		if (action == ACTION_OPEN) {
			st->filtering = false;
			return RESULT_HANDLED;
		}
		if (action == ACTION_BACK) {
			st->filtering = false;
			editor_set(&st->filter, "");
			search_again(tui, st);
			return RESULT_HANDLED;
		}
		if (action == ACTION_NONE && editor_key(&st->filter, key)) {
			search_again(tui, st);
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
	case ACTION_HANDOVER:
		return tui_push(tui, &handover_screen, NULL);
	case ACTION_SHOW_CLOSED:
		st->with_closed = !st->with_closed;
		reload(tui, st, NULL);
		tui_message(tui, st->with_closed ? "Closed incidents are listed too; a hides them." :
						   "Only open incidents are listed; a lists closed ones too.");
		return RESULT_HANDLED;
	case ACTION_BACK:
		if (!editor_is_empty(&st->filter)) {
			editor_set(&st->filter, "");
			search_again(tui, st);
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

		form_def_free(&st->draft_own);
		if (d && !f)
			f = st->draft_own = customer_form_of_draft(tui, d);
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

	return st->filtering ? "Type words or their starts; Enter keeps the search, Esc clears it." : NULL;
}

/* While the search is typed, Enter keeps it (the message line says so):
 * the bar does not offer it as Open. */
static bool list_offers(struct tui *tui, void *state, enum action action)
{
	(void)tui;
	return !(((struct list_state *)state)->filtering && action == ACTION_OPEN);
}

static const struct screen_key list_keys[] = {
	HINT_KEY(NEW, NULL, NULL),
	HINT_KEY(OPEN, NULL, "Open the selected incident"),
	HINT_KEY(FILTER, "Search", "Search titles, forms, notes, indicators, witnesses, evidence, costs and changes, as you type"),
	HINT_KEY(SHOW_CLOSED, NULL, NULL),
	HINT_KEY(HANDOVER, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(QUIT, NULL, NULL),
	MORE_KEY(BACK, "Clear", "Clear the search (Enter keeps it while typing)"),
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
	.offers = list_offers,
	.keys = list_keys,
};
