#!/bin/sh
# Configuration in layers: /etc/sirt/sirt.ini, then /etc/sirt/sirt.d/*.ini
# in name order, then the login's own sirt.ini, each overriding only the
# keys it names; --config and SIRT_CONFIG replace them; sirt config says
# where every value comes from; sirt check says what this login may do
# and warns, as every command does, when a layer moves the database away
# from the system's. The machine's layers are read from $T/etc here
# (test builds read SIRT_TEST_SYSTEM_CONFIG and the sirt.d beside it).
set -u
. "$(dirname "$0")/lib.sh"
me=$(id -un)
ETC="$T/etc"
export SIRT_TEST_SYSTEM_CONFIG="$ETC/sirt.ini"
USER_INI="$XDG_CONFIG_HOME/sirt/sirt.ini"
mkdir -p "$ETC/sirt.d" "$XDG_CONFIG_HOME/sirt"

cat > "$ETC/sirt.ini" <<INI
[sirt]
organisation = Example System Office
hotline = +1 555 0100
ref_prefix = SYS
forms = $SRC/forms
procedures = $SRC/data/procedures
restoration = $SRC/data/restoration/plan-a.ini
[store]
path = $T/team.db
[categories]
data = Threat to sensitive data
[roles]
responders = $me
default = reviewer
INI
# Logs an incident: sirt_new [OPTION]... --set title=TITLE
sirt_new() { "$SIRT" new --set caller_name="Dana Reyes" --set nature="Phishing" "$@"; }
sirt_new --db "$T/team.db" --config "$ETC/sirt.ini" --set title="Team incident" >/dev/null
sirt_new --db "$T/mine.db" --config "$ETC/sirt.ini" --set title="Mine" >/dev/null
sirt_new --db "$T/mine.db" --config "$ETC/sirt.ini" --set title="Mine too" >/dev/null

# The system's file alone: every value from its line.
out=$("$SIRT" config)
same "config: exits 0" "$?" "0"
has "config: a value with its file and line" "$out" "$ETC/sirt.ini:2: [sirt] organisation = Example System Office"
has "config: a role with its file and line" "$out" "$ETC/sirt.ini:13: [roles] responders = $me"
has "config: a default named as one" "$out" "(default): [sirt] currency = USD"
same "config: JSON, each setting with its origin" \
	"$("$SIRT" config --format json | jq -c '.layers, (.settings[] | select(.key == "ref_prefix"))')" \
	"[\"$ETC/sirt.ini\"]
{\"section\":\"sirt\",\"key\":\"ref_prefix\",\"value\":\"SYS\",\"file\":\"$ETC/sirt.ini\",\"line\":4}"
same "new: the system's database and prefix" "$(sirt_new --set title=x)" "SYS-$(date +%Y)-0002"

# One value overridden in sirt.d: that key, and nothing else.
printf '; our prefix\n[sirt]\nref_prefix = OPS\n' > "$ETC/sirt.d/20-prefix.ini"
printf '[sirt]\norganisation = Example Early Office\n' > "$ETC/sirt.d/10-org.ini"
printf '[sirt]\norganisation = Example Later Office\n' > "$ETC/sirt.d/30-org.ini"
# Not layers: a package manager's leftovers and hidden files.
printf '[sirt]\nref_prefix = OLD\n' > "$ETC/sirt.d/20-prefix.ini.dpkg-old"
printf '[sirt]\nref_prefix = HID\n' > "$ETC/sirt.d/.hidden.ini"
out=$("$SIRT" config)
has "sirt.d: the overriding layer and line" "$out" "$ETC/sirt.d/20-prefix.ini:3: [sirt] ref_prefix = OPS"
has "sirt.d: the last in name order wins" "$out" "$ETC/sirt.d/30-org.ini:2: [sirt] organisation = Example Later Office"
lacks "sirt.d: an overridden value is not listed" "$out" "Example Early Office"
has "sirt.d: other keys stay the system's" "$out" "$ETC/sirt.ini:3: [sirt] hotline = +1 555 0100"
lacks "sirt.d: only *.ini files, not hidden ones" "$out" "OLD"
lacks "sirt.d: not hidden files" "$out" "HID"
same "sirt.d: new uses the overriding prefix, in the same database" "$(sirt_new --set title=y)" \
	"OPS-$(date +%Y)-0003"
out=$("$SIRT" check)
has "check: names every layer in order" "$out" \
	"$ETC/sirt.ini, $ETC/sirt.d/10-org.ini, $ETC/sirt.d/20-prefix.ini, $ETC/sirt.d/30-org.ini: ok: 1 category"

# A relative path in a layer is taken from that layer's directory.
ln -s "$SRC/forms" "$ETC/sirt.d/our-forms"
printf '[sirt]\nforms = our-forms\n' > "$ETC/sirt.d/40-forms.ini"
has "sirt.d: a relative path from the layer's directory" "$("$SIRT" check)" \
	"forms intake, lead, triage, report and review in $ETC/sirt.d/our-forms,"
has "config: a relative path shown resolved" "$("$SIRT" config)" \
	"$ETC/sirt.d/40-forms.ini:2: [sirt] forms = our-forms ($ETC/sirt.d/our-forms)"
rm "$ETC/sirt.d/40-forms.ini" "$ETC/sirt.d/our-forms"

# A problem in a layer names that layer and line.
printf '[sirt]\nhotline = +1 555 0100\ncolour = blue\n' > "$ETC/sirt.d/50-bad.ini"
out=$("$SIRT" check 2>&1)
same "check: a bad layer fails (78)" "$?" "78"
has "check: the bad layer's file and line" "$out" "$ETC/sirt.d/50-bad.ini:3: unknown key \"colour\" in [sirt]"
rm "$ETC/sirt.d/50-bad.ini"

# The login's own layer overrides one key.
printf '[sirt]\nhotline = +1 555 0177\n' > "$USER_INI"
out=$("$SIRT" config)
has "user layer: its key and line" "$out" "$USER_INI:2: [sirt] hotline = +1 555 0177"
has "user layer: the rest stays the system's" "$out" "$ETC/sirt.ini:13: [roles] responders = $me"
same "user layer: the team's database still" "$("$SIRT" list --format json | jq -r '.[].title' | sort | tr '\n' ,)" \
	"Team incident,x,y,"
lacks "user layer: no warning without another database" "$("$SIRT" check 2>&1)" "WARNING"

# --config and SIRT_CONFIG replace the layers.
plan own leads
out=$("$SIRT" --config "$T/own.ini" config)
lacks "--config: no layer of the system's" "$out" "$ETC"
lacks "--config: nor the login's" "$out" "$USER_INI"
has "--config: its own values" "$out" "$T/own.ini:2: [sirt] hotline = +1 555 0100"
out=$(SIRT_CONFIG="$T/own.ini" "$SIRT" check)
has "SIRT_CONFIG: the one file, checked alone" "$out" "$T/own.ini: ok: 1 category"

# A layer of the login's own that moves the database: said loudly.
printf '[sirt]\nhotline = +1 555 0177\n[store]\npath = %s\n' "$T/mine.db" > "$USER_INI"
warning="another database than the system's: $T/mine.db ($USER_INI:4 sets it), not $T/team.db ($ETC/sirt.ini:9)"
out=$("$SIRT" check 2>/dev/null)
same "check: another database is a warning, not a failure (0)" "$?" "0"
has "check: the warning names both files and lines" "$out" "WARNING: $warning; what is recorded there is not where the team looks"
has "config: the same warning" "$("$SIRT" config 2>&1 >/dev/null)" "sirt: WARNING: $warning"
same "check --format json: the warning" "$("$SIRT" check --format json | jq -r .store_elsewhere | cut -d';' -f1)" \
	"$warning"
out=$("$SIRT" list 2>&1 >/dev/null)
has "list: every command warns first" "$out" "sirt: warning: $warning"
out=$(sirt_new --set title=z 2>&1)
has "new: warns before it writes there" "$out" "sirt: warning: $warning"
lacks "--db: no warning for a database named by hand" "$("$SIRT" --db "$T/team.db" list 2>&1 >/dev/null)" "warning"
# An emptied path gives each login a database of their own.
printf '[store]\npath = ""\n' > "$USER_INI"
has "check: an emptied path is another database too" "$("$SIRT" check)" \
	"WARNING: another database than the system's: each login's own, since $USER_INI:2 empties [store] path, not $T/team.db ($ETC/sirt.ini:9)"
# The system's own layers may move it.
rm "$USER_INI"
printf '[store]\npath = %s\n' "$T/mine.db" > "$ETC/sirt.d/60-store.ini"
lacks "sirt.d: the system's layers may move the database" "$("$SIRT" check 2>&1)" "WARNING"
rm "$ETC/sirt.d/60-store.ini"
# The same database named again is no other database.
printf '[store]\npath = %s/../%s/team.db\n' "$T" "$(basename "$T")" > "$USER_INI"
lacks "user layer: the same database by another path" "$("$SIRT" check 2>&1)" "WARNING"
rm "$USER_INI"

# Who you are and what you may do.
out=$("$SIRT" check)
has "check: the role named in [roles]" "$out" \
	"you ($me) are: responder, so you can read, log calls and work incidents"
lacks "check: named, no default" "$out" "does not name you"
out=$("$SIRT" --config "$SRC/data/plan-b.ini" check)
has "check: plan B, a login it does not name only reads" "$out" \
	"you ($me) are: reviewer, so you can only read; [roles] does not name you, so you hold its default ($SRC/data/plan-b.ini:37)"
same "check --format json: you" "$("$SIRT" --config "$SRC/data/plan-b.ini" check --format json | jq -r .you | cut -d';' -f1)" \
	"you ($me) are: reviewer, so you can only read"
# The first start under plan B says who you are before the database.
out=$(sirt_new --config "$SRC/data/plan-b.ini" --set title=w 2>&1)
same "plan B first start: fails (66)" "$?" "66"
has "plan B first start: the role first" "$(printf '%s\n' "$out" | sed -n 1p)" "sirt: you ($me) are: reviewer"
has "plan B first start: then the database" "$(printf '%s\n' "$out" | sed -n 2p)" \
	"sirt: $XDG_DATA_HOME/sirt/sirt.db does not exist, and a read-only session cannot create it"

# A sirt.d that cannot be read as a directory is said, not skipped.
rm -r "$ETC/sirt.ini" "$ETC/sirt.d"
touch "$ETC/sirt.d"
out=$("$SIRT" check 2>&1)
same "sirt.d not a directory: a configuration problem (78)" "$?" "78"
has "sirt.d not a directory: said" "$out" \
	"$ETC/sirt.d: cannot read the directory of configuration layers: Not a directory"
rm "$ETC/sirt.d"

# With no layer at all, the built-in sample plan.
has "no layer: the sample plan" "$("$SIRT" config)" "$SRC/data/plan-a.ini:13: [sirt] organisation = Example University"
same "help config: exits 0" "$("$SIRT" help config >/dev/null; echo $?)" "0"
finish
