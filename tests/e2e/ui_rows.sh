#!/bin/sh
# Rows a student can follow (issue 23, section 4), as a user sees them at
# 100x30 and 80x24: siblings in birth order; no number cut in half (a
# field is shown whole or not at all); a step's whole text and the help
# reachable by scrolling, with ?/F1 always on the keys line; the thread
# and session columns; the whole schedule at End; and the small
# cut-offs: home at 40x12, the policy picker, s after the end, home
# after Esc from the scheduler.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"
cd "$PROCVIZ_ROOT" || exit 1
MARK="ui-rows-$$-$(date +%s)"

# new_tmux NAME: a fresh server for the next part.
new_tmux() {
	ui_stop
	UI_SOCK=procviz-test-$$-$1
	UI_TMUX="tmux -L $UI_SOCK -f $TMP/tmux.conf"
}


# ---- order: join's children in the order they were born -----------------
ui_start 100 30 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run join --pace 4
if ui_wait "note: child 3 (pid" 30; then
	# Rows of the tree: "PID PPID STATE ... join-child".
	grep "↳ join-child" "$TMP/screen" | awk '{ print $1 }' >"$TMP/rows"
	n=$(wc -l <"$TMP/rows")
	sorted=$(sort -n "$TMP/rows" | tr '\n' ' ')
	rows=$(tr '\n' ' ' <"$TMP/rows")
	# Each born before the next (start time in ticks, /proc field 22):
	# the children are still there, as zombies at worst.
	starts=""
	for p in $(cat "$TMP/rows"); do
		starts="$starts $(sed 's/.*) //' /proc/"$p"/stat 2>/dev/null |
			awk '{ print $20 }')"
	done
	if [ "$n" -eq 3 ] && [ "$rows" = "$sorted" ] &&
		[ "$(echo $starts | tr ' ' '\n' | sort -n | tr '\n' ' ')" = "$(echo $starts | tr ' ' '\n' | tr '\n' ' ')" ]; then
		ok "join: the three children are rows in birth order ($rows)"
	else
		not_ok "join: the three children are rows in birth order" "rows: $rows starts:$starts
$(cat "$TMP/screen")"
	fi
	# The lesson's child 3 is the third row.
	p3=$(grep -o "child 3 (pid [0-9]*" "$TMP/screen" | head -1 | grep -o '[0-9]*$')
	expect_eq "join: child 3 (by the lesson's count) is the third row" \
		"$p3" "$(sed -n 3p "$TMP/rows")"
else
	not_ok "join: the children print" "$(cat "$TMP/screen")"
fi
ui_quit_ok "join: q quits with status 0" 15

# ---- no number cut: the counts line with 10+ zombies at 100x30 -----------
new_tmux storm
ui_start 100 30 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run zombie-storm
if ui_poll 30 'ui_screen | grep -qE "Z zombie [1-9][0-9]"'; then
	ui_settle	# a live view may keep changing: the last capture stands
	grep -qE "Z zombie [1-9][0-9]" "$TMP/screen" || ui_poll 5 \
		'ui_screen | grep -qE "Z zombie [1-9][0-9]"'
	line=$(sed -n 2p "$TMP/screen")
	case $line in
	*"sampling every 100 ms"* | *"  100 ms"*)
		ok "zombie-storm: the counts line keeps the sampling period whole" ;;
	*) not_ok "zombie-storm: the counts line keeps the sampling period whole" "$line" ;;
	esac
	if grep -q "every [0-9]*$" "$TMP/screen"; then
		not_ok "zombie-storm: no line ends in a cut number" "$(cat "$TMP/screen")"
	else ok "zombie-storm: no line ends in a cut number"; fi
else
	not_ok "zombie-storm: ten zombies or more" "$(cat "$TMP/screen")"
fi
ui_quit_ok "zombie-storm: q quits with status 0" 15

# ---- no number cut: Chinese orphan at 80x24 -------------------------------
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
	new_tmux orphan
	ui_start 80 24 PROCVIZ_TEST_MARK="$MARK" LC_ALL=zh_CN.UTF-8 -- \
		"$PROCVIZ" run orphan
	if ui_wait "（来自 " 20; then
		parent=$(grep "orphan-parent" "$TMP/screen" | awk '{ print $1 }' | head -1)
		if grep -q "orphan-child（来自 ${parent:-x}）" "$TMP/screen"; then
			ok "orphan in Chinese at 80x24: (from PID) whole, the parent's pid $parent"
		elif grep -q "（来自 [0-9]*）" "$TMP/screen" &&
			! grep -q "（来自 [0-9]*$" "$TMP/screen"; then
			ok "orphan in Chinese at 80x24: (from PID) whole"
		else
			not_ok "orphan in Chinese at 80x24: (from PID) whole" "$(cat "$TMP/screen")"
		fi
	else
		not_ok "orphan in Chinese at 80x24: the child says where it came from" "$(cat "$TMP/screen")"
	fi
	ui_quit_ok "orphan zh_CN: q quits with status 0" 15
else
	echo "ok - # SKIP locale zh_CN.UTF-8 is not installed"
fi

# ---- the step's whole text at 80x24: PgUp/PgDn scroll the notes ----------
new_tmux sem
step="20 worker threads, one semaphore of 5: 5 get in and work (running or sleeping); the other 15 are blocked waiting for it (lock). + and - change its size."
ui_start 80 24 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run semaphore --step
ui_seen "semaphore" 20
ui_keys n	# --step: the lecturer starts each step
if ui_wait "NOW, step 1 of 3" 20; then
	grep -q "PgUp/PgDn)" "$TMP/screen" &&
		ok "semaphore at 80x24: the notes' rule says they scroll" ||
		not_ok "semaphore at 80x24: the notes' rule says they scroll" "$(cat "$TMP/screen")"
	: >"$TMP/notes"
	for i in 1 2 3 4 5 6 7 8; do
		ui_settle
		awk '/^─ notes/ { f = 1; next } f' "$TMP/screen" | sed '$d' >>"$TMP/notes"
		ui_keys PageDown
	done
	# The pages overlap by a row: the text once each row, in order.
	all=$(uniq "$TMP/notes" | tr '\n' ' ' | tr -s ' ')
	case $all in
	*"$step"*) ok "semaphore at 80x24: PgDn reaches the step's whole text" ;;
	*) not_ok "semaphore at 80x24: PgDn reaches the step's whole text" "$all" ;;
	esac
	ui_keys PageUp PageUp PageUp PageUp PageUp PageUp PageUp PageUp
	ui_wait "(1-" 5 && ok "semaphore at 80x24: PgUp goes back to the top" ||
		not_ok "semaphore at 80x24: PgUp goes back to the top" "$(cat "$TMP/screen")"
else
	not_ok "semaphore at 80x24: step 1" "$(cat "$TMP/screen")"
fi
ui_quit_ok "semaphore: q quits with status 0" 15

# ---- the keys line: whole items, ?/F1 help always at its end -------------
new_tmux dead
ui_start 100 30 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run deadlock
if ui_wait "?/F1 help" 20; then
	last=$(tail -1 "$TMP/screen")
	case $last in
	*"?/F1 help") ok "deadlock at 100x30: the keys line ends with ?/F1 help" ;;
	*) not_ok "deadlock at 100x30: the keys line ends with ?/F1 help" "$last" ;;
	esac
	if echo "$last" | grep -qE 'pau([^s]|$)'; then
		not_ok "deadlock: no key label is cut" "$last"
	else ok "deadlock: no key label is cut"; fi
else
	not_ok "deadlock at 100x30: the keys line shows ?/F1 help" "$(tail -1 "$TMP/screen")"
fi
# The help is a screen of its own that scrolls to its last line.
ui_keys '?'
if ui_wait "help: lines 1-" 5; then
	ok "the help says which of its lines show"
	ui_keys End
	ui_wait "the kernel does not say" 5 &&
		ok "End scrolls the help to its last line" ||
		not_ok "End scrolls the help to its last line" "$(cat "$TMP/screen")"
	ui_keys Home
	ui_wait "help: lines 1-" 5 && ok "Home scrolls the help back" ||
		not_ok "Home scrolls the help back" "$(cat "$TMP/screen")"
	ui_keys Escape
	ui_wait_gone "help: lines" 5 && ok "Esc closes the help" ||
		not_ok "Esc closes the help" "$(cat "$TMP/screen")"
else
	not_ok "the help at 100x30 says which of its lines show" "$(cat "$TMP/screen")"
fi
ui_quit_ok "deadlock: q quits with status 0" 15

# ---- threads: PID and TID columns; the ended row has the 9 threads -------
new_tmux thr
ui_start 100 30 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run threads --pace 1
if ui_wait "worker-8" 20; then
	grep -q "^PID *TID *PPID" "$TMP/screen" &&
		ok "threads: PID and TID are two columns" ||
		not_ok "threads: PID and TID are two columns" "$(head -4 "$TMP/screen")"
	pid=$(grep "many-threads" "$TMP/screen" | awk '{ print $1 }' | head -1)
	if grep "worker-8 (thread)" "$TMP/screen" | awk -v p="$pid" '$1 != p { bad = 1 } END { exit bad }'
	then ok "threads: a thread's row has its process's pid"
	else not_ok "threads: a thread's row has its process's pid" "$(cat "$TMP/screen")"; fi
else
	not_ok "threads: the workers show" "$(cat "$TMP/screen")"
fi
if ui_wait "LESSON ENDED" 90; then
	thr=$(grep "many-threads" "$TMP/screen" | head -1 |
		sed 's/.*ended *[0-9.]* *\([0-9]*\) .*/\1/')
	expect_eq "threads: the ended process shows the 9 threads it had" 9 "$thr"
	# s after the end: no freeze to claim.
	ui_keys s
	if ui_wait "nothing to freeze" 5 && ! grep -q "FROZEN" "$TMP/screen"; then
		ok "s after the end says the lesson has ended"
	else not_ok "s after the end says the lesson has ended" "$(head -1 "$TMP/screen")"; fi
else
	not_ok "threads: the lesson ends" "$(cat "$TMP/screen")"
fi
ui_quit_ok "threads: q quits with status 0" 15

# ---- daemon: the session and the terminal -------------------------------
new_tmux daemon
ui_start 100 30 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run daemon
if ui_wait "daemonic-child" 20; then
	grep -q "^PID *PPID *SID *TTY *STATE" "$TMP/screen" &&
		ok "daemon: SID and TTY columns" ||
		not_ok "daemon: SID and TTY columns" "$(head -4 "$TMP/screen")"
else
	not_ok "daemon: the daemonic child shows" "$(cat "$TMP/screen")"
fi
# Killed with its parent, the daemonic child stays under the parent's
# tombstone while init has yet to reap it: it does not read as an orphan.
if ui_wait "daemonic-child (from" 30; then
	if grep -q "^[0-9]* *1 .*Z zombie .*   ↳ daemonic-child (from" "$TMP/screen" ||
		grep -q "^[0-9]* *1 .*- gone .*   ↳ daemonic-child (from" "$TMP/screen"
	then ok "daemon: the child killed with its parent stays under it"
	else not_ok "daemon: the child killed with its parent stays under it" "$(cat "$TMP/screen")"; fi
else
	not_ok "daemon: the daemonic child is re-parented" "$(cat "$TMP/screen")"
fi
ui_quit_ok "daemon: q quits with status 0" 15

# ---- the scheduler at End: the whole convoy ------------------------------
new_tmux convoy
ui_start 100 30 -- "$PROCVIZ" sched convoy --policy fcfs,rr
ui_wait "t = 0 of 120" 10
ui_keys End
if ui_wait "t = 120 of 120" 5; then
	ruler=$(sed -n 2p "$TMP/screen")
	case $ruler in
	"tick"*" 0 "*"120"*) ok "convoy at End: the ruler runs from 0 to 120" ;;
	*) not_ok "convoy at End: the ruler runs from 0 to 120" "$ruler" ;;
	esac
	fcfs=$(grep -A1 "FCFS" "$TMP/screen" | grep "^Gantt")
	case $fcfs in
	*AAAA*BBB*CCC*) ok "convoy at End: FCFS shows A, then B and C" ;;
	*) not_ok "convoy at End: FCFS shows A, then B and C" "$fcfs" ;;
	esac
	rr=$(grep -A1 "RR q=4" "$TMP/screen" | grep "^Gantt")
	case $rr in
	"Gantt"*A*B*C*A*B*C*) ok "convoy at End: RR's early runs of B and C show" ;;
	*) not_ok "convoy at End: RR's early runs of B and C show" "$rr" ;;
	esac
else
	not_ok "convoy: End goes to the end" "$(cat "$TMP/screen")"
fi
# The policy picker: descriptions whole, or cut between words.
ui_keys p
if ui_wait "prio-rr" 5; then
	if grep -q "among equa[^l]" "$TMP/screen" || grep -q "among equa$" "$TMP/screen"; then
		not_ok "the policy picker cuts no word" "$(grep prio-rr "$TMP/screen")"
	else ok "the policy picker cuts no word"; fi
else
	not_ok "p opens the policy picker" "$(cat "$TMP/screen")"
fi
ui_keys Escape
# Esc to home: home names the view that runs (the scheduler's).
ui_keys Escape
if ui_wait "still runs" 5; then
	grep -q "The sched view still runs" "$TMP/screen" &&
		ok "home after Esc from the scheduler names the sched view" ||
		not_ok "home after Esc from the scheduler names the sched view" "$(sed -n 2p "$TMP/screen")"
else
	not_ok "Esc from the scheduler opens home" "$(cat "$TMP/screen")"
fi
ui_quit_ok "sched: q quits with status 0" 15

# ---- home at 40x12: a name never runs into its description --------------
new_tmux home
ui_start 40 12 -- "$PROCVIZ"
ui_wait "Enter" 10
ui_keys Right
if ui_wait "silberschatz" 5; then
	if grep -q "silberschatz-[A-Z]" "$TMP/screen"; then
		not_ok "home at 40x12: names and descriptions apart" "$(cat "$TMP/screen")"
	else ok "home at 40x12: names and descriptions apart"; fi
else
	not_ok "home at 40x12: the workloads show" "$(cat "$TMP/screen")"
fi
ui_keys q
ui_wait_exit 10 || not_ok "q quits home" "$(cat "$TMP/screen")"
ui_stop
