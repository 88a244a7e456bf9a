/* The step tracker (R12): the procedure's steps with their state, who
 * marked them and when; a skipped step asks for the reason. With no
 * procedure (R11) the team records free steps instead. */
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/incident.h"
#include "sirt/mem.h"
#include "sirt/procedure.h"
#include "sirt/proceduredef.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/whole.h"
#include "tui.h"

struct steps_state {
	bool restoration;	/* the restoration list (R16), not the procedure */
	char *approved;		/* the changes approved, for the steps that need one */
	char ref[64];
	struct incident incident;
	const struct procedure_def *procedure;	/* NULL: no procedure applies */
	struct step_list records;
	struct step_view *views;
	size_t nviews;
	size_t cursor;
	size_t top;
	char pending_key[128];	/* the step a prompt is asking about */
	int64_t pending_base;	/* its version when the prompt opened */
	struct prompt_arg prompt;
	/* A mark refused because another operator marked the step since it
	 * was read: theirs beside this one's, and what to mark if this one's
	 * is to stand (over theirs, now knowingly). */
	struct conflict_arg conflict;
	char conflict_key[128];
	char *conflict_state;
	char *conflict_note;
	int64_t conflict_base;
	bool conflict_marking;	/* a mark, not a note: it takes the @ time */
	/* The last mark this screen made, so that the screen says so when
	 * another operator's replaces it (the message no longer claims it). */
	char marked_key[128];
	int64_t marked_version;
	/* @: when the next mark happened, if earlier than now. */
	struct when_arg when;
	/* Enter: the selected step read whole. */
	struct reader_arg reading;
	char *reading_text;
	/* R11: a new procedure being written from the free steps. */
	char *new_title;
	char *new_summary;
	char *new_text;
	char *new_key;
	char question[512];
};

static const struct prompt_arg skip_prompt = {
	.question = "Why is this step skipped? (required)",
	.tag = TAG_SKIP_REASON,
	.required = true,
};

static const struct prompt_arg note_prompt = {
	.question = "Note on this step: what was done, found or decided",
	.tag = TAG_STEP_NOTE,
};

static const struct prompt_arg free_step_prompt = {
	.question = "What did the team do? (one step)",
	.tag = TAG_FREE_STEP,
	.required = true,
};

/* Reloads; a failed read leaves what is shown as it was. */
static const char *current_note(const struct step_view *v)
{
	return v && v->record ? v->record->note : "";
}

static const char *current_state(const struct step_view *v)
{
	return v && v->record ? v->record->state : STEP_OPEN;
}

/* "skipped: owner on leave" */
static char *mark_text(const char *state, const char *note)
{
	return *note ? xasprintf("%s: %s", step_state_label(state), note) : xstrdup(step_state_label(state));
}

static bool load(struct tui *tui, struct steps_state *st)
{
	struct error err = {0};
	struct incident incident;
	struct step_list records = {0};

	if (store_incident_get(tui->session->store, st->ref, &incident, &err) ||
	    store_steps_get(tui->session->store, incident.id, &records, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		step_list_free(&records);
		return false;
	}
	incident_clear(&st->incident);
	step_list_free(&st->records);
	FREE(&st->views);
	st->incident = incident;
	st->records = records;
	if (st->restoration) {
		st->procedure = tui->session->config->restoration;
		st->nviews = restoration_step_views(st->procedure, &st->records, &st->views);
	} else {
		st->procedure = config_procedure(tui->session->config, st->incident.procedure);
		st->nviews = procedure_step_views(st->procedure, &st->records, &st->views);
	}
	{
		/* Every change approved, for the steps that need one (a
		 * procedure's approval step, the restoration's hardening). */
		struct change_list changes;
		struct strbuf sb = {0};

		if (store_changes_get(tui->session->store, st->incident.id, &changes, &err) == STATUS_OK) {
			for (size_t i = 0; i < changes.len; i++)
				if (strcmp(changes.items[i].state, CHANGE_APPROVED) == 0)
					/* An approval an import brought: said so. */
					strbuf_printf(&sb, "%s%lld. %s (%s%s)", sb.len ? "; " : "",
						      (long long)changes.items[i].number, changes.items[i].what,
						      changes.items[i].decided_by,
						      changes.items[i].imported ? ", imported" : "");
			change_list_free(&changes);
		}
		free(st->approved);
		st->approved = strbuf_take(&sb);
	}
	if (st->cursor >= st->nviews)
		st->cursor = st->nviews ? st->nviews - 1 : 0;
	if (*st->marked_key) {
		const struct step_record *r = step_list_find(&st->records, st->marked_key);

		if (r && r->version != st->marked_version) {
			char *now = mark_text(r->state, r->note);

			tui_error(tui, "%s changed \"%s\" after you: now %s.", r->marked_by, r->title, now);
			*st->marked_key = '\0';
			free(now);
		}
	}
	return true;
}

static void forget_conflict(struct steps_state *st)
{
	conflict_arg_free(&st->conflict);
	FREE(&st->conflict_state);
	FREE(&st->conflict_note);
}

static void steps_close(struct tui *tui, void *state)
{
	struct steps_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	step_list_free(&st->records);
	free(st->views);
	free(st->approved);
	free(st->reading_text);
	free(st->new_title);
	free(st->new_summary);
	free(st->new_text);
	free(st->new_key);
	forget_conflict(st);
}

/* Puts the cursor on the first step still open. */
static void first_open_step(struct steps_state *st)
{
	st->cursor = 0;
	for (size_t i = 0; i < st->nviews; i++) {
		if (!st->views[i].record || strcmp(st->views[i].record->state, STEP_OPEN) == 0) {
			st->cursor = i;
			return;
		}
	}
}

static bool steps_open(struct tui *tui, void *state, const void *arg);

static bool restoration_open(struct tui *tui, void *state, const void *arg)
{
	((struct steps_state *)state)->restoration = true;
	return steps_open(tui, state, arg);
}

static bool steps_open(struct tui *tui, void *state, const void *arg)
{
	struct steps_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (!load(tui, st)) {
		steps_close(tui, st);
		return false;
	}
	first_open_step(st);
	return true;
}

static const char *state_mark(const struct step_view *v)
{
	const char *state = v->record ? v->record->state : STEP_OPEN;

	if (!strcmp(state, STEP_DONE))
		return "[done]";
	if (!strcmp(state, STEP_SKIPPED))
		return "[skip]";
	if (!strcmp(state, STEP_NA))
		return "[n/a] ";
	return "[    ]";
}

/* What the detail pane says of the approved changes a step needs. */
static char *approved_line(const struct steps_state *st)
{
	return *st->approved ? xasprintf("Approved: %s", st->approved) :
			       xstrdup("Needs a change that management approved: none yet (a on the incident).");
}

/* Who marked the step, when and why; NULL while it is open. */
static char *marked_line(const struct step_view *v)
{
	const struct step_record *rec = v->record;
	char *shown, *line;

	if (!rec || strcmp(rec->state, STEP_OPEN) == 0)
		return NULL;
	shown = whole_when(rec->happened_at, rec->marked_at);
	line = xasprintf("%s by %s at %s%s%s", step_state_label(rec->state), rec->marked_by, shown,
			 *rec->note ? ": " : "", rec->note);
	free(shown);
	return whole_with_imported(line, rec->imported);
}

/* The step whole, for the reader: title, approvals, help, state, note. */
static char *step_whole(const struct steps_state *st, const struct step_view *v)
{
	const struct step_def *def = st->procedure ? procedure_def_step(st->procedure, v->key) : NULL;
	struct strbuf sb = {0};
	char *marked = marked_line(v);

	strbuf_printf(&sb, "%s\n", v->title);
	if (def && def->needs_approved_change) {
		char *approved = approved_line(st);

		strbuf_printf(&sb, "\n%s\n", approved);
		free(approved);
	}
	if (v->help && *v->help)
		strbuf_printf(&sb, "\n%s\n", v->help);
	strbuf_printf(&sb, "\n%s\n", marked ? marked : "Open.");
	if (!marked && *current_note(v))
		strbuf_printf(&sb, "Note: %s\n", current_note(v));
	free(marked);
	return strbuf_take(&sb);
}

static void steps_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct steps_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win);
	int list_rows = rows - 9;
	struct step_progress progress;
	char *title;

	procedure_progress(st->views, st->nviews, &progress);
	title = xasprintf(" %s %zu/%zu: %s  (%s)", st->restoration ? "Restoration" : "Steps", progress.worked,
			  progress.total, st->procedure ? st->procedure->title : "No procedure applies", st->incident.ref);
	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, title);
	free(title);
	if (st->when.at) {
		/* Without a procedure, a step recorded (a) takes it too. */
		char *line = when_line(&st->when, st->procedure || st->restoration ? "mark" : "mark or step");

		draw_text(tui, win, 1, 1, cols - 2, STYLE_TITLE, line);
		free(line);
	} else if (!st->procedure && !st->restoration) {
		draw_text(tui, win, 1, 1, cols - 2, STYLE_DIM,
			  "a records a step the team took; w writes them as a procedure for next time.");
	}
	if (st->nviews == 0) {
		draw_text(tui, win, 2, 1, cols - 2, STYLE_DIM,
			  "No steps recorded yet. Press a to record a step the team took.");
		return;
	}
	scroll_to_show(st->cursor, &st->top, list_rows);
	for (int r = 0; r < list_rows && st->top + (size_t)r < st->nviews; r++) {
		size_t i = st->top + (size_t)r;
		const struct step_view *v = &st->views[i];
		const struct step_def *def = st->procedure ? procedure_def_step(st->procedure, v->key) : NULL;
		char *line = xasprintf(" %s %s%s%s", state_mark(v), v->origin == STEP_EARLIER ? "(earlier) " : "",
				       v->title, def && def->needs_approved_change ? "  [change]" : "");
		draw_text(tui, win, 2 + r, 0, cols, i == st->cursor ? STYLE_SELECTED : STYLE_NORMAL, line);
		free(line);
	}
	{
		const struct step_view *v = &st->views[st->cursor];
		int y = rows - 6;

		const struct step_def *def = st->procedure ? procedure_def_step(st->procedure, v->key) : NULL;

		char *marked = marked_line(v);
		/* Cut somewhere: the last row says how to read it whole. */
		bool cut = text_width(v->title) > cols - 2 || (marked && text_width(marked) > cols - 2);

		draw_text(tui, win, y, 1, cols - 2, STYLE_NORMAL, v->title);
		if (def && def->needs_approved_change) {
			/* Which approved changes this step carries out: each of
			 * them, over two rows; the help on the third. */
			char *line = approved_line(st);
			int used = draw_wrapped(tui, win, y + 1, 1, cols - 2, 2, *st->approved ? STYLE_OK : STYLE_ERROR, line);

			cut = cut || wraps_past(line, cols - 2, 2) || wraps_past(v->help, cols - 2, 3 - used);
			draw_wrapped(tui, win, y + 1 + used, 1, cols - 2, 3 - used, STYLE_DIM, v->help);
			free(line);
		} else {
			cut = cut || wraps_past(v->help, cols - 2, 3);
			draw_wrapped(tui, win, y + 1, 1, cols - 2, 3, STYLE_DIM, v->help);
		}
		if (cut && !marked) {
			draw_text(tui, win, y + 4, 1, cols - 2, STYLE_DIM, "… more: Enter reads it whole.");
		} else if (marked) {
			draw_text(tui, win, y + 4, 1, cols - 2, STYLE_OK, marked);
		} else {
			draw_text(tui, win, y + 4, 1, cols - 2, STYLE_DIM,
				  *current_note(v) ? current_note(v) :
				  st->incident.status && strcmp(st->incident.status, INCIDENT_CLOSED) == 0 ?
						  "Open; the incident is closed (x on the incident reopens it)." :
						  "Open: d done, s skipped, n not applicable, e note.");
		}
		free(marked);
	}
}

enum mark_outcome { MARK_SAVED, MARK_REFUSED, MARK_ASKED };

/* Marks a step read at version base, and reloads. If another operator
 * marked it since, nothing is written: theirs and this one's go side by
 * side on the conflict screen (MARK_ASKED). key, state and note may point
 * into the records the reload frees, so they are copied first. marking:
 * a mark (d, s, n, o), which takes the time @ said; a note is written
 * now and leaves that time for the next mark. */
static enum mark_outcome mark(struct tui *tui, struct steps_state *st, const char *key, const char *state,
			      const char *note, int64_t base, bool marking)
{
	struct session *s = tui->session;
	struct error err = {0};
	char *k = xstrdup(key), *state_copy = xstrdup(state), *n = xstrdup(note);
	const struct step_record *before = step_list_find(&st->records, k);
	/* Only the note changes: say so, not that the step was marked. */
	bool note_only = strcmp(before ? before->state : STEP_OPEN, state_copy) == 0;
	enum status rc;

	/* Said with @ to have happened earlier: for this mark alone. */
	store_when(s->store, marking ? st->when.at : 0);
	rc = incident_mark_step(s->store, s->config, &st->incident, k, state_copy, n, base, &s->who, session_now(),
				&err);
	store_when(s->store, 0);
	if (!rc && marking)
		st->when.at = 0;
	enum mark_outcome outcome = rc ? MARK_REFUSED : MARK_SAVED;
	const struct step_record *theirs;

	if (rc == STATUS_CONFLICT && load(tui, st) && (theirs = step_list_find(&st->records, k)) &&
	    theirs->version != base) {
		char *mine = mark_text(state_copy, n), *now = mark_text(theirs->state, theirs->note);

		forget_conflict(st);
		st->conflict.title = xasprintf("a step of %s", st->incident.ref);
		st->conflict.explain = "Another operator marked this step after you read it. Nothing is saved yet: "
				       "choose yours or theirs (Space), then Enter.";
		conflict_arg_add(&st->conflict, theirs->title, mine, now, theirs->marked_by, theirs->marked_at);
		snprintf(st->conflict_key, sizeof(st->conflict_key), "%s", k);
		st->conflict_state = xstrdup(state_copy);
		st->conflict_note = xstrdup(n);
		st->conflict_base = theirs->version;
		st->conflict_marking = marking;
		free(mine);
		free(now);
		tui_push(tui, &conflict_screen, &st->conflict);
		outcome = MARK_ASKED;
	} else if (rc) {
		tui_error(tui, "Not saved: %s", err.message);
	} else {
		const struct step_record *r;

		load(tui, st);
		r = step_list_find(&st->records, k);
		snprintf(st->marked_key, sizeof(st->marked_key), "%s", k);
		st->marked_version = r ? r->version : 0;
		if (note_only)
			tui_message(tui, "Note saved.");
		else
			tui_message(tui, "Step marked %s.", step_state_label(state_copy));
	}
	free(k);
	free(state_copy);
	free(n);
	return outcome;
}

static int64_t version_of(const struct step_view *v)
{
	return v && v->record ? v->record->version : 0;
}

static enum result steps_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct steps_state *st = state;
	int page = getmaxy(tui->body) - 10;
	const struct step_view *v = st->nviews ? &st->views[st->cursor] : NULL;

	(void)key;
	if (list_move(action, &st->cursor, st->nviews, page))
		return RESULT_HANDLED;
	if (action == ACTION_OPEN) {
		if (!v)
			return RESULT_HANDLED;
		free(st->reading_text);
		st->reading_text = step_whole(st, v);
		st->reading = (struct reader_arg){.title = st->incident.ref, .text = st->reading_text};
		return tui_push(tui, &reader_screen, &st->reading);
	}
	if (action != ACTION_HELP && action != ACTION_BACK && action != ACTION_QUIT && action != ACTION_REDRAW &&
	    screen_key(&steps_screen, action) && !tui_may_change(tui, &st->incident))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_MARK_DONE:
	case ACTION_MARK_NA:
	case ACTION_MARK_OPEN:
		if (!v)
			return RESULT_HANDLED;
		/* The note written on the step stays with it; after a mark the
		 * cursor moves on, the way one works down a checklist. */
		switch (mark(tui, st, v->key,
			     action == ACTION_MARK_DONE ? STEP_DONE : action == ACTION_MARK_NA ? STEP_NA : STEP_OPEN,
			     current_note(v), version_of(v), true)) {
		case MARK_ASKED:
			return RESULT_PUSH;
		case MARK_SAVED:
			if (action != ACTION_MARK_OPEN && st->cursor + 1 < st->nviews)
				st->cursor++;
			return RESULT_HANDLED;
		case MARK_REFUSED:
			return RESULT_HANDLED;
		}
		return RESULT_HANDLED;
	case ACTION_WHEN:
		return when_ask(tui, &st->when, "The next mark happened earlier than now");
	case ACTION_MARK_SKIP:
	case ACTION_NOTE:
		if (!v)
			return RESULT_HANDLED;
		snprintf(st->pending_key, sizeof(st->pending_key), "%s", v->key);
		st->pending_base = version_of(v);
		st->prompt = action == ACTION_NOTE ? note_prompt : skip_prompt;
		st->prompt.initial = current_note(v);
		st->prompt.context = v->title;
		return tui_push(tui, &prompt_screen, &st->prompt);
	case ACTION_ADD_STEP:
		if (st->restoration) {
			tui_error(tui, "The restoration list comes from the config; it takes no free steps.");
			return RESULT_HANDLED;
		}
		if (st->procedure) {
			tui_error(tui, "Free steps are for incidents where no procedure applies (p to change).");
			return RESULT_HANDLED;
		}
		return tui_push(tui, &prompt_screen, &free_step_prompt);
	case ACTION_SAVE_PROCEDURE:
		if (st->restoration || st->procedure) {
			tui_error(tui, "Only steps recorded when no procedure applies can become a new procedure.");
			return RESULT_HANDLED;
		}
		if (st->nviews == 0) {
			tui_error(tui, "Record the steps the team took first (a), then write them as a procedure.");
			return RESULT_HANDLED;
		}
		tui_ask(tui, &st->prompt, NULL, "Title of the new procedure (e.g. Phishing campaign)",
			TAG_PROCEDURE_TITLE, true);
		return RESULT_PUSH;
	case ACTION_PROCEDURE:
		if (st->restoration)
			return RESULT_IGNORED;
		return tui_push(tui, &procedure_screen, st->ref);
	default:
		return RESULT_IGNORED;
	}
}

static void steps_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct steps_state *st = state;
	struct session *s = tui->session;
	struct error err = {0};

	if (when_answered(tui, &st->when, result))
		return;
	if (result && result->ok && result->tag == TAG_SKIP_REASON) {
		if (mark(tui, st, st->pending_key, STEP_SKIPPED, result->text, st->pending_base, true) == MARK_SAVED &&
		    st->cursor + 1 < st->nviews)
			st->cursor++;
		return;
	}
	if (result && result->ok && result->tag == TAG_STEP_NOTE) {
		const struct step_view *v = NULL;
		for (size_t i = 0; i < st->nviews; i++)
			if (strcmp(st->views[i].key, st->pending_key) == 0)
				v = &st->views[i];
		/* In the state the step shows now; if another operator marked
		 * or noted it since the note was begun, the conflict shows both. */
		if (v)
			mark(tui, st, st->pending_key, current_state(v), result->text, st->pending_base, false);
		return;
	}
	if (result && result->tag == TAG_CONFLICT) {
		/* Taken before the mark, which may meet a third operator's. */
		char *key = xstrdup(st->conflict_key), *mine = st->conflict_state, *note = st->conflict_note;
		int64_t base = st->conflict_base;

		st->conflict_state = st->conflict_note = NULL;
		forget_conflict(st);
		if (!result->ok || result->text[0] == 't' || !mine) {
			/* Said as a refusal, so that a note or reason typed for it
			 * is kept and offered again (loop.c, keep_answer). */
			tui_error(tui, result->ok ? "Kept theirs; what you typed is offered again if you write it anew." :
					  "Not saved; the step stays as they marked it; what you typed is offered again.");
			load(tui, st);
		} else {
			mark(tui, st, key, mine, note, base, st->conflict_marking);
		}
		free(key);
		free(mine);
		free(note);
		return;
	}
	if (result && result->ok && result->tag == TAG_PROCEDURE_TITLE) {
		free(st->new_title);
		st->new_title = xstrdup(result->text);
		tui_ask(tui, &st->prompt, st->new_title, "A one-line summary of when it applies (optional)",
			TAG_PROCEDURE_SUMMARY, false);
		return;
	}
	if (result && result->ok && result->tag == TAG_PROCEDURE_SUMMARY) {
		const struct procedure_def *shared = NULL;

		/* The closing steps every procedure shares, from one that has them. */
		for (size_t i = 0; i < s->config->nprocedures && !shared; i++)
			if (procedure_def_step(s->config->procedures[i], "forensics"))
				shared = s->config->procedures[i];
		free(st->new_summary);
		free(st->new_text);
		free(st->new_key);
		st->new_summary = xstrdup(result->text);
		st->new_text = procedure_file_text(st->new_title, st->new_summary, st->incident.ref, &st->records, shared,
						   &st->new_key);
		size_t free_steps = 0;

		for (size_t i = 0; i < st->nviews; i++)
			free_steps += st->views[i].origin == STEP_FREE;
		snprintf(st->question, sizeof(st->question), "Write %s/%s.ini with the %zu step%s recorded?",
			 s->config->procedures_dir, st->new_key, free_steps, free_steps == 1 ? "" : "s");
		st->prompt = (struct prompt_arg){.question = st->question, .tag = TAG_PROCEDURE_WRITE, .yes_no = true};
		tui_push(tui, &confirm_screen, &st->prompt);
		return;
	}
	if (result && result->tag == TAG_PROCEDURE_WRITE && result->ok && st->new_text) {
		char why[512];
		char *path = procedure_file_write(s->config->procedures_dir, st->new_key, st->new_text, why, sizeof(why));

		if (path)
			tui_message(tui, "Written: %s. Offered from the next start (add it to [procedures] order if listed).",
				    path);
		else
			tui_error(tui, "Not written: %s", why);
		free(path);
		load(tui, st);
		return;
	}
	if (result && result->ok && result->tag == TAG_FREE_STEP) {
		enum status rc;

		/* A step the team took: when @ said it was taken. */
		store_when(s->store, st->when.at);
		rc = incident_add_free_step(s->store, &st->incident, result->text, "", &s->who, session_now(), &err);
		store_when(s->store, 0);
		if (rc) {
			tui_error(tui, "Not saved: %s", err.message);
		} else {
			st->when.at = 0;
			tui_message(tui, "Step recorded.");
		}
		load(tui, st);
		st->cursor = st->nviews ? st->nviews - 1 : 0;
		return;
	}
	load(tui, st);
	if (result && result->ok && result->tag == TAG_PROCEDURE_CHOSEN)
		first_open_step(st);
}

/* Free steps when no procedure applies; no marks on a closed incident
 * (x on the incident reopens it) or in a read-only session. */
static bool steps_offers(struct tui *tui, void *state, enum action action)
{
	struct steps_state *st = state;
	bool closed = st->incident.status && strcmp(st->incident.status, INCIDENT_CLOSED) == 0;

	switch (action) {
	case ACTION_ADD_STEP:
	case ACTION_SAVE_PROCEDURE:
		return !closed && !st->restoration && !st->procedure;
	case ACTION_MARK_DONE:
	case ACTION_MARK_SKIP:
	case ACTION_MARK_NA:
	case ACTION_MARK_OPEN:
	case ACTION_NOTE:
	case ACTION_PROCEDURE:
		return !closed && !tui->session->read_only;
	default:
		return true;
	}
}

static const struct screen_key steps_keys[] = {
	HINT_KEY(MARK_DONE, NULL, NULL),
	HINT_KEY(MARK_SKIP, NULL, NULL),
	HINT_KEY(MARK_NA, NULL, NULL),
	HINT_KEY(MARK_OPEN, NULL, NULL),
	HINT_KEY(NOTE, NULL, NULL),
	HINT_KEY(ADD_STEP, NULL, "Record a step the team took (when no procedure applies)"),
	MORE_KEY(SAVE_PROCEDURE, NULL, "Write the steps recorded as a new procedure file (when no procedure applies)"),
	HINT_KEY(PROCEDURE, NULL, "Change the procedure (steps worked are kept)"),
	MORE_KEY(WHEN, NULL, "Say when the next mark or step recorded happened, if earlier than now (03:05, -35m)"),
	MORE_KEY(OPEN, "Read", "Read the step whole: its help, who marked it, when and why"),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MOVE_KEYS("a step"),
	KEYS_END,
};

const struct screen_ops steps_screen = {
	.name = "steps",
	.state_size = sizeof(struct steps_state),
	.open = steps_open,
	.draw = steps_draw,
	.handle = steps_handle,
	.resume = steps_resume,
	.close = steps_close,
	.offers = steps_offers,
	.keys = steps_keys,
};

static const struct screen_key restoration_keys[] = {
	HINT_KEY(MARK_DONE, NULL, "Mark the step done (a step marked [change] needs an approved change)"),
	HINT_KEY(MARK_SKIP, NULL, NULL),
	HINT_KEY(MARK_NA, NULL, NULL),
	HINT_KEY(MARK_OPEN, NULL, NULL),
	HINT_KEY(NOTE, NULL, NULL),
	MORE_KEY(WHEN, NULL, NULL),
	MORE_KEY(OPEN, "Read", "Read the step whole: its help, who marked it, when and why"),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MOVE_KEYS("a step"),
	KEYS_END,
};

/* The same tracker over the restoration list of the config. */
const struct screen_ops restoration_screen = {
	.name = "restoration",
	.state_size = sizeof(struct steps_state),
	.open = restoration_open,
	.draw = steps_draw,
	.handle = steps_handle,
	.resume = steps_resume,
	.close = steps_close,
	.offers = steps_offers,
	.keys = restoration_keys,
};
