#!/bin/sh
# When the disk is full, a write fails, or the database file is not what
# it should be: the exit code of sirt(1), a message that says what to do,
# nothing on standard output that claims a save, and the database file as
# it was, byte for byte. A full disk is a real one (a small tmpfs) when
# this runs as root; the unit test "faults" fails every call of every
# save with SQLITE_FULL either way.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/sirt.db"
s() { "$SIRT" --db "$DB" "$@"; }
FULL="free some space on it, then try again"

# attempt NAME CODE NEEDLE COMMAND...: COMMAND exits CODE, says NEEDLE on
# standard error, prints nothing on standard output.
attempt() {
	name=$1 code=$2 needle=$3
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	same "$name: exit $code" "$?" "$code"
	has "$name: says so" "$(cat "$T/err")" "$needle"
	same "$name: claims nothing" "$(cat "$T/out")" ""
}
# unchanged NAME FILE COPY: FILE is still COPY, byte for byte.
unchanged() {
	cmp -s "$2" "$3"
	same "$1: the file as it was" "$?" "0"
}

ref=$(s new --set caller_name="Dana Reyes" --set nature="Ransom note" --set title="Ransomware on FS01")
s note "$ref" --kind other "$(head -c 6000 /dev/zero | tr '\0' x)" >/dev/null

# A full disk: room for the -shm file, none for a save in the -wal.
mkdir "$T/small"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m tmpfs "$T/small" 2>/dev/null; then
	trap 'umount "$T/small" 2>/dev/null; rm -rf "$T"' EXIT
	trap 'exit 1' INT TERM HUP
	F="$T/small/sirt.db"
	f() { "$SIRT" --db "$F" "$@"; }
	f new --set caller_name="Lena Fischer" --set nature="Phishing" --set title="Phishing wave" >/dev/null
	f set IR-2026-0001 review policy_could_prevent=no policy_not_followed=no response_appropriate=yes \
		parties_informed=yes procedures_adequate=yes reinfection_prevented=yes similar_prevented=yes \
		policies_updated=no lessons_learned="Phishing drills" >/dev/null
	head -c 40960 /dev/zero >"$T/small/spare"
	dd if=/dev/zero of="$T/small/filler" bs=4096 2>/dev/null
	rm "$T/small/spare"
	cp "$F" "$T/full.copy"
	attempt "full disk: new" 74 "is full ($FULL)" \
		f new --set caller_name=X --set nature=Y --set title="Logged on a full disk"
	attempt "full disk: set" 74 "is full ($FULL)" f set IR-2026-0001 lead severity=high business_critical=no
	attempt "full disk: note" 74 "is full ($FULL)" f note IR-2026-0001 --kind other "a note"
	attempt "full disk: call" 74 "is full ($FULL)" f call IR-2026-0001 lead --outcome no-answer
	attempt "full disk: cost" 74 "is full ($FULL)" \
		f cost add IR-2026-0001 --kind containment --amount 300 --description "Overtime"
	attempt "full disk: change" 74 "is full ($FULL)" f change propose IR-2026-0001 "Block SMB"
	attempt "full disk: close" 74 "is full ($FULL)" f close IR-2026-0001 --reason "contained"
	unchanged "full disk" "$F" "$T/full.copy"
	same "full disk: integrity" "$(sqlite3 "$F" 'PRAGMA integrity_check')" "ok"
	f audit verify >/dev/null
	same "full disk: audit chain intact" "$?" "0"
	# Full to the last byte: not even the -shm file a reader needs.
	dd if=/dev/zero of="$T/small/filler2" bs=1024 2>/dev/null
	attempt "disk full to the last byte: list" 74 "opening the database: the disk that holds $F is full" f list
	rm -f "$T/small/filler" "$T/small/filler2"
	out=$(f note IR-2026-0001 --kind other "room again")
	same "room again: the same note is saved" "$?" "0"
	has "room again: and said" "$out" "room again"
	same "room again: integrity" "$(sqlite3 "$F" 'PRAGMA integrity_check')" "ok"
	f audit verify >/dev/null
	same "room again: audit chain intact" "$?" "0"
	# Read-only now: reading still works, without a -shm file.
	mount -o remount,ro "$T/small"
	out=$(f list 2>&1)
	same "read-only filesystem: list" "$?" "0"
	has "read-only filesystem: lists" "$out" "Phishing wave"
	umount "$T/small"
else
	count=$((count + 1))
	echo "ok $count - full disk # SKIP cannot mount a tmpfs here (needs root); unit test faults covers it"
fi

# Faults injected into the binary: test builds only.
if [ -n "${SIRT_TEST_CLOCK:-}" ]; then
	cp "$DB" "$T/fault.copy"
	attempt "failing disk: note" 74 "disk I/O error (the disk or its filesystem failed: see dmesg, then try again)" \
		env SIRT_TEST_FAULT=write:1+ "$SIRT" --db "$DB" note "$ref" --kind other "lost"
	s export --output "$T/export.json" >/dev/null
	attempt "full disk: import" 74 "is full ($FULL)" \
		env SIRT_TEST_FAULT=full:1+ "$SIRT" --db "$T/other.db" import "$T/export.json"
	unchanged "failing disk" "$DB" "$T/fault.copy"
	attempt "a fault not understood" 70 "SIRT_TEST_FAULT=sometimes is not KIND:N[+]" \
		env SIRT_TEST_FAULT=sometimes "$SIRT" --db "$DB" list
fi

# A file cut short: half of it, or less than SQLite's header.
size=$(stat -c %s "$DB")
for cut in $((size / 2)) 50; do
	head -c "$cut" "$DB" >"$T/cut.db"
	cp "$T/cut.db" "$T/cut.copy"
	attempt "cut to $cut bytes: list" 65 "cut.db is damaged: " "$SIRT" --db "$T/cut.db" list
	attempt "cut to $cut bytes: note" 65 "restore the last backup made with sirt backup" \
		"$SIRT" --db "$T/cut.db" note "$ref" --kind other "into a damaged file"
	unchanged "cut to $cut bytes" "$T/cut.db" "$T/cut.copy"
done

# Cut to nothing: a command that reads does not make it a new, empty
# database (one that records something would: that is how a first
# database is made).
: >"$T/empty.db"
attempt "cut to nothing: list" 66 "empty.db is empty: nothing is recorded there, or it was cut to nothing" \
	"$SIRT" --db "$T/empty.db" list
same "cut to nothing: still nothing" "$(stat -c %s "$T/empty.db")" "0"

# Random bytes, written to: refused, left as they were.
head -c 65536 /dev/urandom >"$T/random.db"
cp "$T/random.db" "$T/random.copy"
attempt "random bytes: new" 65 "random.db is not a database (file is not a database): give sirt its own file" \
	"$SIRT" --db "$T/random.db" new --set caller_name=X --set nature=Y --set title=Z
unchanged "random bytes" "$T/random.db" "$T/random.copy"

# A database a newer sirt made.
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 999"
cp "$T/newer.db" "$T/newer.copy"
attempt "newer schema: note" 65 "has schema version 999, newer than this sirt knows" \
	"$SIRT" --db "$T/newer.db" note "$ref" --kind other "into the future"
unchanged "newer schema" "$T/newer.db" "$T/newer.copy"

# A directory that is not there: nothing made on the way.
attempt "no directory: new" 73 "the directory $T/nowhere of $T/nowhere/sirt.db does not exist" \
	"$SIRT" --db "$T/nowhere/sirt.db" new --set caller_name=X --set nature=Y --set title=Z
same "no directory: none made" "$([ -e "$T/nowhere" ] && echo made || echo none)" "none"

# A read-only file, and a directory its reader may not write: as an
# ordinary user (root may write anything), nobody when this runs as root.
reader=""
if [ "$(id -u)" != 0 ]; then
	reader=self
elif id nobody >/dev/null 2>&1 && command -v runuser >/dev/null; then
	reader=nobody
	chmod 755 "$T"
	mkdir -m 777 "$T/home-nobody"
	# nobody must reach the binary and the sample plan wherever the
	# checkout is (under /root, say): copies, open to all.
	mkdir "$T/pub"
	cp "$SIRT" "$T/pub/sirt"
	cp -r "$SRC/data" "$SRC/forms" "$T/pub/"
	chmod -R a+rX "$T/pub"
fi
# as_reader "$SIRT" ARGS...: sirt run by the reader.
as_reader() {
	if [ "$reader" = nobody ]; then
		shift
		runuser -u nobody -- env HOME="$T/home-nobody" SIRT_DATA_DIR="$T/pub" "$T/pub/sirt" "$@"
	else
		"$@"
	fi
}
if [ -n "$reader" ]; then
	D="$T/desk/sirt.db"
	mkdir -m 777 "$T/desk"
	cp "$DB" "$D"
	chmod 444 "$D"
	cp "$DB" "$T/desk.copy"
	attempt "read-only file: note" 77 "is read-only (mode 0444): make it writable with chmod ug+w $D, or look with --read-only" \
		as_reader "$SIRT" --db "$D" note "$ref" --kind other "refused"
	out=$(as_reader "$SIRT" --db "$D" list 2>&1)
	same "read-only file: list reads it" "$?" "0"
	has "read-only file: and lists" "$out" "Ransomware on FS01"
	# So does every command (or verb) the command table says only reads.
	for cmd in "show $ref" "deadlines" "report $ref" "cost list $ref" "audit verify" "audit head" "export"; do
		as_reader "$SIRT" --db "$D" $cmd --format json >"$T/out" 2>"$T/err"
		same "read-only file: $cmd reads it" "$?" "0"
		jq -e . "$T/out" >/dev/null
		same "read-only file: $cmd --format json" "$?" "0"
	done
	unchanged "read-only file" "$D" "$T/desk.copy"
	# Nobody has it open any more (a reader leaves its -shm behind).
	rm -f "$D-wal" "$D-shm"
	chmod 555 "$T/desk"
	attempt "read-only directory: note" 77 "is read-only (mode 0444): make it writable with chmod ug+w $D" \
		as_reader "$SIRT" --db "$D" note "$ref" --kind other "refused"
	lacks "read-only directory: --read-only not offered in vain" "$(cat "$T/err")" "--read-only"
	attempt "read-only directory: list" 77 "cannot read $D while no sirt has it open: reading takes $D-shm" \
		as_reader "$SIRT" --db "$D" list
	unchanged "read-only directory" "$D" "$T/desk.copy"
	chmod 755 "$T/desk"
else
	count=$((count + 1))
	echo "ok $count - read-only file # SKIP root, and no user nobody to read as"
fi

finish
