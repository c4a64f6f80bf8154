#!/bin/sh
# The lesson view on a real scenario: `procviz run zombie` shows the
# children as zombies (word and letter), the lecturer's w makes the parent
# reap them and the reap shows in the event log; quitting leaves no process
# behind (found by a marker in the environment, so only ours are counted).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"
MARK="ui-lesson-$$-$(date +%s)"

leftovers() { marked_pids "$MARK"; }	# live processes carrying our marker

# A long pace: the zombies stay until the lecturer presses w.
ui_start 120 40 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run zombie --pace 20
if ui_wait "Z zombie " 10; then ok "run zombie shows the word zombie with its letter"
else not_ok "run zombie shows the word zombie with its letter" "$(cat "$TMP/screen")"; fi
if ui_wait "Z zombie 3" 10; then ok "the counts line counts three zombies"
else not_ok "the counts line counts three zombies" "$(cat "$TMP/screen")"; fi
grep -q "zombie-child" "$TMP/screen" && ok "the tree names the children" ||
	not_ok "the tree names the children" "$(cat "$TMP/screen")"
ui_wait "NOW, step 1 of 3" 10 && grep -q "notes" "$TMP/screen" &&
	ok "the notes panel says which step it is" ||
	not_ok "the notes panel says which step it is" "$(cat "$TMP/screen")"
grep -q "w the parent calls wait() now" "$TMP/screen" &&
	ok "the keys line shows the scenario's control" ||
	not_ok "the keys line shows the scenario's control" "$(tail -1 "$TMP/screen")"
ui_wait "ZZZ" 10 && ok "the state timeline shows Z cells" ||
	not_ok "the state timeline shows Z cells" "$(cat "$TMP/screen")"
# The event log words events as --format text does (report_obs.c).
ui_wait "zombie-child  running → zombie  (parent" 10 &&
	ok "the event log words a zombie as --format text does" ||
	not_ok "the event log words a zombie as --format text does" "$(cat "$TMP/screen")"

# Resizing a live lesson: too small, 1x1, the minimum, and back.
$UI_TMUX resize-window -x 20 -y 6
ui_wait "too small" 5 && ok "a lesson at 20x6 shows the too-small screen" ||
	not_ok "a lesson at 20x6 shows the too-small screen" "$(cat "$TMP/screen")"
$UI_TMUX resize-window -x 1 -y 1
$UI_TMUX resize-window -x 60 -y 11
ui_wait "Z zombie" 5 && ok "a lesson at 60x11 still shows its processes" ||
	not_ok "a lesson at 60x11 still shows its processes" "$(cat "$TMP/screen")"
$UI_TMUX resize-window -x 120 -y 40
ui_wait "event log" 5 && ok "a lesson resized back is whole again" ||
	not_ok "a lesson resized back is whole again" "$(cat "$TMP/screen")"

# space pauses the display only; Left scrolls the timeline back.
ui_keys Space
ui_wait "DISPLAY PAUSED" 5 && ok "space pauses the display (and says so)" ||
	not_ok "space pauses the display (and says so)" "$(head -2 "$TMP/screen")"
ui_keys Space Left
ui_wait "scrolled back" 5 && ok "Left scrolls the state timeline back" ||
	not_ok "Left scrolls the state timeline back" "$(head -4 "$TMP/screen")"
ui_keys Right
ui_wait_gone "scrolled back" 5
ui_keys '<'
ui_wait "one cell per 2 samples" 5 && ok "< zooms the timeline out (two samples a cell)" ||
	not_ok "< zooms the timeline out (two samples a cell)" "$(head -4 "$TMP/screen")"
ui_keys '>'
ui_wait "one cell per sample," 5
ui_keys -
ui_wait "sampling every 200 ms" 5 && ok "- samples half as often (the counts line says 200 ms)" ||
	not_ok "- samples half as often (the counts line says 200 ms)" "$(head -4 "$TMP/screen")"
ui_keys + +
ui_wait "sampling every 50 ms" 5 && ok "+ samples twice as often (50 ms)" ||
	not_ok "+ samples twice as often (50 ms)" "$(head -4 "$TMP/screen")"
ui_keys -

# s freezes the scenario: its parent shows as stopped; s again thaws it.
ui_keys s
if ui_wait "T stopped " 10 && grep -q "SCENARIO FROZEN" "$TMP/screen"; then
	ok "s freezes the scenario (the parent shows T stopped)"
else not_ok "s freezes the scenario (the parent shows T stopped)" "$(cat "$TMP/screen")"; fi
ui_keys s
if ui_wait_gone "SCENARIO FROZEN" 5 && ui_wait "B blocked " 10; then
	ok "s again thaws it (the parent is blocked again)"
else not_ok "s again thaws it (the parent is blocked again)" "$(cat "$TMP/screen")"; fi

ui_keys w
if ui_wait "reaped by" 10; then ok "after w the reap shows in the event log"
else not_ok "after w the reap shows in the event log" "$(cat "$TMP/screen")"; fi
ui_wait "Z zombie 0" 10 && ok "no zombie is left after the reap" ||
	not_ok "no zombie is left after the reap" "$(cat "$TMP/screen")"

# Esc opens home with the lesson still running; Tab comes back to it.
ui_keys Escape
if ui_wait "still runs" 5; then ok "Esc from a lesson opens home, the lesson still runs"
else not_ok "Esc from a lesson opens home, the lesson still runs" "$(cat "$TMP/screen")"; fi
ui_keys Tab
ui_wait "procviz run zombie" 5 && ok "Tab goes back to the lesson" ||
	not_ok "Tab goes back to the lesson" "$(cat "$TMP/screen")"

ui_keys '?'
ui_wait "help" 5 && ok "? shows the help" || not_ok "? shows the help" "$(cat "$TMP/screen")"
ui_keys Escape
ui_wait_gone "SIGSTOP/SIGCONT" 5

ui_keys q
if ui_wait_exit 15; then
	expect_eq "q quits with status 0" 0 "$UI_STATUS"
else not_ok "q quits" "$(cat "$TMP/screen")"; fi
if ui_poll 10 '[ -z "$(leftovers)" ]'; then ok "quitting leaves no process of the lesson"
else not_ok "quitting leaves no process of the lesson" "$(leftovers | head -5 |
	while read -r p; do cat /proc/$p/status 2>/dev/null | head -3; done)"; fi

# Quitting in the middle (zombies on screen, parent still waiting) too.
ui_stop
ui_server b
ui_start 120 40 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run zombie --pace 20
ui_wait "Z zombie 3" 10
# A click on the second row (the first child) selects it: k names it.
printf '\033[M %b%b' "\\$(printf '%03o' $((33 + 10)))" \
	"\\$(printf '%03o' $((33 + 4)))" >"$TMP/press"
printf '\033[M#%b%b' "\\$(printf '%03o' $((33 + 10)))" \
	"\\$(printf '%03o' $((33 + 4)))" >"$TMP/release"
ui_keys -l "$(cat "$TMP/press")"
ui_keys -l "$(cat "$TMP/release")"
ui_keys k
if ui_poll 5 'ui_screen | grep -q "signal to [0-9]* zombie-child"'; then
	ok "a mouse click selects a process row"
else not_ok "a mouse click selects a process row" "$(cat "$TMP/screen")"; fi
ui_keys Escape Up

# k on the selected row (the parent, first) sends it SIGTERM: the lesson's
# way out for zombies whose parent never waits.
ui_keys k
ui_wait "SIGTERM" 5
ui_keys Enter
if ui_wait "killed by signal 15" 10; then ok "k sends the selected process a signal (its end shows in the log)"
else not_ok "k sends the selected process a signal (its end shows in the log)" "$(cat "$TMP/screen")"; fi
ui_keys F10
ui_wait_exit 15 || not_ok "F10 quits a running lesson" "$(cat "$TMP/screen")"
if ui_poll 10 '[ -z "$(leftovers)" ]'; then ok "quitting mid-lesson kills and reaps every process"
else not_ok "quitting mid-lesson kills and reaps every process" "$(leftovers)"; fi
ui_stop

# After the end the last picture stays (tests/e2e/ui_lecture.sh has the
# rest); scrolling the timeline back shows the processes of that moment.
ui_server end
ui_start 120 40 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run zombie --pace 0.2
if ui_wait "LESSON ENDED" 20 && grep -q -- "- ended .*zombie-child" "$TMP/screen"
then ok "after the lesson the tree keeps its rows, marked ended"
else not_ok "after the lesson the tree keeps its rows, marked ended" "$(cat "$TMP/screen")"; fi
found=no
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do	# half a second back each
	ui_keys Left
	if ui_wait "zombie-child" 1; then found=yes; break; fi
done
if [ $found = yes ]; then ok "scrolling back shows the processes of that moment again"
else not_ok "scrolling back shows the processes of that moment again" "$(cat "$TMP/screen")"; fi
ui_keys q
ui_wait_exit 15 || not_ok "q quits after the end" "$(cat "$TMP/screen")"
ui_stop

# LANG=C and NO_COLOR: the same lesson in ASCII, monochrome, letters kept.
ui_server c
ui_start 100 30 PROCVIZ_TEST_MARK="$MARK" LC_ALL=C NO_COLOR=1 -- \
	"$PROCVIZ" run zombie --pace 20
if ui_wait "Z zombie 3" 10; then ok "LANG=C NO_COLOR=1: the lesson shows its zombies"
else not_ok "LANG=C NO_COLOR=1: the lesson shows its zombies" "$(cat "$TMP/screen")"; fi
ui_wait "zombie-child  running -> zombie" 10 &&
	ok "LANG=C: the event log's arrow is ->" ||
	not_ok "LANG=C: the event log's arrow is ->" "$(cat "$TMP/screen")"
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMP/screen"; then
	not_ok "LANG=C: the lesson view is plain ASCII" "$(LC_ALL=C grep -n "$(printf '[\200-\377]')" "$TMP/screen" | head -3)"
else ok "LANG=C: the lesson view is plain ASCII"; fi
$UI_TMUX capture-pane -p -e >"$TMP/esc"
if grep -q "$(printf '\033')\[[0-9;]*\(3[0-7]\|4[0-7]\|38;\|48;\)" "$TMP/esc"; then
	not_ok "NO_COLOR: the lesson view has no colour"
else ok "NO_COLOR: the lesson view has no colour"; fi
ui_keys q
ui_wait_exit 15 || not_ok "q quits the LANG=C lesson" "$(cat "$TMP/screen")"
ui_stop

# watch: any command, shown live; quitting ends the command it started.
ui_server w
ui_start 120 40 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" watch -- \
	sh -c '(exit 3) & exec sleep 60'
if ui_wait "Z zombie " 10; then ok "watch shows a zombie of the watched command"
else not_ok "watch shows a zombie of the watched command" "$(cat "$TMP/screen")"; fi
grep -q "procviz watch -- sh -c" "$TMP/screen" && ok "watch's title names the command" ||
	not_ok "watch's title names the command" "$(head -1 "$TMP/screen")"
ui_keys q
ui_wait_exit 15 || not_ok "q quits watch" "$(cat "$TMP/screen")"
if ui_poll 10 '[ -z "$(leftovers)" ]'; then ok "quitting watch ends the command it started"
else not_ok "quitting watch ends the command it started" "$(leftovers)"; fi
ui_stop
