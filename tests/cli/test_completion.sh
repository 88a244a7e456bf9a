#!/bin/bash
# Shell completion for bash: the installed script (completion/sirt.bash)
# sourced, its function driven as bash drives it at a TAB (COMP_LINE,
# COMP_POINT, COMP_WORDS split at = as bash splits them, COMP_CWORD), and
# COMPREPLY read. Commands and options come from the command table;
# references from a real database, read without changing it; nothing is
# made when there is none.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/compl.db"
PATH="$(dirname "$SIRT"):$PATH"
[ "$(command -v sirt)" = "$SIRT" ] || { echo "Bail out! $SIRT is not the sirt on PATH"; exit 1; }
. "$SRC/completion/sirt.bash"

# compopt works only while bash completes: what the function asks of it
# is recorded instead.
compopt() { asked="$asked $*"; }

# complete LINE: the words offered at a TAB with the cursor at the end
# of LINE, space-separated.
complete_line() {
	local line=$1 w
	local -a split=()
	COMP_LINE=$line
	COMP_POINT=${#line}
	# bash's words: blanks separate them, and = is a word of its own.
	for w in $line; do
		while [[ $w == *=* ]]; do
			[[ -n ${w%%=*} ]] && split+=("${w%%=*}")
			split+=("=")
			w=${w#*=}
		done
		[[ -n $w ]] && split+=("$w")
	done
	[[ $line == *" " ]] && split+=("")
	COMP_WORDS=("${split[@]}")
	COMP_CWORD=$((${#split[@]} - 1))
	COMPREPLY=()
	asked=""
	_sirt
	echo "${COMPREPLY[*]}"
}

# Two incidents in a real database, one with a procedure chosen.
new() { "$SIRT" --db "$DB" new --set caller_name="Dana Reyes" --set nature="Phishing" --set title="$1"; }
one=$(new "Phishing at the bank")
two=$(new "Phishing again")
"$SIRT" --db "$DB" procedure "$one" worm >/dev/null
export SIRT_DB="$DB"

# Commands: every row of the table, and nothing else.
table=$("$SIRT" help --format json | jq -r '[.commands[].name] | join(" ")')
same "commands: every command of the table" "$(complete_line "sirt ")" "$table"
same "commands: the table has them all" "$table" \
	"list show new call change note witness evidence custody deadlines deadline decide set category procedure step cost ioc report close reopen export import backup audit init check config help completion"
same "commands: a prefix" "$(complete_line "sirt de")" "deadlines deadline decide"
same "commands: after a shared option and its value" "$(complete_line "sirt --db $DB sh")" "show"
same "before a command: main's options" "$(complete_line "sirt --")" "--config --db --read-only --help --version"
same "an unknown command: nothing" "$(complete_line "sirt frobnicate ")" ""

# A command's options: its own, --format, then the shared ones.
same "options of list" "$(complete_line "sirt list --")" "--all --overdue --format --config --db --read-only --help"
same "options of cost add: only add's" "$(complete_line "sirt cost add $one --")" \
	"--kind --amount --description --currency --estimate --format --config --db --read-only --help"
same "options of cost withdraw: only withdraw's" "$(complete_line "sirt cost withdraw $one 1 --")" \
	"--reason --format --config --db --read-only --help"
same "an option given once is not offered again" "$(complete_line "sirt list --all --")" \
	"--overdue --format --config --db --read-only --help"
same "a repeatable option is" "$(complete_line "sirt new --set title=x --s")" "--set"
same "verbs" "$(complete_line "sirt evidence ")" "add verify export list"
same "an unknown verb: nothing" "$(complete_line "sirt evidence frob ")" ""

# References, from the database, newest first; any case.
same "references" "$(complete_line "sirt show ")" "$two $one"
same "references: a prefix, in lower case" "$(complete_line "sirt show ${one,,}")" "$one"
same "references: after a verb" "$(complete_line "sirt cost add ")" "$two $one"
same "references: --db on the line" "$(SIRT_DB= complete_line "sirt --db $DB report ")" "$two $one"
same "references: --db=FILE on the line" "$(SIRT_DB= complete_line "sirt report --db=$DB ")" "$two $one"
same "no second reference" "$(complete_line "sirt show $one ")" ""

# The plan's keys.
same "categories" "$(complete_line "sirt category $one ")" "life data systems services"
same "categories: a prefix" "$(complete_line "sirt category $one s")" "systems services"
same "procedures, and none" "$(complete_line "sirt procedure $one ")" \
	"worm virus system-failure active-intrusion inactive-intrusion system-abuse property-theft website-dos database-dos spyware none"
same "contacts" "$(complete_line "sirt call $one ")" "lead deputy netops manager"
same "deadline rules" "$(complete_line "sirt deadline met $one ")" "cloud-provider customer-report police"
same "forms" "$(complete_line "sirt set $one ")" "intake lead triage report review customer"
same "steps of the incident's procedure, then restoration's" "$(complete_line "sirt step $one i")" \
	"identify-hosts identify-worm isolate"
has "restoration steps" "$(complete_line "sirt step $one restoration.")" "restoration.preserve-evidence"
same "no steps without a procedure" "$(complete_line "sirt step $two i")" ""
same "a step's state" "$(complete_line "sirt step $one isolate ")" "done skipped na open"
same "help COMMAND" "$(complete_line "sirt help re")" "report reopen"
same "completion SHELL" "$(complete_line "sirt completion ")" "bash zsh"

# Form fields: the key and its =, with no blank after; then a choice.
same "a form's fields" "$(complete_line "sirt set $one triage ur")" "urgent="
complete_line "sirt set $one triage ur" >/dev/null
same "  with no blank after the =" "$asked" " -o nospace"
same "a field's choices after its =" "$(complete_line "sirt set $one triage urgent=")" "yes no unknown"
same "  a prefix of one" "$(complete_line "sirt set $one triage urgent=u")" "unknown"
same "another field after one" "$(complete_line "sirt set $one triage urgent=yes re")" "real="
same "--set: the intake form's fields" "$(complete_line "sirt new --set caller_")" "caller_name= caller_contact="
same "--set=FIELD" "$(complete_line "sirt new --set=caller_n")" "caller_name="
same "--note: the fields that carry a note" "$(complete_line "sirt set $one triage --note real")" "real="

# The fixed vocabularies, from the code's tables.
same "--kind of a note" "$(complete_line "sirt note $one --kind ")" "log-review log-gap ids cloud-audit interview other"
same "--kind=PREFIX" "$(complete_line "sirt note $one --kind=cl")" "cloud-audit"
same "--kind of a cost" "$(complete_line "sirt cost add $one --kind ")" "damage containment"
same "--kind of evidence" "$(complete_line "sirt evidence add $one --kind d")" "disk-image document"
same "--outcome" "$(complete_line "sirt call $one lead --outcome ")" \
	"$("$SIRT" help call --format json | jq -r '.options[] | select(.name == "--outcome") | .choices | join(" ")')"
same "--type" "$(complete_line "sirt ioc add $one --type ")" \
	"$("$SIRT" help ioc --format json | jq -r '.options[] | select(.name == "--type") | .choices | join(" ")')"
same "--tlp" "$(complete_line "sirt ioc add $one --tlp ")" "clear green amber amber+strict red"
same "--how" "$(complete_line "sirt deadline met $one police --how ")" "email phone portal letter in-person other"
same "--format of list" "$(complete_line "sirt list --format ")" "table text json csv"
same "--format of report" "$(complete_line "sirt report $one --format ")" "md text json"
same "--format=" "$(complete_line "sirt show $one --format=")" "text json"
same "a flag takes no value" "$(complete_line "sirt list --all ")" ""
same "free text: nothing" "$(complete_line "sirt note $one --kind ids ")" ""

# Files: left to bash.
complete_line "sirt import " >/dev/null
same "FILE: bash completes file names" "$asked" " -o default"
complete_line "sirt --db " >/dev/null
same "--db FILE: file names" "$asked" " -o default"
complete_line "sirt init --shared " >/dev/null
same "--shared DIR: directories" "$asked" " -o dirnames"
complete_line "sirt report $one --output " >/dev/null
same "--output FILE: file names" "$asked" " -o default"

# A plan that cannot be read: the table's words still, the plan's none.
same "a broken plan: commands still" "$(complete_line "sirt --config $T/none.ini li")" "list"
same "a broken plan: no categories" "$(complete_line "sirt --config $T/none.ini category $one ")" ""
same "a broken plan: no references" "$(complete_line "sirt --config $T/none.ini show ")" ""

# Read without changing it: the database and its directory as they were.
before=$(cd "$T" && ls -la --time-style=full-iso compl.db* && sha256sum compl.db)
complete_line "sirt show " >/dev/null
complete_line "sirt step $one " >/dev/null
same "a database read by completion: nothing written or made beside it" \
	"$(cd "$T" && ls -la --time-style=full-iso compl.db* && sha256sum compl.db)" "$before"

cp "$DB" "$T/alone.db"
same "a database alone: its references" "$(complete_line "sirt --db $T/alone.db show ")" "$two $one"
complete_line "sirt --db $T/alone.db step $one " >/dev/null
same "  and no -wal or -shm file made beside it" "$(ls "$T"/alone.db*)" "$T/alone.db"

# No database: nothing offered, nothing made (no directory, no file).
fresh="$T/fresh"
mkdir "$fresh"
same "no database: no references" "$(HOME=$fresh XDG_DATA_HOME=$fresh/data SIRT_DB= complete_line "sirt show ")" ""
same "no database: no steps" "$(HOME=$fresh XDG_DATA_HOME=$fresh/data SIRT_DB= complete_line "sirt step IR-2026-0001 ")" ""
same "no database: nothing made" "$(find "$fresh" -mindepth 1)" ""
mkdir -p "$T/bare/data/sirt"
same "no database in its directory: no references" \
	"$(HOME=$T/bare XDG_DATA_HOME=$T/bare/data SIRT_DB= complete_line "sirt show ")" ""
same "  and no file made there" "$(find "$T/bare" -type f)" ""
same "--db FILE that does not exist: nothing made" "$(complete_line "sirt --db $fresh/typo.db show "; find "$fresh" -mindepth 1)" ""
: >"$fresh/empty.db"
same "an empty file: no references" "$(complete_line "sirt --db $fresh/empty.db show ")" ""
same "  and it is left as it was, alone" "$(find "$fresh" -mindepth 1; wc -c <"$fresh/empty.db")" \
	"$fresh/empty.db
0"

# A reference that is not sirt's (a file changed behind sirt's back) is
# never typed into a command line.
# (sirt's triggers guard the incidents: they go first, in the copy.)
cp "$DB" "$T/tampered.db"
for trigger in $(sqlite3 "$T/tampered.db" "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'incident'"); do
	sqlite3 "$T/tampered.db" "DROP TRIGGER $trigger"
done
sqlite3 "$T/tampered.db" "UPDATE incident SET ref = 'IR-2026-\$(touch $T/pwned)' WHERE ref = '$two'"
same "the tampered file holds the reference" "$(sqlite3 "$T/tampered.db" "SELECT count(*) FROM incident WHERE ref LIKE '%touch%'")" "1"
same "a reference with shell characters is not offered" "$(complete_line "sirt --db $T/tampered.db show ")" "$one"

# What a TAB costs: sirt answers at once (a few ms; sanitizers and a
# busy machine allowed for).
start=$(date +%s%N)
for i in 1 2 3 4 5; do complete_line "sirt step $one " >/dev/null; done
ms=$(( ($(date +%s%N) - start) / 5000000 ))
[ "$ms" -lt 250 ] && ok "a TAB takes ${ms} ms" || not_ok "a TAB takes ${ms} ms (250 at most)"

# The script the binary prints is the one installed.
same "sirt completion bash: the installed script" "$("$SIRT" completion bash)" "$(cat "$SRC/completion/sirt.bash")"
same "sirt completion zsh: the installed script" "$("$SIRT" completion zsh)" "$(cat "$SRC/completion/_sirt")"
same "sirt completion --format json" "$("$SIRT" completion bash --format json | jq -r .script)" \
	"$(cat "$SRC/completion/sirt.bash")"
out=$("$SIRT" completion fish 2>&1)
same "sirt completion fish: usage (64)" "$?" "64"
same "  says which" "$out" 'sirt: no completion for "fish": bash or zsh (see sirt help completion)'
out=$("$SIRT" completion 2>&1)
same "sirt completion: usage (64)" "$?" "64"
unset -f _sirt
source <("$SIRT" completion bash)
same "source <(sirt completion bash) completes" "$(complete_line "sirt li")" "list"
same "  and registers _sirt for sirt" "$(complete -p sirt)" "complete -F _sirt sirt"
"$SIRT" __complete 9 sirt list >/dev/null 2>&1
same "__complete: a word that is not on the line: 64" "$?" "64"

finish
