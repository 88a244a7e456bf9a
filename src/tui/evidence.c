/* The evidence register (R17): items, each with who holds it, its latest
 * hand-overs and its last verification. An item is added through the
 * register's form (its file hashed as it is added) and never edited: a
 * correction is a new item. A hand-over is the custody register's form
 * for the selected item; a verification hashes its file again. */
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/digest.h"
#include "sirt/evidence.h"
#include "sirt/mem.h"
#include "sirt/register.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/whole.h"
#include "tui.h"

/* Rows under the register for the selected item's custody: who holds it,
 * its last hand-overs, its last verification. */
#define HANDS_SHOWN 2
#define CUSTODY_ROWS (HANDS_SHOWN + 2)

struct evidence_state {
	struct register_view view;	/* first: the register's parts take it */
	struct evidence_register reg;	/* the items' hand-overs and checks */
};

static bool load_custody(struct tui *tui, struct evidence_state *st)
{
	struct error err = {0};
	struct evidence_register reg;

	if (store_evidence_get(tui->session->store, st->view.incident.id, &reg, &err)) {
		tui_error(tui, "%s", err.message);
		return false;
	}
	evidence_register_free(&st->reg);
	st->reg = reg;
	return true;
}

/* Hashing a large image blocks the loop; the message line is drawn here
 * as it goes, so the operator sees progress rather than a frozen screen. */
static void show_progress(uint64_t done, uint64_t total, void *ctx)
{
	struct tui *tui = ctx;
	char line[128];

	if (total)
		snprintf(line, sizeof(line), "Hashing: %d%% of %.1f MB", (int)(done * 100 / total), (double)total / 1e6);
	else
		snprintf(line, sizeof(line), "Hashing: %.1f MB", (double)done / 1e6);
	werase(tui->message_win);
	draw_text(tui, tui->message_win, 0, 0, tui->cols, STYLE_OK, line);
	wrefresh(tui->message_win);
}

static void evidence_close(struct tui *tui, void *state)
{
	struct evidence_state *st = state;

	evidence_progress_set(NULL, NULL);
	evidence_register_free(&st->reg);
	register_view_close(tui, &st->view);
}

static bool evidence_open(struct tui *tui, void *state, const void *arg)
{
	struct evidence_state *st = state;

	if (!register_view_open(tui, &st->view, arg, &evidence_register, "evidence"))
		return false;
	if (!load_custody(tui, st)) {
		register_view_close(tui, &st->view);
		return false;
	}
	evidence_progress_set(show_progress, tui);
	return true;
}

static const struct evidence_check *last_check(const struct evidence_register *reg, int64_t number)
{
	for (size_t i = reg->nchecks; i-- > 0;)
		if (reg->checks[i].evidence == number)
			return &reg->checks[i];
	return NULL;
}

static char *check_text(const struct evidence *e, const struct evidence_check *c)
{
	char *when, *line;

	if (!*e->sha256)
		return xstrdup("Not read from a file: no hash to verify.");
	if (!*e->path && !*e->copy)
		return xstrdup("Hashed from standard input: no file to hash again.");
	if (!c)
		return xstrdup(*e->path ? "Not verified since it was added: c hashes its file again." :
				"Not verified since it was added: c hashes its stored copy again.");
	when = time_utc_to_local(c->at);
	line = strcmp(c->result, "match") == 0 ?
		       xasprintf("Verified %s by %s: %s: hash matches", when, c->checked_by,
				 c->copy ? "stored copy" : "original") :
		       xasprintf("Verified %s by %s: %s: %s: found %s", when, c->checked_by,
				 c->copy ? "stored copy" : "original",
				 strcmp(c->result, "mismatch") == 0 ? "MISMATCH" : "MISSING", *c->actual ? c->actual : "no file");
	free(when);
	return whole_with_imported(line, c->imported);
}

/* Who holds the selected item and where, its last hand-overs (every one
 * is in show and the report), its last verification. */
static void draw_custody(struct tui *tui, const struct evidence_state *st, const struct evidence *e, WINDOW *win,
			 int y)
{
	const struct evidence_check *c = last_check(&st->reg, e->number);
	const char *where = evidence_location(&st->reg, e->number);
	int cols = getmaxx(win);
	size_t hands = 0, skip, n = 0;
	char *lines[HANDS_SHOWN + 2], *count;
	bool more;

	for (size_t i = 0; i < st->reg.ncustody; i++)
		hands += st->reg.custody[i].evidence == e->number;
	skip = hands > HANDS_SHOWN ? hands - HANDS_SHOWN : 0;
	more = skip > 0;
	count = !hands ? xstrdup("no hand-over yet") :
		skip ? xasprintf("%zu hand-overs, the last %d:", hands, HANDS_SHOWN) :
		       xasprintf("%zu hand-over%s:", hands, hands == 1 ? "" : "s");
	lines[n++] = xasprintf("Held by %s%s%s; %s", evidence_custodian(&st->reg, e->number), *where ? ", kept at " : "",
			       where, count);
	free(count);
	for (size_t i = 0; i < st->reg.ncustody; i++) {
		const struct custody *h = &st->reg.custody[i];
		char *when;

		if (h->evidence != e->number)
			continue;
		if (skip) {
			skip--;
			continue;
		}
		when = time_utc_to_local(h->at);
		lines[n++] = xasprintf("%s  %s -> %s: %s%s%s", when, h->from_who, h->to_who, h->purpose,
				       *h->location ? "; at " : "", h->location);
		free(when);
	}
	lines[n++] = check_text(e, c);
	for (size_t i = 0; i < n; i++)
		more = more || wraps_past(lines[i], cols - 3, 1);
	/* Cut or left out: said at the right of the first row, which gives way. */
	{
		static const char hint[] = "  … Enter: all";
		int hint_cols = more ? text_width(hint) : 0;

		draw_text(tui, win, y, 1, cols - 2 - hint_cols, STYLE_TITLE, lines[0]);
		if (more)
			draw_text(tui, win, y, cols - 1 - hint_cols, hint_cols, STYLE_DIM, hint);
	}
	for (size_t i = 1; i + 1 < n; i++)
		draw_text(tui, win, y + (int)i, 2, cols - 3, STYLE_NORMAL, lines[i]);
	draw_text(tui, win, y + (int)n - 1, 1, cols - 2,
		  !c ? STYLE_DIM : strcmp(c->result, "match") == 0 ? STYLE_OK : STYLE_ERROR, lines[n - 1]);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
}

static void evidence_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct evidence_state *st = state;
	const struct evidence *e = register_view_selected(&st->view);
	int rows = getmaxy(win);
	/* The register above, in a window of its own; the custody below. */
	WINDOW *above = e ? derwin(win, rows - CUSTODY_ROWS, getmaxx(win), 0, 0) : NULL;

	register_view_draw(tui, &st->view, above ? above : win,
			   "n adds an item, its file hashed; h hands one over; c verifies its hash.");
	if (!above)
		return;
	delwin(above);
	draw_custody(tui, st, e, win, rows - CUSTODY_ROWS);
}

/* The hand-over form's questions, for item e: its number given, and
 * who holds it said in the help. */
static void fill_for_item(struct form_def *form, const struct evidence *e, const char *holder)
{
	for (size_t i = 0; i < form->nfields; i++) {
		struct field_def *f = &form->fields[i];
		char *help = f->help;

		if (strcmp(f->key, "evidence") == 0) {
			free(f->default_value);
			f->default_value = xasprintf("%lld", (long long)e->number);
			f->help = xasprintf("%s: %lld is %s, held by %s", help, (long long)e->number, e->description,
					    holder);
			free(help);
		} else if (strcmp(f->key, "to") == 0) {
			f->help = xasprintf("who takes evidence %lld from %s: a person, or a place such as a locker",
					    (long long)e->number, holder);
			free(help);
		}
	}
}

/* The custody register's form, for the item selected. */
static enum result hand_over(struct tui *tui, struct evidence_state *st, const struct evidence *e)
{
	if (!tui_writable(tui))
		return RESULT_HANDLED;
	if (!e) {
		tui_error(tui, "No evidence yet. Press n to add an item.");
		return RESULT_HANDLED;
	}
	/* The view's one form at a time. */
	form_def_free(&st->view.form);
	st->view.form = register_form(&custody_register, tui->session->config);
	fill_for_item(st->view.form, e, evidence_custodian(&st->reg, e->number));
	st->view.form_arg = (struct form_arg){.form = st->view.form, .ref = st->view.ref, .reg = &custody_register};
	return tui_push(tui, &form_screen, &st->view.form_arg);
}

/* Hashes the item's original and its stored copy, each on record;
 * says which differs. */
static enum result verify(struct tui *tui, struct evidence_state *st, const struct evidence *e)
{
	struct session *s = tui->session;
	struct error err = {0};
	const char *failed[2] = {NULL, NULL};
	char whys[2][256];
	int checked = 0;

	if (!tui_writable(tui))
		return RESULT_HANDLED;
	if (!e) {
		tui_error(tui, "No evidence yet. Press n to add an item.");
		return RESULT_HANDLED;
	}
	if (!*e->sha256 || (!*e->path && !*e->copy)) {
		tui_error(tui, "Evidence %lld was not read from a file and has no stored copy: there is no hash to verify.",
			  (long long)e->number);
		return RESULT_HANDLED;
	}
	for (int copy = 0; copy <= 1; copy++) {
		char hex[SHA256_HEX_SIZE];
		uint64_t size;
		const char *result;
		bool readable;

		if (!*(copy ? e->copy : e->path))
			continue;
		readable = copy ? evidence_copy_hash(e->copy, hex, &size, whys[copy], sizeof(whys[copy])) == 0 :
				  sha256_file(e->path, hex, &size, show_progress, tui, whys[copy], sizeof(whys[copy])) == 0;
		if (incident_record_check(s->store, &st->view.incident, e->number, readable ? hex : NULL, copy, &s->who,
					  session_now(), &result, &err)) {
			tui_error(tui, "Not saved: %s", err.message);
			load_custody(tui, st);
			return RESULT_HANDLED;
		}
		checked++;
		if (strcmp(result, "match") != 0)
			failed[copy] = readable ? "the hash does not match" : whys[copy];
	}
	if (!failed[0] && !failed[1])
		tui_message(tui, "Evidence %lld verified: the hash matches%s.", (long long)e->number,
			    checked > 1 ? " (original and stored copy)" : "");
	else
		tui_error(tui, "Evidence %lld verification FAILED (recorded): %s%s%s%s%s", (long long)e->number,
			  failed[0] ? "original: " : "", failed[0] ? failed[0] : "", failed[0] && failed[1] ? "; " : "",
			  failed[1] ? "stored copy: " : "", failed[1] ? failed[1] : "");
	load_custody(tui, st);
	return RESULT_HANDLED;
}

/* The item whole: every part of it, then its custody and verifications
 * as the incident view has them (sirt/whole.h), every one of them. */
static enum result read_item(struct tui *tui, struct evidence_state *st, const struct evidence *e)
{
	struct whole_section item = {.key = "evidence"};
	struct strlist rows = {0};
	struct strbuf sb = {0};
	enum result r;

	if (!e)
		return register_view_handle(tui, &st->view, ACTION_OPEN);
	whole_evidence_lines(&st->reg, e, &item);
	for (size_t i = 0; i < item.len; i++)
		whole_line_rows(&item.lines[i], 0, &rows);
	strbuf_puts(&sb, "Custody and verification:");
	for (size_t i = 0; i < rows.len; i++)
		strbuf_printf(&sb, "\n%s", rows.items[i]);
	r = register_view_read(tui, &st->view, strbuf_str(&sb));
	strbuf_free(&sb);
	strlist_free(&rows);
	whole_section_free(&item);
	return r;
}

static enum result evidence_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct evidence_state *st = state;
	const struct evidence *e = register_view_selected(&st->view);

	(void)key;
	switch (action) {
	case ACTION_HAND_OVER:
		return hand_over(tui, st, e);
	case ACTION_VERIFY:
		return verify(tui, st, e);
	case ACTION_OPEN:
		return read_item(tui, st, e);
	case ACTION_ADD_EVIDENCE:
		/* The screen's own name for adding, kept for keymaps. */
		return register_view_handle(tui, &st->view, ACTION_ADD_RECORD);
	default:
		return register_view_handle(tui, &st->view, action);
	}
}

static void evidence_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct evidence_state *st = state;
	bool saved = result && result->ok && result->tag == TAG_SAVED && result->text;
	bool handed = saved && strcmp(result->text, custody_kind.name) == 0;
	bool added = saved && strcmp(result->text, evidence_kind.name) == 0;
	const struct evidence *e;

	/* A hand-over leaves the selection where it was; an item added is
	 * selected. */
	if (handed)
		register_view_load(tui, &st->view);
	else
		register_view_resume(tui, &st->view, result);
	load_custody(tui, st);
	if (handed && st->reg.ncustody) {
		const struct custody *h = &st->reg.custody[st->reg.ncustody - 1];

		tui_message(tui, "Hand-over recorded: evidence %lld is now held by %s.", (long long)h->evidence, h->to_who);
	} else if (added && (e = register_view_selected(&st->view))) {
		if (*e->sha256)
			tui_message(tui, "Evidence %lld added; SHA-256 %.16s...", (long long)e->number, e->sha256);
		else
			tui_message(tui, "Evidence %lld added (no file: nothing hashed).", (long long)e->number);
	}
}

static const struct screen_key evidence_keys[] = {
	HINT_KEY(ADD_EVIDENCE, NULL, NULL),
	HINT_KEY(HAND_OVER, NULL, NULL),
	HINT_KEY(VERIFY, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MORE_KEY(OPEN, "Read", "Read the selected item whole, with every hand-over and verification; / finds words in it"),
	MOVE_KEYS("an item"),
	KEYS_END,
};

const struct screen_ops evidence_screen = {
	.name = "evidence",
	.state_size = sizeof(struct evidence_state),
	.open = evidence_open,
	.draw = evidence_draw,
	.handle = evidence_handle,
	.resume = evidence_resume,
	.close = evidence_close,
	.keys = evidence_keys,
};
