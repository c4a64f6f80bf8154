#!/bin/sh
# The live view of procviz drive in a real terminal: the simulated Gantt
# chart and the real processes' /proc states, tick for tick, end with the
# same schedule; quitting leaves no job process behind.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"

mark=ui-drive-$$-$(date +%s%N)
marked() { marked_pids "$mark"; }

# The marked processes still alive after up to 10 s (polled).
marked_after_exit() {
	ui_poll 10 '[ -z "$(marked)" ]'
	marked
}

ui_start 110 30 PROCVIZ_TEST_MARK=$mark -- "$PROCVIZ" drive \
	--jobs 0:3/2/2,0:4 --policy rr --quantum 2 --tick-ms 50
if ui_wait "finished" 30; then ok "drive view runs the workload to the end"; else
	not_ok "drive view runs the workload to the end" "$(cat "$TMP/screen")"
fi
grep -q "simulated (Gantt)" "$TMP/screen" && grep -q "real processes (/proc" "$TMP/screen" &&
	ok "simulated Gantt chart and real /proc states side by side" ||
	not_ok "simulated Gantt chart and real /proc states side by side" "$(cat "$TMP/screen")"
# The Gantt rows (first block) and the /proc rows (second block).
sim=$(awk '/simulated \(Gantt\)/{b=1;next} /real processes/{b=0} b' "$TMP/screen")
real=$(awk '/real processes/{b=1;next} /now, and times/{b=0} b' "$TMP/screen")
expect_eq "simulated RR q=2: A runs 0-2, B 2-4, A 4, B 5-7, A 7-9" \
	"A       AA  A  AA|B         BB BB" "$(echo "$sim" | sed 's/ *$//' | paste -sd'|')"
echo "$real" | grep -q "^A .*S" && echo "$real" | grep -q "Z" &&
	ok "/proc shows A blocked in its IO read and the jobs as zombies at the end" ||
	not_ok "/proc shows A blocked in its IO read and the jobs as zombies at the end" "$real"
ui_keys q
if ui_wait_exit 10 && [ "$UI_STATUS" = 0 ]; then ok "q quits with status 0"; else
	not_ok "q quits with status 0" "status ${UI_STATUS:-none}"
fi
left=$(marked_after_exit)
expect_eq "no process of the run is left" "" "$left"

# Quitting in the middle of the run ends every job process.
ui_stop
rm -f "$TMP/rc"
mark=ui-drive-mid-$$-$(date +%s%N)
ui_start 110 30 PROCVIZ_TEST_MARK=$mark -- "$PROCVIZ" drive \
	--jobs 24,3,3 --policy fcfs --tick-ms 100
if ui_wait "running" 15; then ok "drive view opens while the jobs run"; else
	not_ok "drive view opens while the jobs run" "$(cat "$TMP/screen")"
fi
ui_keys q
if ui_wait_exit 10 && [ "$UI_STATUS" = 0 ]; then ok "x in the middle quits with status 0"; else
	not_ok "x in the middle quits with status 0" "status ${UI_STATUS:-none}"
fi
left=$(marked_after_exit)
expect_eq "quitting in the middle leaves no process of the run" "" "$left"
