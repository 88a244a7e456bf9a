#!/bin/sh
# Install anywhere: an installed sirt reads its sample plan, forms and
# procedures from the data directory it was built for ($datadir/sirt),
# never from the source tree, whose path is not in the binary; the tests
# and a build that is not installed find them through $SIRT_DATA_DIR.
# meson install puts the binary, the manuals, the data with their
# relative paths kept (plan-b.ini names ../forms), the README and the
# licence where they belong.
# Arguments: the build directory and the data directory built in.
set -u
. "$(dirname "$0")/lib.sh"
BUILD=${1:?give the build directory}
DATA=${2:?give the data directory built in}

# 1. Nothing of the source tree's path in what the program reads: its
# read-only data (debugging information may name the sources; it is
# not read at run time).
if objcopy -O binary --only-section=.rodata "$SIRT" "$T/rodata" 2>"$T/err"; then
	if grep -qF "$SRC" "$T/rodata"; then
		not_ok "no path of the source tree in the binary"
		grep -aoF "$SRC" "$T/rodata" | head -3 | sed 's/^/  found: /'
	else
		ok "no path of the source tree in the binary"
	fi
	if grep -qF "$DATA" "$T/rodata"; then ok "the data directory built in is $DATA"; else
		not_ok "the data directory built in is $DATA"
	fi
else
	not_ok "objcopy reads the binary's .rodata"
	cat "$T/err"
fi

# 2. Without SIRT_DATA_DIR (or with it empty), the sample is looked for
# in the data directory built in: found there if sirt is installed on
# this machine, else named with what to do.
for how in unset empty; do
	if [ "$how" = unset ]; then
		out=$(env -u SIRT_DATA_DIR "$SIRT" check 2>&1)
	else
		out=$(SIRT_DATA_DIR= "$SIRT" check 2>&1)
	fi
	rc=$?
	if [ -f "$DATA/data/plan-a.ini" ]; then
		same "SIRT_DATA_DIR $how, sirt installed: check passes" "$rc" "0"
		has "SIRT_DATA_DIR $how, sirt installed: the installed sample" "$out" \
			"$DATA/data/plan-a.ini: ok:"
	else
		same "SIRT_DATA_DIR $how, nothing installed: check fails (78)" "$rc" "78"
		has "SIRT_DATA_DIR $how, nothing installed: the place named" "$out" \
			"$DATA/data/plan-a.ini: cannot read: the built-in sample plan is missing"
		has "SIRT_DATA_DIR $how, nothing installed: what to do" "$out" "SIRT_DATA_DIR"
	fi
	lacks "SIRT_DATA_DIR $how: the source tree is not looked at" "$out" "$SRC"
done

# 3. SIRT_DATA_DIR names the directory: an empty one is refused, naming
# the file looked for.
mkdir "$T/empty"
out=$(SIRT_DATA_DIR="$T/empty" "$SIRT" check 2>&1)
same "SIRT_DATA_DIR empty directory: check fails (78)" "$?" "78"
has "SIRT_DATA_DIR empty directory: names the file" "$out" "$T/empty/data/plan-a.ini: cannot read"

# 4. meson install, into a staging directory: every file where it goes.
if meson install -C "$BUILD" --no-rebuild --quiet --destdir "$T/stage" >"$T/install.log" 2>&1; then
	ok "meson install --destdir"
else
	not_ok "meson install --destdir"
	cat "$T/install.log"
fi
prefix=$(meson introspect --buildoptions "$BUILD" | jq -r '.[] | select(.name == "prefix") | .value')
for f in bin/sirt share/man/man1/sirt.1 share/man/man5/sirt.ini.5 share/man/man5/sirt-forms.5 \
	share/man/man5/sirt-export.5 share/man/man7/sirt-security.7 share/sirt/schema/export.schema.json share/sirt/schema/report.schema.json \
	share/bash-completion/completions/sirt share/zsh/vendor-completions/_sirt \
	share/doc/sirt/README.md share/doc/sirt/LICENSE; do
	if [ -f "$T/stage$prefix/$f" ]; then ok "installed: $prefix/$f"; else not_ok "installed: $prefix/$f"; fi
done
for f in $(cd "$SRC" && find data forms -type f -name '*.ini' | sort); do
	if cmp -s "$SRC/$f" "$T/stage$DATA/$f"; then ok "installed: $DATA/$f"; else not_ok "installed: $DATA/$f"; fi
done

# 5. The staged data work as installed ones: the built-in sample and plan
# B (../forms, procedures, restoration/plan-b.ini) pass check there.
out=$(SIRT_DATA_DIR="$T/stage$DATA" "$SIRT" check 2>&1)
same "the installed sample plan passes check" "$?" "0"
has "the installed sample plan: its forms" "$out" "in $T/stage$DATA/forms,"
out=$(env -u SIRT_DATA_DIR "$SIRT" --config "$T/stage$DATA/data/plan-b.ini" check 2>&1)
same "the installed plan B passes check" "$?" "0"
has "the installed plan B: its forms at ../forms" "$out" "in $T/stage$DATA/data/../forms,"
lacks "the installed plan B: nothing from the source tree" "$out" "$SRC"
# A plan elsewhere naming a shipped regime finds it in the installed
# data/regimes.
mkdir -p "$T/elsewhere"
printf '[sirt]\nhotline = +1 555 0100\nregimes = plan-b\n[categories]\ndata = Data\n' > "$T/elsewhere/plan.ini"
out=$(SIRT_DATA_DIR="$T/stage$DATA" "$SIRT" --config "$T/elsewhere/plan.ini" check 2>&1)
same "a plan naming a shipped regime passes check" "$?" "0"
has "the shipped regime from the installed data" "$out" "regime plan-b ($T/stage$DATA/data/regimes/plan-b.ini)"

finish
