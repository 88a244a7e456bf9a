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
	for how in "note $ref --kind other Looked" "set $ref lead severity=high business_critical=no" \
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

# A -wal or -shm planted as a link: 73, naming the link and what to do,
# and nothing written through it.
for side in wal shm; do
	rm -f "$DB-wal" "$DB-shm"
	ln -s "$T/victim-$side" "$DB-$side"
	s note "$ref" --kind other "Through a link" >/dev/null 2>"$T/err"
	same "a -$side link: 73" "$?" "73"
	has "a -$side link: names it" "$(cat "$T/err")" \
		"sirt: $DB-$side is a symbolic link (to $T/victim-$side), where SQLite keeps the database's -$side file"
	has "a -$side link: what to do" "$(cat "$T/err")" "remove the link: rm $DB-$side)"
	lacks "a -$side link: not SQLite's words" "$(cat "$T/err")" "unable to open database file"
	s list >/dev/null 2>&1
	same "a -$side link: reading too: 73" "$?" "73"
	same "a -$side link: nothing made through it" "$(ls "$T" | grep -c "victim-$side")" "0"
	rm -f "$DB-$side"
done

# A device as --output, even with --force: refused (73), the cause named,
# the device left as it was.
out=$(s report "$ref" --output /dev/stdout --force 2>&1 >/dev/null)
same "report --output /dev/stdout --force: 73" "$?" "73"
has "report --output /dev/stdout --force: says why" "$out" \
	"/dev/stdout is a symbolic link, which sirt neither replaces nor writes through: give another name (without --output, the report goes to standard output)"
same "/dev/stdout still a link" "$([ -L /dev/stdout ] && echo link)" "link"
out=$(s report "$ref" --output /dev/null --force 2>&1)
same "report --output /dev/null --force: 73" "$?" "73"
has "report --output /dev/null --force: says why" "$out" "/dev/null is a device, which sirt neither replaces nor writes through"
same "/dev/null still the device" "$(stat -c '%F %t,%T' /dev/null)" "character special file 1,3"

# A name too long: 73, saying so and what to do.
long=$T/$(printf 'n%.0s' $(seq 300))
for how in "report $ref --output $long.md" "export --output $long.json" "backup $long.db"; do
	# shellcheck disable=SC2086
	out=$(s $how 2>&1)
	same "${how%% *} to a 300-byte name: 73" "$?" "73"
	has "${how%% *} to a 300-byte name: says why" "$out" "File name too long (most filesystems take at most 255 bytes a name"
done
out=$(timeout 20 "$SIRT" --db "$long.db" new --set caller_name=Ana --set nature=x --set title=x 2>&1)
same "--db with a 300-byte name: 73" "$?" "73"
has "--db with a 300-byte name: says why" "$out" "give a shorter one)"

# audit verify reads every page (PRAGMA integrity_check) and says what it
# covered; a damaged page that no command reads (the root of an index of
# a table nothing has been added to) fails it with 65.
out=$(s audit verify)
same "audit verify on a sound file: 0" "$?" "0"
pages=$(sqlite3 "$DB" 'PRAGMA page_count')
size=$(sqlite3 "$DB" 'PRAGMA page_size')
has "audit verify: says what it covered" "$out" \
	"audit: the file is sound: PRAGMA integrity_check read all $pages pages of $size bytes, walking"
same "audit verify --format json: the file's pages" \
	"$(s audit verify --format json | jq -r '"\(.file_intact) \(.pages) \(.page_size) \(.file_problems | length)"')" \
	"true $pages $size 0"
cp "$DB" "$T/damaged.db"
root=$(sqlite3 "$T/damaged.db" "SELECT rootpage FROM sqlite_schema WHERE name = 'evidence_check_incident'")
printf '%*s' "$size" '' | tr ' ' '\377' | dd of="$T/damaged.db" bs="$size" seek=$((root - 1)) conv=notrunc status=none
D() { timeout 20 "$SIRT" --db "$T/damaged.db" "$@"; }
D list >/dev/null 2>&1
same "a damaged page nobody reads: list does not see it" "$?" "0"
out=$(D audit verify 2>&1)
same "audit verify on a damaged page: 65" "$?" "65"
has "audit verify on a damaged page: says so" "$out" \
	"sirt: $T/damaged.db is damaged: PRAGMA integrity_check found"
has "audit verify on a damaged page: names the page" "$out" "Page $root: "
lacks "audit verify on a damaged page: not intact" "$out" "intact"
same "audit verify --format json on a damaged page" \
	"$(D audit verify --format json 2>/dev/null | jq -r '.file_intact')" "false"
# Nothing about the check on standard error when it is not a terminal.
same "audit verify into a pipe: nothing on standard error" "$(s audit verify 2>&1 >/dev/null)" ""

# The screen on a terminal of a type curses does not know: 64 as sirt(1)
# says (no screen to use, as without a terminal), and what to do.
if command -v script >/dev/null; then
	# newterm's failure leaves libtinfo's own allocation (new_prescr),
	# which nothing can free: not a leak of sirt's for the sanitizer.
	out=$(ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
		script -qec "TERM=no-such-terminal '$SIRT' --db '$DB'" /dev/null </dev/null)
	same "the screen on an unknown TERM: 64" "$?" "64"
	has "the screen on an unknown TERM: what to do" "$out" "is unknown (set TERM, e.g. TERM=xterm-256color)"
else
	ok "the screen on an unknown TERM # SKIP no script(1) for a pseudo-terminal"
fi

finish
