# Shared by the CLI test scripts: a scratch home, TAP-like lines, a
# comparison that shows what was expected, and the closing count
# (sourced, not run).
SIRT=${SIRT_BIN:?set SIRT_BIN to the sirt binary}
SRC=${SIRT_SOURCE_DIR:?set SIRT_SOURCE_DIR to the source tree}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
unset SIRT_CONFIG SIRT_DB
failed=0
count=0

ok() { count=$((count + 1)); echo "ok $count - $1"; }
not_ok() { count=$((count + 1)); failed=$((failed + 1)); echo "not ok $count - $1"; }
# same NAME GOT EXPECTED
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1"
		printf '  expected: %s\n       got: %s\n' "$3" "$2"
	fi
}
finish() {
	echo "1..$count"
	echo "$((count - failed)) passed, $failed failed"
	[ "$failed" -eq 0 ]
}
# has NAME TEXT NEEDLE / lacks NAME TEXT NEEDLE
has() { case "$2" in *"$3"*) ok "$1" ;; *) not_ok "$1"; printf '  no "%s" in:\n%s\n' "$3" "$2" ;; esac; }
lacks() { case "$2" in *"$3"*) not_ok "$1"; printf '  "%s" found in:\n%s\n' "$3" "$2" ;; *) ok "$1" ;; esac; }
# plan NAME ROLES: $T/NAME.ini, a plan in which this login is in [roles]
# ROLES (operators, responders, leads, managers, reviewers) and nobody
# else is named.
plan() {
	cat > "$T/$1.ini" <<INI
[sirt]
hotline = +1 555 0100
forms = $SRC/forms
procedures = $SRC/data/procedures
restoration = $SRC/data/restoration/plan-a.ini
[categories]
data = Threat to sensitive data
[roles]
$2 = $(id -un)
default = reviewer
INI
}
