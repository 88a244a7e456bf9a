/* The procedure picker (R10, R11): the configured procedures in order,
 * and last "No procedure applies", which lets the team record what they
 * did as free steps. */
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/incident.h"
#include "sirt/mem.h"
#include "sirt/procedure.h"
#include "sirt/store.h"
#include "tui.h"

struct procedure_state {
	char ref[64];
	struct incident incident;
	size_t cursor;
	size_t typed;		/* the number typed so far (list_number) */
	/* Another operator chose meanwhile: theirs beside this choice. */
	struct conflict_arg conflict;
	char chosen[128];
	/* The selected one whole, for the reader (v). */
	struct reader_arg reading;
	char *reading_text;
};

static size_t choice_count(const struct config *c)
{
	return c->nprocedures + 1;
}

static bool procedure_open(struct tui *tui, void *state, const void *arg)
{
	struct procedure_state *st = state;
	const struct config *c = tui->session->config;
	struct error err = {0};

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (store_incident_get(tui->session->store, st->ref, &st->incident, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&st->incident);
		return false;
	}
	for (size_t i = 0; i < c->nprocedures; i++)
		if (st->incident.procedure && strcmp(st->incident.procedure, c->procedures[i]->key) == 0)
			st->cursor = i;
	if (st->incident.procedure && strcmp(st->incident.procedure, PROCEDURE_NONE) == 0)
		st->cursor = c->nprocedures;
	return true;
}

static void procedure_close(struct tui *tui, void *state)
{
	struct procedure_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	conflict_arg_free(&st->conflict);
	free(st->reading_text);
}

static const char none_summary[] = "The team records each step it takes; the record can become a new procedure later.";

/* The list above, the selected one's summary below it, wrapped: the
 * summary takes the rows it needs as long as the list keeps three (or
 * all it has); what is left over is said on its last row, and v reads
 * the procedure whole. */
static void procedure_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct procedure_state *st = state;
	const struct config *c = tui->session->config;
	int cols = getmaxx(win), rows = getmaxy(win);
	size_t n = choice_count(c);
	size_t top = 0;
	const char *summary = st->cursor < c->nprocedures ? c->procedures[st->cursor]->summary : none_summary;
	int keep = n < 3 ? (int)n : 3, room = rows - 4 - keep, need = 1, list_rows;
	char *title = xasprintf(" Procedure: %s  %s", st->incident.ref, st->incident.title);
	bool cut;

	if (room < 1)
		room = 1;
	while (need < room && wraps_past(summary, cols - 2, need))
		need++;
	cut = wraps_past(summary, cols - 2, need);
	list_rows = rows - 4 - need;
	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	free(title);
	draw_text(tui, win, 1, 1, cols - 1, STYLE_DIM, "The procedure that fits: its number or Down, then Enter.");
	scroll_to_show(st->cursor, &top, list_rows);
	for (int r = 0; r < list_rows && top + (size_t)r < n; r++) {
		size_t i = top + (size_t)r;
		bool is_none = i == c->nprocedures;
		const char *key = is_none ? PROCEDURE_NONE : c->procedures[i]->key;
		bool current = st->incident.procedure && strcmp(st->incident.procedure, key) == 0;
		char *line = is_none ? xasprintf(" No procedure applies: record what the team does%s",
						 current ? "  - current" : "") :
				       xasprintf(" %2zu. %s (%zu steps)%s", i + 1, c->procedures[i]->title,
						 c->procedures[i]->nsteps, current ? "  - current" : "");
		draw_text(tui, win, 3 + r, 1, cols - 2, i == st->cursor ? STYLE_SELECTED : STYLE_NORMAL, line);
		free(line);
	}
	if (!cut || need > 1)
		draw_wrapped(tui, win, rows - need, 1, cols - 2, cut ? need - 1 : need, STYLE_DIM, summary);
	if (cut)
		draw_text(tui, win, rows - 1, 1, cols - 2, STYLE_DIM, "… more: v reads it whole.");
}

/* The selected procedure whole: its summary and every step with its
 * help, to read before choosing. */
static enum result read_procedure(struct tui *tui, struct procedure_state *st)
{
	const struct config *c = tui->session->config;
	const struct procedure_def *proc = st->cursor < c->nprocedures ? c->procedures[st->cursor] : NULL;
	struct strbuf sb = {0};

	if (!proc) {
		strbuf_printf(&sb, "No procedure applies\n\n%s", none_summary);
	} else {
		strbuf_printf(&sb, "%s\n\n%s\n\n%zu steps:", proc->title, proc->summary, proc->nsteps);
		for (size_t i = 0; i < proc->nsteps; i++) {
			const struct step_def *step = &proc->steps[i];

			strbuf_printf(&sb, "\n\n%zu. %s%s", i + 1, step->title,
				      step->needs_approved_change ? "  [change]: needs an approved change" : "");
			if (step->help && *step->help)
				strbuf_printf(&sb, "\n%s", step->help);
		}
	}
	free(st->reading_text);
	st->reading_text = strbuf_take(&sb);
	st->reading = (struct reader_arg){.title = proc ? proc->title : "No procedure applies", .text = st->reading_text};
	return tui_push(tui, &reader_screen, &st->reading);
}

/* Chooses procedure key, from the one the incident had when read; if
 * another operator chose since, both go to the conflict screen. */
static enum result choose(struct tui *tui, struct procedure_state *st, const char *key)
{
	struct session *s = tui->session;
	const struct procedure_def *proc = config_procedure(s->config, key);
	struct error err = {0};
	enum status rc;

	if (st->incident.procedure && strcmp(st->incident.procedure, key) == 0)
		return tui_pop(tui, TAG_PROCEDURE_CHOSEN, true, key);
	rc = incident_set_procedure(s->store, s->config, &st->incident, key, &s->who, session_now(), &err);
	if (rc == STATUS_CONFLICT && conflict_choice_ask(tui, &st->conflict, &st->incident, false,
							 proc ? proc->title : "No procedure applies")) {
		/* Again from resume, key is st->chosen already. */
		if (key != st->chosen)
			snprintf(st->chosen, sizeof(st->chosen), "%s", key);
		return tui_push(tui, &conflict_screen, &st->conflict);
	}
	if (rc) {
		tui_error(tui, "Not saved: %s", err.message);
		return RESULT_HANDLED;
	}
	tui_message(tui, "Procedure chosen. Steps already worked are kept.");
	return tui_pop(tui, TAG_PROCEDURE_CHOSEN, true, key);
}

static enum result procedure_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct procedure_state *st = state;
	const struct config *c = tui->session->config;

	if (list_number(tui, action, key, &st->typed, &st->cursor, c->nprocedures))
		return RESULT_HANDLED;
	st->typed = 0;
	if (list_move(action, &st->cursor, choice_count(c), 5))
		return RESULT_HANDLED;
	if (action == ACTION_READ)
		return read_procedure(tui, st);
	if (action != ACTION_OPEN && action != ACTION_SAVE)
		return RESULT_IGNORED;
	return choose(tui, st, st->cursor < c->nprocedures ? c->procedures[st->cursor]->key : PROCEDURE_NONE);
}

static void procedure_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct procedure_state *st = state;

	if (!result || result->tag != TAG_CONFLICT)
		return;
	if (!result->ok) {
		tui_message(tui, "Not saved: the procedure stays as they chose it.");
	} else if (result->text[0] == 't') {
		tui_message(tui, "Kept theirs.");
		tui_pop(tui, TAG_PROCEDURE_CHOSEN, true, st->incident.procedure ? st->incident.procedure : "");
	} else {
		choose(tui, st, st->chosen);
	}
}

static const struct screen_key procedure_keys[] = {
	HINT_KEY(OPEN, "Choose", "Choose the procedure and open its steps"),
	HINT_KEY(READ, NULL, "Read the selected procedure whole: its summary and every step, before choosing it"),
	MORE_KEY(NUMBER, NULL, "Go to the procedure of that number: 4, or 1 then 2 for the 12th"),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back without changing the procedure"),
	MORE_KEY(SAVE, "Choose", "Same as Enter"),
	MOVE_KEYS("a procedure"),
	KEYS_END,
};

const struct screen_ops procedure_screen = {
	.name = "procedure",
	.state_size = sizeof(struct procedure_state),
	.open = procedure_open,
	.draw = procedure_draw,
	.handle = procedure_handle,
	.resume = procedure_resume,
	.close = procedure_close,
	.keys = procedure_keys,
};
