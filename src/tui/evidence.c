/* The evidence register (R17): items with their SHA-256, who holds each,
 * every hand-over and every verification. Items are never edited; a
 * correction is added as a new item. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/digest.h"
#include "sirt/evidence.h"
#include "sirt/mem.h"
#include "sirt/sanitize.h"
#include "sirt/utf8.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "tui.h"

struct evidence_state {
	char ref[64];
	struct incident incident;
	struct evidence_register reg;
	size_t cursor;
	/* An item or hand-over being put together over several questions. */
	char *description;
	char *kind;
	char *path;
	char *to;
	char *purpose;
	struct prompt_arg prompt;
	struct choose_arg choose;
	char context[512];
};

static bool load(struct tui *tui, struct evidence_state *st)
{
	struct error err = {0};
	struct incident incident;
	struct evidence_register reg = {0};

	if (store_incident_get(tui->session->store, st->ref, &incident, &err) ||
	    store_evidence_get(tui->session->store, incident.id, &reg, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		evidence_register_free(&reg);
		return false;
	}
	incident_clear(&st->incident);
	evidence_register_free(&st->reg);
	st->incident = incident;
	st->reg = reg;
	cursor_clamp(&st->cursor, st->reg.len);
	return true;
}

static void forget(struct evidence_state *st)
{
	FREE(&st->description);
	FREE(&st->kind);
	FREE(&st->path);
	FREE(&st->to);
	FREE(&st->purpose);
}

static void evidence_close(struct tui *tui, void *state)
{
	struct evidence_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	evidence_register_free(&st->reg);
	forget(st);
}

static bool evidence_open(struct tui *tui, void *state, const void *arg)
{
	struct evidence_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (!load(tui, st)) {
		evidence_close(tui, st);
		return false;
	}
	return true;
}

static const struct evidence_check *last_check(const struct evidence_register *reg, int64_t number)
{
	for (size_t i = reg->nchecks; i-- > 0;)
		if (reg->checks[i].evidence == number)
			return &reg->checks[i];
	return NULL;
}

static void evidence_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct evidence_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win);
	int list_rows = rows - 11, y;
	size_t top = 0;
	char *line = xasprintf(" Evidence: %s  %s", st->incident.ref, st->incident.title);

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	if (st->reg.len == 0) {
		draw_text(tui, win, 2, 2, cols - 4, STYLE_DIM, "No evidence yet. Press n to add an item.");
		return;
	}
	draw_text(tui, win, 1, 0, cols, STYLE_COLUMN, "  #  Kind          Description                     Held by          Checked");
	scroll_to_show(st->cursor, &top, list_rows);
	for (int r = 0; r < list_rows && top + (size_t)r < st->reg.len; r++) {
		const struct evidence *e = &st->reg.items[top + (size_t)r];
		const struct evidence_check *c = last_check(&st->reg, e->number);
		struct strbuf sb = {0};
		char *cells[3];

		cells[0] = sanitize(evidence_kind_label(e->kind), 0);
		cells[1] = sanitize(e->description, 0);
		cells[2] = sanitize(evidence_custodian(&st->reg, e->number), 0);
		strbuf_printf(&sb, " %2lld. ", (long long)e->number);
		text_pad(&sb, cells[0], 13, true);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, cells[1], 31, true);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, cells[2], 16, true);
		strbuf_printf(&sb, " %s", c ? c->result : *e->sha256 ? "-" : "no hash");
		draw_safe(tui, win, 2 + r, 0, cols, top + (size_t)r == st->cursor ? STYLE_SELECTED : STYLE_NORMAL,
			  strbuf_str(&sb));
		for (int k = 0; k < 3; k++)
			free(cells[k]);
		strbuf_free(&sb);
	}
	{
		const struct evidence *e = &st->reg.items[st->cursor];
		const struct evidence_check *c = last_check(&st->reg, e->number);
		char *when = time_utc_to_local(e->collected_at);
		int hands = 0;

		y = rows - 8;
		line = xasprintf("SHA-256 %s", *e->sha256 ? e->sha256 : "none (not read from a file)");
		draw_text(tui, win, y, 1, cols - 2, STYLE_NORMAL, line);
		free(line);
		line = xasprintf("From %s; kept at %s", *e->path ? e->path : *e->sha256 ? "standard input" : "-",
				 *evidence_location(&st->reg, e->number) ? evidence_location(&st->reg, e->number) : "-");
		draw_text(tui, win, y + 1, 1, cols - 2, STYLE_DIM, line);
		free(line);
		line = e->corrects ? xasprintf("Collected by %s at %s; corrects item %lld", e->collected_by, when,
					       (long long)e->corrects) :
				     xasprintf("Collected by %s at %s", e->collected_by, when);
		draw_text(tui, win, y + 2, 1, cols - 2, STYLE_DIM, line);
		free(line);
		free(when);
		/* The chain of custody, latest last, in the rows left. */
		for (size_t i = 0; i < st->reg.ncustody; i++) {
			const struct custody *h = &st->reg.custody[i];
			if (h->evidence != e->number || hands >= 3)
				continue;
			when = time_utc_to_local(h->at);
			line = xasprintf("%s  %s -> %s: %s%s%s", when, h->from_who, h->to_who, h->purpose,
					 *h->location ? "; at " : "", h->location);
			draw_text(tui, win, y + 3 + hands++, 1, cols - 2, STYLE_NORMAL, line);
			free(line);
			free(when);
		}
		if (c) {
			when = time_utc_to_local(c->at);
			line = strcmp(c->result, "match") == 0 ? xasprintf("Verified %s by %s: hash matches", when, c->checked_by) :
				     xasprintf("Verified %s by %s: %s: found %s", when, c->checked_by,
					       strcmp(c->result, "mismatch") == 0 ? "MISMATCH" : "MISSING",
					       *c->actual ? c->actual : "no file");
			draw_text(tui, win, y + 6, 1, cols - 2, strcmp(c->result, "match") == 0 ? STYLE_OK : STYLE_ERROR,
				  line);
			free(line);
			free(when);
		}
	}
}

static const char *const kind_labels[] = {
#define EVIDENCE_KIND_LABEL(key, label) label,
	EVIDENCE_KINDS(EVIDENCE_KIND_LABEL)
#undef EVIDENCE_KIND_LABEL
};

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

static enum result evidence_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct evidence_state *st = state;
	struct session *s = tui->session;
	const struct evidence *e = st->reg.len ? &st->reg.items[st->cursor] : NULL;
	struct error err = {0};

	(void)key;
	if (list_move(action, &st->cursor, st->reg.len, 5))
		return RESULT_HANDLED;
	if (action != ACTION_ADD_EVIDENCE && action != ACTION_HAND_OVER && action != ACTION_VERIFY)
		return RESULT_IGNORED;
	if (!tui_writable(tui))
		return RESULT_HANDLED;
	forget(st);
	st->context[0] = '\0';
	if (action == ACTION_ADD_EVIDENCE) {
		tui_ask(tui, &st->prompt, st->context, "Describe the item (what it is, where it came from)", TAG_EVIDENCE_DESCRIPTION, true);
		return RESULT_PUSH;
	}
	if (!e) {
		tui_error(tui, "No evidence yet. Press n to add an item.");
		return RESULT_HANDLED;
	}
	if (action == ACTION_HAND_OVER) {
		snprintf(st->context, sizeof(st->context), "Evidence %lld: %s, held by %s", (long long)e->number,
			 e->description, evidence_custodian(&st->reg, e->number));
		tui_ask(tui, &st->prompt, st->context, "Hand it over to whom?", TAG_CUSTODY_TO, true);
		return RESULT_PUSH;
	}
	if (!*e->path || !*e->sha256) {
		tui_error(tui, "Evidence %lld was not read from a file: there is no hash to verify.", (long long)e->number);
		return RESULT_HANDLED;
	}
	{
		char hex[SHA256_HEX_SIZE], why[256];
		uint64_t size;
		const char *result;
		bool readable = sha256_file(e->path, hex, &size, show_progress, tui, why, sizeof(why)) == 0;

		if (incident_record_verification(s->store, &st->incident, e->number, readable ? hex : NULL, &s->who,
						 session_now(), &result, &err))
			tui_error(tui, "Not saved: %s", err.message);
		else if (strcmp(result, "match") == 0)
			tui_message(tui, "Evidence %lld verified: the hash matches.", (long long)e->number);
		else
			tui_error(tui, "Evidence %lld verification FAILED: %s (recorded).", (long long)e->number,
				  readable ? "the hash does not match" : why);
	}
	load(tui, st);
	return RESULT_HANDLED;
}

static void add_item(struct tui *tui, struct evidence_state *st, const char *location)
{
	struct session *s = tui->session;
	struct error err = {0};
	char hex[SHA256_HEX_SIZE] = "", why[256];
	uint64_t size = 0;
	int64_t number;

	char *absolute = NULL;

	/* Kept as an absolute path: a later verify may run elsewhere. */
	if (*st->path && (!(absolute = realpath(st->path, NULL)) ||
			  sha256_file(absolute, hex, &size, show_progress, tui, why, sizeof(why)) != 0)) {
		if (!absolute)
			snprintf(why, sizeof(why), "cannot find %s: %s", st->path, strerror(errno));
		tui_error(tui, "Not saved: %s", why);
		free(absolute);
		return;
	}
	if (incident_add_evidence(s->store, &st->incident, st->description, st->kind, absolute ? absolute : "", location,
				  hex, (int64_t)size, 0, &s->who, session_now(), &number, &err))
		tui_error(tui, "Not saved: %s", err.message);
	else if (*hex)
		tui_message(tui, "Evidence %lld added; SHA-256 %.16s...", (long long)number, hex);
	else
		tui_message(tui, "Evidence %lld added (no file: nothing hashed).", (long long)number);
	free(absolute);
}

static void evidence_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct evidence_state *st = state;
	struct session *s = tui->session;
	struct error err = {0};

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
	case TAG_EVIDENCE_DESCRIPTION:
		st->description = xstrdup(result->text);
		st->choose = (struct choose_arg){.question = "What kind of evidence?", .labels = kind_labels,
						 .count = sizeof(kind_labels) / sizeof(kind_labels[0]),
						 .tag = TAG_EVIDENCE_KIND};
		st->choose.keys = evidence_kinds();
		tui_push(tui, &choose_screen, &st->choose);
		return;
	case TAG_EVIDENCE_KIND:
		st->kind = xstrdup(result->text);
		snprintf(st->context, sizeof(st->context), "Evidence: %s", st->description);
		tui_ask(tui, &st->prompt, st->context, "Path of the file to hash (empty: nothing to hash)", TAG_EVIDENCE_PATH, false);
		return;
	case TAG_EVIDENCE_PATH: {
		struct stat info;
		const char *wrong = NULL;

		/* Checked now, not after the last question: a mistyped path is
		 * asked again and nothing else has to be typed twice. */
		if (*result->text && stat(result->text, &info) != 0)
			wrong = strerror(errno);
		else if (*result->text && !S_ISREG(info.st_mode))
			wrong = "not a regular file";
		if (wrong) {
			tui_error(tui, "%s: %s. Type it again, or nothing.", result->text, wrong);
			tui_ask(tui, &st->prompt, st->context, "Path of the file to hash (empty: nothing to hash)",
				TAG_EVIDENCE_PATH, false);
			return;
		}
		st->path = xstrdup(result->text);
		tui_ask(tui, &st->prompt, st->context, "Where is it kept? (optional)", TAG_EVIDENCE_LOCATION, false);
		return;
	}
	case TAG_EVIDENCE_LOCATION:
		add_item(tui, st, result->text);
		forget(st);
		load(tui, st);
		st->cursor = st->reg.len ? st->reg.len - 1 : 0;
		return;
	case TAG_CUSTODY_TO:
		st->to = xstrdup(result->text);
		tui_ask(tui, &st->prompt, st->context, "For what purpose?", TAG_CUSTODY_PURPOSE, true);
		return;
	case TAG_CUSTODY_PURPOSE:
		st->purpose = xstrdup(result->text);
		tui_ask(tui, &st->prompt, st->context, "Where will it be kept? (optional)", TAG_CUSTODY_LOCATION, false);
		return;
	case TAG_CUSTODY_LOCATION:
		int64_t id;

		if (incident_hand_over(s->store, &st->incident, st->reg.items[st->cursor].number, st->to, st->purpose,
				       result->text, &s->who, session_now(), &id, &err))
			tui_error(tui, "Not saved: %s", err.message);
		else
			tui_message(tui, "Hand-over recorded: now held by %s.", st->to);
		forget(st);
		load(tui, st);
		return;
	default:
		load(tui, st);
	}
}

static const struct screen_key evidence_keys[] = {
	HINT_KEY(ADD_EVIDENCE, NULL, NULL),
	HINT_KEY(HAND_OVER, NULL, NULL),
	HINT_KEY(VERIFY, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
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
