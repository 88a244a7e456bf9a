#!/bin/sh
# A customer's report names no other customer however the text spells
# it (case, ß/SS, ı/I, doubled spaces, a zero-width character, a
# sub-domain, a bare domain, an alias the plan or the line gives), carries
# no internal step notes, logins or approvals unless [report]
# customer_includes says so, refuses (65) what still looks like another
# customer unless --confirm-names, and has a form of its own per customer.
set -u
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
DB="$T/customers.db"
plan customers leads
sed -i "s/^leads = .*/&\nmanagers = $(id -un)/" "$T/customers.ini"
cat >> "$T/customers.ini" <<'INI'
[customers]
contoso = Contoso <security@contoso.example.org>
northwind = Northwind Bank <security@nwb.example.org> aka: Northwind domains: northwind.example.net
INI
s() { "$SIRT" --config "$T/customers.ini" --db "$DB" "$@"; }
# lacks_any NAME TEXT: none of the other customers' spellings, in any case.
lacks_any() {
	# A zero-width character shows as <U+200B> in text, \u200b in JSON.
	found=$(printf '%s' "$2" | grep -E -i -o -e 'contoso' -e 'northwind' -e 'nwb\.example' -e 'GROSSBANK' \
		-e 'Großbank' -e 'grossbank' -e 'ẞ' -e 'Con[^ ]{1,9}toso' -e 'North[^ ]{1,9}wind' | sort -u | tr '\n' ' ')
	same "$1" "$found" ""
}

out=$(s check 2>&1)
same "check: the plan with [customers] is valid" "$?" "0"

zw=$(printf 'Con\342\200\213toso')
ref=$(s new --set caller_name="Dana Reyes" --set nature="Phishing" --set title="Phishing at CONTOSO and Northwind  Bank")
s set "$ref" lead "customers_affected=Kılınç Holding <soc@kilinc.example.org>
Contoso <security@contoso.example.org>
Northwind Bank <security@nwb.example.org>
Großbank AG <sec@grossbank.example.net> aka: GB" severity=high business_critical=no >/dev/null
s procedure "$ref" inactive-intrusion >/dev/null
s step "$ref" preserve-evidence done --note "copied to s3://ir-evidence/contoso-2026 bucket" >/dev/null
s step "$ref" restoration.change-passwords done --note "rotated the kilinc-prod signing key" >/dev/null
s change propose "$ref" "Block the sender domain" --why "stop it" >/dev/null
s change approve "$ref" 1 --reason "agreed in the bridge call" >/dev/null
# After the steps: the report's plan and actions are filled in from them.
s set "$ref" report "how_occurred=CONTOSO asked for RCA; see status.contoso.example.org. NORTHWIND ops and Northwind  Bank too.
GROSSBANK AG, $zw and GB wrote; bare domains: contoso.example.org, api.northwind.example.net, grossbank.example.net,
mail to security@nwb.example.org and portal.NWB.example.org." \
	"data_disclosed=KILINÇ HOLDING: invoices of 2026
Contoso: 200 account holders" \
	"how_discovered=A customer's help desk called." "category=Phishing" "attack_origin=Unknown sender." effective=yes >/dev/null
me=$(id -un)

for f in md text json; do
	out=$(s report "$ref" --customer "Kılınç Holding" --format "$f")
	same "customer report $f: written (exit 0)" "$?" "0"
	lacks_any "customer report $f: no other customer in any spelling" "$out"
	has "customer report $f: their data" "$out" "invoices of 2026"
	lacks "customer report $f: no other customer's data" "$out" "200 account holders"
	lacks "customer report $f: no step notes" "$out" "s3://ir-evidence"
	lacks "customer report $f: no key rotation note" "$out" "signing key"
	lacks "customer report $f: no approval" "$out" "agreed in the bridge call"
	lacks "customer report $f: no login" "$out" "by $me"
	has "customer report $f: the steps worked, by title" "$out" "Preserve disk images and logs"
done
# By its name however written, and by its address.
out=$(s report "$ref" --customer "KILINÇ  HOLDING" --format text)
has "customer report: the name in capitals finds it" "$out" "For            Kılınç Holding"
out=$(s report "$ref" --customer "kilinc holding" --format text)
has "customer report: without its marks too" "$out" "For            Kılınç Holding"
out=$(s report "$ref" --customer "GB" --confirm-names --format text)
has "customer report: by a name it also goes by (aka)" "$out" "For            Großbank AG"
# The full report still has everything.
out=$(s report "$ref" --format text)
has "full report: the step notes" "$out" "s3://ir-evidence"

# What still looks like another customer: listed, refused (65).
s set "$ref" customer --customer "Kılınç Holding" "what_happened=A mail claiming to be from GROSSBANK Support and the Northwinds Team reached you; see grossbank-cdn.example.com; the grossbank desk knows." >/dev/null
out=$(s report "$ref" --customer "Kılınç Holding" 2>&1)
same "suspects: refused (65)" "$?" "65"
has "suspects: says why" "$out" "sirt: not written: the report for Kılınç Holding still seems to name another customer:"
has "suspects: a capitalised sequence sharing a word" "$out" "  GROSSBANK Support"
lacks "suspects: not a word it shares" "$out" "Northwinds"
has "suspects: a word of another's name written small" "$out" "
  grossbank
"
has "suspects: a domain with another's label" "$out" "  grossbank-cdn.example.com"
has "suspects: says what to do" "$out" "--confirm-names"
s report "$ref" --customer "Kılınç Holding" --output "$T/k.md" 2>/dev/null
same "suspects: nothing written to --output" "$(test -e "$T/k.md" && echo yes || echo no)" "no"
out=$(s report "$ref" --customer "Kılınç Holding" --confirm-names 2>&1)
same "suspects: --confirm-names writes it" "$?" "0"

# The customer's own form: stored per customer, shown in their report only.
out=$(s set "$ref" customer --customer "kılınç holding" "what_happened=A phishing mail reached your staff." \
	"what_to_do=Reset the passwords of the accounts we named.")
same "set customer: saved" "$out" "$ref: Report for Kılınç Holding saved (2 fields)"
out=$(s report "$ref" --customer "Kılınç Holding" --format text)
has "own form: what happened" "$out" "A phishing mail reached your staff."
has "own form: what to do" "$out" "Reset the passwords of the accounts we named."
out=$(s report "$ref" --customer "Großbank AG" --format text --confirm-names)
lacks "own form: not in another customer's report" "$out" "Reset the passwords of the accounts"
out=$(s report "$ref" --format text)
lacks "own form: not in the shared report" "$out" "A phishing mail reached your staff."
out=$(s set "$ref" customer what_to_do=x 2>&1)
same "set customer: needs --customer (64)" "$?" "64"
out=$(s set "$ref" customer --customer "Fabrikam" what_to_do=x 2>&1)
same "set customer: an unlisted customer (66)" "$?" "66"
out=$(s set "$ref" lead --customer "Contoso" severity=low 2>&1)
same "set: --customer with another form (64)" "$?" "64"

# [report] customer_includes: step notes, logins and approvals when the plan says so.
cp "$T/customers.ini" "$T/includes.ini"
printf '[report]\ncustomer_includes = step-notes, logins, approvals\n' >> "$T/includes.ini"
out=$("$SIRT" --config "$T/includes.ini" --db "$DB" report "$ref" --customer "Kılınç Holding" --format text)
has "customer_includes: step notes" "$out" "rotated the kilinc-prod signing key"
has "customer_includes: logins" "$out" "by $me"
has "customer_includes: approvals" "$out" "agreed in the bridge call"
lacks_any "customer_includes: still no other customer" "$out"

# sirt check: [customers] and [report] problems as file:line.
cp "$T/customers.ini" "$T/bad.ini"
n=$(wc -l < "$T/bad.ini")
printf 'fabrikam = Fabrikam <security@fabrikam.example.org> also Fab\nwoodgrove = Woodgrove domains: woodgrove\n[report]\ncustomer_includes = step-notes, passwords\n' >> "$T/bad.ini"
out=$("$SIRT" --config "$T/bad.ini" check 2>&1)
same "check: bad lines (78)" "$?" "78"
has "check: after the address" "$out" "$T/bad.ini:$((n + 1)): customer \"fabrikam\": after the address only \"aka: other names\" and \"domains: example.net\" may follow, not \"also Fab\" (e.g. Contoso Ltd <security@contoso.example.org> aka: Contoso domains: contoso.example.net)"
has "check: no address" "$out" "$T/bad.ini:$((n + 2)): customer \"woodgrove\" is not \"Customer name <security@example.org>\""
has "check: customer_includes" "$out" "$T/bad.ini:$((n + 4)): customer_includes names \"passwords\": it takes step-notes, logins, approvals (separated by commas) or none"
# And on the lead details' customers line.
out=$(s set "$ref" lead "customers_affected=Contoso <security@contoso.example.org> domains: nodot" 2>&1)
same "lead: a bad domain is refused (65)" "$?" "65"
has "lead: says which line and why" "$out" "line 1: \"nodot\" is not a domain (e.g. contoso.example.org)"


# Every way a person or a program writes a name: the plural, letters
# with their marks apart (K ı l ı n c + U+0327, K i + U+0307 l ı n ç, as
# macOS and some mailers write them), full-width capitals, a soft hyphen
# inside. Each is hidden from another customer's report.
ref2=$(s new --set caller_name="Dana Reyes" --set nature="Spam" --set title="Spam")
s set "$ref2" lead "customers_affected=Kılınç Holding <soc@kilinc.example.org>
Contoso <security@contoso.example.org>
Großbank AG <sec@grossbank.example.net>" severity=high business_critical=no >/dev/null
spellings=$(printf 'Ask the Kılınç Holdings. K\304\261l\304\261nc\314\247 Holding; Ki\314\207l\304\261n\303\247 Holding; \357\274\253\357\274\251\357\274\254\357\274\251\357\274\256\357\274\243 HOLDING; Gro\302\255\303\237bank AG.')
s set "$ref2" customer --customer "Contoso" "what_to_do=$spellings" >/dev/null
out=$(s report "$ref2" --customer "Contoso" --format text 2>&1)
same "spellings: nothing left that looks like another (exit 0)" "$?" "0"
same "spellings: each hidden" "$(printf '%s' "$out" | grep -o '\[another customer\]' | wc -l | tr -d ' ')" "5"
lacks "spellings: no plural left" "$out" "Holdings"
lacks "spellings: no combining cedilla left" "$out" "U+0327"
lacks "spellings: no full-width left" "$(printf '%s' "$out" | grep -i 'holding')" "HOLDING"
lacks "spellings: no soft hyphen left" "$out" "U+00AD"
# A soft hyphen inside a word that shares a word with another's name:
# listed, as the word without it is.
s set "$ref2" customer --customer "Contoso" "what_to_do=$(printf 'Call the Gro\302\255\303\237bank desk.')" >/dev/null
out=$(s report "$ref2" --customer "Contoso" --format text 2>&1)
same "soft hyphen: still looks like another customer (65)" "$?" "65"
has "soft hyphen: listed" "$out" "bank"
# A name run into the next word: not a name to hide, but listed, asked.
s set "$ref2" customer --customer "Kılınç Holding" "what_to_do=Ask the ContosoLtd desk; see CONTOSOCLOUD." >/dev/null
out=$(s report "$ref2" --customer "Kılınç Holding" --format text 2>&1)
same "run together: looks like another customer (65)" "$?" "65"
has "run together: ContosoLtd listed" "$out" "ContosoLtd"
has "run together: CONTOSOCLOUD listed" "$out" "CONTOSOCLOUD"
# An imported incident's report for a customer does not say who imported
# it, or from which file (the file was named after another customer).
s export --output "$T/Großbank AG export.json" >/dev/null
"$SIRT" --config "$T/customers.ini" --db "$T/imported.db" import "$T/Großbank AG export.json" >/dev/null 2>&1
out=$("$SIRT" --config "$T/customers.ini" --db "$T/imported.db" report "$ref2" --customer "Contoso" --confirm-names --format text 2>&1)
same "imported: the customer's report is written" "$?" "0"
lacks "imported: no import line" "$out" "Imported"
lacks "imported: not the file" "$out" "export.json"
same "imported: json says nothing of it" \
	"$("$SIRT" --config "$T/customers.ini" --db "$T/imported.db" report "$ref2" --customer "Contoso" --confirm-names --format json | jq -r '.imported')" "null"
has "imported: the full report still says it" \
	"$("$SIRT" --config "$T/customers.ini" --db "$T/imported.db" report "$ref2" --format text)" "Imported"

finish
