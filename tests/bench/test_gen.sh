#!/bin/sh
# The bench's generator: the same seed makes the same database (its audit
# head covers every row), another seed another one; what it makes is a
# sound sirt database with every kind of record, every form, UTF-8 names
# and a few KB of text an incident; the cache makes a database once.
set -u
. "$(dirname "$0")/../cli/lib.sh"
GEN=${SIRT_BENCH_GEN:?set SIRT_BENCH_GEN to sirt-bench-gen}
PLAN="$SRC/data/plan-a.ini"
gen() { "$GEN" --config "$PLAN" "$@" 2>"$T/progress"; }
head_of() { "$SIRT" --config "$PLAN" --db "$1" audit head; }
q() { sqlite3 -readonly "$T/a.db" "$1"; }

gen --count 20 --seed 7 --out "$T/a.db" >/dev/null
same "made: exit 0" "$?" "0"
has "progress: count and rate on standard error" "$(cat "$T/progress")" "of 20 incidents (100%)"
gen --count 20 --seed 7 --out "$T/b.db" >/dev/null
gen --count 20 --seed 8 --out "$T/c.db" >/dev/null
same "the same seed: the same audit head" "$(head_of "$T/b.db")" "$(head_of "$T/a.db")"
if [ "$(head_of "$T/c.db")" != "$(head_of "$T/a.db")" ]; then ok "another seed: another database"
else not_ok "another seed: another database"; fi

out=$("$SIRT" --config "$PLAN" --db "$T/a.db" audit verify)
same "audit chain intact" "$?" "0"
same "integrity" "$(q 'PRAGMA integrity_check')" "ok"
same "20 incidents" "$(q 'SELECT count(*) FROM incident')" "20"
empty=""
for table in field call_attempt change witness note evidence custody evidence_check cost cost_withdrawal \
	deadline_met step timeline category_choice procedure_choice audit; do
	[ "$(q "SELECT count(*) FROM $table")" -gt 0 ] || empty="$empty $table"
done
same "every kind of record" "$empty" ""
same "every form filled" "$(q 'SELECT group_concat(form) FROM (SELECT DISTINCT form FROM field ORDER BY form)')" \
	"intake,lead,report,review,triage"
same "open ones at several stages, and closed ones" \
	"$(q "SELECT count(DISTINCT status) >= 3 AND sum(status = 'closed') > 0 FROM incident")" "1"
[ "$(q "SELECT count(*) FROM field WHERE key = 'caller_name' AND value GLOB '*[^ -~]*'")" -gt 0 ] &&
	ok "UTF-8 names" || not_ok "UTF-8 names"
[ "$(q 'SELECT sum(length(value) + length(note)) / count(DISTINCT incident_id) FROM field')" -gt 2000 ] &&
	ok "a few KB of text an incident" || not_ok "a few KB of text an incident"
same "what sirt reads back: the list" "$("$SIRT" --config "$PLAN" --db "$T/a.db" list --all | tail -n +2 | wc -l)" "20"

mkdir "$T/cache"
path=$(gen --count 5 --seed 3 --cache "$T/cache")
same "cache: made, its path printed" "$(ls "$T/cache")" "$(basename "$path")"
has "cache: named by size, seed, schema and generator" "$path" "incidents-5-seed-3-schema-"
before=$(stat -c %i-%Y "$path")
again=$(gen --count 5 --seed 3 --cache "$T/cache")
same "cache: the same path again" "$again" "$path"
same "cache: not made again" "$(stat -c %i-%Y "$path")" "$before"
same "cache: nothing left beside it" "$(ls "$T/cache" | wc -l)" "1"

printf '[sirt]\nbogus key\n' > "$T/bad.ini"
"$GEN" --config "$T/bad.ini" --count 5 --out "$T/d.db" >/dev/null 2>&1
same "a bad plan: exit 78" "$?" "78"
same "a bad plan: no database" "$(ls "$T"/d.db* 2>/dev/null)" ""
finish
