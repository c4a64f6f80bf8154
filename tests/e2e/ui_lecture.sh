#!/bin/sh
# The lecture hall (issue 15), in a real terminal: keys that work whatever
# TERM says, Gantt labels, and more below as each part is checked.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"

# A tmux server of its own for each start: a server just killed may still
# be going away when the next one starts on the same socket.
ui_n=0
ui_start_fresh() {
	ui_n=$((ui_n + 1))
	ui_server "$ui_n"
	ui_start "$@"
}

# --- keys under a TERM that is not the terminal --------------------------
# tmux sends \e[1~ / \e[4~ for Home / End; xterm's and rxvt's terminfo
# entries name other sequences.  End must jump to the end (not read a
# lone Esc, which opens home), Home back to the start, F-keys too.
for term in xterm-256color rxvt vt220 linux; do
	ui_start_fresh 110 34 TERM=$term -- "$PROCVIZ" sched --jobs 24,3,3 --policy fcfs
	if ! ui_wait "t = 0 of 30"; then
		not_ok "TERM=$term: the scheduler view opens" "$(cat "$TMP/screen")"
		ui_stop
		continue
	fi
	ui_keys End
	if ui_wait "t = 30 of 30" 5 && ! grep -q "Lessons" "$TMP/screen"; then
		ok "TERM=$term: End jumps to the end"
	else
		not_ok "TERM=$term: End jumps to the end" "$(cat "$TMP/screen")"
	fi
	ui_keys Home
	ui_wait "t = 0 of 30" 5 && ok "TERM=$term: Home goes back to the start" ||
		not_ok "TERM=$term: Home goes back to the start" "$(cat "$TMP/screen")"
	ui_keys NPage
	ui_wait "t = 10 of 30" 5 && ok "TERM=$term: PgDn goes ten ticks on" ||
		not_ok "TERM=$term: PgDn goes ten ticks on" "$(cat "$TMP/screen")"
	ui_keys PPage
	ui_wait "t = 0 of 30" 5 && ok "TERM=$term: PgUp goes ten ticks back" ||
		not_ok "TERM=$term: PgUp goes ten ticks back" "$(cat "$TMP/screen")"
	ui_keys F10
	if ui_wait_exit 5 && [ "$UI_STATUS" = 0 ]; then
		ok "TERM=$term: F10 quits"
	else
		not_ok "TERM=$term: F10 quits" "$(cat "$TMP/screen")"
	fi
	ui_stop
done
# A lone Esc is still Esc: it opens home at once.
ui_start_fresh 110 34 -- "$PROCVIZ" sched --jobs 24,3,3 --policy fcfs
ui_wait "t = 0 of 30"
ui_keys Escape
ui_wait "Lessons" 3 && ok "a lone Esc opens home" ||
	not_ok "a lone Esc opens home" "$(cat "$TMP/screen")"
ui_stop

# --- Gantt labels: P1 P2 P3 are 1 2 3, with a legend --------------------
printf 'P1 0 24\nP2 0 3\nP3 0 3\n' >"$TMP/p123.txt"
ui_start_fresh 110 34 -- "$PROCVIZ" sched "$TMP/p123.txt" --policy fcfs,rr
ui_wait "t = 0 of 30"
ui_keys End
ui_wait "t = 30 of 30" 5
gantt=$(grep '^Gantt' "$TMP/screen" | head -1 | tr -s ' ' | cut -d' ' -f2-)
case $gantt in
"1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 2 2 2 3 3 3"*)
	ok "sched view: FCFS cells read 1 2 3 for P1 P2 P3" ;;
*) not_ok "sched view: FCFS cells read 1 2 3 for P1 P2 P3" "$gantt" ;;
esac
grep -q "cells: 1=P1 2=P2 3=P3" "$TMP/screen" &&
	ok "sched view: a legend says 1=P1 2=P2 3=P3" ||
	not_ok "sched view: a legend says 1=P1 2=P2 3=P3" "$(cat "$TMP/screen")"
ui_stop
printf 'P1 0 2\nP2 0 2\nP3 0 2\n' >"$TMP/p123s.txt"
ui_start_fresh 110 34 -- "$PROCVIZ" drive "$TMP/p123s.txt" --policy rr --quantum 1 \
	--tick-ms 20
if ui_wait "finished" 20; then
	rows=$(grep -E '^[123]=P[123] ' "$TMP/screen" | head -3 |
		awk '{ print $1 ":" $2 }' | paste -sd' ')
	expect_eq "drive view: the simulated rows are labelled 1=P1 2=P2 3=P3, cells 1 2 3" \
		"1=P1:1 2=P2:2 3=P3:3" "$rows"
else
	not_ok "drive view finishes" "$(cat "$TMP/screen")"
fi
ui_keys q
ui_wait_exit 10
ui_stop

# --- the last picture stays ----------------------------------------------
ui_start_fresh 110 34 -- "$PROCVIZ" run zombie --pace 0.2
if ui_wait "LESSON ENDED" 20; then
	ok "the title says the lesson has ended, and how to go on"
else
	not_ok "the title says the lesson has ended, and how to go on" "$(cat "$TMP/screen")"
fi
n=$(grep -c -- "- ended .*zombie-child" "$TMP/screen")
expect_eq "the ended lesson still shows its three children, each marked ended" 3 "$n"
grep -q -- "- ended .*zombie-parent" "$TMP/screen" &&
	ok "and the parent, marked ended" ||
	not_ok "and the parent, marked ended" "$(cat "$TMP/screen")"
grep -q "ZZZ" "$TMP/screen" && ok "the timelines stay as they ended (Z cells)" ||
	not_ok "the timelines stay as they ended (Z cells)" "$(cat "$TMP/screen")"
grep -q "no process left" "$TMP/screen" &&
	not_ok "the screen is not emptied" "$(cat "$TMP/screen")" ||
	ok "the screen is not emptied"
# Still there a while later (the clock goes on, the picture stays).
sleep 1
ui_settle
n=$(grep -c -- "- ended .*zombie-child" "$TMP/screen")
expect_eq "a second later the rows are still there" 3 "$n"
old=$(grep -m1 -- "zombie-parent" "$TMP/screen" | awk '{ print $1 }')
ui_keys r
if ui_wait_gone "LESSON ENDED" 10 && ui_wait "zombie-child" 10; then
	ui_poll 10 'ui_screen | grep -- "zombie-parent" |
		grep -v -e "- ended" -e "- gone" | grep -q .'
	new=$(grep -- "zombie-parent" "$TMP/screen" |
		grep -v -e "- ended" -e "- gone" | awk '{ print $1 }' | head -1)
	[ -n "$new" ] && [ "$new" != "$old" ] &&
		ok "r runs the lesson again (a new parent, $new)" ||
		not_ok "r runs the lesson again" "old $old new $new" "$(cat "$TMP/screen")"
else
	not_ok "r runs the lesson again" "$(cat "$TMP/screen")"
fi
ui_wait "LESSON ENDED" 20
ui_keys q
if ui_wait_exit 10 && [ "$UI_STATUS" = 0 ]; then ok "q quits the ended lesson"
else not_ok "q quits the ended lesson" "$(cat "$TMP/screen")"; fi
ui_stop

# --- full height at the sizes of a lecture hall ---------------------------
# The process panel takes what it needs (heading and four rows, then the
# event log's rule), and the newest event is shown whole, wrapped.
for size in 80x24 110x34 160x48 240x67; do
	w=${size%x*} h=${size#*x}
	# Step by step: step 2 comes at n and holds until the next n, however
	# slow the machine is.
	ui_start_fresh "$w" "$h" -- "$PROCVIZ" run zombie --step
	ui_seen "Press n for the next step" 30 && ui_keys n
	ui_seen "NOW, step 1 of 3" 30 && ui_keys n
	if ! ui_seen "NOW, step 2 of 3" 30; then
		not_ok "$size: the zombie lesson reaches step 2" "$(cat "$TMP/screen")"
		ui_stop
		continue
	fi
	# Paused, the screen holds still for the reading.
	ui_keys Down Up space
	ui_wait "DISPLAY PAUSED" 10
	after=$(awk '/^PID /{ getline; getline; getline; getline; getline; print; exit }' \
		"$TMP/screen")
	case $after in
	*"event log"*) ok "$size: the process panel takes its four rows, no more" ;;
	*) not_ok "$size: the process panel takes its four rows, no more" \
		"$(cat "$TMP/screen")" ;;
	esac
	# The log's region: under its rule, left of the notes when beside it.
	log=$(awk '
		/─ event log/ { on = 1; col = index($0, "─ notes"); next }
		on && (/─ notes: what/ || /^q\/F10/) { exit }
		on { print (col > 0 ? substr($0, 1, col - 1) : $0) }' "$TMP/screen" |
		tr -s ' \n' '  ')
	case $log in
	*"Press w to make the parent reap now."*)
		ok "$size: the newest event is in the log, whole" ;;
	*) not_ok "$size: the newest event is in the log, whole" "$log" ;;
	esac
	grep -q "notes: what to look at now" "$TMP/screen" &&
		ok "$size: the notes have their panel" ||
		not_ok "$size: the notes have their panel" "$(cat "$TMP/screen")"
	ui_keys q
	ui_wait_exit 10
	ui_stop
done

# --- htop habits on a cpuio process, read back from /proc ----------------
ui_start_fresh 160 48 -- "$PROCVIZ" run cpuio --pace 30
if ui_wait "cpu-bound" 20; then
	pid=$(awk '$0 ~ /cpu-bound/ && $1 ~ /^[0-9]+$/ { print $1; exit }' "$TMP/screen")
	nice0=$(awk '{ print $19 }' "/proc/$pid/stat" 2>/dev/null)
	ui_keys Down	# the first row is cpuio, the next its cpu-bound child
	ui_keys F8
	ui_wait "nice $((nice0 + 1))" 5
	expect_eq "F8 renices the selected cpu-bound process (/proc nice +1)" \
		"$((nice0 + 1))" "$(awk '{ print $19 }' "/proc/$pid/stat")"
	ui_keys '['
	ui_wait "nice $((nice0 + 2))" 5
	expect_eq "[ renices it once more (nice +2)" \
		"$((nice0 + 2))" "$(awk '{ print $19 }' "/proc/$pid/stat")"
	ui_keys ']'
	if [ "$(id -u)" = 0 ]; then
		ui_wait "nice $((nice0 + 1))" 5
		expect_eq "] (root) gives a higher priority back (nice +1)" \
			"$((nice0 + 1))" "$(awk '{ print $19 }' "/proc/$pid/stat")"
	else
		ui_wait "not permitted" 5 &&
			ok "] without privilege says lowering nice needs root" ||
			not_ok "] without privilege says lowering nice needs root" \
				"$(tail -2 "$TMP/screen")"
	fi
	ui_keys a
	ui_wait "CPUs for $pid" 5 && ok "a asks for the CPUs of the selected process" ||
		not_ok "a asks for the CPUs of the selected process" "$(tail -2 "$TMP/screen")"
	ui_keys C-u 0 Enter
	ui_wait "may run on CPUs 0" 5
	expect_eq "a 0 Enter pins it to CPU 0 (/proc Cpus_allowed_list)" "0" \
		"$(awk '/^Cpus_allowed_list/ { print $2 }' "/proc/$pid/status")"
	ui_keys a C-u 9 9 9 Enter
	ui_wait "no such CPU" 5 && ok "a CPU that is not there is refused, saying so" ||
		not_ok "a CPU that is not there is refused, saying so" "$(cat "$TMP/screen")"
	ui_keys / i o -
	ui_wait "filter 'io-'" 5
	tree=$(awk '/^PID /{ on = 1; next } /─ event log/{ exit } on' "$TMP/screen")
	if echo "$tree" | grep -q "io-bound" && ! echo "$tree" | grep -q "cpu-bound"; then
		ok "/ filters the rows by name as it is typed"
	else
		not_ok "/ filters the rows by name as it is typed" "$(cat "$TMP/screen")"
	fi
	ui_keys Escape
	ui_wait "cpu-bound" 5 && ok "Esc puts the rows back" ||
		not_ok "Esc puts the rows back" "$(cat "$TMP/screen")"
	ui_keys '?'
	ui_wait "help" 5
	for k in "F7/F8" "a " "/ "; do
		grep -qF "│ $k" "$TMP/screen" && ok "the help lists $k" ||
			not_ok "the help lists $k" "$(cat "$TMP/screen")"
	done
	ui_keys Escape
else
	not_ok "cpuio shows its cpu-bound process" "$(cat "$TMP/screen")"
fi
ui_keys q
ui_wait_exit 10
ui_stop

# --- themes: the colour pairs on screen -----------------------------------
ui_start_fresh 110 34 -- "$PROCVIZ" --theme light sched --jobs 24,3,3 --policy fcfs
ui_wait "t = 0 of 30"
ui_keys Right Right
ui_wait "t = 2 of 30"
c=$($UI_TMUX capture-pane -e -p)
case $c in
*"38;5;16m"*) ok "light: dark text (colour 16)" ;;
*) not_ok "light: dark text (colour 16)" "$(printf '%s' "$c" | head -3 | cat -v)" ;;
esac
case $c in
*"48;5;231m"*) ok "light: on a white background (colour 231)" ;;
*) not_ok "light: on a white background (colour 231)" "$(printf '%s' "$c" | head -3 | cat -v)" ;;
esac
case $c in
*"48;5;214mA"*) ok "light: job A keeps its colour (214) and its letter" ;;
*) not_ok "light: job A keeps its colour (214) and its letter" "$(printf '%s' "$c" | grep Gantt | cat -v)" ;;
esac
ui_stop
ui_start_fresh 110 34 -- "$PROCVIZ" sched --jobs 24,3,3 --policy fcfs
ui_wait "t = 0 of 30" || not_ok "dark: the view opens" "$(cat "$TMP/screen")"
c=$($UI_TMUX capture-pane -e -p)
case $c in
*"48;5;231m"*) not_ok "dark (the default) leaves the terminal's background" ;;
*) ok "dark (the default) leaves the terminal's background" ;;
esac
ui_stop
for how in "PROCVIZ_THEME=mono --" "NO_COLOR=1 --" "PROCVIZ_THEME=light NO_COLOR=1 -- --theme=mono"; do
	envs=${how%%--*} extra=${how#*--}
	# shellcheck disable=SC2086
	ui_start_fresh 110 34 $envs -- "$PROCVIZ" $extra sched --jobs 24,3,3 --policy fcfs
	if ! ui_wait "t = 0 of 30"; then
		not_ok "mono ($how): the view opens" "$(cat "$TMP/screen")"
		ui_stop
		continue
	fi
	c=$($UI_TMUX capture-pane -e -p)
	case $c in
	*"38;5;"*|*"48;5;"*) not_ok "mono ($how): no colour at all" "$(printf '%s' "$c" | head -3 | cat -v)" ;;
	*) ok "mono ($how): no colour at all" ;;
	esac
	ui_stop
done
ui_start_fresh 110 34 NO_COLOR=1 -- "$PROCVIZ" --theme light sched --jobs 24,3,3 --policy fcfs
ui_wait "t = 0 of 30"
case $($UI_TMUX capture-pane -e -p) in
*"48;5;231m"*) ok "--theme light wins over NO_COLOR" ;;
*) not_ok "--theme light wins over NO_COLOR" ;;
esac
ui_stop
expect_status "--theme with an unknown name exits 2" 2 "$PROCVIZ" --theme pink list
grep -q "expected dark, light or mono" "$TMP/status.err" &&
	ok "and says which names it takes" ||
	not_ok "and says which names it takes" "$(cat "$TMP/status.err")"
PROCVIZ_THEME=pink expect_status "PROCVIZ_THEME with an unknown name exits 2" 2 \
	"$PROCVIZ" list
