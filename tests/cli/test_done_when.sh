#!/bin/sh
# Issue 19's "Done when", as a new user runs it: a plan in Brussels that
# includes NIS2 and SEC; an incident first noticed yesterday 09:00 and
# classified major (and determined material) today; every stage counting
# down in deadlines (text, json) and show; the early warning's draft with
# what is missing; its submission recorded with the authority's reference
# and the text sent, late; the handover brief naming the next stage due.
# Every time below is counted by hand from the regulations' texts:
#   today is Monday 2026-12-07; Brussels is CET (UTC+1), New York EST (UTC-5).
#   first noticed: yesterday, Sunday 2026-12-06 09:00 CET = 08:00Z
#   classified major: today 10:30 CET = 09:30Z (NIS2 Art. 23(4): "becoming
#     aware of the significant incident")
#     early warning, 24 hours (Art. 23(4)(a)):  2026-12-08T09:30:00Z (Tue 10:30 CET)
#     incident notification, 72 hours ((b)):    2026-12-10T09:30:00Z (Thu 10:30 CET)
#     final report, 1 month after (b)'s submission ((d))
#   materiality determined: today 10:35 CET = 09:35Z = 04:35 in New York
#     (Monday). Form 8-K B.1: four business days after: Tue 8, Wed 9,
#     Thu 10, Fri 11 December; due at the end of Friday in New York,
#     23:59:59 EST = 2026-12-12T04:59:59Z (Saturday 05:59 CET).
set -u
. "$(dirname "$0")/lib.sh"
if [ -z "${SIRT_TEST_CLOCK:-}" ]; then
	echo "1..0 # SKIP needs a test build (-Dtest_clock=true) for SIRT_TEST_NOW"
	exit 77
fi
export TZ=Europe/Brussels
at() { SIRT_TEST_NOW="$1"; export SIRT_TEST_NOW; }
me=$(id -un)
PLAN="$T/plan.ini"
cat >"$PLAN" <<INI
[sirt]
hotline = +1 555 0100
forms = $SRC/forms
procedures = $SRC/data/procedures
restoration = $SRC/data/restoration/plan-a.ini
timezone = Europe/Brussels
regimes = nis2, sec
[categories]
data = Threat to sensitive data
[roles]
leads = $me
INI
DB="$T/d.db"
s() { "$SIRT" --config "$PLAN" --db "$DB" "$@"; }
field() {
	s deadlines --all --format json |
		jq -r --arg rule "$1" --arg f "$2" '.[] | select(.deadline.rule == $rule) | .deadline[$f]'
}
row() { s deadlines --all | grep -F "($1)"; }

out=$(s check 2>&1)
same "check: the plan with nis2 and sec loads" "$?" "0"
has "check: names the four stages" "$out" "nis2.early-warning"
has "check: sec on its own calendar" "$out" "[its own calendar, America/New_York]"

# Yesterday 09:00 in Brussels, logged this morning.
at 2026-12-07T09:00:00Z
ref=$(s new --set caller_name="Ana Ruiz" --set nature="Ransomware on the file servers" \
	--set title="Ransomware" --set first_noticed="2026-12-06T08:00:00Z")
same "new: the first incident" "$ref" "IR-2026-0001"
same "no decision yet: no stage runs" "$(s deadlines --all --format json | jq length)" "0"

at 2026-12-07T09:40:00Z
s decide "$ref" classified-major --why "file service down for 4000 users" --at 2026-12-07T09:30:00Z >/dev/null
same "decide classified-major" "$?" "0"
s decide "$ref" materiality-determined --why "revenue at risk" --at 2026-12-07T09:35:00Z >/dev/null
same "decide materiality-determined" "$?" "0"

same "json: early warning 24h after the classification" "$(field nis2.early-warning due)" "2026-12-08T09:30:00Z"
same "json: its clock starts at the classification" "$(field nis2.early-warning starts)" "2026-12-07T09:30:00Z"
same "json: incident notification 72h after" "$(field nis2.incident-notification due)" "2026-12-10T09:30:00Z"
same "json: no final report before the notification is in" "$(field nis2.final-report due)" ""
same "json: Form 8-K at the end of the 4th business day, New York" "$(field sec.form-8k due)" "2026-12-12T04:59:59Z"
same "json: early warning 23h 50m left" "$(field nis2.early-warning remaining)" "23h 50m left"
same "json: Form 8-K 4d 19h left" "$(field sec.form-8k remaining)" "4d 19h left"
has "text: early warning, Brussels time" "$(row nis2.early-warning)" "open      2026-12-08 10:30 CET  23h 50m left"
has "text: notification" "$(row nis2.incident-notification)" "open      2026-12-10 10:30 CET  2d 23h left"
has "text: Form 8-K (Saturday 05:59 in Brussels)" "$(row sec.form-8k)" "open      2026-12-12 05:59 CET  4d 19h left"
shown=$(s show "$ref")
has "show: early warning" "$shown" "(nis2.early-warning, Early warning): 23h 50m left; due 2026-12-08 10:30 CET"
has "show: notification" "$shown" "(nis2.incident-notification, Incident notification): 2d 23h left; due 2026-12-10 10:30 CET"
has "show: Form 8-K" "$shown" "(sec.form-8k, Form 8-K, Item 1.05): 4d 19h left; due 2026-12-12 05:59 CET"
lacks "show: no dangling comma where a stage has no address" "$shown" "due 2026-12-08 10:30 CET,"

# The warning window (6h for the early warning): 04:00Z is 5h 30m before.
at 2026-12-08T04:00:00Z
same "warning: 5h 30m before the early warning" "$(field nis2.early-warning state)" "warning"

# The draft: items filled from the record, the two by-hand ones missing.
s report "$ref" --stage nis2.early-warning --output "$T/ew.txt" 2>"$T/ew.err"
same "draft: written" "$?" "0"
has "draft: says how many are missing" "$(cat "$T/ew.err")" "2 items still missing"
draft=$(cat "$T/ew.txt")
has "draft: the awareness from the decision" "$draft" "2026-12-07 10:30 CET, by $me: file service down for 4000 users"
has "draft: what happened from the form" "$draft" "Ransomware on the file servers"
has "draft: due" "$draft" "Due:      2026-12-08 10:30 CET"
has "draft: missing, malicious acts" "$draft" "  - Whether it is suspected of being caused by unlawful or malicious acts: to be written by hand"
has "draft: missing, cross-border" "$draft" "  - Whether it could have a cross-border impact: to be written by hand"

# Overdue: deadlines exits 1.
at 2026-12-08T10:05:00Z
s deadlines >/dev/null
same "deadlines: exit 1 with the early warning overdue" "$?" "1"
has "deadlines: 35m overdue" "$(row nis2.early-warning)" "OVERDUE   2026-12-08 10:30 CET  35m overdue"

# Told before its clock started (before the classification): a mistaken
# --at, refused (65), nothing recorded.
out=$(s deadline met "$ref" nis2.early-warning --how portal --at 2026-12-07T09:00:00Z 2>&1)
same "met before the stage's start: refused (65)" "$?" "65"
has "met before the stage's start: says when it started" "$out" "nis2.early-warning's clock started at 2026-12-07 10:30 CET"
same "met before the stage's start: nothing recorded" "$(field nis2.early-warning state)" "overdue"
# Sent at 11:00 CET (10:00Z), 30 minutes late, with the edited draft.
printf '%s\n' "$draft" | sed 's/\[to be written\]/Not known yet/' >"$T/sent.txt"
s deadline met "$ref" nis2.early-warning --how portal --reference CSIRT-2026-77 \
	--at 2026-12-08T10:00:00Z --sent-file "$T/sent.txt" >/dev/null
same "met: recorded" "$?" "0"
same "met: the reference" "$(field nis2.early-warning reference)" "CSIRT-2026-77"
same "met: 30 minutes late, in seconds" "$(field nis2.early-warning late_by_seconds)" "1800"
same "met: the text sent kept whole" "$(field nis2.early-warning sent)" "$(cat "$T/sent.txt")"
has "met: deadlines says late" "$(row nis2.early-warning)" "met 2026-12-08 11:00 CET, 30m late, by $me (portal"
has "met: show says late" "$(s show "$ref")" "met 2026-12-08 11:00 CET, 30m late"
s deadlines >/dev/null
same "met: deadlines exits 0 again" "$?" "0"
# The report for the file says which stage, and the authority's reference.
rep=$(s report "$ref" --format text)
has "report: the stage, late, with its reference" "$rep" \
	"CSIRT or competent authority (nis2.early-warning, Early warning): due 2026-12-08 10:30 CET; told 2026-12-08 11:00 CET, 30m late, by portal, ref. CSIRT-2026-77 (logged"
has "report: the stage not told yet, named" "$rep" \
	"CSIRT or competent authority (nis2.incident-notification, Incident notification): due 2026-12-10 10:30 CET; not told yet"
lacks "report: no empty address" "$rep" "authority ()"
same "report json: the reference" \
	"$(s report "$ref" --format json | jq -r '.notifications[] | select(.rule == "nis2.early-warning") | .reference')" "CSIRT-2026-77"
same "report json: null before the stage is told" \
	"$(s report "$ref" --format json | jq -r '.notifications[] | select(.rule == "sec.form-8k") | .reference')" "null"

# The handover: the next stage due is the incident notification.
ho=$(s handover)
has "handover: next clock is the notification" "$(echo "$ho" | tr -s ' \n' '  ')" \
	"Next clock: 1d 23h left: CSIRT or competent authority (nis2.incident-notification, Incident notification), due 2026-12-10 10:30 CET"
has "handover: the submission since" "$(echo "$ho" | tr -s ' \n' '  ')" "30m late, ref. CSIRT-2026-77"
same "handover json: next clock" "$(s handover --format json | jq -r '.incidents[0].next_clock | "\(.rule) \(.due)"')" \
	"nis2.incident-notification 2026-12-10T09:30:00Z"

# The notification sent Wednesday 2026-12-09 15:00 CET (14:00Z): the final
# report is due a month later at the same wall-clock time, 2027-01-09
# 15:00 CET (14:00Z).
at 2026-12-09T14:10:00Z
s deadline met "$ref" nis2.incident-notification --how portal --reference CSIRT-2026-77b --at 2026-12-09T14:00:00Z >/dev/null
same "final report: one month after the notification" "$(field nis2.final-report due)" "2027-01-09T14:00:00Z"
same "handover: now the Form 8-K is next" "$(s handover --format json | jq -r '.incidents[0].next_clock.rule')" "sec.form-8k"

# The classification withdrawn: what was submitted stays on the record
# (due as it was), what was not stops running.
at 2026-12-09T15:00:00Z
s decide "$ref" classified-major --withdraw --reason "not significant after all" >/dev/null
same "withdrawn: the early warning still shown met, with its reference" "$(field nis2.early-warning reference)" "CSIRT-2026-77"
same "withdrawn: its due as it was" "$(field nis2.early-warning due)" "2026-12-08T09:30:00Z"
same "withdrawn: the notification still met" "$(field nis2.incident-notification state)" "met"
same "withdrawn: the final report no longer runs" "$(field nis2.final-report due)" ""
has "withdrawn: show keeps the submission" "$(s show "$ref")" "met 2026-12-08 11:00 CET, 30m late"
has "withdrawn: the report keeps it" "$(s report "$ref" --format text)" "ref. CSIRT-2026-77"
# Decided again: the clocks of what was not submitted run from the new one.
s decide "$ref" classified-major --why "significant again" --at 2026-12-09T14:30:00Z >/dev/null
same "decided again: the final report runs again" "$(field nis2.final-report due)" "2027-01-09T14:00:00Z"
same "decided again: what was met counts from the standing decision" "$(field nis2.early-warning due)" "2026-12-10T14:30:00Z"
same "handover json: the Form 8-K still next" "$(s handover --format json | jq -r '.incidents[0].next_clock.rule')" "sec.form-8k"
s audit verify >/dev/null 2>&1
same "audit verify after it all" "$?" "0"
finish
