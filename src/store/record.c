/* Any kind of record (sirt/kind.h), added, read, found and withdrawn
 * from its description alone: one path for every kind, so that each
 * keeps the same guarantees (one transaction with the timeline, numbered
 * within its incident or kept in the order added, stamped, never
 * edited). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/incident_data.h"
#include "sirt/kind.h"
#include "sirt/money.h"
#include "sirt/mem.h"
#include "sirt/timefmt.h"

#define FIELD(record, offset, type) ((type *)((char *)(record) + (offset)))
#define CFIELD(record, offset, type) ((const type *)((const char *)(record) + (offset)))

const struct kind_column *kind_column(const struct record_kind *kind, const char *name)
{
	for (size_t i = 0; i < kind->ncolumns; i++)
		if (strcmp(kind->columns[i].name, name) == 0)
			return &kind->columns[i];
	return NULL;
}

struct stamp_columns kind_stamp(const struct record_kind *kind)
{
	if (kind->stamp.at)
		return kind->stamp;
	return (struct stamp_columns){"added_at", "added_by", "added_uid"};
}

static bool is_text(const struct kind_column *column)
{
	return column->type == COLUMN_TEXT || column->type == COLUMN_TIME;
}

char *kind_value_text(const struct kind_column *column, const void *record)
{
	const char *text;
	int64_t n;

	switch (column->type) {
	case COLUMN_BOOL:
		return xstrdup(*CFIELD(record, column->offset, bool) ? "yes" : "no");
	case COLUMN_INT:
	case COLUMN_INT_OR_NULL:
		n = *CFIELD(record, column->offset, int64_t);
		if (column->field == FIELD_MONEY) {
			char amount[40];

			money_format(n, amount, sizeof(amount));
			return xstrdup(amount);
		}
		return column->type == COLUMN_INT_OR_NULL && n == 0 ? xstrdup("") : xasprintf("%lld", (long long)n);
	case COLUMN_TEXT:
	case COLUMN_TIME:
		break;
	}
	text = *CFIELD(record, column->offset, char *);
	return xstrdup(text ? text : "");
}

static void free_texts(const struct record_kind *kind, void *record)
{
	for (size_t c = 0; c < kind->ncolumns; c++)
		if (is_text(&kind->columns[c]))
			FREE(FIELD(record, kind->columns[c].offset, char *));
	FREE(FIELD(record, kind->added_at, char *));
	FREE(FIELD(record, kind->added_by, char *));
	if (kind->withdrawals) {
		FREE(FIELD(record, kind->withdrawn_at, char *));
		FREE(FIELD(record, kind->withdrawn_by, char *));
		FREE(FIELD(record, kind->withdrawn_reason, char *));
		provenance_free(FIELD(record, kind->withdrawn_imported, struct provenance *));
	}
	provenance_free(FIELD(record, kind->imported, struct provenance *));
}

void record_list_free(const struct record_kind *kind, struct record_list *list)
{
	for (size_t i = 0; i < list->len; i++)
		free_texts(kind, (char *)list->items + i * kind->size);
	FREE(&list->items);
	list->len = list->cap = 0;
}

/* "a, b, c" of the kind's columns (with later ones: those read), each
 * with prefix. */
static void column_names(struct strbuf *sql, const struct record_kind *kind, bool later, const char *prefix)
{
	const char *sep = "";

	for (size_t c = 0; c < kind->ncolumns; c++) {
		if (kind->columns[c].later && !later)
			continue;
		strbuf_printf(sql, "%s%s\"%s\"", sep, prefix, kind->columns[c].name);
		sep = ", ";
	}
}

/* NULL in the table for a COLUMN_INT_OR_NULL that holds none. */
static bool int_is_null(const struct record_kind *kind, const struct kind_column *column, const void *record)
{
	const struct kind_column *with;
	const char *text;

	if (!column->only_with)
		return *CFIELD(record, column->offset, int64_t) <= 0;
	with = kind_column(kind, column->only_with);
	text = with ? *CFIELD(record, with->offset, char *) : NULL;
	return !text || !*text;
}

static void bind_column(sqlite3_stmt *st, int i, const struct record_kind *kind, const struct kind_column *column,
			const void *record)
{
	const char *text;

	switch (column->type) {
	case COLUMN_INT_OR_NULL:
		if (int_is_null(kind, column, record)) {
			sqlite3_bind_null(st, i);
			break;
		}
		/* fall through */
	case COLUMN_INT:
		sqlite3_bind_int64(st, i, *CFIELD(record, column->offset, int64_t));
		break;
	case COLUMN_BOOL:
		sqlite3_bind_int(st, i, *CFIELD(record, column->offset, bool) ? 1 : 0);
		break;
	case COLUMN_TEXT:
	case COLUMN_TIME:
		text = *CFIELD(record, column->offset, char *);
		store_bind_text(st, i, text || column->type == COLUMN_TIME ? text : "");
		break;
	}
}


static void read_column(sqlite3_stmt *st, int i, const struct kind_column *column, void *record)
{
	switch (column->type) {
	case COLUMN_INT:
	case COLUMN_INT_OR_NULL:
		*FIELD(record, column->offset, int64_t) = sqlite3_column_int64(st, i);
		break;
	case COLUMN_BOOL:
		*FIELD(record, column->offset, bool) = sqlite3_column_int64(st, i) != 0;
		break;
	case COLUMN_TEXT:
	case COLUMN_TIME:
		*FIELD(record, column->offset, char *) = store_column_text(st, i);
		break;
	}
}

/* INSERT of a record of the kind: incident_id, [number,] its columns
 * given when added, and the stamp. */
static char *insert_record(const struct record_kind *kind)
{
	struct stamp_columns stamp = kind_stamp(kind);
	struct strbuf sql = {0};

	strbuf_printf(&sql, "INSERT INTO \"%s\" (incident_id, %s", kind->table, kind->unnumbered ? "" : "number, ");
	column_names(&sql, kind, false, "");
	strbuf_printf(&sql, ", \"%s\", \"%s\", \"%s\") VALUES (?%s", stamp.at, stamp.by, stamp.uid,
		      kind->unnumbered ? "" : ", ?");
	for (size_t c = 0; c < kind->ncolumns; c++)
		if (!kind->columns[c].later)
			strbuf_printf(&sql, ", ?");
	strbuf_printf(&sql, ", ?, ?, ?)");
	return strbuf_take(&sql);
}

enum status store_record_add(struct store *s, const struct incident *incident, const struct record_kind *kind,
			     const void *record, const char *summary, const struct actor *who, time_t now,
			     int64_t *number, struct error *err)
{
	const struct record_add how = {.summary = summary};

	return store_record_add_with(s, incident, kind, record, &how, who, now, number, err);
}

/* STATUS_CONFLICT when the incident holds a standing record with the
 * same values in the kind's unique_standing columns, naming it. Read in
 * the adding transaction: two operators adding one at once cannot both. */
static enum status not_held(struct store *s, const struct incident *incident, const struct record_kind *kind,
			    const void *record, struct error *err)
{
	struct strbuf sql = {0}, values = {0};
	sqlite3_stmt *st;
	enum status rc;
	bool row;
	int n = 2;

	strbuf_printf(&sql, "SELECT r.number FROM \"%s\" r WHERE r.incident_id = ?1", kind->table);
	for (size_t c = 0; kind->unique_standing[c]; c++)
		strbuf_printf(&sql, " AND r.\"%s\" = ?%d", kind->unique_standing[c], n++);
	if (kind->withdrawals)
		strbuf_printf(&sql, " AND NOT EXISTS (SELECT 1 FROM \"%s\" w WHERE w.incident_id = r.incident_id"
			      " AND w.number = r.number)", kind->withdrawals);
	rc = store_prepare(s, strbuf_str(&sql), &st, err);
	strbuf_free(&sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, incident->id);
	for (size_t c = 0; kind->unique_standing[c]; c++) {
		char *text = kind_value_text(kind_column(kind, kind->unique_standing[c]), record);

		sqlite3_bind_text(st, (int)c + 2, text, -1, SQLITE_TRANSIENT);
		strbuf_printf(&values, "%s%s", c ? " " : "", text);
		free(text);
	}
	rc = store_step(s, st, &row, "reading the entries", err);
	if (!rc && row)
		rc = error_set(err, STATUS_CONFLICT, "%s holds %s already (%s %lld)", incident->ref, strbuf_str(&values),
			       kind->one, (long long)sqlite3_column_int64(st, 0));
	store_finalize(s, st);
	strbuf_free(&values);
	return rc;
}

enum status store_record_add_with(struct store *s, const struct incident *incident, const struct record_kind *kind,
				  const void *record, const struct record_add *how, const struct actor *who,
				  time_t now, int64_t *number, struct error *err)
{
	char at[TIME_TEXT_MAX];
	char *sql = NULL, *doing = NULL, *summary = NULL;
	sqlite3_stmt *st;
	enum status rc;
	int i = 1;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if (how->check && (rc = how->check(s, incident, record, err)))
		goto fail;
	if (kind->unique_standing && (rc = not_held(s, incident, kind, record, err)))
		goto fail;
	if (!kind->unnumbered && (rc = store_next_number(s, kind->table, incident->id, number, err)))
		goto fail;
	sql = insert_record(kind);
	if ((rc = store_prepare(s, sql, &st, err)))
		goto fail;
	sqlite3_bind_int64(st, i++, incident->id);
	if (!kind->unnumbered)
		sqlite3_bind_int64(st, i++, *number);
	for (size_t c = 0; c < kind->ncolumns; c++) {
		if (kind->columns[c].later)
			continue;
		/* When it happened: what store_when said, else NULL. */
		if (kind->columns[c].happened)
			store_bind_text(st, i++, store_happened(s));
		else
			bind_column(st, i++, kind, &kind->columns[c], record);
	}
	store_bind_text(st, i++, at);
	store_bind_text(st, i++, who->login);
	sqlite3_bind_int64(st, i, who->uid);
	doing = xasprintf("recording the %s", kind->one);
	if ((rc = store_finish(s, st, doing, err)))
		goto fail;
	if (kind->unnumbered)
		*number = sqlite3_last_insert_rowid(s->db);
	summary = how->summarise ? how->summarise(record, *number, how->ctx) : NULL;
	if ((rc = store_timeline_add(s, incident->id, at, who, kind->timeline, summary ? summary : how->summary,
				     err)) ||
	    (rc = store_incident_mark(s, incident, at, who, kind->outlives_closing, err)))
		goto fail;
	free(sql);
	free(doing);
	free(summary);
	return store_commit(s, err);
fail:
	free(sql);
	free(doing);
	free(summary);
	store_rollback(s);
	return rc;
}

/* SELECT of every record of the kind (r) with its withdrawal (w), if any,
 * and, with ref, its incident's reference last. */
static char *select_records(const struct record_kind *kind, const char *where, bool ref)
{
	struct stamp_columns stamp = kind_stamp(kind);
	struct strbuf sql = {0};

	strbuf_printf(&sql, "SELECT r.id, %s", kind->unnumbered ? "" : "r.number, ");
	column_names(&sql, kind, true, "r.");
	strbuf_printf(&sql, ", r.\"%s\", r.\"%s\"", stamp.at, stamp.by);
	if (kind->withdrawals)
		strbuf_printf(&sql, ", w.withdrawn_at, w.withdrawn_by, w.reason, " PROVENANCE_COLUMNS("wp"));
	strbuf_puts(&sql, ", " PROVENANCE_COLUMNS("p"));
	if (ref)
		strbuf_printf(&sql, ", i.ref");
	strbuf_printf(&sql, " FROM \"%s\" r LEFT JOIN import p ON p.id = r.imported", kind->table);
	if (kind->withdrawals && kind->withdrawn_record)
		strbuf_printf(&sql, " LEFT JOIN \"%s\" w ON w.\"%s\" = r.id", kind->withdrawals, kind->withdrawn_record);
	else if (kind->withdrawals)
		strbuf_printf(&sql, " LEFT JOIN \"%s\" w ON w.incident_id = r.incident_id AND w.number = r.number",
			      kind->withdrawals);
	if (kind->withdrawals)
		strbuf_puts(&sql, " LEFT JOIN import wp ON wp.id = w.imported");
	if (ref)
		strbuf_printf(&sql, " JOIN incident i ON i.id = r.incident_id");
	strbuf_printf(&sql, " WHERE %s ORDER BY r.incident_id, r.%s", where, kind->unnumbered ? "id" : "number");
	return strbuf_take(&sql);
}

/* Reads the rows of st into out; refs (may be NULL) gets the reference of
 * each row's incident, from the column after the record's. */
static enum status read_records(struct store *s, sqlite3_stmt *st, const struct record_kind *kind,
				struct record_list *out, struct strlist *refs, struct error *err)
{
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char *grown;
		void *record;
		int i = 0;

		if (out->len == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 8;
			out->items = xrealloc(out->items, out->cap * kind->size);
		}
		grown = out->items;
		record = grown + out->len++ * kind->size;
		memset(record, 0, kind->size);
		if (kind->with_id)
			*FIELD(record, kind->id, int64_t) = sqlite3_column_int64(st, i);
		i++;
		if (!kind->unnumbered)
			*FIELD(record, kind->number, int64_t) = sqlite3_column_int64(st, i++);
		for (size_t c = 0; c < kind->ncolumns; c++)
			read_column(st, i++, &kind->columns[c], record);
		*FIELD(record, kind->added_at, char *) = store_column_text(st, i++);
		*FIELD(record, kind->added_by, char *) = store_column_text(st, i++);
		if (kind->withdrawals) {
			*FIELD(record, kind->withdrawn_at, char *) = store_column_text(st, i++);
			*FIELD(record, kind->withdrawn_by, char *) = store_column_text(st, i++);
			*FIELD(record, kind->withdrawn_reason, char *) = store_column_text(st, i++);
			*FIELD(record, kind->withdrawn_imported, struct provenance *) = store_read_provenance(st, i);
			i += PROVENANCE_NCOLUMNS;
		}
		*FIELD(record, kind->imported, struct provenance *) = store_read_provenance(st, i);
		i += PROVENANCE_NCOLUMNS;
		if (refs)
			strlist_add_owned(refs, store_column_text(st, i));
	}
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "reading the entries", err);
}

enum status store_records_get(struct store *s, int64_t incident_id, const struct record_kind *kind,
			      struct record_list *out, struct error *err)
{
	char *sql = select_records(kind, "r.incident_id = ?", false);
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, sql, &st, err);

	memset(out, 0, sizeof(*out));
	if (!rc) {
		sqlite3_bind_int64(st, 1, incident_id);
		rc = read_records(s, st, kind, out, NULL, err);
		store_finalize(s, st);
	}
	free(sql);
	if (rc)
		record_list_free(kind, out);
	return rc;
}

enum status store_records_find(struct store *s, const struct record_kind *kind, const char *column,
			       const char *value, struct record_list *out, struct strlist *refs, struct error *err)
{
	char *where = xasprintf("r.\"%s\" = ?", column);
	char *sql = select_records(kind, where, true);
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, sql, &st, err);

	memset(out, 0, sizeof(*out));
	memset(refs, 0, sizeof(*refs));
	if (!rc) {
		store_bind_text(st, 1, value);
		rc = read_records(s, st, kind, out, refs, err);
		store_finalize(s, st);
	}
	free(where);
	free(sql);
	if (rc) {
		record_list_free(kind, out);
		strlist_free(refs);
	}
	return rc;
}

enum status store_records_elsewhere(struct store *s, const struct record_kind *kind, const char *column,
				    int64_t incident_id, int64_t **numbers, struct strlist *refs, struct error *err)
{
	struct strbuf sql = {0};
	sqlite3_stmt *st;
	size_t cap = 0;
	enum status rc;
	int step;

	*numbers = NULL;
	memset(refs, 0, sizeof(*refs));
	strbuf_printf(&sql, "SELECT DISTINCT r.number, i.ref, i.id FROM \"%s\" r JOIN \"%s\" o ON o.\"%s\" = r.\"%s\""
		      " AND o.incident_id <> r.incident_id JOIN incident i ON i.id = o.incident_id WHERE r.incident_id = ?",
		      kind->table, kind->table, column, column);
	if (kind->withdrawals)
		strbuf_printf(&sql, " AND NOT EXISTS (SELECT 1 FROM \"%s\" w WHERE w.incident_id = o.incident_id"
			      " AND w.number = o.number)", kind->withdrawals);
	strbuf_puts(&sql, " ORDER BY r.number, i.id");
	rc = store_prepare(s, strbuf_str(&sql), &st, err);
	strbuf_free(&sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, incident_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(*numbers, cap, refs->len + 1);
		(*numbers)[refs->len] = sqlite3_column_int64(st, 0);
		strlist_add_owned(refs, store_column_text(st, 1));
	}
	store_finalize(s, st);
	if (step != SQLITE_DONE) {
		FREE(numbers);
		strlist_free(refs);
		return store_sqlite_error(s, step, "reading the entries", err);
	}
	return STATUS_OK;
}

enum status store_record_withdraw(struct store *s, const struct incident *incident, const struct record_kind *kind,
				  int64_t number, const char *reason, const char *summary, const struct actor *who,
				  time_t now, struct error *err)
{
	char at[TIME_TEXT_MAX];
	char *sql;
	sqlite3_stmt *st;
	enum status rc;
	int64_t there = 0, gone = 0;

	/* Only for withdrawals that name their record by its number. */
	if (!kind->withdrawals || kind->withdrawn_record)
		return error_set(err, STATUS_DATA, "%s entries are not withdrawn this way", kind->one);
	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	sql = xasprintf("SELECT (SELECT count(*) FROM \"%s\" WHERE incident_id = ?1 AND number = ?2),"
			" (SELECT count(*) FROM \"%s\" WHERE incident_id = ?1 AND number = ?2)",
			kind->table, kind->withdrawals);
	if (!(rc = store_prepare(s, sql, &st, err))) {
		bool row;

		sqlite3_bind_int64(st, 1, incident->id);
		sqlite3_bind_int64(st, 2, number);
		rc = store_step(s, st, &row, "reading the entry", err);
		there = row ? sqlite3_column_int64(st, 0) : 0;
		gone = row ? sqlite3_column_int64(st, 1) : 0;
		store_finalize(s, st);
	}
	free(sql);
	if (rc)
		goto fail;
	if (there == 0) {
		rc = error_set(err, STATUS_NOT_FOUND, "%s has no %s %lld", incident->ref, kind->one, (long long)number);
		goto fail;
	}
	if (gone) {
		rc = error_set(err, STATUS_CONFLICT, "%s %lld of %s is withdrawn already", kind->one, (long long)number,
			       incident->ref);
		goto fail;
	}
	sql = xasprintf("INSERT INTO \"%s\" (incident_id, number, reason, withdrawn_at, withdrawn_by, withdrawn_uid)"
			" VALUES (?, ?, ?, ?, ?, ?)", kind->withdrawals);
	rc = store_prepare(s, sql, &st, err);
	free(sql);
	if (rc)
		goto fail;
	sqlite3_bind_int64(st, 1, incident->id);
	sqlite3_bind_int64(st, 2, number);
	store_bind_text(st, 3, reason);
	store_bind_text(st, 4, at);
	store_bind_text(st, 5, who->login);
	sqlite3_bind_int64(st, 6, who->uid);
	if ((rc = store_finish(s, st, "recording the withdrawal", err)) ||
	    (rc = store_timeline_add(s, incident->id, at, who, kind->timeline, summary, err)) ||
	    (rc = store_incident_touch(s, incident, at, who, NULL, NULL, err)))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}
