#!/bin/sh
# The end of an incident on the command line: forms set after the call,
# damage and cost, the report in md, text and json (and per customer),
# closing refused until the review is answered, reopening; both sample
# plans pass `sirt check`.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/closure.db"
s() { "$SIRT" --db "$DB" "$@"; }

ref=$(s new --set caller_name="Dana Reyes" --set nature="Phishing mail with a fake login page" \
	--set detected_how="A user forwarded the mail" --set title="Phishing at two customers")
same "new: reference" "$ref" "IR-$(date +%Y)-0001"

customers='Example Bank <security@bank.example.org>
Acme Widgets <sec@acme.example.org>'
out=$(s set "$ref" lead "customers_affected=$customers" attacker_origin="198.51.100.7" severity=high \
	business_critical=no --note severity="two customers")
same "set lead: saved" "$out" "$ref: Lead details saved (4 fields)"
json=$(s show "$ref" --format json)
same "set lead: value stored" "$(printf '%s' "$json" | jq -r .lead.severity)" "high"
same "set lead: note stored" "$(printf '%s' "$json" | jq -r .lead_notes.severity)" "two customers"
out=$(s set "$ref" lead severity=enormous 2>&1)
same "set: a bad value exits 65" "$?" "65"
has "set: says what is wrong" "$out" "not saved: Severity of impact must be one of"
out=$(s set "$ref" verdict x=1 2>&1)
same "set: unknown form is a usage error" "$?" "64"
out=$(s set "$ref" lead nosuch=1 2>&1)
has "set: unknown field lists the fields" "$out" "the lead form has no field \"nosuch\" (fields: business_critical"
s set "$ref" triage real=real type=intrusion in_progress=no business_impact=minimal urgent=no >/dev/null
s set "$ref" report "data_disclosed=Example Bank: names of 200 account holders
Acme Widgets: invoices of 2026" effective=partly response_plan="Contain, then tell" \
	actions_taken="Mail filter rule" category="Threat to sensitive data" >/dev/null

out=$(s cost add "$ref" --kind damage --amount 10,000 --description "Lost sales" --estimate)
has "cost add: line printed" "$out" "$ref 1. Damage USD 10,000.00 (estimate): Lost sales"
s cost add "$ref" --kind containment --amount 800.50 --currency EUR --description "Forensics firm" >/dev/null
s cost add "$ref" --kind damage --amount 5 --description "Typo" >/dev/null
out=$(s cost withdraw "$ref" 3 --reason "entered twice")
has "cost withdraw: shown withdrawn" "$out" "3. Damage USD 5.00: Typo; withdrawn by"
has "cost: total per currency, USD" "$out" "$ref total USD 10,000.00 (damage 10,000.00, containment 0.00; 10,000.00 estimated)"
has "cost: total per currency, EUR" "$out" "$ref total EUR 800.50 (damage 0.00, containment 800.50)"
out=$(s cost add "$ref" --kind damage --amount 1 --currency eur --description "Lower-case currency")
has "cost: currency in capitals" "$out" "Damage EUR 1.00: Lower-case currency"
s cost withdraw "$ref" 4 --reason "a test" >/dev/null
out=$(s cost withdraw "$ref" 2 --reason "" 2>&1)
has "cost withdraw: the reason is required, said once" "$out" "sirt: the reason for withdrawing is required"
out=$(s cost add "$ref" --kind damage --amount 12,50 --description x 2>&1)
same "cost: a bad amount exits 65" "$?" "65"
has "cost: says how to write it" "$out" "write it as 12500, 12,500 or 12500.50"
same "show json: cost lines" "$(s show "$ref" --format json | jq -r '.costs | length')" "4"
same "show json: amounts for machines" "$(s show "$ref" --format json | jq -r '.costs[0].amount')" "10000.00"

# The report: every R18 item in each format.
for f in md text json; do
	out=$(s report "$ref" --format "$f")
	same "report $f: exit 0" "$?" "0"
	for item in "A user forwarded the mail" "intrusion" "198.51.100.7" "partly" "Lost sales" "Acme Widgets"; do
		has "report $f: $item" "$out" "$item"
	done
done
md=$(s report "$ref")
has "report: md by default" "$md" "# Incident report: $ref"
for label in "How it was discovered" "Category" "How it occurred" "Where it came from" "The response plan" \
	"What was done" "Was it effective?"; do
	has "report md: heading $label" "$md" "## $label"
done
keys=$(s report "$ref" --format json | jq -r '.report | keys | join(",")')
same "report json: every report field" "$keys" \
	"actions_taken,attack_origin,category,data_disclosed,effective,how_discovered,how_occurred,response_plan"

# Per customer (R19): theirs only.
for f in md text json; do
	out=$(s report "$ref" --customer "Acme Widgets" --format "$f")
	has "customer report $f: their data" "$out" "invoices of 2026"
	lacks "customer report $f: no other customer's name" "$out" "Example Bank"
	lacks "customer report $f: no other customer's address" "$out" "bank.example.org"
	lacks "customer report $f: no other customer's data" "$out" "200 account holders"
done
out=$(s report "$ref" --customer "Nobody Ltd" 2>&1)
same "customer report: unknown customer exits 66" "$?" "66"
has "customer report: names those it lists" "$out" "(it lists: Example Bank, Acme Widgets)"
s report "$ref" --output "$T/report.json" 2>/dev/null
same "report --output x.json: JSON by the extension" "$(jq -r .ref "$T/report.json")" "$ref"
out=$(s report "$ref" --output "$T/report.json" 2>&1)
same "report --output: an existing file is kept (65)" "$?" "65"
has "report --output: says how to replace it" "$out" "exists already (--force replaces it)"
s report "$ref" --output "$T/report.json" --force --format text 2>/dev/null
has "report --output --force: replaced" "$(cat "$T/report.json")" "INCIDENT REPORT $ref"
s report "$ref" --format text --output "$T/report.txt" 2>/dev/null
same "report --output: written" "$?" "0"
same "report --output: owner only" "$(stat -c %a "$T/report.txt")" "600"
has "report --output: the report" "$(cat "$T/report.txt")" "INCIDENT REPORT $ref"

# Steps from the command line, as show lists their keys.
has "show: restoration keys" "$(s show "$ref")" "(restoration.change-passwords)"
out=$(s step "$ref" restoration.change-passwords done)
same "step: marked" "$out" "$ref: step done: Make the affected users change their passwords"
out=$(s step "$ref" restoration.harden skipped 2>&1)
same "step: skipping needs a reason (64)" "$?" "64"
has "step: says how to give it" "$out" "a skipped step needs the reason: --note TEXT"
out=$(s step "$ref" confirm-activity done 2>&1)
has "step: none without a procedure" "$out" "has no step \"confirm-activity\": no procedure is chosen yet"
out=$(s step "$ref" restoration.patch done 2>&1)
has "step: a change step waits for an approved change" "$out" "needs a change that management approved"
same "step: restoration moves the status" "$(s show "$ref" --format json | jq -r .status)" "recovering"
# A script that read the step at a version marks it only if nobody has
# since: else nothing is written and it says who and when (65).
v=$(s show "$ref" --format json | jq '.steps[] | select(.key == "restoration.change-passwords") | .version')
same "step: show gives its version" "$v" "1"
out=$(s step "$ref" restoration.change-passwords na --if-version 0 2>&1)
same "step --if-version stale: exit 65" "$?" "65"
has "step --if-version stale: names who and when" "$out" "was marked done by $(id -un) at "
has "step --if-version stale: says what to do" "$out" \
	"(now at version 1): look at it (sirt show $ref), then run again with that version to mark over it"
same "step --if-version stale: nothing written" \
	"$(s show "$ref" --format json | jq -r '.steps[] | select(.key == "restoration.change-passwords") | .state')" "done"
out=$(s step "$ref" restoration.change-passwords done --note "all 40 reset" --if-version "$v")
same "step --if-version current: marked" "$out" \
	"$ref: step done: Make the affected users change their passwords (all 40 reset)"
out=$(s step "$ref" restoration.change-passwords done --if-version two 2>&1)
same "step --if-version: not a number (64)" "$?" "64"

# Closing: the review first, then a reason for what is left open.
out=$(s --read-only close "$ref" 2>&1)
same "close: read-only session exits 77" "$?" "77"
lacks "close: read-only lists nothing" "$out" "Not told yet"
out=$(s close "$ref" --reason "in a hurry" 2>&1)
same "close: refused without the review (65)" "$?" "65"
has "close: says the review is missing" "$out" "the post-incident review has 9 questions not answered"
has "close: lists what is open" "$out" "Not told yet: Acme Widgets"
has "close: gives the review's keys" "$out" "Review not answered: Lessons learned (required: review lessons_learned=...)"
has "close: lists missing work" "$out" "No category chosen"
out=$(s category "$ref" data --note "customer records")
same "category: chosen" "$out" "$ref: category data (Threat to sensitive data), status recovering"
# show has the report as the report has it: filled from the record.
has "show: the report's category, from the record" "$(s show "$ref" | sed -n '/^Incident report/,/^$/p')" \
	"  Category                  Threat to sensitive data"
out=$(s category "$ref" nosuch 2>&1)
same "category: unknown exits 65" "$?" "65"
out=$(s procedure "$ref" none)
same "procedure: none applies" "$out" "$ref: procedure none, status recovering"
same "close: still open" "$(s show "$ref" --format json | jq -r .status)" "recovering"
s set "$ref" review policy_could_prevent="MFA on webmail" policy_not_followed="No" response_appropriate="Yes" \
	parties_informed="Yes" procedures_adequate="Mostly" reinfection_prevented="Passwords reset" \
	similar_prevented="Mail filter rule" policies_updated="Phishing policy" lessons_learned="Report faster" >/dev/null
same "review saved: status review" "$(s show "$ref" --format json | jq -r .status)" "review"
out=$(s close "$ref" 2>&1)
same "close: open things need a reason (65)" "$?" "65"
has "close: says so" "$out" "closing anyway needs a reason"
out=$(s close "$ref" --reason "Customers told by their account managers")
same "close: with a reason" "$out" "$ref: closed with things still open (on the timeline)"
json=$(s show "$ref" --format json)
same "close: status closed" "$(printf '%s' "$json" | jq -r .status)" "closed"
has "close: reason on the timeline" "$(printf '%s' "$json" | jq -r '.timeline[-1].summary')" \
	"): Customers told by their account managers"
same "list: closed ones hidden" "$(s list --format json | jq length)" "0"
same "list --all: closed ones shown" "$(s list --all --format json | jq -r '.[0].status')" "closed"
out=$(s deadlines --format json)
same "deadlines: a closed incident's unmet ones stay listed" "$(printf '%s' "$out" | jq -r '.[0].ref')" "$ref"
out=$(s set "$ref" lead severity=low 2>&1)
same "closed: work refused (65)" "$?" "65"
has "closed: says how to reopen" "$out" "is closed: reopen it first"
out=$(s reopen "$ref" 2>&1)
same "reopen: needs a reason (64)" "$?" "64"
out=$(s reopen "$ref" --reason "A second host was found")
same "reopen: back to review" "$out" "$ref: reopened, now review"
has "reopen: on the timeline" "$(s show "$ref" --format json | jq -r '.timeline[-1].summary')" \
	"Reopened (back to review): A second host was found"

# --format json at the end of an incident too: what the text says, with
# the keys sirt show --format json gives the same things.
show_json() { s show "$ref" --format json; }
json=$(s cost add "$ref" --kind containment --amount 1,200.50 --description "Overtime" --estimate --format json)
same "cost add --format json: the lines as show has them" "$(printf '%s' "$json" | jq -c '.costs | map(keys)')" \
	"$(show_json | jq -c '.costs | map(keys)')"
same "cost add --format json: the new line" \
	"$(printf '%s' "$json" | jq -r '.costs[-1] | "\(.number) \(.kind) \(.amount) \(.currency) \(.estimate)"')" \
	"5 containment 1200.50 USD true"
same "cost add --format json: the totals per currency" \
	"$(printf '%s' "$json" | jq -c '[.totals[] | [.currency, .total, .damage, .containment, .estimated]]')" \
	'[["USD","11200.50","10000.00","1200.50","11200.50"],["EUR","800.50","0.00","800.50","0.00"]]'
json=$(s cost withdraw "$ref" 5 --reason "counted twice" --format json)
same "cost withdraw --format json: the line withdrawn" "$(printf '%s' "$json" | jq -r '.costs[4].withdrawn_reason')" \
	"counted twice"
json=$(s cost list "$ref" --format json)
same "cost list --format json: the lines show lists" "$(printf '%s' "$json" | jq -c .costs)" "$(show_json | jq -c .costs)"
same "cost list --format json: the totals of what stands" "$(printf '%s' "$json" | jq -r '.totals[0].total')" "10000.00"
json=$(s step "$ref" restoration.preserve-evidence done --note "images taken" --format json)
same "step --format json: the step as show lists it" "$(printf '%s' "$json" | jq -c .step)" \
	"$(show_json | jq -c '.steps[] | select(.key == "restoration.preserve-evidence")')"
same "step --format json: its state, version and note" \
	"$(printf '%s' "$json" | jq -r '.ref + " " + (.step | "\(.key) \(.state) \(.version) \(.note)")')" \
	"$ref restoration.preserve-evidence done 1 images taken"
json=$(s close "$ref" --reason "Second host cleaned" --format json)
same "close --format json: the incident, closed" "$(printf '%s' "$json" | jq -r '.ref + " " + .status')" "$ref closed"
same "close --format json: every key of show" "$(printf '%s' "$json" | jq -c keys)" "$(show_json | jq -c keys)"
json=$(s reopen "$ref" --reason "A third host" --format json)
same "reopen --format json: the incident, reopened" "$(printf '%s' "$json" | jq -r '.ref + " " + .status')" "$ref review"

# Both sample plans.
out=$("$SIRT" --config "$SRC/data/plan-a.ini" check)
same "plan A: check passes" "$?" "0"
has "plan A: summary" "$out" "ok: 4 categories, 10 procedures, 4 contacts, 3 deadlines"
out=$("$SIRT" --config "$SRC/data/plan-b.ini" check)
same "plan B: check passes" "$?" "0"
has "plan B: summary" "$out" "ok: 3 categories, 6 procedures, 4 contacts, 2 deadlines"
has "plan B: its restoration list" "$out" "restoration list $SRC/data/restoration/plan-b.ini"
# Plan B gives anyone it does not name the reviewer role; a copy that
# gives them the lead's (its paths made absolute) logs an incident.
sed -e 's|^default = reviewer|default = lead|' -e "s|^restoration = |restoration = $SRC/data/|" \
	-e "s|^forms = ../forms|forms = $SRC/forms|" -e "s|^procedures = procedures|procedures = $SRC/data/procedures|" \
	"$SRC/data/plan-b.ini" > "$T/plan-b-lead.ini"
ref=$("$SIRT" --config "$T/plan-b-lead.ini" --db "$T/b.db" new --set caller_name="Ana" --set nature=x --set title=y)
same "plan B: its own references" "$ref" "SEC-$(date +%Y)-0001"
out=$("$SIRT" --config "$SRC/data/plan-b.ini" --db "$T/b.db" new --set caller_name="Ana" --set nature=x --set title=z 2>&1)
same "plan B: a reviewer cannot log an incident (77)" "$?" "77"
has "plan B: the refusal names the role and who holds it" "$out" \
	"logging a new incident needs the operator role: $(id -un) is a reviewer (see [roles] in $SRC/data/plan-b.ini; it is held by tferreira, praman)"
same "plan B: a reviewer still reads" "$("$SIRT" --config "$SRC/data/plan-b.ini" --db "$T/b.db" list --format json | jq -r '.[0].ref')" "$ref"

finish
