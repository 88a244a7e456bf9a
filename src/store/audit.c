/* The audit trail: every change to every table appends a row, made by
 * triggers so that no write path can forget it. Each row's hash is the
 * SHA-256 of the previous row's hash and the row's own canonical form,
 * so verifying the chain finds a row edited, deleted, inserted or moved.
 * It does not stop someone who can write the file from rewriting the
 * whole chain: keeping the head hash elsewhere (sirt audit head) does.
 *
 * The triggers that write the chain are TEMP triggers, made on each
 * connection before its first write (audit_install): SQLite parses every
 * trigger in the file at every open, and the chain's were two thirds of
 * the time sirt took to show its first screen. The file keeps, for each
 * table and change the trail records, a guard: a BEFORE trigger that
 * calls sirt_audited(), which fails unless the connection has its audit
 * triggers. A write from another program (the sqlite3 shell) fails as it
 * did when the chain's triggers were in the file: it has no such
 * function.
 *
 * That stops a slip, not someone set on it, who can drop a guard or
 * define the function. So each row also records the configuration the
 * session read and its mode (schema 17), and verifying holds every
 * record against the trail's last image of it (store_audit_records): a
 * record changed, inserted or deleted with no row on the trail is named.
 * And sirt writes nothing to a file whose schema is not its own
 * (schema.c): a guard missing is found before it can matter. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sirt/digest.h"
#include "sirt/json.h"

/* The columns a row is recorded and hashed with, in this order: the
 * first nine since the trail began (schema 9), the configuration's
 * identity and the mode since schema 17. */
#define AUDIT_COLUMNS_OLD "at, who, uid, ssh, tbl, op, row_id, before, after"
#define AUDIT_COLUMNS AUDIT_COLUMNS_OLD ", config, config_sha256, mode"

struct audit_values {
	const char *at, *who, *ssh, *tbl, *op, *before, *after;
	const char *config, *config_sha256, *mode;
	int64_t uid, row_id;
};

/* prev, a newline, then the row as a JSON array: one definition for the
 * triggers that write the chain and for the check that reads it. A row
 * written before schema 17 has no configuration and mode (all three
 * NULL) and is hashed as it was then, with nine items; every later row
 * with twelve, so that one whose configuration is blanked out no longer
 * matches its hash. */
static void chain_hash(const char *prev, const struct audit_values *v, char hex[SHA256_HEX_SIZE])
{
	struct strbuf sb = {0};
	struct json j;

	strbuf_puts(&sb, prev);
	strbuf_putc(&sb, '\n');
	json_init(&j, &sb);
	j.hashed = true;
	json_array_begin(&j);
	json_string(&j, v->at);
	json_string(&j, v->who);
	json_int(&j, v->uid);
	json_string(&j, v->ssh);
	json_string(&j, v->tbl);
	json_string(&j, v->op);
	json_int(&j, v->row_id);
	json_string(&j, v->before);
	json_string(&j, v->after);
	if (v->config || v->config_sha256 || v->mode) {
		json_string(&j, v->config);
		json_string(&j, v->config_sha256);
		json_string(&j, v->mode);
	}
	json_array_end(&j);
	sha256_hex(strbuf_str(&sb), sb.len, hex);
	strbuf_free(&sb);
}

static const char *text_arg(sqlite3_value *v)
{
	return sqlite3_value_type(v) == SQLITE_NULL ? NULL : (const char *)sqlite3_value_text(v);
}

/* sirt_chain(prev, at, who, uid, ssh, tbl, op, row_id, before, after
 * [, config, config_sha256, mode]) */
static void sql_chain(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct audit_values v = {
		.at = text_arg(argv[1]), .who = text_arg(argv[2]), .uid = sqlite3_value_int64(argv[3]),
		.ssh = text_arg(argv[4]), .tbl = text_arg(argv[5]), .op = text_arg(argv[6]),
		.row_id = sqlite3_value_int64(argv[7]), .before = text_arg(argv[8]), .after = text_arg(argv[9]),
	};
	char hex[SHA256_HEX_SIZE];

	if (argc == 13) {
		v.config = text_arg(argv[10]);
		v.config_sha256 = text_arg(argv[11]);
		v.mode = text_arg(argv[12]);
	}
	chain_hash(text_arg(argv[0]) ? text_arg(argv[0]) : "", &v, hex);
	sqlite3_result_text(ctx, hex, -1, SQLITE_TRANSIENT);
}

/* sirt_actor('who'), ('uid'), ('ssh'), ('now'): the transaction's;
 * ('config'), ('config_sha256'), ('mode'): the session's
 * (store_set_provenance; "", "" and "open" when it gave none). */
static void sql_actor(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	const char *what = sqlite3_value_text(argv[0]) ? (const char *)sqlite3_value_text(argv[0]) : "";

	(void)argc;
	if (strcmp(what, "config") == 0)
		sqlite3_result_text(ctx, s->config_paths ? s->config_paths : "", -1, SQLITE_TRANSIENT);
	else if (strcmp(what, "config_sha256") == 0)
		sqlite3_result_text(ctx, s->config_sha256 ? s->config_sha256 : "", -1, SQLITE_TRANSIENT);
	else if (strcmp(what, "mode") == 0)
		sqlite3_result_text(ctx, s->enforced ? "enforced" : "open", -1, SQLITE_STATIC);
	else if (strcmp(what, "uid") == 0)
		sqlite3_result_int64(ctx, s->who ? s->who->uid : (int64_t)getuid());
	else if (strcmp(what, "who") == 0)
		sqlite3_result_text(ctx, s->who ? s->who->login : "sirt", -1, SQLITE_TRANSIENT);
	else if (strcmp(what, "ssh") == 0)
		sqlite3_result_text(ctx, s->who ? s->who->ssh : "", -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_text(ctx, s->at, -1, SQLITE_TRANSIENT);
}

/* sirt_audited(table): what each guard in the file calls before a
 * change to table; an error unless this connection's audit triggers,
 * which record the change, are there. */
static void sql_audited(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);

	(void)argc;
	if (!s->audit_ready) {
		char *why = xasprintf("a change to %s would not be recorded in the audit trail (a fault in sirt: "
				      "please report it)", sqlite3_value_text(argv[0]) ?
				      (const char *)sqlite3_value_text(argv[0]) : "a table");

		sqlite3_result_error(ctx, why, -1);
		free(why);
		return;
	}
	sqlite3_result_null(ctx);
}

/* sirt_chain and sirt_actor are DIRECTONLY: only sirt's own SQL and its
 * connection's TEMP triggers may call them, never a trigger or view kept
 * in the file, where anyone who can write the file could plant one that
 * writes the chain in another operator's name. sirt_audited stays
 * INNOCUOUS, as the file's guards call it (with trusted_schema off,
 * nothing else is allowed there): it only says whether this connection
 * records changes, and a planted trigger gains nothing by calling it. */
enum status audit_register(struct store *s, struct error *err)
{
	int rc = sqlite3_create_function(s->db, "sirt_chain", 10, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
					 NULL, sql_chain, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(s->db, "sirt_chain", 13, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
					     SQLITE_DIRECTONLY, NULL, sql_chain, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(s->db, "sirt_actor", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, s, sql_actor, NULL,
					     NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(s->db, "sirt_audited", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, s, sql_audited,
					     NULL, NULL);
	return rc == SQLITE_OK ? STATUS_OK : store_sqlite_error(s, rc, "setting up the audit trail", err);
}

/* json_object('c1', ROW.c1, ...) over the table's columns. */
static enum status row_object(struct store *s, const char *table, const char *row, struct strbuf *out,
			      struct error *err)
{
	sqlite3_stmt *st;
	enum status status = store_prepare(s, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", &st, err);
	int rc, n = 0;

	if (status)
		return status;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	strbuf_puts(out, "json_object(");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 0);

		if (!col)
			break;
		strbuf_printf(out, "%s'%s', %s.\"%s\"", n++ ? ", " : "", col, row, col);
	}
	strbuf_putc(out, ')');
	store_finalize(s, st);
	/* A column left out would be left out of the audit trail for good. */
	if (rc != SQLITE_DONE)
		return store_sqlite_error(s, rc == SQLITE_ROW ? SQLITE_NOMEM : rc, "reading a table's columns", err);
	return STATUS_OK;
}

/* Whether a BEFORE trigger of the table (its _no_update or _no_delete)
 * refuses op: an audit trigger for it could never fire. */
static enum status refused(struct store *s, const char *table, const char *op, bool *out, struct error *err)
{
	char *name = xasprintf("%s_no_%s", table, op);
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?1"
				       " AND tbl_name = ?2 AND sql LIKE '%RAISE%ABORT%'", &st, err);
	int step;

	if (rc) {
		free(name);
		return rc;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, table, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	*out = step == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	store_finalize(s, st);
	free(name);
	return step == SQLITE_ROW ? STATUS_OK : store_sqlite_error(s, step, "reading the schema", err);
}

static const struct audit_kind {
	const char *op, *when, *row, *has_before, *has_after;
} kinds[] = {
	{"insert", "INSERT", "NEW", NULL, "NEW"},
	{"update", "UPDATE", "NEW", "OLD", "NEW"},
	{"delete", "DELETE", "OLD", "OLD", NULL},
};

#define KINDS (sizeof(kinds) / sizeof(kinds[0]))

/* The trigger that records a change (kind) to table in the audit table:
 * in the file, as migrations before 14 made them, or on this connection
 * only (temp), as audit_install makes them now. Appended to sql. */
static enum status trigger_sql(struct store *s, const char *table, const struct audit_kind *kind, bool temp,
			       struct strbuf *sql, struct error *err)
{
	struct strbuf before = {0}, after = {0};
	enum status st = STATUS_OK;

	if (kind->has_before)
		st = row_object(s, table, kind->has_before, &before, err);
	else
		strbuf_puts(&before, "NULL");
	if (!st && kind->has_after)
		st = row_object(s, table, kind->has_after, &after, err);
	else if (!st)
		strbuf_puts(&after, "NULL");
	/* In the file (migrations 9 to 15, which drop them again before
	 * any fires), as the trail was before schema 17; on a connection,
	 * with the session's configuration and mode. */
	if (!st && !temp)
		strbuf_printf(sql,
			"CREATE TRIGGER audit_%s_%s AFTER %s ON \"%s\" BEGIN"
			" INSERT INTO audit (" AUDIT_COLUMNS_OLD ", prev, hash)"
			" SELECT at, who, uid, ssh, '%s', '%s', row_id, b, a, prev,"
			"  sirt_chain(prev, at, who, uid, ssh, '%s', '%s', row_id, b, a)"
			" FROM (SELECT sirt_actor('now') AS at, sirt_actor('who') AS who, sirt_actor('uid') AS uid,"
			"  sirt_actor('ssh') AS ssh, %s.rowid AS row_id, %s AS b, %s AS a,"
			"  coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '') AS prev);"
			" END;",
			table, kind->op, kind->when, table, table, kind->op,
			table, kind->op, kind->row, strbuf_str(&before), strbuf_str(&after));
	else if (!st)
		strbuf_printf(sql,
			"CREATE TEMP TRIGGER audit_%s_%s AFTER %s ON main.\"%s\" BEGIN"
			" INSERT INTO audit (" AUDIT_COLUMNS ", prev, hash)"
			" SELECT at, who, uid, ssh, '%s', '%s', row_id, b, a, c, cs, m, prev,"
			"  sirt_chain(prev, at, who, uid, ssh, '%s', '%s', row_id, b, a, c, cs, m)"
			" FROM (SELECT sirt_actor('now') AS at, sirt_actor('who') AS who, sirt_actor('uid') AS uid,"
			"  sirt_actor('ssh') AS ssh, %s.rowid AS row_id, %s AS b, %s AS a,"
			"  sirt_actor('config') AS c, sirt_actor('config_sha256') AS cs, sirt_actor('mode') AS m,"
			"  coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '') AS prev);"
			" END;",
			table, kind->op, kind->when, table, table, kind->op,
			table, kind->op, kind->row, strbuf_str(&before), strbuf_str(&after));
	strbuf_free(&before);
	strbuf_free(&after);
	return st;
}

enum status audit_attach(struct store *s, const char *table, struct error *err)
{
	enum status st = STATUS_OK;

	for (size_t k = 0; k < KINDS && !st; k++) {
		struct strbuf sql = {0};
		bool never = false;

		/* Parsed at every open, a trigger costs each start of sirt:
		 * none for what the table refuses (audit_drop_refused). */
		if (k > 0 && ((st = refused(s, table, kinds[k].op, &never, err)) || never))
			continue;
		strbuf_printf(&sql, "DROP TRIGGER IF EXISTS audit_%s_%s;", table, kinds[k].op);
		st = trigger_sql(s, table, &kinds[k], false, &sql, err);
		if (!st)
			st = store_exec(s, strbuf_str(&sql), err);
		strbuf_free(&sql);
	}
	return st;
}

enum status audit_record_unaudited(struct store *s, const char *table, struct error *err)
{
	char *find = xasprintf("SELECT t.rowid FROM \"%s\" t WHERE coalesce((SELECT op FROM audit WHERE tbl = ?1"
			       " AND row_id = t.rowid AND op <> 'update' ORDER BY id DESC LIMIT 1), 'delete') <> 'insert'"
			       " ORDER BY t.rowid", table);
	struct strbuf image = {0};
	char *insert = NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, find, &st, err);
	int step = SQLITE_DONE;

	if (!rc) {
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			GROW(ids, cap, n + 1);
			ids[n++] = sqlite3_column_int64(st, 0);
		}
		store_finalize(s, st);
		if (step != SQLITE_DONE)
			rc = store_sqlite_error(s, step, "finding the records the audit trail has not got", err);
	}
	if (!rc && n)
		rc = row_object(s, table, "t", &image, err);
	if (!rc && n)
		insert = xasprintf("INSERT INTO audit (" AUDIT_COLUMNS_OLD ", prev, hash)"
				   " SELECT at, who, uid, ssh, '%s', 'insert', row_id, NULL, a, prev,"
				   "  sirt_chain(prev, at, who, uid, ssh, '%s', 'insert', row_id, NULL, a)"
				   " FROM (SELECT sirt_actor('now') AS at, sirt_actor('who') AS who, sirt_actor('uid') AS uid,"
				   "  sirt_actor('ssh') AS ssh, t.rowid AS row_id, %s AS a,"
				   "  coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '') AS prev"
				   "  FROM \"%s\" t WHERE t.rowid = ?1)",
				   table, table, strbuf_str(&image), table);
	for (size_t i = 0; i < n && !rc; i++) {
		if ((rc = store_prepare(s, insert, &st, err)))
			break;
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = store_finish(s, st, "putting the records on the audit trail", err);
	}
	free(insert);
	free(ids);
	free(find);
	strbuf_free(&image);
	return rc;
}

/* The kind of change op names ("insert"...); NULL for no such kind. */
static const struct audit_kind *kind_of(const char *op)
{
	for (size_t k = 0; op && k < KINDS; k++)
		if (strcmp(op, kinds[k].op) == 0)
			return &kinds[k];
	return NULL;
}

static enum status make_guard(struct store *s, const char *table, const struct audit_kind *kind, struct error *err)
{
	char *sql = xasprintf("CREATE TRIGGER audit_guard_%s_%s BEFORE %s ON \"%s\" BEGIN SELECT sirt_audited('%s'); END",
			      table, kind->op, kind->when, table, table);
	enum status st = store_exec(s, sql, err);

	free(sql);
	return st;
}

/* The tables whose changes the file's triggers record (audit_TABLE_OP),
 * or, with guards, the guards (audit_guard_TABLE_OP), as table and op. */
static enum status list_triggers(struct store *s, bool guards, struct strlist *tables, struct strlist *ops,
				 struct error *err)
{
	const char *prefix = guards ? "audit_guard_" : "audit_";
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT tbl_name, substr(name, length(?1 || tbl_name || '_') + 1)"
				       " FROM sqlite_schema WHERE type = 'trigger' AND tbl_name <> 'audit'"
				       " AND substr(name, 1, length(?1 || tbl_name || '_')) = ?1 || tbl_name || '_'"
				       " ORDER BY name", &st, err);
	int step;

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0), *op = (const char *)sqlite3_column_text(st, 1);

		if (!table || !op) {
			step = SQLITE_NOMEM;
			break;
		}
		/* audit_guard_x_insert is no trigger of the chain's */
		if (!kind_of(op))
			continue;
		strlist_add(tables, table);
		strlist_add(ops, op);
	}
	store_finalize(s, st);
	/* A table left out would go unaudited. */
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step == SQLITE_ROW ? SQLITE_NOMEM : step,
								    "reading the schema", err);
}

enum status audit_move_to_connections(struct store *s, struct error *err)
{
	struct strlist tables = {0}, ops = {0};
	enum status rc = list_triggers(s, false, &tables, &ops, err);

	for (size_t i = 0; i < tables.len && !rc; i++) {
		char *drop = xasprintf("DROP TRIGGER \"audit_%s_%s\"", tables.items[i], ops.items[i]);

		if (!(rc = store_exec(s, drop, err)))
			rc = make_guard(s, tables.items[i], kind_of(ops.items[i]), err);
		free(drop);
	}
	strlist_free(&tables);
	strlist_free(&ops);
	return rc;
}

/* Drops this connection's TEMP triggers, made from a schema since
 * changed (audit_install makes them again). */
static enum status drop_temp_triggers(struct store *s, struct error *err)
{
	struct strlist names = {0};
	enum status rc = store_names(s, "SELECT name FROM temp.sqlite_schema WHERE type = 'trigger'", &names,
				     "reading the schema", err);

	for (size_t i = 0; i < names.len && !rc; i++) {
		char *sql = xasprintf("DROP TRIGGER temp.\"%s\"", names.items[i]);

		rc = store_exec(s, sql, err);
		free(sql);
	}
	strlist_free(&names);
	return rc;
}

/* The schema checked again (at the first write, and whenever another
 * process changed it): a write is refused while it is not sirt's own. */
static enum status store_schema_refresh(struct store *s, struct error *err)
{
	enum status rc = store_schema_recheck(s, err);

	if (rc)
		return rc;
	return s->schema.len && !s->repairing ? store_schema_refusal(s, err) : STATUS_OK;
}

enum status audit_install(struct store *s, const char *also, struct error *err)
{
	struct strlist tables = {0}, ops = {0};
	struct strbuf sql = {0};
	enum status rc;

	s->audit_ready = false;
	/* One read of the schema for the guards, the columns and its
	 * version, and all the triggers made or none. */
	if ((rc = store_exec(s, "BEGIN", err)))
		return rc;
	if (!(rc = drop_temp_triggers(s, err)) &&
	    !(rc = store_pragma_int(s, "PRAGMA schema_version", &s->audit_schema, err)) &&
	    !(rc = store_schema_refresh(s, err)) &&
	    !(rc = list_triggers(s, true, &tables, &ops, err))) {
		strbuf_puts(&sql, also);
		for (size_t i = 0; i < tables.len && !rc; i++)
			rc = trigger_sql(s, tables.items[i], kind_of(ops.items[i]), true, &sql, err);
	}
	if (!rc)
		rc = store_exec(s, strbuf_str(&sql), err);
	if (!rc)
		rc = store_exec(s, "COMMIT", err);
	if (rc)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->audit_ready = !rc;
	strbuf_free(&sql);
	strlist_free(&tables);
	strlist_free(&ops);
	return rc;
}

enum status store_audit_verify(struct store *s, const char *head, struct audit_check *out, struct error *err)
{
	sqlite3_stmt *st;
	char expected[SHA256_HEX_SIZE] = "";
	bool head_seen = false;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = sqlite3_prepare_v2(s->db, "SELECT id, " AUDIT_COLUMNS ", prev, hash FROM audit ORDER BY id", -1, &st,
				NULL);
	if (rc != SQLITE_OK)
		return store_sqlite_error(s, rc, "reading the audit trail", err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_values v = {
			.at = (const char *)sqlite3_column_text(st, 1), .who = (const char *)sqlite3_column_text(st, 2),
			.uid = sqlite3_column_int64(st, 3), .ssh = (const char *)sqlite3_column_text(st, 4),
			.tbl = (const char *)sqlite3_column_text(st, 5), .op = (const char *)sqlite3_column_text(st, 6),
			.row_id = sqlite3_column_int64(st, 7), .before = (const char *)sqlite3_column_text(st, 8),
			.after = (const char *)sqlite3_column_text(st, 9),
			.config = (const char *)sqlite3_column_text(st, 10),
			.config_sha256 = (const char *)sqlite3_column_text(st, 11),
			.mode = (const char *)sqlite3_column_text(st, 12),
		};
		const char *prev = (const char *)sqlite3_column_text(st, 13);
		const char *hash = (const char *)sqlite3_column_text(st, 14);
		char computed[SHA256_HEX_SIZE];

		out->rows++;
		if (!prev || strcmp(prev, expected) != 0) {
			out->bad_row = sqlite3_column_int64(st, 0);
			snprintf(out->why, sizeof(out->why),
				 "it does not follow the row before it: a row was deleted, inserted or moved there");
			break;
		}
		chain_hash(prev, &v, computed);
		if (!hash || strcmp(hash, computed) != 0) {
			out->bad_row = sqlite3_column_int64(st, 0);
			snprintf(out->why, sizeof(out->why), "its content does not match its hash: it was changed");
			break;
		}
		snprintf(expected, sizeof(expected), "%s", hash);
		head_seen |= head && strcmp(head, hash) == 0;
	}
	store_finalize(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlite_error(s, rc, "reading the audit trail", err);
	snprintf(out->head, sizeof(out->head), "%s", expected);
	if (!out->bad_row && head && *head && !head_seen) {
		out->head_missing = true;
		snprintf(out->why, sizeof(out->why),
			 "the head hash kept elsewhere is not in the chain: the trail was cut short or rewritten");
	}
	return STATUS_OK;
}

enum status audit_drop_refused(struct store *s, struct error *err)
{
	static const char *const ops[] = {"update", "delete"};
	struct strlist tables = {0};
	enum status rc = store_names(s, "SELECT tbl_name FROM sqlite_schema WHERE type = 'trigger'"
				     " AND name = 'audit_' || tbl_name || '_insert' ORDER BY tbl_name", &tables,
				     "reading the schema", err);

	for (size_t i = 0; i < tables.len && !rc; i++) {
		for (size_t k = 0; k < 2 && !rc; k++) {
			bool never = false;
			char *drop;

			if ((rc = refused(s, tables.items[i], ops[k], &never, err)) || !never)
				continue;
			drop = xasprintf("DROP TRIGGER IF EXISTS \"audit_%s_%s\"", tables.items[i], ops[k]);
			rc = store_exec(s, drop, err);
			free(drop);
		}
	}
	strlist_free(&tables);
	return rc;
}

static void finding_add(struct audit_findings *out, const char *table, int64_t row_id, const char *ref,
			enum audit_finding_kind kind, const char *columns, int64_t audit_row)
{
	struct audit_finding *f;

	GROW(out->items, out->cap, out->len + 1);
	f = &out->items[out->len++];
	*f = (struct audit_finding){.table = xstrdup(table), .row_id = row_id, .ref = ref ? xstrdup(ref) : NULL,
				    .kind = kind, .columns = columns && *columns ? xstrdup(columns) : NULL,
				    .audit_row = audit_row};
}

void audit_findings_free(struct audit_findings *f)
{
	for (size_t i = 0; i < f->len; i++) {
		free(f->items[i].table);
		free(f->items[i].ref);
		free(f->items[i].columns);
	}
	free(f->items);
	memset(f, 0, sizeof(*f));
}

/* The SQL for the reference of the incident a record of table belongs to:
 * of the row t as it stands (image NULL), or as the JSON image says. */
static char *ref_sql(const struct strlist *columns, const char *table, const char *image)
{
	if (strcmp(table, "incident") == 0)
		return image ? xasprintf("json_extract(%s, '$.ref')", image) : xstrdup("t.ref");
	if (strlist_find(columns, "incident_id") < 0)
		return xstrdup("NULL");
	return image ? xasprintf("(SELECT ref FROM incident WHERE id = json_extract(%s, '$.incident_id'))", image)
		     : xstrdup("(SELECT ref FROM incident WHERE id = t.incident_id)");
}

/* A finding of kind for each row sql gives of table (?1): the record's
 * row, the trail's row, the incident's reference and the columns; a
 * kind that names columns only where there are some. */
static enum status findings_of(struct store *s, const char *sql, const char *table, enum audit_finding_kind kind,
			       struct audit_findings *out, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, sql, &st, err);
	int step;

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *columns = (const char *)sqlite3_column_text(st, 3);

		if (kind != AUDIT_CHANGED_BETWEEN || (columns && *columns))
			finding_add(out, table, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 2),
				    kind, columns, sqlite3_column_int64(st, 1));
	}
	store_finalize(s, st);
	return step == SQLITE_DONE ? STATUS_OK
				   : store_sqlite_error(s, step, "comparing the records with the audit trail", err);
}

/* Every record of table held against its last row on the trail. */
static enum status check_table(struct store *s, const char *table, struct audit_findings *out, struct error *err)
{
	struct strlist columns = {0};
	struct strbuf diff = {0};
	char *ref = NULL, *sql = NULL;
	sqlite3_stmt *st;
	enum status rc;
	int step = SQLITE_DONE;

	sql = xasprintf("SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
	if ((rc = store_names(s, sql, &columns, "reading a table's columns", err)))
		goto done;
	FREE(&sql);
	/* The row as the triggers write it: the same text as its image,
	 * unless it changed or has columns the image has not got (added by
	 * a later migration), which are not compared: the trail never saw
	 * them. Column by column only then. */
	strbuf_puts(&diff, "CASE WHEN a.after = json_object(");
	for (size_t i = 0; i < columns.len; i++)
		strbuf_printf(&diff, "%s'%s', t.\"%s\"", i ? ", " : "", columns.items[i], columns.items[i]);
	strbuf_puts(&diff, ") THEN '' ELSE ''");
	for (size_t i = 0; i < columns.len; i++)
		strbuf_printf(&diff, " || CASE WHEN json_type(a.after, '$.\"%s\"') IS NOT NULL"
			      " AND json_extract(a.after, '$.\"%s\"') IS NOT t.\"%s\" THEN ', %s' ELSE '' END",
			      columns.items[i], columns.items[i], columns.items[i], columns.items[i]);
	strbuf_puts(&diff, " END");
	ref = ref_sql(&columns, table, NULL);
	/* Whether its life on the trail began with an insert: the last
	 * insert or delete of it (its last row, mostly). */
	sql = xasprintf("SELECT t.rowid, a.id, a.op, substr(%s, 3), %s,"
			" CASE WHEN a.op = 'insert' THEN 'insert' ELSE"
			" (SELECT op FROM audit WHERE tbl = ?1 AND row_id = t.rowid AND op <> 'update'"
			"  ORDER BY id DESC LIMIT 1) END"
			" FROM \"%s\" t LEFT JOIN audit a ON a.id = (SELECT id FROM audit WHERE tbl = ?1"
			"  AND row_id = t.rowid ORDER BY id DESC LIMIT 1)"
			" ORDER BY t.rowid", strbuf_str(&diff), ref, table);
	if ((rc = store_prepare(s, sql, &st, err)))
		goto done;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t row = sqlite3_column_int64(st, 0), last = sqlite3_column_int64(st, 1);
		const char *op = (const char *)sqlite3_column_text(st, 2);
		const char *changed = (const char *)sqlite3_column_text(st, 3);
		const char *incident = (const char *)sqlite3_column_text(st, 4);
		const char *life = (const char *)sqlite3_column_text(st, 5);

		if (!last)
			finding_add(out, table, row, incident, AUDIT_NO_INSERT, NULL, 0);
		else if (op && strcmp(op, "delete") == 0)
			finding_add(out, table, row, incident, AUDIT_AFTER_DELETE, NULL, last);
		else if (!life || strcmp(life, "insert") != 0)
			finding_add(out, table, row, incident, AUDIT_NO_INSERT, NULL, last);
		else if (changed && *changed)
			finding_add(out, table, row, incident, AUDIT_CHANGED, changed, last);
	}
	store_finalize(s, st);
	if (step != SQLITE_DONE) {
		rc = store_sqlite_error(s, step, "comparing the records with the audit trail", err);
		goto done;
	}
	FREE(&sql);
	free(ref);
	ref = ref_sql(&columns, table, "coalesce(a.after, a.before)");
	/* Gone, though the trail's last word on it is not its deletion. */
	sql = xasprintf("SELECT l.row_id, l.id, %s, NULL FROM (SELECT row_id, max(id) AS id FROM audit WHERE tbl = ?1"
			"  GROUP BY row_id) l JOIN audit a ON a.id = l.id WHERE a.op <> 'delete'"
			" AND NOT EXISTS (SELECT 1 FROM \"%s\" WHERE rowid = l.row_id)"
			" ORDER BY l.row_id", ref, table);
	if ((rc = findings_of(s, sql, table, AUDIT_VANISHED, out, err)))
		goto done;
	FREE(&sql);
	free(ref);
	ref = ref_sql(&columns, table, "a.before");
	/* Each save of sirt's against the image before it: a record changed
	 * outside sirt and then saved by sirt (a note added to its incident)
	 * would otherwise match its last image again. Keys the earlier image
	 * has not got (a later migration's columns) are not compared. */
	sql = xasprintf("SELECT a.row_id, a.id, %s, (SELECT group_concat(e.key, ', ') FROM json_each(p.after) e"
			"  WHERE json_extract(a.before, '$.\"' || e.key || '\"') IS NOT e.atom)"
			" FROM audit a JOIN audit p ON p.id = (SELECT max(id) FROM audit WHERE tbl = ?1"
			"  AND row_id = a.row_id AND id < a.id)"
			" WHERE a.tbl = ?1 AND a.op <> 'insert' AND p.op <> 'delete' AND p.after IS NOT a.before"
			" ORDER BY a.id", ref);
	rc = findings_of(s, sql, table, AUDIT_CHANGED_BETWEEN, out, err);
done:
	free(sql);
	free(ref);
	strbuf_free(&diff);
	strlist_free(&columns);
	return rc;
}

enum status store_audit_records(struct store *s, struct audit_findings *out, struct error *err)
{
	struct strlist tables = {0};
	/* The tables sirt audits: those with a guard, and those the trail
	 * has rows of (whose guards may have been dropped). */
	enum status rc = store_names(s, "SELECT name FROM sqlite_schema m WHERE type = 'table' AND name <> 'audit'"
				     " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
				     " AND (EXISTS (SELECT 1 FROM sqlite_schema g WHERE g.type = 'trigger'"
				     "  AND g.tbl_name = m.name AND g.name LIKE 'audit\\_guard\\_%' ESCAPE '\\')"
				     "  OR EXISTS (SELECT 1 FROM audit WHERE tbl = m.name))"
				     " ORDER BY name", &tables, "listing the audited tables", err);

	memset(out, 0, sizeof(*out));
	/* One read of every table and the trail, as one moment. */
	if (!rc && !(rc = store_exec(s, "BEGIN", err))) {
		for (size_t i = 0; i < tables.len && !rc; i++)
			rc = check_table(s, tables.items[i], out, err);
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	}
	strlist_free(&tables);
	return rc;
}

enum status store_audit_log(struct store *s, int64_t last, void (*fn)(const struct audit_row *row, void *ctx),
			    void *ctx, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT id, " AUDIT_COLUMNS ", hash FROM audit WHERE id >= coalesce((SELECT id"
				       " FROM audit ORDER BY id DESC LIMIT 1 OFFSET ?1 - 1), 0) ORDER BY id", &st, err);
	int step;

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, last > 0 ? last : INT64_MAX);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_row row = {
			.id = sqlite3_column_int64(st, 0), .at = (const char *)sqlite3_column_text(st, 1),
			.who = (const char *)sqlite3_column_text(st, 2), .uid = sqlite3_column_int64(st, 3),
			.ssh = (const char *)sqlite3_column_text(st, 4), .tbl = (const char *)sqlite3_column_text(st, 5),
			.op = (const char *)sqlite3_column_text(st, 6), .row_id = sqlite3_column_int64(st, 7),
			.before = (const char *)sqlite3_column_text(st, 8), .after = (const char *)sqlite3_column_text(st, 9),
			.config = (const char *)sqlite3_column_text(st, 10),
			.config_sha256 = (const char *)sqlite3_column_text(st, 11),
			.mode = (const char *)sqlite3_column_text(st, 12), .hash = (const char *)sqlite3_column_text(st, 13),
		};

		fn(&row, ctx);
	}
	store_finalize(s, st);
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "reading the audit trail", err);
}
