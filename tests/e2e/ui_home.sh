#!/bin/sh
# The home screen: it lists every lesson and every bundled workload, Enter
# starts one, Esc comes back home with it still running, Tab returns to
# it, and quitting leaves no process.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"
MARK="ui-home-$$-$(date +%s)"

ui_start 120 45 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ"
if ui_wait "Lessons" 10; then ok "procviz with no arguments opens home"
else not_ok "procviz with no arguments opens home" "$(cat "$TMP/screen")"; fi
missing=""
"$PROCVIZ" list >"$TMP/list"
while IFS="$(printf '\t')" read -r kind name desc; do
	grep -q "^[> ] *$name " "$TMP/screen" || missing="$missing $kind:$name"
done <"$TMP/list"
[ -s "$TMP/list" ] && expect_eq "home lists every lesson and workload of procviz list" "" "$missing"
grep -q "Enter" "$TMP/screen" && grep -q "quit" "$TMP/screen" &&
	ok "a keys line at the bottom" || not_ok "a keys line at the bottom" "$(tail -1 "$TMP/screen")"

# Right: the workloads; Enter: the first one in the scheduler view.
ui_keys Right Enter
if ui_wait "procviz sched" 10; then ok "Enter on a workload opens the scheduler view"
else not_ok "Enter on a workload opens the scheduler view" "$(cat "$TMP/screen")"; fi
ui_keys Escape
if ui_wait "still runs" 5; then ok "Esc goes home and says the view still runs"
else not_ok "Esc goes home and says the view still runs" "$(cat "$TMP/screen")"; fi
ui_keys Tab
if ui_wait "procviz sched" 5; then ok "Tab goes back to the running view"
else not_ok "Tab goes back to the running view" "$(cat "$TMP/screen")"; fi

# Then a lesson from home; Tab switches between the lesson and the sched view.
ui_keys Escape Left Home Enter
if ui_wait "procviz run zombie" 10; then ok "Enter on a lesson starts it"
else not_ok "Enter on a lesson starts it" "$(cat "$TMP/screen")"; fi
ui_keys Tab
if ui_wait "procviz sched" 5; then ok "Tab switches from the lesson to the scheduler view"
else not_ok "Tab switches from the lesson to the scheduler view" "$(cat "$TMP/screen")"; fi
ui_keys Tab
ui_wait "procviz run zombie" 5 && ok "and Tab back to the lesson" ||
	not_ok "and Tab back to the lesson" "$(cat "$TMP/screen")"
$UI_TMUX resize-window -x 180 -y 45
if ui_wait "procviz sched" 5 && grep -q "procviz run zombie" "$TMP/screen"; then
	ok "at 180 columns both views are side by side"
else not_ok "at 180 columns both views are side by side" "$(cat "$TMP/screen")"; fi

ui_keys F10
if ui_wait_exit 15; then expect_eq "F10 quits with status 0" 0 "$UI_STATUS"
else not_ok "F10 quits" "$(cat "$TMP/screen")"; fi
if ui_poll 10 '[ -z "$(marked_pids "$MARK")" ]'; then ok "quitting from home leaves no process"
else not_ok "quitting from home leaves no process" "$(marked_pids "$MARK")"; fi
ui_stop

# A workload file given to procviz sched is listed on home with the rest.
ui_server file
printf 'P1 0 24\nP2 0 3\nP3 0 3\n' >"$TMP/class.txt"
ui_start 120 45 -- "$PROCVIZ" sched "$TMP/class.txt"
ui_wait "t = 0 of 30" 10
ui_keys Escape
if ui_wait "Lessons" 5 && grep -q "$TMP/class.txt .*workload file" "$TMP/screen"; then
	ok "home lists the workload file given to procviz sched"
else not_ok "home lists the workload file given to procviz sched" "$(cat "$TMP/screen")"; fi
ui_keys F10
ui_wait_exit 10 || not_ok "F10 quits from home" "$(cat "$TMP/screen")"
ui_stop

# d on a workload drives it with real processes (procviz drive, RR): the
# view shows /proc's letters for them, and quitting ends every job.
ui_server drive
ui_start 120 40 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ"
ui_wait "Lessons" 10
ui_keys Right
if ui_wait "d drive real processes" 5; then
	ok "the workloads list offers d to drive real processes"
else not_ok "the workloads list offers d to drive real processes" "$(tail -2 "$TMP/screen")"; fi
ui_keys d
if ui_wait "drive: silberschatz under rr" 10 && ui_wait "real processes (/proc" 5; then
	ok "d drives the workload: real processes beside the simulation"
else not_ok "d drives the workload: real processes beside the simulation" "$(cat "$TMP/screen")"; fi
# q quits procviz from the drive view (its keys line: q/F10 quit).
ui_keys q
if ui_wait_exit 10; then ok "q quits from the driven workload"
else not_ok "q quits from the driven workload" "$(cat "$TMP/screen")"; fi
if ui_poll 10 '[ -z "$(marked_pids "$MARK")" ]'; then ok "quitting a driven workload leaves no process"
else not_ok "quitting a driven workload leaves no process" "$(marked_pids "$MARK")"; fi
ui_stop
