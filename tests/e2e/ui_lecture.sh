#!/bin/sh
# The lecture hall (issue 15), in a real terminal: keys that work whatever
# TERM says, Gantt labels, and more below as each part is checked.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"

# --- keys under a TERM that is not the terminal --------------------------
# tmux sends \e[1~ / \e[4~ for Home / End; xterm's and rxvt's terminfo
# entries name other sequences.  End must jump to the end (not read a
# lone Esc, which opens home), Home back to the start, F-keys too.
for term in xterm-256color rxvt vt220 linux; do
	ui_start 110 34 TERM=$term -- "$PROCVIZ" sched --jobs 24,3,3 --policy fcfs
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
ui_start 110 34 -- "$PROCVIZ" sched --jobs 24,3,3 --policy fcfs
ui_wait "t = 0 of 30"
ui_keys Escape
ui_wait "Lessons" 3 && ok "a lone Esc opens home" ||
	not_ok "a lone Esc opens home" "$(cat "$TMP/screen")"
ui_stop
