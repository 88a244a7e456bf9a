#!/bin/sh
# The shipped regimes (data/regimes) against worked examples written from
# the regulations' texts, not from what sirt computes: every due below is
# counted by hand from the article the regime file cites. A plan in
# Brussels includes all five; the clock is moved with SIRT_TEST_NOW
# (test builds only). Then a stage's draft (report --stage): its items
# filled, what is missing, written safely, and recorded as sent.
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
regimes = gdpr, nis2, dora, sec, hipaa
[calendar]
weekend = sat, sun
holidays = 2026-12-25, 2026-12-26, 2027-01-01
[categories]
data = Threat to sensitive data
[roles]
leads = $me
INI
DB="$T/r.db"
s() { "$SIRT" --config "$PLAN" --db "$DB" "$@"; }
# due REF STAGE: the stage's due, in UTC, from sirt deadlines --format json
due() {
	s deadlines --all --format json |
		jq -r --arg ref "$1" --arg rule "$2" '.[] | select(.ref == $ref and .deadline.rule == $rule) | .deadline.due'
}
field() {
	s deadlines --all --format json |
		jq -r --arg ref "$1" --arg rule "$2" --arg f "$3" \
			'.[] | select(.ref == $ref and .deadline.rule == $rule) | .deadline[$f]'
}
new() { s new --set caller_name="Ana Ruiz" --set nature="$1" --set title="$1" --set first_noticed="$2"; }

out=$(s check 2>&1)
code=$?
same "sirt check: the five shipped regimes load without a problem" "$code" "0"
[ "$code" -eq 0 ] || echo "$out" | sed "s/^/  /"

# --- GDPR Art. 33(1): 72 hours after becoming aware, across the end of
# DST. Aware Friday 2026-10-23 12:00 CEST (10:00Z); clocks go back on
# Sunday 25 October 03:00 CEST -> 02:00 CET. 72 elapsed hours later is
# Monday 2026-10-26 10:00Z, which the wall clock in Brussels shows as
# 11:00 CET (not 12:00).
at 2026-10-23T11:00:00Z
gdpr=$(new "Payroll export on a public share" "2026-10-23T10:00:00Z")
same "GDPR: 72 elapsed hours across the DST change" "$(due "$gdpr" gdpr.supervisory-authority)" "2026-10-26T10:00:00Z"
has "GDPR: shown in Brussels time, an hour earlier on the wall clock" "$(s show "$gdpr")" "2026-10-26 11:00"
# HIPAA 164.404(b): 60 calendar days after discovery, counted as days:
# the same wall-clock time (12:00) on 2026-12-22, now CET: 11:00Z.
same "HIPAA: 60 calendar days, same wall-clock time after DST" "$(due "$gdpr" hipaa.individuals)" "2026-12-22T11:00:00Z"
same "no decision: no NIS2, DORA or SEC stage" \
	"$(s deadlines --all --format json | jq -r --arg ref "$gdpr" \
		'[.[] | select(.ref == $ref) | .deadline.rule | select(startswith("nis2") or startswith("dora") or startswith("sec"))] | length')" "0"

# A late submission: told 2026-10-26 13:30Z, 3h 30m after the due.
at 2026-10-26T14:00:00Z
s deadline met "$gdpr" gdpr.supervisory-authority --how portal --reference DPA-2026-41 --at 2026-10-26T13:30:00Z >/dev/null
same "late: deadlines json says by how much (seconds)" "$(field "$gdpr" gdpr.supervisory-authority late_by_seconds)" "12600"
has "late: deadlines says so" "$(s deadlines --all | cat)" "3h 30m late"
has "late: show says so" "$(s show "$gdpr")" "3h 30m late"
has "late: the report says so" "$(s report "$gdpr" --format text)" "3h 30m late"

# --- NIS2 Art. 23(4)(a)-(b): judged significant at 23:00 on Christmas
# Eve (2026-12-24 23:00 CET, 22:00Z), the night before two holidays.
# 24 and 72 hours are calendar time: the holidays change nothing.
at 2026-12-24T21:00:00Z
nis2=$(new "Ransomware on the file servers" "2026-12-24T20:30:00Z")
same "NIS2: no stage before the incident is judged significant" "$(due "$nis2" nis2.early-warning)" ""
at 2026-12-24T22:10:00Z
s decide "$nis2" classified-major --why "file service down for 4000 users" --at 2026-12-24T22:00:00Z >/dev/null
same "NIS2: early warning 24h later, on Christmas Day" "$(due "$nis2" nis2.early-warning)" "2026-12-25T22:00:00Z"
same "NIS2: incident notification 72h later" "$(due "$nis2" nis2.incident-notification)" "2026-12-27T22:00:00Z"
same "NIS2: no final report before the notification is submitted" "$(due "$nis2" nis2.final-report)" ""
# Art. 23(4)(d): one month after the incident notification's submission,
# the same wall-clock time: 2027-01-26 11:00 CET.
at 2026-12-26T10:30:00Z
s deadline met "$nis2" nis2.incident-notification --how portal --reference CSIRT-88 --at 2026-12-26T10:00:00Z >/dev/null
same "NIS2: final report one month after the notification" "$(due "$nis2" nis2.final-report)" "2027-01-26T10:00:00Z"

# --- DORA, Delegated Regulation (EU) 2025/301 Art. 5(1)(a): aware Monday
# 2026-11-23 08:00 CET (07:00Z), classified major 22 hours later
# (Tuesday 06:00 CET). 4 hours from classification would be 09:00Z, but
# the 24 hours from awareness end first: 2026-11-24T07:00:00Z.
at 2026-11-23T07:30:00Z
dora=$(new "Card payments failing" "2026-11-23T07:00:00Z")
at 2026-11-24T05:05:00Z
s decide "$dora" classified-major --why "payments of 30% of clients failing" --at 2026-11-24T05:00:00Z >/dev/null
same "DORA: the initial notification capped at awareness + 24h, not +26h" \
	"$(due "$dora" dora.initial)" "2026-11-24T07:00:00Z"
same "DORA: no intermediate report before the initial is submitted" "$(due "$dora" dora.intermediate)" ""
# Art. 5(1)(b): 72 hours from the initial notification's submission.
at 2026-11-24T07:00:00Z
s deadline met "$dora" dora.initial --how portal --reference DORA-IN-1 --at 2026-11-24T06:30:00Z >/dev/null
same "DORA: the intermediate chained to the initial's submission" \
	"$(due "$dora" dora.intermediate)" "2026-11-27T06:30:00Z"
# Art. 5(1)(c) and 5(4): one month from the intermediate report: 2026-12-25
# 10:00 CET, a holiday, then the weekend (and the 26th, a holiday too):
# 12:00 of the next working day, Monday 2026-12-28 (11:00Z).
at 2026-11-25T09:30:00Z
s deadline met "$dora" dora.intermediate --how portal --reference DORA-IM-1 --at 2026-11-25T09:00:00Z >/dev/null
same "DORA: the final report rolls to 12:00 of the next working day" \
	"$(due "$dora" dora.final)" "2026-12-28T11:00:00Z"
# Art. 5(2): classified only 30 hours after awareness: the initial
# notification is due 4 hours after the classification.
at 2026-11-23T07:30:00Z
late=$(new "Trading platform slow" "2026-11-23T07:00:00Z")
at 2026-11-24T13:05:00Z
s decide "$late" classified-major --why "classified late" --at 2026-11-24T13:00:00Z >/dev/null
same "DORA: classified after 24h, 4 hours from the classification (Art. 5(2))" \
	"$(due "$late" dora.initial)" "2026-11-24T17:00:00Z"

# --- SEC Form 8-K Item 1.05: four business days after the materiality
# determination, in New York. Friday 2026-12-04 21:30 EST (Saturday in
# UTC and in Brussels): Mon 7, Tue 8, Wed 9, Thu 10: due Thursday
# 2026-12-10 at the end of the day in New York, 2026-12-11T04:59:59Z.
at 2026-12-05T02:00:00Z
sec=$(new "Customer database copied" "2026-12-04T20:00:00Z")
same "SEC: no 8-K before materiality is determined" "$(due "$sec" sec.form-8k)" ""
at 2026-12-05T02:40:00Z
s decide "$sec" materiality-determined --why "board: material" --at 2026-12-05T02:30:00Z >/dev/null
same "SEC: a Friday determination is due the next Thursday, New York time" \
	"$(due "$sec" sec.form-8k)" "2026-12-11T04:59:59Z"
# Friday 2026-11-20 10:00 EST: Mon 23, Tue 24, Wed 25, Thanksgiving
# (Thu 26, a federal holiday), Fri 27: due 2026-11-27 23:59:59 EST.
at 2026-11-20T14:00:00Z
sec2=$(new "Source code exfiltrated" "2026-11-20T13:00:00Z")
at 2026-11-20T15:05:00Z
s decide "$sec2" materiality-determined --why "material" --at 2026-11-20T15:00:00Z >/dev/null
same "SEC: Thanksgiving in between moves it to Friday" "$(due "$sec2" sec.form-8k)" "2026-11-28T04:59:59Z"

# --- A draft of the early warning (report --stage), with what is missing.
at 2026-12-25T08:00:00Z
s report "$nis2" --stage nis2.early-warning >"$T/draft.txt" 2>"$T/draft.err"
same "draft: exit 0" "$?" "0"
draft=$(cat "$T/draft.txt")
has "draft: the stage and its regime" "$draft" "DRAFT of nis2.early-warning: Early warning"
has "draft: the party" "$draft" "To:       CSIRT or competent authority"
has "draft: the due and its state" "$draft" "Due:      2026-12-25 23:00 CET (open, 14h left)"
has "draft: the cites" "$draft" "Cites:    Directive (EU) 2022/2555, Art. 23(4); Art. 23(4)(a)"
has "draft: the decision it runs from" "$draft" "2026-12-24 23:00 CET, by $me: file service down for 4000 users"
has "draft: a field filled" "$draft" "3. What happened
   Ransomware on the file servers"
has "draft: missing, by hand" "$draft" "Still missing:
  - Whether it is suspected of being caused by unlawful or malicious acts: to be written by hand
  - Whether it could have a cross-border impact: to be written by hand"
has "draft: stderr counts what is missing" "$(cat "$T/draft.err")" "2 items still missing"
s report "$nis2" --stage early-warning >/dev/null 2>&1
same "draft: the stage's key alone, when one regime has it" "$?" "0"
out=$(s report "$nis2" --stage nis2.nope 2>&1)
same "draft: an unknown stage is a usage error" "$?" "64"
has "draft: it names the stages that apply" "$out" "nis2.early-warning, nis2.incident-notification"
# Written to a file as the report is: 0600, never through a link.
s report "$nis2" --stage nis2.early-warning --output "$T/ew.txt" 2>/dev/null
same "draft --output: owner only" "$(stat -c %a "$T/ew.txt")" "600"
s report "$nis2" --stage nis2.early-warning --output "$T/ew.txt" >/dev/null 2>&1
same "draft --output: an existing file is kept (65)" "$?" "65"
ln -s "$T/target" "$T/link.txt"
if s report "$nis2" --stage nis2.early-warning --output "$T/link.txt" --force >/dev/null 2>&1 || [ -e "$T/target" ]; then
	not_ok "draft --output: never through a link"
else
	ok "draft --output: never through a link"
fi
# Edited, then recorded as sent: the text is kept.
sed -i 's/\[to be written\]/Not known yet./' "$T/ew.txt"
s deadline met "$nis2" nis2.early-warning --how portal --reference CSIRT-87 --sent-file "$T/ew.txt" >/dev/null
same "sent: the text kept with the submission" \
	"$(s show "$nis2" --format json | jq -r '.deadlines[] | select(.rule == "nis2.early-warning") | .sent' |
		grep -c 'Not known yet.')" "2"
same "sent: the draft now says it was submitted" \
	"$(s report "$nis2" --stage nis2.incident-notification 2>/dev/null | grep -A1 '2. The early warning it updates' | tail -n1)" \
	"   2026-12-25 09:00 CET by $me (portal), reference CSIRT-87"

finish
