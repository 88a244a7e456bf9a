#!/bin/sh
# When it happened (--at): calls, step marks, decisions and deadlines met
# said to have happened before they were logged show that time wherever
# the record's time is shown (show, change list, deadlines, the report),
# with when it was logged once beside it; show's JSON keeps both. The
# clock is the test's (SIRT_TEST_NOW, honoured by test builds only).
set -u
. "$(dirname "$0")/lib.sh"
export TZ=UTC
DB="$T/when.db"
me=$(id -un)
plan manager managers
s() { "$SIRT" --db "$DB" "$@"; }
at() { SIRT_TEST_NOW="$1"; export SIRT_TEST_NOW; }

at 2026-11-22T10:00:00Z
ref=$(s new --set caller_name=Ana --set nature=x --set title="Told late")
s set "$ref" lead cloud_api_data=yes business_critical=no severity=medium >/dev/null
s procedure "$ref" active-intrusion >/dev/null
same "call --at: said as made then, logged now" "$(s call "$ref" deputy --outcome reached --at -15m)" \
	"$ref: called Amara Okafor (+1 555 0102) at 2026-11-22 09:45 UTC (logged 10:00 UTC): reached"
s step "$ref" contain done --at -20m >/dev/null
s change propose "$ref" "Patch the VPN gateway" >/dev/null
"$SIRT" --config "$T/manager.ini" --db "$DB" change approve "$ref" 1 --reason ok --at "2026-11-21 23:50" >/dev/null
s deadline met "$ref" cloud-provider --how email --at -10m >/dev/null
# Half an hour later a note on the step: written then; the step was
# done when it was.
at 2026-11-22T10:30:00Z
s step "$ref" contain done --note "VLAN 99" >/dev/null

out=$(s show "$ref")
has "show: the call when it was made" "$out" \
	"  2026-11-22 09:45 UTC      Amara Okafor (+1 555 0102) by $me: reached (logged 10:00 UTC)"
has "show: the step when it was done, a note later" "$out" \
	"      marked 2026-11-22 09:40 UTC by $me (logged 10:30 UTC)"
has "show: the decision when it was made, another day in full" "$out" \
	"      decided 2026-11-21 23:50 UTC by $me (logged 2026-11-22 10:00 UTC)"
has "show: the party told when it was" "$out" \
	"Cloud provider security team: met 2026-11-22 09:50 UTC by $me (email; logged 10:00 UTC); due "
has "show: the note on the timeline when it was written" "$out" \
	"  2026-11-22 10:30 UTC      $me: Note on step: Contain the intrusion by isolating hosts and blocking access: VLAN 99
"
lacks "show: no note said to have happened before it was written" "$out" "VLAN 99 (logged"

out=$(s change list "$ref")
has "change list: one decided time, when it happened" "$out" \
	"Decided: 2026-11-21 23:50 UTC (logged 2026-11-22 10:00 UTC); Decided by: $me"
lacks "change list: not a second decided time" "$out" "Decided when"

has "deadlines: when the party was told" "$(s deadlines --all)" \
	"met 2026-11-22 09:50 UTC by $me (email; logged 10:00 UTC)"

for format in text md; do
	has "report ($format): when the party was told" "$(s report "$ref" --format "$format")" \
		"due 2026-11-23 10:00 UTC; told 2026-11-22 09:50 UTC by email (logged 10:00 UTC)"
done
same "report (json): told_at when told, logged_at when logged" \
	"$(s report "$ref" --format json | jq -r '.notifications[0] | .told_at + " " + .logged_at')" \
	"2026-11-22T09:50:00Z 2026-11-22T10:00:00Z"

# show's JSON keeps both, as stored.
json=$(s show "$ref" --format json)
same "json: the call's both times" "$(printf '%s' "$json" | jq -r '.calls[0] | .happened_at + " " + .called_at')" \
	"2026-11-22T09:45:00Z 2026-11-22T10:00:00Z"
same "json: the step's both times, the note's the later" \
	"$(printf '%s' "$json" | jq -r '.steps[] | select(.key == "contain") | .happened_at + " " + .marked_at')" \
	"2026-11-22T09:40:00Z 2026-11-22T10:30:00Z"

finish
