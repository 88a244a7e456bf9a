#!/bin/sh
# Decisions a regulator's clock runs from (sirt decide): recorded by a
# lead with why and when, refused to a responder (77), standing once,
# withdrawn with a reason, in show, the report and the export. And the
# text sent to a party (deadline met --sent-file): read from a regular
# file only, UTF-8 of at most 100000 bytes, shown, exported, imported and
# held by the audit trail.
set -u
. "$(dirname "$0")/lib.sh"
export TZ=UTC
DB="$T/decide.db"
me=$(id -un)
s() { "$SIRT" --db "$DB" "$@"; }
as() { role=$1; shift; "$SIRT" --config "$T/$role.ini" --db "$DB" "$@"; }
plan responder responders
plan lead leads

ref=$(s new --set caller_name="Dana Reyes" --set nature="Customer data on a public share" --set title="Open share" \
	--set call_time=-3h)

# Only a lead decides; a responder is refused and nothing is recorded.
out=$(as responder decide "$ref" classified-major --why "two banks' customers" 2>&1)
same "responder: refused (77)" "$?" "77"
has "responder: says the lead's role" "$out" "recording a decision needs the lead role: $me is a responder"
same "responder: nothing recorded" "$(s show "$ref" --format json | jq '.decisions | length')" "0"

# Usage: a key that is no decision, no --why, --reason without --withdraw.
out=$(as lead decide "$ref" major --why x 2>&1)
same "an unknown decision: usage (64)" "$?" "64"
has "an unknown decision: says which there are" "$out" "say classified-major or materiality-determined"
as lead decide "$ref" classified-major >/dev/null 2>&1
same "no --why: usage (64)" "$?" "64"
as lead decide "$ref" classified-major --why x --reason y >/dev/null 2>&1
same "--reason without --withdraw: usage (64)" "$?" "64"
as lead decide "$ref" classified-major --why x --at "2099-01-01 00:00" >/dev/null 2>&1
same "--at in the future: usage (64)" "$?" "64"
# Bad text: blank or of two lines.
as lead decide "$ref" classified-major --why " " >/dev/null 2>&1
same "a blank --why: 65" "$?" "65"
as lead decide "$ref" classified-major --why "$(printf 'one\ntwo')" >/dev/null 2>&1
same "a --why of two lines: 65" "$?" "65"
same "the refusals recorded nothing" "$(s show "$ref" --format json | jq '.decisions | length')" "0"

# Decided, earlier than it is logged (--at in the past).
json=$(as lead decide "$ref" classified-major --why "customer data of two banks" --at -90m --format json)
same "decided: exit 0" "$?" "0"
same "decided: as recorded" "$(printf '%s' "$json" | jq -r '.decisions[0] | [.number, .key, .why, .decided_by] | join("|")')" \
	"1|classified-major|customer data of two banks|$me"
same "--at: when it was decided, beside when it was logged" \
	"$(printf '%s' "$json" | jq -r '.decisions[0] | (.happened_at | fromdateiso8601) - (.decided_at | fromdateiso8601)')" "-5400"
same "standing: not withdrawn" "$(printf '%s' "$json" | jq -r '.decisions[0].withdrawn_at')" "null"
has "the timeline says it" "$(s show "$ref")" "Decided: classified major — customer data of two banks"

# A key standing is not decided twice.
out=$(as lead decide "$ref" classified-major --why "again" 2>&1)
same "decided twice: refused (65)" "$?" "65"
has "decided twice: says who and how to withdraw" "$out" \
	"$ref is classified major already (decision 1, by $me"
has "decided twice: the command to withdraw" "$out" "sirt decide $ref classified-major --withdraw --reason TEXT"
same "decided twice: one decision" "$(s show "$ref" --format json | jq '.decisions | length')" "1"

# Withdrawing: a reason required; only what stands; a responder refused.
as lead decide "$ref" classified-major --withdraw >/dev/null 2>&1
same "withdraw without --reason: usage (64)" "$?" "64"
as lead decide "$ref" classified-major --withdraw --reason "" >/dev/null 2>&1
same "withdraw with a blank reason: 65" "$?" "65"
out=$(as lead decide "$ref" materiality-determined --withdraw --reason "no" 2>&1)
same "withdraw what does not stand: 65" "$?" "65"
has "withdraw what does not stand: says so" "$out" "$ref is not materiality determined: no such decision stands"
as responder decide "$ref" classified-major --withdraw --reason "not major" >/dev/null 2>&1
same "responder: withdrawing refused (77)" "$?" "77"
json=$(as lead decide "$ref" classified-major --withdraw --reason "one bank only, after all" --format json)
same "withdrawn: exit 0" "$?" "0"
same "withdrawn: reads back withdrawn, with who and why" \
	"$(printf '%s' "$json" | jq -r '.decisions[0] | [.withdrawn_by, .withdrawn_reason, (.withdrawn_at != null)] | join("|")')" \
	"$me|one bank only, after all|true"
has "the timeline says the withdrawal" "$(s show "$ref")" \
	"Decision withdrawn: classified major — one bank only, after all"
out=$(as lead decide "$ref" classified-major --withdraw --reason "twice" 2>&1)
same "withdrawn twice: 65" "$?" "65"
# Withdrawn, it may be decided again; the other key stands beside it.
as lead decide "$ref" classified-major --why "both banks after all" >/dev/null
same "decided again after the withdrawal" "$?" "0"
as lead decide "$ref" materiality-determined --why "the board's call" >/dev/null
same "show --format json: every decision" \
	"$(s show "$ref" --format json | jq -r '[.decisions[] | "\(.number) \(.key) \(.withdrawn_at != null)"] | join(", ")')" \
	"1 classified-major true, 2 classified-major false, 3 materiality-determined false"
text=$(s show "$ref")
has "show: the section" "$text" "Decisions"
has "show: a decision" "$text" "2. classified major: both banks after all"
has "show: a withdrawn one, and why" "$text" "one bank only, after all"
has "report: the decisions" "$(s report "$ref" --format text)" "Classified major on "
same "report --format json: the decisions" "$(s report "$ref" --format json | jq -r '[.decisions[].key] | join(",")')" \
	"classified-major,classified-major,materiality-determined"

# The text sent to a party, from a file.
s set "$ref" lead severity=high business_critical=yes cloud_api_data=yes >/dev/null
printf 'Dear cloud provider,\nour share leaked your API keys.\nWe rotate them now.\nKılınç, on call\n' >"$T/sent.txt"
ln -s "$T/sent.txt" "$T/link.txt"
out=$(s deadline met "$ref" cloud-provider --how email --sent-file "$T/link.txt" 2>&1)
same "--sent-file through a link: refused (66)" "$?" "66"
has "--sent-file through a link: says so" "$out" "is a symbolic link: give the file itself"
printf 'caf\351\n' >"$T/latin1.txt"
out=$(s deadline met "$ref" cloud-provider --how email --sent-file "$T/latin1.txt" 2>&1)
same "--sent-file not UTF-8: refused (65)" "$?" "65"
has "--sent-file not UTF-8: says so" "$out" "is not valid UTF-8 text"
head -c 100001 /dev/zero | tr '\0' a >"$T/big.txt"
out=$(s deadline met "$ref" cloud-provider --how email --sent-file "$T/big.txt" 2>&1)
same "--sent-file of 100001 bytes: refused (65)" "$?" "65"
has "--sent-file of 100001 bytes: says the limit" "$out" "at most 100000 fit"
s deadline met "$ref" cloud-provider --how email --sent-file "$T/none.txt" >/dev/null 2>&1
same "--sent-file missing: 66" "$?" "66"
mkfifo "$T/fifo"
s deadline met "$ref" cloud-provider --how email --sent-file "$T/fifo" >/dev/null 2>&1
same "--sent-file a FIFO: refused, not waited on (66)" "$?" "66"
same "the refusals recorded nothing" "$(s show "$ref" --format json | jq -r '.deadlines[] | select(.rule == "cloud-provider") | .state')" "open"
s deadline met "$ref" cloud-provider --how email --reference "case 77" --sent-file "$T/sent.txt" >/dev/null
same "--sent-file: recorded" "$?" "0"
s show "$ref" --format json | jq -j '.deadlines[] | select(.rule == "cloud-provider") | .sent' >"$T/shown.txt"
if cmp -s "$T/sent.txt" "$T/shown.txt"; then ok "show --format json: the text sent, byte for byte"; else
	not_ok "show --format json: the text sent, byte for byte"; cat "$T/shown.txt"; fi
text=$(s show "$ref")
has "show: the size of the text sent" "$text" "text sent: $(wc -c <"$T/sent.txt" | tr -d ' ') bytes, 4 lines; the first:"
has "show: its first lines" "$text" "our share leaked your API keys."
lacks "show: not the whole" "$text" "on call"
has "report: the text sent, whole" "$(s report "$ref" --format text)" "Kılınç, on call"
s report "$ref" --format json | jq -j '.notifications[] | select(.rule == "cloud-provider") | .sent' >"$T/reported.txt"
if cmp -s "$T/sent.txt" "$T/reported.txt"; then ok "report --format json: the text sent"; else
	not_ok "report --format json: the text sent"; fi

# Exported, imported and exported again: the same text, the same decisions.
s export --output "$T/a.json"
jq -j '.incidents[0].rows.deadline_met[] | select(.rule == "cloud-provider") | .sent' "$T/a.json" >"$T/exported.txt"
if cmp -s "$T/sent.txt" "$T/exported.txt"; then ok "export: the text sent"; else not_ok "export: the text sent"; fi
same "export: the decisions and their withdrawal" \
	"$(jq -r '.incidents[0].rows | "\(.decision | length) \(.decision_withdrawal | length) \(.decision_withdrawal[0].reason)"' "$T/a.json")" \
	"3 1 one bank only, after all"
same "import: the incident added" "$("$SIRT" --db "$T/b.db" import "$T/a.json" 2>&1)" "import: 1 added, 0 here already, 0 in conflict"
"$SIRT" --db "$T/b.db" show "$ref" --format json | jq -j '.deadlines[] | select(.rule == "cloud-provider") | .sent' \
	>"$T/imported.txt"
if cmp -s "$T/sent.txt" "$T/imported.txt"; then ok "import: the text sent"; else not_ok "import: the text sent"; fi
same "import: the decisions, withdrawn as they were" \
	"$("$SIRT" --db "$T/b.db" show "$ref" --format json | jq -r '[.decisions[] | .withdrawn_reason // "-"] | join(",")')" \
	"one bank only, after all,-,-"
# An export from schema 19, before decisions and texts sent: its deadlines
# met have no "sent", its incidents no decision tables. Imported as this
# schema would have written it (no text sent, no decisions), and then here.
jq '.schema = 19 | .incidents[0].rows |= (del(.decision) | del(.decision_withdrawal) |
	.deadline_met |= map(del(.sent)))' "$T/a.json" >"$T/old.json"
same "import: an export of schema 19" "$("$SIRT" --db "$T/d.db" import "$T/old.json" 2>&1)" \
	"import: 1 added, 0 here already, 0 in conflict"
same "import: schema 19's deadlines met, each with no text sent" \
	"$("$SIRT" --db "$T/d.db" show "$ref" --format json | jq -r '[.deadlines[] | select(.state == "met") | .sent] | "\(length) \(unique)"')" \
	"$(jq -r '.incidents[0].rows.deadline_met | length' "$T/old.json") [null]"
same "import: schema 19's file again: here already" "$("$SIRT" --db "$T/d.db" import "$T/old.json" 2>&1)" \
	"import: 0 added, 1 here already, 0 in conflict"
# Older still (schema 16): no "happened_at" either, a column that may be
# NULL and has no default, as the rows already there were given.
jq '.schema = 16 | .incidents[0].rows |= (.deadline_met |= map(del(.happened_at)) | .timeline |= map(del(.happened_at)))' \
	"$T/old.json" >"$T/older.json"
same "import: an export of schema 16" "$("$SIRT" --db "$T/e.db" import "$T/older.json" 2>&1)" \
	"import: 1 added, 0 here already, 0 in conflict"
# An import holds the text sent to the same rules.
jq '.incidents[0].rows.deadline_met[0].sent = ("a" * 100001)' "$T/a.json" >"$T/long.json"
out=$("$SIRT" --db "$T/c.db" import "$T/long.json" 2>&1)
same "import: a text sent over 100000 bytes refused (65)" "$?" "65"
has "import: says which row" "$out" "rows.deadline_met[0]: its sent is 100001 bytes long"

# On the audit trail: the text sent in the row's image, which verify
# holds the row to.
same "audit: the row's image holds the text sent" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE tbl = 'deadline_met' AND json_extract(after, '$.sent') LIKE 'Dear cloud provider,%'")" "1"
same "audit: decisions and the withdrawal on the trail" \
	"$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM audit WHERE tbl = 'decision') || ' ' || (SELECT count(*) FROM audit WHERE tbl = 'decision_withdrawal')")" \
	"3 1"
s audit verify >/dev/null
same "audit: verify intact" "$?" "0"
cp "$DB" "$T/forged.db"
sqlite3 "$T/forged.db" "DROP TRIGGER deadline_met_no_update; UPDATE deadline_met SET sent = 'We never leaked anything.'"
out=$("$SIRT" --db "$T/forged.db" audit verify 2>&1)
same "audit: the text sent changed outside sirt: verify exits 65" "$?" "65"
has "audit: names the column" "$out" "was changed outside sirt: its sent differs from the trail's last image of it"

finish
