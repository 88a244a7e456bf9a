/* A form screen generated from a form definition (intake, triage, ...).
 * Each field is a row: text fields get the field editor, choice fields
 * cycle through their choices, and fields with a note get a second row.
 * A bad value gets its message on the row below it and keeps what was
 * typed; nothing is stored until the whole form checks out. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

#include "sirt/clock.h"
#include "sirt/deadline.h"
#include "sirt/draft.h"
#include "sirt/editor.h"
#include "sirt/form.h"
#include "sirt/formdef.h"
#include "sirt/incident.h"
#include "sirt/mem.h"
#include "sirt/sanitize.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/record.h"
#include "sirt/register.h"
#include "sirt/report.h"
#include "tui.h"

/* The labels' column: as wide as the longest label with its " *" needs,
 * between these, and no wider than a third of a narrow screen. */
#define LABEL_COLS_MIN 18
#define LABEL_COLS_MAX 30
/* Rows of a multi-line field's box, and at most rows of a message. */
#define MULTILINE_ROWS 3
#define PROBLEM_ROWS 2

struct form_state {
	const struct form_def *form;
	char ref[64];
	bool is_new;
	/* A record of this register, added to the incident: every field is
	 * typed anew, nothing is kept as a draft. NULL for a form of the
	 * incident's own. */
	const struct register_def *reg;
	const void *given;	/* what the screen gives and the form does not ask */
	time_t when;		/* when what it records happened; 0: now */
	struct incident incident;
	struct editor *values;	/* per field (text-like fields) */
	int *choice;		/* per field (choice fields): index, -1 unanswered */
	struct editor *notes;	/* per field with a note */
	struct form_problems problems;
	char **initial;		/* per field: its text when the form opened */
	char **initial_notes;
	int64_t *base;		/* per field: its version then (0: not saved yet) */
	char *draft_name;	/* this form's draft's own name (none for a register) */
	int held_fd;		/* the lock that keeps that draft this session's */
	bool holding;
	char *kept;		/* the draft last kept, as written, to skip repeats */
	unsigned long kept_changes;	/* the editors' edits counted when it was kept */
	time_t kept_at;		/* when, for the line under the title */
	bool done;		/* saved or discarded: no draft to keep */
	/* A save that met another operator's: their fields, and ours. */
	struct field_list conflicts;
	struct prompt_arg discard;	/* "lose what was typed?", with its first line */
	char *discard_question;	/* its context: "Typed: " and that line */
	struct conflict_arg conflict;
	size_t focus;		/* slot: see slot_of() */
	size_t top;		/* first row shown */
	bool dirty;
	bool fresh;		/* a time field just entered: typing replaces it */
	char help[512];		/* the focused field's help line */
};

static bool is_choice(const struct field_def *f)
{
	return f->type == FIELD_CHOICE || f->type == FIELD_YESNO;
}

/* Slots are the focusable rows: each field's value, then its note. */
static size_t slot_count(const struct form_state *st)
{
	size_t n = 0;

	for (size_t i = 0; i < st->form->nfields; i++)
		n += st->form->fields[i].has_note ? 2 : 1;
	return n;
}

static size_t slot_of(const struct form_state *st, size_t slot, bool *is_note)
{
	for (size_t i = 0; i < st->form->nfields; i++) {
		if (slot == 0) {
			*is_note = false;
			return i;
		}
		slot--;
		if (st->form->fields[i].has_note) {
			if (slot == 0) {
				*is_note = true;
				return i;
			}
			slot--;
		}
	}
	*is_note = false;
	return 0;
}

static size_t slot_for_field(const struct form_state *st, const char *key)
{
	size_t slot = 0;

	for (size_t i = 0; i < st->form->nfields; i++) {
		if (strcmp(st->form->fields[i].key, key) == 0)
			return slot;
		slot += st->form->fields[i].has_note ? 2 : 1;
	}
	return 0;
}

static void set_choice(struct form_state *st, size_t i, const char *value)
{
	const struct field_def *f = &st->form->fields[i];

	st->choice[i] = -1;
	for (size_t k = 0; value && k < f->choices.len; k++)
		if (strcmp(f->choices.items[k], value) == 0)
			st->choice[i] = (int)k;
}

/* What the field holds now, as the check and the save see it. */
static char *field_text(const struct form_state *st, size_t i)
{
	const struct field_def *f = &st->form->fields[i];

	if (f->type == FIELD_CHOICE || f->type == FIELD_YESNO)
		return xstrdup(st->choice[i] >= 0 ? f->choices.items[st->choice[i]] : "");
	return editor_text(&st->values[i]);
}

/* Starts from what was typed before and kept: those fields show the
 * draft, count as changed, and keep the versions they were typed over,
 * so that a save still finds what others saved since. */
static void apply_draft(struct form_state *st, const struct draft *d)
{
	for (size_t k = 0; k < d->fields.len; k++) {
		const struct field_value *v = &d->fields.items[k];
		const struct field_def *f = form_def_field(st->form, v->key);
		size_t i;

		if (!f)
			continue;
		i = (size_t)(f - st->form->fields);
		if (is_choice(f))
			set_choice(st, i, v->value);
		else
			editor_set(&st->values[i], v->value);
		editor_set(&st->notes[i], v->note);
		if (!st->is_new)
			st->base[i] = v->base;
	}
	st->dirty = true;
	/* Where the typing was: the first field the draft holds. */
	if (d->fields.len)
		st->focus = slot_for_field(st, d->fields.items[0].key);
}

static bool form_open(struct tui *tui, void *state, const void *arg)
{
	const struct form_arg *fa = arg;
	struct form_state *st = state;
	struct field_list fields = {0};
	struct error err = {0};
	time_t now = session_now();
	struct incident_record record;
	bool prefill = false;
	size_t n;

	/* Resumed, the draft keeps its name: saved or discarded, it is that
	 * draft that goes, and no other. It is this session's while the
	 * form is open: another session that offered it too cannot take it
	 * up as well (the call would be logged twice). */
	if (!fa->reg) {
		char *name = fa->draft ? xstrdup(fa->draft->name) : draft_name_new(fa->form->key, fa->ref ? fa->ref : "");
		int fd = tui->draft_dir ? draft_hold(tui->draft_dir, name) : -1;

		if (fd < 0 && fa->draft) {
			tui_error(tui, "That draft is open in another session of yours: go on with it there.");
			free(name);
			return false;
		}
		st->draft_name = name;
		st->held_fd = fd;
		st->holding = fd >= 0;
	}
	st->form = fa->form;
	st->is_new = fa->ref == NULL;
	st->reg = fa->reg;
	st->given = fa->given;
	st->when = fa->when;
	n = st->form->nfields;
	if (!st->is_new) {
		snprintf(st->ref, sizeof(st->ref), "%s", fa->ref);
		if (store_incident_get(tui->session->store, st->ref, &st->incident, &err) ||
		    (!st->reg && store_fields_get(tui->session->store, st->incident.id, &fields, &err))) {
			tui_error(tui, "%s", err.message);
			incident_clear(&st->incident);
			field_list_free(&fields);
			if (st->holding)
				draft_release(tui->draft_dir, st->draft_name, st->held_fd);
			free(st->draft_name);
			return false;
		}
	}
	st->values = xcalloc(n, sizeof(*st->values));
	st->notes = xcalloc(n, sizeof(*st->notes));
	st->choice = xcalloc(n, sizeof(*st->choice));
	st->initial = xcalloc(n, sizeof(*st->initial));
	st->initial_notes = xcalloc(n, sizeof(*st->initial_notes));
	st->base = xcalloc(n, sizeof(*st->base));
	for (size_t i = 0; i < n; i++)
		if (!st->is_new && st->form->fields[i].from.len && !field_list_find(&fields, st->form->key,
										  st->form->fields[i].key))
			prefill = true;
	/* A field not saved yet that says where its text comes from starts
	 * with that text. */
	if (prefill && incident_record_load(tui->session->store, tui->session->config, &st->incident, now, &record,
					    &err)) {
		tui_error(tui, "%s", err.message);
		prefill = false;
	}
	for (size_t i = 0; i < n; i++) {
		const struct field_def *f = &st->form->fields[i];
		const struct field_value *v = field_list_find(&fields, st->form->key, f->key);
		bool filled = !v && prefill && f->from.len;
		char *text = v ? form_value_for_edit(f, v->value) :
			     filled ? report_prefill(tui->session->config, &st->incident, &record, f) :
			     st->is_new || st->reg ? form_default_for_edit(f, now) : xstrdup("");

		editor_init(&st->values[i]);
		editor_init(&st->notes[i]);
		st->values[i].max_bytes = form_field_max(f);
		st->notes[i].max_bytes = FORM_TEXT_MAX;
		st->values[i].multiline = field_type_multiline(f->type);
		if (is_choice(f))
			set_choice(st, i, text);
		else
			editor_set(&st->values[i], text);
		if (v)
			editor_set(&st->notes[i], v->note);
		st->base[i] = v ? v->version : 0;
		free(text);
	}
	/* Pre-filled text left as it is stays unsaved, so that it keeps
	 * following the record; edited, it is saved like any answer. */
	for (size_t i = 0; i < n; i++) {
		st->initial[i] = field_text(st, i);
		st->initial_notes[i] = editor_text(&st->notes[i]);
	}
	if (prefill)
		incident_record_free(&record);
	field_list_free(&fields);
	if (fa->draft)
		apply_draft(st, fa->draft);
	return true;
}

static void forget_conflicts(struct form_state *st)
{
	conflict_arg_free(&st->conflict);
	field_list_free(&st->conflicts);
}

static void form_close(struct tui *tui, void *state)
{
	struct form_state *st = state;

	(void)tui;
	for (size_t i = 0; st->values && i < st->form->nfields; i++) {
		editor_free(&st->values[i]);
		editor_free(&st->notes[i]);
	}
	free(st->values);
	free(st->notes);
	free(st->choice);
	for (size_t i = 0; st->initial && i < st->form->nfields; i++) {
		free(st->initial[i]);
		free(st->initial_notes[i]);
	}
	free(st->initial);
	free(st->initial_notes);
	free(st->base);
	free(st->kept);
	if (st->holding)
		draft_release(tui->draft_dir, st->draft_name, st->held_fd);
	free(st->draft_name);
	free(st->discard_question);
	forget_conflicts(st);
	form_problems_free(&st->problems);
	incident_clear(&st->incident);
}

/* The choices in one line: "[yes]  no  unknown", or "< worm >  3 of 11"
 * when they do not all fit. */
static void draw_choices(const struct tui *tui, WINDOW *win, int y, int x, int cols, const struct form_state *st,
			 size_t i, bool focused)
{
	const struct field_def *f = &st->form->fields[i];
	struct strbuf sb = {0};
	int width = 0;
	char *safe;

	for (size_t k = 0; k < f->choices.len; k++)
		width += text_width(f->choices.items[k]) + 3;
	if (width <= cols) {
		for (size_t k = 0; k < f->choices.len; k++)
			strbuf_printf(&sb, (int)k == st->choice[i] ? "[%s] " : " %s  ", f->choices.items[k]);
	} else if (st->choice[i] >= 0) {
		strbuf_printf(&sb, "< %s >  %d of %zu", f->choices.items[st->choice[i]], st->choice[i] + 1,
			      f->choices.len);
	} else {
		strbuf_printf(&sb, "< not answered >  %zu choices", f->choices.len);
	}
	if (st->choice[i] < 0 && width <= cols && !focused)
		strbuf_puts(&sb, " (not answered)");
	safe = sanitize(strbuf_str(&sb), 0);
	draw_safe(tui, win, y, x, cols, focused ? STYLE_FOCUS : STYLE_NORMAL, safe);
	free(safe);
	strbuf_free(&sb);
}

static bool is_multiline(const struct form_state *st, size_t i, bool is_note)
{
	return !is_note && field_type_multiline(st->form->fields[i].type);
}

/* A screen row: part `part` of a slot's box, or of its problem message. */
struct row {
	size_t slot;
	bool is_problem;
	int part;
	int parts;
};

static char *problem_text(const struct form_state *st, size_t i)
{
	const struct field_def *f = &st->form->fields[i];
	const char *problem = form_problem_for(&st->problems, f->key);

	/* A register's checks say whole sentences that name the field. */
	if (problem && st->reg)
		return xasprintf("! %s", problem);
	return problem ? xasprintf("! %s %s", f->label, problem) : NULL;
}

static size_t layout(const struct form_state *st, int cols, struct row *rows)
{
	size_t n = 0, slots = slot_count(st);

	for (size_t s = 0; s < slots; s++) {
		bool is_note;
		size_t i = slot_of(st, s, &is_note);
		int parts = is_multiline(st, i, is_note) ? MULTILINE_ROWS : 1;
		char *problem = is_note ? NULL : problem_text(st, i);

		for (int p = 0; p < parts; p++)
			rows[n++] = (struct row){s, false, p, parts};
		if (problem) {
			size_t starts[PROBLEM_ROWS];
			char *safe = sanitize(problem, 0);
			int lines = (int)text_wrap(safe, cols - 4, starts, PROBLEM_ROWS);

			for (int p = 0; p < lines; p++)
				rows[n++] = (struct row){s, true, p, lines};
			free(safe);
			free(problem);
		}
	}
	return n;
}

static int label_cols(const struct form_state *st, int cols)
{
	int want = LABEL_COLS_MIN;

	for (size_t i = 0; i < st->form->nfields; i++) {
		const struct field_def *f = &st->form->fields[i];
		int w = 1 + text_width(f->label) + (f->required ? 2 : 0) + 1;

		if (w > want)
			want = w;
	}
	if (want > LABEL_COLS_MAX)
		want = LABEL_COLS_MAX;
	if (cols < 80 && want > cols * 2 / 5)
		want = cols * 2 / 5;
	return want;
}

static void form_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct form_state *st = state;
	int cols = getmaxx(win), visible = getmaxy(win) - 2;
	int label_at = label_cols(st, cols);
	int value_x = label_at + 1, value_cols = cols - value_x - 1;
	struct row *rows = xcalloc(slot_count(st) * (MULTILINE_ROWS + PROBLEM_ROWS), sizeof(*rows));
	size_t nrows = layout(st, cols, rows), focus_first = 0, focus_last = 0;
	bool seen = false;
	char *title = st->is_new ? xasprintf(" %s: new incident", st->form->title) :
				   xasprintf(" %s: %s  %s", st->form->title, st->incident.ref, st->incident.title);

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	free(title);
	if (st->kept_at && st->dirty) {
		char when[16], *line;
		struct tm tm;

		localtime_r(&st->kept_at, &tm);
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
		line = xasprintf("* required.  Ctrl-S: save.  Esc: back.  Draft kept %s.", when);
		draw_text(tui, win, 1, 1, cols - 1, STYLE_DIM, line);
		free(line);
	} else {
		draw_text(tui, win, 1, 1, cols - 1, STYLE_DIM,
			  cols >= 68 ? "* required.  Tab or Down: next field.  Ctrl-S: save.  Esc: back." :
				       "* required.  Tab: next.  Ctrl-S: save.  Esc: back.");
	}
	for (size_t r = 0; r < nrows; r++) {
		if (rows[r].slot == st->focus) {
			if (!seen)
				focus_first = r;
			focus_last = r;
			seen = true;
		}
	}
	/* Keep the focused field, its whole box and its message in view. */
	scroll_to_show(focus_last, &st->top, visible);
	scroll_to_show(focus_first, &st->top, visible);
	for (int y = 0; y < visible && st->top + (size_t)y < nrows; y++) {
		const struct row *row = &rows[st->top + (size_t)y];
		bool is_note, focused = row->slot == st->focus;
		size_t i = slot_of(st, row->slot, &is_note);
		const struct field_def *f = &st->form->fields[i];
		int sy = 2 + y;

		if (row->is_problem) {
			/* Under the field, from the left edge, over two rows if
			 * need be: the whole message is read, not guessed. */
			char *msg = problem_text(st, i);
			char *safe = sanitize(msg, 0);
			size_t starts[PROBLEM_ROWS];
			size_t lines = text_wrap(safe, cols - 4, starts, PROBLEM_ROWS);
			size_t p = (size_t)row->part;
			char *line = p + 1 < lines ? xstrndup(safe + starts[p], starts[p + 1] - starts[p]) :
						     xstrdup(safe + starts[p]);

			draw_safe(tui, win, sy, 2, cols - 2, STYLE_ERROR, line);
			free(line);
			free(safe);
			free(msg);
			continue;
		}
		if (row->part > 0) {
			/* The rows below a multi-line field's first are its box. */
			draw_editor_row(tui, win, sy, value_x, value_cols, row->parts, row->part,
					focused ? STYLE_FOCUS : STYLE_NORMAL, &st->values[i], focused);
			continue;
		}
		if (is_note) {
			draw_text(tui, win, sy, 0, label_at, focused ? STYLE_FOCUS : STYLE_DIM, "    note");
		} else {
			/* A label too long for its column is cut before its "*":
			 * a required question never looks optional. */
			char *label = xasprintf(" %s", f->label);
			int room = label_at - (f->required ? 2 : 0), used = text_width(label);
			enum tui_style style = focused ? STYLE_FOCUS : STYLE_NORMAL;

			draw_text(tui, win, sy, 0, room, style, label);
			if (f->required)
				draw_text(tui, win, sy, used < room ? used : room, 2, style, " *");
			free(label);
		}
		if (!is_note && is_choice(f)) {
			draw_choices(tui, win, sy, value_x, value_cols, st, i, focused);
			if (focused)
				tui_cursor(tui, win, sy, value_x);
		} else if (is_multiline(st, i, is_note)) {
			draw_editor_row(tui, win, sy, value_x, value_cols, row->parts, 0,
					focused ? STYLE_FOCUS : STYLE_NORMAL, &st->values[i], focused);
		} else {
			struct editor *ed = is_note ? &st->notes[i] : &st->values[i];
			int box = value_cols;
			int x;

			if (!is_note && f->type == FIELD_DATETIME) {
				/* The zone in force at the time typed: a summer date
				 * shows summer time. */
				char zone[TIME_TEXT_MAX], why[128], *typed = editor_text(ed);
				time_t at;

				if (time_parse(typed, session_now(), &at, why, sizeof(why)) != 0)
					at = session_now();
				free(typed);
				time_format_zone(at, zone, sizeof(zone));
				box -= text_width(zone) + 1;
				draw_text(tui, win, sy, value_x + box + 1, text_width(zone), STYLE_DIM, zone);
			}
			if (focused) {
				x = draw_editor(tui, win, sy, value_x, box, st->fresh ? STYLE_SELECTED : STYLE_FOCUS, ed);
				tui_cursor(tui, win, sy, x);
			} else {
				/* Shown from its start, not where it was last edited. */
				draw_editor_start(tui, win, sy, value_x, box, STYLE_NORMAL, ed);
			}
		}
	}
	free(rows);
}

/* A field is checked as the cursor leaves it, so a mistake shows while
 * the caller is still on the line; "required" waits for the save. */
static void collect_typed(const struct form_state *st, struct field_list *typed);

/* A register's own checks of what is typed, for the field just left:
 * its message under it when that field is the one at fault (an unknown
 * currency, an address that is not one), as the save would say. */
static void check_register_field(struct form_state *st, const struct field_def *f)
{
	struct field_list typed = {0};
	struct error err = {0};
	const char *column = NULL;
	void *record;

	collect_typed(st, &typed);
	record = register_typed_from_fields(st->reg, &typed, st->given);
	if (st->reg->check(record, session_now(), &column, &err) && column && strcmp(column, f->key) == 0)
		form_problem_set(&st->problems, f->key, err.message);
	free(record);
	field_list_free(&typed);
}

static void check_field(struct form_state *st, size_t i)
{
	const struct field_def *f = &st->form->fields[i];
	char *text = field_text(st, i), *normal = NULL;
	char why[256];

	if (form_value_check(f, text, session_now(), &normal, why, sizeof(why))) {
		form_problem_set(&st->problems, f->key, NULL);
		if (st->reg && *text)
			check_register_field(st, f);
		/* "-1h" becomes the time it means, for the caller to confirm. */
		if (f->type == FIELD_DATETIME && *normal) {
			char *shown = form_value_for_edit(f, normal);
			editor_set(&st->values[i], shown);
			free(shown);
		}
	} else {
		form_problem_set(&st->problems, f->key, strcmp(why, "is required") == 0 ? NULL : why);
	}
	free(normal);
	free(text);
}

/* A one-line field of a new record still holding its default. */
static bool still_default(const struct form_state *st, size_t i)
{
	const struct field_def *f = &st->form->fields[i];
	char *now;
	bool same;

	if (!(st->is_new || st->reg) || !*f->default_value || is_choice(f) || st->values[i].multiline)
		return false;
	now = editor_text(&st->values[i]);
	same = *now && strcmp(now, st->initial[i]) == 0;
	free(now);
	return same;
}

/* Puts the cursor in a slot, at the end of what it holds. */
static void focus_set(struct form_state *st, size_t slot)
{
	bool is_note;
	size_t i;

	st->focus = slot;
	i = slot_of(st, slot, &is_note);
	editor_move_end(is_note ? &st->notes[i] : &st->values[i]);
	/* A time is usually typed anew ("-30m"), not edited, and so is a
	 * default left as it was (the plan's currency): the first character
	 * typed replaces it, arrows keep it for editing. */
	st->fresh = !is_note && (st->form->fields[i].type == FIELD_DATETIME || still_default(st, i));
}

static void focus_move(struct form_state *st, int delta)
{
	long slot = (long)st->focus + delta;
	long last = (long)slot_count(st) - 1;
	bool is_note;
	size_t left = slot_of(st, st->focus, &is_note);

	if (!is_note)
		check_field(st, left);
	focus_set(st, (size_t)(slot < 0 ? 0 : slot > last ? last : slot));
}

/* The index of the field with key, which the form has. */
static size_t field_index(const struct form_state *st, const char *key)
{
	for (size_t i = 0; i < st->form->nfields; i++)
		if (strcmp(st->form->fields[i].key, key) == 0)
			return i;
	return 0;
}

/* What this operator changed (every field of a new incident), each with
 * the version it was edited from. */
static void collect_typed(const struct form_state *st, struct field_list *typed)
{
	for (size_t i = 0; i < st->form->nfields; i++) {
		const struct field_def *f = &st->form->fields[i];
		char *value = field_text(st, i);
		char *note = editor_text(&st->notes[i]);

		/* A saved record gets only what this operator changed. */
		if (st->is_new || st->reg || strcmp(value, st->initial[i]) != 0 ||
		    strcmp(note, st->initial_notes[i]) != 0) {
			field_list_set(typed, st->form->key, f->key, value, note);
			typed->items[typed->len - 1].base = st->is_new ? -1 : st->base[i];
		}
		free(value);
		free(note);
	}
}

static void forget_draft(struct tui *tui, struct form_state *st)
{
	st->done = true;
	if (tui->draft_dir && st->draft_name)
		draft_remove(tui->draft_dir, st->draft_name);
}

static void form_keep_draft(struct tui *tui, void *state);

/* A record of the form's register from what was typed: the same checks
 * as on the command line; a refusal keeps every field as typed. */
static enum result add_record(struct tui *tui, struct form_state *st, struct field_list *typed)
{
	struct session *s = tui->session;
	struct error err = {0};
	void *record = register_typed_from_fields(st->reg, typed, st->given);
	int64_t number = 0;
	char said[32];
	const char *column = NULL;
	enum status status = st->reg->check(record, session_now(), &column, &err);

	if (!status) {
		/* Said to have happened earlier: for this record alone. */
		store_when(s->store, st->when);
		status = st->reg->add(s->store, s->config, &st->incident, record, &s->who, session_now(), &number,
				      &err);
		store_when(s->store, 0);
	}
	free(record);
	field_list_free(typed);
	if (status && column) {
		/* Under the field, as any form says what is wrong. */
		form_problem_set(&st->problems, column, err.message);
		focus_set(st, slot_for_field(st, column));
		tui_error(tui, "Not saved: 1 field needs attention (marked with !).");
		return RESULT_HANDLED;
	}
	if (status) {
		tui_error(tui, "Not saved: %s", err.message);
		return RESULT_HANDLED;
	}
	st->dirty = false;
	st->done = true;
	/* A record not numbered is not named by its row's number. */
	said[0] = '\0';
	if (!st->reg->kind->unnumbered)
		snprintf(said, sizeof(said), " %lld", (long long)number);
	tui_message(tui, "%c%s%s %s.", toupper((unsigned char)st->reg->kind->one[0]), st->reg->kind->one + 1, said,
		    st->reg->added ? st->reg->added : "added");
	return tui_pop(tui, TAG_SAVED, true, st->reg->kind->name);
}

/* The deadlines that apply to the incident, "rule party" each in names
 * and, where told is given, "party by due" each in told: what a save
 * made apply is said by comparing the names before and after it. */
static void deadlines_applying(struct tui *tui, const struct incident *in, struct strlist *names,
			       struct strlist *told)
{
	struct deadline_list list;
	struct deadline_met_list met;
	struct error err = {0};

	if (incident_deadlines(tui->session->store, tui->session->config, in, session_now(), &list, &met, &err))
		return;
	for (size_t i = 0; i < list.len; i++) {
		char due[TIME_TEXT_MAX];

		strlist_add_owned(names, xasprintf("%s %s", list.items[i].rule->name, list.items[i].party));
		time_format_local(list.items[i].due, due, sizeof(due));
		if (told)
			strlist_add_owned(told, xasprintf("%s by %s", list.items[i].party, due));
	}
	deadline_list_free(&list);
	deadline_met_list_free(&met);
}

/* After a save: the deadlines it made apply, said with whom to tell and
 * by when, or NULL. */
static char *deadlines_now(struct tui *tui, const struct incident *in, const struct strlist *before)
{
	struct strlist after = {0}, told = {0};
	struct strbuf sb = {0};

	deadlines_applying(tui, in, &after, &told);
	for (size_t i = 0; i < after.len; i++) {
		bool old = false;

		for (size_t k = 0; k < before->len && !old; k++)
			old = strcmp(before->items[k], after.items[i]) == 0;
		if (!old)
			strbuf_printf(&sb, "%s%s", sb.len ? "; " : "", told.items[i]);
	}
	strlist_free(&after);
	strlist_free(&told);
	return sb.len ? strbuf_take(&sb) : (strbuf_free(&sb), NULL);
}

/* Required means required, for a saved incident's form too: the values
 * stored now with what was typed over them, as `sirt set` checks them.
 * A field left empty is marked, the first focused, and what was typed
 * kept (and its draft). True when the save is refused. */
static bool refuse_missing(struct tui *tui, struct form_state *st, const struct field_list *typed)
{
	struct session *s = tui->session;
	struct strlist missing = {0};
	struct error err = {0};
	size_t n = 0;

	if (incident_form_missing(s->store, s->config, st->form, &st->incident, typed, session_now(), &missing, &n,
				  &err)) {
		tui_error(tui, "Not saved: %s", err.message);
		form_keep_draft(tui, st);
		return true;
	}
	for (size_t i = 0; i < n; i++)
		form_problem_set(&st->problems, missing.items[i], "is required");
	if (n) {
		const struct field_def *f = form_def_field(st->form, missing.items[0]);

		focus_set(st, slot_for_field(st, missing.items[0]));
		form_keep_draft(tui, st);
		if (n == 1)
			tui_error(tui, "Not saved: %s is required (marked with !).", f->label);
		else
			tui_error(tui, "Not saved: %zu required fields are empty (marked with !).", n);
	}
	strlist_free(&missing);
	return n > 0;
}

static enum result save(struct tui *tui, struct form_state *st)
{
	struct session *s = tui->session;
	struct field_list typed = {0};
	struct incident created = {0};
	struct error err = {0};
	struct strlist before = {0};
	enum status status;
	size_t saved = 1;

	form_problems_free(&st->problems);
	collect_typed(st, &typed);
	if (st->reg)
		return add_record(tui, st, &typed);
	if (!st->is_new && typed.len == 0) {
		/* Never "saved" for what was not: nothing typed, or every
		 * conflict settled by taking theirs. */
		st->dirty = false;
		forget_draft(tui, st);
		tui_message(tui, "%s: nothing changed, nothing saved.", st->form->title);
		return tui_pop(tui, TAG_SAVED, true, st->form->key);
	}
	if (!st->is_new && refuse_missing(tui, st, &typed)) {
		field_list_free(&typed);
		return RESULT_HANDLED;
	}
	if (st->is_new)
		status = incident_create(s->store, s->config, &s->who, session_now(), &typed, &created, &st->problems, &err);
	else {
		deadlines_applying(tui, &st->incident, &before, NULL);
		status = incident_save_form(s->store, st->form, &st->incident, &s->who, session_now(), &typed,
					    &st->problems, &st->conflicts, &saved, &err);
	}
	field_list_free(&typed);
	if (status)
		strlist_free(&before);
	if (status == STATUS_CONFLICT && st->conflicts.len) {
		/* Side by side, and the choice: nothing was saved. */
		size_t n = st->conflicts.len;

		st->conflict.title = xasprintf("%zu field%s of %s", n, n == 1 ? "" : "s", st->form->title);
		st->conflict.explain = "Another operator saved these after you opened the form. Nothing is saved yet: "
				       "choose, for each, yours or theirs (Space), then Enter.";
		for (size_t k = 0; k < n; k++) {
			const struct field_value *v = &st->conflicts.items[k];
			size_t i = field_index(st, v->key);
			const struct field_def *f = &st->form->fields[i];
			/* With its note: that may be all that changed. */
			char *theirs = form_value_with_note(f, v);
			char *mine = field_text(st, i), *note = editor_text(&st->notes[i]);
			char *shown = *note ? xasprintf("%s  (%s)", mine, note) : xstrdup(mine);

			conflict_arg_add(&st->conflict, f->label, shown, theirs, v->updated_by, v->updated_at);
			free(theirs);
			free(mine);
			free(note);
			free(shown);
		}
		return tui_push(tui, &conflict_screen, &st->conflict);
	}
	forget_conflicts(st);
	if (status) {
		/* Kept now, not at the next pause: an operator told the disk is
		 * full may well leave at once. */
		form_keep_draft(tui, st);
		if (st->problems.len) {
			focus_set(st, slot_for_field(st, st->problems.items[0].key));
			tui_error(tui, "Not saved: %zu field%s need%s attention (marked with !).", st->problems.len,
				  st->problems.len == 1 ? "" : "s", st->problems.len == 1 ? "s" : "");
		} else {
			tui_error(tui, "Not saved: %s", err.message);
		}
		incident_clear(&created);
		return RESULT_HANDLED;
	}
	st->dirty = false;
	forget_draft(tui, st);
	if (st->is_new) {
		enum result r = tui_pop(tui, TAG_CREATED, true, created.ref);
		incident_clear(&created);
		return r;
	}
	if (!saved) {
		/* What was typed is what is stored (a time typed another way,
		 * blanks around a word): not "saved", and the status stays. */
		strlist_free(&before);
		tui_message(tui, "%s: nothing changed, nothing saved.", st->form->title);
		return tui_pop(tui, TAG_SAVED, true, st->form->key);
	}
	{
		/* What the answers made due is said now, not found later. */
		char *due = deadlines_now(tui, &st->incident, &before);

		if (due)
			tui_message(tui, "%s saved. Now to be told: %s (n on the incident).", st->form->title, due);
		else
			tui_message(tui, "%s saved.", st->form->title);
		free(due);
	}
	strlist_free(&before);
	return tui_pop(tui, TAG_SAVED, true, st->form->key);
}

/* Keys on a choice field: Space/Right next, Left previous, a letter picks
 * the next choice starting with it, Backspace clears the answer. */
static bool choice_key(struct form_state *st, size_t i, const struct key *key)
{
	const struct field_def *f = &st->form->fields[i];
	int n = (int)f->choices.len;

	if (key->function && key->code == KEY_RIGHT)
		st->choice[i] = (st->choice[i] + 1) % n;
	else if (!key->function && key->code == ' ')
		st->choice[i] = (st->choice[i] + 1) % n;
	else if (key->function && key->code == KEY_LEFT)
		st->choice[i] = st->choice[i] <= 0 ? n - 1 : st->choice[i] - 1;
	else if ((key->function && (key->code == KEY_BACKSPACE || key->code == KEY_DC)) ||
		 (!key->function && (key->code == 0x7f || key->code == 8)))
		st->choice[i] = -1;
	else if (!key->function && iswprint(key->code)) {
		for (int k = 1; k <= n; k++) {
			int c = (st->choice[i] + k + n) % n;
			const char *choice = f->choices.items[c];
			uint32_t first = 0;

			utf8_decode(choice, strlen(choice), &first);
			if (towlower((wint_t)first) == towlower(key->code)) {
				st->choice[i] = c;
				return true;
			}
		}
		return false;
	} else
		return false;
	return true;
}

/* Whether key is a letter that only one of the field's choices starts
 * with: picking it says all there is to say. */
static bool only_choice_with(const struct field_def *f, const struct key *key)
{
	int n = 0;

	if (key->function || !iswprint(key->code) || key->code == ' ')
		return false;
	for (size_t c = 0; c < f->choices.len; c++) {
		uint32_t first = 0;

		utf8_decode(f->choices.items[c], strlen(f->choices.items[c]), &first);
		n += towlower((wint_t)first) == towlower(key->code);
	}
	return n == 1;
}

/* Asks before what was typed is lost, showing its first line: the
 * operator sees which call, which answers, they are throwing away. */
static enum result ask_discard(struct tui *tui, struct form_state *st)
{
	struct draft d = {0};
	char *first;

	collect_typed(st, &d.fields);
	first = draft_first_line(&d, st->form);
	free(st->discard_question);
	st->discard_question = *first ? xasprintf("Typed: %s", first) : NULL;
	st->discard = (struct prompt_arg){.context = st->discard_question,
					  .question = "Leave this form and lose what was typed?", .tag = TAG_DISCARD,
					  .yes_no = true};
	free(first);
	field_list_free(&d.fields);
	return tui_push(tui, &confirm_screen, &st->discard);
}

static enum result form_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct form_state *st = state;
	bool is_note;
	size_t i = slot_of(st, st->focus, &is_note);

	switch (action) {
	case ACTION_SAVE:
		return save(tui, st);
	case ACTION_NEXT_FIELD:
		/* Tab goes round: from the last field to the first, and says so. */
		if (st->focus + 1 == slot_count(st)) {
			focus_move(st, -(int)st->focus);
			tui_message(tui, "Back at the first field; Ctrl-S saves.");
			return RESULT_HANDLED;
		}
		focus_move(st, 1);
		return RESULT_HANDLED;
	case ACTION_MOVE_DOWN:
		if (st->focus + 1 == slot_count(st))
			tui_message(tui, "This is the last field; Ctrl-S saves.");
		focus_move(st, 1);
		return RESULT_HANDLED;
	case ACTION_OPEN:
		if (is_multiline(st, i, is_note)) {
			if (editor_insert(&st->values[i], L'\n'))
				st->dirty = true;
			return RESULT_HANDLED;
		}
	{
		/* Enter answers and goes on to the next question, past a
		 * note (Tab reaches it): a typed answer costs one key more. */
		int step = !is_note && st->form->fields[i].has_note ? 2 : 1;

		if (st->focus + (size_t)step >= slot_count(st))
			return save(tui, st);
		focus_move(st, step);
		return RESULT_HANDLED;
	}
	case ACTION_PREV_FIELD:
		if (st->focus == 0) {
			focus_move(st, (int)slot_count(st) - 1);
			tui_message(tui, "At the last field; Ctrl-S saves.");
			return RESULT_HANDLED;
		}
		focus_move(st, -1);
		return RESULT_HANDLED;
	case ACTION_MOVE_UP:
		focus_move(st, -1);
		return RESULT_HANDLED;
	case ACTION_PAGE_DOWN:
		focus_move(st, 8);
		return RESULT_HANDLED;
	case ACTION_PAGE_UP:
		focus_move(st, -8);
		return RESULT_HANDLED;
	case ACTION_BACK:
		if (st->dirty)
			return ask_discard(tui, st);
		return tui_pop(tui, TAG_NONE, false, NULL);
	case ACTION_NONE: {
		struct editor *ed = is_note ? &st->notes[i] : &st->values[i];
		bool printable = !key->function && key->code >= ' ' && key->code != 0x7f;

		if (!is_note && is_choice(&st->form->fields[i])) {
			if (choice_key(st, i, key)) {
				st->dirty = true;
				/* A question with a note (a checklist): one key a
				 * question. The only choice with that letter moves
				 * on to the next question, past the note; Tab or
				 * S-Tab reaches the note. */
				if (st->form->fields[i].has_note && only_choice_with(&st->form->fields[i], key))
					focus_move(st, 2);
			}
			return RESULT_HANDLED;
		}
		size_t before = ed->len;
		bool cleared = st->fresh && printable;

		if (cleared)
			editor_set(ed, "");
		st->fresh = false;
		/* A key that only moves the cursor (End, ^A) types nothing:
		 * one key that edits changes the length. */
		if (editor_key(ed, key)) {
			if (cleared || ed->len != before)
				st->dirty = true;
		} else if (printable)
			tui_error(tui, "%s is full: at most %zu bytes fit.", is_note ? "The note" : st->form->fields[i].label,
				  ed->max_bytes);
		return RESULT_HANDLED;
	}
	default:
		return RESULT_IGNORED;
	}
}

static void form_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct form_state *st = state;

	if (result && result->tag == TAG_DISCARD && result->ok) {
		forget_draft(tui, st);
		tui_pop(tui, TAG_NONE, false, NULL);
	}
	if (!result || result->tag != TAG_CONFLICT)
		return;
	if (!result->ok) {
		forget_conflicts(st);
		tui_message(tui, "Not saved; your text is kept. Saving again shows the choice again.");
		return;
	}
	/* Theirs: the field shows it and counts as unchanged; yours: it is
	 * saved over theirs, knowingly. Either way its base is now theirs. */
	for (size_t k = 0; k < st->conflicts.len && result->text[k]; k++) {
		const struct field_value *v = &st->conflicts.items[k];
		size_t i = field_index(st, v->key);

		st->base[i] = v->version;
		if (result->text[k] == 't') {
			char *text = form_value_for_edit(&st->form->fields[i], v->value);

			if (is_choice(&st->form->fields[i]))
				set_choice(st, i, text);
			else
				editor_set(&st->values[i], text);
			editor_set(&st->notes[i], v->note);
			free(st->initial[i]);
			free(st->initial_notes[i]);
			st->initial[i] = field_text(st, i);
			st->initial_notes[i] = editor_text(&st->notes[i]);
			free(text);
		}
	}
	forget_conflicts(st);
	save(tui, st);
}

static bool form_keeps_drafts(struct tui *tui, void *state)
{
	const struct form_state *st = state;

	return tui->draft_dir && st->draft_name;
}

static void form_keep_draft(struct tui *tui, void *state)
{
	struct form_state *st = state;
	struct field_list typed = {0};
	struct draft d = {0};
	struct strbuf text = {0};
	struct error err = {0};
	unsigned long changes = 0;

	if (!st->dirty || st->done || !tui->draft_dir || !st->draft_name)
		return;
	/* Kept at every pause in typing: nothing typed since, nothing to
	 * encode again (a megabyte field costs milliseconds to). */
	for (size_t i = 0; i < st->form->nfields; i++)
		changes += st->values[i].changes + st->notes[i].changes;
	if (st->kept && changes == st->kept_changes)
		return;
	collect_typed(st, &typed);
	for (size_t i = 0; i < typed.len; i++)
		strbuf_printf(&text, "%s\t%lld\t%s\t%s\n", typed.items[i].key, (long long)typed.items[i].base,
			      typed.items[i].value, typed.items[i].note);
	if (st->kept && strcmp(st->kept, strbuf_str(&text)) == 0) {
		st->kept_changes = changes;
	} else {
		d.name = st->draft_name;
		d.form = (char *)st->form->key;
		d.ref = (char *)(st->is_new ? "" : st->ref);
		d.fields = typed;
		if (draft_save(tui->draft_dir, &d, &err) == STATUS_OK) {
			free(st->kept);
			st->kept = strbuf_take(&text);
			st->kept_at = session_now();
			st->kept_changes = changes;
		}
	}
	strbuf_free(&text);
	field_list_free(&typed);
}

static bool form_edits_text(void *state)
{
	(void)state;
	return true;
}

static bool form_dirty(void *state)
{
	return ((struct form_state *)state)->dirty;
}

static const char *form_help_line(void *state)
{
	struct form_state *st = state;
	bool is_note;
	size_t i = slot_of(st, st->focus, &is_note);

	if (is_note)
		return "A note on this answer: why, who said so, what was seen.";
	if (is_multiline(st, i, is_note)) {
		snprintf(st->help, sizeof(st->help), "%s (Enter: new line, Tab: next field)", st->form->fields[i].help);
		return st->help;
	}
	return st->form->fields[i].help;
}

static const struct screen_key form_keys[] = {
	HINT_KEY(SAVE, NULL, "Save the form (checks every field first)"),
	HINT_KEY(NEXT_FIELD, NULL, NULL),
	HINT_KEY(PREV_FIELD, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Leave the form (asks first if anything was typed)"),
	MORE_KEY(OPEN, "Next", "Next field, past a note; a new line in a multi-line field; saves on the last field"),
	MORE_KEY(MOVE_UP, NULL, "Previous field"),
	MORE_KEY(MOVE_DOWN, NULL, "Next field"),
	MORE_KEY(PAGE_UP, NULL, "Eight fields up"),
	MORE_KEY(PAGE_DOWN, NULL, "Eight fields down"),
	KEYS_END,
};

const struct screen_ops form_screen = {
	.name = "form",
	.state_size = sizeof(struct form_state),
	.open = form_open,
	.draw = form_draw,
	.handle = form_handle,
	.resume = form_resume,
	.close = form_close,
	.edits_text = form_edits_text,
	.dirty = form_dirty,
	.help_line = form_help_line,
	.keeps_drafts = form_keeps_drafts,
	.keep_draft = form_keep_draft,
	.keys = form_keys,
};
