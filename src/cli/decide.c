/* sirt decide REF KEY --why TEXT [--at TIME], and sirt decide REF KEY
 * --withdraw --reason TEXT: the decisions a regulator's clock runs from
 * (sirt/decision.h), for the leads. */
#include <string.h>

#include "cli_internal.h"
#include "output.h"
#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/decision.h"
#include "sirt/register.h"

int cmd_decide(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *key = cli_arg(args, 1);
	const char *why = cli_value(args, "--why"), *reason = cli_value(args, "--reason");
	bool withdraw = cli_flag(args, "--withdraw");
	struct incident in = {0};
	struct register_records records;
	struct error err = {0};
	int64_t number = 0;
	enum status st;

	if (!ref || !key)
		return usage_error("decide", "say which incident and which decision: sirt decide REF classified-major "
				   "--why TEXT, or sirt decide REF KEY --withdraw --reason TEXT");
	if (!decision_key_valid(key))
		return usage_error("decide", "\"%s\" is no decision sirt records: say %s", key, DECISION_KEYS);
	if (withdraw && (why || cli_flag(args, "--at")))
		return usage_error("decide", "--withdraw takes --reason alone: a withdrawal is recorded now, with why");
	if (withdraw && !reason)
		return usage_error("decide", "say why it is withdrawn: --reason TEXT (it stays on record)");
	if (!withdraw && reason)
		return usage_error("decide", "--reason goes with --withdraw; a decision says why with --why TEXT");
	if (!withdraw && !why)
		return usage_error("decide", "say why it was decided: --why TEXT (it goes on the timeline)");
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st && withdraw)
		st = incident_withdraw_decision(s->store, &in, key, reason, &s->who, session_now(), &err);
	else if (!st)
		st = incident_decide(s->store, &in, key, why, &s->who, session_now(), &number, &err);
	if (!st)
		st = register_load(s->store, &decision_register, &in, &records, &err);
	if (st) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(st);
	}
	output_records(stdout, &in, &decision_register, &records, cli_json(args));
	register_records_free(&decision_register, &records);
	incident_clear(&in);
	return 0;
}
