#!/bin/sh
# tests/e2e/valgrind.sh - the headless commands under valgrind (memcheck):
# no invalid read or write, no use of uninitialised memory, and no leak
# ("definitely lost" and "indirectly lost" both 0) in procviz or in any
# process it forks without exec (the scenario guardian).  Processes procviz
# execs (the watched command, the scenario processes) run natively.
#
# valgrind exits with 99 on any such error (--error-exitcode with leaks
# counted as errors); the per-process logs are also read for the leak
# summary, so a report is never missed.  Skips (one "# SKIP" line, counted
# as ok) when valgrind is not installed; the ASan pass of `make test` does
# not run it (valgrind cannot run ASan builds).
. "$(dirname "$0")/../lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "ok - valgrind pass # SKIP valgrind is not installed"
	exit 0
fi

VG="valgrind --quiet --error-exitcode=99 --leak-check=full
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
	--track-origins=yes --child-silent-after-fork=no --trace-children=no"
n=0

# vg NAME WANT_STATUS ARGS... : run procviz ARGS under valgrind.
vg() {
	name=$1 want=$2
	shift 2
	n=$((n + 1))
	logs="$TMP/vg$n"
	mkdir -p "$logs"
	$VG --log-file="$logs/%p.log" "$PROCVIZ" "$@" \
		>"$TMP/vg$n.out" 2>"$TMP/vg$n.err" </dev/null
	got=$?
	bad=$(cat "$logs"/*.log 2>/dev/null |
		grep -E 'Invalid (read|write|free)|uninitialised|definitely lost: [1-9]|indirectly lost: [1-9]|Mismatched free|overlap' |
		head -n 5)
	if [ "$got" = "$want" ] && [ -z "$bad" ]; then
		ok "valgrind: $name (exit $want, no leak, no invalid access)"
	else
		not_ok "valgrind: $name" "exit $got (want $want): procviz $*" \
			"$bad" "$(cat "$logs"/*.log 2>/dev/null | head -n 40)" \
			"$(head -c 600 "$TMP/vg$n.err")"
	fi
}

vg "sched text, every policy" 0 sched --jobs 0:5,1:3:2,2:8:1,4:2 \
	--policy all --headless
vg "sched json with --explain" 0 sched stallings --policy fcfs,rr,srtf,hrrn \
	--format json --explain --headless
vg "sched csv, mlfq options" 0 sched --random 12 --seed 3 --policy mlfq \
	--mlfq-levels 4 --mlfq-quanta 2,4,8,16 --mlfq-boost 40 --format csv \
	--headless
vg "sched svg, lottery with draws, stride" 0 sched silberschatz \
	--policy lottery,stride,cfs,prio-rr --draws 5,17,2 --format svg --headless
vg "sched --output to a file" 0 sched convoy --headless \
	--output "$TMP/report.txt"
vg "watch a shell that forks" 0 watch --headless --interval 20 -- \
	sh -c 'sleep 0.1 & sleep 0.05; wait'
vg "watch --format json" 0 watch --headless --format json --interval 20 -- \
	sh -c 'true | true'
vg "run zombie" 0 run zombie --headless --pace 0.1 --interval 20
vg "run orphan" 0 run orphan --headless --pace 0.1 --interval 20
vg "list" 0 list
vg "error: --quantum x" 2 sched convoy --quantum x --headless
vg "error: unknown workload" 2 sched no-such-workload --headless
vg "error: bad --jobs" 2 sched --jobs 0:x --headless
vg "error: unknown command" 2 no-such-command
vg "error: watch without a command" 2 watch --headless
vg "error: unknown scenario" 2 run no-such-scenario --headless
vg "error: attach to no such pid" 2 attach 2147483000 --headless
