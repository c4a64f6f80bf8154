#!/bin/sh
# tests/bench/trace_cost.sh - what tracing costs a fork-heavy program:
# a C program doing 1,000 x fork, exit and wait (tests/helpers/forkloop.c,
# which also says how much later its waitpid() returns after each child's
# exit), and a shell loop running 1,000 short commands; each untraced,
# under `strace -f -qq -e trace=none`, under `procviz watch --headless`
# (ptrace, the default) and `procviz watch --no-trace`.  The best of 3 runs
# is printed.  Measured, never asserted (goal: procviz no dearer than
# strace, at most twice the untraced time).
PROCVIZ=${PROCVIZ:-./procviz}
HELPERS=${PROCVIZ_HELPERS:-build/helpers}
LOOP=${LOOP:-forkloop}
N=${N:-1000}
FL=$HELPERS/forkloop
if [ ! -x "$FL" ]; then
	echo "trace cost: no $FL"
	exit 1
fi
SHLOOP="i=0; while [ \$i -lt $N ]; do /bin/true; i=\$((i+1)); done"

now_ms() { date +%s%3N; }

# best WHAT CMD...: the best wall time of 3 runs, and forkloop's line of
# that run.
best() {
	what=$1
	shift
	b=""
	line=""
	for r in 1 2 3; do
		t0=$(now_ms)
		out=$("$@" 2>/dev/null </dev/null)
		t=$(($(now_ms) - t0))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then
			b=$t
			line=$(printf '%s\n' "$out" | grep '^forkloop:' |
				sed 's/^forkloop: /program: /')
		fi
	done
	printf '  %-34s %6d ms  %s\n' "$what" "$b" "$line"
}

have_strace=no
command -v strace >/dev/null 2>&1 && have_strace=yes
for prog in c shell; do
	if [ $prog = c ]; then
		echo "$N x fork, exit, wait (C):"
		set -- "$FL" "$N"
	else
		echo "a shell loop of $N short commands:"
		set -- sh -c "$SHLOOP"
	fi
	best "untraced" "$@"
	if [ $have_strace = yes ]; then
		best "strace -f -qq -e trace=none" \
			strace -f -qq -e trace=none -o /dev/null "$@"
	else
		echo "  strace: not installed (apt-get install strace)"
	fi
	best "procviz watch --headless" \
		"$PROCVIZ" watch --headless --format json -o /dev/null -- "$@"
	best "procviz watch --headless --no-trace" \
		"$PROCVIZ" watch --headless --no-trace --format json \
		-o /dev/null -- "$@"
done
