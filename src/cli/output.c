/* Command-line output. Text for terminals is sanitised; JSON and CSV
 * escape instead, so they carry every byte as stored. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/calls.h"
#include "sirt/changes.h"
#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/cost.h"
#include "sirt/deadline.h"
#include "sirt/evidence.h"
#include "sirt/formdef.h"
#include "sirt/investigation.h"
#include "sirt/json.h"
#include "sirt/mem.h"
#include "sirt/procedure.h"
#include "sirt/record.h"
#include "sirt/register.h"
#include "sirt/sanitize.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"
#include "sirt/whole.h"

static void put_cell(struct strbuf *line, const char *text, int cols)
{
	char *safe = sanitize(text ? text : "", 0);
	text_pad(line, safe, cols, true);
	strbuf_putc(line, ' ');
	free(safe);
}

static void list_table_header(struct list_output *lo)
{
	fprintf(lo->out, "%-*s %-10s %-9s %-4s %-11s %s\n", lo->ref_cols, "REF", "STATUS", "CATEGORY", "AGE",
		"UPDATED", "TITLE");
}

static void list_table_row(struct list_output *lo, const struct incident *in)
{
	char age[16] = "", updated[TIME_TEXT_MAX] = "";
	time_t t;
	char *title;

	if (time_parse_utc(in->created_at, &t) == 0)
		time_format_age(t, lo->now, age, sizeof(age));
	if (time_parse_utc(in->updated_at, &t) == 0)
		time_format_short(t, updated, sizeof(updated));
	strbuf_reset(&lo->buf);
	put_cell(&lo->buf, in->ref, lo->ref_cols);
	put_cell(&lo->buf, in->status, 10);
	put_cell(&lo->buf, in->category ? in->category : "-", 9);
	put_cell(&lo->buf, age, 4);
	put_cell(&lo->buf, updated, 11);
	title = sanitize(in->title, 0);
	strbuf_puts(&lo->buf, title);
	free(title);
	fprintf(lo->out, "%s\n", strbuf_str(&lo->buf));
}

/* RFC 4180 quoting. A cell a spreadsheet would run as a formula gets a
 * leading apostrophe: exports are opened by people, not only parsed.
 * CSV has no escapes: for a terminal, a cell is shown safely instead. */
static void csv_cell(struct strbuf *line, const char *text, bool last, bool terminal)
{
	char *shown = terminal ? sanitize(text, 0) : NULL;
	const char *t = shown ? shown : text ? text : "";

	strbuf_putc(line, '"');
	if (strchr("=+-@\t\r", t[0]) && t[0])
		strbuf_putc(line, '\'');
	for (; *t; t++) {
		if (*t == '"')
			strbuf_putc(line, '"');
		strbuf_putc(line, *t);
	}
	strbuf_putc(line, '"');
	strbuf_puts(line, last ? "\r\n" : ",");
	free(shown);
}

static void list_csv_row(struct list_output *lo, const struct incident *in)
{
	struct strbuf *line = &lo->buf;
	bool terminal = lo->terminal;
	char version[32];

	snprintf(version, sizeof(version), "%lld", (long long)in->version);
	strbuf_reset(line);
	csv_cell(line, in->ref, false, terminal);
	csv_cell(line, in->status, false, terminal);
	csv_cell(line, in->category, false, terminal);
	csv_cell(line, in->procedure, false, terminal);
	csv_cell(line, in->title, false, terminal);
	csv_cell(line, in->created_at, false, terminal);
	csv_cell(line, in->created_by, false, terminal);
	csv_cell(line, in->updated_at, false, terminal);
	csv_cell(line, in->updated_by, false, terminal);
	csv_cell(line, version, true, terminal);
	fputs(strbuf_str(line), lo->out);
}

static void json_incident_fields(struct json *j, const struct incident *in)
{
	json_key(j, "ref");
	json_string(j, in->ref);
	json_key(j, "title");
	json_string(j, in->title);
	json_key(j, "status");
	json_string(j, in->status);
	json_key(j, "category");
	json_string(j, in->category);
	json_key(j, "procedure");
	json_string(j, in->procedure);
	json_key(j, "created_at");
	json_string(j, in->created_at);
	json_key(j, "created_by");
	json_string(j, in->created_by);
	json_key(j, "updated_at");
	json_string(j, in->updated_at);
	json_key(j, "updated_by");
	json_string(j, in->updated_by);
	json_key(j, "version");
	json_int(j, in->version);
}

/* One record of a kind as JSON, keyed as show has always keyed it: the
 * kind's columns by name, who added it and when by its table's own
 * names (noted_at, collected_by), its withdrawal where the kind has one.
 * extra adds what is not stored (who holds an item now) before the
 * object ends. */
static void json_kind_record(struct json *j, const struct record_kind *kind, const void *record,
			     void (*extra)(struct json *j, const void *record, const void *ctx), const void *ctx)
{
	const char *base = record;
	struct stamp_columns stamp = kind_stamp(kind);

	json_object_begin(j);
	if (!kind->unnumbered) {
		json_key(j, "number");
		json_int(j, record_number(kind, record));
	}
	for (size_t c = 0; c < kind->ncolumns; c++) {
		const struct kind_column *col = &kind->columns[c];
		const char *text;
		int64_t n;

		json_key(j, col->json ? col->json : col->name);
		switch (col->type) {
		case COLUMN_INT:
		case COLUMN_INT_OR_NULL:
			n = *(const int64_t *)(base + col->offset);
			if (col->field == FIELD_MONEY) {
				char amount[40];

				money_format_plain(n, amount, sizeof(amount));
				json_string(j, amount);
			} else if (col->type == COLUMN_INT_OR_NULL && n == 0 && !col->only_with) {
				json_null(j);
			} else {
				json_int(j, n);
			}
			break;
		case COLUMN_BOOL:
			json_bool(j, *(const bool *)(base + col->offset));
			break;
		case COLUMN_TIME:
			/* No time is null, never "". */
			text = record_text(record, col->offset);
			json_string(j, text && *text ? text : NULL);
			break;
		case COLUMN_TEXT:
			json_string(j, record_text(record, col->offset));
			break;
		}
	}
	json_key(j, stamp.at);
	json_string(j, record_text(record, kind->added_at));
	json_key(j, stamp.by);
	json_string(j, record_text(record, kind->added_by));
	if (kind->withdrawals) {
		json_key(j, "withdrawn_at");
		json_string(j, record_text(record, kind->withdrawn_at));
		json_key(j, "withdrawn_by");
		json_string(j, record_text(record, kind->withdrawn_by));
		json_key(j, "withdrawn_reason");
		json_string(j, record_text(record, kind->withdrawn_reason));
		json_key(j, "withdrawn_imported");
		whole_imported_json(j, record_withdrawn_imported(kind, record));
	}
	/* Brought by an export: who and when above are the file's word. */
	json_key(j, "imported");
	whole_imported_json(j, record_imported(kind, record));
	if (extra)
		extra(j, record, ctx);
	json_object_end(j);
}

static void json_call(struct json *j, const struct call_attempt *c)
{
	json_kind_record(j, &call_kind, c, NULL, NULL);
}

/* Prints line (and frees it), sanitised, for a terminal. */
static void print_line(FILE *out, char *line)
{
	char *safe = sanitize(line, 0);

	fprintf(out, "%s\n", safe);
	free(safe);
	free(line);
}

/* What a command recorded, as {"ref": REF, key: {...}}: the caller writes
 * the record between the two. */
static void json_one_begin(struct json *j, struct strbuf *sb, const struct incident *in, const char *key)
{
	json_init(j, sb);
	json_object_begin(j);
	json_key(j, "ref");
	json_string(j, in->ref);
	json_key(j, key);
}

static void json_one_end(FILE *out, struct json *j, struct strbuf *sb)
{
	json_object_end(j);
	fputs(strbuf_str(sb), out);
	strbuf_free(sb);
}

void output_call(FILE *out, const struct incident *in, const struct call_attempt *c, bool as_json)
{
	struct strbuf sb = {0};
	struct json j;
	char *when;

	if (as_json) {
		json_one_begin(&j, &sb, in, "call");
		json_call(&j, c);
		json_one_end(out, &j, &sb);
		return;
	}
	when = whole_when(c->happened_at, c->called_at);
	print_line(out, xasprintf("%s: called %s (%s) at %s: %s%s%s", in->ref, c->name, *c->phone ? c->phone : "no phone",
				  when, call_outcome_label(c->outcome), *c->note ? "; " : "", c->note));
	free(when);
}

/* A decision an export brought is not one made here: decided_here
 * says which (null while none is made). */
static void json_decided_here(struct json *j, const void *record, const void *ctx)
{
	const struct change *c = record;

	(void)ctx;
	json_key(j, "decided_here");
	if (c->decided_at)
		json_bool(j, c->imported == NULL);
	else
		json_null(j);
}

static void json_change(struct json *j, const struct change *c)
{
	json_kind_record(j, &change_kind, c, json_decided_here, NULL);
}

static void json_cost(struct json *j, const struct cost *c)
{
	json_kind_record(j, &cost_kind, c, NULL, NULL);
}

/* "change 2: Patch the VPN gateway (approved by jalvarez: ...)" */
/* A cost line's text after the reference, and each total per currency:
 * "IR-2026-0001 total USD 12,500.00 (...)". */
void output_costs(FILE *out, const struct incident *in, const struct cost_list *costs, bool as_json)
{
	struct cost_totals totals;
	struct strbuf sb = {0};
	struct json j;

	cost_totals(costs, &totals);
	if (as_json) {
		char amount[32];

		json_one_begin(&j, &sb, in, "costs");
		json_array_begin(&j);
		for (size_t i = 0; i < costs->len; i++)
			json_cost(&j, &costs->items[i]);
		json_array_end(&j);
		json_key(&j, "totals");
		json_array_begin(&j);
		for (size_t i = 0; i < totals.len; i++) {
			const struct cost_total *t = &totals.items[i];

			json_object_begin(&j);
			json_key(&j, "currency");
			json_string(&j, t->currency);
			money_format_plain(t->damage + t->containment, amount, sizeof(amount));
			json_key(&j, "total");
			json_string(&j, amount);
			money_format_plain(t->damage, amount, sizeof(amount));
			json_key(&j, "damage");
			json_string(&j, amount);
			money_format_plain(t->containment, amount, sizeof(amount));
			json_key(&j, "containment");
			json_string(&j, amount);
			money_format_plain(t->estimated, amount, sizeof(amount));
			json_key(&j, "estimated");
			json_string(&j, amount);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_one_end(out, &j, &sb);
		cost_totals_free(&totals);
		return;
	}
	for (size_t i = 0; i < costs->len; i++) {
		char *text = cost_text(&costs->items[i]);

		print_line(out, xasprintf("%s %s", in->ref, text));
		free(text);
	}
	for (size_t i = 0; i < totals.len; i++) {
		/* The currency came from the store: an import may have put
		 * anything of three characters there. */
		char *text = cost_total_text(&totals.items[i]);

		print_line(out, xasprintf("%s total %s", in->ref, text));
		free(text);
	}
	cost_totals_free(&totals);
}

static void json_step(struct json *j, const struct step_record *x)
{
	json_object_begin(j);
	json_key(j, "key");
	json_string(j, x->step_key);
	json_key(j, "procedure");
	json_string(j, x->procedure);
	json_key(j, "title");
	json_string(j, x->title);
	json_key(j, "state");
	json_string(j, x->state);
	json_key(j, "note");
	json_string(j, x->note);
	json_key(j, "marked_at");
	json_string(j, x->marked_at);
	json_key(j, "marked_by");
	json_string(j, x->marked_by);
	json_key(j, "happened_at");
	json_string(j, x->happened_at);
	json_key(j, "version");
	json_int(j, x->version);
	json_key(j, "imported");
	whole_imported_json(j, x->imported);
	json_object_end(j);
}

void output_step(FILE *out, const struct incident *in, const struct step_record *r, bool as_json)
{
	struct strbuf sb = {0};
	struct json j;

	if (as_json) {
		json_one_begin(&j, &sb, in, "step");
		json_step(&j, r);
		json_one_end(out, &j, &sb);
		return;
	}
	{
		char *line = xasprintf("%s: step %s: %s%s%s", in->ref, step_state_label(r->state), r->title,
				       *r->note ? " (" : "", r->note);
		char *safe = sanitize(line, 0);

		fprintf(out, "%s%s\n", safe, *r->note ? ")" : "");
		free(safe);
		free(line);
	}
}

void output_change(FILE *out, const struct incident *in, const struct change *c, bool as_json)
{
	struct strbuf sb = {0};
	struct json j;
	char *text;

	if (as_json) {
		json_one_begin(&j, &sb, in, "change");
		json_change(&j, c);
		json_one_end(out, &j, &sb);
		return;
	}
	text = change_text(c);
	print_line(out, xasprintf("%s: %s", in->ref, text));
	free(text);
}

static void json_note(struct json *j, const struct note *n)
{
	json_kind_record(j, &note_kind, n, NULL, NULL);
}

static void json_witness(struct json *j, const struct witness *w)
{
	json_kind_record(j, &witness_kind, w, NULL, NULL);
}

void output_note(FILE *out, const struct incident *in, const struct note *n, bool as_json)
{
	struct strbuf sb = {0};
	struct json j;
	char *when;

	if (as_json) {
		json_one_begin(&j, &sb, in, "note");
		json_note(&j, n);
		json_one_end(out, &j, &sb);
		return;
	}
	when = time_utc_to_local(n->noted_at);
	print_line(out, xasprintf("%s: note (%s) at %s by %s: %s", in->ref, note_kind_label(n->kind), when, n->noted_by,
				  n->text));
	free(when);
}

void output_witness(FILE *out, const struct incident *in, const struct witness *w, bool as_json)
{
	struct strbuf sb = {0};
	struct json j;

	if (as_json) {
		json_one_begin(&j, &sb, in, "witness");
		json_witness(&j, w);
		json_one_end(out, &j, &sb);
		return;
	}
	print_line(out, xasprintf("%s: witness %lld: %s%s%s", in->ref, (long long)w->number, w->name,
				  *w->contact ? ", " : "", w->contact));
}

/* Who holds the item now: not stored, worked out from its hand-overs. */
static void json_custodian(struct json *j, const void *record, const void *reg)
{
	json_key(j, "custodian");
	json_string(j, evidence_custodian(reg, ((const struct evidence *)record)->number));
}

static void json_evidence(struct json *j, const struct evidence_register *reg, const struct evidence *e)
{
	json_kind_record(j, &evidence_kind, e, json_custodian, reg);
}

static void json_custody(struct json *j, const struct custody *c)
{
	json_kind_record(j, &custody_kind, c, NULL, NULL);
}

static void json_check(struct json *j, const struct evidence_check *c)
{
	json_kind_record(j, &evidence_check_kind, c, NULL, NULL);
}

void output_evidence(FILE *out, const struct incident *in, const struct evidence_register *reg,
		     const struct evidence *e, bool as_json)
{
	struct strbuf sb = {0};
	struct json j;

	if (as_json) {
		json_one_begin(&j, &sb, in, "evidence");
		json_evidence(&j, reg, e);
		json_one_end(out, &j, &sb);
		return;
	}
	print_line(out, xasprintf("%s: evidence %lld (%s): %s%s%s%s%s%s%s%s", in->ref, (long long)e->number,
				  evidence_kind_label(e->kind), e->description, *e->sha256 ? "; sha256 " : "", e->sha256,
				  e->corrects ? "; corrects an earlier item" : "", *e->copy ? "; copy kept at " : "",
				  e->copy, *e->changing ? "; CHANGED while it was hashed: " : "", e->changing));
}

void output_custody(FILE *out, const struct incident *in, const struct custody *c, bool as_json)
{
	struct strbuf sb = {0};
	struct json j;

	if (as_json) {
		json_one_begin(&j, &sb, in, "custody");
		json_custody(&j, c);
		json_one_end(out, &j, &sb);
		return;
	}
	print_line(out, xasprintf("%s: evidence %lld handed from %s to %s: %s%s%s", in->ref, (long long)c->evidence,
				  c->from_who, c->to_who, c->purpose, *c->location ? "; kept at " : "", c->location));
}

void output_verifications(FILE *out, const struct incident *in, const struct evidence_register *reg, size_t first,
			  bool as_json)
{
	struct strbuf sb = {0};
	struct json j;

	if (as_json) {
		json_one_begin(&j, &sb, in, "verifications");
		json_array_begin(&j);
		for (size_t i = first; i < reg->nchecks; i++)
			json_check(&j, &reg->checks[i]);
		json_array_end(&j);
		json_one_end(out, &j, &sb);
		return;
	}
	for (size_t i = first; i < reg->nchecks; i++) {
		const struct evidence_check *c = &reg->checks[i];
		/* Which was checked: the original or the evidence store's copy. */
		const char *what = c->copy ? "stored copy" : "original";

		if (strcmp(c->result, "match") == 0)
			print_line(out, xasprintf("%s: evidence %lld: %s: match (sha256 %s)", in->ref,
						  (long long)c->evidence, what, c->actual));
		else
			print_line(out, xasprintf("%s: evidence %lld: %s: %s: expected %s, found %s", in->ref,
						  (long long)c->evidence, what, strcmp(c->result, "mismatch") == 0 ?
						  "MISMATCH" : "MISSING", c->expected, *c->actual ? c->actual : "no file"));
	}
}

static void json_deadline(struct json *j, const struct deadline *d, time_t now)
{
	char at[TIME_TEXT_MAX];
	char *text = deadline_describe(d, now);

	json_object_begin(j);
	json_key(j, "rule");
	json_string(j, d->rule->name);
	/* A regime's stage: its regime, its KEY and title; a plan's own
	 * [deadline.NAME]: no regime or stage, its title if it has one. */
	json_key(j, "regime");
	json_string(j, d->rule->regime ? d->rule->regime->name : NULL);
	json_key(j, "stage");
	json_string(j, d->rule->regime ? d->rule->name + strlen(d->rule->regime->name) + 1 : NULL);
	json_key(j, "title");
	json_string(j, d->rule->title && *d->rule->title ? d->rule->title : NULL);
	json_key(j, "party");
	json_string(j, d->party);
	json_key(j, "address");
	json_string(j, d->address);
	time_format_utc(d->start, at, sizeof(at));
	json_key(j, "starts");
	json_string(j, at);
	time_format_utc(d->due, at, sizeof(at));
	json_key(j, "due");
	json_string(j, at);
	json_key(j, "state");
	json_string(j, d->state == DEADLINE_MET ? "met" : d->state == DEADLINE_OVERDUE ? "overdue" :
			d->state == DEADLINE_WARNING ? "warning" : "open");
	json_key(j, "remaining");
	json_string(j, text);
	/* How long after it was due the party was told: 0 in time, null
	 * while not told. */
	json_key(j, "late_by_seconds");
	if (d->state == DEADLINE_MET)
		json_int(j, deadline_late_by(d));
	else
		json_null(j);
	json_key(j, "met_at");
	json_string(j, d->met ? d->met->met_at : NULL);
	json_key(j, "met_by");
	json_string(j, d->met ? d->met->met_by : NULL);
	json_key(j, "happened_at");
	json_string(j, d->met ? d->met->happened_at : NULL);
	json_key(j, "how");
	json_string(j, d->met ? d->met->how : NULL);
	json_key(j, "reference");
	json_string(j, d->met ? d->met->reference : NULL);
	/* The text sent, whole; null when none was kept or while not told. */
	json_key(j, "sent");
	json_string(j, d->met && d->met->sent && *d->met->sent ? d->met->sent : NULL);
	json_object_end(j);
	free(text);
}

void output_deadlines(FILE *out, const struct deadline_row *rows, size_t n, time_t now, bool as_json)
{
	int ref_cols = 13;	/* IR-2026-0001; a longer prefix widens it */

	if (as_json) {
		struct strbuf sb = {0};
		struct json j;

		json_init(&j, &sb);
		json_array_begin(&j);
		for (size_t i = 0; i < n; i++) {
			json_object_begin(&j);
			json_key(&j, "ref");
			json_string(&j, rows[i].incident->ref);
			json_key(&j, "deadline");
			json_deadline(&j, rows[i].deadline, now);
			json_object_end(&j);
		}
		json_array_end(&j);
		fputs(strbuf_str(&sb), out);
		strbuf_free(&sb);
		return;
	}
	/* Each column as wide as its widest value: nothing is cut, on a
	 * terminal or into a pipe ("met by root (email: ...)"). */
	int remaining_cols = 16;

	for (size_t i = 0; i < n; i++) {
		char *text = deadline_met_text(rows[i].deadline, now);

		if (text_width(rows[i].incident->ref) > ref_cols)
			ref_cols = text_width(rows[i].incident->ref);
		if (text_width(text) > remaining_cols)
			remaining_cols = text_width(text);
		free(text);
	}
	fprintf(out, "%-*s %-9s %-21s %-*s %s\n", ref_cols, "REF", "STATE", "DUE", remaining_cols, "REMAINING", "PARTY");
	for (size_t i = 0; i < n; i++) {
		const struct deadline *d = rows[i].deadline;
		char due[TIME_TEXT_MAX], *text = deadline_met_text(d, now), *party = sanitize(d->party, 0);
		struct strbuf sb = {0};

		time_format_local(d->due, due, sizeof(due));
		strbuf_printf(&sb, "%-*s ", ref_cols, rows[i].incident->ref);
		text_pad(&sb, deadline_label(d), 9, false);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, due, 21, false);
		strbuf_putc(&sb, ' ');
		text_pad(&sb, text, remaining_cols, false);
		strbuf_printf(&sb, " %s (%s)", party, d->rule->name);
		print_line(out, strbuf_take(&sb));
		/* A stage's title on a line of its own under the row, within
		 * 80 columns: the row is already as wide as its columns. */
		if (d->rule->title && *d->rule->title) {
			char *title = sanitize(d->rule->title, 0), *line;

			strbuf_printf(&sb, "%*s", ref_cols + 1, "");
			text_pad(&sb, title, 80 - ref_cols - 1, true);
			line = strbuf_take(&sb);
			for (size_t end = strlen(line); end && line[end - 1] == ' '; end--)
				line[end - 1] = '\0';
			print_line(out, line);
			free(title);
		}
		free(party);
		free(text);
	}
}

/* Where else a record of a register is: the incidents that hold one
 * like it. */
static void json_elsewhere(struct json *j, const void *record, const void *elsewhere)
{
	struct strlist others = {0};

	(void)record;
	json_key(j, "elsewhere");
	json_array_begin(j);
	strlist_split(&others, elsewhere);
	for (size_t i = 0; i < others.len; i++)
		json_string(j, others.items[i]);
	strlist_free(&others);
	json_array_end(j);
}

static void json_record(struct json *j, const struct register_def *reg, const void *record, const char *elsewhere)
{
	/* Only a kind whose records may be the same thing on another
	 * incident says where else it is. */
	json_kind_record(j, reg->kind, record, elsewhere && reg->same_by ? json_elsewhere : NULL, elsewhere);
}

static void json_records(struct json *j, const struct register_def *reg, const struct register_records *records)
{
	json_array_begin(j);
	for (size_t i = 0; i < records->records.len; i++)
		json_record(j, reg, record_item(reg->kind, &records->records, i),
			    records->elsewhere.items[i]);
	json_array_end(j);
}

/* Prints lines as rows for a terminal (sanitised on the way). */
static void print_lines(FILE *out, const struct whole_section *lines)
{
	struct strlist rows = {0};

	for (size_t i = 0; i < lines->len; i++)
		whole_line_rows(&lines->lines[i], 0, &rows);
	for (size_t i = 0; i < rows.len; i++)
		fprintf(out, "%s\n", rows.items[i]);
	strlist_free(&rows);
}

/* One record as text, as show has it: its line, then what else it has,
 * who added it and when, its withdrawal. ref (may be NULL) leads it. */
static void text_record(FILE *out, const struct register_def *reg, const void *record, const char *elsewhere,
			const char *ref)
{
	struct whole_section lines = {0};

	whole_record_lines(reg, record, elsewhere, ref, &lines);
	print_lines(out, &lines);
	whole_section_free(&lines);
}

void output_records(FILE *out, const struct incident *in, const struct register_def *reg,
		    const struct register_records *records, bool as_json)
{
	struct strbuf sb = {0};
	struct json j;

	if (as_json) {
		/* Under the key show has them under. */
		json_one_begin(&j, &sb, in, reg->kind->list ? reg->kind->list : reg->kind->name);
		json_records(&j, reg, records);
		json_one_end(out, &j, &sb);
		return;
	}
	print_line(out, xasprintf("%s: %s (%zu)", in->ref, reg->kind->title, records->records.len));
	for (size_t i = 0; i < records->records.len; i++)
		text_record(out, reg, record_item(reg->kind, &records->records, i),
			    records->elsewhere.items[i], NULL);
}

void output_found(FILE *out, const struct register_def *reg, const char *value, const struct record_list *found,
		  const struct strlist *refs, bool as_json)
{
	struct strbuf sb = {0};
	struct json j;

	if (as_json) {
		json_init(&j, &sb);
		json_object_begin(&j);
		json_key(&j, "value");
		json_string(&j, value);
		json_key(&j, "found");
		json_array_begin(&j);
		for (size_t i = 0; i < found->len; i++) {
			json_object_begin(&j);
			json_key(&j, "ref");
			json_string(&j, refs->items[i]);
			json_key(&j, reg->kind->one);
			json_record(&j, reg, record_item(reg->kind, found, i), NULL);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_object_end(&j);
		fputs(strbuf_str(&sb), out);
		strbuf_free(&sb);
		return;
	}
	for (size_t i = 0; i < found->len; i++)
		text_record(out, reg, record_item(reg->kind, found, i), NULL, refs->items[i]);
}

void output_list_begin(struct list_output *lo, FILE *out, enum list_format format, bool terminal, time_t now,
		       int ref_cols)
{
	memset(lo, 0, sizeof(*lo));
	lo->out = out;
	lo->format = format;
	lo->terminal = terminal;
	lo->now = now;
	lo->ref_cols = ref_cols > 13 ? ref_cols : 13;	/* IR-2026-0001 */
	switch (format) {
	case LIST_TABLE:
		list_table_header(lo);
		break;
	case LIST_CSV:
		fputs("ref,status,category,procedure,title,created_at,created_by,updated_at,updated_by,version\r\n", out);
		break;
	case LIST_JSON:
		json_init(&lo->json, &lo->buf);
		json_array_begin(&lo->json);
		break;
	}
}

void output_list_row(struct list_output *lo, const struct incident *in)
{
	lo->rows++;
	switch (lo->format) {
	case LIST_TABLE:
		list_table_row(lo, in);
		break;
	case LIST_CSV:
		list_csv_row(lo, in);
		break;
	case LIST_JSON:
		/* The writer keeps its place; what it wrote goes out a row at
		 * a time. */
		json_object_begin(&lo->json);
		json_incident_fields(&lo->json, in);
		json_object_end(&lo->json);
		fputs(strbuf_str(&lo->buf), lo->out);
		strbuf_reset(&lo->buf);
		break;
	}
}

void output_list_end(struct list_output *lo)
{
	if (lo->format == LIST_JSON) {
		json_array_end(&lo->json);
		fputs(strbuf_str(&lo->buf), lo->out);
	}
	strbuf_free(&lo->buf);
}

/* Every field of the form (empty when not saved), then any stored value
 * the form no longer defines, so nothing stored is left out. */
static void json_form(struct json *j, const struct form_def *form, const struct field_list *fields, bool notes)
{
	json_object_begin(j);
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_value *v = field_list_find(fields, form->key, form->fields[i].key);
		json_key(j, form->fields[i].key);
		json_string(j, v ? (notes ? v->note : v->value) : "");
	}
	for (size_t i = 0; i < fields->len; i++) {
		const struct field_value *v = &fields->items[i];
		if (strcmp(v->form, form->key) == 0 && !form_def_field(form, v->key)) {
			json_key(j, v->key);
			json_string(j, notes ? v->note : v->value);
		}
	}
	json_object_end(j);
}


enum status output_show_json(FILE *out, struct session *s, const struct incident *in, struct error *err)
{
	struct incident_record r;
	struct strbuf sb = {0};
	struct json j;
	enum status st = incident_record_load(s->store, s->config, in, session_now(), &r, err);

	if (st)
		return st;
	json_init(&j, &sb);
	json_object_begin(&j);
	json_incident_fields(&j, in);
	/* Brought by an export (null: logged here); what the file said of
	 * who did what is the file's word, each record marked the same. */
	json_key(&j, "imported");
	whole_imported_json(&j, r.imported);
	json_key(&j, "forms_imported");
	json_object_begin(&j);
	for (size_t f = 0; s->config->forms[f]; f++) {
		const struct provenance *from = NULL;

		for (size_t i = 0; i < r.fields.len && !from; i++)
			if (strcmp(r.fields.items[i].form, s->config->forms[f]->key) == 0)
				from = r.fields.items[i].imported;
		json_key(&j, s->config->forms[f]->key);
		whole_imported_json(&j, from);
	}
	json_object_end(&j);
	json_key(&j, "intake");
	json_form(&j, s->config->intake, &r.fields, false);
	json_key(&j, "triage");
	json_form(&j, s->config->triage, &r.fields, false);
	json_key(&j, "triage_notes");
	json_form(&j, s->config->triage, &r.fields, true);
	json_key(&j, "lead");
	json_form(&j, s->config->lead, &r.fields, false);
	json_key(&j, "lead_notes");
	json_form(&j, s->config->lead, &r.fields, true);
	json_key(&j, "report");
	json_form(&j, s->config->report, &r.fields, false);
	json_key(&j, "report_notes");
	json_form(&j, s->config->report, &r.fields, true);
	json_key(&j, "review");
	json_form(&j, s->config->review, &r.fields, false);
	json_key(&j, "costs");
	json_array_begin(&j);
	for (size_t i = 0; i < r.costs.len; i++)
		json_cost(&j, &r.costs.items[i]);
	json_array_end(&j);
	for (size_t i = 0; i < REGISTER_COUNT; i++) {
		/* Under its list's name where it has one ("decisions"). */
		json_key(&j, registers[i]->kind->list ? registers[i]->kind->list : registers[i]->kind->name);
		json_records(&j, registers[i], &r.registers[i]);
	}
	json_key(&j, "calls");
	json_array_begin(&j);
	for (size_t i = 0; i < r.calls.len; i++)
		json_call(&j, &r.calls.items[i]);
	json_array_end(&j);
	json_key(&j, "witnesses");
	json_array_begin(&j);
	for (size_t i = 0; i < r.witnesses.len; i++)
		json_witness(&j, &r.witnesses.items[i]);
	json_array_end(&j);
	json_key(&j, "notes");
	json_array_begin(&j);
	for (size_t i = 0; i < r.notes.len; i++)
		json_note(&j, &r.notes.items[i]);
	json_array_end(&j);
	json_key(&j, "deadlines");
	json_array_begin(&j);
	for (size_t i = 0; i < r.deadlines.len; i++)
		json_deadline(&j, &r.deadlines.items[i], session_now());
	json_array_end(&j);
	json_key(&j, "evidence");
	json_array_begin(&j);
	for (size_t i = 0; i < r.evidence.len; i++)
		json_evidence(&j, &r.evidence, &r.evidence.items[i]);
	json_array_end(&j);
	json_key(&j, "custody");
	json_array_begin(&j);
	for (size_t i = 0; i < r.evidence.ncustody; i++)
		json_custody(&j, &r.evidence.custody[i]);
	json_array_end(&j);
	json_key(&j, "verifications");
	json_array_begin(&j);
	for (size_t i = 0; i < r.evidence.nchecks; i++)
		json_check(&j, &r.evidence.checks[i]);
	json_array_end(&j);
	json_key(&j, "changes");
	json_array_begin(&j);
	for (size_t i = 0; i < r.changes.len; i++)
		json_change(&j, &r.changes.items[i]);
	json_array_end(&j);
	json_key(&j, "category_history");
	json_array_begin(&j);
	for (size_t i = 0; i < r.choices.ncategories; i++) {
		const struct category_choice *c = &r.choices.categories[i];
		json_object_begin(&j);
		json_key(&j, "category");
		json_string(&j, c->category);
		json_key(&j, "label");
		json_string(&j, c->label);
		json_key(&j, "note");
		json_string(&j, c->note);
		json_key(&j, "chosen_at");
		json_string(&j, c->chosen_at);
		json_key(&j, "chosen_by");
		json_string(&j, c->chosen_by);
		json_key(&j, "imported");
		whole_imported_json(&j, c->imported);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_key(&j, "procedure_history");
	json_array_begin(&j);
	for (size_t i = 0; i < r.choices.nprocedures; i++) {
		const struct procedure_choice *p = &r.choices.procedures[i];
		json_object_begin(&j);
		json_key(&j, "procedure");
		json_string(&j, p->procedure);
		json_key(&j, "title");
		json_string(&j, p->title);
		json_key(&j, "chosen_at");
		json_string(&j, p->chosen_at);
		json_key(&j, "chosen_by");
		json_string(&j, p->chosen_by);
		json_key(&j, "imported");
		whole_imported_json(&j, p->imported);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_key(&j, "steps");
	json_array_begin(&j);
	for (size_t i = 0; i < r.steps.len; i++)
		json_step(&j, &r.steps.items[i]);
	json_array_end(&j);
	json_key(&j, "timeline");
	json_array_begin(&j);
	for (size_t i = 0; i < r.timeline.len; i++) {
		const struct timeline_entry *e = &r.timeline.items[i];
		json_object_begin(&j);
		json_key(&j, "at");
		json_string(&j, e->at);
		json_key(&j, "who");
		json_string(&j, e->who);
		json_key(&j, "kind");
		json_string(&j, e->kind);
		json_key(&j, "summary");
		json_string(&j, e->summary);
		json_key(&j, "happened_at");
		json_string(&j, e->happened);
		json_key(&j, "imported");
		whole_imported_json(&j, e->imported);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	fputs(strbuf_str(&sb), out);
	strbuf_free(&sb);
	incident_record_free(&r);
	return STATUS_OK;
}

/* The whole record as sirt/whole.h renders it: the first section's
 * title leads, then each section under its title. */
enum status output_show_text(FILE *out, struct session *s, const struct incident *in, struct error *err)
{
	struct incident_record r;
	struct whole whole;
	enum status st = incident_record_load(s->store, s->config, in, session_now(), &r, err);

	if (st)
		return st;
	whole_build(s->config, in, &r, session_now(), &whole);
	for (size_t i = 0; i < whole.len; i++) {
		char *title = sanitize(whole.sections[i].title, 0);

		fprintf(out, "%s%s\n", i ? "\n" : "", title);
		free(title);
		print_lines(out, &whole.sections[i]);
	}
	whole_free(&whole);
	incident_record_free(&r);
	return STATUS_OK;
}
