/* Derived data: what the list screen reads so that it never has to look
 * at every incident. Two tables hold it (migration 11): incident_due, each
 * incident's most pressing deadline not met, and search_text, its words
 * for the full-text search. Neither is a record: both are worked out
 * again from the records, inside the transaction that changed them, so a
 * crash can never leave them out of step.
 *
 * Which incidents a transaction changed is noted by temporary triggers on
 * this connection's incident table: every write that concerns an incident
 * marks it changed (store.c's touch), and an import inserts it. */
#include "store_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/mem.h"
#include "sirt/utf8.h"

/* What search_text holds of an incident: its reference, title, status,
 * category, and in one column every form value and note, the notes of
 * the investigation and of the steps, its indicators that stand (their
 * values, sources and notes), its witnesses (names and statements), its
 * evidence (what and where it is kept) and hand-overs, its cost lines and
 * changes, and its changes of status (the reason it was closed); letters
 * folded (sirt_fold). Not the whole timeline: nearly every write adds to
 * it, and the text is written again only when a word of it changes. And
 * what meta counts (the open and
 * the closed incidents, for the list's title). Changing either means
 * changing DERIVED_VERSION, so that files are derived again. */
#define DERIVED_VERSION "8"
#define OPEN_COUNT "open incidents"
#define CLOSED_COUNT "closed incidents"
#define SEARCH_BODY \
	"coalesce((SELECT group_concat(value || ' ' || note, ' ') FROM field WHERE incident_id = i.id), '') || ' ' ||" \
	" coalesce((SELECT group_concat(text, ' ') FROM note WHERE incident_id = i.id), '') || ' ' ||" \
	" coalesce((SELECT group_concat(note, ' ') FROM step WHERE incident_id = i.id AND note <> ''), '') || ' ' ||" \
	" coalesce((SELECT group_concat(value || ' ' || source || ' ' || note, ' ') FROM ioc WHERE incident_id = i.id" \
	"   AND NOT EXISTS (SELECT 1 FROM ioc_withdrawal w WHERE w.incident_id = ioc.incident_id AND w.number = ioc.number)), '')" \
	" || ' ' || coalesce((SELECT group_concat(name || ' ' || statement, ' ') FROM witness WHERE incident_id = i.id), '')" \
	" || ' ' || coalesce((SELECT group_concat(description || ' ' || location, ' ') FROM evidence" \
	"   WHERE incident_id = i.id), '')" \
	" || ' ' || coalesce((SELECT group_concat(to_who || ' ' || purpose || ' ' || location, ' ') FROM custody" \
	"   WHERE incident_id = i.id), '')" \
	" || ' ' || coalesce((SELECT group_concat(description, ' ') FROM cost WHERE incident_id = i.id), '')" \
	" || ' ' || coalesce((SELECT group_concat(what || ' ' || why, ' ') FROM change WHERE incident_id = i.id), '')" \
	" || ' ' || coalesce((SELECT group_concat(summary, ' ') FROM timeline WHERE incident_id = i.id" \
	"   AND kind = 'status'), '')"

/* sirt_fold(text): text_fold_letters, for the search text. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	char *folded;

	(void)argc;
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	folded = text_fold_letters((const char *)text);
	sqlite3_result_text(ctx, folded, -1, free);
}

static void sql_touched(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	int64_t id = sqlite3_value_int64(argv[0]);

	(void)argc;
	/* A write touches one incident again and again: the rest of the
	 * repeats go at the flush (an import touches thousands). */
	if (s->ntouched && s->touched[s->ntouched - 1] == id)
		return;
	GROW(s->touched, s->touched_cap, s->ntouched + 1);
	s->touched[s->ntouched++] = id;
}

const char derived_triggers[] =
	"CREATE TEMP TRIGGER sirt_touched_insert AFTER INSERT ON main.incident"
	"  BEGIN SELECT sirt_touched(new.id); END;"
	"CREATE TEMP TRIGGER sirt_touched_update AFTER UPDATE ON main.incident"
	"  BEGIN SELECT sirt_touched(new.id); END;";

/* DIRECTONLY, as every function of sirt's that the file's own schema does
 * not call: only sirt's SQL and its connection's TEMP triggers may
 * (audit.c says why). No index or trigger in the file uses sirt_fold. */
enum status derived_attach(struct store *s, struct error *err)
{
	if (sqlite3_create_function(s->db, "sirt_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
				    sql_fold, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(s->db, "sirt_touched", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, s, sql_touched, NULL,
				    NULL) != SQLITE_OK)
		return store_sqlite_error(s, sqlite3_errcode(s->db), "setting up the database connection", err);
	return STATUS_OK;
}

void derived_forget(struct store *s)
{
	s->ntouched = 0;
}

void store_on_incident_change(struct store *s, store_incident_hook hook, void *ctx)
{
	s->on_change = hook;
	s->on_change_ctx = ctx;
}

static bool same_column(sqlite3_stmt *st, int a, int b)
{
	int n = sqlite3_column_bytes(st, a);
	const void *x = sqlite3_column_blob(st, a), *y = sqlite3_column_blob(st, b);

	return sqlite3_column_type(st, b) != SQLITE_NULL && n == sqlite3_column_bytes(st, b) &&
	       (n == 0 || memcmp(x, y, (size_t)n) == 0);
}

/* Adds delta to one of the counts in meta. A file whose counts are not
 * there yet gets them when it is derived again (store_rederive), where
 * they are counted whole. */
static enum status count_add(struct store *s, const char *key, int delta, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + ?2 AS TEXT)"
				       " WHERE key = ?1", &st, err);
	int step;

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, delta);
	step = sqlite3_step(st);
	store_finalize(s, st);
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "counting incidents", err);
}

static const char *count_key(const unsigned char *status)
{
	return status && strcmp((const char *)status, "closed") == 0 ? CLOSED_COUNT : OPEN_COUNT;
}

/* The search text of one incident, written only when it changed: most
 * writes (a step marked, a cost, a hand-over) change no word of it, and
 * each write to the full-text index costs more than the rest of a save.
 * The status it held before tells whether the counts change: a new
 * incident has none. */
static enum status derive_search_text(struct store *s, int64_t id, struct error *err)
{
	enum { COLUMNS = 5, STATUS = 2 };
	sqlite3_stmt *st, *put;
	enum status rc = STATUS_OK;
	const char *was, *now;
	bool same = true;
	int step;

	/* Folded as the words typed to find them are (search_query). */
	if ((rc = store_prepare(s, "SELECT i.ref, sirt_fold(i.title), i.status, coalesce(i.category, ''),"
			       " sirt_fold(" SEARCH_BODY "),"
			       " t.ref, t.title, t.status, t.category, t.body"
			       " FROM incident i LEFT JOIN search_text t ON t.rowid = i.id WHERE i.id = ?", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		store_finalize(s, st);
		return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "updating the search text", err);
	}
	now = count_key(sqlite3_column_text(st, STATUS));
	was = sqlite3_column_type(st, COLUMNS + STATUS) == SQLITE_NULL ? NULL :
								   count_key(sqlite3_column_text(st, COLUMNS + STATUS));
	if ((!was || strcmp(was, now) != 0) && ((was && (rc = count_add(s, was, -1, err))) || (rc = count_add(s, now, 1, err)))) {
		store_finalize(s, st);
		return rc;
	}
	for (int c = 0; c < COLUMNS && same; c++)
		same = same_column(st, c, COLUMNS + c);
	if (same) {
		store_finalize(s, st);
		return STATUS_OK;
	}
	if ((rc = store_prepare(s, "INSERT OR REPLACE INTO search_text (rowid, ref, title, status, category, body)"
			       " VALUES (?, ?, ?, ?, ?, ?)", &put, err))) {
		store_finalize(s, st);
		return rc;
	}
	sqlite3_bind_int64(put, 1, id);
	for (int c = 0; c < COLUMNS; c++)
		sqlite3_bind_value(put, 2 + c, sqlite3_column_value(st, c));
	step = sqlite3_step(put);
	store_finalize(s, put);
	store_finalize(s, st);
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "updating the search text", err);
}

/* One incident's search text and (through the hook) deadline, anew. */
static enum status derive(struct store *s, int64_t id, struct error *err)
{
	struct incident in = {0};
	sqlite3_stmt *st;
	enum status rc;
	int step;

	if ((rc = derive_search_text(s, id, err)))
		return rc;
	if (!s->on_change)
		return STATUS_OK;
	if ((rc = store_prepare(s, "SELECT " INCIDENT_COLUMNS " FROM incident WHERE id = ?", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		store_read_incident(st, 0, &in);
	store_finalize(s, st);
	if (step != SQLITE_ROW)
		return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "reading an incident", err);
	rc = s->on_change(s, &in, s->on_change_ctx, err);
	incident_clear(&in);
	return rc;
}

static int compare_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

enum status derived_flush(struct store *s, struct error *err)
{
	enum status rc = STATUS_OK;

	if (s->ntouched > 1)
		qsort(s->touched, s->ntouched, sizeof(*s->touched), compare_ids);
	for (size_t i = 0; i < s->ntouched && !rc; i++)
		if (i == 0 || s->touched[i] != s->touched[i - 1])
			rc = derive(s, s->touched[i], err);
	s->ntouched = 0;
	return rc;
}

enum status store_due_set(struct store *s, int64_t incident_id, bool open, time_t due, long long warn,
			  struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "INSERT INTO incident_due (incident_id, due, warn) VALUES (?, ?, ?)"
					  " ON CONFLICT (incident_id) DO UPDATE SET due = excluded.due, warn = excluded.warn"
					  " WHERE due IS NOT excluded.due OR warn <> excluded.warn", &st, err);
	int step;

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, incident_id);
	if (open)
		sqlite3_bind_int64(st, 2, (sqlite3_int64)due);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, open ? warn : 0);
	step = sqlite3_step(st);
	store_finalize(s, st);
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "keeping the deadline", err);
}

/* meta's value for key into *value (NULL when there is none). */
static enum status meta_get(struct store *s, const char *key, char **value, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT value FROM meta WHERE key = ?", &st, err);
	int step;

	*value = NULL;
	if (rc)
		return rc;
	store_bind_text(st, 1, key);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*value = store_column_text(st, 0);
	store_finalize(s, st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "reading", err);
}

static enum status meta_set(struct store *s, const char *key, const char *value, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", &st, err);
	int step;

	if (rc)
		return rc;
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	step = sqlite3_step(st);
	store_finalize(s, st);
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "recording", err);
}

static enum status meta_count_set(struct store *s, const char *key, size_t n, struct error *err)
{
	char text[32];

	snprintf(text, sizeof(text), "%zu", n);
	return meta_set(s, key, text, err);
}

/* Counted whole: the first reads the partial index incident_open, the
 * second a range of incident_status; neither reads the incidents. */
static enum status count_whole(struct store *s, size_t *open, size_t *closed, struct error *err)
{
	int n_open = 0, n_closed = 0;

	if (store_pragma_int(s, "SELECT count(*) FROM incident INDEXED BY incident_open WHERE status <> 'closed'",
			     &n_open, err) ||
	    store_pragma_int(s, "SELECT count(*) FROM incident WHERE status = 'closed'", &n_closed, err))
		return err->status;
	*open = (size_t)n_open;
	*closed = (size_t)n_closed;
	return STATUS_OK;
}

/* The counts kept in meta, or counted whole: in a file not derived since
 * they were kept (read only here), or derived last by an older sirt,
 * which kept no counts while it wrote. */
enum status store_incident_count(struct store *s, size_t *open, size_t *closed, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT (SELECT value FROM meta WHERE key = '" OPEN_COUNT "'),"
				       " (SELECT value FROM meta WHERE key = '" CLOSED_COUNT "'),"
				       " (SELECT value FROM meta WHERE key = 'derived') LIKE '" DERIVED_VERSION " %'",
				       &st, err);
	bool kept;

	if (rc)
		return rc;
	kept = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	       sqlite3_column_type(st, 1) != SQLITE_NULL && sqlite3_column_int(st, 2) == 1;
	if (kept) {
		*open = (size_t)sqlite3_column_int64(st, 0);
		*closed = (size_t)sqlite3_column_int64(st, 1);
	}
	store_finalize(s, st);
	return kept ? STATUS_OK : count_whole(s, open, closed, err);
}

static enum status ids_after(struct store *s, int64_t after, size_t limit, int64_t *ids, size_t *n,
			     struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT id FROM incident WHERE id > ? ORDER BY id LIMIT ?", &st, err);
	int step;

	*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	store_finalize(s, st);
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "listing incidents", err);
}

/* What meta records: the version of what is derived, then the caller's
 * stamp (the plan's deadline rules). */
static char *full_stamp(const char *stamp)
{
	return xasprintf(DERIVED_VERSION " %s", stamp ? stamp : "");
}

enum status store_rederive_needed(struct store *s, const char *stamp, bool *needed, struct error *err)
{
	char *full = full_stamp(stamp), *recorded = NULL;
	enum status rc = meta_get(s, "derived", &recorded, err);

	*needed = !rc && (!recorded || strcmp(recorded, full) != 0);
	free(recorded);
	free(full);
	return rc;
}

enum status store_rederive(struct store *s, const char *stamp,
			   void (*progress)(size_t done, size_t total, void *ctx), void *ctx, struct error *err)
{
	enum { BATCH = 256 };
	char *full = full_stamp(stamp);
	size_t open_n = 0, closed_n = 0, done = 0, n;
	int64_t ids[BATCH], last = 0;
	bool needed = false;
	enum status rc;

	if ((rc = store_rederive_needed(s, stamp, &needed, err)) || !needed ||
	    (rc = store_incident_count(s, &open_n, &closed_n, err)))
		goto out;
	/* A batch a transaction: other sessions write in between, and what
	 * they change is derived by their own commit. */
	do {
		if ((rc = store_begin(s, NULL, NULL, err)))
			goto out;
		if ((rc = ids_after(s, last, BATCH, ids, &n, err)))
			goto fail;
		for (size_t i = 0; i < n; i++)
			if ((rc = derive(s, ids[i], err)))
				goto fail;
		/* The last batch counts the incidents whole, and from then on
		 * each commit keeps the counts (derive_search_text). */
		if (n < BATCH && ((rc = count_whole(s, &open_n, &closed_n, err)) ||
				  (rc = meta_count_set(s, OPEN_COUNT, open_n, err)) ||
				  (rc = meta_count_set(s, CLOSED_COUNT, closed_n, err)) ||
				  (rc = meta_set(s, "derived", full, err))))
			goto fail;
		if ((rc = store_commit(s, err)))
			goto out;
		done += n;
		last = n ? ids[n - 1] : last;
		if (progress)
			progress(done, open_n + closed_n, ctx);
	} while (n == BATCH);
	goto out;
fail:
	store_rollback(s);
out:
	free(full);
	return rc;
}

/* The words typed, as an FTS5 query: each word quoted (so that nothing in
 * it is FTS5 syntax) and taken as the start of a word, all of them
 * required. NULL when nothing typed is a word. */
static char *search_query(const char *typed)
{
	struct strbuf q = {0};
	const char *p = typed;

	while (p && *p) {
		const char *start;
		bool wordy = false;

		while (*p == ' ' || *p == '\t')
			p++;
		start = p;
		while (*p && *p != ' ' && *p != '\t') {
			unsigned char c = (unsigned char)*p++;
			wordy |= c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
		}
		if (!wordy)
			continue;
		if (q.len)
			strbuf_putc(&q, ' ');
		strbuf_putc(&q, '"');
		{
			/* Folded as the search text is: "kilinc" finds Kılınç. */
			char *word = xstrndup(start, (size_t)(p - start)), *folded = text_fold_letters(word);

			for (const char *c = folded; *c; c++) {
				if (*c == '"')
					strbuf_putc(&q, '"');
				strbuf_putc(&q, *c);
			}
			free(folded);
			free(word);
		}
		strbuf_puts(&q, "\"*");
	}
	return q.len ? strbuf_take(&q) : (strbuf_free(&q), NULL);
}

/* A row of LISTED_COLUMNS. The incident's strings share one block (a
 * page of twenty rows was 180 allocations, most of the time a page of a
 * search took beyond the index's own work). */
static void read_listed(sqlite3_stmt *st, time_t now, bool searching, struct listed *row)
{
	struct incident *in = &row->incident;
	char *caller = NULL;
	/* The strings, by column; the caller's name is the last column. */
	char **strings[] = {&in->ref, &in->title, &in->status, &in->category, &in->procedure,
			    &in->created_at, &in->created_by, &in->updated_at, &in->updated_by, &caller};
	static const int column[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 13};
	enum { STRINGS = sizeof(strings) / sizeof(strings[0]) };
	const unsigned char *text[STRINGS];
	size_t bytes[STRINGS], size = 1, at = 0;

	memset(row, 0, sizeof(*row));
	for (int i = 0; i < STRINGS; i++) {
		text[i] = sqlite3_column_text(st, column[i]);
		bytes[i] = (size_t)sqlite3_column_bytes(st, column[i]);
		size += text[i] ? bytes[i] + 1 : 0;
	}
	row->text = xmalloc(size);
	for (int i = 0; i < STRINGS; i++) {
		if (!text[i])
			continue;
		*strings[i] = memcpy(row->text + at, text[i], bytes[i]);
		row->text[at + bytes[i]] = '\0';
		at += bytes[i] + 1;
	}
	row->caller = caller;
	in->id = sqlite3_column_int64(st, 0);
	in->version = sqlite3_column_int64(st, 10);
	row->due_open = sqlite3_column_type(st, 11) != SQLITE_NULL;
	row->due = (time_t)sqlite3_column_int64(st, 11);
	row->due_warn = sqlite3_column_int64(st, 12);
	row->key.id = row->incident.id;
	row->key.due = row->due;
	row->key.overdue = !searching && row->due_open && row->due <= now;
}

static void page_add(struct listed_page *page, sqlite3_stmt *st, time_t now, bool searching)
{
	GROW(page->items, page->cap, page->len + 1);
	read_listed(st, now, searching, &page->items[page->len++]);
}

/* The columns of a listed row: the incident's, its deadline, then who
 * called (the intake form's caller_name, by its primary key), only when
 * asked: the lookup doubled the time of a whole listing, and was most
 * of a search page's beyond the index's own work. */
#define LISTED_INCIDENT \
	"i.id, i.ref, i.title, i.status, i.category, i.procedure, i.created_at, i.created_by, i.updated_at," \
	" i.updated_by, i.version, d.due, d.warn,"
#define LISTED_COLUMNS \
	LISTED_INCIDENT " (SELECT value FROM field WHERE incident_id = i.id AND form = 'intake' AND key = 'caller_name')"
#define LISTED_NO_CALLER LISTED_INCIDENT " NULL"

/* Rows of one part of the list, from a key on, in one direction. The
 * parts: the overdue incidents by due time, the others (or the search's
 * matches) newest first. Each reads an index in its own order and stops
 * at limit. */
enum part { PART_OVERDUE, PART_REST, PART_MATCHES };

static enum status read_part(struct store *s, const struct list_query *q, const char *match, enum part part,
			     const struct list_key *from, bool forward, bool inclusive, size_t limit,
			     struct listed_page *out, struct error *err)
{
	static const char *const cmp[2][2] = {{"<", "<="}, {">", ">="}};
	/* Each query's text, made once: a page is read at every key. */
	static char *texts[3][2][2][2][2];
	char **text = &texts[part][forward][inclusive][q->include_closed][q->caller];
	const char *columns = q->caller ? LISTED_COLUMNS : LISTED_NO_CALLER;
	const char *open_only = q->include_closed ? "" : " AND i.status <> 'closed'";
	struct strbuf sql = {0};
	sqlite3_stmt *st;
	enum status rc;
	int step;

	if (*text) {
		/* made before */
	} else if (part == PART_OVERDUE) {
		/* In list order the due time rises: forward is ascending. */
		strbuf_printf(&sql, "SELECT %s FROM incident_due d JOIN incident i ON i.id = d.incident_id"
			      " WHERE d.due IS NOT NULL AND d.due <= ?1%s AND (d.due, d.incident_id) %s (?2, ?3)"
			      " ORDER BY d.due %s, d.incident_id %s LIMIT ?4", columns, open_only, cmp[forward][inclusive],
			      forward ? "ASC" : "DESC", forward ? "ASC" : "DESC");
	} else if (part == PART_REST) {
		/* Newest first: forward is descending ids. */
		strbuf_printf(&sql, "SELECT %s FROM incident i LEFT JOIN incident_due d ON d.incident_id = i.id"
			      " WHERE i.id %s ?3%s AND (d.due IS NULL OR d.due > ?1) ORDER BY i.id %s LIMIT ?4",
			      columns, cmp[!forward][inclusive], open_only, forward ? "DESC" : "ASC");
	} else {
		/* Closed incidents are searched too ("have we seen this
		 * before?"): the page is the index's first matches, no more. */
		strbuf_printf(&sql, "SELECT %s FROM search_text s JOIN incident i ON i.id = s.rowid"
			      " LEFT JOIN incident_due d ON d.incident_id = i.id"
			      " WHERE s.search_text MATCH ?5 AND s.rowid %s ?3 ORDER BY s.rowid %s LIMIT ?4",
			      columns, cmp[!forward][inclusive], forward ? "DESC" : "ASC");
	}
	if (!*text)
		*text = strbuf_take(&sql);
	if ((rc = store_prepare(s, *text, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)q->now);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)from->due);
	sqlite3_bind_int64(st, 3, from->id);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
	if (match)
		sqlite3_bind_text(st, 5, match, -1, SQLITE_STATIC);
	if (limit <= 1000)	/* a screenful: room for it at once */
		GROW(out->items, out->cap, out->len + limit);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		page_add(out, st, q->now, part == PART_MATCHES);
	store_finalize(s, st);	/* before the words bound are freed */
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "listing incidents", err);
}

static void reverse(struct listed_page *page, size_t from)
{
	for (size_t i = from, j = page->len; i + 1 < j; i++, j--) {
		struct listed t = page->items[i];
		page->items[i] = page->items[j - 1];
		page->items[j - 1] = t;
	}
}

enum status store_list_page(struct store *s, const struct list_query *q, const struct list_key *from, bool forward,
			    bool inclusive, size_t limit, struct listed_page *out, struct error *err)
{
	/* The ends of each part, as keys: the first overdue and the first
	 * of the rest come before any key, the last ones after. */
	static const struct list_key overdue_top = {true, INT64_MIN, INT64_MIN},
				     overdue_bottom = {true, INT64_MAX, INT64_MAX},
				     rest_top = {false, 0, INT64_MAX}, rest_bottom = {false, 0, INT64_MIN};
	char *match = q->search ? search_query(q->search) : NULL;
	enum status rc = STATUS_OK;

	memset(out, 0, sizeof(*out));
	if (match) {
		const struct list_key *k = from ? from : forward ? &rest_top : &rest_bottom;
		rc = read_part(s, q, match, PART_MATCHES, k, forward, from ? inclusive : true, limit, out, err);
	} else if (forward) {
		/* Down from the key: the rest of its part, then the next. */
		if (!from || from->overdue)
			rc = read_part(s, q, NULL, PART_OVERDUE, from ? from : &overdue_top, true, from ? inclusive : true,
				       limit, out, err);
		if (!rc && out->len < limit)
			rc = read_part(s, q, NULL, PART_REST, from && !from->overdue ? from : &rest_top, true,
				       from && !from->overdue ? inclusive : true, limit - out->len, out, err);
	} else {
		/* Up from the key, nearest first, then turned round. */
		if (!from || !from->overdue)
			rc = read_part(s, q, NULL, PART_REST, from ? from : &rest_bottom, false, from ? inclusive : true,
				       limit, out, err);
		if (!rc && out->len < limit)
			rc = read_part(s, q, NULL, PART_OVERDUE, from && from->overdue ? from : &overdue_bottom, false,
				       from && from->overdue ? inclusive : true, limit - out->len, out, err);
	}
	if (!rc && !forward)
		reverse(out, 0);
	free(match);
	if (rc)
		listed_page_free(out);
	return rc;
}

void listed_page_free(struct listed_page *page)
{
	for (size_t i = 0; i < page->len; i++)
		free(page->items[i].text);
	FREE(&page->items);
	page->len = page->cap = 0;
}

enum status store_incident_each(struct store *s, bool include_closed, time_t now, listed_fn fn, void *ctx,
				struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, include_closed ?
		"SELECT " LISTED_NO_CALLER " FROM incident i LEFT JOIN incident_due d ON d.incident_id = i.id"
		" ORDER BY i.id DESC" :
		"SELECT " LISTED_NO_CALLER " FROM incident i LEFT JOIN incident_due d ON d.incident_id = i.id"
		" WHERE i.status <> 'closed' ORDER BY i.id DESC", &st, err);
	int step;

	if (rc)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct listed row;

		read_listed(st, now, false, &row);
		fn(&row, ctx);
		free(row.text);
	}
	store_finalize(s, st);
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "listing incidents", err);
}

enum status store_longest_ref(struct store *s, int *bytes, struct error *err)
{
	/* A scan of the reference index, not of the incidents. */
	return store_pragma_int(s, "SELECT coalesce(max(length(CAST(ref AS BLOB))), 0) FROM incident", bytes, err);
}

enum status store_list_key(struct store *s, const struct list_query *q, int64_t id, struct list_key *out,
			   struct error *err)
{
	char *match = q->search ? search_query(q->search) : NULL;
	sqlite3_stmt *st;
	enum status rc;
	int step;

	rc = store_prepare(s, match ?
		"SELECT i.status, d.due FROM incident i LEFT JOIN incident_due d ON d.incident_id = i.id"
		" WHERE i.id = ?1 AND i.id IN (SELECT rowid FROM search_text WHERE search_text MATCH ?2 AND rowid = ?1)" :
		"SELECT i.status, d.due FROM incident i LEFT JOIN incident_due d ON d.incident_id = i.id WHERE i.id = ?1",
		&st, err);
	if (rc) {
		free(match);
		return rc;
	}
	sqlite3_bind_int64(st, 1, id);
	if (match)
		sqlite3_bind_text(st, 2, match, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		bool closed = strcmp((const char *)sqlite3_column_text(st, 0), "closed") == 0;
		bool due_open = sqlite3_column_type(st, 1) != SQLITE_NULL;

		*out = (struct list_key){.id = id, .due = (time_t)sqlite3_column_int64(st, 1)};
		out->overdue = !match && due_open && out->due <= q->now;
		if (closed && !match && !q->include_closed)
			step = SQLITE_DONE;
	}
	store_finalize(s, st);
	free(match);
	if (step == SQLITE_ROW)
		return STATUS_OK;
	if (step == SQLITE_DONE)
		return error_set(err, STATUS_NOT_FOUND, "the incident is not in this list");
	return store_sqlite_error(s, step, "listing incidents", err);
}
