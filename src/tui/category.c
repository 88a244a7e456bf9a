/* The category picker (R9): mark the categories that apply, and the
 * incident goes into the highest of them. Choices are kept as history. */
#include <stdlib.h>
#include <string.h>

#include "sirt/category.h"
#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/incident.h"
#include "sirt/mem.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "tui.h"

struct category_state {
	char ref[64];
	struct incident incident;
	bool *applicable;
	size_t cursor;
	size_t typed;		/* the number typed so far (list_number) */
	/* Not categorised yet and not moved: the cursor is on no category,
	 * so that Enter does not put the incident in the first by chance. */
	bool on_none;
	/* Lowering the category: why, asked before it is chosen. */
	struct prompt_arg why;
	char question[300];
	char why_text[512];
	/* Another operator chose meanwhile: theirs beside this choice. */
	struct conflict_arg conflict;
	int chosen;
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
	st->on_none = current < 0;
	return true;
}

static void category_close(struct tui *tui, void *state)
{
	struct category_state *st = state;

	(void)tui;
	free(st->applicable);
	incident_clear(&st->incident);
	conflict_arg_free(&st->conflict);
}

static void category_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct category_state *st = state;
	const struct config *c = tui->session->config;
	int cols = getmaxx(win);
	int highest = category_highest(st->applicable, c->ncategories);
	char *title = xasprintf(" Category: %s  %s", st->incident.ref, st->incident.title);
	char *line;
	int y;

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	free(title);
	/* The categories start a row under what it says, however narrow. */
	y = 3 + draw_wrapped(tui, win, 2, 1, cols - 2, 3, STYLE_NORMAL,
			     "Mark every category that applies (Space). Enter puts the incident in the "
			     "highest one marked, or in the one under the cursor if none is marked.");
	for (size_t i = 0; i < c->ncategories; i++) {
		bool is_current = st->incident.category && strcmp(st->incident.category, c->categories[i].key) == 0;
		line = xasprintf(" [%s] %zu. %s (%s)%s", st->applicable[i] ? "x" : " ", i + 1, c->categories[i].label,
				 c->categories[i].key, is_current ? "  - current" : "");
		draw_text(tui, win, y + (int)i, 1, cols - 2, i == st->cursor && !st->on_none ? STYLE_SELECTED : STYLE_NORMAL,
			  line);
		free(line);
	}
	line = highest >= 0 ? xasprintf("Enter chooses: %s", c->categories[highest].label) :
	       st->on_none ? xstrdup("Number or Down: a category. Space marks, Enter chooses.") :
			      xasprintf("Enter chooses: %s", c->categories[st->cursor].label);
	draw_text(tui, win, y + 1 + (int)c->ncategories, 1, cols - 2, STYLE_OK, line);
	free(line);
}

/* Puts the incident in category chosen, from the category it had when
 * read; if another operator chose since, both go to the conflict screen. */
static enum result choose(struct tui *tui, struct category_state *st, int chosen, const char *why)
{
	struct session *s = tui->session;
	const struct config *c = s->config;
	struct error err = {0};
	enum status rc = incident_set_category(s->store, c, &st->incident, c->categories[chosen].key, why ? why : "",
					       &s->who, session_now(), &err);

	if (rc == STATUS_CONFLICT && conflict_choice_ask(tui, &st->conflict, &st->incident, true,
							 c->categories[chosen].label)) {
		st->chosen = chosen;
		return tui_push(tui, &conflict_screen, &st->conflict);
	}
	if (rc) {
		tui_error(tui, "Not saved: %s", err.message);
		return RESULT_HANDLED;
	}
	tui_message(tui, "%s is now in category %s: %s.", st->ref, c->categories[chosen].key,
		    c->categories[chosen].label);
	return tui_pop(tui, TAG_SAVED, true, "category");
}

static enum result category_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct category_state *st = state;
	const struct config *c = tui->session->config;
	int chosen;

	if (list_number(tui, action, key, &st->typed, &st->cursor, c->ncategories)) {
		st->on_none = false;
		return RESULT_HANDLED;
	}
	st->typed = 0;
	if (st->on_none && (action == ACTION_MOVE_DOWN || action == ACTION_PAGE_DOWN || action == ACTION_FIRST ||
			    action == ACTION_MOVE_UP)) {
		/* From none, the first key lands on the first category. */
		st->on_none = false;
		st->cursor = 0;
		return RESULT_HANDLED;
	}
	if (list_move(action, &st->cursor, c->ncategories, 1)) {
		st->on_none = false;
		return RESULT_HANDLED;
	}
	switch (action) {
	case ACTION_TOGGLE:
		if (st->on_none) {
			st->on_none = false;
			st->cursor = 0;
		}
		/* Marks, and moves on to the next to consider. */
		st->applicable[st->cursor] = !st->applicable[st->cursor];
		if (st->cursor + 1 < c->ncategories)
			st->cursor++;
		return RESULT_HANDLED;
	case ACTION_OPEN:
	case ACTION_SAVE:
		chosen = category_highest(st->applicable, c->ncategories);
		if (chosen < 0 && st->on_none) {
			tui_error(tui, "No category yet: its number or Down to it, then Enter.");
			return RESULT_HANDLED;
		}
		if (chosen < 0)
			chosen = (int)st->cursor;
		st->chosen = chosen;
		/* Lower than it was: why, for the timeline. */
		if (st->incident.category && category_is_higher(c, st->incident.category, c->categories[chosen].key)) {
			const struct category *was = config_category(c, st->incident.category);

			snprintf(st->question, sizeof(st->question), "Why is it lowered from %s to %s? (on the timeline)",
				 was ? was->label : st->incident.category, c->categories[chosen].label);
			tui_ask(tui, &st->why, NULL, st->question, TAG_CATEGORY_WHY, true);
			return RESULT_PUSH;
		}
		return choose(tui, st, chosen, NULL);
	default:
		return RESULT_IGNORED;
	}
}

static void category_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct category_state *st = state;
	const struct category *theirs = config_category(tui->session->config, st->incident.category);

	if (result && result->tag == TAG_CATEGORY_WHY) {
		if (result->ok) {
			snprintf(st->why_text, sizeof(st->why_text), "%s", result->text);
			choose(tui, st, st->chosen, st->why_text);
		}
		return;
	}
	if (!result || result->tag != TAG_CONFLICT)
		return;
	if (!result->ok) {
		tui_message(tui, "Not saved: the category stays as they chose it.");
	} else if (result->text[0] == 't') {
		tui_message(tui, "Kept theirs: %s is in category %s.", st->ref, theirs ? theirs->label : "none");
		tui_pop(tui, TAG_SAVED, true, "category");
	} else {
		choose(tui, st, st->chosen, st->why_text);
	}
}

static const struct screen_key category_keys[] = {
	HINT_KEY(TOGGLE, NULL, "Mark or unmark the category as applicable, and move down"),
	HINT_KEY(OPEN, "Choose", "Put the incident in the highest category marked (or the one under the cursor)"),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back without changing the category"),
	MORE_KEY(SAVE, "Choose", "Same as Enter"),
	MORE_KEY(NUMBER, NULL, "Go to the category of that number"),
	MOVE_KEYS("a category"),
	KEYS_END,
};

const struct screen_ops category_screen = {
	.name = "category",
	.state_size = sizeof(struct category_state),
	.open = category_open,
	.draw = category_draw,
	.handle = category_handle,
	.resume = category_resume,
	.close = category_close,
	.keys = category_keys,
};
