#!/bin/sh
# Shared use on one machine, by real accounts: sirt init --shared sets up
# a group's directory and database; two operators of the group, one with
# umask 077, both write; the -wal and -shm files stay group-accessible;
# what one of them does with the sqlite3 shell is refused in the other's
# session or named by the other's verify; and each way the place can be
# wrong is said, with what to do.
# It creates a group and three users, so it needs root; they are removed
# at the end.
set -u
. "$(dirname "$0")/accounts.sh"

G="sirtg$$"
A="sirta$$"
B="sirtb$$"
C="sirtc$$"
cleanup() {
	for u in "$A" "$B" "$C"; do userdel "$u" 2>/dev/null; done
	groupdel "$G" 2>/dev/null
	umount "$T/ro" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
groupadd "$G"
useradd -M -U -G "$G" -s /bin/sh "$A"
useradd -M -U -G "$G" -s /bin/sh "$B"
useradd -M -U -s /bin/sh "$C"

# The accounts must reach the binary and the plan wherever the checkout
# is: copies under the scratch directory, open to all.
chmod 755 "$T"
mkdir -p "$T/bin" "$T/plan"
cp "$SIRT" "$T/bin/sirt"
cp -r "$SRC/data" "$SRC/forms" "$T/plan/"
CONF="$T/plan/data/plan-a.ini"
sed -i -e "s|^; forms = forms|forms = $T/plan/forms|" \
	-e "s|^; procedures = procedures|procedures = $T/plan/data/procedures|" \
	-e "s|^; restoration = .*|restoration = $T/plan/data/restoration/plan-a.ini|" "$CONF"
chmod -R a+rX "$T/bin" "$T/plan"
for u in "$A" "$B" "$C"; do mkdir -p "$T/home-$u" && chown "$u" "$T/home-$u"; done

# as USER UMASK ARGS...: sirt run by USER, its stdout and stderr together.
as() {
	u=$1 m=$2
	shift 2
	runuser -u "$u" -- env HOME="$T/home-$u" XDG_DATA_HOME="$T/home-$u/data" XDG_CONFIG_HOME="$T/home-$u/config" \
		USER=root LOGNAME=root SIRT_CONFIG="$CONF" sh -c 'umask '"$m"'; exec "$0" "$@"' "$T/bin/sirt" "$@" 2>&1
}
mode() { stat -c '%a %G' "$1"; }

# The administrator sets it up; stdout is the lines for the config.
lines=$("$T/bin/sirt" init --shared "$T/shared" --group "$G" 2>"$T/init.err")
same "init: done" "$?" "0"
same "init: prints the config lines" "$lines" "$(printf '[store]\npath = %s/shared/sirt.db' "$T")"
has "init: says what it made" "$(cat "$T/init.err")" "made $T/shared (group $G, mode 2770) and made $T/shared/sirt.db"
has "init: says to add the operators" "$(cat "$T/init.err")" "usermod -aG $G LOGIN"
same "init: directory setgid, group-writable, not sticky" "$(mode "$T/shared")" "2770 $G"
same "init: database 0660 of the group" "$(mode "$T/shared/sirt.db")" "660 $G"
DB="$T/shared/sirt.db"
sed -i "s|^; path = /var/lib/sirt/sirt.db|$(echo "$lines" | grep '^path = ')|" "$CONF"
same "the config names the shared database" "$(grep -c "^path = $DB\$" "$CONF")" "1"
out=$(as "$B" 022 check)
same "sirt check: passes for an operator" "$?" "0"
has "sirt check: the shared database's place is ok" "$out" "[store] path $DB: ok"
out=$(as "$C" 022 check)
same "sirt check: refused for someone outside the group (77)" "$?" "77"
has "sirt check: says what to ask for" "$out" "[store] path: $C cannot reach $DB: its directory"

# Again: nothing lost, modes put right.
chmod 1777 "$T/shared"
"$T/bin/sirt" init --shared "$T/shared" --group "$G" >/dev/null 2>"$T/init.err"
same "init again: done" "$?" "0"
has "init again: keeps the database" "$(cat "$T/init.err")" "kept $DB (mode 0660), 0 incidents"
same "init again: sticky bit gone" "$(mode "$T/shared")" "2770 $G"
json=$("$T/bin/sirt" init --shared "$T/shared" --group "$G" --format json 2>/dev/null)
same "init --format json: what was made and kept" \
	"$(printf '%s' "$json" | jq -c '[.made_dir, .made_db, .incidents, .group, .config["store.path"] == .db]')" \
	"[false,false,0,\"$G\",true]"
out=$("$T/bin/sirt" --db "$T/elsewhere.db" init --shared "$T/shared" --group "$G" 2>&1)
same "init with --db: a usage error (64)" "$?" "64"
has "init with --db: said" "$out" "leave out --db, --config and --read-only"
out=$("$T/bin/sirt" init --shared "$T/shared" --group "nosuch$$" 2>&1)
same "init: unknown group (67)" "$?" "67"
has "init: unknown group said" "$out" "there is no group \"nosuch$$\": create it first"

# Two operators of the group; A's umask shares nothing, yet B works on.
ref=$(as "$A" 077 new --set caller_name="Burak Kılınç" --set nature=Phishing --set title="Shared desk")
same "operator A (umask 077) logs a call" "$ref" "IR-2026-0001"
out=$(as "$B" 077 note "$ref" --kind other "B was here")
same "operator B (umask 077) writes after A" "$?" "0"
# A holds the database open (reading evidence from a pipe): the -wal and
# -shm files exist, made by A under umask 077.
mkfifo "$T/pipe"
chmod 666 "$T/pipe"
as "$A" 077 evidence add "$ref" --stdin --description "Held open" <"$T/pipe" >"$T/held.out" &
held=$!
exec 7>"$T/pipe"
n=0
while [ ! -e "$DB-shm" ] && [ $n -lt 500 ]; do sleep 0.01; n=$((n + 1)); done
# SQLite makes the file, then gives it the database's mode: a moment
# later under load. Waited for, not assumed.
while [ "$(stat -c %a "$DB-shm" 2>/dev/null)" != 660 ] && [ $n -lt 500 ]; do sleep 0.01; n=$((n + 1)); done
same "A's -wal file is the group's, 0660" "$(mode "$DB-wal")" "660 $G"
same "A's -shm file is the group's, 0660" "$(mode "$DB-shm")" "660 $G"
out=$(as "$B" 077 note "$ref" --kind other "B again, while A has it open")
same "B writes while A has it open" "$?" "0"
echo "held" >&7
exec 7>&-
wait $held
same "A's write went through" "$?" "0"
shown=$(as "$B" 022 show "$ref" --format json)
has "who is the login, not \$USER: A" "$shown" "\"created_by\": \"$A\""
has "who is the login, not \$USER: B" "$shown" "\"noted_by\": \"$B\""
lacks "nobody is root" "$shown" "\"root\""
out=$(as "$A" 077 audit verify)
same "the audit chain holds" "$?" "0"

# One operator of the group with the sqlite3 shell, against another's
# session: a trigger planted to run inside it is refused there, named; a
# guard dropped and a category changed meanwhile, then the guard made again
# as it was, is named by the other's verify.
sqlsh() { runuser -u "$A" -- sqlite3 "$DB" "$1" 2>&1; }
sqlsh "CREATE TRIGGER planted AFTER INSERT ON timeline BEGIN SELECT 1; END"
out=$(as "$B" 077 note "$ref" --kind other "B, under a planted trigger")
same "a trigger A planted: B's session writes nothing (65)" "$?" "65"
has "a trigger A planted: named to B" "$out" "trigger planted on timeline (not sirt's)"
sqlsh "DROP TRIGGER planted"
guard=$(sqlsh "SELECT sql FROM sqlite_schema WHERE name = 'audit_guard_incident_update'")
sqlsh "DROP TRIGGER audit_guard_incident_update; UPDATE incident SET category = 'data' WHERE ref = '$ref'; $guard"
out=$(as "$B" 077 audit verify)
same "a category A changed outside sirt: B's verify exits 65" "$?" "65"
has "a category A changed outside sirt: named to B" "$out" "incident row 1 ($ref) was changed outside sirt: its category differs"

# Someone outside the group is told what to ask for.
out=$(as "$C" 022 list)
same "outside the group: refused (77)" "$?" "77"
has "outside the group: told to ask" "$out" "$C cannot reach $DB: its directory $T/shared (owner root, group $G, mode 2770) is for group $G: ask an administrator to add $C to it"
lacks "outside the group: not sent to --read-only in vain" "$out" "--read-only"

# A sticky directory works but is said to be wrong.
chmod 3770 "$T/shared"
out=$(as "$B" 022 list)
same "sticky: still works" "$?" "0"
has "sticky: said, with the fix" "$out" "sirt: warning: $T/shared is sticky; ask an administrator to run chmod -t $T/shared"
chmod 2770 "$T/shared"
# Not setgid: what B makes would get B's own group.
chmod g-s "$T/shared"
out=$(as "$B" 022 list)
has "not setgid: said, with the fix" "$out" "is not setgid; ask an administrator to run chmod g+s $T/shared"
chmod 2770 "$T/shared"
# World-readable.
chmod 0664 "$DB"
out=$(as "$B" 022 list)
has "world-readable: said, with the fix" "$out" "$DB can be read by every user here; run chmod o-rwx $DB"
# Read-only file: writing is refused before anything, reading still works.
chmod 0440 "$DB"
out=$(as "$B" 022 note "$ref" --kind other "refused")
same "read-only file: refused (77)" "$?" "77"
has "read-only file: said, with the fix" "$out" "$DB is read-only (mode 0440): make it writable with chmod ug+w"
out=$(as "$B" 022 list)
same "read-only file: list reads it without being told" "$?" "0"
out=$(as "$B" 022 --read-only list)
same "read-only file: --read-only reads" "$?" "0"
has "read-only file: --read-only lists" "$out" "Shared desk"
chmod 0660 "$DB"
rm -f "$DB-wal" "$DB-shm"
# A directory the group cannot write: no place for the -wal file.
chmod 2750 "$T/shared"
out=$(as "$B" 022 list)
same "directory not writable: refused (77)" "$?" "77"
has "directory not writable: said" "$out" "cannot create files in $T/shared"
chmod 2770 "$T/shared"
# A -wal file another tool left for its owner alone.
touch "$DB-wal"
chown "$A" "$DB-wal"
chmod 600 "$DB-wal"
out=$(as "$B" 022 list)
same "a sidecar B cannot open: refused (77)" "$?" "77"
has "a sidecar B cannot open: said, with the fix" "$out" "chmod 0660 $DB-wal"
rm -f "$DB-wal"
# A -shm file of B's own that fell behind the database's mode: A is told
# what to do; B's own next sirt puts it right, for everyone.
touch "$DB-shm"
chown "$B" "$DB-shm"
chmod 600 "$DB-shm"
out=$(as "$A" 022 list)
same "a sidecar of B's: A refused (77)" "$?" "77"
has "a sidecar of B's: A told the fix" "$out" "chmod 0660 $DB-shm"
out=$(as "$B" 022 list)
same "a sidecar of B's: B's sirt puts it right and works" "$?" "0"
out=$(as "$A" 022 list)
same "a sidecar of B's: then A works again" "$?" "0"
has "a sidecar of B's: A sees the incident" "$out" "Shared desk"

# init, run as root where the group may write, follows no link a member
# planted, and gives no directory of someone else's to the group.
printf 'secret\n' >"$T/secret"
chmod 600 "$T/secret"
mkdir "$T/secretdir"
chmod 700 "$T/secretdir"
"$T/bin/sirt" init --shared "$T/team" --group "$G" >/dev/null 2>&1
runuser -u "$A" -- sh -c "rm -f '$T/team/sirt.db' && ln -s '$T/secret' '$T/team/sirt.db'"
out=$("$T/bin/sirt" init --shared "$T/team" --group "$G" 2>&1)
same "init over a planted link to a file: refused (65)" "$?" "65"
has "init over a planted link to a file: said" "$out" "sirt.db is a symbolic link, a second name of another file or not a file"
same "init over a planted link to a file: the file untouched" "$(stat -c '%a %U %G' "$T/secret")" "600 root root"
runuser -u "$A" -- sh -c "rm -f '$T/team/sirt.db' && ln -s '$T/secret' '$T/team/sirt.db-wal'"
"$T/bin/sirt" init --shared "$T/team" --group "$G" >/dev/null 2>"$T/init.err"
same "init with a planted -wal link: refused (65)" "$?" "65"
has "init with a planted -wal link: said" "$(cat "$T/init.err")" "sirt.db-wal is a symbolic link"
same "init with a planted -wal link: the file untouched" "$(stat -c '%a %U %G %s' "$T/secret")" "600 root root 7"
runuser -u "$A" -- ln -s "$T/secretdir" "$T/team/evil"
out=$("$T/bin/sirt" init --shared "$T/team/evil" --group "$G" 2>&1)
same "init on a planted directory link: refused (73)" "$?" "73"
has "init on a planted directory link: said" "$out" "a symbolic link, which init does not follow"
same "init on a planted directory link: untouched" "$(stat -c '%a %U %G' "$T/secretdir")" "700 root root"
runuser -u "$A" -- mkdir "$T/team/mine"
out=$("$T/bin/sirt" init --shared "$T/team/mine" --group "$G" 2>&1)
same "init on another's directory: refused (77)" "$?" "77"
has "init on another's directory: said" "$out" "belongs to $A: init gives only a directory of its own to the group"

# A read-only filesystem: writing refused with the fix, reading works,
# also when a crash left changes in the -wal file.
mkdir "$T/ro"
if mount -t tmpfs -o size=8m tmpfs "$T/ro" 2>/dev/null; then
	chmod 777 "$T/ro"
	RO="$T/ro/sirt.db"
	as "$A" 077 --db "$RO" new --set caller_name=X --set nature=Y --set title="On ro" >/dev/null
	mkfifo -m 666 "$T/ro/pipe"
	as "$A" 077 --db "$RO" evidence add IR-2026-0001 --stdin --description "Held" <"$T/ro/pipe" >/dev/null &
	exec 7>"$T/ro/pipe"
	n=0
	while [ ! -e "$RO-shm" ] && [ $n -lt 500 ]; do sleep 0.01; n=$((n + 1)); done
	as "$A" 077 --db "$RO" new --set caller_name=X --set nature=Y --set title="Only in the wal" >/dev/null
	# The holder dies: its -wal, with the second call, stays.
	pkill -KILL -u "$A" -f "evidence add" 2>/dev/null
	exec 7>&-
	wait 2>/dev/null
	same "a crash left changes in the -wal" "$([ -s "$RO-wal" ] && echo yes)" "yes"
	mount -o remount,ro "$T/ro"
	out=$(as "$A" 077 --db "$RO" note IR-2026-0001 --kind other "refused")
	same "read-only filesystem: writing refused (73)" "$?" "73"
	has "read-only filesystem: said" "$out" "is on a read-only filesystem: remount it read-write, or look with --read-only"
	out=$(as "$A" 077 --db "$RO" --read-only list)
	code=$?
	# Either SQLite reads the -wal too, or sirt says to copy: never a
	# list without the second call.
	case "$code:$out" in
	0:*"Only in the wal"*) ok "read-only filesystem with a -wal: --read-only lists all" ;;
	73:*"-wal holds changes not yet in"*) ok "read-only filesystem with a -wal: told to copy it" ;;
	*) not_ok "read-only filesystem with a -wal: exit $code, $out" ;;
	esac
	# Writable again, a sirt takes the -wal in and removes it on leaving.
	mount -o remount,rw "$T/ro"
	as "$A" 077 --db "$RO" list >/dev/null
	mount -o remount,ro "$T/ro"
	same "the -wal taken in" "$([ -e "$RO-wal" ] && echo left || echo gone)" "gone"
	out=$(as "$A" 077 --db "$RO" --read-only list)
	same "read-only filesystem: --read-only reads" "$?" "0"
	has "read-only filesystem: --read-only lists" "$out" "On ro"
	has "read-only filesystem: --read-only lists the call from the -wal" "$out" "Only in the wal"
else
	count=$((count + 1))
	echo "ok $count - read-only filesystem # SKIP cannot mount a tmpfs here"
fi

finish
