#!/bin/sh
# One set of checks for every input path (sirt/input.h): what a command
# refuses, every other command, the plan's files and an import refuse
# too; amounts and totals stay within sirt/money.h; an import cannot
# change how incidents made here are numbered; and an export comes back
# byte for byte. The property: every entry of the hostile corpus and
# random valid UTF-8 (hostile random SEED), typed through every command
# that keeps text and through the plan's names and titles, is stored as
# the rules say (refused exactly where they refuse), and after export,
# import into a fresh database and export again, every stored byte and
# every exported value is the same.
set -u
. "$(dirname "$0")/lib.sh"
H=${SIRT_HOSTILE:?set SIRT_HOSTILE to the hostile tool}
ROUNDS=${SIRT_INPUT_ROUNDS:-40}
me=$(id -un)
nl='
'
DB="$T/a.db"
s() { "$SIRT" --db "$DB" "$@"; }
# got CMD...: its output in $v, trailing line feeds kept.
got() { v=$("$@"; echo .); v=${v%.}; }

# A plan whose names and titles that records copy (a category's label,
# a step's title, the organisation) are hostile, valid UTF-8.
all=""
for name in $("$H" names typeable); do
	case "$name" in *unterminated*|long-line) continue ;; esac
	got "$H" get "$name"
	all="$all$v|"
done
cfg=$(printf '%s' "$all" | tr -d '"' | "$H" line 900; echo .)
cfg=${cfg%.}
sed_cfg=$(printf '%s' "$cfg" | sed 's/[\\/&]/\\&/g'; echo .)
sed_cfg=${sed_cfg%.}
mkdir "$T/procedures"
cp "$SRC"/data/procedures/*.ini "$T/procedures/"
sed -i "s/^title = Confirm the infection.*/title = \"$sed_cfg\"/" "$T/procedures/virus.ini"
sed -e "s/^managers = .*/managers = $me/" -e "s/^leads = .*/leads = $me/" \
	-e "s/^organisation = .*/organisation = \"$sed_cfg\"/" -e "s/^data = .*/data = \"$sed_cfg\"/" \
	-e "s|^\[sirt\]|[sirt]\nprocedures = $T/procedures|" "$SRC/data/plan-a.ini" > "$T/plan.ini"
export SIRT_CONFIG="$T/plan.ini"
same "a plan with hostile valid UTF-8 names and titles: checked (0)" "$(s check > /dev/null 2>&1; echo $?)" 0

# The plan's files: a line that is not UTF-8 is refused, file:line (78).
printf '[sirt]\nhotline = +1 555 0100\norganisation = Bad \377\376 bytes \302\233 \233 end\n' > "$T/bad.ini"
out=$(SIRT_CONFIG="$T/bad.ini" s check 2>&1)
same "plan not in UTF-8: check exits 78" "$(SIRT_CONFIG="$T/bad.ini" s check > /dev/null 2>&1; echo $?)" 78
has "plan not in UTF-8: file:line said" "$out" "$T/bad.ini:3: line is not valid UTF-8 text (save the file as UTF-8)"
same "plan not in UTF-8: every command refuses it (78)" "$(SIRT_CONFIG="$T/bad.ini" s list > /dev/null 2>&1; echo $?)" 78
cp -r "$T/procedures" "$T/bad-procedures"
sed -i 's/^title = Disconnect infected hosts.*/title = Disconnect \xff hosts/' "$T/bad-procedures/virus.ini"
sed "s|^procedures = .*|procedures = $T/bad-procedures|" "$T/plan.ini" > "$T/bad-steps.ini"
has "a step title not in UTF-8: file:line said" "$(SIRT_CONFIG="$T/bad-steps.ini" s check 2>&1)" \
	"$T/bad-procedures/virus.ini:12: line is not valid UTF-8 text"
mkdir "$T/bad-forms"
cp "$SRC"/forms/*.ini "$T/bad-forms/"
sed -i '0,/^label = .*/s/^label = .*/label = Caller \xff/' "$T/bad-forms/intake.ini"
sed "s|^\[sirt\]|[sirt]\nforms = $T/bad-forms|" "$T/plan.ini" > "$T/bad-forms.ini"
has "a form label not in UTF-8: refused" "$(SIRT_CONFIG="$T/bad-forms.ini" s check 2>&1)" \
	"line is not valid UTF-8 text"

problems=0
verdict() {
	if [ "$problems" -eq 0 ]; then ok "$1"; else not_ok "$1"; fi
	problems=0
}
# expect CODE LABEL CMD...: sirt exits CODE; its output is left in $T/out.
expect() {
	want=$1 what=$2
	shift 2
	s "$@" > "$T/out" 2> "$T/err"
	code=$?
	if [ "$code" -ne "$want" ]; then
		problems=$((problems + 1))
		echo "  $what: exit $code, expected $want"
		head -c 300 "$T/err"
	fi
}
# one_line TEXT: whether TEXT is what a one-line field takes.
one_line() {
	case "$1" in *"$nl"*) return 1 ;; esac
	[ "$(printf '%s' "$1" | wc -c)" -le 2000 ]
}
first_step=confirm
base=$(s new --set caller_name=Ana --set nature=Seen --set title=Base)
# store LABEL VALID: $v through every command that keeps text; where a
# command takes one line and $v is not one, refused (65) and then given
# $w, $v on one line. VALID no: not UTF-8, refused everywhere (65).
store() {
	label=$1
	if [ "$2" = no ]; then
		expect 65 "$label: new" new --set caller_name=Ana --set nature=Seen --set "title=$v"
		expect 65 "$label: set --note" set "$base" lead severity=high business_critical=no --note "severity=$v"
		expect 65 "$label: category --note" category "$base" data --note "$v"
		expect 65 "$label: call --note" call "$base" lead --outcome reached --note "$v"
		expect 65 "$label: note" note "$base" --kind other "$v"
		expect 65 "$label: cost" cost add "$base" --kind damage --amount 1 --description "$v"
		expect 65 "$label: witness" witness add "$base" --name "$v"
		return
	fi
	code_line=0
	one_line "$v" || code_line=65
	expect 0 "$label: new" new --set "caller_name=$w" --set "nature=$v" --set "title=$t"
	ref=$(cat "$T/out")
	expect "$code_line" "$label: set --note" set "$ref" lead severity=high business_critical=no "target_system=$w" --note "severity=$v"
	[ "$code_line" -eq 0 ] ||
		expect 0 "$label: set --note (one line)" set "$ref" lead severity=high business_critical=no "target_system=$w" \
			--note "severity=$w"
	expect "$code_line" "$label: category --note" category "$ref" data --note "$v"
	[ "$code_line" -eq 0 ] || expect 0 "$label: category --note (one line)" category "$ref" data --note "$w"
	expect 0 "$label: procedure" procedure "$ref" virus
	expect "$code_line" "$label: step --note" step "$ref" "$first_step" done --note "$v"
	[ "$code_line" -eq 0 ] || expect 0 "$label: step --note (one line)" step "$ref" "$first_step" done --note "$w"
	expect "$code_line" "$label: call --note" call "$ref" lead --outcome reached --note "$v"
	[ "$code_line" -eq 0 ] || expect 0 "$label: call --note (one line)" call "$ref" lead --outcome reached --note "$w"
	expect "$code_line" "$label: cost" cost add "$ref" --kind damage --amount 100 --description "$v"
	[ "$code_line" -eq 0 ] || expect 0 "$label: cost (one line)" cost add "$ref" --kind damage --amount 100 \
		--description "$w"
	expect 0 "$label: note" note "$ref" --kind other "$v"
	expect 0 "$label: witness" witness add "$ref" --name "$w" --statement "$v"
	expect 0 "$label: change" change propose "$ref" "$w" --why "$w"
}
# fit: $w and $t, $v on one line within 1900 and 200 bytes.
fit() {
	w=$(printf '%s' "$v" | "$H" line 1900; echo .)
	w=${w%.}
	t=$(printf '%s' "$v" | "$H" line 200; echo .)
	t=${t%.}
}
for name in $("$H" names all); do
	case "$name" in nul-byte) continue ;; esac
	got "$H" get "$name"
	fit
	case "$("$H" names refused)" in *"$name"*) store "$name" no ;; *) store "$name" yes ;; esac
done
seed=1
while [ "$seed" -le "$ROUNDS" ]; do
	# A letter first: a text of spaces is blank, one starting with '-'
	# an option.
	got "$H" random "$seed"
	v="R$seed $v"
	fit
	store "random $seed" yes
	seed=$((seed + 1))
done
verdict "the corpus and random UTF-8 through every command: kept, or refused (65) exactly where the rules say"

# Every text as stored, byte for byte, keyed by reference and order:
# what an import must bring back exactly.
dump() {
	for t in incident $(sqlite3 "$1" "SELECT m.name FROM sqlite_schema m WHERE m.type = 'table'
		AND m.name NOT IN ('incident', 'audit', 'incident_due') AND EXISTS (SELECT 1 FROM
		pragma_table_info(m.name) WHERE name = 'incident_id') ORDER BY m.name") cost_withdrawal; do
		cols=$(sqlite3 "$1" "SELECT group_concat('hex(quote(t.\"' || name || '\"))', ' || '','' || ')
			FROM pragma_table_info('$t') WHERE name NOT IN ('id', 'imported', 'incident_id', 'cost_id')")
		case $t in
		incident) key="t.ref" ;;
		cost_withdrawal) key="(SELECT i.ref || '/' || c.number FROM cost c JOIN incident i ON i.id = c.incident_id
			WHERE c.id = t.cost_id)" ;;
		*) key="(SELECT ref FROM incident WHERE id = t.incident_id)" ;;
		esac
		sqlite3 "$1" "SELECT '$t ' || $key || ' ' || $cols FROM \"$t\" t ORDER BY $key, t.rowid"
	done
}
body() { jq -S 'del(.exported_at) | del(.incidents[].incident[].imported, .incidents[].rows[][].imported)' "$1"; }
s export --output "$T/a.json"
n=$(jq '.incidents | length' "$T/a.json")
same "the round trip: every incident imported into a fresh database" \
	"$("$SIRT" --db "$T/b.db" import "$T/a.json" 2>&1)" "import: $n added, 0 here already, 0 in conflict"
"$SIRT" --db "$T/b.db" export --output "$T/b.json"
dump "$T/a.db" > "$T/a.dump"
dump "$T/b.db" > "$T/b.dump"
if [ -s "$T/a.dump" ] && cmp -s "$T/a.dump" "$T/b.dump"; then
	ok "the round trip: every stored byte the same ($(wc -l < "$T/a.dump") rows)"
else
	not_ok "the round trip: every stored byte the same"
	diff "$T/a.dump" "$T/b.dump" | head -c 1500
fi
if body "$T/a.json" > "$T/a.body" && body "$T/b.json" > "$T/b.body" && cmp -s "$T/a.body" "$T/b.body"; then
	ok "the round trip: the export again, the same but for the import's marks"
else
	not_ok "the round trip: the export again, the same but for the import's marks"
	diff "$T/a.body" "$T/b.body" | head -c 1500
fi
same "the round trip: imported again, every incident here already" \
	"$("$SIRT" --db "$T/b.db" import "$T/a.json" 2>&1)" "import: 0 added, $n here already, 0 in conflict"

# The commands' limits, as the messages say them.
big=$(head -c 131000 /dev/zero | tr '\0' a)
has "set --note: 131,000 bytes refused" "$(s set "$base" lead severity=high business_critical=no --note "severity=$big" 2>&1)" \
	"note is 131000 bytes long; at most 2000 fit"
has "set --note: not UTF-8 refused" "$(s set "$base" lead severity=high business_critical=no --note "severity=$(printf 'a\377')" 2>&1)" \
	"note is not valid UTF-8 text"
has "set --note: two lines refused" "$(s set "$base" lead severity=high business_critical=no --note "severity=$(printf 'a\nb')" 2>&1)" \
	"note must be one line"
has "category --note: 131,000 bytes refused" "$(s category "$base" data --note "$big" 2>&1)" \
	"the note is 131000 bytes long; at most 2000 fit"
has "category --note: two lines refused" "$(s category "$base" data --note "$(printf 'a\nb')" 2>&1)" \
	"the note must be one line"
same "cost add: 1,000,000,000,000.00 taken" \
	"$(s cost add "$base" --kind damage --amount 1,000,000,000,000 --description max > /dev/null 2>&1; echo $?)" 0
same "cost add: a cent more refused (65)" \
	"$(s cost add "$base" --kind damage --amount 1000000000000.01 --description over > /dev/null 2>&1; echo $?)" 65

# Import: what no command takes is refused, naming the record and the
# field (65), and nothing of that incident is kept.
DB="$T/i.db"
s new --set caller_name=Ana --set nature=Seen --set title=Small > /dev/null
s cost add IR-2026-0001 --kind damage --amount 100 --description line > /dev/null
s export --output "$T/one.json"
DB="$T/j.db"
head -c 1048576 /dev/zero | tr '\0' a > "$T/big.txt"
# refused NAME FILE MESSAGE
refused() {
	out=$(s import "$2" 2>&1)
	code=$?
	same "import refuses $1 (65)" "$code" 65
	has "import refuses $1: said" "$out" "$3"
}
jq --rawfile v "$T/big.txt" '.incidents[0].incident[0].title = $v' "$T/one.json" > "$T/t.json"
refused "a 1 MB title" "$T/t.json" "IR-2026-0001: not imported: its incident's title is 1048576 bytes long; at most 200 fit"
jq --rawfile v "$T/big.txt" '(.incidents[0].rows.field[] | select(.key == "nature") | .value) = $v' \
	"$T/one.json" > "$T/t.json"
refused "a 1 MB value" "$T/t.json" "(intake.nature): its value is 1048576 bytes long; at most 20000 fit"
jq '(.incidents[0].rows.field[] | select(.key == "caller_name") | .note) = "a\nb"' "$T/one.json" > "$T/t.json"
refused "a note of two lines" "$T/t.json" "(intake.caller_name): its note must be one line"
jq '.incidents[0].rows.timeline[0].who = "a\nb"' "$T/one.json" > "$T/t.json"
refused "a login of two lines" "$T/t.json" "rows.timeline[0]: its who must be one line"
# Amounts as JSON integers (jq would make them floating point).
sed 's/"amount": 10000,/"amount": 9223372036854775807,/' "$T/one.json" > "$T/t.json"
refused "an amount of 2^63-1 hundredths" "$T/t.json" \
	"rows.cost[0]: its amount, 9223372036854775807 hundredths, is not from 0 to 1,000,000,000,000.00"
jq --argjson n 1001 '.incidents[0].rows.cost as $c | .incidents[0].rows.cost = [range($n) as $i |
	$c[0] + {number: ($i + 1), amount: 100000000000000}]' "$T/one.json" > "$T/t.json"
refused "1,001 lines of 10^12: past the total" "$T/t.json" "its USD cost lines total more than 10^15"
jq --argjson n 1000 '.incidents[0].rows.cost as $c | .incidents[0].rows.cost = [range($n) as $i |
	$c[0] + {number: ($i + 1), amount: 100000000000000}]' "$T/one.json" > "$T/t.json"
same "import: 1,000 lines of 10^12 taken" "$(s import "$T/t.json" 2>&1)" "import: 1 added, 0 here already, 0 in conflict"
has "their total, exact" "$(s cost list IR-2026-0001 2>&1)" "USD 1,000,000,000,000,000.00"

# Numbering: nothing an import brings moves the next number made here.
# Each made here follows the last one made here, and steps over what an
# import brought.
DB="$T/k.db"
renumber() { sed "s/IR-2026-0001/IR-2026-$1/g; s/\"seq\": 1,/\"seq\": $2,/" "$T/one.json" > "$T/t.json"; }
renumber 99999 99999
same "import: IR-2026-99999 taken" "$(s import "$T/t.json" 2>&1)" "import: 1 added, 0 here already, 0 in conflict"
same "the next made here: IR-2026-0001, not 100000" "$(s new --set caller_name=Ana --set nature=Seen --set title=Next)" \
	"IR-2026-0001"
renumber 0002 2
same "import: IR-2026-0002 taken" "$(s import "$T/t.json" 2>&1)" "import: 1 added, 0 here already, 0 in conflict"
same "the next made here steps over the imported 0002" \
	"$(s new --set caller_name=Ben --set nature=Seen --set title=After)" "IR-2026-0003"

finish
