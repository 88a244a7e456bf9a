/* A register of the incident's (indicators, ...), the same screen for
 * every kind: its records, the selected one in full, n to add one through
 * the form engine from the kind's columns, x to withdraw one with a
 * reason. Records are never edited. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/register.h"
#include "sirt/roles.h"
#include "sirt/sanitize.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/whole.h"
#include "tui.h"

static const void *record_at(const struct register_view *st, size_t i)
{
	return record_item(st->arg.reg->kind, &st->records.records, i);
}

const void *register_view_selected(const struct register_view *view)
{
	return view->records.records.len ? record_at(view, view->cursor) : NULL;
}

bool register_view_load(struct tui *tui, struct register_view *st)
{
	struct error err = {0};
	struct incident incident;
	struct register_records records;

	if (store_incident_get(tui->session->store, st->ref, &incident, &err)) {
		tui_error(tui, "%s", err.message);
		return false;
	}
	if (register_load(tui->session->store, st->arg.reg, &incident, &records, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		return false;
	}
	incident_clear(&st->incident);
	register_records_free(st->arg.reg, &st->records);
	st->incident = incident;
	st->records = records;
	cursor_clamp(&st->cursor, st->records.records.len);
	return true;
}

void register_view_close(struct tui *tui, void *view)
{
	struct register_view *st = view;

	(void)tui;
	incident_clear(&st->incident);
	register_records_free(st->arg.reg, &st->records);
	form_def_free(&st->form);
	free(st->reading_text);
	free(st->reading_title);
}

bool register_view_open(struct tui *tui, struct register_view *st, const char *ref, const struct register_def *reg,
			const char *section)
{
	st->arg = (struct register_arg){.ref = st->ref, .reg = reg};
	snprintf(st->ref, sizeof(st->ref), "%s", ref);
	st->section = section ? section : reg->kind->name;
	if (!register_view_load(tui, st)) {
		register_view_close(tui, st);
		return false;
	}
	return true;
}

static bool register_open(struct tui *tui, void *state, const void *arg)
{
	const struct register_arg *ra = arg;

	return register_view_open(tui, state, ra->ref, ra->reg, NULL);
}

void register_view_draw_list(struct tui *tui, struct register_view *st, WINDOW *win, int y, int rows, bool focused)
{
	const struct register_def *reg = st->arg.reg;
	size_t n = st->records.records.len, top = 0;

	scroll_to_show(st->cursor, &top, rows);
	for (int r = 0; r < rows && top + (size_t)r < n; r++) {
		size_t i = top + (size_t)r;
		const void *rec = record_at(st, i);
		char *text = reg->summary(rec), *line;
		const char *elsewhere = st->records.elsewhere.items[i];
		bool gone = record_withdrawn(reg->kind, rec);
		/* A kind numbered by its place in the table, not in the
		 * incident, is counted in the order its records were added. */
		line = xasprintf(" %lld. %s%s%s", reg->kind->unnumbered ? (long long)i + 1 :
				 (long long)record_number(reg->kind, rec), text, *elsewhere ? "  also on " : "", elsewhere);
		draw_text(tui, win, y + r, 0, getmaxx(win),
			  focused && i == st->cursor ? STYLE_SELECTED : gone ? STYLE_DIM : STYLE_NORMAL, line);
		free(line);
		free(text);
	}
}

/* A record in full, a line a part: each column given, who added it,
 * its withdrawal, where else it was seen; styles[] says how each is
 * drawn. Returns how many (at most 32); each line is to be freed. */
static size_t detail_lines(const struct register_view *st, size_t i, char *lines[32], enum tui_style styles[32])
{
	const struct record_kind *kind = st->arg.reg->kind;
	const void *r = record_at(st, i);
	const char *elsewhere = st->records.elsewhere.items[i];
	const char *gone = kind->withdrawals ? record_text(r, kind->withdrawn_at) : NULL;
	char *when = time_utc_to_local(record_text(r, kind->added_at));
	size_t n = 0;

	for (size_t c = 0; c < kind->ncolumns && n < 28; c++) {
		/* A time as shown everywhere: when it happened, then logged. */
		char *value = whole_column_text(kind, &kind->columns[c], r);

		if (value && *value) {
			styles[n] = STYLE_NORMAL;
			lines[n++] = xasprintf("%s: %s", kind->columns[c].label, value);
		}
		free(value);
	}
	styles[n] = STYLE_DIM;
	/* A call made earlier says both times above: here who alone. */
	lines[n++] = whole_record_happened(kind, r) ? xasprintf("Added by %s.", record_text(r, kind->added_by)) :
						       xasprintf("Added by %s at %s.", record_text(r, kind->added_by), when);
	if (gone) {
		char *gone_at = time_utc_to_local(gone);

		styles[n] = STYLE_DIM;
		lines[n++] = whole_with_imported(xasprintf("Withdrawn by %s at %s: %s", record_text(r, kind->withdrawn_by),
							   gone_at, record_text(r, kind->withdrawn_reason)),
						 record_withdrawn_imported(kind, r));
		free(gone_at);
	}
	if (*elsewhere) {
		styles[n] = STYLE_TITLE;
		lines[n++] = xasprintf("Also on %s.", elsewhere);
	}
	if (record_imported(kind, r)) {
		/* Who did it and when, above, are the file's word. */
		char *from = whole_imported_text(record_imported(kind, r));

		styles[n] = STYLE_TITLE;
		lines[n++] = xasprintf("Not recorded here: %s.", from);
		free(from);
	}
	free(when);
	return n;
}

char *register_view_record_text(const struct register_view *st, size_t i)
{
	char *lines[32];
	enum tui_style styles[32];
	struct strbuf sb = {0};
	size_t k = detail_lines(st, i, lines, styles);

	for (size_t l = 0; l < k; l++) {
		strbuf_printf(&sb, "%s%s", l ? "\n" : "", lines[l]);
		free(lines[l]);
	}
	return strbuf_take(&sb);
}

enum result register_view_read(struct tui *tui, struct register_view *st, const char *more)
{
	char *text = register_view_record_text(st, st->cursor);
	char *summary = st->arg.reg->summary(register_view_selected(st));

	free(st->reading_text);
	free(st->reading_title);
	st->reading_text = more ? xasprintf("%s\n\n%s", text, more) : xstrdup(text);
	st->reading_title = xasprintf("%s: %s", st->incident.ref, summary);
	free(summary);
	free(text);
	st->reading = (struct reader_arg){.title = st->reading_title, .text = st->reading_text};
	return tui_push(tui, &reader_screen, &st->reading);
}

/* The selected record in full, in rows rows from y; what does not fit
 * is said on the last row, and Enter reads it whole. */
void register_view_draw_detail(struct tui *tui, struct register_view *st, WINDOW *win, int y, int rows)
{
	char *lines[32];
	enum tui_style styles[32];
	size_t n = detail_lines(st, st->cursor, lines, styles);
	int cols = getmaxx(win), need = 0, end = y + rows;

	for (size_t i = 0; i < n; i++)
		need += wrapped_rows(lines[i], cols - 2, 64);
	/* Short of room: the last row says there is more. */
	if (need > rows && rows > 1)
		end--;
	for (size_t i = 0; i < n && y < end; i++)
		y += draw_wrapped(tui, win, y, 1, cols - 2, end - y, styles[i], lines[i]);
	if (need > rows && rows > 1)
		draw_text(tui, win, end, 1, cols - 2, STYLE_DIM,
			  st->read_more ? st->read_more : "… more: Enter reads it whole.");
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
}

void register_view_draw(struct tui *tui, struct register_view *st, WINDOW *win, const char *intro)
{
	const struct register_def *reg = st->arg.reg;
	int cols = getmaxx(win), rows = getmaxy(win), first = 3 + st->above;
	size_t n = st->records.records.len;
	char *sum = reg->sum ? reg->sum(&st->records.records) : NULL;
	int sum_rows = 0, detail, list_rows;
	char *line = xasprintf(" %s: %s  %s", reg->kind->title, st->incident.ref, st->incident.title);

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	line = intro ? xstrdup(intro) :
		       xasprintf("n adds %s %s; x withdraws one, with a reason: none is ever edited.",
				 strchr("aeiou", reg->kind->one[0]) ? "an" : "a", reg->kind->one);
	/* Over the blank row under it too, where there is one. */
	draw_wrapped(tui, win, 1, 1, cols - 2, st->above ? 1 : 2, STYLE_DIM, line);
	free(line);
	if (n == 0) {
		line = st->empty ? xstrdup(st->empty) : xasprintf("No %s yet. Press n to add one.", reg->kind->one);
		draw_wrapped(tui, win, first, 2, cols - 4, rows - first, STYLE_DIM, line);
		free(line);
		free(sum);
		return;
	}
	/* What the records come to, at the foot: a row a line of it. */
	for (const char *p = sum; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "")
		sum_rows++;
	/* The list above, the selected one's detail below: half each. */
	detail = (rows - st->above - sum_rows) / 2 - 1;
	list_rows = rows - first - detail - sum_rows;
	register_view_draw_list(tui, st, win, first, list_rows, true);
	for (int r = 0; sum && r < sum_rows; r++) {
		const char *from = sum;

		for (int k = 0; k < r; k++)
			from = strchr(from, '\n') + 1;
		line = xstrndup(from, strcspn(from, "\n"));
		draw_text(tui, win, first + list_rows + r, 1, cols - 2, STYLE_TITLE, line);
		free(line);
	}
	register_view_draw_detail(tui, st, win, rows - detail, detail);
	free(sum);
}

static void register_draw(struct tui *tui, void *state, WINDOW *win)
{
	register_view_draw(tui, state, win, NULL);
}

enum result register_view_handle(struct tui *tui, struct register_view *st, enum action action)
{
	const struct register_def *reg = st->arg.reg;
	size_t n = st->records.records.len;

	if (list_move(action, &st->cursor, n, 5))
		return RESULT_HANDLED;
	/* The register's own role, beside the action table's. */
	if ((action == ACTION_ADD_RECORD || action == ACTION_WITHDRAW_RECORD) &&
	    !may(tui->session->config, &tui->session->who, reg->needs)) {
		char *why = refusal(tui->session->config, &tui->session->who, reg->needs, reg->doing);

		tui_error(tui, "%s", why ? why : "Not allowed.");
		free(why);
		return RESULT_HANDLED;
	}
	switch (action) {
	case ACTION_BACK:
		/* The incident shows this register's section. */
		return tui_pop(tui, TAG_NONE, true, st->section);
	case ACTION_OPEN:
		if (!register_view_selected(st)) {
			tui_error(tui, "Nothing to read: there is no %s yet.", reg->kind->one);
			return RESULT_HANDLED;
		}
		return register_view_read(tui, st, NULL);
	case ACTION_ADD_RECORD:
		/* What outlives the incident (evidence) is added to a closed one too. */
		if (reg->kind->outlives_closing ? !tui_writable(tui) : !tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		form_def_free(&st->form);
		st->form = register_form(reg, tui->session->config);
		st->form_arg = (struct form_arg){.form = st->form, .ref = st->ref, .reg = reg, .given = st->given,
						 .when = st->when.at};
		return tui_push(tui, &form_screen, &st->form_arg);
	case ACTION_WITHDRAW_RECORD: {
		const void *r = register_view_selected(st);
		char *text;

		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		if (!reg->withdraw || !r || record_withdrawn(reg->kind, r)) {
			tui_error(tui, !reg->withdraw ? "These are never withdrawn." :
				  r ? "That one was withdrawn already." : "Nothing to withdraw.");
			return RESULT_HANDLED;
		}
		text = reg->summary(r);
		snprintf(st->context, sizeof(st->context), "Withdraw %lld. %s",
			 (long long)record_number(reg->kind, r), text);
		free(text);
		tui_ask(tui, &st->prompt, st->context, "Why is it withdrawn? (required: it stays on record)",
			TAG_RECORD_WITHDRAW, true);
		return RESULT_PUSH;
	}
	default:
		return RESULT_IGNORED;
	}
}

static enum result register_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	(void)key;
	return register_view_handle(tui, state, action);
}

void register_view_resume(struct tui *tui, void *view, const struct screen_result *result)
{
	struct register_view *st = view;
	const struct record_kind *kind = st->arg.reg->kind;
	struct session *s = tui->session;
	struct error err = {0};

	if (result && result->ok && result->tag == TAG_RECORD_WITHDRAW && st->records.records.len) {
		int64_t number = record_number(kind, record_at(st, st->cursor));

		if (st->arg.reg->withdraw(s->store, &st->incident, number, result->text, &s->who, session_now(), &err))
			tui_error(tui, "Not withdrawn: %s", err.message);
		else
			tui_message(tui, "%c%s %lld withdrawn; it stays on record.", toupper((unsigned char)kind->one[0]),
				    kind->one + 1, (long long)number);
	}
	register_view_load(tui, st);
	/* On the one just added. */
	if (result && result->ok && result->tag == TAG_SAVED)
		st->cursor = st->records.records.len ? st->records.records.len - 1 : 0;
}

static const struct screen_key register_keys[] = {
	HINT_KEY(ADD_RECORD, NULL, NULL),
	HINT_KEY(WITHDRAW_RECORD, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MORE_KEY(OPEN, "Read", "Read the selected one whole: every part, wrapped; / finds words in it"),
	MOVE_KEYS("an entry"),
	KEYS_END,
};

const struct screen_ops register_screen = {
	.name = "register",
	.state_size = sizeof(struct register_view),
	.open = register_open,
	.draw = register_draw,
	.handle = register_handle,
	.resume = register_view_resume,
	.close = register_view_close,
	.keys = register_keys,
};
