/* Notifications and deadlines (R19-R22): who must be told, by when, and
 * how each stands, counting down; m records that a party was told. */
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/deadline.h"
#include "sirt/mem.h"
#include "sirt/sanitize.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/whole.h"
#include "tui.h"

struct deadlines_state {
	char ref[64];
	struct incident incident;
	struct deadline_list list;
	struct deadline_met_list met;
	size_t cursor;
	size_t top;		/* first row shown */
	char *how;		/* between the two questions of marking met */
	char rule[128];
	char party[256];
	struct prompt_arg prompt;
	struct choose_arg choose;
	char context[512];
	struct when_arg when;	/* @: when the next party was told */
	/* Enter: the selected deadline read whole. */
	struct reader_arg reading;
	char *reading_text;
	/* d: the selected stage's draft. */
	struct stage_draft_arg draft;
};

/* As sirt deadlines lists them: what is still to be told first, the
 * soonest due first; then the party and the rule, so that the order
 * stays put from one refresh to the next. */
static int by_due(const void *a, const void *b)
{
	const struct deadline *x = a, *y = b;
	int c;

	if ((x->state == DEADLINE_MET) != (y->state == DEADLINE_MET))
		return x->state == DEADLINE_MET ? 1 : -1;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	c = strcmp(x->rule->name, y->rule->name);
	return c ? c : strcmp(x->party, y->party);
}

static bool load(struct tui *tui, struct deadlines_state *st)
{
	struct error err = {0};
	struct incident incident;
	struct deadline_list list;
	struct deadline_met_list met;

	if (store_incident_get(tui->session->store, st->ref, &incident, &err) ||
	    incident_deadlines(tui->session->store, tui->session->config, &incident, session_now(), &list, &met, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		return false;
	}
	if (list.len > 1)
		qsort(list.items, list.len, sizeof(*list.items), by_due);
	/* The selection stays on its deadline, which met moves below. */
	if (st->cursor < st->list.len) {
		const struct deadline *was = &st->list.items[st->cursor];

		for (size_t i = 0; i < list.len; i++)
			if (strcmp(list.items[i].rule->name, was->rule->name) == 0 &&
			    strcmp(list.items[i].party, was->party) == 0) {
				st->cursor = i;
				break;
			}
	}
	incident_clear(&st->incident);
	deadline_list_free(&st->list);
	deadline_met_list_free(&st->met);
	st->incident = incident;
	st->list = list;
	st->met = met;
	cursor_clamp(&st->cursor, st->list.len);
	return true;
}

static void deadlines_close(struct tui *tui, void *state)
{
	struct deadlines_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	deadline_list_free(&st->list);
	deadline_met_list_free(&st->met);
	free(st->how);
	free(st->reading_text);
}

static bool deadlines_open(struct tui *tui, void *state, const void *arg)
{
	struct deadlines_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (!load(tui, st)) {
		deadlines_close(tui, st);
		return false;
	}
	return true;
}

static enum tui_style style_of(enum deadline_state state)
{
	return state == DEADLINE_OVERDUE ? STYLE_ERROR : state == DEADLINE_WARNING ? STYLE_TITLE :
	       state == DEADLINE_MET ? STYLE_DIM : STYLE_NORMAL;
}

/* How a responder names a deadline: a regime's stage by its regime's
 * short name (its title's, up to the colon) and its own title, "NIS2:
 * Early warning"; the plan's own deadline, and a stage told to each
 * customer, by the party. Not sanitised. */
static char *deadline_name(const struct deadline *d)
{
	const struct deadline_rule *r = d->rule;
	const char *t;
	size_t n;

	if (!r->regime || !r->title || !*r->title || (r->per && *r->per))
		return xstrdup(d->party);
	t = r->regime->title ? r->regime->title : "";
	n = strcspn(t, ":");
	if (t[n] == ':' && n > 0 && n <= 16)
		return xasprintf("%.*s: %s", (int)n, t, r->title);
	return xasprintf("%s: %s", r->regime->name, r->title);
}

/* The lines of the detail below the list: who to tell where, when the
 * clock started, and how it was met (NULL while not). */
static void detail_lines(const struct deadline *d, char **tell, char **started, char **met)
{
	char start[TIME_TEXT_MAX];
	char *at = *d->address ? xasprintf(" at %s", d->address) : xstrdup("");

	time_format_local(d->start, start, sizeof(start));
	if (d->rule->regime && d->rule->title && *d->rule->title) {
		char *name = deadline_name(d);

		*tell = xasprintf("%s: tell %s%s (%s).", name, d->party, at, d->rule->name);
		free(name);
	} else {
		*tell = xasprintf("Tell %s%s (%s).", d->party, at, d->rule->name);
	}
	free(at);
	*started = xasprintf("The clock started %s.", start);
	*met = NULL;
	if (d->met) {
		char *when = whole_when(d->met->happened_at, d->met->met_at), late[48] = "";
		long long by = deadline_late_by(d);

		if (by) {
			char span[32];

			duration_format(by, span, sizeof(span));
			snprintf(late, sizeof(late), " (%s late)", span);
		}
		*met = whole_with_imported(xasprintf("Met %s%s by %s, by %s%s%s.", when, late, d->met->met_by,
						     d->met->how, *d->met->reference ? ", ref. " : "", d->met->reference),
					   d->met->imported);
		free(when);
	}
}

/* The name's width in columns, as the list shows it. */
static int party_width(const struct deadline *d)
{
	char *name = deadline_name(d), *safe = sanitize(name, 0);
	int width = text_width(safe);

	free(safe);
	free(name);
	return width;
}

/* The deadline whole, for the reader. */
static char *deadline_whole(const struct deadline *d, time_t now)
{
	char due[TIME_TEXT_MAX], *tell, *started, *met, *text = deadline_describe(d, now), *whole;

	time_format_local(d->due, due, sizeof(due));
	detail_lines(d, &tell, &started, &met);
	whole = xasprintf("%s\n\nDue %s: %s.\n%s\n\n%s\n", tell, due, text, started,
			  met ? met : "Not met yet: m records that they were told.");
	/* The text recorded as sent, whole: the incident view has room for
	 * its first lines only. */
	if (d->met && d->met->sent && *d->met->sent) {
		char *with = xasprintf("%s\nThe text sent (%zu bytes):\n\n%s%s", whole, strlen(d->met->sent),
				       d->met->sent, d->met->sent[strlen(d->met->sent) - 1] == '\n' ? "" : "\n");

		free(whole);
		whole = with;
	}
	free(tell);
	free(started);
	free(met);
	free(text);
	return whole;
}

static void deadlines_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct deadlines_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win);
	time_t now = session_now();
	int party_cols = 5, left_cols = 0;
	char *line = xasprintf(" Notifications and deadlines: %s  %s", st->incident.ref, st->incident.title);

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	if ((line = when_line(&st->when, "party told"))) {
		draw_text(tui, win, 1, 1, cols - 2, STYLE_TITLE, line);
		free(line);
	}
	if (st->list.len == 0) {
		draw_wrapped(tui, win, 2, 2, cols - 4, rows - 2, STYLE_DIM,
			     "No deadline applies (yet): they start from the facts recorded, e.g. the lead details.");
		return;
	}
	/* The name (a stage's, else the party) gives way (the detail below
	 * has it whole), down to 12, so that how each stands is read whole. */
	for (size_t i = 0; i < st->list.len; i++) {
		char *name = deadline_name(&st->list.items[i]), *safe = sanitize(name, 0),
		     *text = deadline_describe(&st->list.items[i], now);
		int t = text_width(text), p = text_width(safe);

		party_cols = p > party_cols ? p : party_cols;
		left_cols = t > left_cols ? t : left_cols;
		free(text);
		free(safe);
		free(name);
	}
	party_cols = party_cols > 28 ? 28 : party_cols;
	if (34 + party_cols + left_cols > cols)
		party_cols = cols - 34 - left_cols < 12 ? 12 : cols - 34 - left_cols;
	scroll_to_show(st->cursor, &st->top, rows - 9);
	for (size_t i = st->top; i < st->list.len && (int)(i - st->top) < rows - 9; i++) {
		const struct deadline *d = &st->list.items[i];
		char due[TIME_TEXT_MAX], *text = deadline_describe(d, now);
		struct strbuf sb = {0};
		char *name = deadline_name(d), *party = sanitize(name, 0);

		time_format_local(d->due, due, sizeof(due));
		/* The state in words too: without colour it still reads. */
		strbuf_printf(&sb, " %-9s ", deadline_label(d));
		text_pad(&sb, party, party_cols, true);
		strbuf_printf(&sb, " %s  ", due);
		strbuf_puts(&sb, text);
		draw_safe(tui, win, 2 + (int)(i - st->top), 0, cols, i == st->cursor ? STYLE_SELECTED : style_of(d->state),
			  strbuf_str(&sb));
		strbuf_free(&sb);
		free(party);
		free(name);
		free(text);
	}
	{
		const struct deadline *d = &st->list.items[st->cursor];
		char *tell, *started, *met;
		int y = rows - 6;
		/* Cut anywhere (the row's party, the detail): one row says
		 * how to read it whole. */
		bool cut = party_width(d) > party_cols;

		detail_lines(d, &tell, &started, &met);
		cut = cut || wraps_past(tell, cols - 2, 2) || text_width(started) > cols - 2 ||
		      (met && wraps_past(met, cols - 2, cut ? 1 : 2));
		y += draw_wrapped(tui, win, y, 1, cols - 2, 2, STYLE_NORMAL, tell);
		draw_text(tui, win, y++, 1, cols - 2, STYLE_DIM, started);
		if (met)
			y += draw_wrapped(tui, win, y, 1, cols - 2, cut ? 1 : 2, STYLE_OK, met);
		if (cut)
			draw_text(tui, win, y, 1, cols - 2, STYLE_DIM, "… more: Enter reads it whole.");
		else if (!met)
			draw_text(tui, win, y, 1, cols - 2, STYLE_DIM, "Once they are told, press m to record it.");
		free(tell);
		free(started);
		free(met);
	}
}

static const char *const hows[] = {"email", "phone", "portal", "letter", "in-person", "other", NULL};
static const char *const how_labels[] = {"e-mail", "phone", "portal", "letter", "in person", "other"};

static enum result deadlines_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct deadlines_state *st = state;
	const struct deadline *d = st->list.len ? &st->list.items[st->cursor] : NULL;

	(void)key;
	if (list_move(action, &st->cursor, st->list.len, 5))
		return RESULT_HANDLED;
	if (action == ACTION_OPEN) {
		if (!d)
			return RESULT_HANDLED;
		free(st->reading_text);
		st->reading_text = deadline_whole(d, session_now());
		st->reading = (struct reader_arg){.title = st->incident.ref, .text = st->reading_text};
		return tui_push(tui, &reader_screen, &st->reading);
	}
	if (action == ACTION_WHEN)
		return when_ask(tui, &st->when, "The next party was told earlier than now");
	if (action == ACTION_DRAFT) {
		if (!d || !d->rule->regime) {
			tui_error(tui, d ? "Only a regime's stage has a draft: this is the plan's own deadline." :
					   "No deadline applies yet.");
			return RESULT_HANDLED;
		}
		snprintf(st->rule, sizeof(st->rule), "%s", d->rule->name);
		snprintf(st->party, sizeof(st->party), "%s", d->party);
		st->draft = (struct stage_draft_arg){.ref = st->ref, .rule = st->rule, .party = st->party};
		return tui_push(tui, &stage_draft_screen, &st->draft);
	}
	if (action != ACTION_MARK_MET)
		return RESULT_IGNORED;
	if (!tui_writable(tui))
		return RESULT_HANDLED;
	if (!d || d->state == DEADLINE_MET) {
		tui_error(tui, d ? "This one was met already." : "No deadline applies yet.");
		return RESULT_HANDLED;
	}
	snprintf(st->rule, sizeof(st->rule), "%s", d->rule->name);
	snprintf(st->party, sizeof(st->party), "%s", d->party);
	/* Which party: a customer's deadline names the customer; a stage
	 * says which of its regime's, as two may go to the same party. */
	{
		char *name = deadline_name(d);

		if (strcmp(name, d->party) != 0)
			snprintf(st->context, sizeof(st->context), "How was %s told (%s)?", st->party, name);
		else
			snprintf(st->context, sizeof(st->context), "How was %s told?", st->party);
		free(name);
	}
	st->choose = (struct choose_arg){.question = st->context, .labels = how_labels, .keys = hows,
					 .count = sizeof(how_labels) / sizeof(how_labels[0]), .tag = TAG_DEADLINE_HOW};
	return tui_push(tui, &choose_screen, &st->choose);
}

static void deadlines_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct deadlines_state *st = state;
	struct session *s = tui->session;
	struct error err = {0};

	if (result && result->ok && result->tag == TAG_DEADLINE_HOW) {
		free(st->how);
		st->how = xstrdup(result->text);
		snprintf(st->context, sizeof(st->context), "%s told by %s", st->party, st->how);
		tui_ask(tui, &st->prompt, st->context, "A reference (ticket, message id; optional)", TAG_DEADLINE_REFERENCE,
			false);
		return;
	}
	if (when_answered(tui, &st->when, result))
		return;
	if (result && result->ok && result->tag == TAG_DEADLINE_REFERENCE && st->how) {
		enum status rc;

		/* Said with @ to have been told earlier: for this one alone. */
		store_when(s->store, st->when.at);
		rc = incident_mark_deadline_met(s->store, s->config, &st->incident, st->rule, st->party, st->how,
						result->text, &s->who, session_now(), &err);
		store_when(s->store, 0);
		if (rc) {
			tui_error(tui, "Not saved: %s", err.message);
		} else {
			st->when.at = 0;
			tui_message(tui, "Recorded: %s was told.", st->party);
		}
		FREE(&st->how);
	}
	load(tui, st);
}

static const struct screen_key deadlines_keys[] = {
	HINT_KEY(MARK_MET, NULL, NULL),
	HINT_KEY(DRAFT, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MORE_KEY(WHEN, NULL, "Say when the next party was told, if earlier than now (03:05, -35m)"),
	MORE_KEY(OPEN, "Read",
		 "Read the deadline whole: who to tell where, when it is due, how it stands, how it was met, the text sent"),
	MOVE_KEYS("a deadline"),
	KEYS_END,
};

const struct screen_ops deadlines_screen = {
	.name = "deadlines",
	.state_size = sizeof(struct deadlines_state),
	.open = deadlines_open,
	.draw = deadlines_draw,
	.handle = deadlines_handle,
	.resume = deadlines_resume,
	.close = deadlines_close,
	.keys = deadlines_keys,
};
