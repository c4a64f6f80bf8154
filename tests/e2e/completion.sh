#!/bin/sh
# Bash completion (completion/procviz.bash): bash-completion loads it from
# the installed path, `complete -p procviz` names its function, and for a
# command line the function offers the right words, compared with what the
# program says (`procviz list`, `procviz list --policies`, `--help`) and
# with bash's own `compgen -f` for files.  Each check runs the completion
# function the way bash does on TAB: COMP_WORDS, COMP_CWORD, COMP_LINE and
# COMP_POINT set, then _procviz, then COMPREPLY is printed.
. "$(dirname "$0")/../lib.sh"
ROOT=$PROCVIZ_ROOT
BC=/usr/share/bash-completion/bash_completion
if ! command -v bash >/dev/null 2>&1 || [ ! -f "$BC" ]; then
	echo "ok - bash completion # SKIP bash or bash-completion is not installed (make test installs it)"
	exit 0
fi

# Installed where bash-completion looks for it, it is loaded on demand.
mkdir -p "$TMP/share/bash-completion/completions"
cp "$ROOT/completion/procviz.bash" "$TMP/share/bash-completion/completions/procviz"
got=$(XDG_DATA_DIRS="$TMP/share" BASH_COMPLETION_USER_DIR="$TMP/none" \
	bash --norc --noprofile -c ". $BC; __load_completion procviz && complete -p procviz" 2>&1)
expect_eq "bash-completion loads it from share/bash-completion/completions (complete -p)" \
	"complete -F _procviz procviz" "$got"

# comp LINE: the completions bash offers for LINE (the cursor at its end;
# a trailing space starts a new word), sorted, one per line.  procviz in
# LINE is replaced by $PROCVIZ, the binary under test.
cat >"$TMP/drive.bash" <<'EOF'
. "$BC"
. "$ROOT/completion/procviz.bash"
line=${1/#procviz/$PROCVIZ}
# bash splits at COMP_WORDBREAKS: "--format=j" is three words
read -ra COMP_WORDS <<<"${line//=/ = }"
[[ $line == *' ' ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
_procviz procviz "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
EOF
comp() {
	BC=$BC ROOT=$ROOT PROCVIZ=$PROCVIZ bash --norc --noprofile \
		"$TMP/drive.bash" "$1" 2>"$TMP/comp.err" | sed '/^$/d' | sort -u
	[ -s "$TMP/comp.err" ] && sed 's/^/stderr: /' "$TMP/comp.err"
}
. "$(dirname "$0")/completion.inc"
# expect_has NAME LINE WORD...: the completions include every WORD
expect_has() {
	name=$1 line=$2
	shift 2
	got=$(comp "$line")
	lack=""
	for w in "$@"; do
		printf '%s\n' "$got" | grep -qx -e "$w" || lack="$lack $w"
	done
	if [ -z "$lack" ]; then ok "$name"; else
		not_ok "$name" "line: $line" "missing:$lack" "got: $(echo $got)"
	fi
}

SCEN=$(kind scenario | sort)
WORK=$(kind workload | sort)
POL=$(kind policy --policies | sort)
[ -n "$SCEN" ] && [ -n "$WORK" ] && ok "procviz list names lessons and workloads" ||
	not_ok "procviz list names lessons and workloads"
expect_eq "procviz list --policies names the simulator's policies" \
	"$(words fcfs sjf srtf rr prio pprio prio-rr hrrn mlfq lottery stride cfs procrun)" "$POL"

# Commands and global options.
expect_comp "procviz <TAB>: the commands of procviz --help" "procviz " \
	"$("$PROCVIZ" --help | sed -n 's/^  procviz \([a-z][a-z-]*\).*/\1/p' | sort -u)"
expect_has "procviz <TAB>: run watch attach sched drive list replay trace" \
	"procviz " run watch attach sched drive list replay trace
expect_comp "procviz s<TAB>: sched" "procviz s" "sched"
expect_comp "procviz -<TAB>: --help --version" "procviz -" "$(words --help --version)"

# Each command's options, as its --help lists them ("  --opt ...", or
# "  -o, --opt ...").
help_opts() {
	for c in "$@"; do "$PROCVIZ" $c --help; done |
		sed -n 's/^ \{1,\}\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\2/p' |
		sort -u
}
for cmd in run watch attach sched drive list replay trace; do
	opts=$(help_opts $cmd)
	[ $cmd = watch ] && opts=$(words $opts --)
	[ $cmd = drive ] && opts=$(help_opts sched drive)
	expect_comp "procviz $cmd --<TAB>: its options" "procviz $cmd --" "$opts"
done
expect_has "run's options include --record, --subreaper, --pace" "procviz run --" \
	--record --subreaper --pace --headless --format
expect_has "sched's options include --policy, --mlfq-boost, --output" "procviz sched --" \
	--policy --mlfq-boost --output --quantum --explain
expect_has "drive takes sched's options too (--quantum, --jobs) and its own (--tick-ms)" \
	"procviz drive --" --quantum --jobs --tick-ms --cpu
expect_comp "procviz sched --pol<TAB>: --policy" "procviz sched --pol" "--policy"

# Lessons, workloads, policies.
expect_comp "procviz run <TAB>: the lessons" "procviz run " "$SCEN"
expect_comp "procviz run --headless z<TAB>: lessons after an option" \
	"procviz run --headless z" "$(printf '%s\n' "$SCEN" | grep '^z')"
expect_comp "procviz run --pace 1 <TAB>: an option's argument is skipped" \
	"procviz run --pace 1 " "$SCEN"
expect_comp "procviz run zombie <TAB>: one lesson only" "procviz run zombie " ""
mkdir -p "$TMP/w"
touch "$TMP/w/my.txt" "$TMP/w/mine.wl"
cd "$TMP/w" || exit 1
expect_comp "procviz sched <TAB>: bundled workloads and files" "procviz sched " \
	"$(words $WORK my.txt mine.wl)"
expect_comp "procviz drive st<TAB>: bundled workloads" "procviz drive st" \
	"$(printf '%s\n' "$WORK" | grep '^st')"
expect_comp "procviz sched --policy <TAB>: all and the policies" \
	"procviz sched --policy " "$(words all $POL)"
expect_comp "procviz drive --policy <TAB>: the policies (one)" \
	"procviz drive --policy " "$POL"
expect_comp "procviz sched --policy fcfs,s<TAB>: the list's next element" \
	"procviz sched --policy fcfs,s" "$(words fcfs,sjf fcfs,srtf fcfs,stride)"
expect_comp "procviz sched --policy=r<TAB>: --opt=value" \
	"procviz sched --policy=r" "rr"
expect_comp "procviz sched --format <TAB>" "procviz sched --format " \
	"$(words text json csv svg html)"
expect_comp "procviz replay --format <TAB>" "procviz replay --format " \
	"$(words text json svg html)"
expect_comp "procviz run --format <TAB>" "procviz run --format " \
	"$(words text json)"
expect_comp "procviz sched --format=c<TAB>" "procviz sched --format=c" "csv"
expect_comp "procviz sched --convention <TAB>" "procviz sched --convention " \
	"$(words ostep textbook)"
expect_comp "procviz sched --quantum <TAB>: a number, nothing offered" \
	"procviz sched --quantum " ""

# Files where a file is expected.
for line in "procviz run zombie --record m" "procviz sched --output m" \
	"procviz drive --jobs 3 --output m" "procviz replay m" "procviz trace m"; do
	expect_comp "$line<TAB>: files (compgen -f)" "$line" \
		"$(bash -c 'compgen -f -- m' | sort -u)"
done
expect_comp "procviz sched m<TAB>: workloads and files" "procviz sched m" \
	"$(words $(printf '%s\n' "$WORK" | grep '^m') my.txt mine.wl)"
expect_comp "procviz replay my.txt <TAB>: one file only" "procviz replay my.txt " ""

# watch: after --, a command and its arguments.
expect_has "procviz watch -- sl<TAB>: commands" "procviz watch -- sl" sleep
expect_has "procviz watch --headless -- ls --<TAB>: the command's own completion" \
	"procviz watch --headless -- ls --" --all
# attach: process ids.
expect_has "procviz attach <TAB>: process ids" "procviz attach $$" "$$"
