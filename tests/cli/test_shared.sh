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

finish
