#!/bin/sh
# Deadlines on the command line, with the clock moved by SIRT_TEST_NOW
# (honoured by test builds only): a 24-hour deadline counts down, goes
# overdue (exit 1 for cron jobs), is marked met; one per customer.
set -u
. "$(dirname "$0")/lib.sh"
export TZ=UTC
DB="$T/dl.db"
at() { SIRT_TEST_NOW="$1"; export SIRT_TEST_NOW; }

at 2026-11-22T10:00:00Z
ref=$("$SIRT" --db "$DB" new --set caller_name=Ana --set nature="API keys leaked" --set title="Cloud keys leaked" \
	--set first_noticed="2026-11-22 08:00" --set call_time="2026-11-22 09:00")
same "the clock is the test's" "$ref" "IR-2026-0001"
out=$("$SIRT" --db "$DB" deadlines)
same "no deadline before the lead says cloud API data is involved" "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "1"

# The lead details say so.
"$SIRT" --db "$DB" set "$ref" lead cloud_api_data=yes business_critical=no severity=medium >/dev/null
at 2026-11-22T12:00:00Z
json=$("$SIRT" --db "$DB" deadlines --format json)
same "counting down from discovery" "$(printf '%s' "$json" | jq -r '.[0].deadline | .state + " " + .due + " " + .remaining')" \
	"open 2026-11-23T08:00:00Z 20h left"
"$SIRT" --db "$DB" deadlines >/dev/null
same "nothing overdue: exit 0" "$?" "0"
at 2026-11-23T03:00:00Z
same "under the warning time" "$("$SIRT" --db "$DB" deadlines --format json | jq -r '.[0].deadline.state')" "warning"
at 2026-11-23T09:30:00Z
out=$("$SIRT" --db "$DB" deadlines)
same "overdue: exit 1 for cron" "$?" "1"
case "$out" in
*"OVERDUE"*"1h 30m overdue"*"Cloud provider security team (cloud-provider)"*) ok "overdue shown" ;;
*) not_ok "overdue shown"; echo "$out" ;;
esac
"$SIRT" --db "$DB" list --overdue >/dev/null
same "list --overdue exits 1" "$?" "1"
same "list --overdue lists it" "$("$SIRT" --db "$DB" list --overdue --format json | jq -r '.[0].ref')" "$ref"
"$SIRT" --db "$DB" deadline met "$ref" cloud-provider --how pigeon >/dev/null 2>&1
same "deadline met: an unknown way is a usage error" "$?" "64"
out=$("$SIRT" --db "$DB" deadline met "$ref" cloud-provider --how email --reference "case 77" --at -20m)
case "$out" in
*"met late"*"met 2026-11-23 09:10 UTC, 1h 10m late, by $(id -un) (email; logged 09:30 UTC)"*) ok "deadline met prints the deadline, told 20m before" ;;
*) not_ok "deadline met prints the deadline, told 20m before"; echo "$out" ;;
esac
"$SIRT" --db "$DB" deadline met "$ref" cloud-provider --how email >/dev/null 2>&1
same "met twice: a conflict (65)" "$?" "65"
"$SIRT" --db "$DB" deadlines >/dev/null
same "met: exit 0 again" "$?" "0"
"$SIRT" --db "$DB" list --overdue >/dev/null
same "list --overdue: nothing, exit 0" "$?" "0"
# Into a pipe, nothing is cut: the REMAINING column holds its widest.
out=$("$SIRT" --db "$DB" deadlines --all | cat)
has "deadlines --all into a pipe: met whole" "$out" " (email; logged 09:30 UTC) Cloud provider security team"
lacks "deadlines --all into a pipe: nothing cut" "$out" "…"
same "deadline met --at: when the party was told is kept" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '.deadlines[0].happened_at != null')" "true"
same "show json carries the deadline" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '.deadlines[0] | .state + " " + .how + " " + .reference')" \
	"met email case 77"

# Plan B: one deadline per affected customer, 14 days.
"$SIRT" --db "$DB" set "$ref" lead 'customers_affected=Example Bank <sec@bank.example.org>
Kılınç Ltd <soc@kilinc.example.org>' >/dev/null
json=$("$SIRT" --db "$DB" deadlines --format json)
same "one deadline per customer" "$(printf '%s' "$json" | jq -r '[.[] | select(.deadline.rule == "customer-report") | .deadline.party] | join(", ")')" \
	"Example Bank, Kılınç Ltd"
same "to each customer's own contact" "$(printf '%s' "$json" | jq -r '[.[] | select(.deadline.party == "Kılınç Ltd") | .deadline.address] | .[0]')" \
	"soc@kilinc.example.org"
"$SIRT" --db "$DB" deadline met "$ref" customer-report --how email >/dev/null 2>&1
same "per-customer: which customer must be said" "$?" "64"
json=$("$SIRT" --db "$DB" deadline met "$ref" customer-report --party "Kılınç Ltd" --how portal --format json)
same "per-customer: met for one" "$?" "0"
same "deadline met --format json: the deadline as show has it" \
	"$(printf '%s' "$json" | jq -r '.[0] | "\(.ref) \(.deadline.party) \(.deadline.how) \(.deadline.state)"')" "$ref Kılınç Ltd portal met"
same "deadline met --format json: the keys of show's deadlines" "$(printf '%s' "$json" | jq -c '.[0].deadline | keys')" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -c '.deadlines[0] | keys')"

# A deadline met late says by how much wherever it is shown: the one to
# the cloud provider was due 08:00 and told 09:10.
same "deadlines --format json: late_by_seconds" \
	"$("$SIRT" --db "$DB" deadlines --all --format json | jq -r '.[] | select(.deadline.rule == "cloud-provider") | .deadline.late_by_seconds')" "4200"
same "show --format json: late_by_seconds" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '.deadlines[] | select(.rule == "cloud-provider") | .late_by_seconds')" "4200"
same "met in time: late_by_seconds 0" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '.deadlines[] | select(.party == "Kılınç Ltd") | .late_by_seconds')" "0"
same "not met yet: late_by_seconds null" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '.deadlines[] | select(.party == "Example Bank") | .late_by_seconds')" "null"
out=$("$SIRT" --db "$DB" show "$ref")
has "show: met late, by how much" "$(printf '%s\n' "$out" | grep '^  met late  *Cloud provider')" \
	"Cloud provider security team: met 2026-11-23 09:10 UTC, 1h 10m late, by"
lacks "show: met in time is not late" "$(printf '%s\n' "$out" | grep 'Kılınç Ltd:')" "late"
has "timeline: told late, by how much (from --at)" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '.timeline[].summary' | grep '^Deadline met: Cloud provider')" \
	"by email, 1h 10m late"
lacks "timeline: told in time is not late" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '.timeline[].summary' | grep '^Deadline met: Kılınç Ltd')" "late"
has "report: told late, by how much" "$("$SIRT" --db "$DB" report "$ref" --format text)" "told 2026-11-23 09:10 UTC, 1h 10m late, by email"
same "report --format json: late_by_seconds" \
	"$("$SIRT" --db "$DB" report "$ref" --format json | jq -r '.notifications[] | select(.rule == "cloud-provider") | .late_by_seconds')" "4200"

# --party names a customer as --customer does: in any case, or by the
# address.
"$SIRT" --db "$DB" deadline met "$ref" customer-report --party "example bank" --how email >/dev/null 2>"$T/err"
same "--party in another case: met" "$?" "0"
same "--party in another case: the party as listed" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '.deadlines[] | select(.party == "Example Bank") | .state')" "met"
"$SIRT" --db "$DB" deadline met "$ref" customer-report --party "SOC@KILINC.example.org" --how email >/dev/null 2>"$T/err"
same "--party by the address: the same deadline, met already (65)" "$?" "65"
# And folded as report --customer folds it: full case folding, runs of
# blanks as one (one function for both).
"$SIRT" --db "$DB" deadline met "$ref" customer-report --party "KILINÇ  LTD" --how email >/dev/null 2>"$T/err"
same "--party folded (KILINÇ  LTD): the same deadline, met already (65)" "$?" "65"
"$SIRT" --db "$DB" report "$ref" --customer "KILINÇ  LTD" --confirm-names --format text >/dev/null 2>"$T/err"
same "report --customer folded the same way (KILINÇ  LTD)" "$?" "0"
"$SIRT" --db "$DB" deadline met "$ref" customer-report --party "Northwind Bank" --how email >/dev/null 2>"$T/err"
same "--party naming no customer: 66" "$?" "66"
has "--party naming no customer: names the parties" "$(cat "$T/err")" "(its parties: Example Bank, Kılınç Ltd)"

finish
