/* The category picker (R9): mark the categories that apply, and the
 * incident goes into the highest of them. Choices are kept as history. */
#include <stdlib.h>
#include <string.h>

#include "sirt/category.h"
#include "sirt/incident.h"
#include "sirt/timefmt.h"
#include "tui.h"

struct category_state {
	char ref[64];
	struct incident incident;
	bool *applicable;
	size_t cursor;
};

static bool category_open(struct tui *tui, void *state, const void *arg)
{
	struct category_state *st = state;
	const struct config *c = tui->session->config;
	struct error err = {0};
	int current;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (store_incident_get(tui->session->store, st->ref, &st->incident, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&st->incident);
		return false;
	}
	st->applicable = xcalloc(c->ncategories, sizeof(bool));
	current = config_category_rank(c, st->incident.category);
	st->cursor = current >= 0 ? (size_t)current : 0;
	return true;
}

static void category_close(struct tui *tui, void *state)
{
	struct category_state *st = state;

	(void)tui;
	free(st->applicable);
	incident_clear(&st->incident);
}

static void category_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct category_state *st = state;
	const struct config *c = tui->session->config;
	int cols = getmaxx(win);
	int highest = category_highest(st->applicable, c->ncategories);
	char *title = xasprintf(" Category: %s  %s", st->incident.ref, st->incident.title);
	char *line;

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	free(title);
	draw_text(tui, win, 2, 1, cols - 1, STYLE_NORMAL,
		  "Mark every category that applies (Space). Enter puts the incident in the");
	draw_text(tui, win, 3, 1, cols - 1, STYLE_NORMAL,
		  "highest one marked, or in the one under the cursor if none is marked.");
	for (size_t i = 0; i < c->ncategories; i++) {
		bool is_current = st->incident.category && strcmp(st->incident.category, c->categories[i].key) == 0;
		line = xasprintf(" [%s] %zu. %s (%s)%s", st->applicable[i] ? "x" : " ", i + 1, c->categories[i].label,
				 c->categories[i].key, is_current ? "  - current" : "");
		draw_text(tui, win, 5 + (int)i, 1, cols - 2, i == st->cursor ? STYLE_SELECTED : STYLE_NORMAL, line);
		free(line);
	}
	line = highest >= 0 ? xasprintf("Enter chooses: %s", c->categories[highest].label) :
			      xasprintf("Enter chooses: %s", c->categories[st->cursor].label);
	draw_text(tui, win, 6 + (int)c->ncategories, 1, cols - 2, STYLE_OK, line);
	free(line);
}

static enum result category_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct category_state *st = state;
	struct session *s = tui->session;
	const struct config *c = s->config;
	struct error err = {0};
	int chosen;

	(void)key;
	if (list_move(action, &st->cursor, c->ncategories, 1))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_TOGGLE:
		st->applicable[st->cursor] = !st->applicable[st->cursor];
		return RESULT_HANDLED;
	case ACTION_OPEN:
	case ACTION_SAVE:
		chosen = category_highest(st->applicable, c->ncategories);
		if (chosen < 0)
			chosen = (int)st->cursor;
		if (incident_set_category(s->store, c, &st->incident, c->categories[chosen].key, "", &s->who,
					  session_now(), &err)) {
			tui_error(tui, "Not saved: %s", err.message);
			return RESULT_HANDLED;
		}
		tui_message(tui, "%s is now in category %s: %s.", st->ref, c->categories[chosen].key,
			    c->categories[chosen].label);
		return tui_pop(tui, TAG_SAVED, true, "category");
	default:
		return RESULT_IGNORED;
	}
}

static const struct screen_key category_keys[] = {
	HINT_KEY(TOGGLE, NULL, NULL),
	HINT_KEY(OPEN, "Choose", "Put the incident in the highest category marked (or the one under the cursor)"),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back without changing the category"),
	MORE_KEY(SAVE, "Choose", "Same as Enter"),
	MOVE_KEYS("a category"),
	KEYS_END,
};

const struct screen_ops category_screen = {
	.name = "category",
	.state_size = sizeof(struct category_state),
	.open = category_open,
	.draw = category_draw,
	.handle = category_handle,
	.close = category_close,
	.keys = category_keys,
};
