/* The incident report (R18, R19) as it would be written, to read before
 * it goes out: the full report or one affected customer's, editable
 * through the report form and written to a file on request. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sirt/clock.h"
#include "sirt/file.h"
#include "sirt/form.h"
#include "sirt/formdef.h"
#include "sirt/mem.h"
#include "sirt/record.h"
#include "sirt/report.h"
#include "sirt/utf8.h"
#include "sirt/store.h"
#include "tui.h"

struct report_state {
	char ref[64];
	struct incident incident;
	char *text;		/* as report_render wrote it, in text format */
	char *customer;		/* NULL: the full report */
	char *asked;		/* a customer chosen, while confirming the names its report seems to hold */
	struct form_def *own;	/* the customer's own report form, while it is edited */
	struct customer_list customers;
	size_t top;		/* first row shown, of the wrapped text */
	size_t rows;		/* how many the last draw had */
	char *path;		/* a path being written, while confirming */
	struct form_arg form_arg;
	struct prompt_arg prompt;
	struct choose_arg choose;
	const char **labels;	/* the customers, then "the full report" */
	const char **keys;
	char context[256];
};

static bool render(struct tui *tui, struct report_state *st, enum report_format format, char **out)
{
	struct session *s = tui->session;
	struct incident incident;
	struct incident_record record;
	struct error err = {0};

	*out = NULL;
	if (store_incident_get(s->store, st->ref, &incident, &err)) {
		tui_error(tui, "%s", err.message);
		return false;
	}
	if (incident_record_load(s->store, s->config, &incident, session_now(), &record, &err)) {
		tui_error(tui, "%s", err.message);
		incident_clear(&incident);
		return false;
	}
	if (report_render(s->config, &incident, &record, format, st->customer, session_now(), out, &err) &&
	    err.status == STATUS_NOT_FOUND && st->customer) {
		/* The customer was taken off the lead details meanwhile. */
		tui_error(tui, "%s is no longer listed: showing the full report.", st->customer);
		FREE(&st->customer);
		report_render(s->config, &incident, &record, format, NULL, session_now(), out, &err);
	}
	if (!*out) {
		tui_error(tui, "%s", err.message);
		incident_record_free(&record);
		incident_clear(&incident);
		return false;
	}
	if (format == REPORT_TEXT) {
		customer_list_free(&st->customers);
		report_customers(s->config, &record, &st->customers);
		incident_clear(&st->incident);
		st->incident = incident;
	} else {
		incident_clear(&incident);
	}
	incident_record_free(&record);
	return true;
}

static bool load(struct tui *tui, struct report_state *st)
{
	char *text;

	if (!render(tui, st, REPORT_TEXT, &text))
		return false;
	free(st->text);
	st->text = text;
	return true;
}

static void report_close(struct tui *tui, void *state)
{
	struct report_state *st = state;

	(void)tui;
	incident_clear(&st->incident);
	customer_list_free(&st->customers);
	free(st->text);
	free(st->customer);
	free(st->asked);
	form_def_free(&st->own);
	free(st->path);
	free(st->labels);
	free(st->keys);
}

static bool report_open(struct tui *tui, void *state, const void *arg)
{
	struct report_state *st = state;

	snprintf(st->ref, sizeof(st->ref), "%s", (const char *)arg);
	if (!load(tui, st)) {
		report_close(tui, st);
		return false;
	}
	return true;
}

static void report_draw(struct tui *tui, void *state, WINDOW *win)
{
	struct report_state *st = state;
	int cols = getmaxx(win), rows = getmaxy(win) - 2;
	char *line = st->customer ? xasprintf(" Report for %s: %s", st->customer, st->incident.ref) :
				    xasprintf(" Incident report: %s  %s", st->incident.ref, st->incident.title);
	const char *p = st->text;
	size_t row = 0;

	draw_text(tui, win, 0, 0, cols, STYLE_TITLE, line);
	free(line);
	/* Said whole at any width: the shorter form where the longer is cut. */
	draw_text(tui, win, 1, 1, cols - 2, STYLE_DIM,
		  cols - 2 >= 69 ? "As it will be written: e edits, w writes a file, c: for one customer." :
				   "e edits, w writes a file, c: one customer's.");
	/* Each line of the report, wrapped to the width; only the rows from
	 * top on are drawn. */
	while (*p) {
		size_t len = strcspn(p, "\n");
		char *l = xstrndup(p, len);
		/* A row holds at least one character: len + 1 rows are enough. */
		size_t *starts = xcalloc(len + 1, sizeof(*starts));
		size_t n = text_wrap(l, cols - 2 - (int)strspn(l, " "), starts, len + 1);

		for (size_t k = 0; k < n; k++, row++) {
			if (row >= st->top && row < st->top + (size_t)rows) {
				char *part = text_wrap_row(l, starts, n, k);
				/* Headings start at the margin; text is indented, and
				 * its wrapped rows keep the indent. */
				enum tui_style style = len && *l != ' ' && k == 0 ? STYLE_TITLE : STYLE_NORMAL;
				int indent = k ? (int)strspn(l, " ") : 0;

				draw_text(tui, win, 2 + (int)(row - st->top), 1 + indent, cols - 2 - indent, style, part);
				free(part);
			}
		}
		free(starts);
		free(l);
		p += len + (p[len] == '\n');
	}
	st->rows = row;
}

static const struct prompt_arg path_prompt = {
	.question = "Write it to which file? (.txt: text, .json: JSON, else Markdown)",
	.tag = TAG_REPORT_PATH,
	.required = true,
};

/* "IR-2026-0001-report.md", or with the customer's name in it. */
static char *default_path(const struct report_state *st)
{
	struct strbuf sb = {0};

	strbuf_printf(&sb, "%s-report", st->ref);
	if (st->customer) {
		strbuf_putc(&sb, '-');
		for (const char *p = st->customer; *p; p++)
			strbuf_putc(&sb, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ?
					 *p : '-');
	}
	strbuf_puts(&sb, ".md");
	return strbuf_take(&sb);
}

/* What customer's report still seems to say of another customer, as
 * "NORTHWIND, status.northwind.example.org" in st->context; false when
 * nothing (or when it cannot be told: then said). */
static bool names_to_confirm(struct tui *tui, struct report_state *st, const char *customer)
{
	struct session *s = tui->session;
	struct incident incident;
	struct incident_record record;
	struct strlist suspects = {0};
	struct error err = {0};
	struct strbuf list = {0};

	if (store_incident_get(s->store, st->ref, &incident, &err))
		return false;
	if (incident_record_load(s->store, s->config, &incident, session_now(), &record, &err)) {
		incident_clear(&incident);
		return false;
	}
	report_customer_suspects(s->config, &incident, &record, customer, session_now(), &suspects, &err);
	for (size_t i = 0; i < suspects.len; i++)
		strbuf_printf(&list, "%s%s", i ? ", " : "", suspects.items[i]);
	snprintf(st->context, sizeof(st->context), "It still seems to name another customer: %s.", strbuf_str(&list));
	strbuf_free(&list);
	incident_record_free(&record);
	incident_clear(&incident);
	if (!suspects.len)
		return false;
	strlist_free(&suspects);
	return true;
}

static enum result report_handle(struct tui *tui, void *state, enum action action, const struct key *key)
{
	struct report_state *st = state;
	int rows = getmaxy(tui->body) - 2;

	(void)key;
	if (scroll_view(action, &st->top, st->rows, rows))
		return RESULT_HANDLED;
	switch (action) {
	case ACTION_EDIT_REPORT:
		if (!tui_may_change(tui, &st->incident))
			return RESULT_HANDLED;
		form_def_free(&st->own);
		/* In a customer's view, their own report, not the shared one. */
		if (st->customer)
			st->own = report_customer_form_new(st->customer);
		st->form_arg.form = st->own ? st->own : tui->session->config->report;
		st->form_arg.ref = st->ref;
		return tui_push(tui, &form_screen, &st->form_arg);
	case ACTION_WRITE_REPORT: {
		char *path;

		if (st->customer && names_to_confirm(tui, st, st->customer)) {
			st->prompt = (struct prompt_arg){.context = st->context, .question = "Write it anyway?",
							 .tag = TAG_REPORT_NAMES_WRITE, .yes_no = true};
			return tui_push(tui, &confirm_screen, &st->prompt);
		}
		path = default_path(st);
		snprintf(st->context, sizeof(st->context), "%s, written in %s", st->customer ? "This customer's report" :
			 "The full report", "the directory sirt was started in unless the path says otherwise");
		st->prompt = path_prompt;
		st->prompt.context = st->context;
		free(st->path);
		st->path = path;
		st->prompt.initial = st->path;
		return tui_push(tui, &prompt_screen, &st->prompt);
	}
	case ACTION_FOR_CUSTOMER:
		if (!st->customers.len) {
			tui_error(tui, "No affected customers are listed: add them to the lead details (l).");
			return RESULT_HANDLED;
		}
		free(st->labels);
		free(st->keys);
		st->labels = xcalloc(st->customers.len + 1, sizeof(*st->labels));
		st->keys = xcalloc(st->customers.len + 2, sizeof(*st->keys));
		for (size_t i = 0; i < st->customers.len; i++)
			st->labels[i] = st->keys[i] = st->customers.items[i].name;
		st->labels[st->customers.len] = "The full report";
		st->keys[st->customers.len] = "";
		st->choose = (struct choose_arg){.question = "Whose report? Each customer's names no other customer.",
						 .labels = st->labels, .keys = st->keys,
						 .count = st->customers.len + 1, .tag = TAG_REPORT_CUSTOMER};
		return tui_push(tui, &choose_screen, &st->choose);
	default:
		return RESULT_IGNORED;
	}
}

static void write_report(struct tui *tui, struct report_state *st, bool replace)
{
	const char *dot = strrchr(st->path, '.');
	enum report_format format = dot && strcmp(dot, ".json") == 0 ? REPORT_JSON :
				    dot && strcmp(dot, ".txt") == 0 ? REPORT_TEXT : REPORT_MD;
	struct error err = {0};
	char *text;

	if (!render(tui, st, format, &text))
		return;
	/* Readable by its owner only: it names people, systems, weaknesses. */
	if (file_write(st->path, text, 0600, replace, &err)) {
		const char *kind = file_kind(st->path);

		/* Only a regular file is offered to be replaced. */
		if (err.status == STATUS_CONFLICT && kind && strcmp(kind, "a regular file") == 0) {
			snprintf(st->context, sizeof(st->context), "%s exists.", st->path);
			st->prompt = (struct prompt_arg){.context = st->context, .question = "Replace it?",
							 .tag = TAG_REPORT_REPLACE, .yes_no = true};
			tui_push(tui, &confirm_screen, &st->prompt);
		} else {
			tui_error(tui, "Not written: %s", err.message);
		}
	} else {
		char *cwd = st->path[0] == '/' ? NULL : getcwd(NULL, 0);
		tui_message(tui, "Written, for you only: %s%s%s", cwd ? cwd : "", cwd ? "/" : "", st->path);
		free(cwd);
	}
	free(text);
}

static void report_resume(struct tui *tui, void *state, const struct screen_result *result)
{
	struct report_state *st = state;

	if (result && result->tag == TAG_REPORT_NAMES_WRITE) {
		if (result->ok) {
			snprintf(st->context, sizeof(st->context), "This customer's report, written in %s",
				 "the directory sirt was started in unless the path says otherwise");
			st->prompt = path_prompt;
			st->prompt.context = st->context;
			free(st->path);
			st->path = default_path(st);
			st->prompt.initial = st->path;
			tui_push(tui, &prompt_screen, &st->prompt);
		} else {
			tui_message(tui, "Not written. e edits this customer's own report.");
		}
		return;
	}
	if (result && result->tag == TAG_REPORT_NAMES_SHOW) {
		if (result->ok) {
			free(st->customer);
			st->customer = st->asked;
			st->asked = NULL;
			st->top = 0;
		} else {
			FREE(&st->asked);
			tui_message(tui, "Not shown: give the other customer's names (aka:) on its customers line, or edit.");
		}
		load(tui, st);
		return;
	}
	if (result && result->ok && result->tag == TAG_REPORT_PATH) {
		free(st->path);
		st->path = xstrdup(result->text);
		write_report(tui, st, false);
		return;
	}
	if (result && result->tag == TAG_REPORT_REPLACE && st->path) {
		if (result->ok)
			write_report(tui, st, true);
		else
			tui_message(tui, "Not written: %s is kept as it was.", st->path);
		return;
	}
	if (result && result->ok && result->tag == TAG_REPORT_CUSTOMER) {
		/* Before a customer's report is shown: what still seems to
		 * name another customer, to confirm. */
		if (*result->text && names_to_confirm(tui, st, result->text)) {
			free(st->asked);
			st->asked = xstrdup(result->text);
			st->prompt = (struct prompt_arg){.context = st->context, .question = "Show it anyway?",
							 .tag = TAG_REPORT_NAMES_SHOW, .yes_no = true};
			tui_push(tui, &confirm_screen, &st->prompt);
			return;
		}
		free(st->customer);
		st->customer = *result->text ? xstrdup(result->text) : NULL;
		st->top = 0;
	}
	form_def_free(&st->own);
	load(tui, st);
}

static const struct screen_key report_keys[] = {
	HINT_KEY(EDIT_REPORT, NULL, NULL),
	HINT_KEY(WRITE_REPORT, NULL, NULL),
	HINT_KEY(FOR_CUSTOMER, NULL, NULL),
	HINT_KEY(HELP, NULL, NULL),
	HINT_KEY(BACK, NULL, "Back to the incident"),
	MOVE_KEYS("a line"),
	KEYS_END,
};

const struct screen_ops report_screen = {
	.name = "report",
	.state_size = sizeof(struct report_state),
	.open = report_open,
	.draw = report_draw,
	.handle = report_handle,
	.resume = report_resume,
	.close = report_close,
	.keys = report_keys,
};
