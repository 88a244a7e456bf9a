# Shell completion for zsh: the installed function (completion/_sirt),
# autoloaded from $fpath as compinit does, driven with words and CURRENT
# set as at a TAB, zsh's compadd, _files, compset and compdef replaced by
# functions that record what they are handed. Run by zsh -f (tests/meson.build).
SIRT=${SIRT_BIN:?set SIRT_BIN to the sirt binary}
SRC=${SIRT_SOURCE_DIR:?set SIRT_SOURCE_DIR to the source tree}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME=$T XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config SIRT_DB=$T/compl.db
unset SIRT_CONFIG
path=(${SIRT:h} $path)
count=0
failed=0

ok() { count=$((count + 1)); print -r -- "ok $count - $1"; }
not_ok() { count=$((count + 1)); failed=$((failed + 1)); print -r -- "not ok $count - $1"; }
same() {
	if [[ $2 == "$3" ]]; then ok "$1"; else
		not_ok "$1"
		printf '  expected: %s\n       got: %s\n' "$3" "$2"
	fi
}

[[ $(whence -p sirt) == $SIRT ]] || { print "Bail out! $SIRT is not the sirt on PATH"; exit 1; }

# Named apart: _sirt's own locals would hide the stubs' records.
typeset -a got_words got_nospace got_calls
compadd() {
	local nospace=0
	while (( $# )); do
		case $1 in
		-S) [[ -z $2 ]] && nospace=1; shift 2 ;;
		--) shift; break ;;
		*) shift ;;
		esac
	done
	got_words+=("$@")
	(( nospace )) && got_nospace+=("$@")
	return 0
}
_files() { got_calls+=("_files${1:+ $*}"); }
compset() { got_calls+=("compset $*"); [[ $1 == -P ]] && PREFIX=${PREFIX#*=}; }
compdef() { got_calls+=("compdef $*"); }

# complete_line LINE: the words offered at a TAB with the cursor at the
# end of LINE (zsh's words are split at blanks only).
complete_line() {
	words=(${(z)1})
	[[ $1 == *' ' ]] && words+=('')
	CURRENT=$#words
	PREFIX=$words[CURRENT]
	got_words=() got_nospace=() got_calls=()
	_sirt
	print -r -- "${got_words[*]}"
}

new() { "$SIRT" new --set caller_name="Dana Reyes" --set nature="Phishing" --set title="$1"; }
one=$(new "Phishing at the bank")
two=$(new "Phishing again")

fpath=($SRC/completion $fpath)
autoload -Uz _sirt

table=$("$SIRT" help --format json | jq -r '[.commands[].name] | join(" ")')
same "commands: every command of the table" "$(complete_line 'sirt ')" "$table"
same "commands: a prefix" "$(complete_line 'sirt de')" "deadlines deadline decide"
same "options of cost add" "$(complete_line "sirt cost add $one --")" \
	"--kind --amount --description --currency --estimate --format --config --db --read-only --help"
same "references" "$(complete_line 'sirt show ')" "$two $one"
same "categories" "$(complete_line "sirt category $one ")" "life data systems services"
same "procedures" "$(complete_line "sirt procedure $one w")" "worm website-dos"
same "--kind" "$(complete_line "sirt note $one --kind ")" "log-review log-gap ids cloud-audit interview other"
same "--kind=PREFIX" "$(complete_line "sirt note $one --kind=cl")" "--kind=cloud-audit"
same "--tlp" "$(complete_line "sirt ioc add $one --tlp ")" "clear green amber amber+strict red"
complete_line "sirt set $one triage ur" >/dev/null
same "a field's key and =, with no blank after" "${got_nospace[*]}" "urgent="
same "a field's choices" "$(complete_line "sirt set $one triage urgent=")" "urgent=yes urgent=no urgent=unknown"
complete_line 'sirt import ' >/dev/null
same "FILE: zsh completes file names" "${got_calls[*]}" "_files"
complete_line 'sirt init --shared ' >/dev/null
same "DIR: directories" "${got_calls[*]}" "_files -/"
complete_line 'sirt show --db=' >/dev/null
same "--db=FILE: file names after the =" "${got_calls[*]}" "compset -P *= _files"

mkdir $T/fresh
same "no database: nothing offered" \
	"$(HOME=$T/fresh XDG_DATA_HOME=$T/fresh/data SIRT_DB= complete_line 'sirt show ')" ""
same "no database: nothing made" "$(find $T/fresh -mindepth 1)" ""
mkdir -p $T/bare/data/sirt
same "no database in its directory: nothing offered" \
	"$(HOME=$T/bare XDG_DATA_HOME=$T/bare/data SIRT_DB= complete_line 'sirt show ')" ""
same "  and no file made there" "$(find $T/bare -type f)" ""

# Sourced (source <(sirt completion zsh)): it says which command it
# completes, and completes as autoloaded.
unfunction _sirt
got_calls=()
source <("$SIRT" completion zsh)
same "sourced: compdef _sirt sirt" "${got_calls[*]}" "compdef _sirt sirt"
same "sourced: completes" "$(complete_line 'sirt li')" "list"

print "1..$count"
print "$((count - failed)) passed, $failed failed"
(( failed == 0 ))
