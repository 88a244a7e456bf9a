/* Moving incidents between databases, and copying a database while it is
 * in use. An export holds every incident with every row recorded about
 * it, table by table, column by column: whatever a later schema adds to
 * a table travels without a change here. Rows are tied to their incident
 * by reference, not by row id, so an import can give them new ids.
 *
 * Where a record came from travels with it: each row's "imported" is
 * null for what was recorded where the file was exported, or the import
 * that brought it there (who, when, from which file and its SHA-256,
 * and the import before that, as that file said). An import here gives
 * every row it adds this import, keeping what the file said as the
 * earlier one: a record never passes, on its way through files, for
 * one recorded here. */
#include "store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/file.h"
#include "sirt/json.h"
#include "sirt/utf8.h"

#define EXPORT_FORMAT 1

/* The first column of every row of sql, as names: all of them or an
 * error, since a table or column left out would be left out of an export
 * or an import without a word. */
static enum status names(struct store *s, const char *sql, struct strlist *out, const char *doing,
			 struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, sql, &st, err);
	bool row = !rc;

	memset(out, 0, sizeof(*out));
	while (row) {
		char *name;

		if ((rc = store_step(s, st, &row, doing, err)) || !row)
			break;
		if (!(name = store_column_text(st, 0))) {
			rc = store_sqlite_error(s, SQLITE_NOMEM, doing, err);
			break;
		}
		strlist_add_owned(out, name);
	}
	store_finalize(s, st);
	if (rc)
		strlist_free(out);
	return rc;
}

/* The tables that hang off an incident by incident_id, parents first, and
 * the one that hangs off a cost line. incident_due is not among them: it
 * is worked out from the rest (derived.c), here and wherever imported. */
static enum status incident_tables(struct store *s, struct strlist *out, struct error *err)
{
	return names(s,
		"SELECT m.name FROM sqlite_schema m WHERE m.type = 'table' AND m.name NOT IN ('incident', 'audit', 'incident_due')"
		" AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'incident_id') ORDER BY m.name",
		out, "listing the tables", err);
}

/* The columns a row's import is read with, after the row's own (t.*):
 * the import joined as p. */
#define IMPORT_COLUMNS ", p.imported_by, p.imported_uid, p.imported_at, p.file, p.sha256, p.earlier"
#define IMPORT_NCOLUMNS 6
#define IMPORT_JOIN " LEFT JOIN import p ON p.id = t.imported"

/* How an export says where each row came from: as a file says it (the
 * import that brought it here), as the file that brought it said it
 * (what an import must have kept), or not at all (whether an incident is
 * here already: the same records, wherever they came from). */
enum provenance_said {
	SAID_HERE,
	SAID_IN_FILE,
	SAID_NOT,
};

/* What an export reads for each incident, prepared once: a statement
 * prepared per incident and table made the export prepare hundreds of
 * thousands of them at scale. */
struct export_queries {
	sqlite3_stmt *incident;
	sqlite3_stmt **tables;	/* one per incident table, in its order */
	sqlite3_stmt *withdrawals;
};

static enum status export_prepare(struct store *s, const struct strlist *tables, struct export_queries *q,
				  struct error *err)
{
	int rc = sqlite3_prepare_v2(s->db, "SELECT t.*" IMPORT_COLUMNS " FROM incident t" IMPORT_JOIN " WHERE t.id = ?",
				    -1, &q->incident, NULL);

	q->tables = xcalloc(tables->len ? tables->len : 1, sizeof(*q->tables));
	for (size_t t = 0; rc == SQLITE_OK && t < tables->len; t++) {
		char *sql = xasprintf("SELECT t.*" IMPORT_COLUMNS " FROM \"%s\" t" IMPORT_JOIN
				      " WHERE t.incident_id = ? ORDER BY t.rowid", tables->items[t]);

		rc = sqlite3_prepare_v2(s->db, sql, -1, &q->tables[t], NULL);
		free(sql);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db,
			"SELECT t.*, c.number AS cost_number" IMPORT_COLUMNS
			" FROM cost_withdrawal t JOIN cost c ON c.id = t.cost_id" IMPORT_JOIN
			" WHERE c.incident_id = ? ORDER BY c.number", -1, &q->withdrawals, NULL);
	return rc == SQLITE_OK ? STATUS_OK : store_sqlite_error(s, rc, "exporting", err);
}

static void export_finalize(struct export_queries *q, size_t ntables)
{
	sqlite3_finalize(q->incident);
	for (size_t t = 0; q->tables && t < ntables; t++)
		sqlite3_finalize(q->tables[t]);
	sqlite3_finalize(q->withdrawals);
	free(q->tables);
}

static enum status earlier_json(struct store *s, struct json *j, const char *earlier, struct error *err);

/* The value at path of an import as a file said it (text), written by
 * its type: what was given is what is written back, so that an import
 * can check that it kept it; the import before it ("$.earlier") as an
 * object of its own. */
static enum status value_json(struct store *s, struct json *j, const char *text, const char *path, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT json_type(?1, ?2), json_extract(?1, ?2)", &st, err);
	bool row = false;
	const char *type;

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	if ((rc = store_step(s, st, &row, "exporting", err))) {
		store_finalize(s, st);
		return rc;
	}
	type = row ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (!type || strcmp(type, "null") == 0) {
		json_null(j);
	} else if (strcmp(type, "integer") == 0) {
		json_int(j, sqlite3_column_int64(st, 1));
	} else if (strcmp(type, "true") == 0 || strcmp(type, "false") == 0) {
		json_bool(j, type[0] == 't');
	} else if (strcmp(type, "object") == 0 && strcmp(path, "$.earlier") == 0 && j->depth < JSON_MAX_DEPTH - 2) {
		char *inner = store_column_text(st, 1);

		store_finalize(s, st);
		rc = earlier_json(s, j, inner, err);
		free(inner);
		return rc;
	} else {
		/* Text, or what an import refuses (a number with a fraction,
		 * an array, an earlier import too deep): as text, which then
		 * differs from the file. */
		json_string(j, (const char *)sqlite3_column_text(st, 1));
	}
	store_finalize(s, st);
	return STATUS_OK;
}

/* The keys of an import, as an export writes them. */
static const char *const import_keys[] = {"by", "uid", "at", "file", "sha256", "earlier", NULL};

/* An import a file said its rows came through (earlier: JSON text). */
static enum status earlier_json(struct store *s, struct json *j, const char *earlier, struct error *err)
{
	enum status rc = STATUS_OK;

	/* The keys sirt writes, each: a key of another name, or one
	 * missing, then differs from the file, which an import refuses. */
	json_object_begin(j);
	for (size_t k = 0; !rc && import_keys[k]; k++) {
		char *path = xasprintf("$.%s", import_keys[k]);

		json_key(j, import_keys[k]);
		rc = value_json(s, j, earlier, path, err);
		free(path);
	}
	json_object_end(j);
	return rc;
}

/* A row's "imported", from the import columns at first (NULL when the
 * row was recorded here), as said says. */
static enum status import_json(struct store *s, struct json *j, sqlite3_stmt *st, int first, enum provenance_said said,
			       struct error *err)
{
	const char *earlier = (const char *)sqlite3_column_text(st, first + 5);

	if (said == SAID_NOT)
		return STATUS_OK;
	json_key(j, "imported");
	if (said == SAID_IN_FILE && earlier)
		return earlier_json(s, j, earlier, err);
	if (said == SAID_IN_FILE || sqlite3_column_type(st, first) == SQLITE_NULL) {
		json_null(j);
		return STATUS_OK;
	}
	json_object_begin(j);
	json_key(j, "by");
	json_string(j, (const char *)sqlite3_column_text(st, first));
	json_key(j, "uid");
	json_int(j, sqlite3_column_int64(st, first + 1));
	json_key(j, "at");
	json_string(j, (const char *)sqlite3_column_text(st, first + 2));
	json_key(j, "file");
	json_string(j, (const char *)sqlite3_column_text(st, first + 3));
	json_key(j, "sha256");
	json_string(j, (const char *)sqlite3_column_text(st, first + 4));
	json_key(j, "earlier");
	if (earlier) {
		enum status rc = earlier_json(s, j, earlier, err);

		if (rc)
			return rc;
	} else {
		json_null(j);
	}
	json_object_end(j);
	return STATUS_OK;
}

/* Writes each row of a query as an object of its columns, but for the
 * row ids that mean nothing in another database, and the import the
 * row came through (its id, here) as said says. */
static enum status rows_json(struct store *s, struct json *j, sqlite3_stmt *st, int64_t incident_id,
			     enum provenance_said said, struct error *err)
{
	enum status status = STATUS_OK;
	int rc;

	sqlite3_bind_int64(st, 1, incident_id);
	json_array_begin(j);
	while (!status && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int own = sqlite3_column_count(st) - IMPORT_NCOLUMNS;

		json_object_begin(j);
		for (int c = 0; c < own; c++) {
			const char *name = sqlite3_column_name(st, c);

			if (strcmp(name, "id") == 0 || strcmp(name, "incident_id") == 0 || strcmp(name, "cost_id") == 0 ||
			    strcmp(name, "imported") == 0)
				continue;
			json_key(j, name);
			switch (sqlite3_column_type(st, c)) {
			case SQLITE_NULL:
				json_null(j);
				break;
			case SQLITE_INTEGER:
				json_int(j, sqlite3_column_int64(st, c));
				break;
			default:
				json_string(j, (const char *)sqlite3_column_text(st, c));
			}
		}
		status = import_json(s, j, st, own, said, err);
		json_object_end(j);
	}
	json_array_end(j);
	sqlite3_reset(st);
	if (status)
		return status;
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, rc, "exporting", err);
}

/* One incident as an item of the export's "incidents". */
static enum status export_incident(struct store *s, const struct strlist *tables, const struct export_queries *q,
				   int64_t id, const char *ref, enum provenance_said said, struct json *j,
				   struct error *err)
{
	enum status st;

	json_object_begin(j);
	json_key(j, "ref");
	json_string(j, ref);
	json_key(j, "incident");
	st = rows_json(s, j, q->incident, id, said, err);
	json_key(j, "rows");
	json_object_begin(j);
	for (size_t t = 0; !st && t < tables->len; t++) {
		json_key(j, tables->items[t]);
		st = rows_json(s, j, q->tables[t], id, said, err);
	}
	if (!st) {
		json_key(j, "cost_withdrawal");
		st = rows_json(s, j, q->withdrawals, id, said, err);
	}
	json_object_end(j);
	json_object_end(j);
	return st;
}

/* Hands what the writer holds to out, so that memory stays flat. */
static enum status export_flush(struct strbuf *sb, FILE *out, struct error *err)
{
	if (sb->len && fwrite(sb->data, 1, sb->len, out) != sb->len)
		return error_set(err, STATUS_IO, "writing the export: %s (check free disk space)", strerror(errno));
	strbuf_reset(sb);
	return STATUS_OK;
}

enum status store_export(struct store *s, const char *at, FILE *out, struct error *err)
{
	struct strlist tables;
	struct export_queries q = {0};
	struct strbuf sb = {0};
	struct json j;
	sqlite3_stmt *ids = NULL;
	enum status st;
	int rc = SQLITE_DONE, schema;

	if ((st = incident_tables(s, &tables, err)))
		return st;
	/* One read transaction: a consistent picture while others write. */
	if ((st = store_exec(s, "BEGIN", err))) {
		strlist_free(&tables);
		return st;
	}
	if ((st = store_pragma_int(s, "PRAGMA user_version", &schema, err))) {
		store_rollback(s);
		strlist_free(&tables);
		return st;
	}
	json_init(&j, &sb);
	json_object_begin(&j);
	json_key(&j, "sirt_export");
	json_int(&j, EXPORT_FORMAT);
	json_key(&j, "schema");
	json_int(&j, schema);
	json_key(&j, "exported_at");
	json_string(&j, at);
	json_key(&j, "incidents");
	json_array_begin(&j);
	st = export_prepare(s, &tables, &q, err);
	if (!st && (rc = sqlite3_prepare_v2(s->db, "SELECT id, ref FROM incident ORDER BY id", -1, &ids, NULL)) != SQLITE_OK)
		st = store_sqlite_error(s, rc, "exporting", err);
	while (!st && (rc = sqlite3_step(ids)) == SQLITE_ROW) {
		st = export_incident(s, &tables, &q, sqlite3_column_int64(ids, 0), (const char *)sqlite3_column_text(ids, 1),
				     SAID_HERE, &j, err);
		if (!st)
			st = export_flush(&sb, out, err);
	}
	/* A read that failed half way must not pass for the whole export. */
	if (!st && rc != SQLITE_DONE)
		st = store_sqlite_error(s, rc, "exporting", err);
	store_finalize(s, ids);
	export_finalize(&q, tables.len);
	json_array_end(&j);
	json_object_end(&j);
	if (!st)
		st = export_flush(&sb, out, err);
	if (!st && fflush(out) != 0)
		st = error_set(err, STATUS_IO, "writing the export: %s (check free disk space)", strerror(errno));
	strbuf_free(&sb);
	store_rollback(s);
	strlist_free(&tables);
	return st;
}

/* INSERT INTO table (incident_id, c...) SELECT ?1, json_extract(value,
 * '$.c')... FROM json_each(?2): every column but the row id, from the
 * rows of one table of one exported incident. */
static enum status insert_rows(struct store *s, const char *table, int64_t incident_id, const char *rows,
			       int64_t import_id, struct error *err)
{
	struct strbuf cols = {0}, vals = {0}, sql = {0};
	char *q = xasprintf("SELECT name FROM pragma_table_info('%s') WHERE name NOT IN ('id', 'incident_id', 'cost_id')"
			    " ORDER BY cid", table);
	struct strlist columns;
	sqlite3_stmt *st;
	bool withdrawal = strcmp(table, "cost_withdrawal") == 0;
	enum status status = names(s, q, &columns, "importing", err);
	int rc;

	free(q);
	if (status)
		return status;
	for (size_t i = 0; i < columns.len; i++) {
		strbuf_printf(&cols, ", \"%s\"", columns.items[i]);
		/* This import, with what the file said of the row's own (?3). */
		if (strcmp(columns.items[i], "imported") == 0)
			strbuf_puts(&vals, ", (SELECT max(id) FROM import WHERE id >= ?3 AND earlier IS"
				    " CASE json_type(value, '$.imported') WHEN 'object'"
				    " THEN json(json_extract(value, '$.imported')) END)");
		else
			strbuf_printf(&vals, ", json_extract(value, '$.\"%s\"')", columns.items[i]);
	}
	strlist_free(&columns);
	if (strcmp(table, "incident") == 0)
		strbuf_printf(&sql, "INSERT INTO incident (%s) SELECT %s FROM json_each(?2)", strbuf_str(&cols) + 2,
			      strbuf_str(&vals) + 2);
	else if (withdrawal)
		strbuf_printf(&sql, "INSERT INTO cost_withdrawal (cost_id%s) SELECT (SELECT id FROM cost WHERE incident_id = ?1"
			      " AND number = json_extract(value, '$.cost_number'))%s FROM json_each(?2)",
			      strbuf_str(&cols), strbuf_str(&vals));
	else
		strbuf_printf(&sql, "INSERT INTO \"%s\" (incident_id%s) SELECT ?1%s FROM json_each(?2)", table,
			      strbuf_str(&cols), strbuf_str(&vals));
	rc = sqlite3_prepare_v2(s->db, strbuf_str(&sql), -1, &st, NULL);
	strbuf_free(&cols);
	strbuf_free(&vals);
	strbuf_free(&sql);
	if (rc != SQLITE_OK)
		return store_sqlite_error(s, rc, "importing", err);
	sqlite3_bind_int64(st, 1, incident_id);
	sqlite3_bind_text(st, 2, rows, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, import_id);
	rc = sqlite3_step(st);
	store_finalize(s, st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, rc, "importing", err);
}

/* This import, once for each import the file says rows came through
 * where it was exported (earlier), besides the one (import_id) for rows
 * it says were recorded there: what insert_rows points each row at. */
static enum status earlier_imports(struct store *s, const char *rows, int64_t import_id, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s,
		"INSERT INTO import (imported_at, imported_by, imported_uid, file, sha256, earlier)"
		" SELECT a.imported_at, a.imported_by, a.imported_uid, a.file, a.sha256, e.earlier FROM import a,"
		" (SELECT DISTINCT json(json_extract(value, '$.imported')) AS earlier FROM json_each(?1)"
		"  WHERE json_type(value, '$.imported') = 'object') e"
		" WHERE a.id = ?2 AND NOT EXISTS (SELECT 1 FROM import WHERE id >= ?2 AND earlier = e.earlier)"
		" ORDER BY e.earlier", &st, err);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, rows, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, import_id);
	return store_finish(s, st, "importing", err);
}

/* Prepares sql with a and b (b may be NULL) bound to ?1 and ?2, and
 * steps to its first row, which *row says there is; the caller reads it
 * and finalizes *st. On an error *st is finalized already. */
static enum status query_texts(struct store *s, const char *sql, const char *a, const char *b, sqlite3_stmt **st,
			       bool *row, struct error *err)
{
	enum status rc = store_prepare(s, sql, st, err);

	*row = false;
	if (rc)
		return rc;
	sqlite3_bind_text(*st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(*st, 2, b, -1, SQLITE_STATIC);
	if ((rc = store_step(s, *st, row, "importing", err))) {
		store_finalize(s, *st);
		*st = NULL;
	}
	return rc;
}

/* The text a json_extract of json at path gives (NULL for none). */
static enum status json_part(struct store *s, const char *json, const char *path, char **out, struct error *err)
{
	sqlite3_stmt *st;
	bool row;
	enum status rc = query_texts(s, "SELECT json_extract(?1, ?2)", json, path, &st, &row, err);

	*out = NULL;
	if (rc)
		return rc;
	if (row && sqlite3_column_type(st, 0) != SQLITE_NULL && !(*out = store_column_text(st, 0)))
		rc = store_sqlite_error(s, SQLITE_NOMEM, "importing", err);
	store_finalize(s, st);
	return rc;
}

/* The nodes of a json_tree left out of the comparison: where each row
 * came from (SAID_NOT: the same records, wherever they came from), or
 * only a row's "imported": null, which an export of schema 17 or before
 * does not write at all (the row was recorded where it was exported). */
#define IMPORT_NODES_NOT " WHERE NOT (fullkey GLOB '*].imported' OR fullkey GLOB '*].imported.*')"
#define IMPORT_NODES_NULL " WHERE NOT (fullkey GLOB '*].imported' AND type = 'null')"

/* Whether the incident here, exported, says exactly what item says,
 * where each row came from as said says. */
static enum status same_as_here(struct store *s, const struct strlist *tables, const char *ref, const char *item,
				enum provenance_said said, bool *same, struct error *err)
{
	struct strbuf here = {0};
	struct json j;
	sqlite3_stmt *st;
	int64_t id = 0;
	bool row;
	enum status rc = query_texts(s, "SELECT id FROM incident WHERE ref = ?", ref, NULL, &st, &row, err);

	*same = false;
	if (rc)
		return rc;
	if (row)
		id = sqlite3_column_int64(st, 0);
	store_finalize(s, st);
	json_init(&j, &here);
	{
		struct export_queries q = {0};

		rc = export_prepare(s, tables, &q, err);
		if (!rc)
			rc = export_incident(s, tables, &q, id, ref, said, &j, err);
		export_finalize(&q, tables->len);
	}
	/* Every value at every path, whatever the spacing and the order of
	 * keys (a file passed through jq -S says the same). */
	if (!rc && !(rc = query_texts(s, said == SAID_NOT ?
		"SELECT NOT EXISTS (SELECT fullkey, type, atom FROM json_tree(?1)" IMPORT_NODES_NOT
		"  EXCEPT SELECT fullkey, type, atom FROM json_tree(?2)" IMPORT_NODES_NOT ")"
		" AND NOT EXISTS (SELECT fullkey, type, atom FROM json_tree(?2)" IMPORT_NODES_NOT
		"  EXCEPT SELECT fullkey, type, atom FROM json_tree(?1)" IMPORT_NODES_NOT ")" :
		"SELECT NOT EXISTS (SELECT fullkey, type, atom FROM json_tree(?1)" IMPORT_NODES_NULL
		"  EXCEPT SELECT fullkey, type, atom FROM json_tree(?2)" IMPORT_NODES_NULL ")"
		" AND NOT EXISTS (SELECT fullkey, type, atom FROM json_tree(?2)" IMPORT_NODES_NULL
		"  EXCEPT SELECT fullkey, type, atom FROM json_tree(?1)" IMPORT_NODES_NULL ")",
		strbuf_str(&here), item, &st, &row, err))) {
		*same = row && sqlite3_column_int(st, 0) == 1;
		store_finalize(s, st);
	}
	strbuf_free(&here);
	return rc;
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
			     c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
		if (d == 16)
			return 0x110000;
		v = v << 4 | d;
	}
	return v;
}

/* What no export of sirt's holds, because sirt never stores it: bytes
 * that are not UTF-8, and strings that decode to a NUL or to half a
 * surrogate pair (SQLite would cut the text at the NUL, or keep bytes
 * that are not UTF-8). Returns the line of the first, 0 if none. */
static int unkeepable_text(const char *json, const char **why)
{
	size_t len = strlen(json), i = 0;
	bool in_string = false;
	int line = 1;

	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(json + i, len - i, &cp);

		if (n < 0) {
			*why = "bytes that are not UTF-8";
			return line;
		}
		if (cp == '\n')
			line++;
		if (cp == '"') {
			in_string = !in_string;
		} else if (in_string && cp == '\\' && i + 1 < len) {
			if (json[i + 1] == 'u' && i + 6 <= len) {
				unsigned v = hex4(json + i + 2);

				if (v == 0) {
					*why = "a NUL character (\\u0000)";
					return line;
				}
				if (v >= 0xD800 && v <= 0xDBFF && i + 12 <= len && json[i + 6] == '\\' &&
				    json[i + 7] == 'u' && hex4(json + i + 8) >= 0xDC00 && hex4(json + i + 8) <= 0xDFFF) {
					i += 12;
					continue;
				}
				if (v >= 0xD800 && v <= 0xDFFF) {
					*why = "half of a surrogate pair";
					return line;
				}
				i += 6;
				continue;
			}
			i += 2;
			continue;
		}
		i += (size_t)n;
	}
	return 0;
}

/* IR-2026-0001: letters or digits, the year, the number. Anything else
 * is not a reference sirt made, and would travel to every screen. */
static bool ref_well_formed(const char *ref)
{
	size_t prefix = strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
	const char *p = ref + prefix;

	return prefix >= 1 && prefix <= 16 && p[0] == '-' && strspn(p + 1, "0123456789") == 4 && p[5] == '-' &&
	       strspn(p + 6, "0123456789") >= 1 && strspn(p + 6, "0123456789") <= 12 &&
	       p[6 + strspn(p + 6, "0123456789")] == '\0';
}

/* Whether item's incident is one record whose reference is ref and ends
 * in its year and number, as sirt makes them ("IR-2026-0007"): new
 * incidents are numbered from the highest number of their year, so a
 * reference that says another number would stand in their way. */
static enum status record_matches(struct store *s, const char *ref, const char *item, bool *ok, struct error *err)
{
	sqlite3_stmt *st;
	bool row;
	enum status rc = query_texts(s,
		"SELECT json_array_length(?1, '$.incident'), json_extract(?1, '$.incident[0].ref'),"
		" json_type(?1, '$.incident[0].year'), json_extract(?1, '$.incident[0].year'),"
		" json_type(?1, '$.incident[0].seq'), json_extract(?1, '$.incident[0].seq')", item, NULL, &st, &row, err);

	*ok = false;
	if (rc)
		return rc;
	if (row && sqlite3_column_int(st, 0) == 1 && sqlite3_column_text(st, 1) &&
	    strcmp((const char *)sqlite3_column_text(st, 1), ref) == 0 && sqlite3_column_text(st, 2) &&
	    strcmp((const char *)sqlite3_column_text(st, 2), "integer") == 0 && sqlite3_column_text(st, 4) &&
	    strcmp((const char *)sqlite3_column_text(st, 4), "integer") == 0) {
		sqlite3_int64 year = sqlite3_column_int64(st, 3), seq = sqlite3_column_int64(st, 5);
		char *tail = xasprintf("-%04lld-%04lld", (long long)year, (long long)seq);
		size_t len = strlen(ref), tail_len = strlen(tail);

		*ok = year >= 1970 && year <= 9999 && seq >= 1 && seq <= 99999999 && len > tail_len &&
		      strcmp(ref + len - tail_len, tail) == 0;
		free(tail);
	}
	store_finalize(s, st);
	return STATUS_OK;
}

/* The year and number of the incident row (an export's "incident")
 * belong to another incident here: one count of numbers a year serves
 * every prefix, so EX-2026-0001 cannot join IR-2026-0001. */
static enum status number_taken(struct store *s, const char *incident, struct error *err)
{
	sqlite3_stmt *st;
	bool row;
	enum status rc = query_texts(s,
		"SELECT ref FROM incident WHERE year = json_extract(?1, '$[0].year') AND seq = json_extract(?1, '$[0].seq')",
		incident, NULL, &st, &row, err);

	if (rc)
		return rc;
	if (row)
		rc = error_set(err, STATUS_DATA, "%s here has the same year and number (numbers are counted per year "
			       "whatever the prefix)", (const char *)sqlite3_column_text(st, 0));
	store_finalize(s, st);
	return rc;
}

/* One import: what it reads, who and when; id, its row in the import
 * table, made with the first incident added (0 until then). */
struct import_act {
	const struct config *plan;
	const char *file;
	const char *sha256;
	const struct actor *who;
	const char *at;
	int64_t id;
};

/* The import's own row, once: who imported the file here, when, which
 * file with which hash. */
static enum status act_record(struct store *s, struct import_act *act, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc;

	if (act->id)
		return STATUS_OK;
	if ((rc = store_prepare(s, "INSERT INTO import (imported_at, imported_by, imported_uid, file, sha256)"
				" VALUES (?, ?, ?, ?, ?)", &st, err)))
		return rc;
	store_bind_text(st, 1, act->at);
	store_bind_text(st, 2, act->who->login);
	sqlite3_bind_int64(st, 3, act->who->uid);
	store_bind_text(st, 4, act->file);
	store_bind_text(st, 5, act->sha256);
	if (!(rc = store_finish(s, st, "recording the import", err)))
		act->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* Adds the incident of item and every row of it, each marked as
 * imported by act, and checks that what is kept is what the file says:
 * a key no column takes, a key twice, a value of another type would
 * otherwise be dropped or changed without a word. */
static enum status add_incident(struct store *s, const struct strlist *tables, const char *ref, const char *item,
				struct import_act *act, struct error *err)
{
	char *part;
	int64_t id;
	bool same = false;
	enum status rc = json_part(s, item, "$.incident", &part, err);

	if (rc)
		return rc;
	if (!part)
		return error_set(err, STATUS_DATA, "its record is incomplete");
	if (!(rc = number_taken(s, part, err)) && !(rc = act_record(s, act, err)) &&
	    !(rc = earlier_imports(s, part, act->id, err)))
		rc = insert_rows(s, "incident", 0, part, act->id, err);
	free(part);
	if (rc)
		return rc;
	id = sqlite3_last_insert_rowid(s->db);
	for (size_t t = 0; !rc && t <= tables->len; t++) {
		const char *table = t < tables->len ? tables->items[t] : "cost_withdrawal";
		char *path = xasprintf("$.rows.\"%s\"", table);

		if (!(rc = json_part(s, item, path, &part, err)) && part &&
		    !(rc = earlier_imports(s, part, act->id, err)))
			rc = insert_rows(s, table, id, part, act->id, err);
		free(part);
		free(path);
	}
	if (!rc)
		rc = store_import_check(s, act->plan, tables, id, err);
	if (!rc && !(rc = same_as_here(s, tables, ref, item, SAID_IN_FILE, &same, err)) && !same)
		rc = error_set(err, STATUS_DATA,
			       "the file holds what this sirt would not keep as it is (a key it does not know, "
			       "a key twice, or a value of another type): it was changed since it was exported, "
			       "or a newer sirt wrote it");
	return rc;
}

/* One SQL statement over *item (?1) that gives its new text, or no row to
 * keep it as it is. */
static enum status item_rewrite(struct store *s, const char *sql, char **item, struct error *err)
{
	sqlite3_stmt *st;
	bool row;
	enum status rc = query_texts(s, sql, *item, NULL, &st, &row, err);
	char *text;

	if (rc || !row) {
		if (!rc)
			store_finalize(s, st);
		return rc;
	}
	if (!(text = store_column_text(st, 0)))
		rc = store_sqlite_error(s, SQLITE_NOMEM, "reading the export", err);
	store_finalize(s, st);
	if (!rc) {
		free(*item);
		*item = text;
	}
	return rc;
}

/* An incident of an export from an older schema, as this schema would
 * have written it: each table a later migration added is there with no
 * rows, and each column one added is there at the default the migration
 * gave the rows here (a deadline met before schema 20 kept no text
 * sent: ''). It is then imported, and compared with what was imported,
 * as a file of this schema is. */
static enum status item_upgrade(struct store *s, const struct strlist *tables, char **item, struct error *err)
{
	enum status rc = STATUS_OK;

	for (size_t t = 0; !rc && t < tables->len; t++) {
		const char *table = tables->items[t];
		/* A column that may be NULL and has no default was NULL (JSON
		 * null) in the rows already there. */
		char *q = xasprintf("SELECT name || char(31) || coalesce(dflt_value, 'NULL') FROM pragma_table_info('%s')"
				    " WHERE (dflt_value IS NOT NULL OR \"notnull\" = 0)"
				    " AND name NOT IN ('id', 'incident_id', 'cost_id')", table);
		char *sql = xasprintf("SELECT json_set(?1, '$.rows.\"%s\"', json_array())"
				      " WHERE json_type(?1, '$.rows.\"%s\"') IS NULL", table, table);
		struct strlist defaults;

		rc = item_rewrite(s, sql, item, err);
		free(sql);
		if (rc || (rc = names(s, q, &defaults, "importing", err))) {
			free(q);
			break;
		}
		free(q);
		for (size_t c = 0; !rc && c < defaults.len; c++) {
			char *column = defaults.items[c], *dflt = strchr(column, 31);

			*dflt++ = '\0';
			sql = xasprintf("SELECT json_set(?1, '$.rows.\"%s\"', (SELECT json_group_array(CASE WHEN"
					" json_type(value, '$.\"%s\"') IS NULL THEN json_set(value, '$.\"%s\"', %s)"
					" ELSE json(value) END) FROM json_each(?1, '$.rows.\"%s\"')))",
					table, column, column, dflt, table);
			rc = item_rewrite(s, sql, item, err);
			free(sql);
		}
		strlist_free(&defaults);
	}
	return rc;
}

/* One exported incident: added, the same as here, or in conflict. An
 * incident the file holds wrongly is not imported, and the others go on;
 * a failure of the database (a full disk) stops the whole import. */
static enum status import_one(struct store *s, const struct strlist *tables, const char *ref, const char *item,
			      struct import_act *act, struct import_result *out, struct error *err)
{
	sqlite3_stmt *st;
	bool row, here = false, same = false, matches = false;
	const char *row_ref;
	enum status rc = query_texts(s,
		"SELECT i.version, i.updated_at, json_extract(?2, '$.incident[0].version'),"
		" json_extract(?2, '$.incident[0].updated_at'), json_extract(?2, '$.incident[0].ref')"
		" FROM (SELECT 1) LEFT JOIN incident i ON i.ref = ?1",
		ref, item, &st, &row, err);

	if (rc)
		return rc;
	row_ref = row && sqlite3_column_type(st, 4) == SQLITE_TEXT ? (const char *)sqlite3_column_text(st, 4) : NULL;
	if (!ref_well_formed(ref) || strcmp(ref, row_ref ? row_ref : "") != 0) {
		store_finalize(s, st);
		strlist_add_owned(&out->conflicts, xasprintf("%s: not imported: not a reference sirt makes, or not the "
							     "one its incident row holds", ref));
		return STATUS_OK;
	}
	if (row && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		char *here_updated = store_column_text(st, 1), *there_updated = store_column_text(st, 3);

		here = true;
		/* The same records, whether imported here or not. */
		if (!(rc = same_as_here(s, tables, ref, item, SAID_NOT, &same, err)) && !same)
			strlist_add_owned(&out->conflicts,
					  xasprintf("%s: here at version %lld (changed %s), in the file at version %lld "
						    "(changed %s), and they differ: left as it is here", ref,
						    (long long)sqlite3_column_int64(st, 0), here_updated ? here_updated : "",
						    (long long)sqlite3_column_int64(st, 2), there_updated ? there_updated : ""));
		free(here_updated);
		free(there_updated);
	}
	store_finalize(s, st);
	if (rc || here) {
		out->same += !rc && same;
		return rc;
	}
	if ((rc = record_matches(s, ref, item, &matches, err)))
		return rc;
	if (!matches) {
		strlist_add_owned(&out->conflicts,
				  xasprintf("%s: not imported: its record does not say that reference with its year and "
					    "number (the file was changed since it was exported)", ref));
		return STATUS_OK;
	}
	if ((rc = store_exec(s, "SAVEPOINT one", err)))
		return rc;
	{
		int64_t act_before = act->id;

		if (!(rc = add_incident(s, tables, ref, item, act, err))) {
			out->added++;
			return store_exec(s, "RELEASE one", err);
		}
		/* The import's row goes with the incident it was made for. */
		act->id = act_before;
	}
	store_exec(s, "ROLLBACK TO one", NULL);
	store_exec(s, "RELEASE one", NULL);
	if (rc != STATUS_DATA)
		return rc;
	strlist_add_owned(&out->conflicts, xasprintf("%s: not imported: %s", ref, err->message));
	memset(err, 0, sizeof(*err));
	return STATUS_OK;
}

enum status store_import(struct store *s, const struct config *plan, const char *json, const char *file,
			 const char *sha256, const struct actor *who, const char *at, struct import_result *out,
			 struct error *err)
{
	struct import_act act = {plan, file, sha256, who, at, 0};
	struct strlist tables;
	sqlite3_stmt *st;
	bool row;
	enum status rc;
	int format = 0, schema = 0, step, here_schema;

	memset(out, 0, sizeof(*out));
	/* The store holds valid UTF-8 only, and every export is. */
	for (size_t i = 0, len = strlen(json); i < len;) {
		uint32_t cp;
		int n = utf8_decode(json + i, len - i, &cp);

		if (n < 0)
			return error_set(err, STATUS_DATA,
					 "the file is not valid UTF-8 (byte %zu), as every sirt export is: it was changed "
					 "since, or is not an export", i);
		i += (size_t)n;
	}
	/* Not json_valid(), which says 0 when it runs out of memory: JSON
	 * that is not is an SQLITE_ERROR here, and memory SQLITE_NOMEM. */
	if ((rc = store_prepare(s, "SELECT json_extract(?1, '$.sirt_export'), json_extract(?1, '$.schema')", &st,
				err)))
		return rc;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		format = sqlite3_column_int(st, 0);
		schema = sqlite3_column_int(st, 1);
	}
	store_finalize(s, st);
	if (step != SQLITE_ROW && (step & 0xFF) != SQLITE_ERROR)
		return store_sqlite_error(s, step, "reading the export", err);
	if (format != EXPORT_FORMAT)
		return error_set(err, STATUS_DATA, "this is not a sirt export (or one of a format this sirt does not know)");
	{
		const char *why;
		int line = unkeepable_text(json, &why);

		if (line)
			return error_set(err, STATUS_DATA, "line %d of the export holds %s, which sirt never stores: "
				"nothing imported (was the file changed after the export?)", line, why);
	}
	if ((rc = store_pragma_int(s, "PRAGMA user_version", &here_schema, err)))
		return rc;
	if (schema > here_schema)
		return error_set(err, STATUS_DATA,
				 "the export was made by a newer sirt (database version %d; this one knows %d): import it "
				 "with that version or a newer one", schema, here_schema);
	if ((rc = incident_tables(s, &tables, err)))
		return rc;
	if ((rc = store_begin(s, who, at, err))) {
		strlist_free(&tables);
		return rc;
	}
	if ((rc = store_prepare(s, "SELECT json_extract(value, '$.ref'), value FROM json_each(?1, '$.incidents')", &st,
				err)))
		goto fail;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	/* Every incident of the file, or none: one that fails to be read is
	 * not skipped. */
	while (!(rc = store_step(s, st, &row, "reading the export", err)) && row) {
		char *ref = store_column_text(st, 0), *item = store_column_text(st, 1);

		if (!item)
			rc = store_sqlite_error(s, SQLITE_NOMEM, "reading the export", err);
		else if (schema >= here_schema || !(rc = item_upgrade(s, &tables, &item, err)))
			rc = import_one(s, &tables, ref ? ref : "?", item, &act, out, err);
		free(ref);
		free(item);
		if (rc)
			break;
	}
	store_finalize(s, st);
	if (rc)
		goto fail;
	strlist_free(&tables);
	if ((rc = store_commit(s, err)))
		import_result_free(out);
	return rc;
fail:
	store_rollback(s);
	strlist_free(&tables);
	import_result_free(out);
	return rc;
}

void import_result_free(struct import_result *r)
{
	strlist_free(&r->conflicts);
}

/* The copy's first name is in a hidden directory of its own beside path
 * (sirt/file.h), where SQLite makes its journal too: nothing anyone put
 * at path or at path-journal is followed, and a backup killed on the way
 * leaves no file by the name of a backup. */
enum status store_backup(struct store *s, const char *path, struct backup_check *out, struct error *err)
{
	const char *vfs = store_held_vfs();
	struct store *check = NULL;
	struct error why = {0};
	struct file_out file;
	sqlite3 *copy = NULL;
	sqlite3_backup *b;
	enum status st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (file_kind(path) && strcmp(file_kind(path), "a regular file") != 0)
		return error_set(err, STATUS_CONFLICT, "%s exists already and is %s, which sirt neither replaces nor "
				 "writes through: give a new file", path, file_kind(path));
	if (file_kind(path))
		return error_set(err, STATUS_CONFLICT, "%s exists already: give a new file", path);
	if (!vfs)
		return error_set(err, STATUS_IO, "cannot copy to %s: SQLite's file layer is not there", path);
	/* One person's copy of everything: its owner's alone (0600, less
	 * what the umask takes away), wherever it is put. */
	if ((st = file_begin(&file, path, file_umasked(0600), false, err)))
		return st;
	rc = sqlite3_open_v2(file.inside, &copy, SQLITE_OPEN_READWRITE, vfs);
	if (rc != SQLITE_OK) {
		error_set(err, STATUS_CANT_CREATE, "cannot create %s: %s", path, sqlite3_errmsg(copy));
		goto fail;
	}
	b = sqlite3_backup_init(copy, "main", s->db, "main");
	if (!b) {
		error_set(err, STATUS_IO, "cannot copy to %s: %s", path, sqlite3_errmsg(copy));
		goto fail;
	}
	/* A page at a time: writers are held up no longer than one step. */
	do {
		rc = sqlite3_backup_step(b, 64);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		error_set(err, STATUS_IO, "copying to %s failed: %s", path, sqlite3_errstr(rc));
		goto fail;
	}
	/* A backup in WAL mode would need its -wal file: make it one file. */
	if (sqlite3_exec(copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		error_set(err, STATUS_IO, "finishing %s failed: %s", path, sqlite3_errmsg(copy));
		goto fail;
	}
	sqlite3_close(copy);
	copy = NULL;
	/* Checked before it has its name; a copy found unsound is still
	 * given it, as the truest copy there is, and said to be unsound. */
	if ((st = store_open_held(file.inside, &check, &why)) ||
	    (st = store_integrity(check, out->integrity, sizeof(out->integrity), &why)) ||
	    (st = store_audit_verify(check, NULL, &out->audit, &why))) {
		/* Its messages may name the hidden file: name the one asked for. */
		error_set(err, st, "checking the copy for %s failed: %s", path, why.message);
		goto fail;
	}
	store_close(&check);
	return file_finish(&file, err);
fail:
	store_close(&check);
	sqlite3_close(copy);
	file_abandon(&file);
	return err ? err->status : STATUS_IO;
}

enum status store_integrity(struct store *s, char *why, size_t why_size, struct error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return store_sqlite_error(s, rc, "checking the database", err);
	why[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(why, why_size, "%s", (const char *)sqlite3_column_text(st, 0));
	store_finalize(s, st);
	return STATUS_OK;
}

struct progress_ctx {
	void (*fn)(long long steps, void *ctx);
	void *ctx;
	long long steps;
};

static int integrity_progress(void *arg)
{
	struct progress_ctx *p = arg;

	p->steps++;
	p->fn(p->steps, p->ctx);
	return 0;
}

enum status store_check_file(struct store *s, void (*progress)(long long steps, void *ctx), void *ctx,
			     struct file_check *out, struct error *err)
{
	struct progress_ctx p = {progress, ctx, 0};
	sqlite3_stmt *st;
	enum status rc;
	int step;

	memset(out, 0, sizeof(*out));
	if ((rc = store_query_int64(s, "PRAGMA page_count", 0, 0, &out->pages, "checking the database", err)) ||
	    (rc = store_query_int64(s, "PRAGMA page_size", 0, 0, &out->page_size, "checking the database", err)) ||
	    (rc = store_query_int64(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", 0, 0, &out->tables,
				    "checking the database", err)) ||
	    (rc = store_query_int64(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'", 0, 0,
				    &out->indexes, "checking the database", err)))
		return rc;
	/* Not kept prepared: run once, and its rows are its findings. */
	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return store_sqlite_error(s, sqlite3_errcode(s->db), "checking the database", err);
	if (progress)
		sqlite3_progress_handler(s->db, 20000, integrity_progress, &p);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);

		/* A row may hold several findings, a line each, under a
		 * heading naming the schema ("*** in database main ***"). */
		while (text && *text && strcmp(text, "ok") != 0) {
			size_t len = strcspn(text, "\n");

			if (len && strncmp(text, "*** ", 4) != 0)
				strlist_add_owned(&out->problems, xstrndup(text, len));
			text += len + (text[len] == '\n');
		}
	}
	sqlite3_progress_handler(s->db, 0, NULL, NULL);
	sqlite3_finalize(st);
	/* A page too damaged to walk stops the check: that is a finding
	 * too, after those it made on the way. */
	if (step == SQLITE_CORRUPT || step == SQLITE_NOTADB) {
		char *line = xasprintf("the check could not go on: %s", sqlite3_errstr(step));

		strlist_add_owned(&out->problems, line);
	} else if (step != SQLITE_DONE) {
		file_check_free(out);
		return store_sqlite_error(s, step, "checking the database", err);
	}
	return STATUS_OK;
}

void file_check_free(struct file_check *check)
{
	strlist_free(&check->problems);
}

enum status store_query_pages(struct store *s, int64_t *pages)
{
	return store_query_int64(s, "PRAGMA page_count", 0, 0, pages, "checking the database", NULL);
}
