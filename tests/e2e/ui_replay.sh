#!/bin/sh
# procviz replay in the terminal UI: the lesson view shows the recording
# (the zombies it had) with the whole timeline, the cursor scrubs back and
# forward (the model is rebuilt up to the cursor) and no signal is ever
# sent to a recorded pid.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"

"$PROCVIZ" run zombie --headless --pace 0.3 --record "$TMP/z.rec" >/dev/null
expect_eq "a zombie run is recorded" 0 $?
items=$(grep -c '"kind":"\(sample\|note\)"' "$TMP/z.rec")

ui_start 120 40 -- "$PROCVIZ" replay "$TMP/z.rec"
ui_wait "item $items of $items" 10 && ok "replay opens at the end of the recording" ||
	not_ok "replay opens at the end of the recording" "$(cat "$TMP/screen")"
grep -q "procviz replay $TMP/z.rec" "$TMP/screen" &&
	grep -q "zombie-child" "$TMP/screen" &&
	ok "the lesson view shows the recorded processes" ||
	not_ok "the lesson view shows the recorded processes" "$(cat "$TMP/screen")"
ui_wait "ZZ" 5 && ok "the timeline shows the recorded zombies" ||
	not_ok "the timeline shows the recorded zombies" "$(cat "$TMP/screen")"
ui_keys Home
ui_wait "item 0 of $items" 5 && ok "Home moves the cursor to the start" ||
	not_ok "Home moves the cursor to the start" "$(cat "$TMP/screen")"
grep -q "zombie-child" "$TMP/screen" &&
	not_ok "at the start no child exists yet" "$(cat "$TMP/screen")" ||
	ok "at the start no child exists yet"
ui_keys ']'
ui_wait "item 10 of $items" 5 && ok "] moves ten items forward" ||
	not_ok "] moves ten items forward" "$(cat "$TMP/screen")"
ui_keys ','
ui_wait "item 9 of $items" 5 && ok ", moves one item back (model rebuilt)" ||
	not_ok ", moves one item back (model rebuilt)" "$(cat "$TMP/screen")"
ui_keys End
ui_wait "item $items of $items" 5 && ok "End moves the cursor to the end" ||
	not_ok "End moves the cursor to the end" "$(cat "$TMP/screen")"
ui_keys K
ui_wait "no live process to signal" 5 &&
	ok "K refuses to signal a recorded pid" ||
	not_ok "K refuses to signal a recorded pid" "$(cat "$TMP/screen")"
ui_keys s
ui_wait "no live processes to freeze" 5 &&
	ok "s refuses to freeze a recording" ||
	not_ok "s refuses to freeze a recording" "$(cat "$TMP/screen")"
ui_keys q
ui_wait_exit 5
expect_eq "q quits the replay with status 0" 0 "$UI_STATUS"
