#!/bin/sh
# tests/run_long.sh BUILD [N] - the long checks (`make check-long`): all
# 1,000 cases of each OSTEP simulator (make test takes the first 250), the
# exit matrix with every cell repeated N times (default 5), the UI monkey
# with every key in every phase N times (a new seed each), then the lesson
# suite (every lesson with the connector, with polling, and as nobody via
# unpriv*.sh) N times.  What fails one run in many shows here; `make test`
# runs each once.  Prints one line per round and "N passed, N failed".
BUILD=${1:-build}
N=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PROCVIZ="${PROCVIZ:-$ROOT/procviz}"
export PROCVIZ_ROOT="$ROOT" PROCVIZ_BUILD="$ROOT/$BUILD"
export PROCVIZ_HELPERS="$ROOT/$BUILD/helpers"
export LC_ALL=C.UTF-8 TZ=UTC
LOGDIR="$ROOT/$BUILD/test-logs"
mkdir -p "$LOGDIR"
passed=0
failed=0

count() {	# count NAME LOG RC
	p=$(grep -c '^ok ' "$2")
	f=$(grep -c '^not ok ' "$2")
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		printf 'FAIL %-40s %d passed, %d failed (log: %s)\n' "$1" "$p" \
			"$f" "$2"
		grep -E -A6 '^not ok ' "$2" | head -n 40 | sed 's/^/    /'
	else
		printf 'ok   %-40s %d passed\n' "$1" "$p"
	fi
}

log="$LOGDIR/long_ostep.log"
OSTEP_CASES="" timeout -k 5 1200 python3 "$ROOT/tests/e2e/ostep.py" </dev/null >"$log" 2>&1
count "ostep.py, every case" "$log" $?
log="$LOGDIR/long_exit_matrix.log"
EXIT_MATRIX_REPEAT=$N timeout -k 5 3600 python3 "$ROOT/tests/e2e/exit_matrix.py" \
	</dev/null >"$log" 2>&1
count "exit_matrix.py x$N" "$log" $?
# The monkey: every key swept in every phase of every lesson, N rounds of
# more random keys, each round with its own seed.
i=1
while [ "$i" -le "$N" ]; do
	log="$LOGDIR/long_ui_monkey_$i.log"
	MONKEY_FULL=1 MONKEY_KEYS=40 MONKEY_SEED=$((1207 + i)) \
		timeout -k 5 2400 python3 "$ROOT/tests/e2e/ui_monkey.py" \
		</dev/null >"$log" 2>&1
	count "ui_monkey.py round $i (every key, every phase)" "$log" $?
	i=$((i + 1))
done
i=1
while [ "$i" -le "$N" ]; do
	for t in scen_lessons.py lessons_ipc_sync.py unpriv.sh unpriv_lessons.sh \
		unpriv_lessons_ipc_sync.sh; do
		log="$LOGDIR/long_${t%.*}_$i.log"
		case $t in
		*.py) timeout -k 5 600 python3 "$ROOT/tests/e2e/$t" ;;
		*.sh) timeout -k 5 600 sh "$ROOT/tests/e2e/$t" ;;
		esac </dev/null >"$log" 2>&1
		count "$t round $i" "$log" $?
	done
	i=$((i + 1))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
