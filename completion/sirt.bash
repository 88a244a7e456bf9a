# bash completion for sirt(1). It knows no command or option: at a TAB it
# asks sirt itself (sirt __complete N WORD...), which answers from its
# command table, the plan and the database, read without changing them.
# Installed as $datadir/bash-completion/completions/sirt; elsewhere:
#   source <(sirt completion bash)

_sirt()
{
	local line=${COMP_LINE:0:COMP_POINT} rest blanks w i pos=0
	local -a words=() lines
	# The words as sirt reads them: bash splits at = and : as well,
	# which are joined again where no blank stands between.
	for ((i = 0; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		rest=${line:pos}
		blanks=${rest%%[![:space:]]*}
		if ((i == COMP_CWORD)); then
			w=${rest:${#blanks}}
		fi
		pos=$((pos + ${#blanks} + ${#w}))
		if ((i > 0 && ${#blanks} == 0 && ${#words[@]} > 0)); then
			words[${#words[@]} - 1]+=$w
		else
			words+=("$w")
		fi
	done
	local cur=${words[${#words[@]} - 1]} sirt=${words[0]}
	[[ $sirt == "~/"* ]] && sirt=$HOME/${sirt:2}
	mapfile -t lines < <("$sirt" __complete $((${#words[@]} - 1)) "${words[@]}" 2>/dev/null)
	COMPREPLY=()
	case ${lines[0]-} in
	files) compopt -o default 2>/dev/null; return 0 ;;
	dirs) compopt -o dirnames 2>/dev/null; return 0 ;;
	words) ;;
	*) return 0 ;;
	esac
	# bash replaces only what follows the last = or : of the word (if
	# COMP_WORDBREAKS has them): what sirt offers begins with the word.
	local breaks=${COMP_WORDBREAKS//[^=:]/} lead=
	if [[ -n $breaks && $cur == *["$breaks"]* ]]; then
		lead=${cur%"${cur##*["$breaks"]}"}
	fi
	for w in "${lines[@]:1}"; do
		COMPREPLY+=("${w#"$lead"}")
		# A field's key and its =: the value follows without a blank.
		[[ $w == *= ]] && compopt -o nospace 2>/dev/null
	done
	return 0
}
complete -F _sirt sirt
