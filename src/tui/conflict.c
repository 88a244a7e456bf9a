/* A save that found records changed by another operator since they were
 * read (a form's fields, a step, a choice): each side by side, theirs as
 * saved and yours as typed, and for each a choice. Nothing was saved, and
 * nothing is until the choice is made: the result goes back to the screen
 * that saved, which saves again or keeps theirs. */
#include <stdlib.h>
#include <string.h>

#include "sirt/timefmt.h"
#include "tui.h"

struct conflict_state {
	const struct conflict_arg *arg;
	bool *theirs;		/* per conflict: take theirs */
	size_t cursor;
	size_t top;
	/* The selected one whole, for the reader (v). */
	struct reader_arg reading;
	char *reading_text;
};

void conflict_arg_add(struct conflict_arg *arg, const char *label, const char *mine, const char *theirs,
		      const char *by, const char *when)
{
	struct conflict_item *item;

	arg->items = xrealloc(arg->items, (arg->len + 1) * sizeof(*arg->items));
	item = &arg->items[arg->len++];
	item->label = xstrdup(label);
	item->mine = xstrdup(mine);
	item->theirs = xstrdup(theirs);
	item->by = xstrdup(by && *by ? by : "another operator");
	item->when = when ? time_utc_to_local(when) : xstrdup("");
}

void conflict_arg_free(struct conflict_arg *arg)
{
	for (size_t i = 0; i < arg->len; i++) {
		free(arg->items[i].label);
		free(arg->items[i].mine);
		free(arg->items[i].theirs);
		free(arg->items[i].by);
		free(arg->items[i].when);
	}
	FREE(&arg->items);
	FREE(&arg->title);
	arg->len = 0;
}

bool conflict_choice_ask(struct tui *tui, struct conflict_arg *arg, struct incident *incident, bool category,
			 const char *mine)
{
	struct store *store = tui->session->store;
	struct incident now;
	struct choice_list choices;
	struct error err = {0};
	const char *theirs = "none", *by = NULL, *when = NULL;

	if (store_incident_get(store, incident->ref, &now, &err) || store_choices_get(store, now.id, &choices, &err)) {
		tui_error(tui, "Not saved: %s", err.message);
		incident_clear(&now);
		return false;
	}
	if (category && choices.ncategories) {
		const struct category_choice *c = &choices.categories[choices.ncategories - 1];

		theirs = c->label;
		by = c->chosen_by;
		when = c->chosen_at;
	} else if (!category && choices.nprocedures) {
		const struct procedure_choice *c = &choices.procedures[choices.nprocedures - 1];

		theirs = c->title;
		by = c->chosen_by;
		when = c->chosen_at;
	}
	conflict_arg_free(arg);
	arg->title = xasprintf("the %s of %s", category ? "category" : "procedure", now.ref);
	arg->explain = category ? "Another operator chose a category after you opened this. Nothing is saved yet: "
				  "choose yours or theirs (Space), then Enter." :
				  "Another operator chose a procedure after you opened this. Nothing is saved yet: "
				  "choose yours or theirs (Space), then Enter.";
	conflict_arg_add(arg, category ? "Category" : "Procedure", mine, theirs, by, when);
	choice_list_free(&choices);
	incident_clear(incident);
	*incident = now;
	return true;
}

static bool conflict_open(struct tui *tui, void *state, const void *arg)
{
	struct conflict_state *st = state;

	(void)tui;
	st->arg = arg;
	st->theirs = xcalloc(st->arg->len ? st->arg->len : 1, sizeof(*st->theirs));
	return true;
}

static void conflict_close(struct tui *tui, void *state)
{
	struct conflict_state *st = state;

	(void)tui;
	free(st->theirs);
	free(st->reading_text);
}

/* Four rows an item: its label, yours, theirs, a blank. */
#define ROWS_EACH 4

static void conflict_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct conflict_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win);
	size_t n = st->arg->len, shown = (size_t)((rows - 4) / ROWS_EACH);
	char *line;

	line = xasprintf(" Changed meanwhile: %s", st->arg->title);
	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	draw_wrapped(tui, win, 1, 1, cols - 2, 2, STYLE_DIM, st->arg->explain);
	scroll_to_show(st->cursor, &st->top, shown ? (int)shown : 1);
	for (size_t k = 0; k < shown && st->top + k < n; k++) {
		size_t i = st->top + k;
		const struct conflict_item *item = &st->arg->items[i];
		int y = 4 + (int)k * ROWS_EACH;
		bool selected = i == st->cursor;
		char *mine = xasprintf("  [%s] yours:  %s", st->theirs[i] ? " " : "x", item->mine);
		char *theirs = xasprintf("  [%s] theirs: %s  (%s, %s)", st->theirs[i] ? "x" : " ", item->theirs,
					 item->by, item->when);
		/* Either cut (or of several lines): said on the label's row. */
		bool cut = wraps_past(mine, cols - 2, 1) || wraps_past(theirs, cols - 2, 1) || strchr(mine, '\n') ||
			   strchr(theirs, '\n');

		line = xasprintf("%s %s%s", selected ? ">" : " ", item->label, cut ? "  (… v reads both whole)" : "");
		draw_text(tui, win, y, 1, cols - 2, selected ? STYLE_SELECTED : STYLE_TITLE, line);
		free(line);
		draw_text(tui, win, y + 1, 1, cols - 2, st->theirs[i] ? STYLE_DIM : STYLE_NORMAL, mine);
		draw_text(tui, win, y + 2, 1, cols - 2, st->theirs[i] ? STYLE_NORMAL : STYLE_DIM, theirs);
		free(mine);
		free(theirs);
	}
}

static enum result conflict_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct conflict_state *st = state;
	size_t n = st->arg->len;
	char *choices;
	enum result r;

	if (list_move(action, &st->cursor, n, 3))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_TOGGLE:
		st->theirs[st->cursor] = !st->theirs[st->cursor];
		return RESULT_HANDLED;
	case ACTION_KEEP_MINE:
	case ACTION_TAKE_THEIRS:
		for (size_t i = 0; i < n; i++)
			st->theirs[i] = action == ACTION_TAKE_THEIRS;
		return RESULT_HANDLED;
	case ACTION_OPEN:
	case ACTION_SAVE:
		/* One letter a conflict, in order: t theirs, y yours. */
		choices = xcalloc(n + 1, 1);
		for (size_t i = 0; i < n; i++)
			choices[i] = st->theirs[i] ? 't' : 'y';
		r = tui_pop(tui, TAG_CONFLICT, true, choices);
		free(choices);
		return r;
	case ACTION_BACK:
		return tui_pop(tui, TAG_CONFLICT, false, NULL);
	case ACTION_READ: {
		const struct conflict_item *item = &st->arg->items[st->cursor];

		free(st->reading_text);
		st->reading_text = xasprintf("%s\n\nYours:\n%s\n\nTheirs (%s, %s):\n%s", item->label, item->mine, item->by,
					     item->when, item->theirs);
		st->reading = (struct reader_arg){.title = st->arg->title, .text = st->reading_text};
		return tui_push(tui, &reader_screen, &st->reading);
	}
	case ACTION_NONE:
		/* Left and Right choose too, as on a choice field. */
		if (key->function && (key->code == KEY_LEFT || key->code == KEY_RIGHT)) {
			st->theirs[st->cursor] = key->code == KEY_RIGHT;
			return RESULT_HANDLED;
		}
		return RESULT_HANDLED;
	default:
		return RESULT_IGNORED;
	}
}

static const struct screen_key conflict_keys[] = {
	HINT_KEY(TOGGLE, "Yours/theirs", "Switch the selected one between yours and theirs (Left, Right too)"),
	HINT_KEY(KEEP_MINE, NULL, NULL),
	HINT_KEY(TAKE_THEIRS, NULL, NULL),
	HINT_KEY(OPEN, "Save", "Save with these choices"),
	HINT_KEY(BACK, "Cancel", "Back: nothing saved, what you typed kept"),
	MORE_KEY(SAVE, "Save", "Save with these choices"),
	MORE_KEY(READ, NULL, "Read the selected one whole: yours and theirs"),
	MORE_KEY(HELP, NULL, NULL),
	MOVE_KEYS("a change"),
	KEYS_END,
};

const struct screen_ops conflict_screen = {
	.name = "conflict",
	.state_size = sizeof(struct conflict_state),
	.open = conflict_open,
	.draw = conflict_draw,
	.handle = conflict_handle,
	.close = conflict_close,
	.keys = conflict_keys,
};
