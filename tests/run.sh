#!/bin/sh
# tests/run.sh BUILD [ASAN_BUILD] - run every test and print "N passed, N
# failed".  With ASAN_BUILD (a build made with -fsanitize=address,undefined,
# see the Makefile), its unit tests and the headless end-to-end tests run
# once more against ASAN_BUILD/procviz, counted in the same total; any
# sanitizer report (written under ASAN_BUILD/test-logs/sanitizer.*) is a
# failure even if the test around it passed.
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

run_suite() {
	prefix=$1 build=$2 headless_only=$3
	for t in "$ROOT/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		case $t in *.d|*.o) continue ;; esac
		run_one "$prefix$(basename "$t")" "$t"
	done
	for t in "$ROOT"/tests/e2e/*.sh "$ROOT"/tests/e2e/*.py; do
		[ -f "$t" ] || continue
		# the terminal UI and the exit matrix (half UI) need tmux and are
		# timing-heavy: the sanitizer pass keeps to the headless tests
		case $headless_only,$(basename "$t") in
		yes,ui_*|yes,exit_matrix.py|yes,layering.sh|yes,valgrind.sh|yes,unpriv.sh|yes,stress.py) continue ;;
		# the package builds its own binary; the man page is not code
		yes,package.sh|yes,manpage.sh|yes,completion_zsh.sh) continue ;;
		esac
		case $t in
		*.sh) run_one "${prefix}e2e/$(basename "$t")" sh "$t" ;;
		*.py) run_one "${prefix}e2e/$(basename "$t")" python3 "$t" ;;
		esac
	done
}

run_suite "" "$BUILD" no
if [ -n "$2" ]; then
	ASAN_BUILD=$2
	LOGDIR="$ROOT/$ASAN_BUILD/test-logs"
	mkdir -p "$LOGDIR"
	rm -f "$LOGDIR"/sanitizer.*
	# The helpers are fixtures, not what is tested: the plain ones keep
	# their timing.
	export PROCVIZ="$ROOT/$ASAN_BUILD/procviz"
	export ASAN_OPTIONS="log_path=$LOGDIR/sanitizer:detect_leaks=1"
	export UBSAN_OPTIONS="log_path=$LOGDIR/sanitizer:print_stacktrace=1:halt_on_error=1"
	export SCHED_REFERENCE_CASES=30	# the full set runs in the plain pass
	export OSTEP_CASES=150	# tests/e2e/ostep.py: likewise
	run_suite "asan/" "$ASAN_BUILD" yes
	for f in "$LOGDIR"/sanitizer.*; do
		[ -f "$f" ] || continue
		failed=$((failed + 1))
		failures="$failures asan/$(basename "$f")"
		echo "FAIL sanitizer report $f"
		head -n 30 "$f" | sed 's/^/    /'
	done
fi

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
