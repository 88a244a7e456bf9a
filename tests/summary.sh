#!/bin/sh
# Counts the results of the meson test runs in the build directories given
# (from each meson-logs/testlog.json) and prints one line:
#   N passed, N failed
# A skipped test counts as failed here: a skip must never hide a failure.
passed=0
failed=0
for dir in "$@"; do
	log="$dir/meson-logs/testlog.json"
	if [ ! -f "$log" ]; then
		echo "summary: no test log in $dir" >&2
		failed=$((failed + 1))
		continue
	fi
	p=$(jq -s '[.[] | select(.result == "OK")] | length' "$log")
	f=$(jq -s '[.[] | select(.result != "OK")] | length' "$log")
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
