/* The draft of a regime stage's submission: its checklist filled from the
 * record, and what is still missing. */
#include "sirt/stage_draft.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/customer_names.h"
#include "sirt/form.h"
#include "sirt/record.h"
#include "sirt/report.h"
#include "sirt/sanitize.h"
#include "sirt/timefmt.h"

/* A stored UTC time as local time, or NULL for none. */
static char *local_time(const char *iso)
{
	return iso && *iso ? time_utc_to_local(iso) : NULL;
}

/* A field's value as the screens show it (with its note), or NULL when it
 * is not filled in. */
static char *field_text(const struct config *config, const struct field_list *fields, const char *key)
{
	const struct field_value *v = field_list_any(fields, key);
	const struct field_def *f = config_field(config, key);
	char *text;

	if (!v || form_value_blank(v->value))
		return NULL;
	if (!f)
		return xstrdup(v->value);
	text = form_value_with_note(f, v);
	if (form_value_blank(text)) {
		free(text);
		return NULL;
	}
	return text;
}

/* The earliest standing decision of key, as "TIME, by WHO: WHY". */
static char *decision_text(const struct decision_list *decisions, const char *key)
{
	const struct decision *best = NULL;
	time_t best_at = 0;

	for (size_t i = 0; decisions && i < decisions->len; i++) {
		const struct decision *d = &decisions->items[i];
		const char *at = d->happened_at && *d->happened_at ? d->happened_at : d->decided_at;
		time_t t;

		if (strcmp(d->key, key) != 0 || (d->withdrawn_at && *d->withdrawn_at) || !at ||
		    time_parse_utc(at, &t) != 0)
			continue;
		if (!best || t < best_at) {
			best = d;
			best_at = t;
		}
	}
	if (!best) {
		return NULL;
	} else {
		char when[TIME_TEXT_MAX];

		time_format_local(best_at, when, sizeof(when));
		return xasprintf("%s, by %s: %s", when, best->decided_by ? best->decided_by : "?",
				 best->why ? best->why : "");
	}
}

/* The full name of the stage submitted:STAGE names, from rule's regime. */
static char *stage_full_name(const struct deadline_rule *rule, const char *stage)
{
	if (strchr(stage, '.') || !rule->regime)
		return xstrdup(stage);
	return xasprintf("%s.%s", rule->regime->name, stage);
}

/* The latest submission of the stage, as "TIME by HOW, reference REF". */
static char *submitted_text(const struct deadline_rule *rule, const struct deadline_met_list *met, const char *stage)
{
	char *name = stage_full_name(rule, stage), *text = NULL;
	const struct deadline_met *last = NULL;
	time_t last_at = 0;

	for (size_t i = 0; met && i < met->len; i++) {
		const struct deadline_met *m = &met->items[i];
		const char *at = m->happened_at && *m->happened_at ? m->happened_at : m->met_at;
		time_t t;

		if (strcmp(m->rule, name) != 0 || !at || time_parse_utc(at, &t) != 0)
			continue;
		if (!last || t >= last_at) {
			last = m;
			last_at = t;
		}
	}
	if (last) {
		char when[TIME_TEXT_MAX];

		time_format_local(last_at, when, sizeof(when));
		text = xasprintf("%s by %s (%s)%s%s", when, last->met_by ? last->met_by : "?", last->how,
				 last->reference && *last->reference ? ", reference " : "",
				 last->reference && *last->reference ? last->reference : "");
	}
	free(name);
	return text;
}

/* What the record says for source, or NULL when it says nothing (by-hand
 * items never have a value). */
static char *item_value(const struct stage_draft_input *in, const char *source)
{
	const struct field_value *v;

	if (!source || !*source || strcmp(source, "by-hand") == 0)
		return NULL;
	if (strncmp(source, "field:", 6) == 0)
		return field_text(in->config, in->fields, source + 6);
	if (strcmp(source, "ref") == 0)
		return xstrdup(in->incident->ref);
	if (strcmp(source, "title") == 0)
		return form_value_blank(in->incident->title) ? NULL : xstrdup(in->incident->title);
	if (strcmp(source, "category") == 0) {
		const struct category *c;

		if (!in->incident->category)
			return NULL;
		c = config_category(in->config, in->incident->category);
		return c ? xasprintf("%s (%s)", c->label, c->key) : xstrdup(in->incident->category);
	}
	if (strcmp(source, "noticed") == 0) {
		v = field_list_any(in->fields, "first_noticed");
		return v ? local_time(v->value) : NULL;
	}
	if (strcmp(source, "discovered") == 0 || strcmp(source, "called") == 0) {
		if (strcmp(source, "discovered") == 0 && (v = field_list_any(in->fields, "first_noticed")) &&
		    !form_value_blank(v->value))
			return local_time(v->value);
		v = field_list_any(in->fields, "call_time");
		return v && !form_value_blank(v->value) ? local_time(v->value) : local_time(in->incident->created_at);
	}
	if (strncmp(source, "submitted:", 10) == 0)
		return submitted_text(in->rule, in->met, source + 10);
	if (strcmp(source, "classified-major") == 0 || strcmp(source, "materiality-determined") == 0)
		return decision_text(in->decisions, source);
	return NULL;
}

/* An item written without a source: the field of that key if a form has
 * one, else by hand (the regime file format's rule). */
static const char *item_source(const struct config *config, const struct stage_item *item)
{
	if (item->source && *item->source)
		return item->source;
	return config_field(config, item->key) ? NULL : "by-hand";
}

/* text, sanitized, each line after the first indented by indent. */
static void put_indented(struct strbuf *sb, const char *text, const char *indent)
{
	char *safe = sanitize(text, SANITIZE_KEEP_NEWLINES);

	for (const char *p = safe; *p; p++) {
		strbuf_putc(sb, *p);
		if (*p == '\n' && p[1])
			strbuf_puts(sb, indent);
	}
	free(safe);
}

static void put_header(struct strbuf *sb, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	strbuf_printf(sb, "%-9s ", label);
	put_indented(sb, text, "          ");
	strbuf_putc(sb, '\n');
}

static void put_due(struct strbuf *sb, const struct stage_draft_input *in)
{
	const struct deadline *d = in->deadline;
	char due[TIME_TEXT_MAX], *state;

	if (!d) {
		put_header(sb, "Due:", "not started: its clock has not started (or the stage does not apply yet)");
		return;
	}
	time_format_local(d->due, due, sizeof(due));
	if (d->state == DEADLINE_MET) {
		char *met = deadline_met_text(d, in->now);

		state = xasprintf("%s (%s)", due, met);
		free(met);
	} else {
		char *left = deadline_describe(d, in->now);

		state = xasprintf("%s (%s, %s)", due, deadline_label(d), left);
		free(left);
	}
	put_header(sb, "Due:", state);
	free(state);
}

/* A stage told to each customer (per = FIELD) is read by that customer:
 * the other customers' names, aliases and domains are hidden in what the
 * record fills in, as in the customer's report. false when the stage is
 * not per customer (names is then untouched). */
static bool customer_reader(const struct stage_draft_input *in, struct customer_names *names)
{
	struct incident_record record = {0};
	struct customer_list listed, known;
	size_t at = 0;
	bool found;

	if (!in->rule->per || !*in->rule->per || !in->deadline)
		return false;
	record.fields = *in->fields;	/* borrowed: only the fields are read */
	report_customers(in->config, &record, &listed);
	report_customers_known(in->config, &record, &known);
	found = report_customer_find(&known, listed.len, in->deadline->party, &at);
	/* Not found cannot be: the deadline's party came from that list. Hide
	 * every customer's name then rather than none. */
	customer_names_init(names, &known, found ? at : known.len);
	customer_list_free(&listed);
	customer_list_free(&known);
	return true;
}

/* text, with the other customers hidden when names is given. */
static char *for_reader(const struct customer_names *names, char *text)
{
	char *hidden;

	if (!names || !text)
		return text;
	hidden = customer_names_redact(names, text);
	free(text);
	return hidden;
}

char *stage_draft_render(const struct stage_draft_input *in, size_t *missing)
{
	const struct deadline_rule *r = in->rule;
	struct strbuf sb = {0}, gaps = {0};
	struct customer_names reader_names;
	const struct customer_names *names = customer_reader(in, &reader_names) ? &reader_names : NULL;
	char *cites, *title;
	size_t nmissing = 0;

	/* The stage's title comes from a regime file: made safe as the rest is. */
	strbuf_printf(&sb, "DRAFT of %s: ", r->name);
	put_indented(&sb, r->title && *r->title ? r->title : r->name, "");
	strbuf_putc(&sb, '\n');
	put_header(&sb, "Regime:", r->regime ? r->regime->title : "");
	put_header(&sb, "Incident:", in->incident->ref);
	title = for_reader(names, xstrdup(in->incident->title));
	put_header(&sb, "Title:", title);
	free(title);
	put_header(&sb, "To:", in->deadline ? in->deadline->party : r->party);
	put_header(&sb, "Address:", in->deadline ? in->deadline->address : r->address);
	put_due(&sb, in);
	cites = xasprintf("%s%s%s", r->regime && r->regime->cites ? r->regime->cites : "",
			  r->regime && r->regime->cites && *r->regime->cites && r->cites && *r->cites ? "; " : "",
			  r->cites ? r->cites : "");
	put_header(&sb, "Cites:", cites);
	free(cites);

	for (size_t i = 0; i < r->nitems; i++) {
		const struct stage_item *item = &r->items[i];
		const char *source = item_source(in->config, item);
		char *key_source = source ? NULL : xasprintf("field:%s", item->key);
		char *value = for_reader(names, item_value(in, source ? source : key_source));
		bool by_hand = source && strcmp(source, "by-hand") == 0;

		strbuf_printf(&sb, "\n%zu. ", i + 1);
		put_indented(&sb, item->label, "   ");
		strbuf_puts(&sb, "\n   ");
		if (value) {
			put_indented(&sb, value, "   ");
		} else {
			nmissing++;
			strbuf_puts(&sb, by_hand ? "[to be written]" : "[missing]");
			strbuf_puts(&gaps, "  - ");
			put_indented(&gaps, item->label, "    ");
			if (by_hand)
				strbuf_puts(&gaps, ": to be written by hand");
			else
				strbuf_printf(&gaps, ": the record has none yet (%s)", source ? source : key_source);
			strbuf_putc(&gaps, '\n');
		}
		strbuf_putc(&sb, '\n');
		free(value);
		free(key_source);
	}
	if (nmissing)
		strbuf_printf(&sb, "\nStill missing:\n%s", strbuf_str(&gaps));
	else
		strbuf_puts(&sb, "\nStill missing: nothing\n");
	strbuf_free(&gaps);
	if (names)
		customer_names_free(&reader_names);
	if (missing)
		*missing = nmissing;
	return strbuf_take(&sb);
}

const struct deadline_rule *stage_draft_find(const struct config *config, const char *name)
{
	const struct deadline_rule *found = NULL;

	if (!name || !*name)
		return NULL;
	for (size_t i = 0; i < config->ndeadlines; i++) {
		const struct deadline_rule *r = &config->deadlines[i];
		const char *dot;

		if (strcmp(r->name, name) == 0)
			return r->regime ? r : NULL;
		dot = strchr(r->name, '.');
		if (r->regime && dot && strcmp(dot + 1, name) == 0) {
			if (found)
				return NULL;	/* two regimes have it: say which */
			found = r;
		}
	}
	return found;
}
