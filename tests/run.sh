#!/bin/sh
# tests/run.sh BUILD - run every test and print "N passed, N failed".
#
# Unit tests are the cmocka binaries in BUILD/tests (TAP output); end-to-end
# tests are the executable scripts tests/e2e/*.sh and *.py, which print one
# TAP line per check ("ok - what", "not ok - what").  A binary or script that
# exits non-zero without reporting a failure counts as one failure, so a
# crash is never silent.  Every test runs with no standard input and a
# deadline, as in CI.
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PROCVIZ=${PROCVIZ:-$ROOT/procviz}
case $PROCVIZ in /*) ;; *) PROCVIZ=$ROOT/$PROCVIZ ;; esac
export PROCVIZ_ROOT="$ROOT" PROCVIZ_BUILD="$ROOT/$BUILD"
export PROCVIZ_HELPERS="$ROOT/$BUILD/helpers"
export CMOCKA_MESSAGE_OUTPUT=TAP LC_ALL=C.UTF-8 TZ=UTC
LIMIT=${PROCVIZ_TEST_TIMEOUT:-300}
LOGDIR="$ROOT/$BUILD/test-logs"
mkdir -p "$LOGDIR"
passed=0
failed=0
failures=""

run_one() {
	name=$1
	shift
	log="$LOGDIR/$(echo "$name" | tr / _).log"
	timeout -k 5 "$LIMIT" "$@" </dev/null >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		failures="$failures $name"
		printf 'FAIL %-40s %d passed, %d failed (log: %s)\n' "$name" "$p" "$f" "$log"
		grep -E -A6 '^not ok ' "$log" | head -n 40 | sed 's/^/    /'
	else
		printf 'ok   %-40s %d passed\n' "$name" "$p"
	fi
}

for t in "$ROOT/$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	case $t in *.d|*.o) continue ;; esac
	run_one "$(basename "$t")" "$t"
done
for t in "$ROOT"/tests/e2e/*.sh "$ROOT"/tests/e2e/*.py; do
	[ -f "$t" ] || continue
	case $t in
	*.sh) run_one "e2e/$(basename "$t")" sh "$t" ;;
	*.py) run_one "e2e/$(basename "$t")" python3 "$t" ;;
	esac
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
