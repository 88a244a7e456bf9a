#!/bin/sh
# The indicator register from the command line: each type checked and put
# in one form, the same indicator found on every incident that holds it
# (exit 1 when none does), withdrawn never edited, its role, a closed
# incident, and the indicators in show, the report, export and the audit
# trail.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/ioc.db"
me=$(id -un)
s() { "$SIRT" --db "$DB" "$@"; }
new() { s new --set caller_name="Dana Reyes" --set nature="Phishing mail" --set title="$1"; }

one=$(new "Phishing at the bank")
two=$(new "Phishing again")

# A bad value: refused, naming the type's form.
out=$(s ioc add "$one" --type ipv4 --value 10.0.0.300 2>&1)
same "bad IPv4: exit 65" "$?" "65"
same "bad IPv4: says the form" "$out" \
	'sirt: "10.0.0.300" is not an IPv4 address (four numbers 0-255: 192.0.2.10)'
out=$(s ioc add "$one" --type sha256 --value abc 2>&1)
same "short hash: exit 65" "$?" "65"
has "short hash: says the form" "$out" '"abc" is not a SHA-256 hash (64 hexadecimal digits)'
out=$(s ioc add "$one" --type hash --value abc 2>&1)
same "unknown type: usage (64)" "$?" "64"
out=$(s ioc add "$one" --type ipv4 --value 192.0.2.1 --tlp purple 2>&1)
same "unknown TLP: usage (64)" "$?" "64"
same "nothing recorded by the refusals" "$(s ioc list "$one" --format json | jq '.ioc | length')" "0"

# Normal forms, and the defaults.
json=$(s ioc add "$one" --type domain --value "Login.Example-Bank.TEST." --source "mail gateway" \
	--first-seen "2026-11-22 10:15" --format json)
same "domain: lower case, no final dot" "$(echo "$json" | jq -r '.ioc[0].value')" "login.example-bank.test"
same "TLP amber by default" "$(echo "$json" | jq -r '.ioc[0].tlp')" "amber"
same "first seen kept in UTC" "$(echo "$json" | jq -r '.ioc[0].first_seen')" "2026-11-22T10:15:00Z"
same "who added it" "$(echo "$json" | jq -r '.ioc[0].added_by')" "$me"
same "keys as show has them" "$(echo "$json" | jq -c '.ioc[0] | keys')" \
	'["added_at","added_by","elsewhere","first_seen","imported","note","number","source","tlp","type","value","withdrawn_at","withdrawn_by","withdrawn_imported","withdrawn_reason"]'
s ioc add "$one" --type ipv6 --value 2001:DB8:0:0:0:0:0:10 --tlp red >/dev/null
s ioc add "$one" --type sha1 --value DA39A3EE5E6B4B0D3255BFEF95601890AFD80709 --tlp green >/dev/null
same "ipv6 canonical, hash lower case" "$(s ioc list "$one" --format json | jq -r '.ioc[1].value, .ioc[2].value' | tr '\n' ' ')" \
	"2001:db8::10 da39a3ee5e6b4b0d3255bfef95601890afd80709 "

# Have we seen it before? Written another way, on another incident.
s ioc add "$two" --type ipv6 --value 2001:db8::0:10 --note "beacon" >/dev/null
out=$(s ioc find 2001:0db8::10)
same "find: found (0)" "$?" "0"
has "find: the first incident" "$out" "$one  2. ipv6 2001:db8::10 (TLP:RED)"
has "find: the second" "$out" "$two  1. ipv6 2001:db8::10 (TLP:AMBER)"
same "find --format json: both, in order" "$(s ioc find 2001:db8::10 --format json | jq -r '[.found[].ref] | join(" ")')" \
	"$one $two"
out=$(s ioc find 198.51.100.99)
same "find: none holds it (1)" "$?" "1"
same "find: prints nothing then" "$out" ""
has "list: says where else" "$(s ioc list "$two")" "also on $one"

# Withdrawn, never edited.
out=$(s ioc withdraw "$two" 1 2>&1)
same "withdraw without a reason: usage (64)" "$?" "64"
out=$(s ioc withdraw "$two" 1 --reason "our own scanner")
has "withdrawn: said" "$out" "1. ipv6 2001:db8::10 (TLP:AMBER) [withdrawn]"
has "withdrawn: the reason" "$out" ": our own scanner"
out=$(s ioc withdraw "$two" 1 --reason "again" 2>&1)
same "withdrawn twice: exit 65" "$?" "65"
same "withdrawn twice: says so" "$out" "sirt: indicator 1 of $two is withdrawn already"
out=$(s ioc withdraw "$two" 7 --reason "x" 2>&1)
same "no such indicator: exit 66" "$?" "66"
# Withdrawn as a mistake, it was never seen there.
same "find: a withdrawn one is not held" "$(s ioc find 2001:db8::10 --format json | jq -r '[.found[].ref] | join(" ")')" \
	"$one"
lacks "list: nor is it elsewhere" "$(s ioc list "$one")" "also on $two"
# Held once: the same again is refused, naming the one there.
out=$(s ioc add "$one" --type ipv6 --value 2001:db8::10 2>&1)
same "the same twice: exit 65" "$?" "65"
same "the same twice: says which" "$out" "sirt: $one holds ipv6 2001:db8::10 already (indicator 2)"
out=$(s ioc add "$one" --type other --value "   " 2>&1)
same "a blank value: exit 65" "$?" "65"
out=$(s ioc find "" 2>&1)
same "find nothing: usage (64)" "$?" "64"
out=$(sqlite3 "$DB" "UPDATE ioc SET value = 'x'" 2>&1)
has "the table refuses an edit" "$out" "indicators are withdrawn, never edited"

# In show and the report: TLP RED and AMBER+STRICT are counted, not named.
same "show --format json: the register" "$(s show "$one" --format json | jq '.ioc | length')" "3"
has "show: its section" "$(s show "$one")" "Indicators of compromise"
report=$(s report "$one" --format text)
has "report: where it came from, amber" "$report" "- domain login.example-bank.test (seen in mail gateway)"
has "report: green" "$report" "- sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709"
lacks "report: red not named" "$report" "2001:db8::10"
has "report: red counted" "$report" "1 more indicator marked TLP:AMBER+STRICT or TLP:RED, not shared here"

# Export and import carry them; the audit trail has them.
s export --output "$T/all.json" 2>/dev/null
"$SIRT" --db "$T/copy.db" import "$T/all.json" >/dev/null 2>&1
same "import: indicators and withdrawals travel" \
	"$("$SIRT" --db "$T/copy.db" ioc list "$two" --format json | jq -r '.ioc[0].withdrawn_reason')" "our own scanner"
# A withdrawal of an indicator that is not there cannot be brought in.
jq '.incidents[0].rows.ioc_withdrawal += [{"number": 9, "reason": "planted", "withdrawn_at": "2026-11-22T14:05:00Z",
	"withdrawn_by": "mallory", "withdrawn_uid": 1234}]' "$T/all.json" > "$T/planted.json"
"$SIRT" --db "$T/planted.db" import "$T/planted.json" >/dev/null 2>&1
same "import: a withdrawal of no indicator is refused (65)" "$?" "65"
"$SIRT" --db "$T/planted.db" show "$one" >/dev/null 2>&1
same "import: nothing of that incident kept (66)" "$?" "66"
same "audit: every indicator added is on the chain" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE tbl = 'ioc' AND op = 'insert'")" "4"
s audit verify >/dev/null
same "audit verify: intact" "$?" "0"

# A reviewer may look, not add; a closed incident takes none.
plan reviewer reviewers
out=$("$SIRT" --config "$T/reviewer.ini" --db "$DB" ioc add "$one" --type md5 \
	--value d41d8cd98f00b204e9800998ecf8427e 2>&1)
same "reviewer: add refused (77)" "$?" "77"
has "reviewer: says the role" "$out" "recording an indicator needs the responder role"
"$SIRT" --config "$T/reviewer.ini" --db "$DB" ioc list "$one" >/dev/null 2>&1
same "reviewer: list allowed" "$?" "0"
s set "$two" review policy_could_prevent="MFA" policy_not_followed="No" response_appropriate="Yes" \
	parties_informed="Yes" procedures_adequate="Yes" reinfection_prevented="Reset" \
	similar_prevented="Filter" policies_updated="None" lessons_learned="Report faster" >/dev/null
s ioc add "$two" --type domain --value login.example-bank.test >/dev/null
s close "$two" --reason "test" >/dev/null 2>&1
same "closed for the test" "$(s show "$two" --format json | jq -r .status)" "closed"
out=$(s ioc add "$two" --type md5 --value d41d8cd98f00b204e9800998ecf8427e 2>&1)
same "closed incident: add refused (65)" "$?" "65"
has "closed incident: says how to reopen" "$out" "is closed: reopen it first"
same "find: closed incidents too" \
	"$(s ioc find login.example-bank.test --format json | jq -r '[.found[].ref] | join(" ")')" "$one $two"

finish
