/* Whether the database's schema is sirt's own. Anyone who can write the
 * file can add a trigger that runs inside every operator's session, drop
 * the guards that keep the audit trail whole, or add a view: sirt holds
 * the file's tables, indexes, triggers and views (their type, name, table
 * and SQL) against those its own migrations make, replayed once per
 * process on an empty database in memory, and refuses to write to a file
 * that differs (store.c) until sirt audit repair-schema puts it right.
 * The full-text index's own tables (search_text_*) are sirt's too, as
 * SQLite makes them. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/digest.h"
#include "sirt/json.h"
#include "sirt/mem.h"
#include "sirt/timefmt.h"

struct object {
	char *type, *name, *table, *sql;
};

struct objects {
	struct object *items;
	size_t len, cap;
};

static void objects_free(struct objects *o)
{
	for (size_t i = 0; i < o->len; i++) {
		free(o->items[i].type);
		free(o->items[i].name);
		free(o->items[i].table);
		free(o->items[i].sql);
	}
	free(o->items);
	memset(o, 0, sizeof(*o));
}

static char *column_or_null(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

/* What SQLite keeps of its own in sqlite_schema is not compared: the
 * statistics ANALYZE makes, and the sequence of an AUTOINCREMENT table
 * (a table that is not sirt's, found as such). */
#define SCHEMA_QUERY \
	"SELECT type, name, tbl_name, sql FROM main.sqlite_schema" \
	" WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' AND name <> 'sqlite_sequence' ORDER BY type, name"

static enum status read_objects(struct store *s, struct objects *out, struct error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, SCHEMA_QUERY, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return store_sqlite_error(s, rc, "reading the schema", err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(out->items, out->cap, out->len + 1);
		out->items[out->len++] = (struct object){column_or_null(st, 0), column_or_null(st, 1),
							 column_or_null(st, 2), column_or_null(st, 3)};
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, rc, "reading the schema", err);
}

/* One SHA-256 over the objects, in order: a file whose schema has the
 * digest of sirt's own is sirt's own. */
static void digest(const struct objects *o, char hex[SHA256_HEX_SIZE])
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < o->len; i++) {
		const struct object *x = &o->items[i];

		/* Unit and record separators: in no name SQLite parses. */
		strbuf_printf(&sb, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1e", x->type ? x->type : "", x->name ? x->name : "",
			      x->table ? x->table : "", x->sql ? "sql" : "null", x->sql ? x->sql : "");
	}
	sha256_hex(sb.len ? strbuf_str(&sb) : "", sb.len, hex);
	strbuf_free(&sb);
}

/* The digest of the schema sirt makes, worked out when sirt was built
 * (schema_digest.c, in the sirt binary only): replaying the migrations
 * takes about 20 ms, four times sirt's whole start, so a file that
 * matches it is sirt's without them. Programs built without it (the
 * unit tests, the benchmark's generator), and a file that does not
 * match (or a SQLite since upgraded that writes some SQL otherwise),
 * take the long way. */
extern const char store_schema_built[] __attribute__((weak));

/* The schema sirt makes: its migrations replayed on an empty database
 * in memory, once per process. */
static struct objects expected;
static bool expected_made;

static enum status expected_schema(const struct objects **out, struct error *err)
{
	struct store *memory = NULL;
	enum status rc;

	if (!expected_made) {
		if ((rc = store_open_memory(&memory, err)))
			return rc;
		rc = read_objects(memory, &expected, err);
		store_close(&memory);
		if (rc) {
			objects_free(&expected);
			return rc;
		}
		expected_made = true;
	}
	*out = &expected;
	return STATUS_OK;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void problem_add(struct schema_problems *out, enum schema_fault fault, const struct object *o, bool file_sql)
{
	struct schema_problem *p;

	GROW(out->items, out->cap, out->len + 1);
	p = &out->items[out->len++];
	*p = (struct schema_problem){.fault = fault, .type = xstrdup(o->type ? o->type : ""),
				     .name = xstrdup(o->name ? o->name : ""), .table = xstrdup(o->table ? o->table : ""),
				     .sql = file_sql && o->sql ? xstrdup(o->sql) : NULL};
}

void schema_problems_free(struct schema_problems *p)
{
	for (size_t i = 0; i < p->len; i++) {
		free(p->items[i].type);
		free(p->items[i].name);
		free(p->items[i].table);
		free(p->items[i].sql);
	}
	free(p->items);
	memset(p, 0, sizeof(*p));
}

static int compare_key(const struct object *a, const struct object *b)
{
	int c = strcmp(a->type ? a->type : "", b->type ? b->type : "");
	return c ? c : strcmp(a->name ? a->name : "", b->name ? b->name : "");
}

/* Both lists are in the order of (type, name): one walk finds what is
 * in one and not the other, and what differs. */
static void compare(const struct objects *want, const struct objects *have, struct schema_problems *out)
{
	size_t i = 0, k = 0;

	while (i < want->len || k < have->len) {
		int c = i == want->len ? 1 : k == have->len ? -1 : compare_key(&want->items[i], &have->items[k]);

		if (c < 0) {
			problem_add(out, SCHEMA_MISSING, &want->items[i++], false);
		} else if (c > 0) {
			problem_add(out, SCHEMA_FOREIGN, &have->items[k++], true);
		} else {
			if (!same_text(want->items[i].table, have->items[k].table) ||
			    !same_text(want->items[i].sql, have->items[k].sql))
				problem_add(out, SCHEMA_CHANGED, &have->items[k], true);
			i++;
			k++;
		}
	}
}

enum status store_schema_check(struct store *s, struct schema_problems *out, struct error *err)
{
	const struct objects *want;
	struct objects have = {0};
	enum status rc;

	memset(out, 0, sizeof(*out));
	if ((rc = read_objects(s, &have, err)))
		return rc;
	if (store_schema_built && *store_schema_built) {
		char hex[SHA256_HEX_SIZE];

		digest(&have, hex);
		if (strcmp(hex, store_schema_built) == 0) {
			objects_free(&have);
			return STATUS_OK;
		}
	}
	if (!(rc = expected_schema(&want, err)))
		compare(want, &have, out);
	objects_free(&have);
	return rc;
}

enum status store_schema_digest(char hex[SHA256_HEX_SIZE], struct error *err)
{
	const struct objects *want;
	enum status rc = expected_schema(&want, err);

	if (!rc)
		digest(want, hex);
	return rc;
}

char *schema_problem_text(const struct schema_problem *p)
{
	bool on = p->table && *p->table && strcmp(p->table, p->name) != 0;
	const char *what = p->fault == SCHEMA_FOREIGN ? "not sirt's" :
			   p->fault == SCHEMA_MISSING ? "missing" : "not as sirt made it";

	return xasprintf("%s %s%s%s (%s)", p->type, p->name, on ? " on " : "", on ? p->table : "", what);
}

char *schema_problems_text(const struct schema_problems *problems)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < problems->len; i++) {
		char *one = schema_problem_text(&problems->items[i]);

		strbuf_printf(&sb, "%s%s", i ? "; " : "", one);
		free(one);
	}
	return strbuf_take(&sb);
}

enum status store_schema_recheck(struct store *s, struct error *err)
{
	int version = 0;
	enum status rc = store_pragma_int(s, "PRAGMA schema_version", &version, err);

	if (rc || (s->schema_checked_at && version == s->schema_checked_at))
		return rc;
	schema_problems_free(&s->schema);
	if ((rc = store_schema_check(s, &s->schema, err)))
		return rc;
	s->schema_checked_at = version;
	return STATUS_OK;
}

const struct schema_problems *store_schema_problems(const struct store *s)
{
	return &s->schema;
}

/* The full-text index and the tables SQLite keeps it in. */
static bool of_search_text(const struct schema_problem *p)
{
	return strcmp(p->type, "table") == 0 &&
	       (strcmp(p->name, "search_text") == 0 || strncmp(p->name, "search_text_", 12) == 0);
}

/* The order things are dropped in (triggers and views before the
 * tables they may be on), and made in, backwards. */
static const char *const ORDER[] = {"trigger", "view", "index", "table"};
#define ORDERS (sizeof(ORDER) / sizeof(ORDER[0]))

static const struct object *find(const struct objects *o, const char *type, const char *name)
{
	for (size_t i = 0; i < o->len; i++)
		if (strcmp(o->items[i].type, type) == 0 && strcmp(o->items[i].name, name) == 0)
			return &o->items[i];
	return NULL;
}

static const char *const DONE[] = {"dropped", "made", "made again"};

static void done_add(struct json *j, const char *done, const char *type, const char *name, const char *sql)
{
	json_object_begin(j);
	json_key(j, "done");
	json_string(j, done);
	json_key(j, "type");
	json_string(j, type);
	json_key(j, "name");
	json_string(j, name);
	json_key(j, "sql");
	json_string(j, sql);
	json_object_end(j);
}

/* DROP TYPE IF EXISTS "name", whatever the name holds (%w doubles its
 * quotes): a name is whatever whoever made the object chose. */
static enum status drop(struct store *s, const char *type, const char *name, struct error *err)
{
	char *sql = sqlite3_mprintf("DROP %s IF EXISTS \"%w\"", type, name);
	enum status rc = sql ? store_exec(s, sql, err) : store_sqlite_error(s, SQLITE_NOMEM, "repairing", err);

	sqlite3_free(sql);
	return rc;
}

/* Drops and makes what the problems say, in the transaction under way;
 * what it did goes to *done_json (a JSON array). */
static enum status put_right(struct store *s, const struct objects *want, const struct schema_problems *found,
			     struct strbuf *done_json, struct error *err)
{
	struct json j;
	bool search = false;
	enum status rc = STATUS_OK;

	json_init(&j, done_json);
	json_array_begin(&j);
	for (size_t i = 0; i < found->len; i++)
		search |= of_search_text(&found->items[i]);
	/* The full-text index is made again whole, and derived again at the
	 * next start that may write: its own tables cannot be made alone. */
	if (search) {
		const struct object *fts = find(want, "table", "search_text");
		struct strlist left = {0};

		/* SQLite drops the index through its own tables, which it
		 * cannot open without each of them as it made them. */
		for (size_t i = 0; i < found->len && !rc; i++) {
			const struct schema_problem *p = &found->items[i];
			const struct object *mine = find(want, p->type, p->name);

			if (!of_search_text(p) || strcmp(p->name, "search_text") == 0 || !mine || !mine->sql)
				continue;
			if (!(rc = drop(s, "TABLE", p->name, err)))
				rc = store_exec(s, mine->sql, err);
			/* What it reads first (the version of its format, the
			 * structure of an empty index): as this SQLite writes
			 * them for a new one. */
			if (!rc && strcmp(p->name, "search_text_config") == 0)
				rc = store_exec(s, "CREATE VIRTUAL TABLE temp.sirt_probe USING fts5 (x);"
						"INSERT INTO search_text_config SELECT * FROM temp.sirt_probe_config;"
						"DROP TABLE temp.sirt_probe", err);
			else if (!rc && strcmp(p->name, "search_text_data") == 0)
				rc = store_exec(s, "CREATE VIRTUAL TABLE temp.sirt_probe USING fts5 (x);"
						"INSERT INTO search_text_data SELECT * FROM temp.sirt_probe_data;"
						"DROP TABLE temp.sirt_probe", err);
		}
		if (!rc)
			rc = store_exec(s, "DROP TABLE IF EXISTS search_text", err);
		if (!rc)
			rc = store_names(s, "SELECT name FROM sqlite_schema WHERE type = 'table'"
					 " AND name LIKE 'search\\_text\\_%' ESCAPE '\\'", &left, "reading the schema", err);
		for (size_t i = 0; i < left.len && !rc; i++)
			rc = drop(s, "TABLE", left.items[i], err);
		strlist_free(&left);
		if (!rc && fts)
			rc = store_exec(s, fts->sql, err);
		if (!rc)
			rc = store_exec(s, "DELETE FROM meta WHERE key = 'derived'", err);
		if (!rc)
			done_add(&j, DONE[2], "table", "search_text", fts ? fts->sql : NULL);
	}
	/* First what is not sirt's or not as sirt made it, then what is
	 * missing or was dropped for being changed. */
	for (size_t o = 0; o < ORDERS && !rc; o++) {
		for (size_t i = 0; i < found->len && !rc; i++) {
			const struct schema_problem *p = &found->items[i];

			if (strcmp(p->type, ORDER[o]) != 0 || p->fault == SCHEMA_MISSING || of_search_text(p) ||
			    strncmp(p->name, "sqlite_autoindex_", 17) == 0)
				continue;
			/* ORDER[o], not the file's word for it: one of four. */
			rc = drop(s, ORDER[o], p->name, err);
			if (!rc && p->fault == SCHEMA_FOREIGN)
				done_add(&j, DONE[0], p->type, p->name, p->sql);
		}
	}
	for (size_t o = ORDERS; o-- > 0 && !rc;) {
		for (size_t i = 0; i < found->len && !rc; i++) {
			const struct schema_problem *p = &found->items[i];
			const struct object *mine;

			if (strcmp(p->type, ORDER[o]) != 0 || p->fault == SCHEMA_FOREIGN || of_search_text(p))
				continue;
			mine = find(want, p->type, p->name);
			/* An index SQLite makes for a table's UNIQUE or PRIMARY
			 * KEY comes with the table. */
			if (!mine || !mine->sql)
				continue;
			rc = store_exec(s, mine->sql, err);
			if (!rc)
				done_add(&j, DONE[p->fault == SCHEMA_MISSING ? 1 : 2], p->type, p->name, mine->sql);
		}
	}
	json_array_end(&j);
	return rc;
}

static void problems_json(const struct schema_problems *found, struct strbuf *out)
{
	static const char *const fault[] = {"foreign", "missing", "changed"};
	struct json j;

	json_init(&j, out);
	json_array_begin(&j);
	for (size_t i = 0; i < found->len; i++) {
		const struct schema_problem *p = &found->items[i];

		json_object_begin(&j);
		json_key(&j, "problem");
		json_string(&j, fault[p->fault]);
		json_key(&j, "type");
		json_string(&j, p->type);
		json_key(&j, "name");
		json_string(&j, p->name);
		json_key(&j, "table");
		json_string(&j, p->table);
		json_key(&j, "sql");
		json_string(&j, p->sql);
		json_object_end(&j);
	}
	json_array_end(&j);
}

/* The repair on the trail: one row, table sqlite_schema, what was found
 * (before) and what was done (after), chained as every row is. */
static enum status record_repair(struct store *s, const char *before, const char *after, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s,
		"INSERT INTO audit (at, who, uid, ssh, tbl, op, row_id, before, after, config, config_sha256, mode,"
		" prev, hash)"
		" SELECT at, who, uid, ssh, 'sqlite_schema', 'update', 0, ?1, ?2, c, cs, m, prev,"
		"  sirt_chain(prev, at, who, uid, ssh, 'sqlite_schema', 'update', 0, ?1, ?2, c, cs, m)"
		" FROM (SELECT sirt_actor('now') AS at, sirt_actor('who') AS who, sirt_actor('uid') AS uid,"
		"  sirt_actor('ssh') AS ssh, sirt_actor('config') AS c, sirt_actor('config_sha256') AS cs,"
		"  sirt_actor('mode') AS m, coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '') AS prev)",
		&st, err);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, before, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, after, -1, SQLITE_STATIC);
	return store_finish(s, st, "recording the repair on the audit trail", err);
}

enum status store_schema_repair(struct store *s, const struct actor *who, time_t now, struct schema_problems *done,
				struct error *err)
{
	const struct objects *want;
	struct strbuf before = {0}, after = {0};
	char at[48];
	enum status rc;

	memset(done, 0, sizeof(*done));
	if ((rc = expected_schema(&want, err)))
		return rc;
	time_format_utc(now, at, sizeof(at));
	s->repairing = true;
	rc = store_begin(s, who, at, err);
	s->repairing = false;
	if (rc)
		return rc;
	/* Under the write lock, the schema as it is now. */
	if ((rc = store_schema_check(s, done, err)))
		goto fail;
	for (size_t i = 0; i < done->len; i++) {
		const struct schema_problem *p = &done->items[i];

		if (strcmp(p->type, "table") == 0 && p->fault == SCHEMA_CHANGED && !of_search_text(p)) {
			rc = error_set(err, STATUS_DATA,
				       "table %s of %s is not as sirt made it (%s): putting it right would take its "
				       "records with it, so nothing was changed: restore the last backup made with sirt "
				       "backup, or make the table as sirt-export(5) describes it by hand",
				       p->name, s->path, p->sql ? p->sql : "");
			goto fail;
		}
	}
	if (!done->len) {
		store_rollback(s);
		return STATUS_OK;
	}
	problems_json(done, &before);
	if ((rc = put_right(s, want, done, &after, err)) ||
	    (rc = record_repair(s, strbuf_str(&before), strbuf_str(&after), err)) || (rc = store_commit(s, err)))
		goto fail;
	schema_problems_free(&s->schema);
	s->schema_checked_at = 0;
	s->audit_ready = false;	/* its triggers were made from the guards there were */
	strbuf_free(&before);
	strbuf_free(&after);
	return STATUS_OK;
fail:
	store_rollback(s);
	schema_problems_free(done);
	strbuf_free(&before);
	strbuf_free(&after);
	return rc;
}
