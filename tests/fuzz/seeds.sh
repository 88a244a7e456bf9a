#!/bin/sh
# Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/:
# the sample plan's own files, real time strings, hostile text, editing
# scripts, and a real export made by sirt. Run from the source tree with
# a built sirt: sh tests/fuzz/seeds.sh build-test/sirt
# Seeds are small on purpose: make test replays every one of them.
set -eu
sirt=$(realpath "${1:?give the sirt binary}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
c="$here/corpus"
mkdir -p "$c/sanitize" "$c/editor" "$c/time" "$c/ini" "$c/definition" "$c/config" "$c/import"

# One seed: target, name, then printf's format and arguments.
seed() {
	target=$1 name=$2
	shift 2
	# shellcheck disable=SC2059
	printf "$@" > "$c/$target/$name"
}

# ini, definition (first byte: 0 a form, 1 a procedure), config.
for f in "$root"/data/plan-*.ini; do
	cp "$f" "$c/ini/$(basename "$f")"
	cp "$f" "$c/config/$(basename "$f")"
done
for f in "$root"/forms/*.ini; do
	cp "$f" "$c/ini/form-$(basename "$f")"
	{ printf '\000'; cat "$f"; } > "$c/definition/form-$(basename "$f")"
done
for f in "$root"/data/procedures/*.ini "$root"/data/restoration/*.ini; do
	name=$(basename "$(dirname "$f")")-$(basename "$f")
	{ printf '\001'; cat "$f"; } > "$c/definition/$name"
done
seed ini iniparser-corners '[a]\nk = "quoted; value" ; comment\nl = 1\\\n  2\nm=\nn = ;\n[A ]\n'
seed ini duplicates '[s]\nk = 1\nK = 2\n[s]\n'

# time: the first byte picks now (see time.c), the rest is typed.
i=0
for t in now 14:05 "2026-11-22 14:05" "2026-11-22 14:05:30" -30m -2h -3d -45s 2026-11-22T14:05:00Z \
	24h 14d 1d12h 90m 2w "  -5m  " 2026-02-29T10:00:00Z "2024-02-29 10:00" 1970-01-01T00:00:00Z; do
	seed time "typed-$i" '\000%s' "$t"
	i=$((i + 1))
done
seed time spring-night-0230 '\00202:30'
seed time spring-night-date '\000%s' "2026-03-29 02:30"
seed time autumn-night-0230 '\00302:30'
seed time autumn-night-date '\000%s' "2026-10-25 02:30:00"
seed time epoch-local '\000%s' "1970-01-01 00:59:59"

# sanitize: the first byte is options (bit 0 keeps newlines, the rest a
# column limit), then hostile text.
seed sanitize csi '\120\033[2J\033[31mred\033[0m'
seed sanitize osc-clipboard '\120\033]52;c;aGk=\033\\\\ and \033]0;title\007'
seed sanitize dcs-apc-unterminated '\120\033P+q\033_apc \033[?1049h'
seed sanitize c1-raw-and-utf8 '\120\233%s\302\233%s\302\205' 2J 31m
seed sanitize controls '\121a\bb\rc\000d\177e\tf\ng\007'
seed sanitize invalid-utf8 '\120\377\376\300\257\340\200\257\355\240\200\364\220\200\200\342\202'
seed sanitize bidi '\120admin\342\200\256gpj.exe\342\201\246x\342\201\251'
seed sanitize zero-width-tags '\120a\342\200\213b\357\273\277c\363\240\201\201\363\240\201\277'
seed sanitize invisible-format '\120a\341\240\216b\342\201\241c\342\201\242d\342\201\243e\342\201\244f\357\277\271g\357\277\272h\357\277\273i\315\217j'
seed sanitize wide-and-combining '\007%s' "全角テキスト e\314\201 Kılınç 🙂 a̶b̶"
seed sanitize narrow-wide '\002全角'
seed sanitize names '\050Burak Kılınç, Zoë Ødegård, Łukasz, Ἀθηνᾶ'

# editor: the first byte is options (bit 0 multi-line, then a byte
# limit), then typed characters and edits (the op numbers in editor.c:
# 00 newline, 01 Backspace, 02 Delete, 03 Left, 04 Right, 05 Home,
# 06 End, 07 word left, 08 word right, 09 Ctrl-W, 0a Ctrl-K, 0b Ctrl-U,
# 0c set the text, 0d scroll (width next), 0e a code point (3 bytes),
# 0f wrap check (width next)).
seed editor type-name '\000Burak Kılınç\003\003\001\002\005\006\017\005'
seed editor multiline '\001line one\000line two\000\000third\005\001\007\011\012\013\017\003'
seed editor combining '\001e\314\201e\314\201\000\314\201x\003\003\003\001\010\007\002\017\002'
seed editor wide-scroll '\000全角テキスト全角テキスト\015\004\005\015\004\017\003'
seed editor limit '\024abcdefghij全角klmnop'
seed editor set-then-edit '\001\014first\nsecond\300\000\007\011\005\012\017\010'
seed editor refused-codepoints '\001\016\000\000\033\016\000\330\000\016\021\000\000\016\000\000\302\016\000\040\056'

# import: a real export, made by sirt from the sample plan.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SIRT_TEST_NOW=2026-11-22T14:05:00Z SIRT_DB="$tmp/a.db" SIRT_CONFIG="$root/data/plan-a.ini" SIRT_DATA_DIR="$root" \
	TZ=UTC LC_ALL=C.UTF-8
ref=$("$sirt" new --set caller_name="Burak Kılınç" --set nature="Ransom note on fs01" --set title="Ransomware")
"$sirt" set "$ref" lead "customers_affected=Example Bank <security@bank.example.org>" severity=high \
	business_critical=no >/dev/null
"$sirt" set "$ref" triage real=real in_progress=no type=other business_impact=minimal urgent=no \
	--note real="seen on two hosts" >/dev/null
"$sirt" category "$ref" data >/dev/null
"$sirt" procedure "$ref" virus >/dev/null
"$sirt" step "$ref" restoration.preserve-evidence done >/dev/null
"$sirt" call "$ref" lead --outcome reached --note "on his way" >/dev/null
"$sirt" change propose "$ref" "Block SMB at the border" >/dev/null
"$sirt" witness add "$ref" --name "Dana Reyes" --statement "saw the note at 09:10" >/dev/null
"$sirt" note "$ref" --kind log-review "share access from 198.51.100.7" >/dev/null
printf 'log line\n' > "$tmp/log.txt"
"$sirt" evidence add "$ref" --file "$tmp/log.txt" --description "fs01 share log" >/dev/null 2>&1
"$sirt" custody "$ref" 1 --to "Lena Fischer" --purpose "analysis" >/dev/null
"$sirt" cost add "$ref" --kind containment --amount 800 --description "Overtime" >/dev/null
"$sirt" cost add "$ref" --kind damage --amount 5 --description "Typo" >/dev/null
"$sirt" cost withdraw "$ref" 2 --reason "entered twice" >/dev/null
"$sirt" new --set caller_name="Ana" --set nature="$(printf 'Lost laptop \033[2J\302\233')" --set title="Laptop" >/dev/null
"$sirt" export | jq -c . > "$c/import/export-two-incidents.json"
"$sirt" export | jq -c '.incidents |= .[1:]' > "$c/import/export-one-incident.json"
# ... imported into another database, exported again: every row marked
# with the import that brought it (and, once more, the one before).
"$sirt" export --output "$tmp/a.json"
"$sirt" --db "$tmp/b.db" import "$tmp/a.json" >/dev/null
"$sirt" --db "$tmp/b.db" export --output "$tmp/b.json"
"$sirt" --db "$tmp/c.db" import "$tmp/b.json" >/dev/null
"$sirt" --db "$tmp/c.db" export | jq -c '.incidents |= .[:1]' > "$c/import/export-imported-twice.json"
seed import empty-export '{"sirt_export":1,"schema":10,"exported_at":"2026-11-22T14:05:00Z","incidents":[]}'
seed import not-an-export '{"incidents":[]}'
echo "seeds written to $c"
