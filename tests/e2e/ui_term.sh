#!/bin/sh
# The terminal contract: resize down to "too small" and back, 1x1 without a
# crash, NO_COLOR and LANG=C (ASCII, no colour), TERM=dumb or unknown (a
# clear message, exit 1), and the terminal restored on Ctrl-C, SIGTERM,
# SIGHUP and on a signal that kills (SIGSEGV, SIGABRT, SIGQUIT, SIGUSR1).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"
JOBS="--jobs 24,3,3 --policy fcfs,rr"

ui_start 100 30 -- "$PROCVIZ" sched $JOBS
ui_wait "t = 0 of 30" || not_ok "sched view opens" "$(cat "$TMP/screen")"
$UI_TMUX resize-window -x 20 -y 6
if ui_wait "too small"; then ok "at 20x6 the view says the terminal is too small"
else not_ok "at 20x6 the view says the terminal is too small" "$(cat "$TMP/screen")"; fi
$UI_TMUX resize-window -x 1 -y 1
sleep 0.3	# give a crash the time to happen; the checks below poll
$UI_TMUX resize-window -x 100 -y 30
if ui_wait "t = 0 of 30"; then ok "back at 100x30 the view is whole again (1x1 survived)"
else not_ok "back at 100x30 the view is whole again (1x1 survived)" "$(cat "$TMP/screen")"; fi
ui_keys Right
ui_wait "t = 1 of 30" && ok "keys still work after resizing" ||
	not_ok "keys still work after resizing" "$(cat "$TMP/screen")"
# Something writing to procviz's stderr while the screen is up (here from
# outside, through /proc) lands on the status line, not over the screen.
echo "procviz-test-warning-$$" >"/proc/$(ui_pid)/fd/2" 2>/dev/null
if ui_wait "procviz-test-warning-$$" 5 &&
	tail -1 "$TMP/screen" | grep -q "procviz-test-warning-$$"; then
	ok "stderr text while the screen is up goes to the status line"
else not_ok "stderr text while the screen is up goes to the status line" "$(cat "$TMP/screen")"; fi

# Idle means idle: once the warning has gone (the keys line is back), a
# paused view sleeps in poll().  A busy loop would burn ~100 ticks in the
# second measured here; a sleeping one about none.
ui_wait "q/F10" 15
pid=$(ui_pid)
t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
sleep 1	# the measuring window, not a wait for an event
t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
if [ $((t1 - t0)) -lt 50 ]; then ok "an idle view does not spin (CPU ticks in 1 s: $((t1 - t0)))"
else not_ok "an idle view does not spin" "CPU ticks in 1 s: $((t1 - t0))"; fi

# Colour is on by default: the pane has colour escapes.
$UI_TMUX capture-pane -p -e >"$TMP/esc"
grep -q "$(printf '\033')\[[0-9;]*[34][0-9]" "$TMP/esc" && ok "colours are used by default" ||
	not_ok "colours are used by default" "$(head -5 "$TMP/esc" | od -c | head)"
grep -q "─" "$TMP/screen" && ok "box drawing is Unicode in a UTF-8 locale" ||
	not_ok "box drawing is Unicode in a UTF-8 locale" "$(head -3 "$TMP/screen")"
ui_stop

# NO_COLOR=1 and LANG=C: ASCII rules and not a single colour.
ui_server c
ui_start_raw 100 30 env -i PATH="$PATH" TERM=tmux-256color \
	LANG=C NO_COLOR=1 TZ=UTC sh -c 'trap : INT; "$@"; echo $? >"$0/rc"' "$TMP" \
	"$PROCVIZ" sched $JOBS
if ui_wait "t = 0 of 30"; then ok "runs with NO_COLOR=1 LANG=C"
else not_ok "runs with NO_COLOR=1 LANG=C" "$(cat "$TMP/screen")"; fi
$UI_TMUX capture-pane -p -e >"$TMP/esc"
if grep -q "$(printf '\033')\[[0-9;]*\(3[0-7]\|4[0-7]\|38;\|48;\)" "$TMP/esc"; then
	not_ok "NO_COLOR: no colour escapes" "$(grep -n "$(printf '\033')" "$TMP/esc" | head -3 | od -c | head)"
else ok "NO_COLOR: no colour escapes"; fi
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMP/screen"; then
	not_ok "LANG=C: only ASCII on screen" "$(LC_ALL=C grep -n "$(printf '[\200-\377]')" "$TMP/screen" | head -3)"
else ok "LANG=C: only ASCII on screen"; fi
grep -q -- "- FCFS ---" "$TMP/screen" && ok "LANG=C: rules drawn with ASCII dashes" ||
	not_ok "LANG=C: rules drawn with ASCII dashes" "$(head -4 "$TMP/screen")"
grep -q "Right/Left" "$TMP/screen" && ok "LANG=C: keys line spells the arrows" ||
	not_ok "LANG=C: keys line spells the arrows" "$(tail -1 "$TMP/screen")"
ui_keys C-c
if ui_wait_exit 10; then ok "Ctrl-C quits"
	ui_screen | grep -q "FCFS" && not_ok "Ctrl-C restores the terminal" "$(cat "$TMP/screen")" ||
		ok "Ctrl-C restores the terminal"
else not_ok "Ctrl-C quits" "$(cat "$TMP/screen")"; fi
ui_stop

# SIGTERM and SIGHUP: flag, leave the loop, restore, exit.
for sig in TERM HUP; do
	ui_server "$sig"
	ui_start 100 30 -- "$PROCVIZ" sched $JOBS
	ui_wait "t = 0 of 30"
	kill -s $sig "$(ui_pid)"
	if ui_wait_exit 10; then
		ui_screen | grep -q "FCFS" &&
			not_ok "SIG$sig restores the terminal" "$(cat "$TMP/screen")" ||
			ok "SIG$sig ends the view and restores the terminal"
	else not_ok "SIG$sig ends the view" "$(cat "$TMP/screen")"; fi
	ui_stop
done

# A signal that kills (a crash, an uncaught SIGQUIT or SIGUSR1) still puts
# the terminal back: its modes as before (stty -g), off the alternate
# screen, the cursor shown; procviz dies of the signal itself; the
# lesson's processes go too.
for spec in SEGV:11 ABRT:6 QUIT:3 USR1:10; do	# x86-64, arm64 numbers
	sig=${spec%:*}
	ui_server f$sig
	rm -f "$TMP/s0" "$TMP/s1"
	mark=fatal-$$-$sig
	# The mark goes to procviz only: the pane's shell (and its sleep)
	# stay, and are not the lesson's.
	ui_start_raw 100 30 env -i PATH="$PATH" \
		TERM=tmux-256color LC_ALL=C.UTF-8 \
		sh -c 'stty -g >"$2/s0"
			PROCVIZ_TEST_MARK=$3 "$1" run zombie --pace 60; r=$?
			stty -g >"$2/s1"; echo $r >"$2/rc"; sleep 60' \
		sh "$PROCVIZ" "$TMP" "$mark"
	ui_wait "zombie-parent" 20
	kill -s $sig "$(ui_pid)"	# procviz, not its guardian (same name)
	if ui_poll 20 '[ -s "$TMP/rc" ]'; then
		expect_eq "SIG$sig: procviz dies of it" \
			$((128 + ${spec#*:})) "$(cat "$TMP/rc")"
		cmp -s "$TMP/s0" "$TMP/s1" &&
			ok "SIG$sig: the terminal's modes are restored" ||
			not_ok "SIG$sig: the terminal's modes are restored" \
				"$(cat "$TMP/s0" "$TMP/s1")"
		expect_eq "SIG$sig: the alternate screen is left, the cursor shown" \
			"0 1" "$($UI_TMUX display -p '#{alternate_on} #{cursor_flag}')"
		if ui_poll 20 '[ -z "$(marked_pids "$mark")" ]'; then
			ok "SIG$sig: the lesson's processes are gone"
		else not_ok "SIG$sig: the lesson's processes are gone" \
			"$(marked_pids "$mark")"; fi
	else not_ok "SIG$sig ends procviz" "$(ui_screen)"; fi
	ui_stop
done

# TERM=dumb and an unknown TERM: a clear message and exit 1, in a real tty.
for term in dumb no-such-terminal-xyz; do
	ui_server "$term"
	rm -f "$TMP/err"
	ui_start_raw 100 10 env -i PATH="$PATH" TERM=$term \
		LC_ALL=C.UTF-8 sh -c '"$1" sched --jobs 24,3,3 2>"$2/err"; echo $? >"$2/rc"' \
		sh "$PROCVIZ" "$TMP"
	if ui_poll 10 '[ -s "$TMP/rc" ]'; then
		expect_eq "TERM=$term exits 1" 1 "$(cat "$TMP/rc")"
		grep -q "TERM=$term" "$TMP/err" && ok "TERM=$term gives a message naming it" ||
			not_ok "TERM=$term gives a message naming it" "$(cat "$TMP/err")"
	else not_ok "TERM=$term exits" "$(ui_screen)"; fi
	ui_stop
done

# A workload on stdin (procviz sched -): the keys then come from /dev/tty.
ui_server stdin
printf 'P1 0 24\nP2 0 3\nP3 0 3\n' >"$TMP/w.txt"
ui_start 100 40 -- sh -c '"$1" sched - <"$2"' sh "$PROCVIZ" "$TMP/w.txt"
ui_wait "t = 0 of 30" 10
ui_keys End
if ui_wait "END" 5 && grep -E -q '^FCFS +average +17\.00' "$TMP/screen"; then
	ok "sched - reads the workload from stdin and the keys from the terminal"
else not_ok "sched - reads the workload from stdin and the keys from the terminal" "$(cat "$TMP/screen")"; fi
ui_keys F10
ui_wait_exit 10 || not_ok "sched - quits" "$(cat "$TMP/screen")"
ui_stop

# No terminal at all (as in CI): a message, exit 1, nothing on stdout.
expect_status "without a terminal the view exits 1" 1 "$PROCVIZ" sched $JOBS
grep -q "headless" "$TMP/status.err" && ok "the message suggests --headless" ||
	not_ok "the message suggests --headless" "$(cat "$TMP/status.err")"
