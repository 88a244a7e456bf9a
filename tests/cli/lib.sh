# Shared by the CLI test scripts: TAP-like lines, a comparison that shows
# what was expected, and the closing count (sourced, not run).
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
