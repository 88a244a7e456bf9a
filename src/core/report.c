/* The incident report: pre-filling its form and writing it out. */
#include "sirt/report.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strings.h>

#include "sirt/changes.h"
#include "sirt/customer_names.h"
#include "sirt/decision.h"
#include "sirt/fold.h"
#include "sirt/cost.h"
#include "sirt/evidence.h"
#include "sirt/form.h"
#include "sirt/ioc.h"
#include "sirt/json.h"
#include "sirt/procedure.h"
#include "sirt/sanitize.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/whole.h"

bool report_format_parse(const char *name, enum report_format *out)
{
	if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
		*out = REPORT_MD;
	else if (strcmp(name, "text") == 0)
		*out = REPORT_TEXT;
	else if (strcmp(name, "json") == 0)
		*out = REPORT_JSON;
	else
		return false;
	return true;
}

/* ---- pre-filling ---- */

/* Each item a line "- ..." in the words the record's section has it. */
static void put_item(struct strbuf *out, char *text)
{
	strbuf_printf(out, "%s- %s", out->len ? "\n" : "", text);
	free(text);
}

static void worked_steps(const struct step_view *views, size_t n, struct strbuf *out)
{
	for (size_t i = 0; i < n; i++)
		if (views[i].record && strcmp(views[i].record->state, STEP_OPEN) != 0)
			put_item(out, whole_step_text(&views[i]));
}

/* The indicators that stand and that TLP lets go beyond the
 * organisation's own people (CLEAR, GREEN, AMBER): a report goes to
 * customers. Those it leaves out are counted, not named. */
static void indicators(const struct register_records *reg, struct strbuf *out)
{
	size_t held = 0;

	for (size_t i = 0; i < reg->records.len; i++) {
		const struct ioc *ioc = RECORD_AT(&reg->records, struct ioc, i);

		if (ioc->withdrawn_at)
			continue;
		if (strcmp(ioc->tlp, "red") == 0 || strcmp(ioc->tlp, "amber+strict") == 0) {
			held++;
			continue;
		}
		put_item(out, xasprintf("%s %s%s%s%s", ioc->type, ioc->value, *ioc->source ? " (seen in " : "",
					ioc->source, *ioc->source ? ")" : ""));
	}
	if (held)
		put_item(out, xasprintf("%zu more indicator%s marked TLP:AMBER+STRICT or TLP:RED, not shared here", held,
					held == 1 ? "" : "s"));
}

/* What one source says, or "" (appended to out). */
static void prefill_source(const struct config *config, const struct incident *incident,
			   const struct incident_record *r, const char *source, struct strbuf *out)
{
	struct step_view *views;
	size_t n;

	if (strcmp(source, "@category") == 0) {
		const struct category *cat = config_category(config, incident->category);
		if (cat)
			strbuf_puts(out, cat->label);
	} else if (strcmp(source, "@procedure") == 0) {
		const struct procedure_def *proc = config_procedure(config, incident->procedure);
		if (proc)
			strbuf_printf(out, "%s%s%s", proc->title, *proc->summary ? ": " : "", proc->summary);
		else if (incident->procedure && strcmp(incident->procedure, PROCEDURE_NONE) == 0)
			strbuf_puts(out, "No procedure applied; the team recorded the steps it took.");
	} else if (strcmp(source, "@steps") == 0) {
		n = procedure_step_views(config_procedure(config, incident->procedure), &r->steps, &views);
		worked_steps(views, n, out);
		free(views);
	} else if (strcmp(source, "@restoration") == 0) {
		n = restoration_step_views(config->restoration, &r->steps, &views);
		worked_steps(views, n, out);
		free(views);
	} else if (strcmp(source, "@changes") == 0) {
		for (size_t i = 0; i < r->changes.len; i++)
			put_item(out, change_text(&r->changes.items[i]));
	} else if (strcmp(source, "@findings") == 0) {
		for (size_t i = 0; i < r->notes.len; i++)
			put_item(out, whole_finding_text(&r->notes.items[i], &r->witnesses));
	} else if (strcmp(source, "@indicators") == 0) {
		indicators(&r->registers[REGISTER_IOC], out);
	} else if (strcmp(source, "@timeline") == 0) {
		for (size_t i = 0; i < r->timeline.len; i++) {
			/* In the order it happened, and at that time. */
			const struct timeline_entry *e = &r->timeline.items[i];
			char *when = time_utc_to_local(e->happened ? e->happened : e->at);
			char *text = whole_timeline_text(e);

			put_item(out, xasprintf("%s %s", when, text));
			free(text);
			free(when);
		}
	} else {
		const struct field_def *f = config_field(config, source);
		const struct field_value *v = NULL;

		for (size_t i = 0; f && i < r->fields.len && !v; i++)
			if (strcmp(r->fields.items[i].key, source) == 0 && *r->fields.items[i].value)
				v = &r->fields.items[i];
		if (v) {
			char *text = form_value_with_note(f, v);
			strbuf_puts(out, text);
			free(text);
		}
	}
}

static const char *source_label(const struct config *config, const char *source)
{
	const char *label = prefill_source_label(source);
	const struct field_def *f = label ? NULL : config_field(config, source);

	return label ? label : f ? f->label : source;
}

char *report_prefill(const struct config *config, const struct incident *incident,
		     const struct incident_record *r, const struct field_def *f)
{
	struct strbuf out = {0};
	size_t given = 0;
	char **parts = xcalloc(f->from.len + 1, sizeof(*parts));
	char *text;

	for (size_t i = 0; i < f->from.len; i++) {
		struct strbuf part = {0};

		prefill_source(config, incident, r, f->from.items[i], &part);
		parts[i] = strbuf_take(&part);
		given += *parts[i] != '\0';
	}
	for (size_t i = 0; i < f->from.len; i++) {
		if (!*parts[i])
			continue;
		if (out.len)
			strbuf_putc(&out, '\n');
		/* Several sources: each says what it is. */
		if (given > 1)
			strbuf_printf(&out, "%s:%s", source_label(config, f->from.items[i]),
				      strchr(parts[i], '\n') || parts[i][0] == '-' ? "\n" : " ");
		strbuf_puts(&out, parts[i]);
	}
	for (size_t i = 0; i < f->from.len; i++)
		free(parts[i]);
	free(parts);
	text = strbuf_take(&out);
	if (!field_type_multiline(f->type))
		for (char *p = text; *p; p++)
			if (*p == '\n')
				*p = ' ';
	text[utf8_fit_bytes(text, strlen(text), f->max_length ? f->max_length :
			    field_type_multiline(f->type) ? FORM_MULTILINE_MAX : FORM_TEXT_MAX)] = '\0';
	return text;
}

void report_values(const struct config *config, const struct incident *incident,
		   const struct incident_record *r, struct field_list *out)
{
	const struct form_def *form = config->report;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_def *f = &form->fields[i];
		const struct field_value *v = field_list_find(&r->fields, form->key, f->key);
		char *value = v ? xstrdup(v->value) : report_prefill(config, incident, r, f);

		field_list_set(out, form->key, f->key, value, v ? v->note : "");
		if (v) {
			out->items[out->len - 1].updated_at = xstrdup(v->updated_at);
			out->items[out->len - 1].updated_by = xstrdup(v->updated_by);
		}
		free(value);
	}
}

/* ---- the customers ---- */

void report_customers(const struct config *config, const struct incident_record *r,
			       struct customer_list *out)
{
	char why[160];

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; config->forms[i]; i++) {
		const struct form_def *form = config->forms[i];

		for (size_t k = 0; k < form->nfields; k++) {
			const struct field_value *v;

			if (form->fields[k].type != FIELD_CUSTOMERS)
				continue;
			v = field_list_find(&r->fields, form->key, form->fields[k].key);
			if (v && customers_parse(v->value, out, why, sizeof(why)) && out->len)
				return;
			customer_list_free(out);
		}
	}
}

/* Whether customer c and the plan's k are one: the same name, or one's
 * name is the other's alias, or the same contact address. */
static bool same_customer(const struct customer *c, const struct customer *k)
{
	char *name = text_fold(c->name);
	bool same = false;

	for (size_t i = 0; i <= k->aliases.len && !same; i++) {
		char *other = text_fold(i ? k->aliases.items[i - 1] : k->name);

		same = strcmp(name, other) == 0;
		free(other);
	}
	for (size_t i = 0; i < c->aliases.len && !same; i++) {
		char *alias = text_fold(c->aliases.items[i]), *other = text_fold(k->name);

		same = strcmp(alias, other) == 0;
		free(alias);
		free(other);
	}
	free(name);
	return same || strcasecmp(c->contact, k->contact) == 0;
}

void report_customers_known(const struct config *config, const struct incident_record *r,
			    struct customer_list *out)
{
	bool *used = xcalloc(config->customers.len + 1, sizeof(*used));

	report_customers(config, r, out);
	for (size_t i = 0; i < out->len; i++)
		for (size_t k = 0; k < config->customers.len; k++) {
			const struct customer *known = &config->customers.items[k];

			if (!same_customer(&out->items[i], known))
				continue;
			used[k] = true;
			strlist_add(&out->items[i].aliases, known->name);
			for (size_t a = 0; a < known->aliases.len; a++)
				strlist_add(&out->items[i].aliases, known->aliases.items[a]);
			for (size_t d = 0; d < known->domains.len; d++)
				strlist_add(&out->items[i].domains, known->domains.items[d]);
			strlist_add(&out->items[i].domains, strrchr(known->contact, '@') + 1);
		}
	/* The others are customers too: a report names none of them. */
	for (size_t k = 0; k < config->customers.len; k++)
		if (!used[k])
			customer_list_add(out, &config->customers.items[k]);
	free(used);
}

bool report_customer_find(const struct customer_list *customers, size_t listed, const char *name, size_t *index)
{
	for (size_t i = 0; i < listed; i++) {
		const struct customer *c = &customers->items[i];
		bool named = customer_named(c->name, c->contact, name);

		/* Or by a name the plan says it also goes by. */
		for (size_t k = 0; k < c->aliases.len && !named; k++)
			named = customer_named(c->aliases.items[k], NULL, name);
		if (named) {
			*index = i;
			return true;
		}
	}
	return false;
}

static const struct {
	const char *key, *label, *help;
} customer_form_fields[] = {
	{"what_happened", "What happened, for them",
	 "In words for this customer: what happened and what it means for them. Not saved: the report's "
	 "\"How it occurred\"."},
	{"data_disclosed", "Their data that may have been disclosed",
	 "What of this customer's may have been disclosed. Not saved: their lines of the report's \"Data disclosed\"."},
	{"what_to_do", "What they should do", "What this customer should do now: passwords to change, what to watch for."},
};

#define CUSTOMER_FIELDS (sizeof(customer_form_fields) / sizeof(customer_form_fields[0]))

char *report_customer_form_key(const char *name)
{
	char *folded = text_fold(name);
	struct strbuf key = {0};
	bool dash = true;

	/* Letters and digits as they are, the rest one '-'; the hash of
	 * the folded name keeps two names with the same letters apart. */
	strbuf_puts(&key, REPORT_CUSTOMER_FORM ".");
	for (const char *p = folded; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');

		if (plain)
			strbuf_putc(&key, *p);
		else if (!dash)
			strbuf_putc(&key, '-');
		dash = !plain;
	}
	strbuf_printf(&key, "%s%08x", dash ? "" : "-", (unsigned)str_hash(FNV_START, folded));
	free(folded);
	return strbuf_take(&key);
}

struct form_def *report_customer_form_new(const char *name)
{
	struct form_def *form = xcalloc(1, sizeof(*form));

	form->key = report_customer_form_key(name);
	form->path = xstrdup("(built in)");
	form->title = xasprintf("Report for %s", name);
	form->help = xstrdup("This customer's own report: only they read it. Ctrl-S saves.");
	form->fields = xcalloc(CUSTOMER_FIELDS, sizeof(*form->fields));
	form->nfields = CUSTOMER_FIELDS;
	for (size_t i = 0; i < CUSTOMER_FIELDS; i++) {
		form->fields[i].key = xstrdup(customer_form_fields[i].key);
		form->fields[i].label = xstrdup(customer_form_fields[i].label);
		form->fields[i].help = xstrdup(customer_form_fields[i].help);
		form->fields[i].default_value = xstrdup("");
		form->fields[i].type = FIELD_MULTILINE;
	}
	return form;
}

/* Does line begin with name (however spelt) and then ':'? Returns what
 * follows, or NULL. */
static const char *disclosure_for(const char *line, const char *name)
{
	const char *colon = strchr(line, ':');
	char *who, *folded, *wanted;
	bool same;

	if (!colon)
		return NULL;
	who = xstrndup(line, (size_t)(colon - line));
	folded = text_fold(who);
	wanted = text_fold(name);
	same = *wanted && strcmp(folded, wanted) == 0;
	free(who);
	free(folded);
	free(wanted);
	if (!same)
		return NULL;
	line = colon + 1;
	while (*line == ' ')
		line++;
	return line;
}

/* The lines of data_disclosed about one customer, one a line. */
static char *disclosed_for(const char *text, const char *name)
{
	struct strbuf out = {0};

	while (text && *text) {
		size_t len = strcspn(text, "\n");
		char *line = xstrndup(text, len);
		const char *what = disclosure_for(str_trim(line), name);

		if (what && *what)
			strbuf_printf(&out, "%s%s", out.len ? "\n" : "", what);
		free(line);
		text += len + (text[len] == '\n');
	}
	return strbuf_take(&out);
}

/* ---- writing ---- */

struct report_item {
	const char *key;
	const char *label;
	char *value;		/* redacted where it must be */
	char *note;
};

struct writer {
	enum report_format format;
	struct strbuf *out;
	struct json json;
	bool raw;		/* text as stored, for looking through, never shown */
};

/* Text and Markdown go to terminals and viewers: shown safe. In
 * Markdown, what operators typed must read as typed, not as markup: a
 * caller's "<img src=...>", "[click](...)", "&amp;" or "~~struck~~"
 * stays text. */
static char *safe(const struct writer *w, const char *s)
{
	char *shown;
	struct strbuf out = {0};

	if (w->format == REPORT_JSON || w->raw)
		return xstrdup(s ? s : "");
	shown = sanitize(s ? s : "", SANITIZE_KEEP_NEWLINES);
	if (w->format != REPORT_MD)
		return shown;
	for (const char *p = shown; *p; p++) {
		if (strchr("\\`*_[]<>|&~#", *p))
			strbuf_putc(&out, '\\');
		strbuf_putc(&out, *p);
	}
	free(shown);
	return strbuf_take(&out);
}

/* One line of a Markdown block, escaped where its start would make it a
 * heading, a rule, a list item, a quote or code: "- item", "1. first",
 * "=====" and "    indented" read as typed. */
static void put_markdown_line(struct strbuf *out, const char *p, size_t len)
{
	size_t digits = strspn(p, "0123456789"), spaces = strspn(p, " ");

	if (spaces > len)
		spaces = len;
	/* Leading blanks would make code of the line: kept, as spaces
	 * Markdown does not read. */
	for (size_t i = 0; i < spaces; i++)
		strbuf_puts(out, "&nbsp;");
	p += spaces;
	len -= spaces;
	if (len && strchr("=-+", *p)) {
		strbuf_putc(out, '\\');
	} else if (digits && digits < len && (p[digits] == '.' || p[digits] == ')') &&
		   (digits + 1 == len || p[digits + 1] == ' ')) {
		strbuf_add(out, p, digits);
		strbuf_putc(out, '\\');
		p += digits;
		len -= digits;
	}
	strbuf_add(out, p, len);
}

static void put_heading(struct writer *w, const char *title)
{
	char *s = safe(w, title);

	if (w->format == REPORT_MD)
		strbuf_printf(w->out, "\n## %s\n\n", s);
	else
		strbuf_printf(w->out, "\n%s\n", s);
	free(s);
}

/* A block of text under a heading: indented in text, as typed in
 * Markdown (a line that Markdown would read as markup is escaped). */
static void put_block(struct writer *w, const char *text)
{
	char *s = safe(w, text && *text ? text : "Not recorded.");
	const char *p = s;

	while (*p) {
		size_t len = strcspn(p, "\n");

		if (w->format == REPORT_MD) {
			put_markdown_line(w->out, p, len);
			/* Two spaces: a line break in Markdown, not a join. */
			strbuf_puts(w->out, len && p[len] == '\n' ? "  \n" : "\n");
		} else {
			strbuf_puts(w->out, "  ");
			strbuf_add(w->out, p, len);
			strbuf_putc(w->out, '\n');
		}
		p += len + (p[len] == '\n');
	}
	free(s);
}

static void put_fact(struct writer *w, const char *label, const char *value)
{
	char *s = safe(w, value), *l = safe(w, label);

	if (w->format == REPORT_MD)
		strbuf_printf(w->out, "- **%s:** %s\n", l, s);
	else
		strbuf_printf(w->out, "  %-14s %s\n", l, s);
	free(l);
	free(s);
}

static void json_text(struct writer *w, const char *key, const char *value)
{
	json_key(&w->json, key);
	json_string(&w->json, value);
}

static void write_costs(struct writer *w, const struct incident_record *r)
{
	struct cost_totals totals;
	char amount[40];
	bool any = false;

	cost_totals(&r->costs, &totals);
	if (w->format == REPORT_JSON) {
		json_key(&w->json, "costs");
		json_array_begin(&w->json);
		for (size_t i = 0; i < r->costs.len; i++) {
			const struct cost *c = &r->costs.items[i];
			if (c->withdrawn_at)
				continue;
			money_format_plain(c->amount, amount, sizeof(amount));
			json_object_begin(&w->json);
			json_key(&w->json, "number");
			json_int(&w->json, c->number);
			json_text(w, "kind", c->kind);
			json_text(w, "description", c->description);
			json_text(w, "amount", amount);
			json_text(w, "currency", c->currency);
			json_key(&w->json, "estimate");
			json_bool(&w->json, c->estimate);
			json_object_end(&w->json);
		}
		json_array_end(&w->json);
		json_key(&w->json, "cost_totals");
		json_array_begin(&w->json);
		for (size_t i = 0; i < totals.len; i++) {
			json_object_begin(&w->json);
			json_text(w, "currency", totals.items[i].currency);
			money_format_plain(totals.items[i].damage, amount, sizeof(amount));
			json_text(w, "damage", amount);
			money_format_plain(totals.items[i].containment, amount, sizeof(amount));
			json_text(w, "containment", amount);
			money_format_plain(totals.items[i].damage + totals.items[i].containment, amount, sizeof(amount));
			json_text(w, "total", amount);
			money_format_plain(totals.items[i].estimated, amount, sizeof(amount));
			json_text(w, "estimated", amount);
			json_object_end(&w->json);
		}
		json_array_end(&w->json);
		cost_totals_free(&totals);
		return;
	}
	put_heading(w, "Damage and cost");
	for (size_t i = 0; i < r->costs.len; i++) {
		char *text, *shown;

		if (r->costs.items[i].withdrawn_at)
			continue;
		any = true;
		text = cost_text(&r->costs.items[i]);
		shown = safe(w, text);
		strbuf_printf(w->out, "%s%s\n", w->format == REPORT_MD ? "- " : "  ", shown);
		free(shown);
		free(text);
	}
	if (!any)
		put_block(w, "None recorded.");
	for (size_t i = 0; i < totals.len; i++) {
		char *text = cost_total_text(&totals.items[i]), *shown = safe(w, text);

		strbuf_printf(w->out, w->format == REPORT_MD ? "\n**Total: %s**\n" : "\n  Total: %s\n", shown);
		free(shown);
		free(text);
	}
	cost_totals_free(&totals);
}

/* Full report only: each item of evidence with its hash, and loudly one
 * that changed while it was hashed (recorded with --changing). */
static void write_evidence(struct writer *w, const struct incident_record *r)
{
	const struct evidence_register *reg = &r->evidence;

	if (w->format == REPORT_JSON) {
		json_key(&w->json, "evidence");
		json_array_begin(&w->json);
		for (size_t i = 0; i < reg->len; i++) {
			const struct evidence *e = &reg->items[i];

			json_object_begin(&w->json);
			json_key(&w->json, "number");
			json_int(&w->json, e->number);
			json_text(w, "kind", e->kind);
			json_text(w, "description", e->description);
			json_text(w, "sha256", e->sha256);
			json_text(w, "changing", e->changing);
			json_text(w, "copy", e->copy);
			json_object_end(&w->json);
		}
		json_array_end(&w->json);
		return;
	}
	put_heading(w, "Evidence");
	if (!reg->len)
		put_block(w, "None recorded.");
	for (size_t i = 0; i < reg->len; i++) {
		const struct evidence *e = &reg->items[i];
		char *text = xasprintf("%lld. %s (%s)%s%s%s%s", (long long)e->number, e->description,
				       evidence_kind_label(e->kind), *e->sha256 ? "; sha256 " : "", e->sha256,
				       *e->changing ? "; CHANGED while it was hashed: " : "", e->changing);
		char *shown = safe(w, text);

		strbuf_printf(w->out, "%s%s\n", w->format == REPORT_MD ? "- " : "  ", shown);
		free(shown);
		free(text);
	}
}

/* Full report only: the decisions a regulator's clock runs from, each
 * with who made it, when and why, and its withdrawal. */
static void write_decisions(struct writer *w, const struct incident_record *r)
{
	const struct record_list *list = &r->registers[REGISTER_DECISION].records;

	if (w->format == REPORT_JSON) {
		json_key(&w->json, "decisions");
		json_array_begin(&w->json);
		for (size_t i = 0; i < list->len; i++) {
			const struct decision *d = RECORD_AT(list, struct decision, i);

			json_object_begin(&w->json);
			json_key(&w->json, "number");
			json_int(&w->json, d->number);
			json_text(w, "key", d->key);
			json_text(w, "why", d->why);
			/* When it was made (--at), else when it was recorded. */
			json_text(w, "decided_at", decision_when(d));
			json_text(w, "logged_at", d->decided_at);
			json_text(w, "decided_by", d->decided_by);
			json_text(w, "withdrawn_at", d->withdrawn_at);
			json_text(w, "withdrawn_by", d->withdrawn_by);
			json_text(w, "withdrawn_reason", d->withdrawn_reason);
			json_object_end(&w->json);
		}
		json_array_end(&w->json);
		return;
	}
	put_heading(w, "Decisions");
	if (!list->len)
		put_block(w, "None recorded.");
	for (size_t i = 0; i < list->len; i++) {
		const struct decision *d = RECORD_AT(list, struct decision, i);
		char *when = time_utc_to_local(decision_when(d));
		char *logged = whole_logged(d->happened_at, d->decided_at);
		char *gone = d->withdrawn_at ? time_utc_to_local(d->withdrawn_at) : NULL;
		char *text = xasprintf("%c%s on %s by %s%s%s%s: %s%s%s%s%s%s%s", toupper((unsigned char)decision_label(d->key)[0]),
				       decision_label(d->key) + 1, when, d->decided_by, logged ? " (logged " : "",
				       logged ? logged : "", logged ? ")" : "", d->why, gone ? "; withdrawn " : "",
				       gone ? gone : "", gone ? " by " : "", gone ? d->withdrawn_by : "", gone ? ": " : "",
				       gone ? d->withdrawn_reason : "");
		char *shown = safe(w, text);

		strbuf_printf(w->out, "%s%s\n", w->format == REPORT_MD ? "- " : "  ", shown);
		free(shown);
		free(text);
		free(gone);
		free(logged);
		free(when);
	}
}

static void write_deadlines(struct writer *w, const struct incident_record *r, const struct customer *reader,
			    const struct customer_names *names)
{
	size_t shown = 0;

	(void)names;
	if (w->format == REPORT_JSON) {
		json_key(&w->json, "notifications");
		json_array_begin(&w->json);
	} else {
		put_heading(w, reader ? "Notification" : "Notifications");
	}
	for (size_t i = 0; i < r->deadlines.len; i++) {
		const struct deadline *d = &r->deadlines.items[i];
		char due[TIME_TEXT_MAX];

		if (reader && !report_party_is(d->party, reader))
			continue;
		shown++;
		if (w->format == REPORT_JSON)
			time_format_utc(d->due, due, sizeof(due));
		else
			time_format_local(d->due, due, sizeof(due));
		if (w->format == REPORT_JSON) {
			json_object_begin(&w->json);
			json_text(w, "rule", d->rule->name);
			json_text(w, "party", d->party);
			json_text(w, "address", d->address);
			json_text(w, "due", due);
			/* When the party was told, and when that was logged. */
			json_text(w, "told_at", d->met ? d->met->happened_at ? d->met->happened_at : d->met->met_at : NULL);
			json_text(w, "logged_at", d->met ? d->met->met_at : NULL);
			json_text(w, "how", d->met ? d->met->how : NULL);
			/* The reference the party gave; null when none or while not told. */
			json_text(w, "reference", d->met && d->met->reference && *d->met->reference ? d->met->reference : NULL);
			/* How long after it was due: 0 in time, null while not told. */
			json_key(&w->json, "late_by_seconds");
			if (d->met)
				json_int(&w->json, deadline_late_by(d));
			else
				json_null(&w->json);
			/* The text that was sent, as sent; null when none was kept. */
			json_text(w, "sent", d->met && d->met->sent && *d->met->sent ? d->met->sent : NULL);
			json_object_end(&w->json);
		} else {
			char *told = d->met ? time_utc_to_local(d->met->happened_at ? d->met->happened_at : d->met->met_at) :
					      NULL;
			char *logged = d->met ? whole_logged(d->met->happened_at, d->met->met_at) : NULL;
			char late[48] = "";
			char *line;

			if (deadline_late_by(d)) {
				char span[32];

				duration_format(deadline_late_by(d), span, sizeof(span));
				snprintf(late, sizeof(late), ", %s late,", span);
			}
			/* Which of a regime's stages (two may have the same party), the
			 * address when there is one, and the authority's reference. */
			char *who = d->rule->regime ? xasprintf("%s (%s, %s)", d->party, d->rule->name, d->rule->title) :
						      xstrdup(d->party);
			char *where = d->address && *d->address ? xasprintf(" (%s)", d->address) : xstrdup("");
			char *ref = d->met && d->met->reference && *d->met->reference ?
					    xasprintf(", ref. %s", d->met->reference) : xstrdup("");

			line = d->met ? xasprintf("%s%s: due %s; told %s%s by %s%s%s%s%s", who, where, due, told, late,
						  d->met->how, ref, logged ? " (logged " : "", logged ? logged : "",
						  logged ? ")" : "") :
					      xasprintf("%s%s: due %s; not told yet", who, where, due);
			free(who);
			free(where);
			free(ref);
			char *s = safe(w, line);

			strbuf_printf(w->out, "%s%s\n", w->format == REPORT_MD ? "- " : "  ", s);
			if (d->met && d->met->sent && *d->met->sent) {
				/* What was sent, whole, as a block of its own. */
				char *head = xasprintf("Text sent (%zu bytes):", strlen(d->met->sent));

				put_block(w, head);
				put_block(w, d->met->sent);
				free(head);
			}
			free(s);
			free(line);
			free(told);
			free(logged);
		}
	}
	if (w->format == REPORT_JSON)
		json_array_end(&w->json);
	else if (!shown)
		put_block(w, reader ? "None is due to you under our plan." : "No notification was required.");
}

/* The head of a report in JSON: what it is about and for whom. */
static void write_json_head(struct writer *w, const struct config *config, const struct incident *incident,
			    const struct incident_record *r, const char *title, const char *prepared,
			    const char *reader)
{
	json_text(w, "ref", incident->ref);
	json_text(w, "title", title);
	json_text(w, "organisation", config->organisation);
	json_text(w, "status", incident->status);
	json_text(w, "opened", incident->created_at);
	/* Brought by an export: what it says is the file's word. Not for a
	 * customer: who imported it, from which file, is the office's own. */
	json_key(&w->json, "imported");
	whole_imported_json(&w->json, reader ? NULL : r->imported);
	json_text(w, "prepared", prepared);
	json_text(w, "customer", reader);
}

static void write_text_head(struct writer *w, const struct config *config, const struct incident *incident,
			    const struct incident_record *r, const char *title, time_t now, const char *reader)
{
	char *safe_title = safe(w, title), *safe_ref = safe(w, incident->ref);
	char *opened = time_utc_to_local(incident->created_at), prepared[TIME_TEXT_MAX];

	if (w->format == REPORT_MD)
		strbuf_printf(w->out, "# Incident report: %s\n\n**%s**\n\n", safe_ref, safe_title);
	else
		strbuf_printf(w->out, "INCIDENT REPORT %s\n%s\n\n", safe_ref, safe_title);
	free(safe_title);
	free(safe_ref);
	put_fact(w, "Organisation", config->organisation);
	if (reader)
		put_fact(w, "For", reader);
	put_fact(w, "Status", incident->status);
	put_fact(w, "Opened", opened);
	if (r->imported && !reader) {
		char *from = whole_imported_text(r->imported);

		put_fact(w, "Imported", from);
		free(from);
	}
	time_format_local(now, prepared, sizeof(prepared));
	put_fact(w, "Prepared", prepared);
	free(opened);
}

bool report_party_is(const char *party, const struct customer *c)
{
	char *a = text_fold(party), *b = text_fold(c->name);
	bool same = strcmp(a, b) == 0 || strcasecmp(party, c->contact) == 0;

	free(a);
	free(b);
	return same;
}

/* What was done, as a customer may read it: the steps worked by their
 * titles, and only as the plan's [report] customer_includes says their
 * notes, who marked them, and the changes with their approvals. */
static char *customer_actions(const struct config *config, const struct incident *incident,
			      const struct incident_record *r)
{
	unsigned with = config->customer_includes;
	struct strbuf out = {0};

	for (int list = 0; list < 2; list++) {
		struct step_view *views;
		size_t n = list ? restoration_step_views(config->restoration, &r->steps, &views) :
				  procedure_step_views(config_procedure(config, incident->procedure), &r->steps, &views);

		for (size_t i = 0; i < n; i++) {
			const struct step_record *rec = views[i].record;
			bool noted = (with & CUSTOMER_INCLUDES_STEP_NOTES) && rec && rec->note && *rec->note;

			if (!rec || strcmp(rec->state, STEP_OPEN) == 0)
				continue;
			put_item(&out, xasprintf("%s: %s%s%s%s%s%s", step_state_label(rec->state), views[i].title,
						 noted ? " (" : "", noted ? rec->note : "", noted ? ")" : "",
						 with & CUSTOMER_INCLUDES_LOGINS ? ", by " : "",
						 with & CUSTOMER_INCLUDES_LOGINS ? rec->marked_by : ""));
		}
		free(views);
	}
	for (size_t i = 0; (with & CUSTOMER_INCLUDES_APPROVALS) && i < r->changes.len; i++) {
		const struct change *c = &r->changes.items[i];
		bool logins = with & CUSTOMER_INCLUDES_LOGINS;

		if (!c->decided_at)
			continue;
		put_item(&out, xasprintf("Change: %s (%s%s%s%s%s)", c->what, c->state, logins ? " by " : "",
					 logins ? c->decided_by : "", *c->reason ? ": " : "", c->reason));
	}
	return strbuf_take(&out);
}

/* A field of the customer's own form as saved, or NULL. */
static const char *customer_saved(const struct incident_record *r, const char *form_key, const char *key)
{
	const struct field_value *v = field_list_find(&r->fields, form_key, key);

	return v ? v->value : NULL;
}

/* One customer's report: their own form (pre-filled where not saved:
 * what happened from the report's "How it occurred", their data from
 * their lines of its "Data disclosed"), what was done as the plan lets
 * them read it, the indicators TLP lets go to them and their
 * notification; every other customer's name, alias and domain hidden. */
static enum status render_for_customer(const struct config *config, const struct incident *incident,
				       const struct incident_record *r, enum report_format format, bool raw,
				       const char *customer, time_t now, char **out, struct error *err)
{
	struct customer_list listed, known;
	struct customer_names names;
	struct field_list values = {0};
	struct strbuf buf = {0}, ind = {0};
	struct writer w = {.format = format, .out = &buf, .raw = raw};
	const struct customer *reader;
	const struct field_value *how, *dv;
	const char *saved;
	char prepared[TIME_TEXT_MAX], *key, *title, *text[4];
	size_t at;
	static const char *const labels[] = {"What happened", "What we did", "Data of yours that may have been disclosed",
					     "What you should do"};
	static const char *const json_keys[] = {"what_happened", "what_we_did", NULL, "what_to_do"};
	static const char *const nothing[] = {"Not recorded.", "Nothing yet.",
					      "None identified so far. We will tell you if that changes.",
					      "Nothing is asked of you for now. We will tell you if that changes."};

	report_customers(config, r, &listed);
	report_customers_known(config, r, &known);
	if (!report_customer_find(&known, listed.len, customer, &at)) {
		struct strbuf list = {0};

		for (size_t i = 0; i < listed.len; i++)
			strbuf_printf(&list, "%s%s", i ? ", " : "", listed.items[i].name);
		error_set(err, STATUS_NOT_FOUND, "%s lists no affected customer \"%s\" (%s%s)", incident->ref, customer,
			  listed.len ? "it lists: " : "it lists none: add them to the lead details", strbuf_str(&list));
		strbuf_free(&list);
		customer_list_free(&listed);
		customer_list_free(&known);
		return err->status;
	}
	customer_list_free(&listed);
	reader = &known.items[at];
	customer_names_init(&names, &known, at);
	key = report_customer_form_key(reader->name);
	report_values(config, incident, r, &values);
	how = field_list_find(&values, config->report->key, "how_occurred");
	dv = field_list_find(&r->fields, config->report->key, "data_disclosed");

	saved = customer_saved(r, key, "what_happened");
	text[0] = xstrdup(saved ? saved : how ? how->value : "");
	text[1] = customer_actions(config, incident, r);
	saved = customer_saved(r, key, "data_disclosed");
	if (saved) {
		text[2] = xstrdup(saved);
	} else {
		text[2] = disclosed_for(dv ? dv->value : "", reader->name);
		for (size_t i = 0; i < reader->aliases.len && !*text[2]; i++) {
			free(text[2]);
			text[2] = disclosed_for(dv ? dv->value : "", reader->aliases.items[i]);
		}
	}
	saved = customer_saved(r, key, "what_to_do");
	text[3] = xstrdup(saved ? saved : "");
	field_list_free(&values);
	free(key);
	for (size_t i = 0; i < 4; i++) {
		char *hidden = customer_names_redact(&names, text[i]);

		free(text[i]);
		text[i] = hidden;
	}
	indicators(&r->registers[REGISTER_IOC], &ind);
	{
		char *hidden = customer_names_redact(&names, strbuf_str(&ind));

		strbuf_free(&ind);
		strbuf_puts(&ind, hidden);
		free(hidden);
	}
	title = customer_names_redact(&names, incident->title);

	time_format_utc(now, prepared, sizeof(prepared));
	if (format == REPORT_JSON) {
		json_init(&w.json, &buf);
		json_object_begin(&w.json);
		write_json_head(&w, config, incident, r, title, prepared, reader->name);
		json_key(&w.json, "report");
		json_object_begin(&w.json);
		for (size_t i = 0; i < 4; i++) {
			if (!json_keys[i])
				continue;
			json_key(&w.json, json_keys[i]);
			json_object_begin(&w.json);
			json_text(&w, "label", labels[i]);
			json_text(&w, "value", text[i]);
			json_object_end(&w.json);
		}
		json_key(&w.json, "indicators");
		json_object_begin(&w.json);
		json_text(&w, "label", "Indicators of compromise");
		json_text(&w, "value", strbuf_str(&ind));
		json_object_end(&w.json);
		json_object_end(&w.json);
		json_text(&w, "data_disclosed", text[2]);
		write_deadlines(&w, r, reader, &names);
		json_object_end(&w.json);
		strbuf_putc(&buf, '\n');
	} else {
		write_text_head(&w, config, incident, r, title, now, reader->name);
		for (size_t i = 0; i < 4; i++) {
			put_heading(&w, labels[i]);
			put_block(&w, *text[i] ? text[i] : nothing[i]);
		}
		if (ind.len) {
			put_heading(&w, "Indicators of compromise");
			put_block(&w, strbuf_str(&ind));
		}
		write_deadlines(&w, r, reader, &names);
	}
	for (size_t i = 0; i < 4; i++)
		free(text[i]);
	strbuf_free(&ind);
	free(title);
	customer_names_free(&names);
	customer_list_free(&known);
	*out = strbuf_take(&buf);
	return STATUS_OK;
}

enum status report_customer_suspects(const struct config *config, const struct incident *incident,
				     const struct incident_record *r, const char *customer, time_t now,
				     struct strlist *out, struct error *err)
{
	struct customer_list listed, known;
	struct customer_names names;
	char *text;
	size_t at;
	/* Looked through as stored, not as shown: a soft hyphen shown as
	 * "<U+00AD>" would split the word it hides in. */
	enum status st = render_for_customer(config, incident, r, REPORT_TEXT, true, customer, now, &text, err);

	if (st)
		return st;
	report_customers(config, r, &listed);
	report_customers_known(config, r, &known);
	report_customer_find(&known, listed.len, customer, &at);
	customer_names_init(&names, &known, at);
	customer_names_suspects(&names, text, out);
	customer_names_free(&names);
	customer_list_free(&known);
	customer_list_free(&listed);
	free(text);
	return STATUS_OK;
}

enum status report_render(const struct config *config, const struct incident *incident,
			  const struct incident_record *r, enum report_format format, const char *customer,
			  time_t now, char **out, struct error *err)
{
	const struct form_def *form = config->report;
	struct customer_list customers;
	struct report_item *items;
	struct field_list values = {0};
	struct strbuf buf = {0};
	struct writer w = {.format = format, .out = &buf};
	char prepared[TIME_TEXT_MAX];

	if (customer)
		return render_for_customer(config, incident, r, format, false, customer, now, out, err);
	report_customers(config, r, &customers);
	items = xcalloc(form->nfields, sizeof(*items));
	report_values(config, incident, r, &values);
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_value *v = field_list_find(&values, form->key, form->fields[i].key);

		items[i].key = form->fields[i].key;
		items[i].label = form->fields[i].label;
		items[i].value = xstrdup(v->value);
		items[i].note = xstrdup(v->note);
	}
	field_list_free(&values);

	time_format_utc(now, prepared, sizeof(prepared));
	if (format == REPORT_JSON) {
		json_init(&w.json, &buf);
		json_object_begin(&w.json);
		write_json_head(&w, config, incident, r, incident->title, prepared, NULL);
		json_key(&w.json, "report");
		json_object_begin(&w.json);
		for (size_t i = 0; i < form->nfields; i++) {
			json_key(&w.json, items[i].key);
			json_object_begin(&w.json);
			json_text(&w, "label", items[i].label);
			json_text(&w, "value", items[i].value);
			if (form->fields[i].has_note)
				json_text(&w, "note", items[i].note);
			json_object_end(&w.json);
		}
		json_object_end(&w.json);
		json_key(&w.json, "customers");
		json_array_begin(&w.json);
		for (size_t i = 0; i < customers.len; i++) {
			json_object_begin(&w.json);
			json_text(&w, "name", customers.items[i].name);
			json_text(&w, "contact", customers.items[i].contact);
			json_object_end(&w.json);
		}
		json_array_end(&w.json);
		write_costs(&w, r);
		write_evidence(&w, r);
		write_decisions(&w, r);
		write_deadlines(&w, r, NULL, NULL);
		json_object_end(&w.json);
		strbuf_putc(&buf, '\n');
	} else {
		write_text_head(&w, config, incident, r, incident->title, now, NULL);
		for (size_t i = 0; i < form->nfields; i++) {
			const char *value = items[i].value;
			char *with_note = NULL;

			if (*items[i].note)
				value = with_note = xasprintf("%s\n%s", value, items[i].note);
			put_heading(&w, items[i].label);
			put_block(&w, value);
			free(with_note);
		}
		put_heading(&w, "Affected customers");
		if (!customers.len)
			put_block(&w, "None.");
		for (size_t i = 0; i < customers.len; i++) {
			char *line = xasprintf("%s <%s>", customers.items[i].name, customers.items[i].contact);
			char *sf = safe(&w, line);
			strbuf_printf(&buf, "%s%s\n", format == REPORT_MD ? "- " : "  ", sf);
			free(sf);
			free(line);
		}
		write_costs(&w, r);
		write_evidence(&w, r);
		write_decisions(&w, r);
		write_deadlines(&w, r, NULL, NULL);
	}

	for (size_t i = 0; i < form->nfields; i++) {
		free(items[i].value);
		free(items[i].note);
	}
	free(items);
	customer_list_free(&customers);
	*out = strbuf_take(&buf);
	return STATUS_OK;
}
