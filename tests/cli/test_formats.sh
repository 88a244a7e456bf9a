#!/bin/sh
# The documented formats (sirt-export(5)): real output of sirt export and
# of sirt report --format json, full and for one customer, validated
# against the JSON Schemas in schema/, which are strict enough to refuse
# a key renamed, dropped or added; and every key the schemas name is in
# the man page.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/formats.db"
me=$(id -un)
s() { "$SIRT" --db "$DB" "$@"; }
EXPORT_SCHEMA="$SRC/schema/export.schema.json"
REPORT_SCHEMA="$SRC/schema/report.schema.json"
PAGE="$SRC/man/sirt-export.5"

# The validator: python3-jsonschema (make test installs it). Without it
# every validation fails, saying so, rather than pass without validating.
CHECK="$SRC/tests/cli/schema_check.sh"
# valid NAME SCHEMA FILE / invalid NAME SCHEMA FILE
valid() {
	if out=$(sh "$CHECK" "$2" "$3" 2>&1); then ok "$1"; else
		not_ok "$1"
		printf '%s\n' "$out" | sed 's/^/  /'
	fi
}
invalid() {
	out=$(sh "$CHECK" "$2" "$3" 2>&1)
	case $? in
	1) ok "$1" ;;
	*) not_ok "$1"; printf '  the schema took it (or failed otherwise): %s\n' "$out" ;;
	esac
}

# A worked incident: every kind of record, nulls and not, from the
# command line as an operator would.
cat >"$T/manager.ini" <<INI
[sirt]
hotline = +1 555 0100
[categories]
data = Threat to sensitive data
[roles]
managers = $me
INI
ref=$(s new --set caller_name="Burak Kılınç" --set nature="Ransom note on fs01" --set title="Ransomware on fs01" \
	--set call_time=-2h --set caller_contact="+1 555 0142")
s set "$ref" lead "customers_affected=Example Bank <security@bank.example.org>
Kılınç Ltd <soc@kilinc.example.org>" severity=high business_critical=yes cloud_api_data=yes attacker_origin=198.51.100.7 \
	>/dev/null
s set "$ref" triage real=real in_progress=no type=other business_impact=minimal urgent=no --note real="seen on two hosts" >/dev/null
s category "$ref" data --note "customer data on fs01" >/dev/null
s procedure "$ref" virus >/dev/null
s step "$ref" restoration.preserve-evidence done --at -1h >/dev/null
s step "$ref" restoration.reinstall na --note "fs01 is kept for the images" >/dev/null
s step "$ref" disconnect done >/dev/null
# The report once the record answers its pre-filled questions (category,
# procedure, steps): a form saves only with every required field answered.
s set "$ref" report "data_disclosed=Example Bank: names of account holders
Kılınç Ltd: 2026 invoices" effective=partly --note effective="one host came back" \
	how_discovered="The ransom note on the share" >/dev/null
s call "$ref" lead --outcome reached --note "on his way" --at -35m >/dev/null
s call "$ref" deputy --outcome no-answer >/dev/null
s change propose "$ref" "Block SMB at the border" --why "the way in" >/dev/null
s change propose "$ref" "Rebuild fs01" >/dev/null
"$SIRT" --config "$T/manager.ini" --db "$DB" change approve "$ref" 1 --reason "tonight" >/dev/null
s witness add "$ref" --name "Dana Reyes" --contact "+1 555 0123" --statement "saw the note at 09:10" \
	--interviewed-at -50m >/dev/null
s note "$ref" --kind interview --witness 1 "confirms the note at 09:10" >/dev/null
s note "$ref" --kind log-review "share access from 198.51.100.7" >/dev/null
printf 'log line\n' >"$T/log.txt"
s evidence add "$ref" --file "$T/log.txt" --description "fs01 share log" --kind log-copy --location "safe 2" >/dev/null
s evidence add "$ref" --description "ransom note, photographed" --kind photo --location "safe 2" >/dev/null
s evidence add "$ref" --file "$T/log.txt" --description "fs01 share log, whole day" --corrects 1 >/dev/null
s custody "$ref" 1 --to "Lena Fischer" --purpose "analysis" --location "lab" >/dev/null
s evidence verify "$ref" 1 >/dev/null
s deadline met "$ref" cloud-provider --how email --reference "case 77" --at -20m >/dev/null
s deadline met "$ref" customer-report --party "Kılınç Ltd" --how portal >/dev/null
s cost add "$ref" --kind containment --amount 800 --description "Overtime" >/dev/null
s cost add "$ref" --kind damage --amount "12,500.50" --description "Lost invoices" --estimate >/dev/null
s cost add "$ref" --kind damage --amount 5 --description "Typo" --currency EUR >/dev/null
s cost withdraw "$ref" 3 --reason "entered twice" >/dev/null
s ioc add "$ref" --type ipv4 --value 198.51.100.7 --source "fs01 share log" --first-seen -3h >/dev/null
s ioc add "$ref" --type domain --value pay.ransom.example.org --tlp red --note "in the note" >/dev/null
s ioc withdraw "$ref" 2 --reason "a typo" >/dev/null
s decide "$ref" classified-major --why "customer data of two banks" --at -90m >/dev/null
s decide "$ref" materiality-determined --why "the board's call" >/dev/null
s decide "$ref" materiality-determined --withdraw --reason "no material impact after all" >/dev/null
second=$(s new --set caller_name="Ana Pereira" --set nature="Lost laptop" --set title="Laptop left on a train")
s set "$second" review policy_could_prevent=No policy_not_followed=No response_appropriate=Yes \
	parties_informed=Yes procedures_adequate=Yes reinfection_prevented=n/a similar_prevented=n/a \
	policies_updated=No "lessons_learned=Lock laptops in the office" >/dev/null
s close "$second" --reason "found the next day" >/dev/null

s export --output "$T/export.json"
same "export: written" "$?" "0"
valid "export: valid against export.schema.json" "$EXPORT_SCHEMA" "$T/export.json"
# Every table the schema knows has rows here, so every column of every
# table was in what was validated: a column added, renamed or dropped
# fails above, not only one the worked incident happens to fill.
same "export: the worked incident fills every table" \
	"$(jq -r '[.incidents[0].rows | to_entries[] | select(.value | length == 0) | .key] | join(",")' "$T/export.json")" ""
same "export: nulls and values both validated" \
	"$(jq -r '[.incidents[0].rows | .change[].decided_at, .evidence[].corrects, .call_attempt[].happened_at]
		| [any(. == null), any(. != null)] | map(tostring) | join(",")' "$T/export.json")" "true,true"
same "export: a closed incident too" "$(jq -r '.incidents[1].incident[0].status' "$T/export.json")" "closed"

# What it imports is what it exports.
"$SIRT" --db "$T/copy.db" import "$T/export.json" >/dev/null
same "import: the export loads" "$?" "0"
"$SIRT" --db "$T/copy.db" export --output "$T/copy.json"
valid "export of what was imported: valid" "$EXPORT_SCHEMA" "$T/copy.json"
# What sirt-export(5) says an import does with what it does not expect:
# imp JQ-FILTER imports the export changed by the filter into a new database.
imp() {
	rm -f "$T/imp.db"*
	jq "$1" "$T/export.json" >"$T/imp.json"
	"$SIRT" --db "$T/imp.db" import "$T/imp.json" 2>&1
}
out=$(imp '.comment = "kept by hand"')
same "import: another key at the top level is ignored" "$?: $out" "0: import: 2 added, 0 here already, 0 in conflict"
out=$(imp '.incidents[1].rows |= del(.ioc)')
same "import: a table left out, even an empty one, is a conflict (65)" "$?" "65"
has "import: that incident is not imported, the other is" "$out" "$second: not imported"
has "import: the other is" "$out" "import: 1 added, 0 here already, 1 in conflict"
out=$(imp '.incidents[0].rows.timeline[0] |= del(.happened_at)')
same "import: a key left out, even one that may be null, is a conflict (65)" "$?" "65"
has "import: that incident is named, as an older export's would be" "$out" "$ref: not imported"

# The schema is not vacuous: each way the exporter could drift is refused.
# mutate NAME JQ-FILTER: the export changed by the filter must not validate.
mutate() {
	jq "$2" "$T/export.json" >"$T/mutated.json"
	invalid "export schema refuses $1" "$EXPORT_SCHEMA" "$T/mutated.json"
}
mutate "a column renamed" '.incidents[0].rows.cost[0] |= (.sum = .amount | del(.amount))'
mutate "a column dropped" '.incidents[0].rows.timeline[0] |= del(.happened_at)'
mutate "a key added to a row" '.incidents[0].incident[0].colour = "red"'
mutate "a table left out" '.incidents[0].rows |= del(.ioc_withdrawal)'
mutate "an unknown table" '.incidents[0].rows.tag = []'
mutate "a row id kept" '.incidents[0].rows.note[0].id = 7'
mutate "an integer as text" '.incidents[0].rows.cost[0].amount |= tostring'
mutate "a time not in UTC" '.incidents[0].rows.timeline[0].at = "2026-11-22 14:05"'
mutate "a value no CHECK allows" '.incidents[0].rows.step[0].state = "finished"'
mutate "another format" '.sirt_export = 2'
mutate "another database version" '.schema = 21'
mutate "an import that does not say its file" '.incidents[0].rows.note[0].imported = {"by": "x", "uid": 1, "at": "2026-11-22T14:05:00Z", "sha256": "", "earlier": null}'
mutate "two incident rows" '.incidents[0].incident += .incidents[0].incident'
mutate "a top-level key dropped" 'del(.exported_at)'

# The report as JSON: full, for one customer (by name and by address),
# written to a .json file, and for an incident with no customers.
s report "$ref" --format json >"$T/report.json"
same "report --format json: exit 0" "$?" "0"
valid "report: valid against report.schema.json" "$REPORT_SCHEMA" "$T/report.json"
same "report: every field of the report form, in its order" "$(jq -r '.report | keys_unsorted | join(",")' "$T/report.json")" \
	"$(sed -n 's/^\[field\.\(.*\)\]$/\1/p' "$SRC/forms/report.ini" | paste -sd, -)"
same "report: a note only where the form takes one" \
	"$(jq -r '[.report | to_entries[] | select(.value | has("note")) | .key] | join(",")' "$T/report.json")" \
	"$(awk '/^\[field\./ { k = substr($0, 8, length($0) - 8) } /^note *= *yes/ { print k }' "$SRC/forms/report.ini" | paste -sd, -)"
same "report: withdrawn costs left out, amounts as text" "$(jq -c '[.costs[] | .amount]' "$T/report.json")" '["800.00","12500.50"]'
same "report: parties told and not told" \
	"$(jq -r '[.notifications[] | .told_at == null] | [any, (map(not) | any)] | map(tostring) | join(",")' "$T/report.json")" \
	"true,true"
s report "$ref" --customer "Example Bank" --format json >"$T/customer.json"
same "report --customer: exit 0" "$?" "0"
valid "report --customer: valid" "$REPORT_SCHEMA" "$T/customer.json"
same "report --customer: the customer's own" "$(jq -r '.customer + " | " + .data_disclosed' "$T/customer.json")" \
	"Example Bank | names of account holders"
s report "$ref" --customer "soc@kilinc.example.org" --output "$T/kilinc.json" 2>/dev/null
same "report --customer by address --output FILE.json: exit 0" "$?" "0"
valid "report --output FILE.json: JSON, valid" "$REPORT_SCHEMA" "$T/kilinc.json"
same "report --customer by address: told by portal" "$(jq -r '.notifications[0].how' "$T/kilinc.json")" "portal"
s report "$second" --format json >"$T/bare.json"
valid "report of an incident with nothing recorded: valid" "$REPORT_SCHEMA" "$T/bare.json"

rmutate() {
	jq "$3" "$2" >"$T/mutated.json"
	invalid "report schema refuses $1" "$REPORT_SCHEMA" "$T/mutated.json"
}
rmutate "a key renamed" "$T/report.json" '.opened_at = .opened | del(.opened)'
rmutate "a key dropped" "$T/report.json" 'del(.notifications)'
rmutate "a key added to a field" "$T/report.json" '.report.category.hint = ""'
rmutate "an amount as a number" "$T/report.json" '.costs[0].amount |= tonumber'
rmutate "costs in a customer's report" "$T/customer.json" '.costs = []'
rmutate "data disclosed in a customer's report form" "$T/customer.json" '.report.data_disclosed = {"label": "x", "value": ""}'
rmutate "a full report without its customers" "$T/report.json" 'del(.customers)'

# Every key the schemas name is in the man page, as a literal.
missing=$(python3 - "$EXPORT_SCHEMA" "$REPORT_SCHEMA" "$PAGE" <<'PY'
import json, re, sys
# Named as a literal: on a .Li or .It Li line, not merely in an example.
words = set()
for line in open(sys.argv[3], encoding="utf-8"):
    if re.match(r"\.(It )?Li ", line):
        words.update(re.findall(r"[A-Za-z0-9_]+", line))
names = set()
def walk(node):
    if isinstance(node, dict):
        for key in ("properties", "required"):
            part = node.get(key)
            names.update(part if isinstance(part, list) else (part or {}).keys())
        for value in node.values():
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)
for path in sys.argv[1:3]:
    walk(json.load(open(path, encoding="utf-8")))
print(" ".join(sorted(n for n in names if n not in words)))
PY
)
same "sirt-export(5) names every key of the schemas as a literal" "$missing" ""
# The page says which database version the schema describes.
same "sirt-export(5) and the schema agree on the database version" \
	"$(sed -n 's/.*an integer: \([0-9]*\) for this version.*/\1/p' "$PAGE")" \
	"$(jq -r '.properties.schema.const' "$EXPORT_SCHEMA")"

finish
