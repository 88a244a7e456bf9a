/* The registers on the command line, one run function for every kind:
 * sirt KIND add REF --column VALUE ..., KIND list REF, KIND withdraw REF
 * N --reason TEXT, KIND find VALUE. The options are the kind's columns
 * (first_seen is --first-seen), declared in its command's row. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "output.h"
#include "sirt/clock.h"
#include "sirt/register.h"

/* --first-seen for the column first_seen. */
static char *option_of(const struct kind_column *column)
{
	char *name = xasprintf("--%s", column->name);

	for (char *p = name; *p; p++)
		if (*p == '_')
			*p = '-';
	return name;
}

static enum status add(struct session *s, const struct register_def *reg, const struct incident *in,
		       const struct cli_args *args, int64_t *number, struct error *err)
{
	size_t n, size;
	const struct kind_column *asks = register_asks(reg, &n, &size);
	void *record = xcalloc(1, size);
	enum status st;

	for (size_t c = 0; c < n; c++) {
		char *option = option_of(&asks[c]);

		/* The command line gives text: the text and time questions. */
		if (asks[c].type == COLUMN_TEXT || asks[c].type == COLUMN_TIME)
			*(const char **)((char *)record + asks[c].offset) = cli_value(args, option);
		free(option);
	}
	st = reg->add(s->store, s->config, in, record, &s->who, session_now(), number, err);
	free(record);
	return st;
}

static int find(struct session *s, const struct register_def *reg, const struct cli_args *args)
{
	const char *value = cli_arg(args, 0);
	struct record_list found;
	struct strlist refs;
	struct error err = {0};
	size_t n;

	if (!value || !*value || !reg->find)
		return usage_error(reg->kind->name, "say what to look for: sirt %s find VALUE", reg->kind->name);
	if (reg->find(s->store, value, &found, &refs, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	n = found.len;
	output_found(stdout, reg, value, &found, &refs, cli_json(args));
	/* Nothing on standard output for a script, as grep; a person is told. */
	if (!n && !cli_json(args) && isatty(STDERR_FILENO))
		cli_error("no incident holds %s", value);
	record_list_free(reg->kind, &found);
	strlist_free(&refs);
	/* As grep: a script asks "seen before?" by the exit status. */
	return n ? 0 : 1;
}

int cmd_register(struct session *s, const struct cli_args *args)
{
	const struct register_def *reg = register_find(args->command->name);
	const char *verb = args->verb->name, *ref = cli_arg(args, 0);
	struct incident in = {0};
	struct register_records records;
	struct error err = {0};
	int64_t number = 0;
	enum status st;

	if (strcmp(verb, "find") == 0)
		return find(s, reg, args);
	if (!ref)
		return usage_error(reg->kind->name, "say which incident: sirt %s %s REF", reg->kind->name, verb);
	if (strcmp(verb, "withdraw") == 0 && !(number = parse_number(cli_arg(args, 1))))
		return usage_error(reg->kind->name, "%s withdraw needs the %s's number and --reason TEXT",
				   reg->kind->name, reg->kind->one);
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st && strcmp(verb, "add") == 0)
		st = add(s, reg, &in, args, &number, &err);
	else if (!st && strcmp(verb, "withdraw") == 0)
		st = reg->withdraw(s->store, &in, number, cli_value(args, "--reason"), &s->who, session_now(), &err);
	if (!st)
		st = register_load(s->store, reg, &in, &records, &err);
	if (st) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(st);
	}
	output_records(stdout, &in, reg, &records, cli_json(args));
	register_records_free(reg, &records);
	incident_clear(&in);
	return 0;
}
