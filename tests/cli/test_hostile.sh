#!/bin/sh
# Hostile text everywhere on the command line: each entry of the corpus
# (tests/hostile/corpus.txt) goes into every field a command can set,
# into the plan's names and numbers, and into arguments that come back
# in error messages. It must be stored byte for byte as typed; every
# byte sirt then writes for a terminal (list, show, report --format text,
# deadlines, stderr) must be printable; JSON must be valid and carry it
# exactly; CSV must quote it; Markdown must escape it; and an export
# must come back byte for byte through import.
set -u
. "$(dirname "$0")/lib.sh"
H=${SIRT_HOSTILE:?set SIRT_HOSTILE to the hostile tool}
DB="$T/hostile.db"
me=$(id -un)
export SIRT_CONFIG="$T/sirt.ini"
# The sample plan, the management role ours, so that changes can be decided.
sed -e "s/^managers = .*/managers = $me/" -e "s/^leads = .*/leads = $me/" "$SRC/data/plan-a.ini" > "$SIRT_CONFIG"
s() { "$SIRT" --db "$DB" "$@"; }

# text NAME [MAXBYTES]: an entry into $v, trailing newlines kept.
text() { v=$("$H" get "$@"; echo .); v=${v%.}; }
# one_line: $v on one line (one-line fields refuse newlines), in $w.
one_line() { w=$(printf '%s.' "$v" | tr '\n' ' '); w=${w%.}; }

problems=0
# fit LABEL FILE: what sirt wrote for a terminal holds nothing raw.
fit() {
	"$H" check "$1" < "$2" || problems=$((problems + 1))
}
# shown LABEL CMD...: sirt's output and errors both fit a terminal; the
# output is left in $T/out, the errors in $T/err, the exit status in $code.
shown() {
	label=$1
	shift
	s "$@" > "$T/out" 2> "$T/err"
	code=$?
	fit "$label" "$T/out"
	fit "$label (stderr)" "$T/err"
}
# run LABEL CMD...: the same, and sirt succeeds.
run() {
	shown "$@"
	if [ "$code" -ne 0 ]; then
		problems=$((problems + 1))
		echo "  $label: exit $code"
		head -c 600 "$T/err"
	fi
}
# verdict NAME: one line for what the checks since the last verdict found.
verdict() {
	if [ "$problems" -eq 0 ]; then ok "$1"; else not_ok "$1"; fi
	problems=0
}
# kept NAME FILE QUERY VALUE [QUERY VALUE ...]: what each jq QUERY finds
# in FILE is its VALUE, byte for byte.
kept() {
	name=$1 file=$2 queries=""
	shift 2
	: > "$T/values"
	while [ $# -ge 2 ]; do
		queries="$queries${queries:+, }($1)"
		printf '%s\0' "$2" >> "$T/values"
		shift 2
	done
	jq -c "[$queries]" "$file" > "$T/got"
	"$H" strings < "$T/values" | jq -c . > "$T/want"
	if ! cmp -s "$T/want" "$T/got"; then
		problems=$((problems + 1))
		echo "  $name: not kept as typed:"
		jq -nc --slurpfile a "$T/want" --slurpfile b "$T/got" '$a[0] as $w | $b[0] as $g |
			range($w | length) | select($w[.] != $g[.]) | {value: ., typed: $w[.][-60:], kept: ($g[.] // "")[-60:]}'
	fi
}

# Each entry alone, at the end of its field (where an unterminated
# sequence would swallow what follows), in the fields every view shows;
# then what was stored, read back from one export.
set --
for name in $("$H" names typeable); do
	text "$name"
	full=$v
	text "$name" 200
	one_line
	title=$w
	run "$name: new" new --set "caller_name=$title" --set "nature=$full" --set "title=$title"
	ref=$(cat "$T/out")
	field="(.incidents[] | select(.ref == \"$ref\") | .rows.field[] | select(.key == "
	set -- "$@" "(.incidents[] | select(.ref == \"$ref\") | .incident[0].title)" "$title" \
		"$field\"caller_name\") | .value)" "$title" "$field\"nature\") | .value)" "$full"
done
run "list" list --all
run "list json" list --all --format json
run "show" show "$ref"
run "export" export
kept "each entry" "$T/out" "$@"
verdict "each entry: kept as typed, listed and exported safely"

# The whole corpus in every field: each entry in turn, the unterminated
# ones last, in every field of every form and record.
all=""
for name in $("$H" names typeable); do
	case "$name" in *unterminated*|long-line) continue ;; esac
	text "$name"
	all="$all$v|"
done
for name in csi-unterminated dcs-unterminated apc-unterminated osc-unterminated; do
	text "$name"
	all="$all$v"
done
v=$all
one_line
line=$(printf '%s' "$w" | head -c 1900)
title=$(printf '%s' "$w" | head -c 190)
# A customer is "Name <address>": the name without angle brackets.
customer=$(printf '%s' "$w" | tr -d '<>' | head -c 1800)
full=$all
printf 'evidence bytes\n' > "$T/evidence.bin"
run "corpus: new" new --set "caller_name=$line" --set "caller_contact=$line" --set "nature=$full" \
	--set "involved=$line" --set "location=$line" --set "detected_how=$line" --set "title=$title"
ref=$(cat "$T/out")
run "corpus: lead" set "$ref" lead severity=high business_critical=yes "target_system=$line" "target_os=$line" \
	"target_location=$line" "attacker_origin=$full" cloud_api_data=yes \
	"customers_affected=$customer <soc@customer.example.org>" --note "cloud_api_data=$line" --note "severity=$line"
run "corpus: triage" set "$ref" triage real=real in_progress=yes type=other business_impact=serious urgent=yes \
	"systems_targeted=$line" --note "real=$line" --note "urgent=$line"
run "corpus: report" set "$ref" report "how_discovered=$full" "category=$line" "how_occurred=$full" \
	"attack_origin=$full" "response_plan=$full" "actions_taken=$full" effective=partly "data_disclosed=$full" \
	--note "effective=$line"
run "corpus: review" set "$ref" review "policy_could_prevent=$full" "policy_not_followed=$full" \
	"response_appropriate=$full" "parties_informed=$full" "procedures_adequate=$full" \
	"reinfection_prevented=$full" "similar_prevented=$full" "policies_updated=$full" "lessons_learned=$full"
run "corpus: call" call "$ref" lead --outcome reached --note "$line"
run "corpus: change" change propose "$ref" "$line" --why "$line"
run "corpus: change approved" change approve "$ref" 1 --reason "$line"
run "corpus: witness" witness add "$ref" --name "$line" --contact "$line" --statement "$full" \
	--interviewed-by "$line"
run "corpus: note" note "$ref" --kind interview --witness 1 "$full"
run "corpus: evidence" evidence add "$ref" --file "$T/evidence.bin" --description "$line" --location "$line"
run "corpus: custody" custody "$ref" 1 --to "$line" --purpose "$line" --location "$line"
run "corpus: cost" cost add "$ref" --kind damage --amount 100 --description "$line"
run "corpus: cost withdrawn" cost withdraw "$ref" 1 --reason "$line"
run "corpus: deadline met" deadline met "$ref" cloud-provider --how email --reference "$line"
run "corpus: category" category "$ref" data --note "$line"
run "corpus: procedure" procedure "$ref" virus
run "corpus: step" step "$ref" restoration.preserve-evidence skipped --note "$line"
run "corpus: close" close "$ref" --reason "$line"
run "corpus: reopen" reopen "$ref" --reason "$line"
verdict "the whole corpus: taken in every field"
run "corpus: show" show "$ref"
run "corpus: report text" report "$ref" --format text
run "corpus: deadlines" deadlines --all
run "corpus: cost list" cost list "$ref"
verdict "the whole corpus: every text view fit for a terminal"
run "corpus: show json" show "$ref" --format json
cp "$T/out" "$T/show.json"
kept "every field" "$T/show.json" .title "$title" \
	.intake.caller_name "$line" .intake.caller_contact "$line" .intake.nature "$full" .intake.involved "$line" \
	.intake.location "$line" .intake.detected_how "$line" \
	.lead.target_system "$line" .lead.target_os "$line" .lead.target_location "$line" \
	.lead.attacker_origin "$full" .lead_notes.cloud_api_data "$line" .lead_notes.severity "$line" \
	.triage.systems_targeted "$line" .triage_notes.real "$line" .triage_notes.urgent "$line" \
	.report.how_discovered "$full" .report.category "$line" .report.how_occurred "$full" \
	.report.attack_origin "$full" .report.response_plan "$full" .report.actions_taken "$full" \
	.report.data_disclosed "$full" .report_notes.effective "$line" \
	.review.policy_could_prevent "$full" .review.lessons_learned "$full" \
	.calls[0].note "$line" .changes[0].what "$line" .changes[0].why "$line" .changes[0].reason "$line" \
	.witnesses[0].name "$line" .witnesses[0].contact "$line" .witnesses[0].statement "$full" \
	.witnesses[0].interviewed_by "$line" .notes[0].text "$full" \
	.evidence[0].description "$line" .evidence[0].location "$line" \
	.custody[0].to "$line" .custody[0].purpose "$line" .custody[0].location "$line" \
	.costs[0].description "$line" .costs[0].withdrawn_reason "$line" \
	'(.deadlines[] | select(.rule == "cloud-provider") | .reference)' "$line" \
	'(.deadlines[] | select(.rule == "customer-report") | .party)' "$customer" \
	.category_history[0].note "$line"
verdict "the whole corpus: every field kept byte for byte"

# Costs whose totals are printed: a line not withdrawn.
run "corpus: cost line" cost add "$ref" --kind containment --amount 250 --description "$line"
run "corpus: cost list" cost list "$ref"
verdict "the whole corpus: cost lines and totals fit for a terminal"

# Text that is not UTF-8 is refused where it is typed, and the refusal
# is fit for a terminal. (No argument can carry a NUL: see the import.)
for name in $("$H" names refused); do
	case "$name" in nul-byte) continue ;; esac
	text "$name"
	s new --set caller_name=Ana --set nature=Seen --set "title=$v" > "$T/out" 2> "$T/err"
	[ $? -eq 65 ] || { problems=$((problems + 1)); echo "  $name: not refused with 65"; }
	fit "$name: refused" "$T/err"
	s note "$ref" --kind other "$v" > "$T/out" 2> "$T/err"
	[ $? -eq 65 ] || { problems=$((problems + 1)); echo "  $name: note not refused with 65"; }
	fit "$name: note refused" "$T/err"
done
verdict "text that is not UTF-8: refused (65), and the refusal fit for a terminal"

# Errors that repeat what was typed.
fails() {
	shown "$@"
	if [ "$code" -eq 0 ] || [ ! -s "$T/err" ]; then
		problems=$((problems + 1))
		echo "  $label: exit $code, no error said"
	fi
}
fails "unknown command" "$line"
fails "unknown option" "-$line"
fails "unknown incident" show "$line"
fails "help on an unknown command" help "$line"
fails "not an address" set "$ref" lead severity=high "target_ip=$line"
fails "unknown form" set "$ref" "$line" a=b
fails "unknown field" set "$ref" lead "$line=x"
fails "unknown category" category "$ref" "$line"
fails "unknown procedure" procedure "$ref" "$line"
fails "unknown step" step "$ref" "$line" done
fails "unknown contact" call "$ref" "$line" --outcome reached
fails "unknown deadline" deadline met "$ref" "$line" --how email
fails "not an amount" cost add "$ref" --kind damage --amount "$line" --description x
fails "not a currency" cost add "$ref" --kind damage --amount 5 --currency "$line" --description x
fails "unknown customer" report "$ref" --customer "$line"
fails "no evidence file" evidence add "$ref" --file "$T/no such file $line" --description x
fails "no export file" import "$T/no such file $line"
fails "no config file" --config "$T/no such file $line" list
verdict "errors that repeat what was typed: fit for a terminal"

# The plan's names and numbers. INI holds one line, no NUL, and a
# double-quoted value ends at its next quote: the corpus less those.
cfg=$(printf '%s' "$line" | tr -d '"' | head -c 900)
sed -e "s/^managers = .*/managers = $me/" -e "s/^leads = .*/leads = $me/" \
	-e "s/^organisation = .*/organisation = \"$(printf '%s' "$cfg" | sed 's/[\\/&]/\\&/g')\"/" \
	"$SRC/data/plan-a.ini" > "$T/plan.ini"
for key in hotline hotline_label; do
	sed -i "s/^$key = .*/$key = \"$(printf '%s' "$cfg" | sed 's/[\\/&]/\\&/g')\"/" "$T/plan.ini"
done
for key in name role phone party address data; do
	sed -i "s/^$key = .*/$key = \"$(printf '%s' "$cfg" | sed 's/[\\/&]/\\&/g')\"/" "$T/plan.ini"
done
SIRT_CONFIG="$T/plan.ini"
run "hostile plan: check" check
SIRT_CONFIG="$T/plan.ini" run "hostile plan: show" show "$ref"
run "hostile plan: report" report "$ref" --format text
run "hostile plan: deadlines" deadlines --all
run "hostile plan: call" call "$ref" lead --outcome no-answer
run "hostile plan: list" list --all
verdict "names and numbers of the plan: fit for a terminal"
printf '[sirt]\norganisation = Bad \377\376 bytes \033]0;pwned\007\n' > "$T/bad.ini"
SIRT_CONFIG="$T/bad.ini"
# check's report, problems included, is on standard output.
shown "a plan not in UTF-8" check
if [ "$code" -ne 78 ] || [ ! -s "$T/out" ]; then
	problems=$((problems + 1))
	echo "  $label: exit $code, no problem said"
fi
SIRT_CONFIG="$T/sirt.ini"
verdict "a plan with bytes that are not UTF-8: its check fit for a terminal"

# CSV quotes, and spreadsheets get no formula. (Written to a file, CSV
# carries the text as stored; on a terminal it is shown safely, which
# the end-to-end test sees.)
s list --all --format csv > "$T/list.csv"
"$H" csv < "$T/list.csv" > "$T/csv.json" || problems=$((problems + 1))
same "csv: read back as RFC 4180 says, the title as typed" \
	"$(jq -r --arg ref "$ref" '.[] | select(.[0] == $ref) | .[4]' "$T/csv.json" | od -An -c)" \
	"$(printf '%s\n' "$title" | od -An -c)"
text csv-formula
same "csv: a formula is kept as text" \
	"$(jq -r '.[] | select(.[4] | startswith("'"'"'=")) | .[4]' "$T/csv.json")" "'$v"

# Markdown: what was typed reads as typed, not as markup.
text markup
md_ref=$(s new --set caller_name=Ana --set nature=Seen --set "title=$v")
text markdown-lines
s set "$md_ref" report "how_discovered=$v" how_occurred=x attack_origin=x response_plan=x actions_taken=x \
	category=x effective=yes > /dev/null
s report "$md_ref" --format md > "$T/report.md"
fit "markdown" "$T/report.md"
has "markdown: inline markup escaped" "$(cat "$T/report.md")" \
	'**\<img src=x onerror=alert(1)\> \[click\](https://evil.example.org) \*\*bold\*\* \_em\_ \`code\` \# h \&amp; \~\~s\~\~ \| a \| b \|**'
has "markdown: lines that would be markup escaped" "$(cat "$T/report.md")" '\# Heading  
\=====  
\- item  
1\. first  
\> quote  
&nbsp;&nbsp;&nbsp;&nbsp;code  
\---'

# Export and import: byte for byte through a fresh database, but for
# each row's mark of the import that brought it there.
body() { jq -S 'del(.exported_at) | del(.incidents[].incident[].imported, .incidents[].rows[][].imported)' "$1"; }
s export --output "$T/a.json"
jq -e '.incidents | length > 30' "$T/a.json" > /dev/null || problems=$((problems + 1))
fit "export" "$T/a.json"
"$SIRT" --db "$T/b.db" import "$T/a.json" > /dev/null || problems=$((problems + 1))
"$SIRT" --db "$T/b.db" export --output "$T/b.json"
[ "$(body "$T/a.json")" = "$(body "$T/b.json")" ] || { problems=$((problems + 1)); echo "  the exports differ"; }
verdict "export: valid JSON, fit for a terminal, the same byte for byte after an import"

# An export changed by hand: every text column hostile (the columns a
# schema CHECK holds to its values aside, and an evidence item's stored
# copy, which must be named by its hash), within its limit (the title's
# is the intake form's 200 bytes). It imports, and every view of it is
# fit for a terminal.
jq --arg v "$line" --arg t "$title" '(.incidents[] | .incident[], .rows[][]) |= with_entries(
	if .key == "currency" then .value = "\u001b]0"
	elif (.value | type) == "string" and ([.key] | inside(["ref", "outcome", "state", "kind", "result", "how", "op",
		"form", "key", "copy"]) | not) and (.key | test("_at$") | not) then .value = $v else . end)
	| .incidents[].incident[].title = $t
	| (.incidents[].rows.field[]? | select(.form == "intake" and .key == "title") | .value) = $t' "$T/a.json" > "$T/h.json"
DB="$T/c.db"
run "hostile import" import "$T/h.json"
run "hostile import: list" list --all
run "hostile import: show" show "$ref"
run "hostile import: show json" show "$ref" --format json
run "hostile import: report" report "$ref" --format text
run "hostile import: report md" report "$ref" --format md
run "hostile import: deadlines" deadlines --all
run "hostile import: cost list" cost list "$ref"
verdict "an export with every text hostile: imported, every view fit for a terminal"
# Every record as the trail last recorded it, whatever its text: nothing
# taken for a change made outside sirt.
same "hostile records: audit verify finds them as recorded (0)" \
	"$("$SIRT" --db "$T/hostile.db" audit verify >/dev/null 2>&1; echo $?) $("$SIRT" --db "$T/c.db" audit verify >/dev/null 2>&1; echo $?)" "0 0"

# What sirt never stores is refused whole: NUL (SQLite would cut the
# text there), half a surrogate pair, bytes that are not UTF-8, a
# reference sirt does not make.
DB="$T/d.db"
jq --argjson v "$("$H" json nul-byte)" '.incidents[0].incident[0].title = $v' "$T/a.json" > "$T/nul.json"
sed 's/"title": "[^"]*"/"title": "half\\ud800pair"/' "$T/a.json" > "$T/surrogate.json"
text invalid-utf8
sed "s/\"title\": \"[^\"]*\"/\"title\": \"$v\"/" "$T/a.json" > "$T/bytes.json"
for f in nul surrogate bytes; do
	s import "$T/$f.json" > "$T/out" 2> "$T/err"
	[ $? -eq 65 ] || { problems=$((problems + 1)); echo "  $f: not refused with 65"; }
	fit "import $f" "$T/err"
done
has "import: a NUL is named" "$(s import "$T/nul.json" 2>&1)" "holds a NUL character (\\u0000), which sirt never stores: nothing imported"
sed "s/$ref/IR\\\\u001b]0;pwned\\\\u0007-2026-0001/g" "$T/a.json" > "$T/ref.json"
s import "$T/ref.json" > "$T/out" 2> "$T/err"
fit "import ref" "$T/err"
has "import: a reference sirt does not make is refused" "$(cat "$T/err")" \
	"IR^[]0;pwned^G-2026-0001: not imported: not a reference sirt makes"
same "import: nothing of it kept" "$(s list --all --format json | jq '[.[] | select(.ref | startswith("IR-") | not)] | length')" "0"
verdict "imports of what sirt never stores: refused, with messages fit for a terminal"

finish
