#!/bin/sh
# Counts the results of the meson test runs in the build directories given
# (from each meson-logs/testlog.json) and prints one line:
#   N passed, N failed
# A test that skipped, or a check skipped inside a test, is named with its
# reason on a line before: only
# the permissions test may (it needs root to create users); anything but
# a pass or a skip is a failure.
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
	f=$(jq -s '[.[] | select(.result != "OK" and (.result != "SKIP" or .name != "cli-permissions"))] | length' "$log")
	jq -r -s --arg dir "$dir" '.[] | select(.result == "SKIP" and .name == "cli-permissions") |
		"skipped in \($dir): \(.name): \((.stdout // "") | split("\n") | map(select(test("SKIP"))) | first // "no reason given")"' "$log"
	# A check skipped inside a test that passed, with its reason.
	jq -r -s --arg dir "$dir" '.[] | select(.result == "OK") | .name as $n | (.stdout // "") | split("\n")[] |
		select(test("^ok .*# SKIP")) | "skipped in \($dir): \($n): \(.)"' "$log"
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
