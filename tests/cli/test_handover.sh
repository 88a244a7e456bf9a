#!/bin/sh
# The shift handover on the command line, with the clock moved by
# SIRT_TEST_NOW (test builds only): the brief as text and Markdown within
# 80 columns and as JSON; since the last handover once one is recorded,
# which each covered incident's timeline shows; who may record it.
set -u
. "$(dirname "$0")/lib.sh"
export TZ=UTC
DB="$T/handover.db"
me=$(id -un)
at() { SIRT_TEST_NOW="$1"; export SIRT_TEST_NOW; }
# Rows wider than 80 columns (characters; the sample's names are all one
# column each), printed; nothing when every row fits.
wide() { python3 -c 'import sys
for n, line in enumerate(sys.stdin.read().split("\n"), 1):
    if len(line) > 80: print("%d: %d columns: %s" % (n, len(line), line))'; }

at 2026-11-22T10:00:00Z
ref=$("$SIRT" --db "$DB" new --set caller_name=Ana --set nature="API keys leaked" --set title="Cloud keys leaked" \
	--set first_noticed="2026-11-22 08:00" --set call_time="2026-11-22 09:00")
"$SIRT" --db "$DB" set "$ref" lead cloud_api_data=yes business_critical=no severity=medium >/dev/null
"$SIRT" --db "$DB" call "$ref" lead --outcome no-answer >/dev/null
"$SIRT" --db "$DB" change propose "$ref" "Rotate every API key of the tenant" >/dev/null
"$SIRT" --db "$DB" note "$ref" --kind log-review "$(printf 'Proxy log: exfiltration to 203.0.113.7 over three hours, from 07:55; the same user agent as last month, \033[31mred\033[0m, which nobody blocked since then')" >/dev/null
quiet=$("$SIRT" --db "$DB" new --set caller_name=Bo --set nature="A laptop left on a train" \
	--set title="$(printf 'A laptop left on a train, with a very long title that goes on well past the width of one line of text \033]0;owned\007')")

at 2026-11-23T05:00:00Z
out=$("$SIRT" --db "$DB" handover)
same "handover: exit 0" "$?" "0"
has "the brief says where since comes from" "$out" "since 24 hours ago: no handover recorded"
has "the clock due within the day, with its countdown" "$out" "3h left: Cloud provider security team (cloud-provider)"
has "what happened since" "$out" "Called Burak Kılınç (+1 555 0101): no answer"
has "the call not answered, and who is next" "$out" "nobody reached yet; not reached: Burak Kılınç; next: Amara"
has "the change waiting" "$out" "1: Rotate every API key of the tenant (proposed by $me)"
has "the last note" "$out" "(log-review): Proxy log: exfiltration"
has "the most pressing first" "$(printf '%s\n' "$out" | grep '^IR-' | head -1)" "$ref  "
has "the quiet one gets its line too" "$out" "$quiet  new  A laptop"
same "text: every row within 80 columns" "$(printf '%s\n' "$out" | wide)" ""
lacks "text: no escape reaches the terminal" "$out" "$(printf '\033')"
lacks "text: no BEL either" "$out" "$(printf '\007')"
has "text: the escape shown" "$out" "^[]0;owned^G"
md=$("$SIRT" --db "$DB" handover --format md)
same "md: the title a heading, its # not escaped" "$(printf '%s\n' "$md" | head -n1 | cut -c1-22)" "# Shift handover brief"
has "md: a heading per incident" "$md" "## $ref"
has "md: items as a list" "$md" "- Clocks:"
same "md: every row within 80 columns" "$(printf '%s\n' "$md" | wide)" ""
lacks "md: no escape" "$md" "$(printf '\033')"
json=$("$SIRT" --db "$DB" handover --format json)
same "json: parsed, since from the default" "$(printf '%s' "$json" | jq -r '.since_from + " " + .since')" \
	"default 2026-11-22T05:00:00Z"
same "json: the incidents, most pressing first" "$(printf '%s' "$json" | jq -r '[.incidents[].ref] | join(" ")')" \
	"$ref $quiet"
same "json: the clock" "$(printf '%s' "$json" | jq -r '.incidents[0].clocks[0] | .rule + " " + .state + " " + (.seconds_left | tostring)')" \
	"cloud-provider warning 10800"
same "json: the note as stored, escapes and all" \
	"$(printf '%s' "$json" | jq -r '.incidents[0].notes[0].text' | grep -c "$(printf '\033')")" "1"
same "json: escalation" "$(printf '%s' "$json" | jq -r '.incidents[0].escalation | (.reached | tostring) + " " + .next')" \
	"false deputy"
same "json: python reads it too" \
	"$(printf '%s' "$json" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["incidents"]))')" "2"
out=$("$SIRT" --db "$DB" handover --since 2026-11-22T09:30:00Z --format json | jq -r '.since_from + " " + (.incidents[1].happened | length | tostring)')
same "--since: given, and what was logged before is left out" "$out" "given 1"

# Usage.
"$SIRT" --db "$DB" handover --to dana >/dev/null 2>&1
same "--to without --record: usage (64)" "$?" "64"
"$SIRT" --db "$DB" handover --record >/dev/null 2>&1
same "--record without --to: usage (64)" "$?" "64"
"$SIRT" --db "$DB" handover --since tomorrowish >/dev/null 2>&1
same "--since not a time: usage (64)" "$?" "64"
out=$("$SIRT" --db "$DB" handover --record --to "two words" 2>&1)
same "a login of two words: data (65)" "$?" "65"
has "and what to type" "$out" "by their login"

# Recording.
at 2026-11-23T06:00:00Z
out=$(USER=mallory LOGNAME=mallory "$SIRT" --db "$DB" handover --record --to dana --note "watch the proxy")
same "--record: exit 0" "$?" "0"
has "--record: says what it did, as the uid's login" "$out" "Handed over from $me to dana: recorded on the timeline of 2 incidents."
for r in "$ref" "$quiet"; do
	has "$r: its timeline shows the handover" "$("$SIRT" --db "$DB" show "$r")" "Handed over from $me to dana: watch the proxy"
done
at 2026-11-23T07:00:00Z
"$SIRT" --db "$DB" note "$quiet" --kind other "Found at the lost property office" >/dev/null
out=$("$SIRT" --db "$DB" handover)
has "the next brief: since the last handover" "$(printf '%s\n' "$out" | tr '\n' ' ')" \
	"since the last handover, from $me to dana at 2026-11-23 06:00 UTC"
has "only what happened since" "$out" "Found at the lost property office"
lacks "the handover's own line is not news" "$(printf '%s\n' "$out" | grep -v '^What happened')" "Handed over from"
has "nothing new on the other" "$out" "Since then: nothing new."
same "json: since the last handover" \
	"$("$SIRT" --db "$DB" handover --format json | jq -r '.since_from + " " + .last_handover.from + " " + .last_handover.to + " " + .since')" \
	"last-handover $me dana 2026-11-23T06:00:00Z"
same "json: the audit trail has the handover" \
	"$("$SIRT" --db "$DB" audit log --last 0 --format json | jq -r '[.[] | select(.table == "handover")] | length')" "1"
"$SIRT" --db "$DB" audit verify >/dev/null
same "the audit chain verifies" "$?" "0"

# Who may record: responders and leads; a reviewer reads the brief only.
plan reviewer reviewers
plan responder responders
plan lead leads
out=$("$SIRT" --config "$T/reviewer.ini" --db "$DB" handover 2>&1)
same "reviewer: reads the brief" "$?" "0"
out=$("$SIRT" --config "$T/reviewer.ini" --db "$DB" handover --record --to dana 2>&1)
same "reviewer: recording refused (77)" "$?" "77"
has "reviewer: the refusal names the role" "$out" "recording a handover needs the responder role"
out=$("$SIRT" --config "$T/responder.ini" --db "$DB" --read-only handover --record --to dana 2>&1)
same "read-only session: refused (77)" "$?" "77"
has "read-only session: says why" "$out" "opened read-only"
"$SIRT" --config "$T/responder.ini" --db "$DB" handover --record --to erin >/dev/null
same "responder: records" "$?" "0"
"$SIRT" --config "$T/lead.ini" --db "$DB" handover --record --to farid >/dev/null
same "lead: records" "$?" "0"
same "three handovers kept" "$(sqlite3 "$DB" 'SELECT count(*) FROM handover')" "3"
same "who: the uid's login" "$(sqlite3 "$DB" 'SELECT DISTINCT from_login FROM handover')" "$me"
sqlite3 "$DB" "UPDATE handover SET to_login = 'eve'" 2>/dev/null
same "a handover stays on record" "$(sqlite3 "$DB" "SELECT count(*) FROM handover WHERE to_login = 'eve'")" "0"

finish
