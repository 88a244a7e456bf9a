/* The commands that look after the database itself: the audit chain,
 * export and import, backup. */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_internal.h"
#include "sirt/clock.h"
#include "sirt/digest.h"
#include "sirt/file.h"
#include "sirt/identity.h"
#include "sirt/json.h"
#include "sirt/mem.h"
#include "sirt/sanitize.h"
#include "sirt/status.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"

/* Checks the chain; 0, or the exit code after saying what is wrong.
 * *read: the chain was read, so check says how it stands. */
static int check_chain(struct session *s, const char *head, struct audit_check *check, bool *read)
{
	struct error err = {0};

	*read = false;
	if (store_audit_verify(s->store, head, check, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	*read = true;
	if (check->bad_row) {
		cli_error("the audit trail is broken at row %lld: %s (the %lld row%s before it %s intact)",
			  (long long)check->bad_row, check->why, (long long)check->rows - 1, check->rows == 2 ? "" : "s",
			  check->rows == 2 ? "is" : "are");
		return 65;
	}
	if (check->head_missing) {
		cli_error("%s (the trail has %lld rows, all consistent, and ends in %s)", check->why,
			  (long long)check->rows, *check->head ? check->head : "nothing");
		return 65;
	}
	return 0;
}

/* Checking every page takes a while on a large file: on a terminal,
 * standard error says it is under way (never into a pipe or a log). */
struct page_progress {
	const char *path;
	int64_t pages;
	struct timespec start, last;
	bool shown;
};

static double seconds_since(const struct timespec *then, const struct timespec *now)
{
	return (double)(now->tv_sec - then->tv_sec) + (double)(now->tv_nsec - then->tv_nsec) / 1e9;
}

static void say_checking(long long steps, void *arg)
{
	struct page_progress *p = arg;
	struct timespec now;
	char *path;

	clock_gettime(CLOCK_MONOTONIC, &now);
	/* Nothing for a check that is over at once; then five times a second. */
	if (seconds_since(&p->start, &now) < 0.5 || (p->shown && seconds_since(&p->last, &now) < 0.2))
		return;
	p->last = now;
	p->shown = true;
	path = sanitize(p->path, 0);
	fprintf(stderr, "\rsirt: checking every page of %s (%lld pages) %c %.0f s ", path, (long long)p->pages,
		"|/-\\"[steps % 4], seconds_since(&p->start, &now));
	fflush(stderr);
	free(path);
}

/* verify's first check: the file itself, every page of it (PRAGMA
 * integrity_check), which nothing else reads whole: an index page gone
 * bad is not seen by reading the records. 0, 65 when it is damaged (said
 * unless json), or the exit code of a failure to look. */
static int check_file(struct session *s, bool json, struct file_check *file)
{
	struct page_progress p = {.path = s->db_path};
	struct error err = {0};
	enum status st;

	clock_gettime(CLOCK_MONOTONIC, &p.start);
	if (isatty(STDERR_FILENO) && store_query_pages(s->store, &p.pages) == STATUS_OK)
		st = store_check_file(s->store, say_checking, &p, file, &err);
	else
		st = store_check_file(s->store, NULL, NULL, file, &err);
	if (p.shown)
		fputs("\r\033[K", stderr);
	if (st) {
		cli_error("%s", err.message);
		return status_exit_code(st);
	}
	if (!file->problems.len)
		return 0;
	if (!json) {
		cli_error("%s is damaged: PRAGMA integrity_check found %zu problem%s%s in its %lld pages (stop every sirt "
			  "on it and restore the last backup made with sirt backup):", s->db_path, file->problems.len,
			  file->problems.len == 1 ? "" : "s", file->problems.len >= 100 ? " or more" : "",
			  (long long)file->pages);
		for (size_t i = 0; i < file->problems.len && i < 10; i++)
			cli_error("  %s", file->problems.items[i]);
		if (file->problems.len > 10)
			cli_error("  ... and %zu more", file->problems.len - 10);
	}
	return 65;
}

static void file_json(struct json *j, const struct file_check *file)
{
	json_key(j, "file_intact");
	json_bool(j, file->problems.len == 0);
	json_key(j, "pages");
	json_int(j, file->pages);
	json_key(j, "page_size");
	json_int(j, file->page_size);
	json_key(j, "tables");
	json_int(j, file->tables);
	json_key(j, "indexes");
	json_int(j, file->indexes);
	json_key(j, "file_problems");
	json_array_begin(j);
	for (size_t i = 0; i < file->problems.len; i++)
		json_string(j, file->problems.items[i]);
	json_array_end(j);
}

static const char *const FINDING_KIND[] = {"changed", "no-insert", "after-delete", "vanished", "changed-between"};

/* "incident row 3 (IR-2026-0001)" */
static char *record_name(const struct audit_finding *f)
{
	return f->ref ? xasprintf("%s row %lld (%s)", f->table, (long long)f->row_id, f->ref)
		      : xasprintf("%s row %lld", f->table, (long long)f->row_id);
}

/* Each record changed outside sirt, said; how many. */
static void say_findings(const struct audit_findings *found)
{
	for (size_t i = 0; i < found->len; i++) {
		const struct audit_finding *f = &found->items[i];
		char *name = record_name(f);

		switch (f->kind) {
		case AUDIT_CHANGED:
			cli_error("%s was changed outside sirt: its %s differ%s from the trail's last image of it (audit row "
				  "%lld)", name, f->columns, strchr(f->columns, ',') ? "" : "s", (long long)f->audit_row);
			break;
		case AUDIT_NO_INSERT:
			cli_error("%s was inserted outside sirt: the trail has no insert of it", name);
			break;
		case AUDIT_AFTER_DELETE:
			cli_error("%s was inserted outside sirt: it is there, though the trail last recorded its deletion "
				  "(audit row %lld)", name, (long long)f->audit_row);
			break;
		case AUDIT_VANISHED:
			cli_error("%s was deleted outside sirt: it is gone, though the trail never recorded its deletion "
				  "(its last audit row: %lld)", name, (long long)f->audit_row);
			break;
		case AUDIT_CHANGED_BETWEEN:
			cli_error("%s was changed outside sirt before sirt saved it again: its %s differ%s from the trail's "
				  "image before that save (audit row %lld)", name, f->columns,
				  strchr(f->columns, ',') ? "" : "s", (long long)f->audit_row);
			break;
		}
		free(name);
	}
}

static void say_schema(const struct schema_problems *schema)
{
	for (size_t i = 0; i < schema->len; i++) {
		char *one = schema_problem_text(&schema->items[i]);

		cli_error("the database's schema is not sirt's own: %s (a lead runs sirt audit repair-schema to put it "
			  "right)", one);
		free(one);
	}
}

static void findings_json(struct json *j, const struct audit_findings *found)
{
	json_array_begin(j);
	for (size_t i = 0; i < found->len; i++) {
		const struct audit_finding *f = &found->items[i];

		json_object_begin(j);
		json_key(j, "table");
		json_string(j, f->table);
		json_key(j, "row");
		json_int(j, f->row_id);
		json_key(j, "ref");
		json_string(j, f->ref);
		json_key(j, "problem");
		json_string(j, FINDING_KIND[f->kind]);
		json_key(j, "columns");
		json_string(j, f->columns);
		json_key(j, "audit_row");
		if (f->audit_row)
			json_int(j, f->audit_row);
		else
			json_null(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void schema_json(struct json *j, const struct schema_problems *schema)
{
	static const char *const fault[] = {"foreign", "missing", "changed"};

	json_array_begin(j);
	for (size_t i = 0; i < schema->len; i++) {
		const struct schema_problem *p = &schema->items[i];

		json_object_begin(j);
		json_key(j, "problem");
		json_string(j, fault[p->fault]);
		json_key(j, "type");
		json_string(j, p->type);
		json_key(j, "name");
		json_string(j, p->name);
		json_key(j, "table");
		json_string(j, p->table);
		json_key(j, "sql");
		json_string(j, p->sql);
		json_object_end(j);
	}
	json_array_end(j);
}

/* How the chain stands, as audit verify's text says it: intact or
 * where it breaks, and whether it holds the head given; with verify,
 * the records and the schema too (found NULL for head). */
static void audit_json(const struct audit_check *check, const char *head, const struct audit_findings *found,
		       const struct schema_problems *schema, const struct file_check *file)
{
	struct strbuf sb = {0};
	struct json j;

	cli_json_begin(&j, &sb);
	if (file)
		file_json(&j, file);
	json_key(&j, "intact");
	json_bool(&j, !check->bad_row && !check->head_missing);
	json_key(&j, "rows");
	json_int(&j, check->rows);
	json_key(&j, "head");
	json_string(&j, *check->head ? check->head : NULL);
	json_key(&j, "head_given");
	json_string(&j, head);
	json_key(&j, "holds_head_given");
	if (head)
		json_bool(&j, !check->head_missing && !check->bad_row);
	else
		json_null(&j);
	json_key(&j, "bad_row");
	if (check->bad_row)
		json_int(&j, check->bad_row);
	else
		json_null(&j);
	json_key(&j, "why");
	json_string(&j, check->bad_row || check->head_missing ? check->why : NULL);
	if (found) {
		json_key(&j, "records_intact");
		json_bool(&j, found->len == 0);
		json_key(&j, "records");
		findings_json(&j, found);
		json_key(&j, "schema_intact");
		json_bool(&j, schema->len == 0);
		json_key(&j, "schema");
		schema_json(&j, schema);
	}
	cli_json_print(&j, &sb);
}

/* verify's further checks: every record against the trail, the schema
 * against sirt's own. 0, 65 when either found something (said unless
 * json), or the exit code of a failure to look. */
static int check_records(struct session *s, bool json, struct audit_findings *found, struct schema_problems *schema)
{
	struct error err = {0};

	if (store_audit_records(s->store, found, &err) || store_schema_check(s->store, schema, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	if (!json) {
		say_schema(schema);
		say_findings(found);
	}
	return found->len || schema->len ? 65 : 0;
}

struct log_ctx {
	bool json;
	struct json j;
};

static void log_row(const struct audit_row *r, void *arg)
{
	struct log_ctx *c = arg;

	if (c->json) {
		struct json *j = &c->j;

		json_object_begin(j);
		json_key(j, "id");
		json_int(j, r->id);
		json_key(j, "at");
		json_string(j, r->at);
		json_key(j, "who");
		json_string(j, r->who);
		json_key(j, "uid");
		json_int(j, r->uid);
		json_key(j, "ssh");
		json_string(j, r->ssh);
		json_key(j, "table");
		json_string(j, r->tbl);
		json_key(j, "op");
		json_string(j, r->op);
		json_key(j, "row");
		json_int(j, r->row_id);
		json_key(j, "before");
		json_string(j, r->before);
		json_key(j, "after");
		json_string(j, r->after);
		json_key(j, "config");
		json_string(j, r->config);
		json_key(j, "config_sha256");
		json_string(j, r->config_sha256);
		json_key(j, "mode");
		json_string(j, r->mode);
		json_key(j, "hash");
		json_string(j, r->hash);
		json_object_end(j);
		return;
	}
	{
		char *who = sanitize(r->who ? r->who : "", 0), *config = sanitize(r->config ? r->config : "-", 0);
		char *tbl = sanitize(r->tbl ? r->tbl : "", 0);

		printf("%lld  %s  %s (uid %lld)  %s %s row %lld  %s  config %s sha256 %s\n", (long long)r->id,
		       r->at ? r->at : "", who, (long long)r->uid, r->op ? r->op : "", tbl, (long long)r->row_id,
		       r->mode ? r->mode : "-", config, r->config_sha256 && *r->config_sha256 ? r->config_sha256 : "-");
		free(who);
		free(config);
		free(tbl);
	}
}

/* audit log [--last N]: the last rows of the trail, who, what, with
 * which configuration and in which mode. */
static int audit_log(struct session *s, const struct cli_args *args)
{
	const char *last = cli_value(args, "--last");
	struct log_ctx c = {.json = cli_json(args)};
	struct strbuf sb = {0};
	struct error err = {0};
	enum status st;

	if (c.json) {
		json_init(&c.j, &sb);
		json_array_begin(&c.j);
	}
	st = store_audit_log(s->store, last ? strtoll(last, NULL, 10) : 20, log_row, &c, &err);
	if (st) {
		strbuf_free(&sb);
		cli_error("%s", err.message);
		return status_exit_code(st);
	}
	if (c.json) {
		json_array_end(&c.j);
		printf("%s\n", strbuf_str(&sb));
	}
	strbuf_free(&sb);
	return 0;
}

/* audit repair-schema: what is not sirt's dropped, what is missing made
 * again, both on the trail. */
static int repair_schema(struct session *s, const struct cli_args *args)
{
	struct schema_problems done = {0};
	struct error err = {0};
	struct strbuf sb = {0};
	struct json j;

	if (store_schema_repair(s->store, &s->who, session_now(), &done, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	if (cli_json(args)) {
		cli_json_begin(&j, &sb);
		json_key(&j, "repaired");
		schema_json(&j, &done);
		cli_json_print(&j, &sb);
	} else if (!done.len) {
		printf("audit: the schema is sirt's own; nothing to repair\n");
	} else {
		for (size_t i = 0; i < done.len; i++) {
			char *one = schema_problem_text(&done.items[i]);

			printf("repaired: %s: %s\n", one, done.items[i].fault == SCHEMA_FOREIGN ? "dropped" :
			       done.items[i].fault == SCHEMA_MISSING ? "made" : "made again");
			free(one);
		}
		printf("audit: the schema is sirt's own again; the repair is on the audit trail (sirt audit log); "
		       "run sirt audit verify to find what was changed meanwhile\n");
	}
	schema_problems_free(&done);
	return 0;
}

int cmd_audit(struct session *s, const struct cli_args *args)
{
	const char *verb = args->verb->name, *head = cli_value(args, "--head");
	struct audit_findings found = {0};
	struct schema_problems schema = {0};
	struct file_check file = {0};
	struct audit_check check;
	bool read, verify = strcmp(verb, "verify") == 0;
	int code, more = 0;

	if (strcmp(verb, "log") == 0)
		return audit_log(s, args);
	if (strcmp(verb, "repair-schema") == 0)
		return repair_schema(s, args);
	/* A mistyped head is not a rewritten trail. */
	if (head && (strlen(head) != 64 || strspn(head, "0123456789abcdef") != 64))
		return usage_error("audit", "--head takes the 64 lower-case hexadecimal digits that sirt audit head "
					    "printed, "
					    "not \"%s\"", head);
	/* The file first: on a damaged one, what the rest reads is not to
	 * be trusted. */
	if (verify && (code = check_file(s, cli_json(args), &file))) {
		if (file.problems.len && cli_json(args)) {
			struct strbuf sb = {0};
			struct json j;

			cli_json_begin(&j, &sb);
			file_json(&j, &file);
			cli_json_print(&j, &sb);
		}
		file_check_free(&file);
		return code;
	}
	code = check_chain(s, head, &check, &read);
	if (read && verify)
		more = check_records(s, cli_json(args), &found, &schema);
	if (more && more != 65) {
		/* could not look: said */
		code = more;
	} else if (read && cli_json(args) && (code == 0 || verify)) {
		audit_json(&check, head, verify ? &found : NULL, &schema, verify ? &file : NULL);
		code = code ? code : more;
	} else if (!code && verify && more) {
		cli_error("%zu record%s changed outside sirt, %zu part%s of the schema not sirt's own; the chain "
			  "itself is intact (%lld rows, head %s)", found.len, found.len == 1 ? "" : "s", schema.len,
			  schema.len == 1 ? "" : "s", (long long)check.rows, check.head);
		code = more;
	} else if (code) {
		/* said */
	} else if (strcmp(verb, "head") == 0) {
		printf("%s\n", check.head);
	} else {
		printf("audit: %lld rows, the chain is intact%s; head %s\n", (long long)check.rows,
		       head ? " and holds the head given" : "", *check.head ? check.head : "(empty)");
		printf("audit: every record is as the trail last recorded it, and the schema is sirt's own\n");
		printf("audit: the file is sound: PRAGMA integrity_check read all %lld pages of %lld bytes, walking "
		       "%lld tables and %lld indexes\n", (long long)file.pages, (long long)file.page_size,
		       (long long)file.tables, (long long)file.indexes);
	}
	file_check_free(&file);
	audit_findings_free(&found);
	schema_problems_free(&schema);
	return code;
}

/* export [--output FILE]: everything, as JSON, written as it is read. */
int cmd_export(struct session *s, const struct cli_args *args)
{
	const char *output = cli_value(args, "--output");
	struct file_out file = {0};
	struct error err = {0};
	char at[TIME_TEXT_MAX];
	enum status st;

	time_format_utc(session_now(), at, sizeof(at));
	/* Not over anything at that name (file_begin says so before the
	 * work, not after it), and never through a link. */
	if (output && (st = file_begin(&file, output, 0600, false, &err)) == STATUS_OK) {
		if ((st = store_export(s->store, at, file.f, &err)))
			file_abandon(&file);
		else
			st = file_finish(&file, &err);
	} else if (!output)
		st = store_export(s->store, at, stdout, &err);
	if (st) {
		cli_error("%s", err.message);
		return status_exit_code(st);
	}
	return 0;
}

/* Reads a whole file (or standard input for "-"); *len gets its size. */
static char *read_all(const char *path, size_t *len, struct error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct strbuf sb = {0};
	char chunk[65536];
	size_t n;

	if (!f) {
		error_set(err, STATUS_NOT_FOUND, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	if (ferror(f)) {
		error_set(err, STATUS_IO, "cannot read %s", path);
		strbuf_free(&sb);
		if (f != stdin)
			fclose(f);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = sb.len;
	return strbuf_take(&sb);
}

/* The file an import read, as its provenance names it: its whole path
 * (the directory it was run in is not on record), or standard input. */
static char *import_file_name(const char *path)
{
	char *real;

	if (strcmp(path, "-") == 0)
		return xstrdup("standard input");
	if ((real = realpath(path, NULL))) {
		char *kept = xstrdup(real);

		free(real);
		return kept;
	}
	return xstrdup(path);
}

int cmd_import(struct session *s, const struct cli_args *args)
{
	const char *path = cli_arg(args, 0);
	struct import_result result;
	struct error err = {0};
	char at[TIME_TEXT_MAX], sha256[SHA256_HEX_SIZE], *json, *file;
	size_t len;

	if (!path)
		return usage_error("import", "give the file an export wrote (or - for standard input)");
	if (!(json = read_all(path, &len, &err))) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	/* Every byte read, as sha256sum FILE says it: what each record
	 * imported is marked with. */
	sha256_hex(json, len, sha256);
	file = import_file_name(path);
	time_format_utc(session_now(), at, sizeof(at));
	if (store_import(s->store, s->config, json, file, sha256, &s->who, at, &result, &err)) {
		cli_error("%s", err.message);
		free(json);
		free(file);
		return status_exit_code(err.status);
	}
	free(json);
	free(file);
	if (cli_json(args)) {
		struct strbuf sb = {0};
		struct json j;

		cli_json_begin(&j, &sb);
		json_key(&j, "added");
		json_int(&j, (int64_t)result.added);
		json_key(&j, "same");
		json_int(&j, (int64_t)result.same);
		json_key(&j, "conflicts");
		json_array_begin(&j);
		for (size_t i = 0; i < result.conflicts.len; i++)
			json_string(&j, result.conflicts.items[i]);
		json_array_end(&j);
		cli_json_print(&j, &sb);
	} else {
		printf("import: %zu added, %zu here already, %zu in conflict\n", result.added, result.same,
		       result.conflicts.len);
	}
	for (size_t i = 0; i < result.conflicts.len; i++) {
		char *safe = sanitize(result.conflicts.items[i], 0);
		fprintf(stderr, "sirt: %s\n", safe);
		free(safe);
	}
	{
		int code = result.conflicts.len ? 65 : 0;

		import_result_free(&result);
		return code;
	}
}

int cmd_backup(struct session *s, const struct cli_args *args)
{
	const char *path = cli_arg(args, 0);
	struct backup_check check;
	struct error err = {0};

	if (!path)
		return usage_error("backup", "give the file to write, e.g. sirt backup /srv/backup/sirt-2026-11-22.db");
	if (store_backup(s->store, path, &check, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	if (strcmp(check.integrity, "ok") != 0 || check.audit.bad_row) {
		cli_error("the copy %s is not sound: %s", path,
			  strcmp(check.integrity, "ok") ? check.integrity : check.audit.why);
		return 74;
	}
	if (cli_json(args)) {
		struct strbuf sb = {0};
		struct json j;

		cli_json_begin(&j, &sb);
		json_key(&j, "file");
		json_string(&j, path);
		json_key(&j, "integrity");
		json_string(&j, check.integrity);
		json_key(&j, "intact");
		json_bool(&j, true);
		json_key(&j, "rows");
		json_int(&j, check.audit.rows);
		json_key(&j, "head");
		json_string(&j, check.audit.head);
		cli_json_print(&j, &sb);
	} else {
		char *line = xasprintf("backup: %s written; integrity ok; audit chain intact (%lld rows, head %s)", path,
				       (long long)check.audit.rows, check.audit.head);
		char *safe = sanitize(line, 0);

		printf("%s\n", safe);
		free(safe);
		free(line);
	}
	return 0;
}

/* Every login in group gid, by its list of members or as its own group. */
static void group_members(const char *group, struct strlist *out)
{
	struct group *gr = getgrnam(group);
	struct passwd *pw;
	gid_t gid;

	if (!gr)
		return;
	gid = gr->gr_gid;
	for (char **m = gr->gr_mem; m && *m; m++)
		strlist_add(out, *m);
	setpwent();
	while ((pw = getpwent()))
		if (pw->pw_gid == gid && strlist_find(out, pw->pw_name) < 0)
			strlist_add(out, pw->pw_name);
	endpwent();
}

/* Whether this sirt is root's, setgid group and changed by root alone;
 * *bin gets its path. */
static bool setgid_to(const char *group, char *bin, size_t size)
{
	struct group *gr = getgrnam(group);
	struct stat st;
	ssize_t n = readlink("/proc/self/exe", bin, size - 1);

	bin[n > 0 ? n : 0] = '\0';
	if (n <= 0)
		snprintf(bin, size, "sirt");
	return gr && n > 0 && stat(bin, &st) == 0 && (st.st_mode & S_ISGID) && st.st_gid == gr->gr_gid &&
	       st.st_uid == 0 && !(st.st_mode & (S_IWGRP | S_IWOTH));
}

int cli_init(const struct cli_args *args)
{
	const char *dir = cli_value(args, "--shared"), *group = cli_value(args, "--group");
	bool enforce = cli_flag(args, "--enforce"), setgid = false;
	struct strlist members = {0};
	struct shared_setup setup;
	struct error err = {0};
	struct actor who;
	char bin[PATH_MAX];

	if (!*dir || !*group)
		return usage_error("init", "give the directory and the operators' group, e.g. "
					   "sirt init --shared /srv/sirt --group sirt");
	identity_current(&who);
	if (store_init_shared(dir, group, enforce, &who, &setup, &err)) {
		cli_error("%s", err.message);
		shared_setup_free(&setup);
		return status_exit_code(err.status);
	}
	if (enforce) {
		setgid = setgid_to(group, bin, sizeof(bin));
		group_members(group, &members);
	}
	/* The lines on stdout, so that they can go straight into a file
	 * (the path is as given: a file needs it as it is). */
	if (cli_json(args)) {
		struct strbuf sb = {0};
		struct json j;

		cli_json_begin(&j, &sb);
		json_key(&j, "dir");
		json_string(&j, setup.dir);
		json_key(&j, "db");
		json_string(&j, setup.db);
		json_key(&j, "group");
		json_string(&j, group);
		json_key(&j, "made_dir");
		json_bool(&j, setup.created_dir);
		json_key(&j, "made_db");
		json_bool(&j, setup.created_db);
		json_key(&j, "incidents");
		if (setup.created_db)
			json_null(&j);
		else
			json_int(&j, setup.incidents);
		json_key(&j, "enforced");
		json_bool(&j, enforce);
		json_key(&j, "was_enforced");
		json_bool(&j, setup.was_enforced);
		if (enforce) {
			json_key(&j, "setgid");
			json_bool(&j, setgid);
			json_key(&j, "binary");
			json_string(&j, bin);
			json_key(&j, "members");
			json_array_begin(&j);
			for (size_t i = 0; i < members.len; i++)
				json_string(&j, members.items[i]);
			json_array_end(&j);
		}
		json_key(&j, "config");
		json_object_begin(&j);
		json_key(&j, "store.path");
		json_string(&j, setup.db);
		json_object_end(&j);
		cli_json_print(&j, &sb);
	} else {
		printf("[store]\npath = %s\n", setup.db);
	}
	{
		char *incidents = setup.created_db ? xstrdup("") :
				  xasprintf(", %d incident%s", setup.incidents, setup.incidents == 1 ? "" : "s");

		cli_error("%s %s (group %s, mode 2770) and %s %s (mode 0660)%s%s.", setup.created_dir ? "made" : "set",
			  setup.dir, group, setup.created_db ? "made" : "kept", setup.db, incidents,
			  enforce ? "; enforced: only sirt, run setgid to the group, may open it" : "");
		free(incidents);
	}
	if (!enforce) {
		if (setup.was_enforced)
			cli_error("it was enforced: now it is the group's, and every member of %s can change it with any "
				  "program (run init again with --enforce to go back).", group);
		cli_error("put the [store] lines above in /etc/sirt/sirt.ini, then add each operator to the group "
			  "(usermod -aG %s LOGIN), who logs in again to use it.", group);
	} else {
		cli_error("put the [store] lines above in /etc/sirt/sirt.ini, which with /etc/sirt/sirt.d and the "
			  "forms and procedures it names must be root's and changed by root alone, and name each "
			  "operator in its [roles]; never add one to group %s.", group);
		if (setgid)
			cli_error("%s is setgid %s: ok.", bin, group);
		else
			cli_error("%s is not setgid %s yet: run chgrp %s %s && chmod 2755 %s (for the Debian package: "
				  "dpkg-statoverride --update --add root %s 2755 %s).", bin, group, group, bin, bin,
				  group, bin);
		if (members.len) {
			struct strbuf names = {0};

			for (size_t i = 0; i < members.len; i++)
				strbuf_printf(&names, "%s%s", i ? ", " : "", members.items[i]);
			cli_error("warning: %s %s in group %s and can change the database with any program: take %s "
				  "out (gpasswd -d LOGIN %s).", strbuf_str(&names), members.len == 1 ? "is" : "are",
				  group, members.len == 1 ? "that login" : "them", group);
			strbuf_free(&names);
		} else {
			cli_error("no login is in group %s: ok.", group);
		}
	}
	strlist_free(&members);
	shared_setup_free(&setup);
	return 0;
}
