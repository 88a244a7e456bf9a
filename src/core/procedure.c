/* Step tracking logic. */
#include "sirt/procedure.h"

#include "sirt/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/mem.h"

static bool is_free_key(const char *key)
{
	return strncmp(key, "free-", 5) == 0;
}

size_t procedure_step_views(const struct procedure_def *proc, const struct step_list *records,
			    struct step_view **out)
{
	size_t n = 0, cap = (proc ? proc->nsteps : 0) + records->len;
	struct step_view *views = xcalloc(cap ? cap : 1, sizeof(*views));

	for (size_t i = 0; proc && i < proc->nsteps; i++) {
		views[n].key = proc->steps[i].key;
		views[n].title = proc->steps[i].title;
		views[n].help = proc->steps[i].help;
		views[n].record = step_list_find(records, proc->steps[i].key);
		views[n].origin = STEP_OF_PROCEDURE;
		n++;
	}
	for (size_t i = 0; i < records->len; i++) {
		const struct step_record *r = &records->items[i];

		if ((proc && procedure_def_step(proc, r->step_key)) || strcmp(r->procedure, PROCEDURE_RESTORATION) == 0)
			continue;
		views[n].key = r->step_key;
		views[n].title = r->title;
		views[n].help = "";
		views[n].record = r;
		views[n].origin = !proc && is_free_key(r->step_key) ? STEP_FREE : STEP_EARLIER;
		n++;
	}
	*out = views;
	return n;
}

size_t restoration_step_views(const struct procedure_def *list, const struct step_list *records,
			      struct step_view **out)
{
	struct step_view *views = xcalloc(list->nsteps ? list->nsteps : 1, sizeof(*views));

	for (size_t i = 0; i < list->nsteps; i++) {
		views[i].key = list->steps[i].key;
		views[i].title = list->steps[i].title;
		views[i].help = list->steps[i].help;
		views[i].record = step_list_find(records, list->steps[i].key);
		views[i].origin = STEP_OF_PROCEDURE;
	}
	*out = views;
	return list->nsteps;
}

void procedure_progress(const struct step_view *views, size_t count, struct step_progress *out)
{
	out->worked = out->total = 0;
	for (size_t i = 0; i < count; i++) {
		if (views[i].origin == STEP_EARLIER)
			continue;
		out->total++;
		if (views[i].record && strcmp(views[i].record->state, STEP_OPEN) != 0)
			out->worked++;
	}
}

bool step_mark_valid(const char *state, const char *note, char *why, size_t why_size)
{
	if (strcmp(state, STEP_DONE) && strcmp(state, STEP_SKIPPED) && strcmp(state, STEP_NA) &&
	    strcmp(state, STEP_OPEN)) {
		snprintf(why, why_size, "unknown step state \"%s\" (done, skipped, na or open)", state);
		return false;
	}
	if (strcmp(state, STEP_SKIPPED) == 0) {
		const char *p = note ? note : "";
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p) {
			snprintf(why, why_size, "a skipped step needs a reason");
			return false;
		}
	}
	return true;
}

const char *step_state_label(const char *state)
{
	if (!state || strcmp(state, STEP_OPEN) == 0)
		return "open";
	if (strcmp(state, STEP_NA) == 0)
		return "n/a";
	return state;
}

/* A value on one line that iniparser keeps whole: newlines become
 * blanks, double quotes (which iniparser cannot escape) become single
 * ones, and it is quoted when it holds ';' or '#' or would start with a
 * quote. Cut (at a character boundary) to stay within a line. */
static void ini_value(struct strbuf *out, const char *key, const char *value)
{
	struct strbuf v = {0};
	size_t room = 900, len;
	bool quote;

	while (*value == ' ')
		value++;
	for (const char *p = value; *p; p++)
		strbuf_putc(&v, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p == '"' ? '\'' : *p);
	/* iniparser joins a line ending in a backslash with the next. */
	while (v.len && (v.data[v.len - 1] == '\\' || v.data[v.len - 1] == ' '))
		v.data[--v.len] = '\0';
	len = utf8_fit_bytes(v.data, v.len, room);
	quote = memchr(strbuf_str(&v), ';', len) || memchr(strbuf_str(&v), '#', len) || strbuf_str(&v)[0] == '\'';
	strbuf_printf(out, "%s = %s%.*s%s\n", key, quote ? "\"" : "", (int)len, strbuf_str(&v), quote ? "\"" : "");
	strbuf_free(&v);
}

char *procedure_file_text(const char *title, const char *summary, const char *ref, const struct step_list *records,
			  const struct procedure_def *shared, char **key)
{
	static const char *const closing[] = {"forensics", "changes", "approval", "restoration"};
	struct strbuf out = {0}, k = {0};
	int n = 0;

	/* The key: lower-case letters and digits, runs of others as '-'. */
	for (const char *p = title; *p; p++) {
		char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			strbuf_putc(&k, c);
		else if (k.len && k.data[k.len - 1] != '-')
			strbuf_putc(&k, '-');
	}
	while (k.len && k.data[k.len - 1] == '-')
		k.data[--k.len] = '\0';
	*key = k.len ? strbuf_take(&k) : (strbuf_free(&k), xstrdup("recorded-procedure"));

	strbuf_printf(&out, "; Written by sirt from the steps the team recorded for %s,\n"
			    "; when no procedure applied. Edit it freely, then run sirt check.\n"
			    "[procedure]\n", ref);
	ini_value(&out, "title", title);
	ini_value(&out, "summary", summary && *summary ? summary : title);
	for (size_t i = 0; i < records->len; i++) {
		const struct step_record *r = &records->items[i];

		if (strncmp(r->step_key, "free-", 5) != 0)
			continue;
		strbuf_printf(&out, "\n[step.step-%d]\n", ++n);
		ini_value(&out, "title", r->title);
		ini_value(&out, "help", *r->note ? r->note : r->title);
	}
	for (size_t i = 0; shared && i < sizeof(closing) / sizeof(closing[0]); i++) {
		const struct step_def *s = procedure_def_step(shared, closing[i]);
		if (!s)
			continue;
		strbuf_printf(&out, "\n[step.%s]\n", s->key);
		ini_value(&out, "title", s->title);
		ini_value(&out, "help", *s->help ? s->help : s->title);
	}
	return strbuf_take(&out);
}

char *procedure_free_step_key(const struct step_list *records)
{
	long highest = 0;

	for (size_t i = 0; i < records->len; i++) {
		if (is_free_key(records->items[i].step_key)) {
			long n = strtol(records->items[i].step_key + 5, NULL, 10);
			if (n > highest)
				highest = n;
		}
	}
	return xasprintf("free-%ld", highest + 1);
}
