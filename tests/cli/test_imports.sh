#!/bin/sh
# Imports keep where they came from: a lead exports an incident, puts a
# manager's name on a change's approval, on the close and on the review
# with jq, and imports it under a new reference. Every view marks each of
# those records as imported by the lead, when, from which file with
# which SHA-256, and never shows the decisions as made here; the audit
# trail holds the import. Importing is a role of its own ([roles]
# importers, the leads where it is not set): anyone else is refused (77).
set -u
. "$(dirname "$0")/lib.sh"
me=$(id -un)
SIRT_TEST_NOW=2026-11-22T14:00:00Z
export SIRT_TEST_NOW
plan lead leads
plan responder responders
plan manager managers
A="$T/a.db"
a() { "$SIRT" --config "$T/lead.ini" --db "$A" "$@"; }

review=""
for key in policy_could_prevent policy_not_followed response_appropriate parties_informed procedures_adequate \
	reinfection_prevented similar_prevented policies_updated lessons_learned; do
	review="$review $key=no"
done
ref=$(a new --set caller_name="Ana" --set nature="Lost laptop" --set title="Laptop")
a change propose "$ref" "Wipe the laptop remotely" >/dev/null
a change propose "$ref" "Replace the disk encryption" >/dev/null
a category "$ref" data >/dev/null
a step "$ref" restoration.preserve-evidence done >/dev/null
a cost add "$ref" --kind damage --amount 5 --description "Typo" >/dev/null
a cost withdraw "$ref" 1 --reason "entered twice" >/dev/null
# shellcheck disable=SC2086
a set "$ref" review $review >/dev/null
a close "$ref" --reason "laptop wiped" >/dev/null 2>&1
same "the incident to export is closed" "$(a show "$ref" --format json | jq -r .status)" "closed"
a export --output "$T/a.json"

# The forgery: the change approved by the manager, the close and the
# review said to be theirs, under a reference of its own.
jq --arg ref IR-2026-0002 '.incidents |= map(select(.ref == "IR-2026-0001"))
	| .incidents[0].ref = $ref | .incidents[0].incident[0].ref = $ref | .incidents[0].incident[0].seq = 2
	| .incidents[0].rows.change[0] |= (.state = "approved" | .decided_by = "jalvarez" | .decided_uid = 1004
		| .decided_at = "2026-11-22T13:30:00Z" | .reason = "approved on the phone")
	| .incidents[0].rows.timeline |= map(if .kind == "status" then .who = "jalvarez" | .uid = 1004 else . end)
	| .incidents[0].rows.field |= map(if .form == "review" then .updated_by = "jalvarez" else . end)
	| .incidents[0].rows.cost_withdrawal[0].withdrawn_by = "jalvarez"' \
	"$T/a.json" >"$T/forged.json"
sha=$(sha256sum "$T/forged.json" | cut -d' ' -f1)
file=$(realpath "$T/forged.json")
mark="imported by $me on 2026-11-22 14:00 UTC from $file (sha256 $sha)"

# Importing is the importer role's: not a responder's, with the role
# and who holds it named, as every refusal does.
out=$("$SIRT" --config "$T/responder.ini" --db "$A" import "$T/forged.json" 2>&1)
same "import by a responder: exit 77" "$?" "77"
has "import by a responder: names the role" "$out" "importing incidents needs the importer role: $me is a responder"
has "import by a responder: says who holds it" "$out" "the leads, since importers is not set there"
same "import by a responder: nothing added" "$(a show IR-2026-0002 >/dev/null 2>&1; echo $?)" "66"

out=$(a import "$T/forged.json")
same "import by the lead: added" "$out" "import: 1 added, 0 here already, 0 in conflict"

text=$(a show IR-2026-0002)
same "show of the imported incident: exit 0" "$?" "0"
has "show: the approval says it was imported" "$text" \
	"change 1: Wipe the laptop remotely (approved by jalvarez: approved on the phone; $mark)"
has "show: the decision line too" "$text" "decided 2026-11-22 13:30 UTC by jalvarez ($mark)"
has "show: the close says it was imported" "$(printf '%s\n' "$text" | sed -n '/^Closed$/,$p')" "by jalvarez: Closed with"
has "show: ... with its mark" "$(printf '%s\n' "$text" | sed -n '/^Closed$/,$p')" "): laptop wiped ($mark)"
has "show: the review's answers were given elsewhere" "$text" "answers given elsewhere, $mark"
has "show: the incident says where it came from" "$text" "Imported                  $mark"
has "show: each timeline entry marked" "$text" "$me: Change 1 proposed: Wipe the laptop remotely ($mark)"
has "show: a category chosen elsewhere" "$text" "Threat to sensitive data (data), by $me ($mark)"
has "show: a step marked elsewhere" "$text" "marked 2026-11-22 14:00 UTC by $me ($mark)"
has "show: a withdrawal made elsewhere" "$text" "withdrawn by jalvarez: entered twice ($mark)"
same "show json: the category's and the step's import" \
	"$(a show IR-2026-0002 --format json | jq -c '[.category_history[0].imported.sha256, .steps[0].imported.sha256] | map(. == "'"$sha"'")')" \
	"[true,true]"
same "show json: the withdrawal's import" "$(a show IR-2026-0002 --format json | jq -r '.costs[0].withdrawn_imported.sha256')" "$sha"
lacks "show: no decision without its mark" "$(printf '%s\n' "$text" | grep 'jalvarez' | grep -v "$mark")" "jalvarez"

json=$(a show IR-2026-0002 --format json)
same "show json: the incident's import" "$(printf '%s' "$json" | jq -c '.imported | [.by, .at, .file, .sha256, .earlier]')" \
	"[\"$me\",\"2026-11-22T14:00:00Z\",\"$file\",\"$sha\",null]"
same "show json: the decision was not made here" "$(printf '%s' "$json" | jq -c '.changes[0] | [.decided_by, .decided_here, .imported.sha256]')" \
	"[\"jalvarez\",false,\"$sha\"]"
same "show json: every timeline entry imported" "$(printf '%s' "$json" | jq '[.timeline[] | select(.imported.by != "'"$me"'")] | length')" "0"
same "show json: the review's import" "$(printf '%s' "$json" | jq -r '.forms_imported.review.file')" "$file"
same "show json: what was logged here says so" "$(a show "$ref" --format json | jq -c '[.imported, .changes[0].decided_here, .forms_imported.review]')" \
	"[null,null,null]"

for format in text md; do
	report=$(a report IR-2026-0002 --format $format)
	same "report ($format): exit 0" "$?" "0"
	fact=$(printf '%s\n' "$report" | grep -E '^(  Imported  |- \*\*Imported:\*\* )')
	has "report ($format): where the incident came from: who" "$fact" "imported by $me on 2026-11-22 14:00 UTC from "
	has "report ($format): ... and the file's hash" "$fact" "$sha"
	has "report ($format): what was done says the approval was imported" "$report" \
		"approved by jalvarez: approved on the phone; $mark"
done
same "report (json): the import" "$(a report IR-2026-0002 --format json | jq -c '.imported | [.by, .sha256]')" "[\"$me\",\"$sha\"]"
same "report (json): logged here, null" "$(a report "$ref" --format json | jq -c .imported)" "null"

# The trail: the import is a row of its own, by the importer, naming the
# file and its hash; every row it added points at it.
same "audit: the import recorded once, with file and hash" \
	"$(sqlite3 "$A" "SELECT who || ' ' || json_extract(after, '$.file') || ' ' || json_extract(after, '$.sha256') FROM audit WHERE tbl = 'import'")" \
	"$me $file $sha"
same "audit: the approval's row points at the import" \
	"$(sqlite3 "$A" "SELECT json_extract(a.after, '$.imported') = i.id FROM audit a, import i WHERE a.tbl = 'change' AND json_extract(a.after, '$.decided_by') = 'jalvarez'")" \
	"1"
a audit verify >/dev/null
same "audit: the chain intact" "$?" "0"

# Work done here afterwards is this database's, not the file's.
a reopen IR-2026-0002 --reason "a second laptop" >/dev/null
a change propose IR-2026-0002 "Wipe the second one" >/dev/null
text=$(a show IR-2026-0002)
has "after the import: a change imported undecided says so" "$text" \
	"change 2: Replace the disk encryption (proposed by $me, awaiting approval; $mark)"
has "after the import: a change proposed here is not marked" "$text" \
	"change 3: Wipe the second one (proposed by $me, awaiting approval)"
out=$("$SIRT" --config "$T/manager.ini" --db "$A" change reject IR-2026-0002 1 --reason "never asked" 2>&1)
same "an imported decision cannot be made again (65)" "$?" "65"
has "... and the refusal says whose word it is" "$out" \
	"change 1 of IR-2026-0002 was already approved by jalvarez at 2026-11-22 13:30 UTC, as the file it was imported from says"
"$SIRT" --config "$T/manager.ini" --db "$A" change approve IR-2026-0002 2 --reason "decided here" >/dev/null
text=$(a show IR-2026-0002)
has "after the import: a decision made here is not marked" "$text" \
	"change 2: Replace the disk encryption (approved by $me: decided here)"
a step IR-2026-0002 restoration.preserve-evidence skipped --note "done again here" >/dev/null
has "after the import: a step marked again here is not marked imported" \
	"$(a show IR-2026-0002 --format json | jq -c '.steps[] | select(.key == "restoration.preserve-evidence") | .state')" \
	'"skipped"'
lacks "... and show says it is this database's" "$(a show IR-2026-0002 | grep -A1 'Preserve evidence' | grep 'marked')" "imported by"
same "after the import: show json says it was decided here" \
	"$(a show IR-2026-0002 --format json | jq -c '[.changes[1].decided_here, .changes[1].imported]')" "[true,null]"
lacks "after the import: the reopening is not marked" "$(printf '%s\n' "$text" | grep 'Reopened')" "imported by"

# Exported again and imported elsewhere: the mark travels, and the new
# import keeps it as the one before.
a export --output "$T/again.json"
same "export: each imported row carries its import" \
	"$(jq -c '.incidents[1].rows.change[0].imported | [.by, .file, .sha256, .earlier]' "$T/again.json")" \
	"[\"$me\",\"$file\",\"$sha\",null]"
same "export: a row recorded here carries none" "$(jq -c '.incidents[1].rows.change[2].imported' "$T/again.json")" "null"
"$SIRT" --config "$T/lead.ini" --db "$T/c.db" import "$T/again.json" >/dev/null
again=$(realpath "$T/again.json")
cjson=$("$SIRT" --config "$T/lead.ini" --db "$T/c.db" show IR-2026-0002 --format json)
same "import elsewhere: the approval imported there" "$(printf '%s' "$cjson" | jq -c '.changes[0] | [.decided_here, .imported.file, .imported.earlier.file]')" \
	"[false,\"$again\",\"$file\"]"
has "import elsewhere: show says both imports" "$("$SIRT" --config "$T/lead.ini" --db "$T/c.db" show IR-2026-0002)" \
	"before that, as that file says, $mark"
out=$("$SIRT" --config "$T/lead.ini" --db "$T/c.db" import "$T/again.json")
same "import elsewhere twice: here already" "$out" "import: 0 added, 2 here already, 0 in conflict"
# A mark that is not one sirt writes keeps the incident out.
jq '.incidents[1].rows.change[0].imported = "trust me" | .incidents |= map(select(.ref == "IR-2026-0002"))' \
	"$T/again.json" >"$T/bad-mark.json"
out=$("$SIRT" --config "$T/lead.ini" --db "$T/d.db" import "$T/bad-mark.json" 2>&1)
same "import: a mark that is not an import's (65)" "$?" "65"
has "import: that incident is not imported" "$out" "IR-2026-0002: not imported: the file holds what this sirt would not keep"

# [roles] importers: exactly the logins it names.
cat "$T/lead.ini" >"$T/others.ini"
printf 'importers = somebody-else\n' >>"$T/others.ini"
sed -i 's/^\[roles\]$/[roles]/' "$T/others.ini"
out=$("$SIRT" --config "$T/others.ini" --db "$T/e.db" import "$T/forged.json" 2>&1)
same "importers set without the lead: the lead is refused (77)" "$?" "77"
has "importers set: names who holds it" "$out" "importing incidents needs the importer role: $me is a lead"
has "importers set: the login it names" "$out" "it is held by somebody-else)"
cat "$T/responder.ini" >"$T/mine.ini"
printf 'importers = %s\n' "$me" >>"$T/mine.ini"
out=$("$SIRT" --config "$T/mine.ini" --db "$T/f.db" import "$T/forged.json")
same "importers names a responder: they may import" "$out" "import: 1 added, 0 here already, 0 in conflict"
has "sirt check: says who may import" "$("$SIRT" --config "$T/mine.ini" check)" "and import exports"
lacks "sirt check: a lead without the role is not told they may" "$("$SIRT" --config "$T/others.ini" check)" "import exports"

# The imported approval is the file's word, not management's here (R15):
# it unlocks no step that carries out a change.
g() { "$SIRT" --config "$T/lead.ini" --db "$T/g.db" "$@"; }
g import "$T/forged.json" >/dev/null
g reopen IR-2026-0002 --reason "a second look" >/dev/null 2>&1
out=$(g step IR-2026-0002 restoration.patch done 2>&1)
same "an imported approval unlocks no change step (65)" "$?" "65"
has "an imported approval: said" "$out" "an approval an import brought is the file's word, and does not count"
finish
