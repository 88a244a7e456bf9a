#!/bin/sh
# Outcomes said as they are: a command that saved but could not print
# its result says what it saved and exits 79 (a script must not run it
# again); the causes of failures named (a planted -wal or -shm link, a
# device as --output, a name too long); a damaged page found by audit
# verify.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/outcomes.db"
s() { timeout 20 "$SIRT" --db "$DB" "$@"; }

ref=$(s new --set caller_name="Ola Berg" --set nature=Phishing --set title="Outcomes")
same "an incident to work on" "$ref" "IR-$(date +%Y)-0001"

# Saved, but the output could not be written: 79, and what was saved.
if [ -w /dev/full ]; then
	s new --set caller_name="Ola Berg" --set nature=Phishing --set title="Second" >/dev/full 2>"$T/err"
	same "new >/dev/full: saved, 79" "$?" "79"
	ref2="IR-$(date +%Y)-0002"
	has "new >/dev/full: says what was saved" "$(cat "$T/err")" \
		"sirt: $ref2: saved, but the output could not be written: No space left on device (do not run the command again"
	same "new >/dev/full: it was saved once" "$(s list --format json | jq -r '[.[].ref] | join(" ")')" "$ref2 $ref"
	s new --format json --set caller_name="Ola Berg" --set nature=Phishing --set title="Third" >/dev/full 2>"$T/err"
	same "new --format json >/dev/full: 79" "$?" "79"
	for how in "note $ref --kind other Looked" "set $ref lead severity=high" \
		"call $ref lead --outcome no-answer" "witness add $ref --name Ana" "cost add $ref --kind damage --amount 10 --description Overtime"; do
		# shellcheck disable=SC2086
		s $how >/dev/full 2>"$T/err"
		same "$how >/dev/full: 79" "$?" "79"
		has "$how >/dev/full: names what was saved" "$(cat "$T/err")" "sirt: $ref: saved, but the output"
	done
	# What only reads stays 74: nothing was saved.
	s show "$ref" >/dev/full 2>"$T/err"
	same "show >/dev/full: 74" "$?" "74"
	lacks "show >/dev/full: says nothing saved" "$(cat "$T/err")" "saved"
	# What failed before saving keeps its own code.
	s note IR-1999-0001 --kind other x >/dev/full 2>/dev/null
	same "note on no incident >/dev/full: 66" "$?" "66"
else
	ok "full device # SKIP no /dev/full here"
fi
# Printed as usual: 0.
s note "$ref" --kind other "Printed" >/dev/null
same "note to a working output: 0" "$?" "0"

finish
