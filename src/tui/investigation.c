/* The investigation (R13): witnesses and forensic notes, newest last.
 * A note has a kind; an interview may name the witness it was with. */
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/investigation.h"
#include "sirt/mem.h"
#include "sirt/sanitize.h"
#include "sirt/utf8.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/register.h"
#include "tui.h"

struct investigation_state {
	char ref[64];
	struct incident incident;
	struct note_list notes;
	struct witness_list witnesses;
	size_t top;		/* first screen row shown */
	size_t nrows;		/* screen rows of the last draw, for scrolling */
	/* A note being put together over its questions. */
	char *kind;
	char *text;
	/* A witness: the form of the witness kind's columns. */
	struct form_def *witness_form;
	struct form_arg form_arg;
	struct prompt_arg prompt;
	struct choose_arg choose;
	char **labels;		/* owned, for choosing a witness */
	char **keys;
	size_t nlabels;
	char context[512];
};

static bool load(struct tui *tui, struct investigation_state *st)
{
	struct error err = {0};
	struct incident incident;
	struct note_list notes = {0};
	struct witness_list witnesses = {0};

	if (store_incident_get(tui->session->store, st->ref, &incident, &err) ||
	    store_notes_get(tui->session->store, incident.id, &notes, &err) ||
	    store_witnesses_get(tui->session->store, incident.id, &witnesses, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		note_list_free(&notes);
		witness_list_free(&witnesses);
		return false;
	}
	incident_clear(&st->incident);
	note_list_free(&st->notes);
	witness_list_free(&st->witnesses);
	st->incident = incident;
	st->notes = notes;
	st->witnesses = witnesses;
	return true;
}

static void free_labels(struct investigation_state *st)
{
	for (size_t i = 0; i < st->nlabels; i++) {
		free(st->labels[i]);
		free(st->keys[i]);
	}
	FREE(&st->labels);
	FREE(&st->keys);
	st->nlabels = 0;
}

static void forget(struct investigation_state *st)
{
	FREE(&st->kind);
	FREE(&st->text);
}

static void investigation_close(struct tui *tui, void *state)
{
	struct investigation_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	note_list_free(&st->notes);
	witness_list_free(&st->witnesses);
	free_labels(st);
	forget(st);
	form_def_free(&st->witness_form);
}

static bool investigation_open(struct tui *tui, void *state, const void *arg)
{
	struct investigation_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (!load(tui, st)) {
		investigation_close(tui, st);
		return false;
	}
	return true;
}

/* Lines shown: the witnesses, then the notes. */
static size_t line_count(const struct investigation_state *st)
{
	return 1 + (st->witnesses.len ? st->witnesses.len : 1) + 2 + (st->notes.len ? st->notes.len : 1);
}

static char *line_text(const struct investigation_state *st, size_t i, enum tui_style *style)
{
	*style = STYLE_NORMAL;
	if (i == 0) {
		*style = STYLE_TITLE;
		return xstrdup("Witnesses  (w: add one)");
	}
	i--;
	if (i < (st->witnesses.len ? st->witnesses.len : 1)) {
		const struct witness *w;
		if (!st->witnesses.len) {
			*style = STYLE_DIM;
			return xstrdup("  None yet.");
		}
		w = &st->witnesses.items[i];
		return xasprintf("  %lld. %s%s%s%s%s", (long long)w->number, w->name, *w->contact ? ", " : "", w->contact,
				 *w->statement ? "; said: " : "", w->statement);
	}
	i -= st->witnesses.len ? st->witnesses.len : 1;
	if (i == 0)
		return xstrdup("");
	if (i == 1) {
		*style = STYLE_TITLE;
		return xstrdup("Findings  (n: add a note)");
	}
	i -= 2;
	if (!st->notes.len) {
		*style = STYLE_DIM;
		return xstrdup("  None yet.");
	}
	{
		const struct note *n = &st->notes.items[i];
		const struct witness *w = witness_list_find(&st->witnesses, n->witness);
		char *when = time_utc_to_local(n->noted_at);
		char *text = xasprintf("  %s %s [%s%s%s] %s", when, n->noted_by, note_kind_label(n->kind),
				       w ? ": " : "", w ? w->name : "", n->text);
		free(when);
		return text;
	}
}

static void investigation_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct investigation_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win) - 2;
	size_t n = line_count(st);
	char *title = xasprintf(" Investigation: %s  %s", st->incident.ref, st->incident.title);

	struct strbuf screen = {0};	/* every row, sanitised, '\n'-separated */
	struct strbuf styles = {0};	/* one style per row */
	size_t total = 0, row = 0;
	const char *p;

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	free(title);
	/* Statements and findings can be long: each line is wrapped onto as
	 * many rows as it needs, continued with an indent. */
	for (size_t i = 0; i < n; i++) {
		enum tui_style style;
		char *text = line_text(st, i, &style), *safe = sanitize(text, 0);
		size_t starts[64], parts = text_wrap(safe, cols - 6, starts, 64);

		for (size_t k = 0; k < parts; k++) {
			size_t end = k + 1 < parts ? starts[k + 1] : strlen(safe);
			strbuf_printf(&screen, "%s%.*s\n", k ? "      " : "", (int)(end - starts[k]), safe + starts[k]);
			strbuf_putc(&styles, (char)style);
			total++;
		}
		free(safe);
		free(text);
	}
	st->nrows = total;
	/* Never past the end: the last rows fill the screen. */
	if (st->top > (total > (size_t)rows ? total - (size_t)rows : 0))
		st->top = total > (size_t)rows ? total - (size_t)rows : 0;
	for (p = strbuf_str(&screen); *p && row < st->top + (size_t)rows; row++) {
		const char *nl = strchr(p, '\n');
		if (row >= st->top) {
			char *line = xstrndup(p, (size_t)(nl - p));
			draw_safe(tui, win, 2 + (int)(row - st->top), 0, cols, (enum tui_style)styles.data[row], line);
			free(line);
		}
		p = nl + 1;
	}
	strbuf_free(&screen);
	strbuf_free(&styles);
}

static const char *const kind_labels[] = {
#define NOTE_KIND_LABEL(key, label) label,
	NOTE_KINDS(NOTE_KIND_LABEL)
#undef NOTE_KIND_LABEL
};

static const struct choose_arg kind_choice = {
	.question = "What kind of finding?",
	.labels = kind_labels,
	.count = sizeof(kind_labels) / sizeof(kind_labels[0]),
	.tag = TAG_NOTE_KIND,
};

static enum result investigation_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct investigation_state *st = state;
	int rows = getmaxy(tui->body) - 2;
	size_t n = st->nrows ? st->nrows : line_count(st), last = n > (size_t)rows ? n - (size_t)rows : 0;

	(void)key;
	if (list_move(action, &st->top, last + 1, rows - 1))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_ADD_NOTE:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		forget(st);
		st->choose = kind_choice;
		st->choose.keys = note_kinds();
		return tui_push(tui, &choose_screen, &st->choose);
	case ACTION_ADD_WITNESS:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		/* A form of the witness kind's columns, as any register adds. */
		form_def_free(&st->witness_form);
		st->witness_form = register_form(&witness_register, tui->session->config);
		st->form_arg = (struct form_arg){.form = st->witness_form, .ref = st->ref, .reg = &witness_register};
		return tui_push(tui, &form_screen, &st->form_arg);
	default:
		return RESULT_IGNORED;
	}
}

/* Offers the witnesses to link an interview to, or none. */
static void choose_witness(struct tui *tui, struct investigation_state *st)
{
	free_labels(st);
	st->labels = xcalloc(st->witnesses.len + 1, sizeof(char *));
	st->keys = xcalloc(st->witnesses.len + 1, sizeof(char *));
	st->labels[0] = xstrdup("No witness named");
	st->keys[0] = xstrdup("0");
	for (size_t i = 0; i < st->witnesses.len; i++) {
		st->labels[i + 1] = xasprintf("%lld. %s", (long long)st->witnesses.items[i].number, st->witnesses.items[i].name);
		st->keys[i + 1] = xasprintf("%lld", (long long)st->witnesses.items[i].number);
	}
	st->nlabels = st->witnesses.len + 1;
	st->choose = (struct choose_arg){.question = "Which witness was interviewed?", .tag = TAG_NOTE_WITNESS,
					 .count = st->nlabels};
	st->choose.labels = (const char *const *)st->labels;
	st->choose.keys = (const char *const *)st->keys;
	tui_push(tui, &choose_screen, &st->choose);
}

static void save_note(struct tui *tui, struct investigation_state *st, int64_t witness)
{
	struct session *s = tui->session;
	struct error err = {0};
	int64_t id;

	if (incident_add_note(s->store, &st->incident, st->kind, st->text, witness, &s->who, session_now(), &id, &err))
		tui_error(tui, "Not saved: %s", err.message);
	else
		tui_message(tui, "Note recorded.");
	forget(st);
	load(tui, st);
	st->top = (size_t)-1 / 2;	/* the draw clamps it: show the newest */
}

static void investigation_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct investigation_state *st = state;

	/* No result: another operator committed while a question of ours is
	 * open. Reload, but keep what was answered so far. */
	if (!result) {
		load(tui, st);
		return;
	}
	if (!result->ok) {
		forget(st);
		load(tui, st);
		return;
	}
	switch (result->tag) {
	case TAG_NOTE_KIND:
		st->kind = xstrdup(result->text);
		snprintf(st->context, sizeof(st->context), "A finding: %s", note_kind_label(st->kind));
		tui_ask(tui, &st->prompt, st->context, "What was found? (the note)", TAG_NOTE_TEXT, true);
		return;
	case TAG_NOTE_TEXT:
		st->text = xstrdup(result->text);
		if (strcmp(st->kind, "interview") == 0 && st->witnesses.len)
			choose_witness(tui, st);
		else
			save_note(tui, st, 0);
		return;
	case TAG_NOTE_WITNESS:
		save_note(tui, st, strtoll(result->text, NULL, 10));
		return;
	default:
		load(tui, st);
	}
}

static const struct screen_key investigation_keys[] = {
	HINT_KEY(ADD_NOTE, NULL, NULL),
	HINT_KEY(ADD_WITNESS, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MOVE_KEYS("a line"),
	KEYS_END,
};

const struct screen_ops investigation_screen = {
	.name = "investigation",
	.state_size = sizeof(struct investigation_state),
	.open = investigation_open,
	.draw = investigation_draw,
	.handle = investigation_handle,
	.resume = investigation_resume,
	.close = investigation_close,
	.keys = investigation_keys,
};
