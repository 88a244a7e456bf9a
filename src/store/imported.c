/* What an import may bring: every text held to the rules every other
 * path into sirt holds it to (sirt/input.h), every cost line and total
 * within sirt/money.h, and no number that would change how incidents
 * made here are numbered. Checked on the rows as added, inside the
 * incident's savepoint, so that a refusal leaves nothing behind. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/config.h"
#include "sirt/formdef.h"
#include "sirt/input.h"
#include "sirt/money.h"

/* How the text of a column is typed where it is typed: a narrative and
 * the timeline's summaries (made from what they record) of several
 * lines, the rest one line; a field as its form says. */
static void column_rule(const struct config *plan, const char *table, const char *column, const char *form,
			const char *key, enum input_shape *shape, size_t *max)
{
	*shape = INPUT_ONE_LINE;
	*max = INPUT_LINE_MAX;
	if (strcmp(table, "incident") == 0 && strcmp(column, "title") == 0) {
		const struct form_def *intake = plan ? config_form(plan, "intake") : NULL;
		const struct field_def *f = intake ? form_def_field(intake, "title") : NULL;

		*max = f ? (f->max_length ? f->max_length : INPUT_LINE_MAX) : INPUT_TITLE_MAX;
	} else if (strcmp(table, "field") == 0 && strcmp(column, "value") == 0) {
		const struct form_def *def = plan && form ? config_form(plan, form) : NULL;
		const struct field_def *f = def && key ? form_def_field(def, key) : NULL;

		if (!f) {
			/* A form or field this plan does not have: only the ceiling. */
			*shape = INPUT_LINES;
			*max = INPUT_FIELD_CEILING;
		} else {
			*shape = field_type_multiline(f->type) ? INPUT_LINES : INPUT_ONE_LINE;
			*max = f->max_length ? f->max_length :
			       field_type_multiline(f->type) ? INPUT_LINES_MAX : INPUT_LINE_MAX;
		}
	} else if ((strcmp(table, "note") == 0 && strcmp(column, "text") == 0) ||
		   (strcmp(table, "witness") == 0 && strcmp(column, "statement") == 0)) {
		*shape = INPUT_LINES;
		*max = INPUT_LINES_MAX;
	} else if (strcmp(table, "deadline_met") == 0 && strcmp(column, "sent") == 0) {
		/* The text sent to a party, as sirt deadline met --sent-file took it. */
		*shape = INPUT_LINES;
		*max = DEADLINE_SENT_MAX;
	} else if (strcmp(table, "timeline") == 0 && strcmp(column, "summary") == 0) {
		*shape = INPUT_LINES;
		*max = INPUT_FIELD_CEILING;
	}
}

/* The text columns of table, or of the incident's row ("incident"). */
static enum status text_rows(struct store *s, const struct config *plan, const char *table, int64_t incident_id,
			     struct error *err)
{
	char *q = xasprintf("SELECT name FROM pragma_table_info('%s') WHERE type = 'TEXT' ORDER BY cid", table);
	struct strlist columns = {0};
	struct strbuf sql = {0};
	sqlite3_stmt *st = NULL;
	bool row = false, field = strcmp(table, "field") == 0;
	enum status rc = store_names(s, q, &columns, "checking the import", err);
	int64_t index = 0;

	free(q);
	if (rc)
		return rc;
	if (!columns.len) {
		strlist_free(&columns);
		return STATUS_OK;
	}
	/* Rows in the order the export lists them: its array's index. */
	strbuf_puts(&sql, field ? "SELECT t.form, t.key" : "SELECT NULL, NULL");
	for (size_t i = 0; i < columns.len; i++)
		strbuf_printf(&sql, ", t.\"%s\"", columns.items[i]);
	if (strcmp(table, "incident") == 0)
		strbuf_puts(&sql, " FROM incident t WHERE t.id = ?");
	else if (strcmp(table, "cost_withdrawal") == 0)
		strbuf_puts(&sql, " FROM cost_withdrawal t JOIN cost c ON c.id = t.cost_id WHERE c.incident_id = ?"
			    " ORDER BY c.number");
	else
		strbuf_printf(&sql, " FROM \"%s\" t WHERE t.incident_id = ? ORDER BY t.rowid", table);
	if (!(rc = store_prepare(s, strbuf_str(&sql), &st, err))) {
		sqlite3_bind_int64(st, 1, incident_id);
		row = true;
	}
	while (!rc && row && !(rc = store_step(s, st, &row, "checking the import", err)) && row) {
		const char *form = (const char *)sqlite3_column_text(st, 0), *key = (const char *)sqlite3_column_text(st, 1);

		for (size_t i = 0; i < columns.len && !rc; i++) {
			const char *text = (const char *)sqlite3_column_text(st, (int)i + 2);
			size_t len = (size_t)sqlite3_column_bytes(st, (int)i + 2);
			enum input_shape shape;
			size_t max;
			char why[96];

			if (!text)
				continue;
			column_rule(plan, table, columns.items[i], form, key, &shape, &max);
			if (input_text_check(text, len, shape, max, why, sizeof(why)))
				continue;
			if (strcmp(table, "incident") == 0)
				rc = error_set(err, STATUS_DATA, "its incident's %s %s", columns.items[i], why);
			else if (field)
				rc = error_set(err, STATUS_DATA, "rows.field[%lld] (%s.%s): its %s %s", (long long)index,
					       form ? form : "", key ? key : "", columns.items[i], why);
			else
				rc = error_set(err, STATUS_DATA, "rows.%s[%lld]: its %s %s", table, (long long)index,
					       columns.items[i], why);
		}
		index++;
	}
	store_finalize(s, st);
	strbuf_free(&sql);
	strlist_free(&columns);
	return rc;
}

/* Each line within MONEY_MAX and each currency's total of the lines not
 * withdrawn within MONEY_TOTAL_MAX, as sirt cost add holds them: no sum
 * of an incident's lines can then overflow. */
static enum status amounts(struct store *s, int64_t incident_id, struct error *err)
{
	struct total {
		char currency[8];
		int64_t sum;
	} *totals = NULL;
	size_t ntotals = 0, cap = 0;
	sqlite3_stmt *st;
	bool row = false;
	enum status rc = store_prepare(s,
		"SELECT c.number, c.amount, c.currency, EXISTS (SELECT 1 FROM cost_withdrawal w WHERE w.cost_id = c.id)"
		" FROM cost c WHERE c.incident_id = ? ORDER BY c.rowid", &st, err);
	int64_t index = 0;

	if (!rc) {
		sqlite3_bind_int64(st, 1, incident_id);
		row = true;
	}
	while (!rc && row && !(rc = store_step(s, st, &row, "checking the import", err)) && row) {
		int64_t amount = sqlite3_column_int64(st, 1);
		const char *currency = (const char *)sqlite3_column_text(st, 2);
		struct total *t = NULL;

		if (amount < 0 || amount > MONEY_MAX * 100) {
			rc = error_set(err, STATUS_DATA, "rows.cost[%lld]: its amount, %lld hundredths, is not from 0 to "
				       "1,000,000,000,000.00, what sirt cost add takes", (long long)index,
				       (long long)amount);
			break;
		}
		index++;
		if (sqlite3_column_int(st, 3))
			continue;
		for (size_t i = 0; i < ntotals && !t; i++)
			if (strcmp(totals[i].currency, currency ? currency : "") == 0)
				t = &totals[i];
		if (!t) {
			GROW(totals, cap, ntotals + 1);
			t = &totals[ntotals++];
			snprintf(t->currency, sizeof(t->currency), "%s", currency ? currency : "");
			t->sum = 0;
		}
		/* Both at most 10^17: no overflow. */
		t->sum += amount;
		if (t->sum > MONEY_TOTAL_MAX * 100)
			rc = error_set(err, STATUS_DATA, "its %s cost lines total more than 10^15, what sirt cost add "
				       "lets a currency's total reach", t->currency);
	}
	store_finalize(s, st);
	free(totals);
	return rc;
}

/* A stored copy is named by its content (DIR/sha256/ab/abcd...): one an
 * export gives under any other name is not a copy sirt made, and verify
 * and evidence export would take whatever file it names (/etc/passwd,
 * with its hash) for the evidence. */
static enum status evidence_copies(struct store *s, int64_t incident_id, struct error *err)
{
	sqlite3_stmt *st;
	bool row = false;
	int64_t index = 0;
	enum status rc = store_prepare(s, "SELECT sha256, copy FROM evidence WHERE incident_id = ? ORDER BY rowid",
				       &st, err);

	if (!rc) {
		sqlite3_bind_int64(st, 1, incident_id);
		row = true;
	}
	while (!rc && row && !(rc = store_step(s, st, &row, "checking the import", err)) && row) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		const char *copy = (const char *)sqlite3_column_text(st, 1);
		char *tail;

		if (copy && *copy) {
			tail = xasprintf("/sha256/%.2s/%s", sha ? sha : "", sha ? sha : "");
			if (!sha || strlen(sha) != 64 || strlen(copy) <= strlen(tail) ||
			    strcmp(copy + strlen(copy) - strlen(tail), tail) != 0)
				rc = error_set(err, STATUS_DATA, "rows.evidence[%lld]: its copy, %s, is not where an evidence "
					       "store keeps a copy of that SHA-256 (DIR/sha256/%.2s/%s)", (long long)index,
					       copy, sha ? sha : "", sha ? sha : "");
			free(tail);
		}
		index++;
	}
	store_finalize(s, st);
	return rc;
}

enum status store_import_check(struct store *s, const struct config *plan, const struct strlist *tables,
			       int64_t incident_id, struct error *err)
{
	/* Numbers need no check: those made here follow the last one made
	 * here and step over what an import brought (store_incident_create). */
	enum status rc = text_rows(s, plan, "incident", incident_id, err);

	for (size_t t = 0; !rc && t <= tables->len; t++)
		rc = text_rows(s, plan, t < tables->len ? tables->items[t] : "cost_withdrawal", incident_id, err);
	if (!rc)
		rc = amounts(s, incident_id, err);
	if (!rc)
		rc = evidence_copies(s, incident_id, err);
	return rc;
}
