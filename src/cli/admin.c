/* The commands that look after the database itself: the audit chain. */
#include <stdio.h>
#include <string.h>

#include "cli_internal.h"

/* Checks the chain; 0, or the exit code after saying what is wrong. */
static int check_chain(struct session *s, const char *head, struct audit_check *check)
{
	struct error err = {0};

	if (store_audit_verify(s->store, head, check, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
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

int cmd_audit(struct session *s, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : NULL, *head = NULL, *v;
	struct audit_check check;
	int code = 0;

	for (int i = 2; i < argc && code == 0; i++) {
		if (verb && strcmp(verb, "verify") == 0 && (v = option_value("audit", "--head", argc, argv, &i, &code)))
			head = v;
		else if (code == 0)
			code = usage_error("audit", "unexpected argument \"%s\"", argv[i]);
	}
	if (code)
		return code;
	if (!verb || (strcmp(verb, "verify") != 0 && strcmp(verb, "head") != 0))
		return usage_error("audit", "say what: audit verify [--head HASH] or audit head");
	if ((code = check_chain(s, head, &check)))
		return code;
	if (strcmp(verb, "head") == 0)
		printf("%s\n", check.head);
	else
		printf("audit: %lld rows, the chain is intact%s; head %s\n", (long long)check.rows,
		       head ? " and holds the head given" : "", *check.head ? check.head : "(empty)");
	return 0;
}
