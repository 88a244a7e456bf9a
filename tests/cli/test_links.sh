#!/bin/sh
# Root's backups, reports and exports where a group may write, by real
# accounts: a member's link planted at the name (the README's own
# /srv/backup/sirt-$(date +%F).db) or at NAME-journal is refused or not
# followed, and nothing is made where it points; a device at the name is
# not replaced; a killed backup leaves no file by its name; and where the
# directory is not sticky, a member who swaps sirt's hidden directory for
# a link mid-copy gets nothing made through it.
# It creates a group and a user, so it needs root; they are removed at
# the end.
set -u
. "$(dirname "$0")/accounts.sh"

G="sirtlg$$"
A="sirtla$$"
cleanup() {
	userdel "$A" 2>/dev/null
	groupdel "$G" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
groupadd "$G"
useradd -M -U -G "$G" -s /bin/sh "$A"
chmod 755 "$T"

# as_member COMMAND: a shell command run by the group member.
as_member() { runuser -u "$A" -- sh -c "$1"; }
# Root's own database, with enough pages that a backup takes several
# steps of its copy.
DB="$T/root.db"
r() { timeout 60 "$SIRT" --db "$DB" "$@"; }
ref=$(r new --set caller_name="Ola Berg" --set nature=Phishing --set title="Backed up")
for i in 1 2 3 4 5 6; do
	r note "$ref" --kind other "$(head -c 9000 /dev/urandom | od -An -tx1 | tr -d ' \n')" >/dev/null
done
# Where the member must not reach (standing for /root/.ssh), and its
# time, which any file made in it and removed again would change.
# In it, a file of root's by the name the journal of a backup has in its
# hidden directory: what a member who could redirect that directory
# would have root's sirt remove.
mkdir -m 700 "$T/root-only"
printf "root's\n" >"$T/root-only/unfinished-journal"
kept=$(stat -c %y "$T/root-only")
nothing_made() {
	same "$1: nothing made or removed where the link points" \
		"$(ls -A "$T/root-only") $(cat "$T/root-only/unfinished-journal" 2>/dev/null)" "unfinished-journal root's"
	same "$1: nor made and removed there" "$(stat -c %y "$T/root-only")" "$kept"
}

# The README's place for backups: a directory the group may write,
# sticky as /tmp is.
mkdir "$T/backup"
chgrp "$G" "$T/backup"
chmod 1770 "$T/backup"
name="$T/backup/sirt-2026-11-22.db"
as_member "ln -s '$T/root-only/authorized_keys' '$name'"
out=$(r backup "$name" 2>&1)
same "backup onto a member's dangling link: refused (65)" "$?" "65"
has "backup onto a member's dangling link: said" "$out" \
	"$name exists already and is a symbolic link, which sirt neither replaces nor writes through: give a new file"
same "backup onto a member's dangling link: the link left as it was" "$(stat -c '%F %U' "$name")" \
	"symbolic link $A"
nothing_made "backup onto a member's dangling link"

name="$T/backup/sirt-2026-11-23.db"
as_member "ln -s '$T/root-only/authorized_keys' '$name-journal'"
out=$(r backup "$name" 2>&1)
same "backup beside a member's -journal link: done" "$?" "0"
has "backup beside a member's -journal link: checked" "$out" "integrity ok; audit chain intact"
same "backup beside a member's -journal link: root's, 0600" "$(stat -c '%U %a' "$name")" "root 600"
same "backup beside a member's -journal link: the link left as it was" "$(stat -c '%F %U' "$name-journal")" \
	"symbolic link $A"
nothing_made "backup beside a member's -journal link"

as_member "ln -s '$T/root-only/report.md' '$T/backup/r.md'"
out=$(r report "$ref" --output "$T/backup/r.md" --force 2>&1)
same "report --force onto a member's link: refused (73)" "$?" "73"
has "report --force onto a member's link: said" "$out" "is a symbolic link, which sirt neither replaces nor writes through"
as_member "ln -s '$T/root-only/export.json' '$T/backup/e.json'"
out=$(r export --output "$T/backup/e.json" 2>&1)
same "export onto a member's link: refused (65)" "$?" "65"
nothing_made "report and export onto a member's links"

# A device at the name (as /dev/stdout leads to one) is not replaced.
if mknod "$T/backup/null" c 1 3 2>/dev/null; then
	out=$(r report "$ref" --output "$T/backup/null" --force 2>&1)
	same "report --force onto a device: refused (73)" "$?" "73"
	has "report --force onto a device: said" "$out" \
		"$T/backup/null is a device, which sirt neither replaces nor writes through"
	same "report --force onto a device: still the device" "$(stat -c '%F %t,%T' "$T/backup/null")" \
		"character special file 1,3"
else
	ok "report --force onto a device # SKIP cannot make a device node here"
fi

if [ "${SIRT_TEST_CLOCK:-}" != 1 ]; then
	ok "a killed backup, a hidden directory swapped # SKIP needs a test build (-Dtest_clock=true) for its fault VFS"
	finish
	exit
fi
# started NAME DIR: waits until the backup under way has written into
# its hidden directory in DIR.
started() {
	n=0
	until [ -n "$(find "$2" -maxdepth 2 -name unfinished -size +0c 2>/dev/null)" ] || [ $n -ge 1000 ]; do
		sleep 0.01
		n=$((n + 1))
	done
	same "$1: under way" "$(find "$2" -maxdepth 2 -name unfinished -size +0c | wc -l)" "1"
}

# Killed half-way (the fault VFS holds its 20th write): no file by its
# name, and the hidden directory is root's alone.
name="$T/backup/sirt-2026-11-24.db"
SIRT_TEST_FAULT=stall:20 "$SIRT" --db "$DB" backup "$name" >/dev/null 2>&1 &
pid=$!
started "killed backup" "$T/backup"
kill -KILL $pid
wait $pid 2>/dev/null
same "killed backup: nothing by its name" "$([ -e "$name" ] || [ -L "$name" ] || echo none)" "none"
hidden=$(ls -A "$T/backup" | grep '^\.sirt-2026-11-24\.db\.')
same "killed backup: a hidden directory .NAME.XXXXXX" "$(echo "$hidden" | sed 's/[A-Za-z0-9]\{6\}$/XXXXXX/')" \
	".sirt-2026-11-24.db.XXXXXX"
same "killed backup: the hidden directory root's, 0700" "$(stat -c '%U %a' "$T/backup/$hidden")" "root 700"
as_member "ls '$T/backup/$hidden'" >/dev/null 2>&1
same "killed backup: the member cannot look in" "$?" "2"

# A directory the group may write that is not sticky: the member can
# rename what root makes there. Root's backup holds on its 20th write;
# the member moves the hidden directory away and puts a link to
# root-only at its name; the copy goes on in the directory sirt holds
# open, and is put in place from there.
mkdir "$T/team"
chgrp "$G" "$T/team"
chmod 2770 "$T/team"
name="$T/team/sirt.db"
SIRT_TEST_FAULT=stall:20 "$SIRT" --db "$DB" backup "$name" >"$T/swap.out" 2>&1 &
pid=$!
started "a swapped hidden directory" "$T/team"
hidden=$(ls -A "$T/team" | grep '^\.sirt\.db\.')
as_member "mv '$T/team/$hidden' '$T/team/moved' && ln -s '$T/root-only' '$T/team/$hidden'"
same "a swapped hidden directory: the member swapped it" "$(stat -c %F "$T/team/$hidden")" "symbolic link"
kill -USR1 $pid
wait $pid
same "a swapped hidden directory: the backup done" "$?" "0"
has "a swapped hidden directory: checked" "$(cat "$T/swap.out")" "integrity ok; audit chain intact"
same "a swapped hidden directory: the copy at its name, root's" "$(stat -c '%F %U %a' "$name")" \
	"regular file root 600"
same "a swapped hidden directory: a sound copy" "$(sqlite3 "$name" 'PRAGMA integrity_check')" "ok"
nothing_made "a swapped hidden directory"

finish
