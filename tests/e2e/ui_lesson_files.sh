#!/bin/sh
# A lesson file in the lesson view (procviz run FILE): the source pane at
# 200x50 beside the processes, scrolled to and highlighting the step's
# lines, following n; folded into the notes at 80x24; a lesson key sending
# its signal (zombie's w: SIGUSR1 to the parent, which then reaps); the
# lesson in Chinese with its source's CJK text aligned; --duration; and
# nothing left behind after q.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"

cd "$PROCVIZ_ROOT" || exit 1
# A pyenv shim would run a dozen helpers before python: use the real one.
[ -x /usr/bin/python3 ] && PATH=/usr/bin:$PATH
L="$TMP/lessons"
mkdir -p "$L"
cp scenarios/lessons/*.py scenarios/lessons/*.yaml "$L"
# The parent keeps its zombie 30 s, not 4: time enough for the keys below
# on a slow machine (the w key ends the wait at once).
sed -i 's/^deadline = 40 /deadline = 300 /' "$L/zombie.py"
grep -q '^deadline = 300 ' "$L/zombie.py" ||
	not_ok "the test's zombie.py waits 30 s" "$(grep deadline "$L/zombie.py")"

leftovers() {	# live processes whose command line names our copy
	# (the pattern [s] keeps grep from finding its own command line)
	grep -l -a "${L%s}[s]" /proc/[0-9]*/cmdline 2>/dev/null |
		sed 's|/proc/\([0-9]*\)/cmdline|\1|' | while read -r p; do
			[ "$p" != "$$" ] && echo "$p"
		done
}

no_leftovers() {
	if ui_poll 5 '[ -z "$(leftovers)" ]'; then ok "$1: nothing left behind"
	else not_ok "$1: nothing left behind" "$(leftovers)"; fi
}

# The row of the source pane holding source line $1, as "NNNN M text"
# (the number right-aligned in four columns, after a blank: never a pid).
src_row() {
	grep -o -E "(^| )$(printf '%4d' "$1") [*> ] .*" "$TMP/screen" | head -1
}

# ---- 200x50, --step: the pane follows n ----------------------------------
ui_start 200 50 -- "$PROCVIZ" run "$L/zombie.yaml" --step
if ui_wait "source: zombie.py" 15; then ok "200x50: the source pane shows zombie.py"
else not_ok "200x50: the source pane shows zombie.py" "$(cat "$TMP/screen")"; fi
ui_wait "Press n for the next step" 15 &&
	ok "--step: the step whose trigger came waits for n" ||
	not_ok "--step: the step whose trigger came waits for n" "$(cat "$TMP/screen")"
grep -q "step 1: lines" "$TMP/screen" &&
	not_ok "no step is highlighted before n" "$(cat "$TMP/screen")" ||
	ok "no step is highlighted before n"
ui_keys n
if ui_wait "step 1: lines 21-25" 10; then ok "n: the pane highlights step 1's lines"
else not_ok "n: the pane highlights step 1's lines" "$(cat "$TMP/screen")"; fi
case $(src_row 21) in
*"21 * pid = os.fork()  # step: fork"*) ok "step 1's first line is marked * and is the fork" ;;
*) not_ok "step 1's first line is marked * and is the fork" "$(src_row 21)" ;;
esac
case $(src_row 35) in
*"35   _, status"*) ok "a line outside the step is not marked" ;;
*) not_ok "a line outside the step is not marked" "$(src_row 35)" ;;
esac
ui_wait "NOW, step 1 of 3 (spawn zombie-child)" 5 &&
	ok "the notes say step 1 and what fired it" ||
	not_ok "the notes say step 1 and what fired it" "$(cat "$TMP/screen")"
ui_keys n
if ui_wait "step 2: lines 26-26" 10; then ok "n again: the highlight follows to step 2"
else not_ok "n again: the highlight follows to step 2" "$(cat "$TMP/screen")"; fi
case $(src_row 26) in
*"26 * "*"os._exit(7)"*|*"26 > "*"os._exit(7)"*)
	ok "step 2's line is the child's exit" ;;
*) not_ok "step 2's line is the child's exit" "$(src_row 26)" ;;
esac
case $(src_row 21) in
*"21   pid"*) ok "step 1's lines are no longer marked" ;;
*) not_ok "step 1's lines are no longer marked" "$(src_row 21)" ;;
esac
ui_keys q
ui_wait_exit 10 && expect_eq "q: procviz exits 0" 0 "$UI_STATUS" ||
	not_ok "q: procviz exits" "$(cat "$TMP/screen")"
ui_stop
no_leftovers "200x50"

# ---- 80x24: the pane folds away; a lesson key sends its signal -----------
ui_start 80 24 -- "$PROCVIZ" run "$L/zombie.yaml"
ui_wait "NOW, step 2 of 3" 30 && ok "80x24: step 2 fired on the zombie" ||
	not_ok "80x24: step 2 fired on the zombie" "$(cat "$TMP/screen")"
grep -q "source: zombie.py" "$TMP/screen" &&
	not_ok "80x24: the source pane folds away" "$(cat "$TMP/screen")" ||
	ok "80x24: the source pane folds away"
grep -q "w parent reaps now" "$TMP/screen" &&
	ok "the keys line shows the lesson's key" ||
	not_ok "the keys line shows the lesson's key" "$(tail -1 "$TMP/screen")"
ui_keys w
if ui_wait "SIGUSR1 to 1 process(es)" 5; then ok "w: the status line says SIGUSR1 was sent"
else not_ok "w: the status line says SIGUSR1 was sent" "$(cat "$TMP/screen")"; fi
# The parent got it: it reaps at once, long before its 30 s are up.
if ui_wait "NOW, step 3 of 3 (reap zombie-child)" 10; then
	ok "w: the parent reaped at once, step 3 fired"
else not_ok "w: the parent reaped at once, step 3 fired" "$(cat "$TMP/screen")"; fi
grep -q "zombie.py 35-37:" "$TMP/screen" &&
	ok "80x24: the step's lines are shown in the notes instead" ||
	not_ok "80x24: the step's lines are shown in the notes instead" "$(cat "$TMP/screen")"
ui_keys '?'
ui_wait "parent reaps now" 5 && grep -q "help" "$TMP/screen" &&
	ok "the help lists the lesson's key" ||
	not_ok "the help lists the lesson's key" "$(cat "$TMP/screen")"
ui_keys Escape q
ui_wait_exit 10 || ui_keys q
ui_wait_exit 10 && expect_eq "80x24: procviz exits 0" 0 "$UI_STATUS" ||
	not_ok "80x24: procviz exits" "$(cat "$TMP/screen")"
ui_stop
no_leftovers "80x24"

# ---- a key that writes to the program's stdin, before and after its end --
cat >"$L/echo.py" <<'EOF'
import sys
line = sys.stdin.readline().strip()
print("got: " + line)  # step: got
EOF
cat >"$L/echo.yaml" <<'EOF'
title: stdin
command: python3 echo.py
sources: echo.py
keys:
  - {key: g, label: say go, stdin: go}
steps:
  - {when: {output: "got: go"}, marker: got, note: the program read go}
EOF
ui_start 120 30 -- "$PROCVIZ" run "$L/echo.yaml"
ui_wait "g say go" 10 || true
ui_keys g
if ui_wait "NOW, step 1 of 1 (output 'got: go')" 10; then
	ok "a stdin key: the program read the line, its output fired the step"
else not_ok "a stdin key: the program read the line, its output fired the step" \
	"$(cat "$TMP/screen")"; fi
ui_wait "LESSON ENDED" 10 && ok "the last picture stays once the program is gone" ||
	not_ok "the last picture stays once the program is gone" "$(cat "$TMP/screen")"
ui_keys g
ui_wait "g: nobody reads the program's stdin any more" 5 &&
	ok "the key after the end says so (no SIGPIPE)" ||
	not_ok "the key after the end says so (no SIGPIPE)" "$(cat "$TMP/screen")"
ui_keys q
ui_wait_exit 10 && expect_eq "stdin lesson: procviz exits 0" 0 "$UI_STATUS" ||
	not_ok "stdin lesson: procviz exits" "$(cat "$TMP/screen")"
ui_stop
no_leftovers "stdin"

# ---- --duration: the lesson is stopped, said in a note, the view stays ----
# (zombie.py's parent waits 30 s here: only --duration can end it sooner.)
ui_start 160 45 -- "$PROCVIZ" run "$L/zombie.yaml" --duration 2
ui_wait "duration reached" 20 &&
	ok "--duration: the lesson view stops the lesson, a note says so" ||
	not_ok "--duration: the lesson view stops the lesson, a note says so" \
		"$(cat "$TMP/screen")"
ui_wait "LESSON ENDED" 15 && ok "--duration: the view stays to be read" ||
	not_ok "--duration: the view stays to be read" "$(cat "$TMP/screen")"
ui_quit_ok "--duration: procviz exits 0"
ui_stop
no_leftovers "--duration"

# ---- zh_CN: the lesson's Chinese texts, CJK source aligned ----------------
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
	ok "zh_CN lesson file # SKIP no zh_CN.UTF-8 locale"
	exit 0
fi
cat >"$L/cjk.py" <<'EOF'
import os
import time
from lessonlib import at
# step: start
x = 1  # 中文注释：一个变量
at("sleeping")
time.sleep(30)  # step: sleeping 等待三十秒
y = 2  # ascii comment
EOF
cat >"$L/cjk.yaml" <<'EOF'
title: {en: CJK source, zh_CN: 中文源代码}
command: python3 cjk.py
sources: cjk.py
keys:
  - {key: t, label: {en: end it, zh_CN: 结束它}, signal: TERM, to: main}
steps:
  - when: {spawn: python3}
    marker: start
    lines: 3
    note: {en: a step, zh_CN: 第一步：看中文注释是否对齐。}
EOF
ui_start 200 50 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN -- \
	"$PROCVIZ" run "$L/cjk.yaml"
if ui_wait "第一步" 15; then ok "zh_CN: the step's note is the Chinese one"
else not_ok "zh_CN: the step's note is the Chinese one" "$(cat "$TMP/screen")"; fi
grep -q "中文源代码" "$TMP/screen" && ok "zh_CN: the title is the Chinese one" ||
	not_ok "zh_CN: the title is the Chinese one" "$(cat "$TMP/screen")"
grep -q "t 结束它" "$TMP/screen" && ok "zh_CN: the key's label is the Chinese one" ||
	not_ok "zh_CN: the key's label is the Chinese one" "$(tail -1 "$TMP/screen")"
# Every row of the pane starts its line number at the same display column,
# whatever CJK text the rows to its left or the code itself hold.
cols=$(python3 - "$TMP/screen" <<'EOF'
import re, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
out = set()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.search(r"(\s+)([4-8]) ([*> ]) (x = 1|time\.sleep|y = 2|# step|at\()", line)
    if m:
        out.add(width(line[:m.start(2)]))
print(len(out), sorted(out))
EOF
)
case $cols in
"1 "*) ok "zh_CN: the source rows are aligned ($cols)" ;;
*) not_ok "zh_CN: the source rows are aligned" "$cols" "$(cat "$TMP/screen")" ;;
esac
src_row 5 | grep -q "5 \* x = 1  # 中文注释：一个变量" &&
	ok "zh_CN: a CJK line of the step is shown whole and marked" ||
	not_ok "zh_CN: a CJK line of the step is shown whole and marked" "$(src_row 5)"
# The program said where it is (procviz-at: sleeping PID): that line only.
ui_wait "<$(pgrep -f "python3 cjk.py" | head -1)" 5 &&
	src_row 7 | grep -q "7 > time.sleep(30)  # step: sleeping 等待三十秒 *<[0-9]*$" &&
	ok "the line a process said it is at is marked > with its pid" ||
	not_ok "the line a process said it is at is marked > with its pid" "$(src_row 7)"
src_row 6 | grep -q '6 \* at("sleeping")' &&
	ok "the other lines of the step stay marked *" ||
	not_ok "the other lines of the step stay marked *" "$(src_row 6)"
ui_keys t
ui_wait "SIGTERM" 5 && ok "zh_CN: the key sends its signal" ||
	not_ok "zh_CN: the key sends its signal" "$(cat "$TMP/screen")"
ui_quit_ok "zh_CN: procviz exits 0"
ui_stop
no_leftovers "zh_CN"
