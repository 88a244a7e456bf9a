/* The incident report: pre-filling its form and writing it out. */
#include "sirt/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/changes.h"
#include "sirt/cost.h"
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

/* Does line begin with name and then ':'? Returns what follows, or NULL. */
static const char *disclosure_for(const char *line, const char *name)
{
	size_t len = utf8_match_word(line, line, name);

	if (!len)
		return NULL;
	line += len;
	while (*line == ' ')
		line++;
	if (*line != ':')
		return NULL;
	line++;
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

/* A customer's report must not name another customer. At each place in
 * a text the longest name or address that starts there, as a whole word
 * and ignoring case in any script, decides: the reader's own stays, any
 * other customer's becomes "[another customer]". So a reader called
 * "Bank" does not uncover "Bankers Trust", and "IT" does not eat into
 * "security". */
struct redaction {
	const char *keep[2];		/* the reader's name and address */
	const char **names;		/* every other customer's name and address */
	size_t len;
};

static char *redact(const struct redaction *rd, const char *text)
{
	struct strbuf out = {0};
	const char *p = text;

	if (!rd)
		return xstrdup(text);
	while (*p) {
		size_t best = 0, n;
		bool keep = false;

		for (size_t i = 0; i < 2; i++)
			if ((n = utf8_match_word(text, p, rd->keep[i])) > best) {
				best = n;
				keep = true;
			}
		for (size_t i = 0; i < rd->len; i++)
			if ((n = utf8_match_word(text, p, rd->names[i])) > best) {
				best = n;
				keep = false;
			}
		if (best && !keep) {
			strbuf_puts(&out, "[another customer]");
		} else {
			uint32_t cp;
			int len = utf8_decode(p, strlen(p), &cp);

			if (!best)
				best = len > 0 ? (size_t)len : 1;
			strbuf_add(&out, p, best);
		}
		p += best;
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
};

/* Text and Markdown go to terminals and viewers: shown safe. In
 * Markdown, what operators typed must read as typed, not as markup: a
 * caller's "<img src=...>", "[click](...)", "&amp;" or "~~struck~~"
 * stays text. */
static char *safe(const struct writer *w, const char *s)
{
	char *shown;
	struct strbuf out = {0};

	if (w->format == REPORT_JSON)
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

static void write_deadlines(struct writer *w, const struct incident_record *r, const struct redaction *rd)
{
	size_t shown = 0;

	if (w->format == REPORT_JSON) {
		json_key(&w->json, "notifications");
		json_array_begin(&w->json);
	} else {
		put_heading(w, rd ? "Notification" : "Notifications");
	}
	for (size_t i = 0; i < r->deadlines.len; i++) {
		const struct deadline *d = &r->deadlines.items[i];
		char due[TIME_TEXT_MAX];

		if (rd && !utf8_equal_nocase(d->party, rd->keep[0]))
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
			/* How long after it was due: 0 in time, null while not told. */
			json_key(&w->json, "late_by_seconds");
			if (d->met)
				json_int(&w->json, deadline_late_by(d));
			else
				json_null(&w->json);
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
			line = d->met ? xasprintf("%s (%s): due %s; told %s%s by %s%s%s%s", d->party, d->address, due, told,
						  late, d->met->how, logged ? " (logged " : "", logged ? logged : "",
						  logged ? ")" : "") :
					      xasprintf("%s (%s): due %s; not told yet", d->party, d->address, due);
			char *s = safe(w, line);

			strbuf_printf(w->out, "%s%s\n", w->format == REPORT_MD ? "- " : "  ", s);
			free(s);
			free(line);
			free(told);
			free(logged);
		}
	}
	if (w->format == REPORT_JSON)
		json_array_end(&w->json);
	else if (!shown)
		put_block(w, rd ? "None is due to you under our plan." : "No notification was required.");
}

enum status report_render(const struct config *config, const struct incident *incident,
			  const struct incident_record *r, enum report_format format, const char *customer,
			  time_t now, char **out, struct error *err)
{
	const struct form_def *form = config->report;
	struct customer_list customers;
	const struct customer *reader = NULL;
	struct redaction rd = {0}, *redacting = NULL;
	struct report_item *items = xcalloc(form->nfields, sizeof(*items));
	struct field_list values = {0};
	struct strbuf buf = {0};
	struct writer w = {.format = format, .out = &buf};
	char prepared[TIME_TEXT_MAX], *disclosed = NULL, *title;
	const struct field_value *dv = field_list_find(&r->fields, form->key, "data_disclosed");

	report_customers(config, r, &customers);
	if (customer) {
		for (size_t i = 0; i < customers.len && !reader; i++)
			if (customer_named(customers.items[i].name, customers.items[i].contact, customer))
				reader = &customers.items[i];
		if (!reader) {
			struct strbuf names = {0};

			for (size_t i = 0; i < customers.len; i++)
				strbuf_printf(&names, "%s%s", i ? ", " : "", customers.items[i].name);
			error_set(err, STATUS_NOT_FOUND, "%s lists no affected customer \"%s\" (%s%s)", incident->ref,
				  customer, customers.len ? "it lists: " : "it lists none: add them to the lead details",
				  strbuf_str(&names));
			strbuf_free(&names);
			customer_list_free(&customers);
			free(items);
			return err->status;
		}
		rd.keep[0] = reader->name;
		rd.keep[1] = reader->contact;
		rd.names = xcalloc(2 * customers.len, sizeof(*rd.names));
		for (size_t i = 0; i < customers.len; i++)
			if (&customers.items[i] != reader) {
				rd.names[rd.len++] = customers.items[i].name;
				rd.names[rd.len++] = customers.items[i].contact;
			}
		redacting = &rd;
	}

	report_values(config, incident, r, &values);
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_value *v = field_list_find(&values, form->key, form->fields[i].key);

		items[i].key = form->fields[i].key;
		items[i].label = form->fields[i].label;
		items[i].value = redact(redacting, v->value);
		items[i].note = redact(redacting, v->note);
	}
	field_list_free(&values);
	if (reader) {
		char *mine = disclosed_for(dv ? dv->value : "", reader->name);
		disclosed = redact(redacting, mine);
		free(mine);
	}

	time_format_utc(now, prepared, sizeof(prepared));
	title = redact(redacting, incident->title);
	if (format == REPORT_JSON) {
		json_init(&w.json, &buf);
		json_object_begin(&w.json);
		json_text(&w, "ref", incident->ref);
		json_text(&w, "title", title);
		json_text(&w, "organisation", config->organisation);
		json_text(&w, "status", incident->status);
		json_text(&w, "opened", incident->created_at);
		/* Brought by an export: what it says is the file's word. */
		json_key(&w.json, "imported");
		whole_imported_json(&w.json, r->imported);
		json_text(&w, "prepared", prepared);
		json_text(&w, "customer", reader ? reader->name : NULL);
		json_key(&w.json, "report");
		json_object_begin(&w.json);
		for (size_t i = 0; i < form->nfields; i++) {
			if (reader && strcmp(items[i].key, "data_disclosed") == 0)
				continue;
			json_key(&w.json, items[i].key);
			json_object_begin(&w.json);
			json_text(&w, "label", items[i].label);
			json_text(&w, "value", items[i].value);
			if (form->fields[i].has_note)
				json_text(&w, "note", items[i].note);
			json_object_end(&w.json);
		}
		json_object_end(&w.json);
		if (reader) {
			json_text(&w, "data_disclosed", disclosed);
		} else {
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
		}
		write_deadlines(&w, r, redacting);
		json_object_end(&w.json);
		strbuf_putc(&buf, '\n');
	} else {
		char *safe_title = safe(&w, title), *safe_ref = safe(&w, incident->ref);

		if (format == REPORT_MD)
			strbuf_printf(&buf, "# Incident report: %s\n\n**%s**\n\n", safe_ref, safe_title);
		else
			strbuf_printf(&buf, "INCIDENT REPORT %s\n%s\n\n", safe_ref, safe_title);
		free(safe_title);
		free(safe_ref);
		put_fact(&w, "Organisation", config->organisation);
		if (reader)
			put_fact(&w, "For", reader->name);
		char *opened = time_utc_to_local(incident->created_at);

		put_fact(&w, "Status", incident->status);
		put_fact(&w, "Opened", opened);
		if (r->imported) {
			char *from = whole_imported_text(r->imported);

			put_fact(&w, "Imported", from);
			free(from);
		}
		time_format_local(now, prepared, sizeof(prepared));
		put_fact(&w, "Prepared", prepared);
		free(opened);
		for (size_t i = 0; i < form->nfields; i++) {
			const char *value = items[i].value;
			char *with_note = NULL;

			/* A customer sees only their own lines of it, below. */
			if (reader && strcmp(items[i].key, "data_disclosed") == 0)
				continue;
			if (*items[i].note)
				value = with_note = xasprintf("%s\n%s", value, items[i].note);
			put_heading(&w, items[i].label);
			put_block(&w, value);
			free(with_note);
		}
		if (reader) {
			put_heading(&w, "Data of yours that may have been disclosed");
			put_block(&w, *disclosed ? disclosed : "None identified so far. We will tell you if that changes.");
		} else {
			put_heading(&w, "Affected customers");
			if (!customers.len)
				put_block(&w, "None.");
			for (size_t i = 0; i < customers.len; i++) {
				char *line = xasprintf("%s <%s>", customers.items[i].name, customers.items[i].contact);
				char *s = safe(&w, line);
				strbuf_printf(&buf, "%s%s\n", format == REPORT_MD ? "- " : "  ", s);
				free(s);
				free(line);
			}
			write_costs(&w, r);
		}
		write_deadlines(&w, r, redacting);
	}

	for (size_t i = 0; i < form->nfields; i++) {
		free(items[i].value);
		free(items[i].note);
	}
	free(items);
	free(disclosed);
	free(title);
	free(rd.names);
	customer_list_free(&customers);
	*out = strbuf_take(&buf);
	return STATUS_OK;
}
