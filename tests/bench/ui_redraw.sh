#!/bin/sh
# tests/bench/ui_redraw.sh - what one redraw of a 200-row process tree costs.
#
# The UI files are the only curses files and the bench programs do not link
# them, so this runs the real binary: `procviz watch` of a shell that forks
# 200 sleeping children, in a detached tmux session 200 columns x 380 rows
# (the tree pane gets 55 % of the height, so all 200 rows are drawn).  The
# UI redraws at each sample (100 ms), so procviz's CPU time (utime + stime
# from /proc/PID/stat) over a fixed period, divided by the samples in it,
# is sampling + model + redraw per sample.  The same watch run headless (no
# UI; it prints only events, and the tree does not change) gives sampling +
# model alone; the difference is the redraw.
# The sleepers outlive neither run by more than a few seconds (sleep
# LIFE_S).  Measured, never asserted.
PROCVIZ=${PROCVIZ:-./procviz}
N=200
WARM_S=3		# let the tree fill in
MEASURE_S=6		# 60 samples at 100 ms
LIFE_S=$((WARM_S + MEASURE_S + 3))
SOCK=bench-$$
TREE="i=0; while [ \$i -lt $N ]; do sleep $LIFE_S & i=\$((i + 1)); done; wait"
hz=$(getconf CLK_TCK)
bg=""

cleanup()
{
	tmux -L "$SOCK" kill-server 2>/dev/null
	[ -n "$bg" ] && kill "$bg" 2>/dev/null && wait "$bg" 2>/dev/null
}
trap cleanup EXIT INT TERM

if ! command -v tmux >/dev/null 2>&1; then
	echo "ui redraw: tmux not installed"
	exit 0
fi

ticks()	# utime + stime of PID $1, in clock ticks
{
	# Fields after the ")" of comm: state is 3, utime 14, stime 15.
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $12 + $13 }'
}

# measure PID: ms of CPU per sample over MEASURE_S seconds.
measure()
{
	sleep "$WARM_S"
	t0=$(ticks "$1")
	sleep "$MEASURE_S"
	t1=$(ticks "$1")
	[ -n "$t0" ] && [ -n "$t1" ] || return 1
	awk -v d=$((t1 - t0)) -v hz="$hz" -v s="$MEASURE_S" \
		'BEGIN { printf "%.2f\n", d * 1000 / hz / (s * 10) }'
}

pid=$(tmux -L "$SOCK" -f /dev/null new-session -d -x 200 -y 380 -P \
	-F '#{pane_pid}' \
	"exec env TERM=xterm-256color LC_ALL=C.UTF-8 $PROCVIZ watch --interval 100 -- sh -c '$TREE'")
if [ -z "$pid" ]; then
	echo "ui redraw: cannot start tmux"
	exit 1
fi
ui=$(measure "$pid")
rows=$(tmux -L "$SOCK" capture-pane -p -t 0 2>/dev/null | grep -c '↳ sleep')
tmux -L "$SOCK" kill-server 2>/dev/null

"$PROCVIZ" watch --headless --interval 100 -- sh -c "$TREE" \
	>/dev/null 2>&1 </dev/null &
bg=$!
hl=$(measure "$bg")
kill "$bg" 2>/dev/null
wait "$bg" 2>/dev/null
bg=""

if [ -z "$ui" ] || [ -z "$hl" ]; then
	echo "ui redraw: procviz exited early"
	exit 1
fi
echo "ui redraw, $rows sleep rows drawn on a 200x380 tmux screen: $(awk -v u="$ui" -v h="$hl" 'BEGIN { printf "%.2f", u - h }') ms per redraw (procviz CPU per 100 ms sample: $ui ms with the UI - $hl ms headless, over $MEASURE_S s at $hz Hz tick; target <= 10 ms)"
