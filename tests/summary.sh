#!/bin/sh
# Counts the results of the meson test runs in the build directories given
# (from each meson-logs/testlog.json) and prints one line:
#   N passed, N failed
# A test that skipped, or a check skipped inside a test, is named with its
# reason on a line before: only
# the permissions test may (it needs root to create users); anything but
# a pass or that skip is a failure, and is named too.
passed=0
failed=0
# Meson names a test with its project and suites ("sirt:cli /
# cli-permissions"): own is the test's own name. A whole test that skips
# says why TAP's way, "1..0 # SKIP why": reason is the why.
defs='def own: .name | sub("^.* / "; "");
	def may_skip: .result == "SKIP" and own == "cli-permissions";
	def failure: .result != "OK" and (may_skip | not);
	def reason: [(.stdout // "") | split("\n")[] | select(test("# SKIP")) | sub("^.*# SKIP *"; "")] |
		first // "no reason given";'
for dir in "$@"; do
	log="$dir/meson-logs/testlog.json"
	if [ ! -f "$log" ]; then
		echo "summary: no test log in $dir" >&2
		failed=$((failed + 1))
		continue
	fi
	p=$(jq -s '[.[] | select(.result == "OK")] | length' "$log")
	f=$(jq -s "$defs"' [.[] | select(failure)] | length' "$log")
	jq -r -s --arg dir "$dir" "$defs"' .[] | select(may_skip) | "skipped in \($dir): \(.name): \(reason)"' "$log"
	jq -r -s --arg dir "$dir" "$defs"' .[] | select(failure) |
		"failed in \($dir): \(.name): \(.result)\(if .result == "SKIP" then " (only cli-permissions may skip): \(reason)" else "" end)"' "$log"
	# A check skipped inside a test that passed, with its reason.
	jq -r -s --arg dir "$dir" '.[] | select(.result == "OK") | .name as $n | (.stdout // "") | split("\n")[] |
		select(test("^ok .*# SKIP")) | "skipped in \($dir): \($n): \(.)"' "$log"
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
