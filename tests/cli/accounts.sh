# Sourced first by the tests that make accounts of their own (a group,
# users): they need root. Not root: through sudo, if it asks for no
# password (as make's own package install does); otherwise skipped,
# saying why. Then lib.sh.
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	exec sudo -n env SIRT_BIN="$SIRT_BIN" SIRT_SOURCE_DIR="$SIRT_SOURCE_DIR" SIRT_DATA_DIR="${SIRT_DATA_DIR:-}" \
		SIRT_TEST_CLOCK="${SIRT_TEST_CLOCK:-}" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" sh "$0"
fi
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null || ! command -v runuser >/dev/null; then
	echo "1..0 # SKIP needs root (or sudo without a password), useradd and runuser:" \
		"it creates a group and users of its own"
	exit 77
fi
. "$(dirname "$0")/lib.sh"
