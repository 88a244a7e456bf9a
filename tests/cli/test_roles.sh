#!/bin/sh
# Roles by login (R4): what each role may do from the command line, the
# refusal (exit 77) naming the role needed and who holds it; reviewers and
# --read-only sessions cannot write; $USER and $LOGNAME change nothing.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/roles.db"
me=$(id -un)
as() { role=$1; shift; "$SIRT" --config "$T/$role.ini" --db "$DB" "$@"; }
plan operator operators
plan responder responders
plan lead leads
plan manager managers
plan reviewer reviewers

ref=$(as operator new --set caller_name="Dana Reyes" --set nature="Phishing" --set title="Phishing")
same "operator: logs a call" "$ref" "IR-$(date +%Y)-0001"
as operator call "$ref" lead --outcome reached >/dev/null 2>&1
out=$(as operator set "$ref" triage real=real 2>&1)
same "operator: triage refused (77)" "$?" "77"
has "operator: the refusal says what it needs" "$out" "saving the form needs the responder role: $me is an operator"
out=$(as operator category "$ref" data 2>&1)
same "operator: category refused (77)" "$?" "77"

as responder set "$ref" triage real=real in_progress=no type=other business_impact=minimal urgent=no >/dev/null
same "responder: answers the triage" "$?" "0"
as responder change propose "$ref" "Block the sender" >/dev/null
same "responder: proposes a change" "$?" "0"
out=$(as responder set "$ref" lead severity=high 2>&1)
same "responder: lead details refused (77)" "$?" "77"
has "responder: the lead's work" "$out" "needs the lead role: $me is a responder"
out=$(as responder close "$ref" --reason x 2>&1)
same "responder: closing refused (77)" "$?" "77"
out=$(as responder change approve "$ref" 1 --reason ok 2>&1)
same "responder: approving refused (77)" "$?" "77"
has "responder: the manager's work, and who holds it" "$out" \
	"approving or rejecting a change needs the manager role: $me is a responder (see [roles] in $T/responder.ini; it is held by no one yet"

as lead set "$ref" lead severity=high business_critical=no >/dev/null
same "lead: lead details" "$?" "0"
out=$(as lead change approve "$ref" 1 --reason ok 2>&1)
same "lead: approving refused (77)" "$?" "77"
as manager change approve "$ref" 1 --reason "do it" >/dev/null
same "manager: approves" "$?" "0"
# Rejecting is deciding too: refused to all but a manager, leaving no trace.
as responder change propose "$ref" "Reset every mail password" >/dev/null
decisions() { sqlite3 "$DB" "SELECT count(*) FROM audit WHERE tbl = 'change' AND op = 'update'"; }
shown() { as reviewer show "$ref" --format json | jq -r "$1"; }
before=$(decisions)
for who in responder lead; do
	out=$(as $who change reject "$ref" 2 --reason "not now" 2>&1)
	same "$who: rejecting refused (77)" "$?" "77"
	has "$who: the refusal names the manager's work" "$out" "approving or rejecting a change needs the manager role: $me is a $who"
done
same "refused rejections: the change is still proposed" \
	"$(shown '.changes[] | select(.number == 2) | "\(.state) \(.decided_by)"')" "proposed null"
same "refused rejections: the timeline has only the first decision" \
	"$(shown '[.timeline[] | select(.kind == "approval")] | length')" "1"
same "refused rejections: nor has the audit trail" "$(decisions)" "$before"
as manager change reject "$ref" 2 --reason "not now" >/dev/null
same "manager: rejects" "$?" "0"
same "manager: the change is rejected" \
	"$(shown '.changes[] | select(.number == 2) | "\(.state) \(.decided_by)"')" "rejected $me"
same "manager: the rejection is on the timeline" \
	"$(shown '[.timeline[] | select(.kind == "approval")][-1].summary')" "Change 2 rejected by $me: not now"
out=$(as manager new --set caller_name=X --set nature=y --set title=z 2>&1)
same "manager: only approves (77 for a call)" "$?" "77"

out=$(as reviewer cost add "$ref" --kind damage --amount 1 --description x 2>&1)
same "reviewer: cannot write (77)" "$?" "77"
same "reviewer: reads" "$(as reviewer show "$ref" --format json | jq -r .ref)" "$ref"
out=$(as lead --read-only cost add "$ref" --kind damage --amount 1 --description x 2>&1)
same "--read-only: cannot write (77)" "$?" "77"
has "--read-only: says why" "$out" "the database is open read-only"

# Who is recorded comes from the uid, whatever the environment says.
USER=mallory LOGNAME=mallory as lead step "$ref" restoration.preserve-evidence done >/dev/null
same "spoofed USER/LOGNAME: the timeline has the uid's login" \
	"$(as lead show "$ref" --format json | jq -r '.timeline[-1].who')" "$me"
same "spoofed USER/LOGNAME: so has the audit trail" \
	"$(sqlite3 "$DB" "SELECT DISTINCT who FROM audit WHERE who <> 'sirt'")" "$me"
USER=mallory LOGNAME=mallory out=$(as lead close "$ref" --reason x 2>&1)
lacks "spoofed USER/LOGNAME: not who is refused or allowed" "$out" "mallory"

finish
