#!/bin/sh
# The files sirt writes for a user (backup, report --output, export
# --output) never go through a link, onto a FIFO or a directory, or over
# an existing name; --force replaces a regular file and nothing else; a
# journal link planted beside a backup is not followed; a backup killed
# on the way leaves nothing by the backup's name, only a hidden directory.
set -u
. "$(dirname "$0")/lib.sh"
DB="$T/outputs.db"
s() { timeout 20 "$SIRT" --db "$DB" "$@"; }

ref=$(s new --set caller_name="Ola Berg" --set nature=Phishing --set title="Outputs")
same "an incident to write about" "$ref" "IR-$(date +%Y)-0001"
# Enough pages that a backup takes several steps of its copy.
for i in 1 2 3 4 5 6; do
	s note "$ref" --kind other "$(head -c 9000 /dev/urandom | od -An -tx1 | tr -d ' \n')" >/dev/null
done
mkdir "$T/o" "$T/victim"
printf 'kept\n' >"$T/victim/kept"

# plant KIND PATH: what someone left at the name sirt is to write.
plant() {
	rm -rf "$2"
	case $1 in
	dangling) ln -s "$T/victim/made" "$2" ;;
	link) ln -s "$T/victim/kept" "$2" ;;
	fifo) mkfifo "$2" ;;
	directory) mkdir "$2" ;;
	file) printf 'kept\n' >"$2" ;;
	esac
}
# what PATH: the kind of thing at PATH, not following a link.
what() {
	if [ -L "$1" ]; then echo "link to $(readlink "$1")"
	elif [ -p "$1" ]; then echo fifo
	elif [ -d "$1" ]; then echo directory
	elif [ -f "$1" ]; then echo "file $(cat "$1")"
	else echo nothing; fi
}
# untouched NAME KIND PATH: what was planted is still there as it was,
# nothing was made through it, and nothing else was left beside it.
untouched() {
	w=$(what "$3")
	case $2 in
	dangling) same "$1: the link kept" "$w" "link to $T/victim/made" ;;
	link) same "$1: the link kept" "$w" "link to $T/victim/kept" ;;
	fifo) same "$1: the FIFO kept" "$w" "fifo" ;;
	directory) same "$1: the directory kept, empty" "$w $(ls -A "$3" 2>/dev/null)" "directory " ;;
	file) same "$1: the file kept" "$w" "file kept" ;;
	esac
	same "$1: nothing made through it" "$(ls -A "$T/victim")" "kept"
	same "$1: the file linked to unchanged" "$(cat "$T/victim/kept")" "kept"
	same "$1: no hidden directory left beside it" "$(ls -A "$(dirname "$3")" | grep -c '^\.')" "0"
}

for kind in dangling link fifo directory file; do
	plant "$kind" "$T/o/b.db"
	out=$(s backup "$T/o/b.db" 2>&1)
	same "backup onto a $kind: refused (65)" "$?" "65"
	case $kind in
	dangling | link) said="exists already and is a symbolic link, which sirt neither replaces nor writes through" ;;
	fifo) said="exists already and is a FIFO, which sirt neither replaces nor writes through" ;;
	directory) said="exists already and is a directory, which sirt neither replaces nor writes through" ;;
	file) said="exists already: give a new file" ;;
	esac
	has "backup onto a $kind: said" "$out" "$T/o/b.db $said"
	untouched "backup onto a $kind" "$kind" "$T/o/b.db"

	plant "$kind" "$T/o/e.json"
	out=$(s export --output "$T/o/e.json" 2>&1)
	same "export onto a $kind: refused (65)" "$?" "65"
	has "export onto a $kind: said" "$out" "$T/o/e.json exists already"
	untouched "export onto a $kind" "$kind" "$T/o/e.json"
	rm -rf "$T/o/e.json"

	plant "$kind" "$T/o/r.md"
	out=$(s report "$ref" --output "$T/o/r.md" 2>&1)
	same "report --output onto a $kind: refused (65)" "$?" "65"
	untouched "report --output onto a $kind" "$kind" "$T/o/r.md"
	if [ "$kind" = file ]; then
		has "report --output onto a file: says --force replaces it" "$out" \
			"$T/o/r.md exists already (--force replaces it)"
	else
		has "report --output onto a $kind: says what is there" "$out" "$T/o/r.md exists already and is a"
		lacks "report --output onto a $kind: no --force offered" "$out" "--force replaces it"
	fi

	out=$(s report "$ref" --output "$T/o/r.md" --force 2>&1)
	code=$?
	if [ "$kind" = file ]; then
		same "report --force over a file: replaced" "$code:$(head -c 2 "$T/o/r.md")" "0:# "
		same "report --force over a file: its owner's only" "$(stat -c %a "$T/o/r.md")" "600"
		same "report --force over a file: no hidden directory left" "$(ls -A "$T/o" | grep -c '^\.')" "0"
	else
		same "report --force onto a $kind: refused (73)" "$code" "73"
		has "report --force onto a $kind: said" "$out" "$T/o/r.md is a"
		has "report --force onto a $kind: neither replaced nor followed" "$out" \
			"which sirt neither replaces nor writes through: give another name"
		untouched "report --force onto a $kind" "$kind" "$T/o/r.md"
	fi
	rm -rf "$T/o/b.db" "$T/o/r.md"
done

# The issue's own case: a name that is a link to standard output (as
# /dev/stdout is) is not replaced by a file, with --force or without.
ln -s /proc/self/fd/1 "$T/o/stdout"
out=$(s report "$ref" --output "$T/o/stdout" --force 2>&1)
same "report --force onto a link to standard output: refused (73)" "$?" "73"
has "report --force onto a link to standard output: said" "$out" \
	"$T/o/stdout is a symbolic link, which sirt neither replaces nor writes through: give another name (without --output, the report goes to standard output)"
same "report --force onto a link to standard output: still the link" "$(what "$T/o/stdout")" "link to /proc/self/fd/1"
rm -f "$T/o/stdout"

# A new name: written, alone, its owner's only.
s report "$ref" --output "$T/o/r.md" 2>/dev/null
same "report --output to a new name: written" "$?" "0"
s export --output "$T/o/e.json"
same "export --output to a new name: written" "$?" "0"
same "export --output: an export" "$(jq -r .sirt_export "$T/o/e.json")" "1"
same "report and export: their owner's only" "$(stat -c %a "$T/o/r.md" "$T/o/e.json" | tr '\n' ' ')" "600 600 "

# A -journal link planted beside the backup's name: SQLite's journal is
# made in the hidden directory, so the link is never followed.
ln -s "$T/victim/made-journal" "$T/o/j.db-journal"
out=$(s backup "$T/o/j.db")
same "backup beside a planted -journal link: done" "$?" "0"
has "backup beside a planted -journal link: checked" "$out" "integrity ok; audit chain intact"
same "backup beside a planted -journal link: nothing made through it" "$(ls -A "$T/victim")" "kept"
same "backup beside a planted -journal link: the link kept" "$(what "$T/o/j.db-journal")" \
	"link to $T/victim/made-journal"
same "backup: its owner's only (0600 less the umask)" "$(stat -c %a "$T/o/j.db")" "600"
same "backup: no hidden directory left" "$(ls -A "$T/o" | grep -c '^\.')" "0"
same "backup: a sound copy" "$(sqlite3 "$T/o/j.db" 'PRAGMA integrity_check')" "ok"

# A backup killed half-way (the fault VFS of test builds holds its 20th
# write until the kill) leaves no file by its name: only a hidden
# directory .NAME.XXXXXX, which nothing takes for a backup.
if [ "${SIRT_TEST_CLOCK:-}" = 1 ]; then
	mkdir "$T/k"
	SIRT_TEST_FAULT=stall:20 "$SIRT" --db "$DB" backup "$T/k/b.db" >/dev/null 2>&1 &
	pid=$!
	n=0
	until [ -n "$(find "$T/k" -name unfinished -size +0c 2>/dev/null)" ] || [ $n -ge 1000 ]; do
		sleep 0.01
		n=$((n + 1))
	done
	alive=$(kill -0 $pid 2>/dev/null && echo yes)
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	same "killed backup: it was half-way when killed" "$alive:$(find "$T/k" -name unfinished -size +0c | wc -l)" \
		"yes:1"
	same "killed backup: nothing by its name" "$(ls "$T/k")" ""
	same "killed backup: one hidden directory, .b.db.XXXXXX" \
		"$(ls -A "$T/k" | sed 's/^\.b\.db\.[A-Za-z0-9]\{6\}$/.b.db.XXXXXX/')" ".b.db.XXXXXX"
	same "killed backup: the hidden directory is its owner's only" "$(stat -c %a "$T"/k/.b.db.*)" "700"
	s backup "$T/k/b.db" >/dev/null
	same "killed backup: the next backup to that name is made" "$?" "0"
	same "killed backup: the next one leaves the hidden directory alone" "$(ls -A "$T/k" | grep -c '^\.b\.db\.')" "1"
else
	ok "a killed backup # SKIP needs a test build (-Dtest_clock=true) for its fault VFS"
fi

finish
