#!/bin/sh
# One database, many operators: a write that finds another holding the
# lock waits for it, says so after a second, and succeeds; nobody sees
# "database is locked".
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/shared.db"
s() { "$SIRT" --db "$DB" "$@"; }

ref=$(s new --set caller_name="Dana Reyes" --set nature="Phishing" --set title="Phishing")
# Another writer holds the lock for two seconds; it says when it has it.
printf 'BEGIN IMMEDIATE;\n.shell touch %s/locked\n.shell sleep 2\nCOMMIT;\n' "$T" |
	sqlite3 "$DB" &
holder=$!
n=0
while [ ! -e "$T/locked" ] && [ $n -lt 500 ]; do sleep 0.01; n=$((n + 1)); done
out=$(s cost add "$ref" --kind containment --amount 300 --description "Overtime" 2>&1)
code=$?
wait $holder
same "a write behind another's: done" "$code" "0"
has "a write behind another's: said it waited" "$out" "sirt: waiting for another operator..."
lacks "a write behind another's: no busy error" "$out" "locked"
has "a write behind another's: recorded" "$out" "Containment USD 300.00: Overtime"

# What is wrong with the file is said, with what to do, and nothing is
# written over it.
head -c 65536 /dev/urandom >"$T/random.db"
cp "$T/random.db" "$T/random.copy"
out=$("$SIRT" --db "$T/random.db" list 2>&1)
same "random bytes: refused (65)" "$?" "65"
has "random bytes: said" "$out" "random.db is not a database (file is not a database): give sirt its own file with --db"
cmp -s "$T/random.db" "$T/random.copy"
same "random bytes: left as they were" "$?" "0"
sqlite3 "$T/other.db" "CREATE TABLE mine (x); INSERT INTO mine VALUES (42);"
out=$("$SIRT" --db "$T/other.db" new --set caller_name=X --set nature=Y --set title=Z 2>&1)
same "another program's database: refused (65)" "$?" "65"
has "another program's database: said" "$out" "other.db is not a sirt database: it holds other tables"
same "another program's database: untouched" "$(sqlite3 "$T/other.db" "SELECT group_concat(name) FROM sqlite_schema")" "mine"
out=$("$SIRT" --db "$T/nowhere/sirt.db" list 2>&1)
same "a directory that is not there: refused (73)" "$?" "73"
has "a directory that is not there: said" "$out" "the directory $T/nowhere of $T/nowhere/sirt.db does not exist: create it"
cp "$DB" "$T/damaged.db"
size=$(stat -c %s "$T/damaged.db")
# Pages of the tables overwritten, the header kept: a damaged file.
dd if=/dev/urandom of="$T/damaged.db" bs=4096 seek=2 count=$((size / 4096 - 2)) conv=notrunc 2>/dev/null
out=$("$SIRT" --db "$T/damaged.db" list 2>&1)
same "a damaged database: refused (65)" "$?" "65"
has "a damaged database: said, with the way back" "$out" "is damaged: "
has "a damaged database: names the backup" "$out" "restore the last backup made with sirt backup"
mkdir "$T/adir.db"
out=$("$SIRT" --db "$T/adir.db" list 2>&1)
same "a directory given as the database: refused (65)" "$?" "65"
has "a directory given as the database: said" "$out" "adir.db is not a file: give the database's own file with --db FILE"
out=$("$SIRT" --db "$T/random.db/sirt.db" list 2>&1)
same "a file given as a directory: refused (73)" "$?" "73"
has "a file given as a directory: said" "$out" "is not a directory, so $T/random.db/sirt.db cannot be in it"
# A database only its owner can read, in their own directory (the
# default place): no warning. Another's /tmp-like place: none either.
out=$(s list 2>&1 >/dev/null)
same "a personal database: no warning" "$out" ""
mkdir -m 1777 "$T/public"
out=$("$SIRT" --db "$T/public/mine.db" new --set caller_name=X --set nature=Y --set title=Z 2>&1 >/dev/null)
same "a database in a sticky world-writable directory (/tmp): no warning" "$out" ""
# A mistyped path makes no new, empty database.
out=$("$SIRT" --db "$T/shraed.db" list 2>&1)
same "reading a database that is not there: refused (66)" "$?" "66"
has "reading a database that is not there: said" "$out" "there is no database at $T/shraed.db: nothing has been recorded there"
same "reading a database that is not there: none made" "$([ -e "$T/shraed.db" ] && echo made || echo none)" "none"
# The team's database, named in the config, is made by init only.
sed -e "s|^; path = /var/lib/sirt/sirt.db|path = $T/team/sirt.db|" -e "s|^; forms = forms|forms = $SRC/forms|" \
	-e "s|^; procedures = procedures|procedures = $SRC/data/procedures|" \
	-e "s|^; restoration = .*|restoration = $SRC/data/restoration/plan-a.ini|" "$SRC/data/plan-a.ini" >"$T/team.ini"
mkdir "$T/team"
out=$("$SIRT" --config "$T/team.ini" new --set caller_name=X --set nature=Y --set title=Z 2>&1)
same "a configured database that is not there: refused (66)" "$?" "66"
has "a configured database that is not there: said" "$out" "there is no database at $T/team/sirt.db, the [store] path of $T/team.ini: an administrator makes it with sirt init"
same "a configured database that is not there: none made" "$([ -e "$T/team/sirt.db" ] && echo made || echo none)" "none"
out=$("$SIRT" --config "$T/team.ini" check 2>&1)
same "check: a configured database that is not there (66)" "$?" "66"
has "check: says so" "$out" "[store] path: there is no database at $T/team/sirt.db yet"
sqlite3 "$DB" "PRAGMA user_version = 999"
out=$(s list 2>&1)
same "a newer schema: refused (65)" "$?" "65"
has "a newer schema: said" "$out" "has schema version 999, newer than this sirt knows"

finish
