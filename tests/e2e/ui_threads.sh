#!/bin/sh
# Threads as tasks on screen: the threads lesson shows its one pid's eight
# threads as task rows by itself; H hides and shows them; in `watch`, H
# turns threads mode on; the state column says what a blocked row waits
# for (B lock, B pipe, B socket, B child, B sleep); selecting a thread
# shows its system call and wchan; the help lists the words; quitting
# leaves nothing behind.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"
HELPERS=${PROCVIZ_HELPERS:-$PROCVIZ_ROOT/build/helpers}
MARK="ui-threads-$$-$(date +%s)"

leftovers() { marked_pids "$MARK"; }	# live processes carrying our marker
# The task rows of the tree: "(thread)" is only ever written there.
task_rows() { grep -c "(thread)" "$TMP/screen"; }

# 1. The threads lesson: its process's eight threads, row by row.
ui_start 140 45 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" run threads --pace 10
if ui_wait "worker-8 (thread)" 15 && ui_wait "worker-1 (thread)" 2; then
	ok "run threads: the lesson shows its threads as task rows by itself"
else
	not_ok "run threads: the lesson shows its threads as task rows by itself" \
		"$(cat "$TMP/screen")"
fi
expect_eq "run threads: eight task rows under the one pid" 8 "$(task_rows)"
if ui_wait "B sleep" 15; then ok "run threads: a sleeping thread's state says B sleep"
else not_ok "run threads: a sleeping thread's state says B sleep" "$(cat "$TMP/screen")"; fi
ui_keys H
if ui_wait_gone "(thread)" 5; then ok "H hides the task rows"
else not_ok "H hides the task rows" "$(cat "$TMP/screen")"; fi
ui_screen >/dev/null
grep -q "many-threads" "$TMP/screen" &&
	ok "with the task rows hidden the process row stays" ||
	not_ok "with the task rows hidden the process row stays" "$(cat "$TMP/screen")"
ui_keys H
if ui_wait "worker-1 (thread)" 5; then ok "H shows the task rows again"
else not_ok "H shows the task rows again" "$(cat "$TMP/screen")"; fi
ui_keys q
ui_wait_exit 15 && expect_eq "run threads: q exits 0" 0 "$UI_STATUS" ||
	not_ok "run threads: q exits" "$(cat "$TMP/screen")"
ui_stop

# 2. watch without --threads: H turns threads mode on while running.
ui_server 2
ui_start 140 45 PROCVIZ_TEST_MARK="$MARK" -- "$PROCVIZ" watch -- \
	"$HELPERS/waits" 60000
if ui_wait "B child" 15; then ok "watch: the state column says B child (waitpid)"
else not_ok "watch: the state column says B child (waitpid)" "$(cat "$TMP/screen")"; fi
for w in "B pipe" "B socket" "B sleep"; do
	grep -qF "$w" "$TMP/screen" && ok "watch: the state column says $w" ||
		not_ok "watch: the state column says $w" "$(cat "$TMP/screen")"
done
expect_eq "watch without --threads: no task rows" 0 "$(task_rows)"
ui_keys H
if ui_wait "cond-wait (thread)" 10 && ui_wait "B lock" 5; then
	ok "watch: H turns threads mode on: task rows, B lock"
else
	not_ok "watch: H turns threads mode on: task rows, B lock" "$(cat "$TMP/screen")"
fi
expect_eq "watch: three task rows (mutex, semaphore, condition)" 3 "$(task_rows)"
# The first task row is the second row of the tree.
ui_keys Down
if ui_wait "(thread): blocked: waiting for a lock (futex) - syscall futex" 5; then
	ok "selecting a thread shows its wait, system call and wchan"
else
	not_ok "selecting a thread shows its wait, system call and wchan" \
		"$(grep "event log" "$TMP/screen")"
fi
grep "event log" "$TMP/screen" | grep -q "wchan [a-z_]" &&
	ok "the selected thread's wchan is named" ||
	not_ok "the selected thread's wchan is named" "$(grep "event log" "$TMP/screen")"
ui_keys '?'
if ui_wait "lock      a mutex, semaphore" 5 && ui_wait "terminal" 2; then
	ok "the help has the legend of the wait words"
else
	not_ok "the help has the legend of the wait words" "$(cat "$TMP/screen")"
fi
ui_keys Escape
ui_wait_gone "lock      a mutex" 5
ui_keys q
ui_wait_exit 15 && expect_eq "watch: q exits 0" 0 "$UI_STATUS" ||
	not_ok "watch: q exits" "$(cat "$TMP/screen")"
ui_stop
if ui_poll 15 '[ -z "$(leftovers)" ]'; then ok "nothing is left behind"
else not_ok "nothing is left behind" "$(leftovers | xargs ps -o pid,stat,comm -p 2>/dev/null)"; fi
