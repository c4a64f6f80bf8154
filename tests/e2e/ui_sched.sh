#!/bin/sh
# The scheduler view in a real terminal: lockstep lanes, stepping forward
# and back to the very same screen, End shows the textbook averages, and
# quitting restores the terminal.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"

ui_start 120 45 -- "$PROCVIZ" sched --jobs 24,3,3 --policy fcfs,sjf,rr,mlfq
if ui_wait "t = 0 of 30"; then ok "sched view opens at t = 0"; else
	not_ok "sched view opens at t = 0" "$(cat "$TMP/screen")"
fi
for lane in "FCFS" "SJF" "RR q=4" "MLFQ"; do
	grep -q -- "$lane" "$TMP/screen" && ok "a lane for $lane" ||
		not_ok "a lane for $lane" "$(cat "$TMP/screen")"
done
grep -q "^Q2 " "$TMP/screen" && ok "MLFQ shows one ready row per level" ||
	not_ok "MLFQ shows one ready row per level" "$(cat "$TMP/screen")"
grep -q "^why .*t=0" "$TMP/screen" && ok "each lane has its why-line" ||
	not_ok "each lane has its why-line" "$(cat "$TMP/screen")"
grep -q "q/F10" "$TMP/screen" && ok "the keys line says how to quit" ||
	not_ok "the keys line says how to quit" "$(tail -1 "$TMP/screen")"
ui_settle
cp "$TMP/screen" "$TMP/t0"

ui_keys Right
if ui_wait "t = 1 of 30"; then ok "Right steps one tick"; else
	not_ok "Right steps one tick" "$(cat "$TMP/screen")"
fi
# After one tick, FCFS and RR ran A, SJF ran B (the shortest).
gantt=$(grep '^Gantt' "$TMP/screen" | awk '{printf "%s", substr($2, 1, 1)}')
expect_eq "after one tick the first Gantt cells read A (FCFS) B (SJF) A (RR) A (MLFQ)" \
	"ABAA" "$gantt"
ui_keys Left
if ui_wait "t = 0 of 30"; then ok "Left steps back one tick"; else
	not_ok "Left steps back one tick" "$(cat "$TMP/screen")"
fi
ui_settle
if cmp -s "$TMP/t0" "$TMP/screen"; then ok "stepping back gives the very same screen"
else not_ok "stepping back gives the very same screen" \
	"$(diff "$TMP/t0" "$TMP/screen" | head -20)"
fi

# A mouse click (X10 encoding, as tmux-256color's kmous says) on the
# ruler's "10" moves the time cursor to tick 10.
line=$(grep '^tick' "$TMP/screen")
prefix=${line%%" 10 "*}
col=$((${#prefix} + 1))		# 0-based column of the "1" of "10"
row=1				# the ruler is the second line
click() {	# click BUTTON-BYTE: a press or release at (col, row)
	printf '\033[M%s%b%b' "$1" "\\$(printf '%03o' $((33 + col)))" \
		"\\$(printf '%03o' $((33 + row)))"
}
ui_keys -l "$(click ' ')"
ui_keys -l "$(click '#')"
if ui_wait "t = 10 of 30" 5; then ok "a click on the ruler moves the cursor there"
else not_ok "a click on the ruler moves the cursor there" "col $col" "$(head -3 "$TMP/screen")"; fi

# space plays (here sped up with +) until the end, where it stops.
ui_keys Home + +
ui_wait "8 ticks/s" 5
ui_keys Space
if ui_wait "PLAYING" 5; then ok "space plays"
else not_ok "space plays" "$(head -1 "$TMP/screen")"; fi
if ui_wait "END" 15 && grep -q "paused" "$TMP/screen"; then ok "playing stops at the end"
else not_ok "playing stops at the end" "$(head -1 "$TMP/screen")"; fi

ui_keys End
if ui_wait "END"; then ok "End goes to the end"; else
	not_ok "End goes to the end" "$(cat "$TMP/screen")"
fi
ui_wait "average" 5
expect_eq "End shows FCFS average waiting 17.00" "17.00" "$(ui_avg FCFS)"
expect_eq "End shows SJF average waiting 3.00" "3.00" "$(ui_avg SJF)"
expect_eq "End shows RR q=4 average waiting 5.67" "5.67" "$(ui_avg 'RR q=4')"
grep -E -q '^FCFS +B +24\.00 +27\.00 +24\.00' "$TMP/screen" &&
	ok "the metrics table has per-job rows" ||
	not_ok "the metrics table has per-job rows" "$(cat "$TMP/screen")"

# Mid-run an average is over the finished jobs only, and says so: at t=12
# SJF has finished B and C (response 0 and 3), while A has run but not
# finished (its own row shows its response, 6).
ui_keys Home
ui_wait "t = 0 of 30" 5
ui_keys Right Right Right Right Right Right Right Right Right Right Right Right
ui_wait "t = 12 of 30" 5
ui_keys m
ui_wait "Metrics at t=12" 5
if grep -E -q '^SJF +avg of 2 done +1\.50 ' "$TMP/screen" &&
	! grep -E -q '^[A-Z].* average +[0-9-]' "$TMP/screen"; then
	ok "mid-run the averages say they are over the finished jobs"
else not_ok "mid-run the averages say they are over the finished jobs" \
	"$(grep -A12 Metrics "$TMP/screen")"; fi
ui_keys m

# A shorter terminal: lanes get compact, yet every lane keeps its why-line
# and nothing overlaps (four rules, four Gantt rows, four why-lines).
$UI_TMUX resize-window -x 100 -y 23
ui_keys Home
ui_wait "t = 0 of 30" 5
expect_eq "at 100x23 each of the 4 lanes keeps its why-line" 4 \
	"$(grep -c '^why ' "$TMP/screen")"
expect_eq "at 100x23 each of the 4 lanes keeps its Gantt row" 4 \
	"$(grep -c '^Gantt ' "$TMP/screen")"
$UI_TMUX resize-window -x 120 -y 45
ui_keys End
ui_wait "average" 5

# t changes the quantum (the time slice) and re-runs: RR q=1.
ui_keys t
ui_wait "quantum in ticks" 5
ui_keys BSpace 1 Enter
if ui_wait "RR q=1" 5; then ok "t changes the quantum and re-runs"; else
	not_ok "t changes the quantum and re-runs" "$(cat "$TMP/screen")"
fi

# p: the policy chooser; adding srtf (third in the list) adds its lane.
ui_keys p
if ui_wait "[x] fcfs" 5; then ok "p opens the policy chooser with the lanes ticked"
else not_ok "p opens the policy chooser with the lanes ticked" "$(cat "$TMP/screen")"; fi
ui_keys Down Down Space Enter
if ui_wait "─ SRTF" 5; then ok "ticking srtf adds its lane"
else not_ok "ticking srtf adds its lane" "$(cat "$TMP/screen")"; fi
# c: the convention flips and the title says so.
ui_keys c
if ui_wait "convention textbook" 5; then ok "c switches to the textbook convention"
else not_ok "c switches to the textbook convention" "$(head -1 "$TMP/screen")"; fi

# The README's screen capture is a golden: the same command, seven steps
# at 100x30, must give exactly that text.
ui_stop
ui_server golden
ui_start 100 30 -- "$PROCVIZ" sched --jobs 24,3,3 --policy fcfs,sjf,rr,mlfq
ui_wait "t = 0 of 30" 10
ui_keys Right Right Right Right Right Right Right
ui_wait "t = 7 of 30" 10
ui_settle
sed -n '/^```text$/,/^```$/p' "$PROCVIZ_ROOT/README.md" | sed '1d;$d' >"$TMP/golden"
sed 's/ *$//' "$TMP/screen" | grep -v '^$' >"$TMP/got"
if [ -s "$TMP/golden" ] && cmp -s "$TMP/golden" "$TMP/got"; then
	ok "the screen at t=7 is the README's capture, to the character"
else not_ok "the screen at t=7 is the README's capture, to the character" \
	"$(diff "$TMP/golden" "$TMP/got" | head -20)"; fi

ui_keys F10
if ui_wait_exit 10; then
	expect_eq "F10 quits with status 0" 0 "$UI_STATUS"
	if ui_screen | grep -q "Gantt"; then
		not_ok "the terminal is restored after quitting" "$(cat "$TMP/screen")"
	else ok "the terminal is restored after quitting"; fi
else
	not_ok "F10 quits" "$(cat "$TMP/screen")"
fi
ui_stop
