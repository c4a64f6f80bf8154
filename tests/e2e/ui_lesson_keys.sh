#!/bin/sh
# The later lessons' controls, pressed in the lesson view as a lecturer
# would: semaphore's + and - change its size, event's g turns the light
# green, deadlock's b breaks the deadlock and k kills it, server's c
# connects one more client.  After each, quitting leaves no process of the
# lesson behind (found by a marker in the environment).  And the home
# screen lists the lessons under their chapters.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"
MARK="ui-lesson-keys-$$-$(date +%s)"

leftovers() { marked_pids "$MARK"; }	# live processes carrying our marker

# expect_screen NAME TEXT [SECONDS]
expect_screen() {
	if ui_wait "$2" "${3:-15}"; then ok "$1"; else
		not_ok "$1" "wanted: $2" "$(cat "$TMP/screen")"
	fi
}

quit_clean() {	# NAME: q, exit 0, nothing left
	ui_keys q
	if ui_wait_exit 15; then
		expect_eq "$1: q quits with status 0" 0 "$UI_STATUS"
	else
		not_ok "$1: q quits" "$(cat "$TMP/screen")"
	fi
	if ui_poll 10 '[ -z "$(leftovers)" ]'; then
		ok "$1: nothing of the lesson is left"
	else
		not_ok "$1: nothing of the lesson is left" "$(leftovers | head -5 |
			while read -r p; do cat "/proc/$p/stat"; done)"
	fi
	ui_stop
}

# semaphore: a long pace, so nobody leaves while the size changes.
ui_start 150 50 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run semaphore \
	--pace 30
# Its 20 threads are rows of their own (--threads): H hides them, so that
# the event log with the notes has the room.
expect_screen "semaphore: its workers are rows of their own" "worker-20"
grep -q "+ one more place in the semaphore" "$TMP/screen" &&
	ok "semaphore: the keys line shows + and -" ||
	not_ok "semaphore: the keys line shows + and -" "$(tail -1 "$TMP/screen")"
ui_keys H
expect_screen "semaphore: H hides the threads" "threads hidden"
# Five inside; how many still wait depends on how far the lesson got on
# a loaded machine (and the note may wrap after "(size 5),").
expect_screen "semaphore: five workers inside" "5 inside (size 5),"
ui_keys +
expect_screen "semaphore: + makes it 6 and one more enters" \
	"6 inside (size 6),"
ui_keys -
expect_screen "semaphore: - makes it 5 again" \
	"the semaphore's size is now 5 (6 inside)"
quit_clean semaphore

# event: a red light long enough for the lecturer to press g.
ui_start 150 50 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run event --pace 20
expect_screen "event: the light starts red" "The light is RED"
ui_keys g
expect_screen "event: g turns the light green now" \
	"the lecturer pressed g: the light turns green now"
expect_screen "event: the green step follows at once" "The light is GREEN" 5
quit_clean event

# deadlock, b and k: step by step (n), the deadlock of step 3 holds until
# the lecturer acts.
for key in b k; do
	ui_start 150 50 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run deadlock \
		--step
	for step in "Press n for the next step" "self-lock takes a plain lock" \
		"rlock takes the same path"; do
		ui_wait "$step" 30 && ui_keys n
	done
	expect_screen "deadlock $key: thread-B holds lock 2 and waits" \
		"holds lock 2 and waits for lock 1" 40
	ui_keys "$key"
	if [ "$key" = b ]; then
		expect_screen "deadlock: b breaks it (the timed lock gives up)" \
			"timed lock ran out and it gives up"
		expect_screen "deadlock: b - the process then ends normally" \
			"exited with status 0" 10
	else
		expect_screen "deadlock: k kills the deadlocked process" \
			"The lecturer pressed k"
		if ui_poll 10 'ui_screen | grep -q "deadlock [0-9]* ended by signal 9"'
		then ok "deadlock: k - killed by signal 9"
		else not_ok "deadlock: k - killed by signal 9" "$(cat "$TMP/screen")"
		fi
	fi
	quit_clean "deadlock $key"
done

# server: c connects one more client while the server waits in accept().
ui_start 150 50 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run server --pace 20
expect_screen "server: the server listens on loopback" \
	"listens on 127.0.0.1:"
ui_keys c
expect_screen "server: c connects one more client" \
	"the lecturer pressed c: one more client connects"
expect_screen "server: a handler serves it" "tcp-client 1 (pid"
quit_clean server

# The home screen lists the lessons under their chapters, in order.
ui_start 150 50 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ"
if ui_wait "Threads and synchronisation" 10; then
	order=$(grep -n -e "^ Processes" -e "^ Inter-process communication" \
		-e "^ Threads and synchronisation" -e "^[ >] zombie " \
		-e "^[ >] server " -e "^[ >] deadlock " "$TMP/screen" |
		sed 's/:.*//' | tr '\n' ' ')
	sorted=$(printf '%s\n' $order | sort -n | tr '\n' ' ')
	n=$(printf '%s\n' $order | grep -c .)
	if [ "$n" -eq 6 ] && [ "$order" = "$sorted" ]; then
		ok "home: the lessons are listed under their chapters"
	else
		not_ok "home: the lessons are listed under their chapters" \
			"rows: $order" "$(cat "$TMP/screen")"
	fi
else
	not_ok "home: the chapters are shown" "$(cat "$TMP/screen")"
fi
ui_keys q
ui_wait_exit 10 || not_ok "home: q quits" "$(cat "$TMP/screen")"
ui_stop
