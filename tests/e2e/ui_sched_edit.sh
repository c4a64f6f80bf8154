#!/bin/sh
# The scheduler view's workload table (`e`) in a real terminal at 80x24:
# a bad cell keeps its editor with the parser's message; jobs added,
# deleted and undone; Silberschatz's P1 moved to arrive at 1 re-runs FCFS
# to an average wait of 2.67 (P2 and P3 first, P1 waits 5) at the same
# tick; `w` writes a file that `procviz sched FILE --headless` reads back
# to the same results; `u` in the view goes back to the start; `r` draws
# `--random N --seed S` and shows S; the table scrolls; home's "+new"
# opens it empty; and the same in zh_CN, aligned.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"

# ui_wait_re REGEX [SECONDS]: wait until a screen line matches REGEX.
ui_wait_re() {
	ui_want=$1
	ui_poll "${2:-10}" 'ui_screen | grep -qE -- "$ui_want"' || return 1
	ui_settle
	grep -qE -- "$ui_want" "$TMP/screen"
}
# step NAME CONDITION-COMMAND...: ok when the command succeeds
step() {
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "$(cat "$TMP/screen")"; fi
}

ui_start 80 24 -- "$PROCVIZ" sched silberschatz --policy fcfs,rr
step "the scheduler view opens at t = 0" ui_wait "t = 0 of 30"
ui_keys Right Right Right Right Right
step "the cursor moves to t = 5" ui_wait "t = 5 of 30"
grep -q " e edit jobs" "$TMP/screen" && ok "the keys line offers e to edit the jobs" ||
	not_ok "the keys line offers e to edit the jobs" "$(tail -1 "$TMP/screen")"

ui_keys '?'
step "the help lists e/u and w, and still fits at 80x24" \
	ui_wait "the highlighted cell the job that runs next"
grep -q "e/u  *edit the jobs in a table / undo the last edit" "$TMP/screen" &&
	grep -q "w  *write the jobs to a file" "$TMP/screen" &&
	ok "the help has the table's keys" ||
	not_ok "the help has the table's keys" "$(cat "$TMP/screen")"
ui_keys Escape
ui_wait_gone "the highlighted cell" 5
ui_keys e
step "e opens the workload table" ui_wait "the workload table, jobs: 3"
step "one row per job: name, arrival, bursts, priority, tickets, nice" \
	ui_wait_re '^1  P1 +0 +24 +0 +100 +0 *$'
grep -q -- "--jobs 0:24,0:3,0:3" "$TMP/screen" &&
	ok "the table shows its --jobs line" ||
	not_ok "the table shows its --jobs line" "$(cat "$TMP/screen")"

# A bad cell: the parser's message under it, and the table stays.
ui_keys Right Right Enter BSpace BSpace x Enter
step "a bad burst is refused with the parser's message" \
	ui_wait "bursts: expected a CPU burst (whole ticks, 1..1000000000), got 'x'"
grep -q "the workload table, jobs: 3" "$TMP/screen" &&
	ok "a bad cell never leaves the table" ||
	not_ok "a bad cell never leaves the table" "$(cat "$TMP/screen")"
ui_keys Escape
ui_wait_gone "expected a CPU burst" 5
step "Esc drops the cell's edit: the old value is back" \
	ui_wait_re '^1  P1 +0 +24 '

# Add, delete, undo.
ui_keys a
step "a adds a job under the cursor (first free name, arrival above)" \
	ui_wait_re '^2  A +0 +5 +0 +100 +0 *$'
grep -q "the workload table, jobs: 4" "$TMP/screen" && ok "the table has 4 jobs" ||
	not_ok "the table has 4 jobs" "$(cat "$TMP/screen")"
ui_keys Up d
step "d deletes the cursor's job" ui_wait_re '^1  A +0 +5 '
ui_keys u
step "u undoes the delete" ui_wait_re '^1  P1 +0 +24 '
ui_keys u
step "u again undoes the add" ui_wait "the workload table, jobs: 3"
ui_keys u
step "u at the start says there is nothing to undo" \
	ui_wait "nothing to undo"

# Silberschatz with P1 arriving at 1.
ui_keys Home Left Left Right Enter BSpace 1 Enter
step "the arrival cell takes 1" ui_wait_re '^1  P1 +1 +24 '
ui_keys End Enter
step "Apply re-runs: the title says the workload was edited" \
	ui_wait "silberschatz (edited)"
grep -q "t = 5 of 30" "$TMP/screen" && ok "Apply keeps the tick (t = 5)" ||
	not_ok "Apply keeps the tick (t = 5)" "$(head -1 "$TMP/screen")"
ui_keys End
ui_wait "t = 30 of 30" 5
ui_wait "average" 5
expect_eq "FCFS average waiting becomes 2.67" "2.67" "$(ui_avg FCFS)"
grep -qE '^FCFS +P1 +5\.00 +29\.00 +5\.00' "$TMP/screen" &&
	ok "P1 waits 5" || not_ok "P1 waits 5" "$(cat "$TMP/screen")"
gantt=$(grep -m1 '^Gantt' "$TMP/screen" | tr -d ' ' | cut -c6-11)
expect_eq "P2 and P3 run first (FCFS Gantt starts 222333)" "222333" "$gantt"

# w writes a workload file; procviz sched reads it back the same.
ui_keys w
ui_seen "write the workload to file" 5
ui_keys -l "$TMP/class.txt"
ui_keys Enter
step "w writes the file and shows the --jobs line" \
	ui_wait "wrote $TMP/class.txt   --jobs 1:24,0:3,0:3"
if [ -s "$TMP/class.txt" ] &&
	"$PROCVIZ" sched "$TMP/class.txt" --headless --policy fcfs,rr \
		>"$TMP/file.out" 2>&1; then
	ok "procviz sched reads the written file"
else
	not_ok "procviz sched reads the written file" "$(cat "$TMP/class.txt" "$TMP/file.out" 2>&1)"
fi
"$PROCVIZ" sched --jobs 1:24,0:3,0:3 --headless --policy fcfs,rr \
	>"$TMP/jobs.out" 2>&1
expect_eq "the file gives the same averages as the --jobs line" \
	"$(grep average "$TMP/jobs.out")" "$(grep average "$TMP/file.out")"
grep -qE '^ +P1 +1 +6 +30 +5 +29 +5$' "$TMP/file.out" &&
	ok "the file gives P1 arriving at 1 and waiting 5" ||
	not_ok "the file gives P1 arriving at 1 and waiting 5" "$(cat "$TMP/file.out")"
expect_eq "the file gives FCFS the average wait 2.67" "2.67" \
	"$(grep -m1 average "$TMP/file.out" | awk '{print $NF}')"
ui_keys w
ui_seen "write the workload to file" 5
ui_keys -l "$TMP/class.txt"
ui_keys Enter
step "w never writes over a file" ui_wait "exists already"

# u in the view: back to the start, re-run at the same tick.
ui_keys u
step "u in the view undoes the edit (the title is plain again)" \
	ui_wait_gone "(edited)"
ui_wait "average" 5
expect_eq "after undo FCFS waits 17.00 again" "17.00" "$(ui_avg FCFS)"
grep -q "t = 30 of 30" "$TMP/screen" && ok "undo keeps the tick" ||
	not_ok "undo keeps the tick" "$(head -1 "$TMP/screen")"

# The table scrolls: 25 more jobs at 80x24.
ui_keys e
ui_seen "the workload table, jobs: 3" 5
i=0
while [ $i -lt 25 ]; do ui_keys a; i=$((i + 1)); done
step "25 jobs added" ui_wait "the workload table, jobs: 28"
if grep -qE '^26 +Y ' "$TMP/screen" && ! grep -qE '^1  P1 ' "$TMP/screen"; then
	ok "the table scrolls to keep the cursor's row in view"
else not_ok "the table scrolls to keep the cursor's row in view" "$(cat "$TMP/screen")"; fi
ui_keys Home
step "Home scrolls back to the first job" ui_wait_re '^1  P1 +0 +24 '
ui_keys Escape
step "Esc closes the table, dropping its changes" ui_wait "t = 30 of 30"
grep -q "(edited)" "$TMP/screen" && not_ok "nothing was applied" "$(head -1 "$TMP/screen")" ||
	ok "nothing was applied"

# r: a random workload, its seed shown; the view agrees with --random.
ui_keys e
ui_seen "the workload table, jobs: 3" 5
ui_keys r
step "r draws a random workload and shows its seed" \
	ui_wait "random 3 jobs, seed "
seed=$(sed -n 's/.*random 3 jobs, seed \([0-9]*\):.*/\1/p' "$TMP/screen" | head -1)
ui_keys End Enter
step "the title names the random draw" \
	ui_wait "(edited: random 3 jobs, seed $seed)"
ui_keys End
ui_wait "average" 5
"$PROCVIZ" sched --random 3 --seed "$seed" --headless --policy fcfs \
	>"$TMP/rand.out" 2>&1
expect_eq "the view's FCFS average is --random 3 --seed $seed's" \
	"$(grep -m1 average "$TMP/rand.out" | awk '{print $NF}')" "$(ui_avg FCFS)"
ui_keys q
if ui_wait_exit 10 && [ "$UI_STATUS" = 0 ]; then ok "q quits"
else not_ok "q quits" "$(cat "$TMP/screen")"; fi
ui_stop

# Home's "+new": the table, empty, then the scheduler view.
ui_server new
ui_start 80 24 -- "$PROCVIZ"
ui_seen "Lessons" 10
ui_keys Right End
step "home lists a new workload" ui_wait "> +new"
ui_keys d
step "d on +new says there is nothing to drive yet" \
	ui_wait "no jobs to drive yet"
ui_keys Enter
step "+new opens the table, empty" ui_wait "the workload table, jobs: 0"
ui_keys a
ui_seen "the workload table, jobs: 1" 5
ui_keys End Enter
step "Apply shows the scheduler view of the new jobs" ui_wait "t = 0 of 5"
ui_keys q
if ui_wait_exit 10 && [ "$UI_STATUS" = 0 ]; then ok "q quits from the new workload"
else not_ok "q quits from the new workload" "$(cat "$TMP/screen")"; fi
ui_stop

# zh_CN: translated, aligned by display columns, at 80x24.
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
	echo "ok - # SKIP locale zh_CN.UTF-8 is not installed (tests/deps.sh makes it as root)"
	exit 0
fi
cat >"$TMP/cols.py" <<'PY'
import sys, unicodedata
lines = sys.stdin.read().split("\n")
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bad = [l for l in lines if w(l) > 80]
if sys.argv[1:] == ["width"]:
    print("\n".join(bad))
    sys.exit()
head = [l for l in lines if l.startswith("#  ")]
row = [l for l in lines if l.startswith("1  P1 ")]
if not head or not row:
    print("no heading or row")
    sys.exit()
h, r = head[0], row[0]
# The heading of each column starts where its cell does.
for word, cell in (("到达", " 0 "), ("运行段", " 24 "), ("彩票", " 100 ")):
    hc = w(h[:h.find(word)])
    rc = w(r[:r.find(cell)]) + 1
    if h.find(word) < 0 or hc != rc:
        bad.append("%s at column %d, its cell at %d" % (word, hc, rc))
print("\n".join(bad))
PY
ui_server zh
ui_start 80 24 LC_ALL=zh_CN.UTF-8 -- "$PROCVIZ" sched silberschatz --policy fcfs,rr
ui_seen "t = 0 of 30" 10
ui_keys e
step "zh_CN: the table is translated" ui_wait "负载表：3 个作业"
expect_eq "zh_CN: headings and cells are aligned, nothing wider than 80" "" \
	"$(python3 "$TMP/cols.py" <"$TMP/screen")"
ui_keys Right Right Enter BSpace BSpace x Enter
# The parser's message in Chinese, after the column's translated heading;
# the cell's text quoted as typed.
step "zh_CN: a bad cell says in Chinese what the parser expected" \
	ui_wait "运行段：应为 CPU 运行段（整数个 tick，1..1000000000），实际为“x”"
ui_keys Escape
ui_wait_gone "应为 CPU 运行段" 5
# A Chinese name is typed as such (two columns a character) and refused
# by the parser with what it got.
ui_keys Left Left Enter C-u
ui_keys -l "张三"
ui_keys Left
step "zh_CN: Chinese is typed into a cell, the caret moves by characters" \
	ui_wait_re '^1  张三 '
ui_keys Enter
step "zh_CN: a Chinese job name is refused with what the parser got" \
	ui_wait "名称：应为作业名（字母、数字、“_”、“-”、“.”），实际为“张三”"
expect_eq "zh_CN: the refusal stays within 80 columns" "" \
	"$(python3 "$TMP/cols.py" width <"$TMP/screen")"
ui_keys Escape
ui_wait_gone "实际为“张三”" 5
ui_keys Right Enter BSpace 1 Enter
ui_wait_re '^1  P1 +1 ' 5
ui_keys End Enter
step "zh_CN: Apply, the title says edited" ui_wait "silberschatz（已编辑）"
expect_eq "zh_CN: the view is no wider than 80" "" \
	"$(python3 "$TMP/cols.py" width <"$TMP/screen")"
ui_keys q
if ui_wait_exit 10 && [ "$UI_STATUS" = 0 ]; then ok "zh_CN: q quits"
else not_ok "zh_CN: q quits" "$(cat "$TMP/screen")"; fi
ui_stop
