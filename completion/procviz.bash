# bash completion for procviz(1)                           -*- shell-script -*-
#
# Installed as share/bash-completion/completions/procviz (make install, the
# Debian package); bash-completion loads it the first time procviz<TAB> is
# pressed.  To try it from the source tree: . completion/procviz.bash
#
# Everything it completes comes from the program itself, so a new command,
# option, lesson, workload or policy needs no edit here:
#   commands      the "  procviz CMD ..." lines of `procviz --help`;
#   options       the "  --option [ARG]  text" lines of `procviz CMD --help`
#                 (an option takes an argument when its help line names one:
#                 "  --record FILE   ..."); drive also takes sched's options;
#   lessons       `procviz list` (tab-separated KIND NAME DESCRIPTION),
#                 KIND scenario and lesson (a lesson file), and *.yaml files;
#   workloads     the same, KIND workload, and files;
#   policies      `procviz list --policies`.
# Only the values of --format, --convention, --policy, and the arguments
# that are files (--record, --output, replay FILE, trace FILE, a workload
# file) are known here.

# The procviz the user is completing for: as typed (./procviz, ~/bin/...).
_procviz_prog()
{
    local prog=${words[0]}

    [[ $prog == \~* ]] && prog=${prog/#\~/$HOME}
    printf '%s\n' "$prog"
}

# The long options of command $2 of procviz $1, one per line, "=" after
# those taking an argument: help lines "  --opt ARG  text", "  --opt=ARG",
# "  -o, --opt ARG" (ARG in capitals).
_procviz_options()
{
    {
        LC_ALL=C "$1" "$2" --help 2>/dev/null
        [[ $2 == drive ]] && LC_ALL=C "$1" sched --help 2>/dev/null
    } | sed -n \
        -e 's/^ \{1,\}\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z][a-z0-9-]*\)[= ][A-Z].*/\2=/p' \
        -e 's/^ \{1,\}\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z][a-z0-9-]*\)\( .*\)\{0,1\}$/\2/p' |
        sort -u
}

# The NAME column of the lines of `procviz list $3` whose KIND is $2.
_procviz_names()
{
    LC_ALL=C "$1" list $3 2>/dev/null |
        while IFS=$'\t' read -r kind name _; do
            [[ $kind == "$2" ]] && printf '%s\n' "$name"
        done
}

# The words among $3... that the help line of option $2 of command $1
# names, e.g. text json csv svg html for "--format FMT  text (default),
# json, csv, svg or html".
_procviz_values()
{
    local prog=$1 cmd=$2 opt=$3 line v
    shift 3
    line=$(LC_ALL=C "$prog" "$cmd" --help 2>/dev/null |
        grep -m1 -e "^ *$opt ")
    for v in "$@"; do
        [[ " ${line//[,()]/ } " == *" $v "* ]] && printf '%s\n' "$v"
    done
}

_procviz()
{
    local cur prev words cword split
    _init_completion -s || return

    local prog cmd i w opts arg_opts npos=0
    prog=$(_procviz_prog)

    if ((cword == 1)); then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(LC_ALL=C "$prog" --help 2>/dev/null |
                sed -n 's/^  procviz \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p')" \
                -- "$cur"))
        fi
        return
    fi
    cmd=${words[1]}
    [[ $cmd == -* ]] && return

    opts=$(_procviz_options "$prog" "$cmd")
    arg_opts=" $(printf '%s\n' "$opts" | sed -n 's/=$//p' | tr '\n' ' ') "

    # After `watch ... --`: a command and its arguments.
    for ((i = 2; i < cword; i++)); do
        if [[ ${words[i]} == -- && $cmd == watch ]]; then
            _command_offset $((i + 1))
            return
        fi
    done

    # The argument of an option.
    if [[ $prev == --* && $arg_opts == *" $prev "* ]]; then
        case $prev in
        --record | --output)
            _filedir
            ;;
        --format)
            COMPREPLY=($(compgen -W "$(_procviz_values "$prog" "$cmd" \
                --format text json csv svg html)" -- "$cur"))
            ;;
        --convention)
            COMPREPLY=($(compgen -W 'ostep textbook' -- "$cur"))
            ;;
        --policy)
            # A comma-separated list: complete its last element.
            local head="" all=""
            [[ $cur == *,* ]] && head=${cur%,*},
            [[ $cmd == sched && -z $head ]] && all=all
            COMPREPLY=($(compgen -P "$head" -W "$all $(_procviz_names \
                "$prog" policy --policies)" -- "${cur##*,}"))
            [[ $COMPREPLY ]] && compopt -o nospace 2>/dev/null
            [[ ${#COMPREPLY[@]} -eq 1 && $COMPREPLY == "$cur" ]] &&
                compopt +o nospace 2>/dev/null
            ;;
        esac
        return
    fi
    $split && return

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(printf '%s\n' "$opts" |
            sed 's/=$//')" -- "$cur"))
        [[ $cmd == watch ]] && COMPREPLY+=($(compgen -W '--' -- "$cur"))
        return
    fi

    # How many positional arguments come before the word being completed.
    for ((i = 2; i < cword; i++)); do
        w=${words[i]}
        if [[ $w == --*=* ]]; then
            continue
        elif [[ $w == --* ]]; then
            [[ $arg_opts == *" $w "* ]] && ((i++))
            continue
        fi
        ((npos++))
    done
    # lesson check FILE...: lesson files
    if [[ $cmd == lesson ]] && ((npos > 0)); then
        _filedir '@(yaml|yml)'
        return
    fi
    ((npos > 0)) && return

    case $cmd in
    run)
        # a built-in lesson, a lesson file found by procviz, or (once a
        # path is being typed) a lesson file's path
        COMPREPLY=($(compgen -W "$(_procviz_names "$prog" scenario)
            $(_procviz_names "$prog" lesson)" -- "$cur"))
        [[ $cur == */* || $cur == .* ]] && _filedir '@(yaml|yml)'
        ;;
    lesson)
        COMPREPLY=($(compgen -W 'check' -- "$cur"))
        ;;
    sched | drive)
        COMPREPLY=($(compgen -W "$(_procviz_names "$prog" workload)" \
            -- "$cur"))
        _filedir
        ;;
    attach)
        _pids
        ;;
    replay | trace)
        _filedir
        ;;
    esac
} &&
    complete -F _procviz procviz

# ex: filetype=sh
