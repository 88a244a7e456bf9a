/* The commands that look after the database itself: the audit chain,
 * export and import, backup. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "sirt/clock.h"
#include "sirt/digest.h"
#include "sirt/file.h"
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

/* How the chain stands, as audit verify's text says it: intact or
 * where it breaks, and whether it holds the head given. */
static void audit_json(const struct audit_check *check, const char *head)
{
	struct strbuf sb = {0};
	struct json j;

	cli_json_begin(&j, &sb);
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
	cli_json_print(&j, &sb);
}

int cmd_audit(struct session *s, const struct cli_args *args)
{
	const char *verb = args->verb->name, *head = cli_value(args, "--head");
	struct audit_check check;
	bool read;
	int code;

	/* A mistyped head is not a rewritten trail. */
	if (head && (strlen(head) != 64 || strspn(head, "0123456789abcdef") != 64))
		return usage_error("audit", "--head takes the 64 lower-case hexadecimal digits that sirt audit head "
					    "printed, "
					    "not \"%s\"", head);
	code = check_chain(s, head, &check, &read);
	if (read && cli_json(args) && (code == 0 || strcmp(verb, "verify") == 0))
		audit_json(&check, head);
	else if (code)
		return code;
	else if (strcmp(verb, "head") == 0)
		printf("%s\n", check.head);
	else
		printf("audit: %lld rows, the chain is intact%s; head %s\n", (long long)check.rows,
		       head ? " and holds the head given" : "", *check.head ? check.head : "(empty)");
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
	/* Not over an existing file: said before the work, not after it. */
	if (output && access(output, F_OK) == 0)
		st = error_set(&err, STATUS_CONFLICT, "%s exists already", output);
	else if (output && (st = file_begin(&file, output, 0600, &err)) == STATUS_OK) {
		if ((st = store_export(s->store, at, file.f, &err)))
			file_abandon(&file);
		else
			st = file_finish(&file, false, &err);
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
	if (store_import(s->store, json, file, sha256, &s->who, at, &result, &err)) {
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
	struct store *copy = NULL;
	struct audit_check check;
	struct error err = {0};
	char integrity[256];

	if (!path)
		return usage_error("backup", "give the file to write, e.g. sirt backup /srv/backup/sirt-2026-11-22.db");
	if (store_backup(s->store, path, &err) || store_open(path, true, &copy, &err) ||
	    store_integrity(copy, integrity, sizeof(integrity), &err) ||
	    store_audit_verify(copy, NULL, &check, &err)) {
		cli_error("%s", err.message);
		store_close(&copy);
		return status_exit_code(err.status);
	}
	store_close(&copy);
	if (strcmp(integrity, "ok") != 0 || check.bad_row) {
		cli_error("the copy %s is not sound: %s", path, strcmp(integrity, "ok") ? integrity : check.why);
		return 74;
	}
	if (cli_json(args)) {
		struct strbuf sb = {0};
		struct json j;

		cli_json_begin(&j, &sb);
		json_key(&j, "file");
		json_string(&j, path);
		json_key(&j, "integrity");
		json_string(&j, integrity);
		json_key(&j, "intact");
		json_bool(&j, true);
		json_key(&j, "rows");
		json_int(&j, check.rows);
		json_key(&j, "head");
		json_string(&j, check.head);
		cli_json_print(&j, &sb);
	} else {
		char *line = xasprintf("backup: %s written; integrity ok; audit chain intact (%lld rows, head %s)", path,
				       (long long)check.rows, check.head);
		char *safe = sanitize(line, 0);

		printf("%s\n", safe);
		free(safe);
		free(line);
	}
	return 0;
}

int cli_init(const struct cli_args *args)
{
	const char *dir = cli_value(args, "--shared"), *group = cli_value(args, "--group");
	struct shared_setup setup;
	struct error err = {0};

	if (!*dir || !*group)
		return usage_error("init", "give the directory and the operators' group, e.g. "
					   "sirt init --shared /srv/sirt --group sirt");
	if (store_init_shared(dir, group, &setup, &err)) {
		cli_error("%s", err.message);
		shared_setup_free(&setup);
		return status_exit_code(err.status);
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

		cli_error("%s %s (group %s, mode 2770) and %s %s (mode 0660)%s.", setup.created_dir ? "made" : "set",
			  setup.dir, group, setup.created_db ? "made" : "kept", setup.db, incidents);
		cli_error("put the [store] lines above in /etc/sirt/sirt.ini, then add each operator to the group "
			  "(usermod -aG %s LOGIN), who logs in again to use it.", group);
		free(incidents);
	}
	shared_setup_free(&setup);
	return 0;
}
