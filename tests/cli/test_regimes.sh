#!/bin/sh
# Regimes (sirt.ini(5), REGIMES): a regime file with mistakes, each a
# file:line message of sirt check; a plan that includes regimes, its
# stages named REGIME.STAGE with their titles in deadlines, show and JSON,
# a stage met by its KEY alone, and a stage chained to the one before.
# The clock is moved with SIRT_TEST_NOW (test builds only).
set -u
. "$(dirname "$0")/lib.sh"
if [ -z "${SIRT_TEST_CLOCK:-}" ]; then
	echo "1..0 # SKIP needs a test build (-Dtest_clock=true) for SIRT_TEST_NOW"
	exit 0
fi
export TZ=UTC
at() { SIRT_TEST_NOW="$1"; export SIRT_TEST_NOW; }

# A plan: $T/NAME.ini, naming REGIMES, with whatever [sirt] lines follow.
plan_with() {
	name=$1
	shift
	{
		printf '[sirt]\nhotline = +1 555 0100\nforms = %s/forms\nprocedures = %s/data/procedures\n' "$SRC" "$SRC"
		printf 'restoration = %s/data/restoration/plan-a.ini\n' "$SRC"
		for line in "$@"; do printf '%s\n' "$line"; done
		printf '[categories]\nlife = Life\ndata = Data\n'
	} > "$T/$name.ini"
}

mkdir -p "$T/regimes"
# Line numbers matter: each mistake below is asserted at its line.
cat > "$T/regimes/broken.ini" <<'INI'
[regime]
cites = nothing
timezone = Mars/Olympus
weekend = sat, funday
holidays = 2026-12-25, 2026-02-30

[stage.first]
party = Regulator
starts = when-it-rains
within = soon
colour = red

[stage.second]
title = Second
party = Regulator
starts = submitted:nowhere
within = 3 fortnights
calendar = lunar
applies = favourite_colour = blue
item.what = What | field:favourite_colour
item.how = How | carrier-pigeon
rolls_to = 25:00
no_later_than = 24h before discovered

[stage.third]
title = Third
starts = submitted:fourth
within = 1d

[stage.fourth]
title = Fourth
party = Regulator
starts = submitted:third
within = 1d
no_later_than = 10d after submitted:nothing
[extra]
key = value
INI
plan_with bad "regimes = broken, nowhere-at-all"
out=$("$SIRT" --config "$T/bad.ini" check 2>&1)
same "check: a broken regime exits 78" "$?" "78"
R="$T/regimes/broken.ini"
has "timezone unknown" "$out" "$R:3: timezone \"Mars/Olympus\" is not a time zone this machine knows: give an IANA name such as Europe/Brussels (see /usr/share/zoneinfo; install tzdata)"
has "a day that is not one" "$out" "$R:4: weekend: \"funday\" is not a day of the week (mon, tue, wed, thu, fri, sat, sun)"
has "a date that is not one" "$out" "$R:5: holidays: \"2026-02-30\" is not a date (holidays are YYYY-MM-DD, separated by commas)"
has "the regime's title missing" "$out" "$R:1: [regime] needs a value for \"title\""
has "an unknown key in a stage" "$out" "$R:11: unknown key \"colour\" in [stage.first] (known: title, party, per, address, starts, within, calendar, no_later_than, rolls_to, warn, applies, cites, item.KEY)"
has "a stage's title missing" "$out" "$R:7: [stage.first] needs a value for \"title\""
has "an unknown event" "$out" "$R:9: \"starts\" of stage \"broken.first\" must be discovered, called, noticed, categorised, classified-major, materiality-determined, submitted:STAGE or field:KEY of a form's field, not \"when-it-rains\""
has "a bad span" "$out" "$R:10: \"within\" of stage \"broken.first\" must be a time such as 24h, 14d or 90m, not \"soon\""
has "a bad span (unit)" "$out" "$R:17: \"within\" of stage \"broken.second\" must be a time such as 24h, 14d or 90m, not \"3 fortnights\""
has "a bad calendar" "$out" "$R:18: \"calendar\" of stage \"broken.second\" must be calendar or business, not \"lunar\""
has "applies on a field no form has" "$out" "$R:19: stage \"broken.second\" depends on field \"favourite_colour\", which no form has"
has "an item from a field no form has" "$out" "$R:20: item \"what\" of stage \"broken.second\" is filled from field \"favourite_colour\", which no form has"
has "an item from an unknown source" "$out" "$R:21: item \"how\" of stage \"broken.second\" has source \"carrier-pigeon\": it must be field:KEY, ref, title, category, called, discovered, noticed, classified-major, materiality-determined, submitted:STAGE or by-hand"
has "a bad rolls_to" "$out" "$R:22: \"rolls_to\" of stage \"broken.second\" must be a time of day HH:MM, not \"25:00\""
has "a bad no_later_than" "$out" "$R:23: \"no_later_than\" of stage \"broken.second\" must be SPAN after EVENT (24h after discovered), not \"24h before discovered\""
has "a stage chained to an unknown stage" "$out" "$R:16: stage \"broken.second\" starts when \"broken.nowhere\" is submitted, and there is no such stage or deadline"
has "a party missing" "$out" "$R:25: [stage.third] needs a value for \"party\""
has "a cycle (one end)" "$out" "$R:27: stage \"broken.third\" starts when \"broken.fourth\" is submitted, which waits for it in turn (a cycle)"
has "a cycle (the other)" "$out" "$R:33: stage \"broken.fourth\" starts when \"broken.third\" is submitted, which waits for it in turn (a cycle)"
has "a second clock from an unknown stage" "$out" "$R:30: \"no_later_than\" of stage \"broken.fourth\" counts from \"broken.nothing\" submitted, and there is no such stage or deadline"
has "an unknown section" "$out" "$R:36: unknown section [extra] in a regime file (known: [regime], [stage.KEY])"
has "a regime not found" "$out" "$T/bad.ini:6: there is no regime \"nowhere-at-all\": looked for $T/regimes/nowhere-at-all.ini and $SRC/data/regimes/nowhere-at-all.ini"
has "the count" "$out" "problems found in the plan's configuration (fix each at the file:line above)"

# The plan's own calendar: an unknown zone, a bad day, a bad date.
plan_with badcal "timezone = Europe/Atlantis" "[calendar]" "weekend = sat, sun, someday" "holidays = 2026-13-01"
out=$("$SIRT" --config "$T/badcal.ini" check 2>&1)
same "check: a bad calendar exits 78" "$?" "78"
has "the plan's zone" "$out" "$T/badcal.ini:6: timezone \"Europe/Atlantis\" is not a time zone"
has "the plan's weekend" "$out" "$T/badcal.ini:8: weekend: \"someday\" is not a day of the week"
has "the plan's holidays" "$out" "$T/badcal.ini:9: holidays: \"2026-13-01\" is not a date"

# A regime that works: a notification one business day after the
# determination, then a final report 3 days after the notification is met.
cat > "$T/regimes/acme.ini" <<'INI'
[regime]
title = ACME contract: notices to ACME Corp
timezone = America/New_York
holidays = 2026-11-26

[stage.notice]
title = Notice of a security incident
party = ACME Corp security
address = soc@acme.example.org
starts = categorised
within = 2d
calendar = business
item.ref = Our reference | ref
item.category = Category | category

[stage.final]
title = Final report
party = ACME Corp security
starts = submitted:notice
within = 3d
rolls_to = 12:00
INI
plan_with good "regimes = acme, plan-b"
out=$("$SIRT" --config "$T/good.ini" check 2>&1)
same "check: the plan with regimes is fine" "$?" "0"
has "check lists the regime and its stages" "$out" "regime acme ($T/regimes/acme.ini): ACME contract: notices to ACME Corp [its own calendar, America/New_York]; stages acme.notice (Notice of a security incident), acme.final (Final report)"
has "check finds a shipped regime" "$out" "regime plan-b ($SRC/data/regimes/plan-b.ini): Plan B: customers and the police; stages plan-b.customer-report"
same "check json: the stages" \
	"$("$SIRT" --config "$T/good.ini" check --format json | jq -r '[.regimes[] | .name + "=" + (.stages | join(","))] | join(" ")')" \
	"acme=acme.notice,acme.final plan-b=plan-b.customer-report,plan-b.police"

DB="$T/r.db"
S() { "$SIRT" --config "$T/good.ini" --db "$DB" "$@"; }
# Wednesday 2026-11-25 15:00 EST: categorised. Thanksgiving (Thursday) is
# ACME's holiday: two business days are Friday and Monday, 23:59:59 EST.
at 2026-11-25T20:00:00Z
ref=$(S new --set caller_name=Ana --set nature="Keys leaked" --set title="Keys leaked")
S category "$ref" data >/dev/null
json=$(S deadlines --format json)
same "the stage's due, on its regime's calendar" \
	"$(printf '%s' "$json" | jq -r '.[] | select(.deadline.rule == "acme.notice") | .deadline.due')" "2026-12-01T04:59:59Z"
same "JSON: regime, stage and title" \
	"$(printf '%s' "$json" | jq -r '.[] | select(.deadline.rule == "acme.notice") | .deadline | .regime + " " + .stage + " " + .title')" \
	"acme notice Notice of a security incident"
same "no clock for the final report before the notice is met" \
	"$(printf '%s' "$json" | jq -r '[.[] | select(.deadline.rule == "acme.final")] | length')" "0"
out=$(S deadlines)
has "the table names the stage" "$out" "ACME Corp security (acme.notice)"
has "the table gives its title under it" "$out" "
              Notice of a security incident"
wide=$(printf '%s\n' "$out" | awk 'length($0) > 80 && /Notice of/' | wc -l | tr -d ' ')
same "the title line within 80 columns" "$wide" "0"
has "show names the stage with its title" "$(S show "$ref")" "ACME Corp security (acme.notice, Notice of a security incident)"

# Met by its KEY alone, told on Friday 2026-11-27 11:00 EST.
at 2026-11-27T16:00:00Z
out=$(S deadline met "$ref" notice --how email 2>&1)
same "deadline met takes the KEY alone" "$?" "0"
has "and says the stage's whole name" "$out" "(acme.notice)"
# Three calendar days on is Monday 11:00 EST; no roll needed.
same "the final report counts from the notice met" \
	"$(S deadlines --format json | jq -r '.[] | select(.deadline.rule == "acme.final") | .deadline.starts + " " + .deadline.due')" \
	"2026-11-27T16:00:00Z 2026-11-30T16:00:00Z"
# The report's JSON names the stage REGIME.KEY, and its schema takes it
# (python3-jsonschema: make test installs it; without it this fails).
S report "$ref" --format json > "$T/report.json" 2>/dev/null
same "report json: the stage by its whole name" \
	"$(jq -r '[.notifications[].rule] | sort | join(" ")' "$T/report.json")" "acme.final acme.notice"
if out=$(sh "$SRC/tests/cli/schema_check.sh" "$SRC/schema/report.schema.json" "$T/report.json" 2>&1); then
	ok "report json with stages: valid against report.schema.json"
else
	not_ok "report json with stages: valid against report.schema.json"
	printf '%s\n' "$out" | sed 's/^/  /'
fi

# The list's DUE column is kept in the database: a regime changed makes
# it worked out again (the final report given 5 days, not 3: days, like
# months, are no fixed number of seconds).
at 2026-11-30T16:30:00Z
S list --overdue >/dev/null
same "the final report overdue" "$?" "1"
sed 's/^within = 3d$/within = 5d/' "$T/regimes/acme.ini" > "$T/acme.new" && mv "$T/acme.new" "$T/regimes/acme.ini"
S list --overdue >/dev/null
same "a regime's span changed: the DUE column worked out again" "$?" "0"
sed 's/^within = 5d$/within = 3d/' "$T/regimes/acme.ini" > "$T/acme.new" && mv "$T/acme.new" "$T/regimes/acme.ini"
# A KEY two regimes have is ambiguous only when both have it.
out=$(S deadline met "$ref" police --how email 2>&1)
same "a KEY of one regime, not applying: not found (66)" "$?" "66"
out=$(S deadline met "$ref" nothing-like-it --how email 2>&1)
same "an unknown stage: not found (66)" "$?" "66"
has "an unknown stage: where to look" "$out" "there is no deadline \"nothing-like-it\""

# Two regimes with the same KEY: the KEY alone is a usage error saying both.
cp "$T/regimes/acme.ini" "$T/regimes/acme2.ini"
plan_with two "regimes = acme, acme2"
out=$("$SIRT" --config "$T/two.ini" --db "$DB" deadline met "$ref" final --how email 2>&1)
same "a KEY two regimes have: usage (64)" "$?" "64"
has "a KEY two regimes have: both named" "$out" "more than one regime has a stage \"final\": say which (acme.final, acme2.final)"


# Text in a regime file reaches terminals: its titles, party and item
# labels carry escape sequences and a right-to-left override here, and
# none may come out raw (check, deadlines, show, the stage's draft).
esc=$(printf '\033')
rlo=$(printf '\342\200\256')
cat > "$T/regimes/loud.ini" <<INI
[regime]
title = "Loud ${esc}]0;owned${esc}\\\\ regime"
[stage.shout]
title = Shout ${esc}[2J${rlo}evil
party = Party ${esc}[31mred
starts = noticed
within = 1d
item.label = Label ${esc}[5mblink${rlo} | by-hand
INI
plan_with loud "regimes = loud"
L() { "$SIRT" --config "$T/loud.ini" --db "$DB" "$@"; }
for cmd in check "deadlines --all" "show $ref" "report $ref --stage loud.shout"; do
	# shellcheck disable=SC2086
	out=$(L $cmd 2>&1)
	lacks "hostile regime text: no raw escape from $cmd" "$out" "$esc"
	lacks "hostile regime text: no raw override from $cmd" "$out" "$rlo"
done
has "hostile regime text: the draft's title shown escaped" "$(L report "$ref" --stage loud.shout 2>/dev/null | head -n1)" \
	"DRAFT of loud.shout: Shout"


# A regime path (or the plan) that is not a regular file: a FIFO would
# block sirt check for ever, /dev/zero would be read for ever; refused.
mkfifo "$T/regimes/fifo.ini"
plan_with fifo "regimes = regimes/fifo.ini"
out=$(timeout 20 "$SIRT" --config "$T/fifo.ini" check 2>&1)
same "a regime that is a FIFO: refused at once (78)" "$?" "78"
has "a regime that is a FIFO: says so" "$out" "regimes/fifo.ini: is not a regular file (a FIFO)"
plan_with zero "regimes = /dev/zero"
out=$(timeout 20 "$SIRT" --config "$T/zero.ini" check 2>&1)
same "a regime that is /dev/zero: refused at once (78)" "$?" "78"
out=$(timeout 20 "$SIRT" --config "$T/regimes/fifo.ini" check 2>&1)
same "a plan that is a FIFO: refused at once (78)" "$?" "78"


# A stage with one party per customer (the shipped plan-a.customer-report):
# its draft is the customer's named by --customer, never silently the
# first one's.
plan_with percust "regimes = plan-a" "[roles]" "leads = $(id -un)"
P() { "$SIRT" --config "$T/percust.ini" --db "$T/percust.db" "$@"; }
at 2026-12-08T10:00:00Z
pref=$(P new --set caller_name="Ana Ruiz" --set nature=n --set title=t --set first_noticed=2026-12-06T08:00:00Z)
P set "$pref" lead "customers_affected=Northwind Bank <security@northwind.example.org>
Contoso <security@contoso.example.org>" severity=high business_critical=no >/dev/null
out=$(P report "$pref" --stage plan-a.customer-report 2>&1 >/dev/null)
same "per-customer stage, no --customer: usage (64)" "$?" "64"
has "per-customer stage, no --customer: names them" "$out" "say which with --customer NAME (Northwind Bank, Contoso)"
out=$(P report "$pref" --stage plan-a.customer-report --customer Contoso 2>/dev/null)
has "per-customer stage: the draft is to the customer named" "$out" "To:       Contoso"
lacks "per-customer stage: not to the first customer" "$out" "Northwind"
out=$(P report "$pref" --stage plan-a.customer-report --customer Fabrikam 2>&1 >/dev/null)
same "per-customer stage, a customer it lacks: 64" "$?" "64"
has "per-customer stage, a customer it lacks: says which it has" "$out" "its customers: Northwind Bank, Contoso"
P report "$pref" --stage plan-a.police --customer Contoso >/dev/null 2>&1
same "--customer with a stage of one party: usage (64)" "$?" "64"
# The draft goes to that customer: what the record fills in names no other
# customer, however written (as the customer's report hides them).
cref=$(P new --set caller_name="Ana Ruiz" --set nature=n --set title="Keys of NORTHWIND bank and Contoso leaked" \
	--set first_noticed=2026-12-06T08:00:00Z)
P set "$cref" lead "customers_affected=Northwind Bank <security@northwind.example.org>
Contoso <security@contoso.example.org>" severity=high business_critical=no >/dev/null
out=$(P report "$cref" --stage plan-a.customer-report --customer Contoso 2>/dev/null)
lacks "per-customer draft: another customer's name hidden" "$(printf '%s' "$out" | tr '[:upper:]' '[:lower:]')" "northwind"
has "per-customer draft: hidden as in the customer's report" "$out" "Keys of [another customer] and Contoso leaked"

# The plan's zone is the session's for the times it reads and shows,
# unless TZ names one. 09:00 in Brussels in December is 08:00 UTC.
plan_with zoned "timezone = Europe/Brussels"
at "2026-12-07T10:00:00Z"
zref=$(env -u TZ "$SIRT" --config "$T/zoned.ini" --db "$T/z.db" new --set caller_name=Ana --set nature=Phish \
	--set title=Phish --set first_noticed="2026-12-06 09:00")
same "the plan's zone: a time typed is read in it" \
	"$("$SIRT" --config "$T/zoned.ini" --db "$T/z.db" show "$zref" --format json | jq -r '.. | objects | .first_noticed? // empty' | head -1)" \
	"2026-12-06T08:00:00Z"
has "the plan's zone: times are shown in it" \
	"$(env -u TZ "$SIRT" --config "$T/zoned.ini" --db "$T/z.db" show "$zref")" "2026-12-06 09:00 CET"
zref2=$(TZ=UTC "$SIRT" --config "$T/zoned.ini" --db "$T/z.db" new --set caller_name=Ana --set nature=Phish \
	--set title=Phish --set first_noticed="2026-12-06 09:00")
same "TZ set: the user's zone reads the time" \
	"$("$SIRT" --config "$T/zoned.ini" --db "$T/z.db" show "$zref2" --format json | jq -r '.. | objects | .first_noticed? // empty' | head -1)" \
	"2026-12-06T09:00:00Z"

finish
