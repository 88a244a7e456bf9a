#!/bin/sh
# A forged import, by real accounts of a shared database: an operator, a
# lead and a manager of the team's group. The lead exports an incident,
# writes the manager's name on a change's approval and on the close with
# jq, and imports it under a new reference: every view says the lead
# imported it, when, from which file with which SHA-256, and never that
# the manager decided it here. The operator may not import at all.
# It creates a group and three users, so it needs root; they are removed
# at the end.
set -u
. "$(dirname "$0")/accounts.sh"

G="sirtig$$"
O="sirtio$$"
L="sirtil$$"
M="sirtim$$"
cleanup() {
	for u in "$O" "$L" "$M"; do userdel "$u" 2>/dev/null; done
	groupdel "$G" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
groupadd "$G"
for u in "$O" "$L" "$M"; do useradd -M -U -G "$G" -s /bin/sh "$u"; done

chmod 755 "$T"
mkdir -p "$T/bin" "$T/plan"
cp "$SIRT" "$T/bin/sirt"
cp -r "$SRC/data" "$SRC/forms" "$T/plan/"
CONF="$T/plan/sirt.ini"
lines=$("$T/bin/sirt" init --shared "$T/shared" --group "$G" 2>/dev/null)
cat >"$CONF" <<INI
[sirt]
hotline = +1 555 0100
forms = $T/plan/forms
procedures = $T/plan/data/procedures
restoration = $T/plan/data/restoration/plan-a.ini
[categories]
data = Threat to sensitive data
$lines
[roles]
operators = $O
leads = $L
managers = $M
default = reviewer
INI
chmod -R a+rX "$T/bin" "$T/plan"
for u in "$O" "$L" "$M"; do mkdir -p "$T/home-$u" && chown "$u" "$T/home-$u"; done

# as USER ARGS...: sirt run by USER (in its own home), stdout and stderr.
as() {
	u=$1
	shift
	runuser -u "$u" -- env HOME="$T/home-$u" XDG_DATA_HOME="$T/home-$u/data" XDG_CONFIG_HOME="$T/home-$u/config" \
		USER=root LOGNAME=root SIRT_CONFIG="$CONF" SIRT_TEST_NOW=2026-11-22T14:00:00Z \
		sh -c 'cd "$HOME" && exec "$0" "$@"' "$T/bin/sirt" "$@" 2>&1
}

ref=$(as "$O" new --set caller_name="Ana" --set nature="Lost laptop" --set title="Laptop")
same "the operator logs it" "$ref" "IR-2026-0001"
as "$L" change propose "$ref" "Wipe the laptop remotely" >/dev/null
as "$L" export --output "$T/home-$L/out.json"
same "the lead exports" "$?" "0"

# The lead's forgery, in the lead's own home.
jq --arg m "$M" '.incidents[0].ref = "IR-2026-0002" | .incidents[0].incident[0].ref = "IR-2026-0002"
	| .incidents[0].incident[0].seq = 2 | .incidents[0].incident[0].status = "closed"
	| .incidents[0].rows.change[0] |= (.state = "approved" | .decided_by = $m | .decided_uid = 1004
		| .decided_at = "2026-11-22T13:30:00Z" | .reason = "approved on the phone")
	| .incidents[0].rows.timeline += [{"at": "2026-11-22T13:40:00Z", "who": $m, "uid": 1004, "ssh": "",
		"kind": "status", "summary": "Closed: all done", "happened_at": null, "imported": null}]' \
	"$T/home-$L/out.json" >"$T/home-$L/forged.json"
chown "$L" "$T/home-$L/forged.json"
sha=$(sha256sum "$T/home-$L/forged.json" | cut -d' ' -f1)
mark="imported by $L on 2026-11-22 14:00 UTC from $T/home-$L/forged.json (sha256 $sha)"

cp "$T/home-$L/forged.json" "$T/home-$O/forged.json"
chown "$O" "$T/home-$O/forged.json"
out=$(as "$O" import forged.json)
same "the operator may not import (77)" "$?" "77"
has "the refusal names the role and who holds it" "$out" \
	"importing incidents needs the importer role: $O is an operator (see [roles] in $CONF; it is held by $L"

out=$(as "$L" import forged.json)
same "the lead imports it" "$out" "import: 1 added, 0 here already, 0 in conflict"
text=$(as "$O" show IR-2026-0002)
has "show, to anyone: the approval is the lead's import" "$text" "(approved by $M: approved on the phone; $mark)"
has "show: the close too" "$text" "by $M: Closed: all done ($mark)"
lacks "show: no line names the manager without the mark" "$(printf '%s\n' "$text" | grep "$M" | grep -v "$mark")" "$M"
same "show json: not decided here, imported by the lead" \
	"$(as "$M" show IR-2026-0002 --format json | jq -c '[.changes[0].decided_here, .changes[0].imported.by, .imported.sha256]')" \
	"[false,\"$L\",\"$sha\"]"
has "the report says so" "$(as "$O" report IR-2026-0002 --format text)" "$mark"
same "the trail: the import is the lead's, with its file and hash" \
	"$(sqlite3 "$T/shared/sirt.db" "SELECT who || ' ' || json_extract(after, '$.sha256') FROM audit WHERE tbl = 'import'")" \
	"$L $sha"
as "$M" audit verify >/dev/null
same "the trail is intact" "$?" "0"

finish
