#!/bin/sh
# The audit trail through the command line, tampered with through the
# sqlite3 shell as someone with write access to the file would: every
# kind of change is found and the first bad row named; a trail cut short
# is found against the head kept elsewhere.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/audit.db"
s() { "$SIRT" --db "$DB" "$@"; }
# tamper COPY SQL: the append-only triggers dropped first, as an attacker would.
tamper() {
	cp "$DB" "$T/$1.db"
	sqlite3 "$T/$1.db" "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; $2"
}
verify() { copy=$1; shift; "$SIRT" --db "$T/$copy.db" audit verify "$@" 2>&1; }

ref=$(s new --set caller_name="Burak Kılınç" --set nature="Mail with a fake login page" --set title="Phishing")
s set "$ref" triage real=real >/dev/null
s set "$ref" triage real=perceived >/dev/null
s cost add "$ref" --kind containment --amount 300 --description "Overtime" >/dev/null
out=$(s audit verify)
same "verify: an intact chain exits 0" "$?" "0"
has "verify: says so" "$out" "the chain is intact; head "
head=$(s audit head)
same "head: 64 hex digits" "$(printf '%s' "$head" | tr -d '0-9a-f' | wc -c | tr -d ' ')" "0"
rows=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
same "every change of the form is on record, before and after" \
	"$(sqlite3 "$DB" "SELECT json_extract(before, '$.value') || '>' || json_extract(after, '$.value') FROM audit WHERE tbl = 'field' AND op = 'update'")" \
	"real>perceived"
out=$(sqlite3 "$DB" "UPDATE audit SET who = 'mallory'" 2>&1)
has "the trail refuses changes" "$out" "the audit trail is append-only"

tamper edit "UPDATE audit SET after = replace(after, 'perceived', 'real') WHERE tbl = 'field' AND op = 'update'"
bad=$(sqlite3 "$T/edit.db" "SELECT id FROM audit WHERE tbl = 'field' AND op = 'update'")
out=$(verify edit)
same "edit: exit 65" "$?" "65"
has "edit: names the row" "$out" "broken at row $bad: its content does not match its hash"
tamper delete "DELETE FROM audit WHERE id = 5"
out=$(verify delete)
same "delete: exit 65" "$?" "65"
has "delete: names the row after the gap" "$out" "broken at row 6: it does not follow the row before it"
tamper insert "INSERT INTO audit (id, at, who, uid, ssh, tbl, op, row_id, before, after, prev, hash)
	SELECT 3000, at, 'mallory', 0, '', tbl, op, row_id, before, after, hash, hash FROM audit ORDER BY id DESC LIMIT 1"
out=$(verify insert)
has "insert: names the row" "$out" "broken at row 3000"
tamper reorder "UPDATE audit SET id = -id WHERE id IN (7, 8); UPDATE audit SET id = 8 WHERE id = -7;
	UPDATE audit SET id = 7 WHERE id = -8"
out=$(verify reorder)
has "reorder: names the row" "$out" "broken at row 7"
tamper truncate "DELETE FROM audit WHERE id > $rows - 2"
out=$(verify truncate)
same "truncate: what is left is consistent" "$?" "0"
out=$(verify truncate --head "$head")
same "truncate: found against the head kept (65)" "$?" "65"
has "truncate: says so" "$out" "the head hash kept elsewhere is not in the chain"
out=$(s audit verify --head "$head")
same "the untouched trail holds the head" "$?" "0"
out=$(s audit verify --head 0000 2>&1)
same "a mistyped head: a usage error (64), not an alarm" "$?" "64"
has "a mistyped head: said" "$out" "--head takes the 64 lower-case hexadecimal digits"

# --format json: how the chain stands, the first bad row named, the exit
# codes as in text.
json=$(s audit verify --head "$head" --format json)
same "verify --format json: intact, holding the head (0)" "$?" "0"
same "verify --format json: what the text says" \
	"$(printf '%s' "$json" | jq -c '[.intact, .rows > 0, .head_given == "'"$head"'", .holds_head_given, .bad_row]')" \
	"[true,true,true,true,null]"
json=$("$SIRT" --db "$T/edit.db" audit verify --format json 2>/dev/null)
same "verify --format json: a broken chain still exits 65" "$?" "65"
same "verify --format json: the first bad row" "$(printf '%s' "$json" | jq -r '"\(.intact) \(.bad_row)"')" "false $bad"
has "verify --format json: why" "$(printf '%s' "$json" | jq -r .why)" "its content does not match its hash"
same "head --format json: the head" "$(s audit head --format json | jq -r .head)" "$(s audit head)"

# What a row's hash covers, worked out without sirt: SHA-256 of the hash
# before it, a newline, and the row as a JSON array, two spaces deep, of
# at, who, uid, ssh, tbl, op, row_id, before, after, a newline after it.
# A row appended by hand with sha256sum's hash is intact; a column left
# out of sirt's hash, or one more, or another order, breaks it.
prev=$(s audit head)
next=$(($(sqlite3 "$DB" "SELECT max(id) FROM audit") + 1))
hash=$(printf '%s\n[\n  "%s",\n  "%s",\n  %s,\n  "%s",\n  "%s",\n  "%s",\n  %s,\n  null,\n  "%s"\n]\n' \
	"$prev" 2026-11-22T14:05:00Z "kılınç" 1001 "192.0.2.7 50000 192.0.2.1 22" note insert 7 '{\"text\":\"quiet\"}' |
	sha256sum | cut -d' ' -f1)
tamper oracle "INSERT INTO audit (id, at, who, uid, ssh, tbl, op, row_id, before, after, prev, hash)
	VALUES ($next, '2026-11-22T14:05:00Z', 'kılınç', 1001, '192.0.2.7 50000 192.0.2.1 22', 'note', 'insert', 7,
	NULL, '{\"text\":\"quiet\"}', '$prev', '$hash')"
out=$(verify oracle)
same "a row hashed by sha256sum as documented: intact (0)" "$?" "0"
has "a row hashed by sha256sum as documented: its hash is the head" "$out" "head $hash"

finish
