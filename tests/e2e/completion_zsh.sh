#!/bin/sh
# zsh completion (completion/_procviz): compinit finds it in $fpath, and
# for a command line the matches zsh offers are the right words, compared
# with what the program says (`procviz list`, `--help`).  Each check runs a
# real interactive zsh in a pseudo-terminal (zsh/zpty), types the line and
# a TAB, and records every match the completion adds (a compadd wrapper).
# The first check writes compinit's dump, which the others load.
. "$(dirname "$0")/../lib.sh"
ROOT=$PROCVIZ_ROOT
if ! command -v zsh >/dev/null 2>&1 ||
	! zsh -fc 'zmodload zsh/zpty' >/dev/null 2>&1; then
	echo "ok - zsh completion # SKIP zsh is not installed (make test installs it)"
	exit 0
fi

# capture.zsh COMPDIR OUT LINE: the matches for LINE (cursor at its end)
# into OUT, one per line, then END when the completion has finished.
cat >"$TMP/capture.zsh" <<'EOF'
zmodload zsh/zpty || exit 2
compdir=$1 out=$2 line=$3
: >$out
zpty z zsh -f -i
zpty -w z "PS1= PROMPT= RPROMPT=; fpath=($compdir \$fpath)"
zpty -w z "autoload -U compinit; compinit -u -d $out.zcompdump; bindkey '^I' complete-word"
zpty -w z "compadd() { local -a h; builtin compadd -O h \"\$@\";" \
	"print -rl -- \$h >>$out; builtin compadd \"\$@\"; }"
zpty -w z "_capture_end() { print END >>$out; }; comppostfuncs=(_capture_end)"
zpty -w -n z "$line"$'\t'
for i in {1..200}; do
	grep -qx END $out 2>/dev/null && break
	sleep 0.05
done
zpty -d z
EOF
# The binary under test is the procviz of the line.
mkdir -p "$TMP/bin" "$TMP/w"
ln -s "$PROCVIZ" "$TMP/bin/procviz"
touch "$TMP/w/my.txt" "$TMP/w/mine.wl"
comp() {
	(cd "$TMP/w" && PATH="$TMP/bin:$PATH" zsh -f "$TMP/capture.zsh" \
		"$ROOT/completion" "$TMP/out" "$1" >/dev/null 2>&1)
	if ! grep -qx END "$TMP/out"; then
		echo "NO-END"
		return
	fi
	grep -v -x -e END -e '' "$TMP/out" | sort -u
}
. "$(dirname "$0")/completion.inc"
SCEN=$(kind scenario | sort)
WORK=$(kind workload | sort)
POL=$(kind policy --policies | sort)

expect_comp "zsh: procviz <TAB>: the commands of --help" "procviz " \
	"$("$PROCVIZ" --help | sed -n 's/^  procviz \([a-z][a-z-]*\).*/\1/p' | sort -u)"
expect_comp "zsh: procviz -<TAB>" "procviz -" "$(words --help --version)"
expect_comp "zsh: procviz sched --pol<TAB>" "procviz sched --pol" "--policy"
expect_comp "zsh: procviz drive --<TAB>: drive's and sched's options" "procviz drive --" \
	"$(for c in sched drive; do "$PROCVIZ" $c --help; done |
		sed -n 's/^ \{1,\}\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\2/p' |
		sort -u)"
expect_comp "zsh: procviz run <TAB>: the lessons" "procviz run " "$SCEN"
expect_comp "zsh: procviz run --pace 1 z<TAB>: after an option's argument" \
	"procviz run --pace 1 z" "$(printf '%s\n' "$SCEN" | grep '^z')"
expect_comp "zsh: procviz sched <TAB>: workloads and files" "procviz sched " \
	"$(words $WORK my.txt mine.wl)"
expect_comp "zsh: procviz sched --policy <TAB>: all and the policies" \
	"procviz sched --policy " "$(words all $POL)"
expect_comp "zsh: procviz sched --policy fcfs,s<TAB>: the list's next element" \
	"procviz sched --policy fcfs,s" "$(words sjf srtf stride)"
expect_comp "zsh: procviz sched --format=c<TAB>" "procviz sched --format=c" "csv"
expect_comp "zsh: procviz run --format <TAB>" "procviz run --format " \
	"$(words text json)"
expect_comp "zsh: procviz replay --format <TAB>" "procviz replay --format " \
	"$(words text json svg html)"
expect_comp "zsh: procviz replay m<TAB>: files" "procviz replay m" \
	"$(words my.txt mine.wl)"
expect_comp "zsh: procviz sched --output m<TAB>: files" "procviz sched --output m" \
	"$(words my.txt mine.wl)"
expect_comp "zsh: procviz run zombie <TAB>: one lesson only" "procviz run zombie " ""
got=$(comp "procviz watch -- slee")
printf '%s\n' "$got" | grep -qx sleep && ok "zsh: procviz watch -- slee<TAB>: commands" ||
	not_ok "zsh: procviz watch -- slee<TAB>: commands" "got: $(echo $got)"
