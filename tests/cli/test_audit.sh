#!/bin/sh
# The audit trail through the command line, tampered with through the
# sqlite3 shell as someone with write access to the file would: every
# kind of change is found and the first bad row named; a trail cut short
# is found against the head kept elsewhere. Records changed outside sirt
# (a guard dropped, a row changed, deleted or inserted) are named by
# verify; a schema that is not sirt's own (a guard dropped, a trigger or
# view planted) stops every write until repair-schema puts it right; each
# row records the configuration and the mode; a database from schema 16
# is upgraded with its trail intact and nothing named.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/audit.db"
s() { "$SIRT" --db "$DB" "$@"; }
# tamper COPY SQL: the append-only triggers dropped first, and made again
# after, as an attacker would (else the schema is not sirt's own).
tamper() {
	cp "$DB" "$T/$1.db"
	again=$(sqlite3 "$T/$1.db" "SELECT group_concat(sql, '; ') FROM sqlite_schema WHERE name IN ('audit_no_update', 'audit_no_delete')")
	sqlite3 "$T/$1.db" "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; $2; $again"
}
verify() { copy=$1; shift; "$SIRT" --db "$T/$copy.db" audit verify "$@" 2>&1; }

ref=$(s new --set caller_name="Burak Kılınç" --set nature="Mail with a fake login page" --set title="Phishing")
s set "$ref" triage real=real in_progress=no type=other business_impact=minimal urgent=no >/dev/null
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
same "truncate: what is left is consistent, but the records whose rows were cut are not (65)" "$?" "65"
lacks "truncate: the chain itself is not called broken" "$out" "broken at row"
has "truncate: the cost line whose insert was cut is named" "$out" "was inserted outside sirt: the trail has no insert of it"
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
# at, who, uid, ssh, tbl, op, row_id, before, after, then (rows from
# schema 17 on) config, config_sha256 and mode, a newline after it. A row
# appended by hand with sha256sum's hash is intact, in either form; a
# column left out of sirt's hash, or one more, or another order, breaks it.
# (The rows record a deletion of a note that is not there: nothing for
# the comparison of the records to name.)
prev=$(s audit head)
next=$(($(sqlite3 "$DB" "SELECT max(id) FROM audit") + 1))
hash=$(printf '%s\n[\n  "%s",\n  "%s",\n  %s,\n  "%s",\n  "%s",\n  "%s",\n  %s,\n  "%s",\n  null\n]\n' \
	"$prev" 2026-11-22T14:05:00Z "kılınç" 1001 "192.0.2.7 50000 192.0.2.1 22" note delete 700 '{\"text\":\"quiet\"}' |
	sha256sum | cut -d' ' -f1)
hash2=$(printf '%s\n[\n  "%s",\n  "%s",\n  %s,\n  "%s",\n  "%s",\n  "%s",\n  %s,\n  "%s",\n  null,\n  "%s",\n  "%s",\n  "%s"\n]\n' \
	"$hash" 2026-11-22T14:06:00Z "kılınç" 1001 "" note delete 701 '{\"text\":\"loud\"}' '[\"/etc/sirt/sirt.ini\"]' \
	"ab12" enforced | sha256sum | cut -d' ' -f1)
tamper oracle "INSERT INTO audit (id, at, who, uid, ssh, tbl, op, row_id, before, after, prev, hash)
	VALUES ($next, '2026-11-22T14:05:00Z', 'kılınç', 1001, '192.0.2.7 50000 192.0.2.1 22', 'note', 'delete', 700,
	'{\"text\":\"quiet\"}', NULL, '$prev', '$hash');
	INSERT INTO audit (id, at, who, uid, ssh, tbl, op, row_id, before, after, config, config_sha256, mode, prev, hash)
	VALUES ($next + 1, '2026-11-22T14:06:00Z', 'kılınç', 1001, '', 'note', 'delete', 701, '{\"text\":\"loud\"}',
	NULL, '[\"/etc/sirt/sirt.ini\"]', 'ab12', 'enforced', '$hash', '$hash2')"
out=$(verify oracle)
same "rows hashed by sha256sum as documented, before and since schema 17: intact (0)" "$?" "0"
has "rows hashed by sha256sum as documented: the last one's hash is the head" "$out" "head $hash2"
tamper oracle2 "INSERT INTO audit (id, at, who, uid, ssh, tbl, op, row_id, before, after, prev, hash)
	VALUES ($next, '2026-11-22T14:06:00Z', 'kılınç', 1001, '', 'note', 'delete', 701, '{\"text\":\"loud\"}',
	NULL, '$prev', '$hash2')"
out=$(verify oracle2)
has "a row of schema 17 with its configuration and mode taken out no longer matches its hash" "$out" \
	"broken at row $next: its content does not match its hash"

# Each row records the configuration's files, the SHA-256 of their
# contents one after the other, and the mode: a system layer and the
# login's own here (test builds read SIRT_TEST_SYSTEM_CONFIG).
mkdir -p "$T/etc" "$T/config/sirt"
plan system leads
cp "$T/system.ini" "$T/etc/sirt.ini"
if [ -n "${SIRT_TEST_CLOCK:-}" ]; then
printf '[sirt]\norganisation = Example Corp Security Office\n' >"$T/config/sirt/sirt.ini"
system_before=$SIRT_TEST_SYSTEM_CONFIG
export SIRT_TEST_SYSTEM_CONFIG="$T/etc/sirt.ini"
s set "$ref" triage real=real >/dev/null
log=$(s audit log --last 1 --format json)
same "audit log: the row records both layers, in the order read" "$(printf '%s' "$log" | jq -c '.[0].config | fromjson')" \
	"[\"$T/etc/sirt.ini\",\"$T/config/sirt/sirt.ini\"]"
same "audit log: and the SHA-256 of their contents, one after the other" \
	"$(printf '%s' "$log" | jq -r '.[0].config_sha256')" \
	"$(cat "$T/etc/sirt.ini" "$T/config/sirt/sirt.ini" | sha256sum | cut -d' ' -f1)"
same "audit log: and the mode" "$(printf '%s' "$log" | jq -r '.[0].mode')" "open"
same "audit log --last 1: one row, the head's" "$(printf '%s' "$log" | jq -r 'length, .[0].hash' | tr '\n' ' ')" \
	"1 $(s audit head) "
rm -f "$T/config/sirt/sirt.ini"
export SIRT_TEST_SYSTEM_CONFIG="$system_before"
else
	echo "# the machine's layers are moved only by test builds (SIRT_TEST_SYSTEM_CONFIG): left out here"
	s set "$ref" triage real=real >/dev/null
fi
s --config "$T/etc/sirt.ini" set "$ref" triage real=perceived >/dev/null
out=$(s audit log --last 1)
has "audit log: --config's file alone, said as text" "$out" "open  config [\"$T/etc/sirt.ini\"] sha256 $(sha256sum <"$T/etc/sirt.ini" | cut -d' ' -f1)"
same "the rows with their configuration verify" "$(s audit verify >/dev/null 2>&1; echo $?)" "0"

# Outside sirt, as a group member with the sqlite3 shell would: the
# guard of incident updates dropped, a title changed meanwhile.
W="$T/outside.db"
w() { "$SIRT" --db "$W" "$@"; }
wref=$(w new --set caller_name="Ann Example" --set nature="Laptop left on a train" --set title="Lost laptop")
w set "$wref" triage real=real in_progress=no type=other business_impact=minimal urgent=no >/dev/null
guard=$(sqlite3 "$W" "SELECT sql FROM sqlite_schema WHERE name = 'audit_guard_incident_update'")
sqlite3 "$W" "DROP TRIGGER audit_guard_incident_update; UPDATE incident SET title = 'Nothing lost' WHERE ref = '$wref'"
out=$(w set "$wref" triage real=perceived 2>&1)
same "a guard dropped: sirt writes nothing (65)" "$?" "65"
has "a guard dropped: named" "$out" "trigger audit_guard_incident_update on incident (missing)"
has "a guard dropped: and how to repair it" "$out" "until a lead runs sirt audit repair-schema"
same "a guard dropped: nothing written" "$(sqlite3 "$W" "SELECT value FROM field WHERE key = 'real'")" "real"
out=$(w show "$wref" 2>&1)
same "a guard dropped: reads go on (0)" "$?" "0"
has "a guard dropped: said by reads too" "$out" "warning: $W holds a schema that is not sirt's own"
out=$(w audit verify 2>&1)
same "a guard dropped: verify exits 65" "$?" "65"
has "a guard dropped: verify names it" "$out" "schema is not sirt's own: trigger audit_guard_incident_update on incident (missing)"
has "a guard dropped: verify names the record changed meanwhile" "$out" \
	"incident row 1 ($wref) was changed outside sirt: its title differs from the trail's last image of it"
json=$(w audit verify --format json 2>/dev/null)
same "verify --format json: the record, the schema" \
	"$(printf '%s' "$json" | jq -c '[.intact, .records_intact, .records[0].table, .records[0].ref, .records[0].problem, .records[0].columns, .schema_intact, .schema[0].problem, .schema[0].name]')" \
	"[true,false,\"incident\",\"$wref\",\"changed\",\"title\",false,\"missing\",\"audit_guard_incident_update\"]"
out=$(w audit repair-schema 2>/dev/null)
same "repair-schema: exit 0" "$?" "0"
has "repair-schema: says what it made" "$out" "repaired: trigger audit_guard_incident_update on incident (missing): made"
same "repair-schema: the guard is as sirt makes it" \
	"$(sqlite3 "$W" "SELECT sql FROM sqlite_schema WHERE name = 'audit_guard_incident_update'")" "$guard"
same "repair-schema: on the trail, what it found and what it did" \
	"$(w audit log --last 1 --format json | jq -c '.[0] | [.table, .op, (.before | fromjson | .[0].name), (.after | fromjson | .[0].done)]')" \
	'["sqlite_schema","update","audit_guard_incident_update","made"]'
out=$(w audit repair-schema)
has "repair-schema again: nothing to do" "$out" "the schema is sirt's own; nothing to repair"
out=$(w audit verify 2>&1)
same "repaired: the record changed meanwhile is still named (65)" "$?" "65"
has "repaired: named" "$out" "incident row 1 ($wref) was changed outside sirt: its title differs"
lacks "repaired: the schema is sirt's own" "$out" "schema is not sirt's own"
out=$(w set "$wref" triage real=perceived 2>&1)
same "repaired: sirt writes again" "$?" "0"
# The incident saved again by sirt now matches its last image; the save's
# own row still shows it was changed outside sirt before.
out=$(w audit verify 2>&1)
same "saved again: the change outside sirt is still named (65)" "$?" "65"
has "saved again: named, with the save that found it" "$out" \
	"incident row 1 ($wref) was changed outside sirt before sirt saved it again: its title differs from the trail's image before that save"
same "saved again: in JSON too" \
	"$(w audit verify --format json 2>/dev/null | jq -c '[.records[] | select(.problem == "changed-between") | [.ref, .columns]]')" \
	"[[\"$wref\",\"title\"]]"

# A trigger planted in the file, to run inside every operator's session:
# refused, named, dropped by repair-schema with its SQL on the trail.
sqlite3 "$W" "CREATE TRIGGER planted AFTER INSERT ON timeline BEGIN SELECT 1; END"
out=$(w set "$wref" triage real=real 2>&1)
same "a planted trigger: sirt writes nothing (65)" "$?" "65"
has "a planted trigger: named" "$out" "trigger planted on timeline (not sirt's)"
sqlite3 "$W" "CREATE VIEW planted_view AS SELECT 1"
has "a planted view: named by verify" "$(w audit verify 2>&1)" "view planted_view (not sirt's)"
out=$(w audit repair-schema 2>/dev/null)
has "repair-schema: drops the planted trigger" "$out" "repaired: trigger planted on timeline (not sirt's): dropped"
has "repair-schema: and the view" "$out" "repaired: view planted_view (not sirt's): dropped"
same "repair-schema: the planted trigger's SQL is on the trail" \
	"$(w audit log --last 1 --format json | jq -r '.[0].after | fromjson | map(select(.name == "planted"))[0].sql')" \
	"CREATE TRIGGER planted AFTER INSERT ON timeline BEGIN SELECT 1; END"
same "repair-schema: gone" "$(sqlite3 "$W" "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'planted%'")" "0"
out=$(w set "$wref" triage real=real 2>&1)
same "repaired: sirt writes again" "$?" "0"

# The full-text index's own tables are sirt's too: one dropped, and an
# index with a quote in its name planted, are put right, the index made
# again whole and filled again by the next write.
sqlite3 "$W" "DROP TABLE search_text_config; DROP TABLE search_text_data; CREATE INDEX \"we\"\"ird\" ON incident (title)"
out=$(w audit verify 2>&1)
has "the full-text index's tables: named" "$out" "table search_text_config (missing)"
has "a planted index with a quote in its name: named" "$out" "index we\"ird on incident (not sirt's)"
out=$(w audit repair-schema 2>/dev/null)
same "repair-schema: the full-text index made again, the index dropped (0)" "$?" "0"
has "repair-schema: says so" "$out" "repaired: table search_text_config (missing): made"
w set "$wref" triage real=perceived >/dev/null
same "repaired: the index found by its words again" \
	"$(sqlite3 "$W" "SELECT ref FROM search_text WHERE search_text MATCH 'laptop'")" "$wref"
same "repaired: verify finds nothing but the title changed earlier, for good" \
	"$(w audit verify --format json 2>/dev/null | jq -c '[.schema_intact, [.records[] | [.problem, .columns]]]')" \
	'[true,[["changed-between","title"]]]'

# Rows changed, deleted and inserted with the guards dropped and made
# again just as they were: the schema is sirt's own, verify names each.
behind() {
	guards=$(sqlite3 "$W" "SELECT group_concat(sql, '; ') FROM sqlite_schema WHERE name LIKE 'audit\_guard\_%' ESCAPE '\'")
	drops=$(sqlite3 "$W" "SELECT group_concat('DROP TRIGGER ' || name, '; ') FROM sqlite_schema WHERE name LIKE 'audit\_guard\_%' ESCAPE '\'")
	sqlite3 "$W" "$drops; $1; $guards"
}
fid=$(sqlite3 "$W" "SELECT rowid FROM field WHERE key = 'real'")
behind "UPDATE incident SET status = 'closed' WHERE ref = '$wref'; DELETE FROM field WHERE key = 'real';
	INSERT INTO call_attempt (incident_id, contact, name, outcome, called_at, called_by, called_uid)
	VALUES (1, 'lead', 'Ann Example', 'reached', '2026-11-22T14:05:00Z', 'mallory', 1001)"
out=$(w audit verify 2>&1)
same "changed behind sirt's back: exit 65" "$?" "65"
lacks "changed behind sirt's back: the schema is sirt's own" "$out" "schema is not sirt's own"
has "a row changed: named, with its column" "$out" "incident row 1 ($wref) was changed outside sirt: its status differs"
has "a row deleted: named" "$out" "field row $fid ($wref) was deleted outside sirt"
has "a row inserted: named" "$out" "call_attempt row 1 ($wref) was inserted outside sirt: the trail has no insert of it"
has "the count said (with the title changed earlier)" "$out" \
	"4 records changed outside sirt, 0 parts of the schema not sirt's own; the chain itself is intact"

# A database that sirt at schema 16 made (tests/cli/schema16.sql, its
# commands then sqlite3 .dump): upgraded by the first session that may
# write, its trail's old rows intact, nothing named; the rows written
# after record the configuration.
O="$T/schema16.db"
sqlite3 "$O" <"$SRC/tests/cli/schema16.sql" && chmod 600 "$O"
same "schema 16: as made" "$(sqlite3 "$O" "PRAGMA user_version")" "16"
out=$("$SIRT" --db "$O" audit verify 2>&1)
same "schema 16: upgraded and verified (0)" "$?" "0"
has "schema 16: intact" "$out" "the chain is intact"
has "schema 16: every record as the trail has it" "$out" "every record is as the trail last recorded it, and the schema is sirt's own"
same "schema 16: now 20" "$(sqlite3 "$O" "PRAGMA user_version")" "20"
"$SIRT" --db "$O" set IR-2026-0002 triage real=real in_progress=no type=other business_impact=minimal urgent=no >/dev/null
same "schema 16: a new row records the configuration" \
	"$("$SIRT" --db "$O" audit log --last 1 --format json | jq -r '.[0] | (.config | fromjson | length), .mode' | tr '\n' ' ')" \
	"1 open "
same "schema 16: old rows and new verify together" "$("$SIRT" --db "$O" audit verify >/dev/null 2>&1; echo $?)" "0"

finish
