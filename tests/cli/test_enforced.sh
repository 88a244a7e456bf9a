#!/bin/sh
# The enforced database (sirt init --enforce), by real accounts: an
# operator, a lead and a manager, none of them in sirt's group. Only
# sirt, run setgid to the group, opens the database; its roles come from
# the machine's configuration alone; the operator cannot take the
# manager's role with a configuration of their own, nor open the file
# with another program, nor use the group for anything but the database.
# It creates a group and users of its own, so it needs root; they are
# removed at the end.
set -u
. "$(dirname "$0")/accounts.sh"

G="sirtq$$"
OP="sirto$$"
LEAD="sirtl$$"
MGR="sirtm$$"
MEM="sirtg$$"
NOBODY="sirtn$$"
cleanup() {
	for u in "$OP" "$LEAD" "$MGR" "$MEM" "$NOBODY"; do userdel "$u" 2>/dev/null; done
	groupdel "$G" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
groupadd "$G"
for u in "$OP" "$LEAD" "$MGR" "$NOBODY"; do useradd -M -U -s /bin/sh "$u"; done

# sirt, setgid to the group; the plan and the machine's configuration
# root's, as /etc/sirt would be (test builds read SIRT_TEST_SYSTEM_CONFIG
# in its place).
chmod 755 "$T"
mkdir -p "$T/bin" "$T/plan" "$T/etc"
cp "$SIRT" "$T/bin/sirt"
chown root:"$G" "$T/bin/sirt"
chmod 2755 "$T/bin/sirt"
cp -r "$SRC/data" "$SRC/forms" "$T/plan/"
SYS="$T/etc/sirt.ini"
sed -e "s|^; forms = forms|forms = $T/plan/forms|" \
	-e "s|^; procedures = procedures|procedures = $T/plan/data/procedures|" \
	-e "s|^; restoration = .*|restoration = $T/plan/data/restoration/plan-a.ini|" \
	-e "s|^leads = .*|leads = $LEAD|" -e "s|^managers = .*|managers = $MGR|" \
	-e "s|^default = lead|responders = $OP\ndefault = operator|" "$SRC/data/plan-a.ini" >"$SYS"
chmod -R a+rX,go-w "$T/bin" "$T/plan" "$T/etc"
for u in "$OP" "$LEAD" "$MGR" "$NOBODY"; do mkdir -p "$T/home-$u" && chown "$u" "$T/home-$u"; done

# as USER ARGS...: the setgid sirt run by USER, stdout and stderr together.
as() {
	u=$1
	shift
	runuser -u "$u" -- env HOME="$T/home-$u" XDG_DATA_HOME="$T/home-$u/data" XDG_CONFIG_HOME="$T/home-$u/config" \
		USER=root LOGNAME=root SIRT_TEST_SYSTEM_CONFIG="$SYS" "$T/bin/sirt" "$@" 2>&1
}
mode() { stat -c '%a %U %G' "$1"; }

# The administrator sets it up.
lines=$(SIRT_TEST_SYSTEM_CONFIG="$SYS" "$T/bin/sirt" init --shared "$T/shared" --group "$G" --enforce 2>"$T/init.err")
same "init --enforce: done" "$?" "0"
has "init --enforce: says it is enforced" "$(cat "$T/init.err")" "enforced: only sirt, run setgid to the group, may open it"
has "init --enforce: sirt is setgid to the group" "$(cat "$T/init.err")" "$T/bin/sirt is setgid $G: ok."
has "init --enforce: nobody is in the group" "$(cat "$T/init.err")" "no login is in group $G: ok."
lacks "init --enforce: no operator is to be added" "$(cat "$T/init.err")" "usermod -aG"
DB="$T/shared/sirt.db"
same "init --enforce: the directory is the group's alone" "$(mode "$T/shared")" "2770 root $G"
same "init --enforce: the database is the group's" "$(mode "$DB")" "660 root $G"
sed -i "s|^; path = /var/lib/sirt/sirt.db|$(echo "$lines" | grep '^path = ')|" "$SYS"
same "the machine's configuration names it" "$(grep -c "^path = $DB\$" "$SYS")" "1"
json=$(SIRT_TEST_SYSTEM_CONFIG="$SYS" "$T/bin/sirt" init --shared "$T/shared" --group "$G" --enforce --format json 2>/dev/null)
same "init --enforce --format json: enforced, setgid, no members" \
	"$(printf '%s' "$json" | jq -c '[.enforced, .setgid, .members, .was_enforced]')" '[true,true,[],true]'

out=$(as "$OP" check)
same "sirt check by an operator: passes" "$?" "0"
has "sirt check: the database is enforced" "$out" "[store] path $DB: enforced (only sirt, setgid to its group, opens it): ok"
lacks "sirt check: nobody is told to join the group" "$out" "add $OP"

# Anyone on the machine can run sirt: only the logins [roles] names work
# on the enforced database, whatever [roles] default says.
out=$(as "$NOBODY" list)
same "a login [roles] does not name: refused (77)" "$?" "77"
has "a login [roles] does not name: said, with whom to ask" "$out" \
	"is an enforced database, for the logins [roles] names in $SYS, and $NOBODY is not one of them"
out=$(as "$NOBODY" check)
same "a login [roles] does not name: sirt check says so (77)" "$?" "77"
has "sirt check: says so" "$out" "and $NOBODY is not one of them"
has "sirt check: no default role is claimed for them" "$out" \
	"you ($NOBODY) are: nobody here: [roles] names the logins of an enforced database, and its default is for nobody"
# Importing adds to a login's roles: named there alone, a login is no one's.
sed -i "s|^\[roles\]\$|[roles]\nimporters = $NOBODY|" "$SYS"
out=$(as "$NOBODY" list)
same "a login named only in importers: refused (77)" "$?" "77"
sed -i "/^importers = $NOBODY\$/d" "$SYS"
# A plan checked with --config before it is installed: the enforced
# database is not looked at with it.
out=$(as "$OP" --config "$SYS" check)
same "sirt --config FILE check on an enforced host: passes" "$?" "0"
has "sirt --config FILE check: says the database is not looked at" "$out" \
	"is an enforced database, which sirt opens only with the machine's configuration (/etc/sirt): not looked at with this one"

# Another program cannot open it: the operator is not in the group.
out=$(runuser -u "$OP" -- sqlite3 "$DB" 'SELECT count(*) FROM incident' 2>&1)
[ $? -ne 0 ] && ok "sqlite3 on the enforced database: refused" || not_ok "sqlite3 on the enforced database: refused"
has "sqlite3: unable to open it" "$out" "unable to open database"
out=$(runuser -u "$OP" -- cat "$DB" 2>&1)
has "cat on the enforced database: permission denied" "$out" "Permission denied"

# sirt opens it, for each by their role.
ref=$(as "$OP" new --set caller_name="Burak Kılınç" --set nature=Phishing --set title="Enforced desk")
same "the operator logs a call" "$ref" "IR-2026-0001"
same "who is the login, not \$USER" "$(as "$LEAD" show "$ref" --format json | jq -r .created_by)" "$OP"
same "the -wal file is the group's, 0660" "$(stat -c '%a %G' "$DB-wal")" "660 $G"
same "completion offers its references" "$(as "$OP" __complete 2 sirt show IR | tail -n +2)" "$ref"
same "completion with --db: nothing from it" "$(as "$OP" __complete 4 sirt --db "$DB" show IR | tail -n +2)" ""
out=$(as "$OP" change propose "$ref" "Block the sender domain" --why "phishing source")
same "the operator (a responder) proposes a change" "$?" "0"

# The group is used to open the database only: once it is open, the
# process holds the operator's group alone (real, effective, saved, fs).
mkfifo -m 666 "$T/pipe"
runuser -u "$OP" -- env HOME="$T/home-$OP" XDG_DATA_HOME="$T/home-$OP/data" XDG_CONFIG_HOME="$T/home-$OP/config" \
	SIRT_TEST_SYSTEM_CONFIG="$SYS" "$T/bin/sirt" evidence add "$ref" --stdin --description "Held open" \
	<"$T/pipe" >"$T/held.out" 2>&1 &
held=$!
exec 7>"$T/pipe"
pid=""
n=0
while [ -z "$pid" ] && [ $n -lt 500 ]; do
	pid=$(pgrep -u "$OP" -x sirt | head -n 1)
	[ -n "$pid" ] && grep -q "$DB-wal" "/proc/$pid/maps" 2>/dev/null || ls -l "/proc/$pid/fd" 2>/dev/null | grep -q "$DB-shm" || pid=""
	[ -z "$pid" ] && sleep 0.01
	n=$((n + 1))
done
opgid=$(id -g "$OP")
same "once open: no trace of sirt's group in the process" \
	"$(awk '/^Gid:/ { print $2, $3, $4, $5 }' "/proc/$pid/status")" "$opgid $opgid $opgid $opgid"
out=$(runuser -u "$OP" -- ls "/proc/$pid/fd" 2>&1)
has "the operator cannot reach its descriptors" "$out" "Permission denied"
echo "held" >&7
exec 7>&-
wait $held
same "the evidence was recorded" "$?" "0"

# Where the kernel runs sirt without its setgid bit (no_new_privs, as a
# service with NoNewPrivileges has it; a debugger; a nosuid mount), the
# operator is not told to ask to join the group.
if command -v setpriv >/dev/null; then
	out=$(runuser -u "$OP" -- setpriv --no-new-privs env HOME="$T/home-$OP" XDG_CONFIG_HOME="$T/home-$OP/config" \
		SIRT_TEST_SYSTEM_CONFIG="$SYS" "$T/bin/sirt" list 2>&1)
	same "no_new_privs: refused (77)" "$?" "77"
	lacks "no_new_privs: nobody told to join the group" "$out" "ask an administrator to add"
	has "no_new_privs: said why" "$out" "this sirt is setgid $G but runs without it"
fi

# Taking the manager's role: a copy of the configuration with
# managers = the operator, by --config, by SIRT_CONFIG, by a layer.
sed "s|^managers = .*|managers = $OP|" "$SYS" >"$T/home-$OP/evil.ini"
chown "$OP" "$T/home-$OP/evil.ini"
out=$(as "$OP" --config "$T/home-$OP/evil.ini" change approve "$ref" 1 --reason "self-granted")
same "--config of one's own: refused (77)" "$?" "77"
has "--config: said why" "$out" "is in the directory of an enforced database, which sirt opens only as the machine's configuration (/etc/sirt) names it"
out=$(runuser -u "$OP" -- env HOME="$T/home-$OP" XDG_CONFIG_HOME="$T/home-$OP/config" SIRT_TEST_SYSTEM_CONFIG="$SYS" \
	SIRT_CONFIG="$T/home-$OP/evil.ini" "$T/bin/sirt" change approve "$ref" 1 --reason "self-granted" 2>&1)
same "SIRT_CONFIG of one's own: refused (77)" "$?" "77"
out=$(as "$OP" --db "$DB" change approve "$ref" 1 --reason "self-granted")
same "--db naming it: refused (77)" "$?" "77"
mkdir -p "$T/home-$OP/config/sirt"
printf '[roles]\nmanagers = %s\n' "$OP" >"$T/home-$OP/config/sirt/sirt.ini"
chown -R "$OP" "$T/home-$OP/config"
out=$(as "$OP" change approve "$ref" 1 --reason "self-granted")
same "a layer of one's own giving roles: refused (77)" "$?" "77"
has "a layer of one's own: names the file, line and key" "$out" \
	"is an enforced database, whose roles, forms, procedures and deadlines come only from the machine's configuration (/etc/sirt), but $T/home-$OP/config/sirt/sirt.ini:2 sets [roles] managers"
out=$(as "$OP" check)
same "sirt check with such a layer: refused (77)" "$?" "77"
has "sirt check with such a layer: names it" "$out" "$T/home-$OP/config/sirt/sirt.ini:2 sets [roles] managers"
printf '[sirt]\norganisation = Mine\n' >"$T/home-$OP/config/sirt/sirt.ini"
out=$(as "$OP" list)
same "a layer of one's own, whatever it sets: refused (77)" "$?" "77"
rm -r "$T/home-$OP/config"
out=$(as "$OP" change approve "$ref" 1 --reason "self-granted")
same "without a layer: the operator may not approve (77)" "$?" "77"
same "the change still waits for a manager" \
	"$(as "$LEAD" show "$ref" --format json | jq -r '.changes[0].state')" "proposed"
out=$(as "$MGR" change approve "$ref" 1 --reason "do it today")
same "the manager approves" "$?" "0"
same "approved by the manager" "$(as "$LEAD" show "$ref" --format json | jq -r '.changes[0].decided_by')" "$MGR"

# Root too works on it only as the configuration names it.
out=$(SIRT_TEST_SYSTEM_CONFIG="$SYS" "$T/bin/sirt" --db "$DB" list 2>&1)
same "root with --db: refused (77)" "$?" "77"
has "root with --db: said" "$out" "is in the directory of an enforced database"
# Not setgid, root can open the file: sirt refuses it all the same.
out=$(SIRT_TEST_SYSTEM_CONFIG="$SYS" "$SIRT" --db "$DB" list 2>&1)
same "root with --db, sirt not setgid: refused (77)" "$?" "77"
has "root with --db, sirt not setgid: said" "$out" "is an enforced database: sirt works on it only as the machine's configuration"
out=$(SIRT_TEST_SYSTEM_CONFIG="$SYS" "$T/bin/sirt" list 2>&1)
same "root as configured: works" "$?" "0"

# A copy (a backup) is read with --read-only, never written.
out=$(as "$LEAD" backup "$T/home-$LEAD/copy.db")
same "the lead backs it up" "$?" "0"
out=$(as "$LEAD" --db "$T/home-$LEAD/copy.db" --read-only audit verify)
same "the copy, read with --read-only: verified" "$?" "0"
out=$(as "$LEAD" --db "$T/home-$LEAD/copy.db" note "$ref" --kind other "written to a copy")
same "the copy, written: refused (77)" "$?" "77"
has "the copy, written: told to read it with --read-only" "$out" "a copy, a backup, is read with --read-only"

# A plan someone else may change is no plan to open it with.
chmod g+w "$SYS"
out=$(as "$OP" list)
same "a group-writable configuration: refused (77)" "$?" "77"
has "a group-writable configuration: said, with the fix" "$out" "may be changed by its group (chmod go-w $SYS)"
chmod g-w "$SYS"
chown "$OP" "$T/plan/forms/intake.ini"
out=$(as "$OP" list)
same "a form of the operator's: refused (77)" "$?" "77"
has "a form of the operator's: said" "$out" "the form $T/plan/forms/intake.ini belongs to uid $(id -u "$OP"), not root"
chown root "$T/plan/forms/intake.ini"
# A form the configuration names outside the forms directory ([forms]
# review = FILE, as the sample plan shows) is checked all the same.
cp "$T/plan/forms/review.ini" "$T/home-$OP/my-review.ini"
chown "$OP" "$T/home-$OP/my-review.ini"
cp "$SYS" "$T/sys.orig"
printf '\n[forms]\nreview = %s\n' "$T/home-$OP/my-review.ini" >>"$SYS"
out=$(as "$OP" list)
same "a form of the operator's named by [forms]: refused (77)" "$?" "77"
has "a form of the operator's named by [forms]: said" "$out" \
	"the form $T/home-$OP/my-review.ini belongs to uid $(id -u "$OP"), not root"
out=$(as "$OP" check)
same "sirt check with that form: refused (77)" "$?" "77"
cat "$T/sys.orig" >"$SYS"
# A link in a directory of the operator's, to root's forms: root's when
# checked, the operator's to point elsewhere as soon as it has been.
ln -s "$T/plan/forms" "$T/home-$OP/forms"
sed -i "s|^forms = .*|forms = $T/home-$OP/forms|" "$SYS"
out=$(as "$OP" list)
same "forms through a link the operator may replace: refused (77)" "$?" "77"
has "forms through such a link: said" "$out" "the directory $T/home-$OP belongs to uid $(id -u "$OP"), not root"
cat "$T/sys.orig" >"$SYS"
# The database's own place: whoever may rename a directory above it
# could put a database of their own where everyone's sirt looks.
ln -s "$T/shared" "$T/home-$OP/shared"
sed -i "s|^path = .*|path = $T/home-$OP/shared/sirt.db|" "$SYS"
out=$(as "$OP" list)
same "the database through a link the operator may replace: refused (77)" "$?" "77"
has "the database through such a link: said" "$out" "the directory $T/home-$OP belongs to uid $(id -u "$OP"), not root"
cat "$T/sys.orig" >"$SYS"
chown "$OP" "$T/shared"
out=$(as "$OP" list)
same "the database's directory the operator's: refused (77)" "$?" "77"
has "the database's directory the operator's: said" "$out" "the database's directory $T/shared does not belong to root"
chown root "$T/shared"
chmod 2770 "$T/shared"
# A relative [store] path is taken from the operator's current
# directory: a link there could lead sirt's group to another of its
# files (here another enforced database of the group, an archive).
mkdir "$T/g"
chown root:"$G" "$T/g"
chmod 2770 "$T/g"
cp "$DB" "$T/g/other.db"
chown root:"$G" "$T/g/other.db"
chmod 660 "$T/g/other.db"
ln -s "$T/g/other.db" "$T/home-$OP/sirt.db"
sed -i "s|^path = .*|path = sirt.db|" "$SYS"
out=$(cd "$T/home-$OP" && as "$OP" list)
[ $? -ne 0 ] && ok "a relative [store] path: the group opens nothing" ||
	not_ok "a relative [store] path: the group opens nothing"
lacks "a relative [store] path: nothing read from the group's other file" "$out" "$ref"
rm -r "$T/g" "$T/home-$OP/sirt.db"
cat "$T/sys.orig" >"$SYS"
out=$(as "$OP" list)
same "root's again: the operator lists" "$?" "0"

# Everything but the database with the operator's own rights: a file
# only the group may read is not evidence the operator can add, and the
# group's directory takes no report of theirs.
echo "the group's secret" >"$T/shared/secret.txt"
chown root:"$G" "$T/shared/secret.txt"
chmod 640 "$T/shared/secret.txt"
out=$(as "$OP" evidence add "$ref" --file "$T/shared/secret.txt" --description "Through the group")
[ $? -ne 0 ] && ok "evidence from the group's directory: refused" || not_ok "evidence from the group's directory: refused"
has "evidence: cannot be read" "$out" "Permission denied"
out=$(as "$OP" report "$ref" --output "$T/shared/planted.md")
[ $? -ne 0 ] && ok "a report into the group's directory: refused" || not_ok "a report into the group's directory: refused"
[ ! -e "$T/shared/planted.md" ] && ok "no report there" || not_ok "no report there"
out=$(as "$OP" backup "$T/shared/copy.db")
[ $? -ne 0 ] && ok "a backup into the group's directory: refused" || not_ok "a backup into the group's directory: refused"
[ ! -e "$T/shared/copy.db" ] && ok "no backup there" || not_ok "no backup there"

out=$(as "$LEAD" audit verify)
same "the audit chain holds" "$?" "0"
# The trail says how each change was made: enforced, and with which plan.
log=$(as "$LEAD" audit log --last 0 --format json)
same "the operator's changes: recorded as made in the enforced mode" \
	"$(printf '%s' "$log" | jq -r --arg u "$OP" '[.[] | select(.who == $u) | .mode] | unique | join(",")')" "enforced"
same "the manager's approval: with the machine's configuration" \
	"$(printf '%s' "$log" | jq -r --arg u "$MGR" '[.[] | select(.who == $u) | .config] | unique | join(",")')" \
	"[\"$SYS\"]"
same "and its SHA-256" \
	"$(printf '%s' "$log" | jq -r --arg u "$MGR" '[.[] | select(.who == $u) | .config_sha256] | unique | join(",")')" \
	"$(sha256sum <"$SYS" | cut -d' ' -f1)"
# Put back from a backup (which is in SQLite's rollback journal mode):
# the group, while it opens the file, makes it WAL again, since without
# the group nobody could make its -wal file.
SIRT_TEST_SYSTEM_CONFIG="$SYS" "$T/bin/sirt" backup "$T/restore.db" >/dev/null 2>&1
rm -f "$DB-wal" "$DB-shm"
cp "$T/restore.db" "$DB"
out=$(as "$OP" new --set caller_name="Dana Ito" --set nature=Phishing --set title="After the restore")
same "put back from a backup: the operator logs a call" "$?" "0"
same "put back from a backup: WAL again" "$(od -An -tu1 -j18 -N2 "$DB" | tr -s ' ')" " 2 2"
out=$(as "$LEAD" audit verify)
same "put back from a backup: the audit chain holds" "$?" "0"

# A group's database (init without --enforce) of the group sirt is
# setgid to, as when an administrator goes back to the group's mode and
# the package leaves sirt setgid: its members work on it, and sirt's
# group gives it to nobody else, with whatever roles a layer of theirs
# would give.
useradd -M -U -s /bin/sh "$MEM"
usermod -aG "$G" "$MEM"
mkdir -p "$T/home-$MEM" && chown "$MEM" "$T/home-$MEM"
SYS2="$T/etc/group.ini"
SIRT_TEST_SYSTEM_CONFIG="$SYS2" "$T/bin/sirt" init --shared "$T/shared2" --group "$G" >/dev/null 2>&1
sed -e "s|^path = .*|path = $T/shared2/sirt.db|" -e "s|^leads = .*|leads = $MEM|" "$SYS" >"$SYS2"
chmod 644 "$SYS2"
as2() {
	u=$1
	shift
	runuser -u "$u" -- env HOME="$T/home-$u" XDG_DATA_HOME="$T/home-$u/data" XDG_CONFIG_HOME="$T/home-$u/config" \
		SIRT_TEST_SYSTEM_CONFIG="$SYS2" "$T/bin/sirt" "$@" 2>&1
}
ref2=$(as2 "$MEM" new --set caller_name="Chidi Okeke" --set nature=Phishing --set title="The group's own")
same "group's mode: a member logs a call with the setgid sirt" "$ref2" "IR-2026-0001"
same "group's mode: a member lists it" "$(as2 "$MEM" list --format json | jq -r '.[0].title')" "The group's own"
mkdir -p "$T/home-$OP/config/sirt"
printf '[roles]\nleads = %s\n' "$OP" >"$T/home-$OP/config/sirt/sirt.ini"
chown -R "$OP" "$T/home-$OP/config"
out=$(as2 "$OP" list)
same "group's mode: sirt's group gives it to no one outside the group (77)" "$?" "77"
lacks "group's mode: nothing of it shown" "$out" "The group's own"
has "group's mode: said why" "$out" "is not an enforced database but a group's"
out=$(as2 "$OP" new --set caller_name="Eve Example" --set nature=Phishing --set title="Planted")
same "group's mode: no call logged by one outside the group (77)" "$?" "77"
same "group's mode: completion offers nothing outside the group" "$(as2 "$OP" __complete 2 sirt show IR | tail -n +2)" ""
rm -r "$T/home-$OP/config"
same "group's mode: nothing was added" "$(as2 "$MEM" list --format json | jq -r 'length')" "1"
finish
