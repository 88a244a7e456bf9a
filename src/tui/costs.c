/* Damage and cost (R23): the lines recorded and the totals per currency.
 * A line is added in a few questions and never edited; a wrong one is
 * withdrawn with a reason, and stays on the screen struck out in words. */
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/cost.h"
#include "sirt/mem.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "tui.h"

struct costs_state {
	char ref[64];
	struct incident incident;
	struct cost_list costs;
	size_t cursor;
	/* A line between its questions. */
	char kind[16];
	char *description;
	char *amount;
	char *currency;
	struct choose_arg choose;
	struct prompt_arg prompt;
	char context[512];
};

static bool load(struct tui *tui, struct costs_state *st)
{
	struct error err = {0};
	struct incident incident;
	struct cost_list costs = {0};

	if (store_incident_get(tui->session->store, st->ref, &incident, &err) ||
	    store_costs_get(tui->session->store, incident.id, &costs, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		cost_list_free(&costs);
		return false;
	}
	incident_clear(&st->incident);
	cost_list_free(&st->costs);
	st->incident = incident;
	st->costs = costs;
	cursor_clamp(&st->cursor, st->costs.len);
	return true;
}

static void forget_line(struct costs_state *st)
{
	FREE(&st->description);
	FREE(&st->amount);
	FREE(&st->currency);
}

static void costs_close(struct tui *tui, void *state)
{
	struct costs_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	cost_list_free(&st->costs);
	forget_line(st);
}

static bool costs_open(struct tui *tui, void *state, const void *arg)
{
	struct costs_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (!load(tui, st)) {
		costs_close(tui, st);
		return false;
	}
	return true;
}

static void costs_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct costs_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win);
	struct cost_totals totals;
	char *line = xasprintf(" Damage and cost: %s  %s", st->incident.ref, st->incident.title);
	size_t top = 0;
	int list_rows, y;

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	draw_text(tui, win, 1, 1, cols - 2, STYLE_DIM,
		  "The damage to the organisation and the cost of containing it (R23).");
	cost_totals(&st->costs, &totals);
	/* Each total takes two rows: the amount, then how it is made up. */
	list_rows = rows - 7 - 2 * (int)totals.len;
	if (st->costs.len == 0) {
		draw_text(tui, win, 3, 2, cols - 4, STYLE_DIM, "No line yet. Press n to add one.");
	} else {
		scroll_to_show(st->cursor, &top, list_rows);
		for (int r = 0; r < list_rows && top + (size_t)r < st->costs.len; r++) {
			const struct cost *c = &st->costs.items[top + (size_t)r];
			char *text = cost_text(c);
			bool selected = top + (size_t)r == st->cursor;

			line = xasprintf(" %s%s", c->withdrawn_at ? "[withdrawn] " : "", text);
			draw_text(tui, win, 3 + r, 0, cols,
				  selected ? STYLE_SELECTED : c->withdrawn_at ? STYLE_DIM : STYLE_NORMAL, line);
			free(line);
			free(text);
		}
	}
	y = rows - 3 - 2 * (int)totals.len;
	if (totals.len)
		draw_text(tui, win, y - 1, 1, cols - 2, STYLE_TITLE, "Totals of the lines that stand:");
	for (size_t i = 0; i < totals.len; i++) {
		char *text = cost_total_text(&totals.items[i]);
		y += draw_wrapped(tui, win, y, 2, cols - 3, 2, STYLE_NORMAL, text);
		free(text);
	}
	if (st->costs.len) {
		const struct cost *c = &st->costs.items[st->cursor];
		char *added = time_utc_to_local(c->added_at);
		char *gone = c->withdrawn_at ? time_utc_to_local(c->withdrawn_at) : NULL;

		line = gone ? xasprintf("Line %lld, added by %s at %s, withdrawn by %s at %s: %s", (long long)c->number,
					c->added_by, added, c->withdrawn_by, gone, c->withdrawn_reason) :
			      xasprintf("Line %lld added by %s at %s.", (long long)c->number, c->added_by, added);
		draw_wrapped(tui, win, rows - 2, 1, cols - 2, 2, STYLE_DIM, line);
		free(line);
		free(added);
		free(gone);
	}
	cost_totals_free(&totals);
}

static const char *const kinds[] = {COST_DAMAGE, COST_CONTAINMENT, NULL};
static const char *const kind_labels[] = {"Damage to the organisation", "Cost of containment"};
static const char *const estimate_keys[] = {"actual", "estimate", NULL};
static const char *const estimate_labels[] = {"The actual figure", "An estimate, to be replaced by the actual"};

static enum result costs_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct costs_state *st = state;
	const struct cost *c = st->costs.len ? &st->costs.items[st->cursor] : NULL;

	(void)key;
	if (list_move(action, &st->cursor, st->costs.len, 5))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_ADD_COST:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		forget_line(st);
		st->choose = (struct choose_arg){.question = "What is it?", .labels = kind_labels, .keys = kinds,
						 .count = 2, .tag = TAG_COST_KIND};
		return tui_push(tui, &choose_screen, &st->choose);
	case ACTION_WITHDRAW:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		if (!c || c->withdrawn_at) {
			tui_error(tui, c ? "That line was withdrawn already." : "No line to withdraw.");
			return RESULT_HANDLED;
		}
		{
			char *text = cost_text(c);
			snprintf(st->context, sizeof(st->context), "Withdraw %s", text);
			free(text);
		}
		tui_ask(tui, &st->prompt, st->context, "Why is it withdrawn? (required: it stays on record)",
			TAG_COST_WITHDRAW, true);
		return RESULT_PUSH;
	default:
		return RESULT_IGNORED;
	}
}

static void costs_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct costs_state *st = state;
	struct session *s = tui->session;
	struct error err = {0};
	int64_t number = 0;

	if (!result || !result->ok) {
		if (result)
			forget_line(st);
		load(tui, st);
		return;
	}
	switch (result->tag) {
	case TAG_COST_KIND:
		snprintf(st->kind, sizeof(st->kind), "%s", result->text);
		snprintf(st->context, sizeof(st->context), "%s", cost_kind_label(st->kind));
		tui_ask(tui, &st->prompt, st->context, "What is it? (e.g. overtime of the admin team)",
			TAG_COST_DESCRIPTION, true);
		return;
	case TAG_COST_DESCRIPTION:
		st->description = xstrdup(result->text);
		snprintf(st->context, sizeof(st->context), "%s: %s", cost_kind_label(st->kind), st->description);
		tui_ask(tui, &st->prompt, st->context, "How much? (e.g. 12500 or 12,500.50; no currency sign)",
			TAG_COST_AMOUNT, true);
		return;
	case TAG_COST_AMOUNT: {
		int64_t cents;

		if (!money_parse(result->text, &cents)) {
			tui_error(tui, "\"%s\" is not an amount: write 12500, 12,500 or 12500.50.", result->text);
			tui_ask(tui, &st->prompt, st->context, "How much? (e.g. 12500 or 12,500.50; no currency sign)",
				TAG_COST_AMOUNT, true);
			/* What was typed comes back to be corrected, not retyped. */
			st->prompt.initial = result->text;
			return;
		}
		st->amount = xstrdup(result->text);
		tui_ask(tui, &st->prompt, st->context, "In which currency? (three letters)", TAG_COST_CURRENCY, true);
		/* Offered as the answer: Enter takes the plan's currency. */
		st->prompt.initial = s->config->currency;
		return;
	}
	case TAG_COST_CURRENCY:
		st->currency = xstrdup(result->text);
		for (char *p = st->currency; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		st->choose = (struct choose_arg){.question = "Is this the actual figure?", .labels = estimate_labels,
						 .keys = estimate_keys, .count = 2, .tag = TAG_COST_ESTIMATE};
		tui_push(tui, &choose_screen, &st->choose);
		return;
	case TAG_COST_ESTIMATE:
		if (!st->amount)
			break;
		if (incident_add_cost(s->store, s->config, &st->incident, st->kind, st->description, st->amount,
				      st->currency, strcmp(result->text, "estimate") == 0, &s->who, session_now(), &number,
				      &err)) {
			tui_error(tui, "Not saved: %s", err.message);
		} else {
			tui_message(tui, "Line %lld added.", (long long)number);
			load(tui, st);
			st->cursor = st->costs.len ? st->costs.len - 1 : 0;
		}
		forget_line(st);
		break;
	case TAG_COST_WITHDRAW:
		if (st->costs.len &&
		    incident_withdraw_cost(s->store, &st->incident, st->costs.items[st->cursor].number, result->text,
					   &s->who, session_now(), &err))
			tui_error(tui, "Not saved: %s", err.message);
		else if (st->costs.len)
			tui_message(tui, "Line %lld withdrawn.", (long long)st->costs.items[st->cursor].number);
		break;
	default:
		break;
	}
	load(tui, st);
}

static const struct screen_key costs_keys[] = {
	HINT_KEY(ADD_COST, NULL, NULL),
	HINT_KEY(WITHDRAW, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MOVE_KEYS("a line"),
	KEYS_END,
};

const struct screen_ops costs_screen = {
	.name = "costs",
	.state_size = sizeof(struct costs_state),
	.open = costs_open,
	.draw = costs_draw,
	.handle = costs_handle,
	.resume = costs_resume,
	.close = costs_close,
	.keys = costs_keys,
};
