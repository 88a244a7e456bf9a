#!/bin/sh
# The command line against the real binary: new/list/show round trips in
# JSON, CSV and text; exit codes; `sirt check` on broken configurations,
# message for message; identity from the uid whatever $USER says.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/cli.db"

me=$(id -un)
esc=$(printf '\033')
title=$(printf 'Evil \033]0;pwned\007\033[2J title')

ref=$(USER=mallory LOGNAME=mallory "$SIRT" --db "$DB" new --set caller_name="Burak Kılınç" \
	--set nature="Phishing mail with a link" --set title="$title" --set call_time=-30m \
	--set caller_contact="+1 555 0199")
same "new prints the reference" "$ref" "IR-$(date +%Y)-0001"

json=$("$SIRT" --db "$DB" show "$ref" --format json)
same "show json: caller name in UTF-8" "$(printf '%s' "$json" | jq -r .intake.caller_name)" "Burak Kılınç"
same "show json: hostile title byte for byte" "$(printf '%s' "$json" | jq -r .title)" "$title"
same "show json: status" "$(printf '%s' "$json" | jq -r .status)" "new"
same "show json: every intake field by key" "$(printf '%s' "$json" | jq -r '.intake | keys | join(",")')" \
	"call_time,caller_contact,caller_name,detected_how,first_noticed,involved,location,nature,title"
same "show json: triage keys present" "$(printf '%s' "$json" | jq -r '.triage | keys | length')" "10"
same "identity is the uid's login, not \$USER" "$(printf '%s' "$json" | jq -r .created_by)" "$me"
same "timeline records the creation" "$(printf '%s' "$json" | jq -r '.timeline[0].kind')" "created"
if printf '%s' "$json" | jq -r .intake.call_time | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'; then
	ok "call_time stored as UTC ISO-8601"
else
	not_ok "call_time stored as UTC ISO-8601"
fi

list=$("$SIRT" --db "$DB" list --format json)
same "list json: one incident" "$(printf '%s' "$list" | jq length)" "1"
same "list json: its reference" "$(printf '%s' "$list" | jq -r '.[0].ref')" "$ref"

csv=$("$SIRT" --db "$DB" list --format csv)
same "list csv: header" "$(printf '%s\n' "$csv" | head -n 1 | tr -d '\r')" \
	"ref,status,category,procedure,title,created_at,created_by,updated_at,updated_by,version"

table=$("$SIRT" --db "$DB" list)
case "$table" in
*"$esc"*) not_ok "list table: no raw escape reaches the terminal" ;;
*) ok "list table: no raw escape reaches the terminal" ;;
esac
case "$table" in
*'Evil ^[]0;pwned^G^[[2J title'*) ok "list table: escape shown visibly" ;;
*) not_ok "list table: escape shown visibly"; printf '%s\n' "$table" ;;
esac
text=$("$SIRT" --db "$DB" show "$ref")
case "$text" in
*"$esc"*) not_ok "show text: no raw escape" ;;
*"Burak Kılınç"*) ok "show text: no raw escape, UTF-8 intact" ;;
*) not_ok "show text: UTF-8 intact" ;;
esac

err=$("$SIRT" --db "$DB" new --set caller_name=x --set title=t --set call_time=25:00 2>&1 >/dev/null)
same "new: bad values exit 65" "$?" "65"
same "new: every problem named" "$err" "sirt: cannot log the incident: Time of the call 25:00 is not a valid time of day (00:00 to 23:59) (set it with --set call_time=...)
sirt: cannot log the incident: Nature of the incident is required (set it with --set nature=...)"
same "new: nothing stored after a refusal" "$("$SIRT" --db "$DB" list --format json | jq length)" "1"

err=$("$SIRT" --db "$DB" new --set colour=red 2>&1)
same "new: unknown field exits 64" "$?" "64"
case "$err" in
*'the intake form has no field "colour" (fields: caller_name, call_time,'*) ok "new: unknown field named" ;;
*) not_ok "new: unknown field named"; echo "$err" ;;
esac

json=$("$SIRT" --db "$DB" new --format json --set caller_name=IDS --set nature=alert --set title=Scan)
same "new --format json prints the incident" "$(printf '%s' "$json" | jq -r .ref)" "IR-$(date +%Y)-0002"

same "show: a reference in any case" "$("$SIRT" --db "$DB" show "$(echo "$ref" | tr 'A-Z' 'a-z')" --format json | jq -r .ref)" "$ref"
ref3=$("$SIRT" --db "$DB" new --set=caller_name=Ana --set=nature=x --set=title=y)
same "new: --set=FIELD=VALUE works too" "$ref3" "IR-$(date +%Y)-0003"
err=$("$SIRT" --db "$DB" new --set title=a --set title=b 2>&1)
same "new: a field given twice exits 64" "$?" "64"
same "new: a field given twice is named" "$err" "sirt: --set title is given twice; give each field once (see sirt help new)"
err=$("$SIRT" --db "$DB" new --set caller_name=x --set nature=y --set title=z --set call_time=1960-01-01T00:00:00Z 2>&1)
same "new: a time before 1970 is refused" "$?" "65"
"$SIRT" --db "$DB" list --help | grep -q '^usage: sirt list'
same "list --help shows the command's help" "$?" "0"
"$SIRT" --db "$DB" show IR-1999-0001 >/dev/null 2>&1
same "show: unknown reference exits 66" "$?" "66"
"$SIRT" --db "$DB" list --format yaml >/dev/null 2>&1
same "list: unknown format exits 64" "$?" "64"
"$SIRT" --db "$DB" frobnicate >/dev/null 2>&1
same "unknown command exits 64" "$?" "64"
"$SIRT" --db "$T/no/such/dir/x.db" list >/dev/null 2>&1
same "database in a missing directory exits 73" "$?" "73"
"$SIRT" --help | grep -q '^usage: sirt'
same "--help prints usage" "$?" "0"
same "--version" "$("$SIRT" --version)" "sirt 0.1.0"

# Changes: anyone proposes; approving needs the management role (exit 77).
out=$("$SIRT" --db "$DB" change propose "$ref" "Block the sender domain" --why "phishing source")
same "change propose prints what was recorded" "$out" "$ref: change 1: Block the sender domain; why: phishing source (proposed by $me, awaiting approval)"
err=$("$SIRT" --db "$DB" change approve "$ref" 1 --reason ok 2>&1)
same "change approve by a non-manager exits 77" "$?" "77"
case "$err" in
*"approving or rejecting a change needs the manager role: $me is a lead (see [roles] in "*"; it is held by jalvarez)"*)
	ok "the refusal names the role and who has it" ;;
*) not_ok "the refusal names the role and who has it"; echo "$err" ;;
esac
cat >"$T/manager.ini" <<INI
[sirt]
hotline = +1 555 0100
[categories]
data = Threat to sensitive data
[roles]
managers = $me
INI
out=$("$SIRT" --config "$T/manager.ini" --db "$DB" change approve "$ref" 1 --reason "do it today" --format json)
same "change approve by a manager" "$(printf '%s' "$out" | jq -r '.change.state + " " + .change.decided_by')" "approved $me"
"$SIRT" --config "$T/manager.ini" --db "$DB" change reject "$ref" 1 --reason again >/dev/null 2>&1
same "a decided change cannot be decided again (65)" "$?" "65"
"$SIRT" --db "$DB" change approve "$ref" 1 >/dev/null 2>&1
same "a decision without --reason is a usage error" "$?" "64"
same "show json carries the change" "$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '.changes[0].reason')" "do it today"

# Investigation: witnesses and findings (R13).
out=$("$SIRT" --db "$DB" witness add "$ref" --name "Lena Fischer" --contact "+1 555 0103" --statement "saw the alert")
same "witness add prints its number" "$out" "$ref: witness 1: Lena Fischer, +1 555 0103"
json=$("$SIRT" --db "$DB" note "$ref" --kind interview --witness 1 "confirms the alert at 02:10" --format json)
same "note links an interview to the witness" "$(printf '%s' "$json" | jq -r '.note.kind + " " + (.note.witness|tostring)')" "interview 1"
"$SIRT" --db "$DB" note "$ref" --kind gossip "x" >/dev/null 2>&1
same "note: an unknown kind is a usage error (64)" "$?" "64"
"$SIRT" --db "$DB" note "$ref" --kind interview --witness 9 "x" >/dev/null 2>&1
same "note: an unknown witness exits 66" "$?" "66"
json=$("$SIRT" --db "$DB" witness add "$ref" --name "Tom Becker" --statement "heard the alarm" \
	--interviewed-by "Amara Okafor" --interviewed-at "2026-01-05 10:00" --format json)
same "witness: who interviewed them and when" "$(printf '%s' "$json" | jq -r '.witness.interviewed_by + " " + .witness.interviewed_at')" \
	"Amara Okafor 2026-01-05T10:00:00Z"
"$SIRT" --db "$DB" witness add "$ref" --name x --interviewed-at "next week" >/dev/null 2>&1
same "witness: a bad time is a usage error" "$?" "64"
# A kind's list, from the register every kind is on: text and JSON.
out=$("$SIRT" --db "$DB" witness list "$ref")
has "witness list: the title with the count" "$out" "$ref: Witnesses (2)"
has "witness list: each by number" "$out" "2. Tom Becker"
same "witness list --format json: under show's key, the kind's columns as keys" \
	"$("$SIRT" --db "$DB" witness list "$ref" --format json | jq -r '[.witnesses[] | .name + "/" + .interviewed_by] | join(",")')" \
	"Lena Fischer/$me,Tom Becker/Amara Okafor"
"$SIRT" --db "$DB" witness list "$ref" --name x >/dev/null 2>&1
same "witness list takes no --name (64)" "$?" "64"
same "change list --format json: the decision's columns too" \
	"$("$SIRT" --db "$DB" change list "$ref" --format json | jq -r '.changes[0].what + " / " + .changes[0].state')" \
	"Block the sender domain / approved"
same "show json carries notes and witnesses" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '[(.notes|length), (.witnesses|length)] | join(" ")')" "1 2"

# Evidence (R17): sirt's SHA-256 is sha256sum's; custody twice; a changed
# file fails verification with exit 65, and the failure is on record.
seq 1 20000 >"$T/disk.img"
json=$("$SIRT" --db "$DB" evidence add "$ref" --file "$T/disk.img" --description "image of fs01" --kind disk-image --format json)
same "evidence add: sirt's hash is sha256sum's" "$(printf '%s' "$json" | jq -r .evidence.sha256)" \
	"$(sha256sum "$T/disk.img" | cut -d' ' -f1)"
"$SIRT" --db "$DB" custody "$ref" 1 --to "Lena Fischer" --purpose analysis >/dev/null
out=$("$SIRT" --db "$DB" custody "$ref" 1 --to "Evidence locker" --purpose storage --location "locker 4")
same "custody: from the last holder to the next" "$out" "$ref: evidence 1 handed from Lena Fischer to Evidence locker: storage; kept at locker 4"
"$SIRT" --db "$DB" evidence verify "$ref" >/dev/null
same "evidence verify: an intact file exits 0" "$?" "0"
same "evidence list --format json: the item with its hash" \
	"$("$SIRT" --db "$DB" evidence list "$ref" --format json | jq -r '.evidence[0].sha256')" \
	"$(sha256sum "$T/disk.img" | cut -d' ' -f1)"
echo tampered >>"$T/disk.img"
out=$("$SIRT" --db "$DB" evidence verify "$ref" 1)
same "evidence verify: a changed file exits 65" "$?" "65"
case "$out" in
*"evidence 1: original: MISMATCH: expected "*) ok "evidence verify: the mismatch is shown" ;;
*) not_ok "evidence verify: the mismatch is shown"; echo "$out" ;;
esac
same "the verifications are on record" \
	"$("$SIRT" --db "$DB" show "$ref" --format json | jq -r '[.verifications[].result] | join(" ")')" "match mismatch"
# A relative path is kept absolute: verify from elsewhere finds the file.
mkdir -p "$T/case" && echo "mail headers" >"$T/case/mail.txt"
n=$(cd "$T/case" && "$SIRT" --db "$DB" evidence add "$ref" --file mail.txt --description "mail" --kind email --format json | jq .evidence.number)
(cd / && "$SIRT" --db "$DB" evidence verify "$ref" "$n" >/dev/null)
same "evidence from a relative path verifies from another directory" "$?" "0"
"$SIRT" --db "$DB" evidence add "$ref" --file "$T/nope.img" --description x >/dev/null 2>&1
same "evidence add: a missing file exits 66" "$?" "66"
rm "$T/disk.img"
"$SIRT" --db "$DB" evidence verify "$ref" 1 >/dev/null 2>&1
same "evidence verify: a missing file exits 65" "$?" "65"
same "stdin evidence is hashed too" \
	"$(printf 'header' | "$SIRT" --db "$DB" evidence add "$ref" --stdin --description hdr --kind email --format json | jq -r .evidence.sha256)" \
	"$(printf 'header' | sha256sum | cut -d' ' -f1)"
# Verifying every item: one changed is a failure wherever it is, not only
# when it is the last one checked.
for i in 1 2 3; do
	echo "log part $i" >"$T/part$i.log"
	"$SIRT" --db "$DB" evidence add "$ref3" --file "$T/part$i.log" --description "log part $i" >/dev/null
done
echo tampered >>"$T/part1.log"
out=$("$SIRT" --db "$DB" evidence verify "$ref3")
same "evidence verify: the first of three changed exits 65" "$?" "65"
has "evidence verify: the first item is named as changed" "$out" "$ref3: evidence 1: original: MISMATCH: expected "
has "evidence verify: the last item still matches" "$out" "$ref3: evidence 3: original: match"

# --at: when it happened, if before it was logged; both kept, the
# timeline sorted by it. A time still to come is refused (64).
atref=$("$SIRT" --db "$DB" new --set caller_name=Ana --set nature=x --set title="Told late")
"$SIRT" --db "$DB" call "$atref" lead --outcome no-answer >/dev/null
"$SIRT" --db "$DB" call "$atref" deputy --outcome reached --at -35m >/dev/null
same "call --at: kept beside when it was logged" \
	"$("$SIRT" --db "$DB" show "$atref" --format json | jq -r '.calls[] | select(.happened_at != null) | .contact')" "deputy"
same "call --at -35m: 35 minutes before it was logged" \
	"$("$SIRT" --db "$DB" show "$atref" --format json |
	   jq -r '.calls[] | select(.contact == "deputy") | ((.called_at | fromdate) - (.happened_at | fromdate))')" "2100"
same "the timeline sorts by when it happened" \
	"$("$SIRT" --db "$DB" show "$atref" --format json | jq -r '[.timeline[] | .kind] | join(" ")')" "call created call"
has "show says when it was logged" "$("$SIRT" --db "$DB" show "$atref")" "(logged "
"$SIRT" --db "$DB" call "$atref" lead --outcome reached --at "$(date -u -d '+2 hours' '+%Y-%m-%d %H:%M')" >/dev/null 2>&1
same "call --at in the future: a usage error (64)" "$?" "64"
"$SIRT" --db "$DB" step "$atref" restoration.preserve-evidence done --at -2h >/dev/null
same "step --at: the step keeps when it was done" \
	"$("$SIRT" --db "$DB" show "$atref" --format json | jq -r '.steps[] | select(.key == "restoration.preserve-evidence") | (.happened_at != null)')" "true"
"$SIRT" --db "$DB" list --at -1h >/dev/null 2>&1
same "--at where nothing is recorded: a usage error (64)" "$?" "64"

# sirt help fits an 80-column terminal: every line of it, and of each
# command's help, wrapped within 80.
commands=$("$SIRT" help --format json | jq -r '.commands[].name')
long=$( { "$SIRT" help; for c in $commands; do "$SIRT" help "$c"; done; } | awk 'length > 80' | head -3)
same "sirt help: no line wider than 80 columns" "$long" ""
same "sirt help: every command's help read" "$(printf '%s\n' $commands | wc -l | tr -d ' ')" \
	"$("$SIRT" help --format json | jq -r '.commands | length')"

# show's JSON keys of each kind, as documented (sirt(1), JSON OUTPUT):
# scripts read them, so they are written out here, not derived.
"$SIRT" --db "$DB" cost add "$ref" --kind damage --amount 10 --description x >/dev/null
"$SIRT" --db "$DB" call "$ref" lead --outcome no-answer >/dev/null
"$SIRT" --db "$DB" show "$ref" --format json >"$T/keys.json"
for pair in \
	"calls:called_at,called_by,contact,happened_at,imported,name,note,outcome,phone" \
	"notes:imported,kind,noted_at,noted_by,text,witness" \
	"witnesses:added_at,added_by,contact,imported,interviewed_at,interviewed_by,name,number,statement" \
	"changes:decided_at,decided_by,decided_here,happened_at,imported,number,proposed_at,proposed_by,reason,state,what,why" \
	"evidence:changing,collected_at,collected_by,copy,corrects,custodian,description,imported,kind,location,number,path,sha256,size" \
	"custody:at,evidence,from,imported,location,purpose,recorded_by,to" \
	"verifications:actual,at,checked_by,copy,evidence,expected,imported,result" \
	"costs:added_at,added_by,amount,currency,description,estimate,imported,kind,number,withdrawn_at,withdrawn_by,withdrawn_imported,withdrawn_reason"; do
	same "show json: the keys of ${pair%%:*}" "$(jq -r ".${pair%%:*}[0] | keys | join(\",\")" "$T/keys.json")" "${pair#*:}"
done

# sirt check: a broken config, each problem as file:line: message, exit 78.
cat >"$T/bad.ini" <<INI
[sirt]
hotline = +1 555 0100
forms = $SRC/forms
procedures = $SRC/data/procedures
Hotline = +1 555 0199
organisation = Security; Office
colour = blue
[categories]
INI
out=$("$SIRT" --config "$T/bad.ini" check 2>/dev/null)
same "check: broken config exits 78" "$?" "78"
same "check: every problem, file and line" "$out" "$T/bad.ini:5: duplicate key \"hotline\" in [sirt] (first at line 2); only one value would be kept
$T/bad.ini:6: value of \"organisation\" is cut at an unquoted ';'; put the value in double quotes
$T/bad.ini:7: unknown key \"colour\" in [sirt] (known keys: organisation, hotline, hotline_label, ref_prefix, forms, procedures, restoration, currency, timezone, regimes)
$T/bad.ini:8: the category list is empty; list the categories under [categories], highest first
4 problems found in the plan's configuration (fix each at the file:line above)"

err=$("$SIRT" --config "$T/bad.ini" --db "$DB" 2>&1 </dev/null)
same "TUI refuses a bad config before taking the screen" "$?" "78"
case "$err" in
*"bad.ini:8: the category list is empty"*"sirt: the plan's configuration has 4 problems (fix them, then run: sirt check)"*)
	ok "TUI prints the same messages" ;;
*) not_ok "TUI prints the same messages"; echo "$err" ;;
esac
case "$err" in
*"$esc["*) not_ok "no terminal setup before the refusal" ;;
*) ok "no terminal setup before the refusal" ;;
esac

# A plan whose own file is right but a form it names is not (read while
# the database opens): the same refusal, and no new database for it.
mkdir -p "$T/badforms" && cp "$SRC"/forms/*.ini "$T/badforms/"
printf '[field.priority]\ntype = text\nlabel = Priority\n[field.priority]\nlabel = Again\n' >>"$T/badforms/triage.ini"
sed "s|^; forms = forms$|forms = $T/badforms|" "$SRC/data/plan-a.ini" >"$T/badform-plan.ini"
err=$("$SIRT" --config "$T/badform-plan.ini" --db "$DB" 2>&1 </dev/null)
same "TUI refuses a bad form of the plan" "$?" "78"
case "$err" in
*"badforms/triage.ini:"*"duplicate section [field.priority]"*"sirt: the plan's configuration has"*) ok "the bad form said, file and line" ;;
*) not_ok "the bad form said, file and line"; echo "$err" ;;
esac
"$SIRT" --config "$T/badform-plan.ini" --db "$DB" list >/dev/null 2>&1
same "a command refuses a bad form of the plan" "$?" "78"
# ... and nothing written to a database that is there: a file in
# rollback-journal mode stays so (sirt would switch it to WAL).
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$DB" "$T/journal.db" && rm -f "$T/journal.db-wal" "$T/journal.db-shm"
sqlite3 "$T/journal.db" "PRAGMA journal_mode = DELETE" >/dev/null
err=$("$SIRT" --config "$T/badform-plan.ini" --db "$T/journal.db" list 2>&1 >/dev/null)
same "a bad form of the plan, a database there: exit 78" "$?" "78"
same "a bad form of the plan: nothing written to the database" "$(sqlite3 "$T/journal.db" "PRAGMA journal_mode")" "delete"
case "$err" in
"$T/badforms/triage.ini:"*) ok "a bad form of the plan: its problems said first" ;;
*) not_ok "a bad form of the plan: its problems said first"; echo "$err" ;;
esac
# The screen opens the file before the plan is whole: a file it would
# switch to WAL waits for the plan, and is left as it was.
"$SIRT" --config "$T/badform-plan.ini" --db "$T/journal.db" </dev/null >/dev/null 2>&1
same "a bad form of the plan, the screen on a database there: exit 78" "$?" "78"
same "a bad form of the plan: the screen wrote nothing to the database" \
	"$(sqlite3 "$T/journal.db" "PRAGMA journal_mode")" "delete"
"$SIRT" --config "$T/badform-plan.ini" --db "$T/never.db" new --set caller_name=x >/dev/null 2>&1
same "a bad form of the plan: exit 78 before a new database" "$?" "78"
[ ! -e "$T/never.db" ] && ok "a bad form of the plan: no new database made" || not_ok "a bad form of the plan: no new database made"

out=$("$SIRT" check)
same "check: the sample plan is fine" "$?" "0"
case "$out" in
*"ok: 4 categories, 10 procedures, 4 contacts"*"(the built-in sample plan)"*) ok "check: sample summary" ;;
*) not_ok "check: sample summary"; echo "$out" ;;
esac

# The command table: every command's options, what each takes and its
# formats are one row each (src/cli/commands.c), which parsing, help and
# main's reading of the shared options all follow.
witnesses() { "$SIRT" --db "$DB" show "$ref" --format json | jq '.witnesses | length'; }
before=$(witnesses)
err=$("$SIRT" --db "$DB" witness add "$ref" --name --read-only 2>&1)
same "an option's value that is itself an option: 64" "$?" "64"
has "an option's value that is itself an option: the option without its value named" "$err" \
	"sirt: --name needs a value, not the option --read-only (write --name=--read-only if that is the value) (see sirt help witness)"
same "an option's value that is itself an option: nothing recorded" "$(witnesses)" "$before"
"$SIRT" --db "$DB" witness add "$ref" --name --db "$T/other.db" >/dev/null 2>&1
same "--db as a value: 64, not a database elsewhere" "$?" "64"
[ ! -e "$T/other.db" ] && ok "--db as a value: no database made there" || not_ok "--db as a value: no database made there"
json=$("$SIRT" --db "$DB" witness add "$ref" --name=--x --contact=--read-only --format=json)
same "--option=VALUE: any value, one like an option too" "$(printf '%s' "$json" | jq -r '.witness.name + " " + .witness.contact')" \
	"--x --read-only"
same "--option=VALUE: not taken for the shared --read-only" "$(witnesses)" "$((before + 1))"
json=$("$SIRT" --db "$DB" note "$ref" --kind other --format json -- --not-an-option)
same "--: what follows is text, not options" "$(printf '%s' "$json" | jq -r .note.text)" "--not-an-option"
err=$("$SIRT" --db "$DB" show "$ref" --bogus 2>&1)
same "an unknown option: 64" "$?" "64"
same "an unknown option: named" "$err" "sirt: unknown option --bogus (see sirt help show)"
err=$("$SIRT" --db "$DB" call "$ref" lead --outcome reached --outcome no-answer 2>&1)
same "an option given twice: 64" "$?" "64"
same "an option given twice: named" "$err" "sirt: --outcome is given twice; give it once (see sirt help call)"
err=$("$SIRT" --db "$DB" note "$ref" "x" --kind 2>&1)
same "an option without its value: 64" "$?" "64"
same "an option without its value: named" "$err" "sirt: --kind needs a value (see sirt help note)"
err=$("$SIRT" --db "$DB" call "$ref" lead --outcome shouted 2>&1)
same "a value not among an option's choices: 64" "$?" "64"
same "a value not among an option's choices: the choices listed" "$err" \
	"sirt: --outcome is reached, no-answer, message or wrong-number, not \"shouted\" (see sirt help call)"
err=$("$SIRT" --db "$DB" note "$ref" "x" --kind interview --witness one 2>&1)
same "a number option given words: 64" "$?" "64"
err=$("$SIRT" --db "$DB" cost add "$ref" --kind damage 2>&1)
same "required options missing: 64" "$?" "64"
same "required options missing: each named with what it takes" "$err" \
	"sirt: cost add needs --amount AMOUNT and --description TEXT (see sirt help cost)"
err=$("$SIRT" --db "$DB" audit head --head 0000 2>&1)
same "an option of another verb: 64" "$?" "64"
same "an option of another verb: said" "$err" "sirt: --head goes with audit verify, not audit head (see sirt help audit)"
err=$("$SIRT" --db "$DB" cost refund "$ref" 2>&1)
same "an unknown verb: 64" "$?" "64"
same "an unknown verb: the verbs listed" "$err" "sirt: say what: add, withdraw or list, not \"refund\" (see sirt help cost)"
err=$("$SIRT" --db "$DB" list --all --all 2>&1)
same "a flag given twice: 64" "$?" "64"
"$SIRT" --db "$T/typo.db" show "$ref" --frmat json >/dev/null 2>&1
same "a mistyped option: 64 before any database is opened" "$?" "64"
[ ! -e "$T/typo.db" ] && ok "a mistyped option: no database made" || not_ok "a mistyped option: no database made"

# sirt help COMMAND lists every option the table gives the command.
help=$("$SIRT" help cost)
for option in --kind --amount --description --currency --estimate --reason --format; do
	has "help cost: $option" "$help" "  $option "
done
"$SIRT" help --format json >"$T/table.json"
same "help --format json: every command" "$(jq -r '[.commands[].name] | join(" ")' "$T/table.json")" \
	"list show new call change note witness evidence custody deadlines deadline decide set category procedure step cost ioc report close reopen export import backup audit init check config help completion"
missing=""
for c in $(jq -r '.commands[].name' "$T/table.json"); do
	help=$("$SIRT" help "$c")
	for option in $(jq -r --arg c "$c" '.commands[] | select(.name == $c) | .options[].name' "$T/table.json"); do
		case "$help" in *"  $option"*) ;; *) missing="$missing $c:$option" ;; esac
	done
	case "$help" in "usage: sirt $c"*) ;; *) missing="$missing $c:usage" ;; esac
done
same "help COMMAND: every option of every command in the table" "$missing" ""
same "help COMMAND --format json: the row's options" \
	"$("$SIRT" help cost --format json | jq -r '[.options[].name] | join(" ")')" \
	"--kind --amount --description --currency --estimate --reason --format"
same "every command takes --format json" \
	"$(jq -r '[.commands[] | select(.formats | index("json") | not) | .name] | join(" ")' "$T/table.json")" ""
same "every command but export takes --format text" \
	"$(jq -r '[.commands[] | select(.formats | index("text") | not) | .name] | join(" ")' "$T/table.json")" "export"
same "a command that only reads says so in the table" \
	"$(jq -r '[.commands[] | select(.reads_only) | .name] + [.commands[] | .name as $c | .verbs[] | select(.reads_only) | "\($c) \(.name)"] | join(", ")' "$T/table.json")" \
	"list, show, deadlines, report, export, backup, change list, witness list, evidence export, evidence list, cost list, ioc list, ioc find, audit verify, audit head, audit log"

# --format json on the commands the tests above run as text, with the
# keys sirt show --format json gives the same things.
show_keys() { "$SIRT" --db "$DB" show "$ref" --format json | jq -c "$1 | keys"; }
json=$("$SIRT" --db "$DB" list --format text)
same "list --format text: the table" "$(printf '%s\n' "$json" | head -n 1 | cut -c1-3)" "REF"
json=$("$SIRT" --db "$DB" call "$ref" lead --outcome message --format json)
same "call --format json: the call as show has it" "$(printf '%s' "$json" | jq -c '.call | keys')" "$(show_keys '.calls[0]')"
json=$("$SIRT" --db "$DB" custody "$ref" 2 --to "Evidence locker" --purpose storage --format json)
same "custody --format json: the hand-over as show has it" "$(printf '%s' "$json" | jq -c '.custody | keys')" \
	"$(show_keys '.custody[0]')"
json=$("$SIRT" --db "$DB" set "$ref" lead severity=high business_critical=no --format json)
same "set --format json: the incident as show has it" "$(printf '%s' "$json" | jq -r .lead.severity)" "high"
json=$("$SIRT" --db "$DB" evidence verify "$ref3" 2 --format json)
same "evidence verify --format json: the verification as show has it" \
	"$(printf '%s' "$json" | jq -c '.verifications[0] | keys')" "$(show_keys '.verifications[0]')"
json=$("$SIRT" --db "$DB" category "$ref" data --format json)
same "category --format json: the incident as show has it" "$(printf '%s' "$json" | jq -r '.ref + " " + .category')" "$ref data"
same "category --format json: every key of show" "$(printf '%s' "$json" | jq -c keys)" "$(show_keys .)"
json=$("$SIRT" --db "$DB" procedure "$ref" none --format json)
same "procedure --format json: the incident as show has it" "$(printf '%s' "$json" | jq -r '.procedure + " " + .status')" \
	"none $("$SIRT" --db "$DB" show "$ref" --format json | jq -r .status)"
json=$("$SIRT" --db "$DB" check --format json)
same "check --format json: the sample plan is fine (0)" "$?" "0"
same "check --format json: no problems" "$(printf '%s' "$json" | jq -c '[.ok, .problems, .categories, .procedures]')" "[true,[],4,10]"
json=$("$SIRT" --config "$T/bad.ini" check --format json 2>/dev/null)
same "check --format json: a broken plan still exits 78" "$?" "78"
same "check --format json: each problem with its file, line and message" \
	"$(printf '%s' "$json" | jq -r '.problems[0] | "\(.file):\(.line): \(.message)"')" \
	"$T/bad.ini:5: duplicate key \"hotline\" in [sirt] (first at line 2); only one value would be kept"
same "check --format json: not ok" "$(printf '%s' "$json" | jq -c '[.ok, (.problems | length)]')" "[false,4]"

# Required means required, for a saved incident too: the stored answers
# and those given, together. A save of nothing says so and moves nothing.
req=$("$SIRT" --db "$DB" new --set caller_name="Ana Example" --set nature="Odd logins" --set title="Odd logins")
out=$("$SIRT" --db "$DB" set "$req" triage real=real 2>&1)
same "set: required fields empty exits 65" "$?" "65"
same "set: names every required field left empty, by key and label" "$out" \
	"sirt: not saved: required fields of the Triage checklist of $req are empty: in_progress (Still in progress?), type (Type of incident), business_impact (Impact on the business), urgent (Response urgent?) (give each as FIELD=VALUE)"
json=$("$SIRT" --db "$DB" show "$req" --format json)
same "set: nothing saved then" "$(printf '%s' "$json" | jq -r '.triage.real + "|" + .status')" "|new"
out=$("$SIRT" --db "$DB" set "$req" triage real=real in_progress=no type=other business_impact=minimal urgent=no)
same "set: every required field given: saved" "$out" "$req: Triage checklist saved (5 fields)"
out=$("$SIRT" --db "$DB" set "$req" triage urgent=yes)
same "set: the stored answers count: one more is saved" "$out" "$req: Triage checklist saved (1 field)"
out=$("$SIRT" --db "$DB" set "$req" triage urgent=" " 2>&1)
same "set: clearing a required answer exits 65" "$?" "65"
has "set: and names it" "$out" "a required field of the Triage checklist of $req is empty: urgent (Response urgent?) (give it as FIELD=VALUE)"
# What no reader would see answers nothing: a zero-width space, no-break
# spaces, a word joiner.
out=$("$SIRT" --db "$DB" new --set caller_name="$(printf '\342\200\213')" --set call_time=now \
	--set nature="$(printf '\302\240\302\240')" --set title="$(printf '\342\201\240\342\200\213')" 2>&1)
same "new: invisible answers are no answers (65)" "$?" "65"
has "new: invisible title: required" "$out" "Ticket title is required"
out=$("$SIRT" --db "$DB" set "$req" triage urgent="$(printf '\342\200\213')" 2>&1)
same "set: a zero-width space clears a required answer (65)" "$?" "65"
timeline=$("$SIRT" --db "$DB" show "$req" --format json | jq '.timeline | length')
# The same answers, spelt another way: what is stored already.
out=$("$SIRT" --db "$DB" set "$req" triage urgent=YES "type= other ")
same "set: what is stored already is not \"saved\"" "$out" "$req: Triage checklist: nothing changed, nothing saved"
json=$("$SIRT" --db "$DB" show "$req" --format json)
same "set: nothing changed goes on no timeline" "$(printf '%s' "$json" | jq '.timeline | length')" "$timeline"
# The lead details of an incident still new: a save of nothing leaves it new.
lead=$("$SIRT" --db "$DB" new --set caller_name="Ben Sample" --set nature="Lost phone" --set title="Lost phone")
out=$("$SIRT" --db "$DB" set "$lead" lead "severity=" 2>&1)
same "set: a required field given empty, none stored: 65" "$?" "65"
"$SIRT" --db "$DB" set "$lead" triage real= >/dev/null 2>&1
same "set: a refused or empty save moves no status" "$("$SIRT" --db "$DB" show "$lead" --format json | jq -r .status)" "new"

finish
