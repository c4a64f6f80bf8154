#!/bin/sh
# tests/run.sh BUILD [ASAN_BUILD] - run every test and print "N passed, N
# failed, N skipped" (a TAP line marked "# SKIP" is a skip, not a pass or a
# failure; each skip is listed above that line with its reason).  With
# ASAN_BUILD (a build made with -fsanitize=address,undefined, see the
# Makefile), its unit tests and the headless end-to-end tests run
# once more against ASAN_BUILD/procviz, counted in the same total; any
# sanitizer report (written under ASAN_BUILD/test-logs/sanitizer.*) is a
# failure even if the test around it passed.
#
# Unit tests are the cmocka binaries in BUILD/tests (TAP output); end-to-end
# tests are the scripts tests/e2e/*.sh and *.py (but lib.py, the Python
# tests' library; the *.inc files are sourced), which print one
# TAP line per check ("ok - what", "not ok - what").  A binary or script that
# exits non-zero without reporting a failure counts as one failure, so a
# crash is never silent.  Every test runs with no standard input and a
# deadline (PROCVIZ_TEST_TIMEOUT seconds, default 300), as in CI.
#
# The tests run PROCVIZ_TEST_JOBS at a time (default: one more than the
# number of CPUs, at least 2 and at most 6: most of a lesson test's time is
# spent waiting for the lesson), the longest first; each prints its line
# when it ends, with its wall time, and the failures' details come at the
# end.
# Every test makes its own temporary files, tmux server and process mark,
# so two never see each other's processes.  PROCVIZ_TEST_JOBS=1 runs them
# one after the other, in that same order.

if [ "$1" = --job ]; then	# run.sh --job LINE: one test (see job below)
	shift
	JOB=$1
else
	JOB=
	RUN_BUILD=${1:-build}
	RUN_ASAN=$2
	export RUN_BUILD RUN_ASAN
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PROCVIZ="${PROCVIZ:-$ROOT/procviz}"
case $PROCVIZ in /*) ;; *) PROCVIZ=$ROOT/$PROCVIZ ;; esac
export PROCVIZ_ROOT="$ROOT" PROCVIZ_BUILD="$ROOT/$RUN_BUILD"
export PROCVIZ_HELPERS="$ROOT/$RUN_BUILD/helpers"
export CMOCKA_MESSAGE_OUTPUT=TAP LC_ALL=C.UTF-8 TZ=UTC
LIMIT=${PROCVIZ_TEST_TIMEOUT:-300}

# logname NAME: the log file's name for a test name like asan/e2e/cli.sh
logname() { echo "$1" | tr / _; }

# job MODE NAME FILE: run one test, write "passed failed seconds" to
# $RUN_RES/<name> and print its line.  MODE asan runs it against the
# sanitizer build.
job() {
	mode=$1 name=$2 file=$3
	logdir="$ROOT/$RUN_BUILD/test-logs"
	if [ "$mode" = asan ]; then
		logdir="$ROOT/$RUN_ASAN/test-logs"
		# The helpers are fixtures, not what is tested: the plain ones
		# keep their timing.
		export PROCVIZ="$ROOT/$RUN_ASAN/procviz"
		export ASAN_OPTIONS="log_path=$logdir/sanitizer:detect_leaks=1"
		export UBSAN_OPTIONS="log_path=$logdir/sanitizer:print_stacktrace=1:halt_on_error=1"
		export SCHED_REFERENCE_CASES=30	# the full set runs in the plain pass
		export OSTEP_CASES=25	# tests/e2e/ostep.py: likewise
	fi
	log="$logdir/$(logname "$name").log"
	case $file in
	*.sh) set -- sh "$file" ;;
	*.py) set -- python3 "$file" ;;
	*) set -- "$file" ;;
	esac
	start=$(date +%s)
	timeout -k 5 "$LIMIT" "$@" </dev/null >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	# A skip is a skip, whether TAP says "ok ... # SKIP" (our scripts)
	# or "not ok N # SKIP" (cmocka): counted apart, with its reason.
	p=$(grep '^ok ' "$log" | grep -c -v '# SKIP')
	f=$(grep '^not ok ' "$log" | grep -c -v '# SKIP')
	s=$(grep -c -E '^(not )?ok .*# SKIP' "$log")
	grep -E '^(not )?ok .*# SKIP' "$log" |
		sed "s|^|$name: |" >"$RUN_RES/$(logname "$name").skips"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	echo "$p $f $secs $log $s" >"$RUN_RES/$(logname "$name")"
	if [ "$f" -gt 0 ]; then
		printf 'FAIL %-40s %4d passed, %d failed %4d s\n' "$name" "$p" "$f" "$secs"
	elif [ "$s" -gt 0 ]; then
		printf 'ok   %-40s %4d passed %4d s, %d skipped\n' "$name" "$p" \
			"$secs" "$s"
	else
		printf 'ok   %-40s %4d passed %4d s\n' "$name" "$p" "$secs"
	fi
}

if [ -n "$JOB" ]; then
	IFS='	' read -r m n f <<EOF
$JOB
EOF
	job "$m" "$n" "$f"
	exit 0
fi

# weight NAME: a rough wall time in seconds on a 2-CPU machine, so that the
# longest tests start first and the short ones fill the gaps at the end.
weight() {
	case $1 in
	*ui_monkey.py) echo 90 ;;
	*ui_lecture.sh|*scen_lessons.py|*unpriv_lessons.sh) echo 60 ;;
	*lesson_files.py|*unpriv_lesson_files.sh|*ui_lesson_files.sh) echo 60 ;;
	*ui_lesson_keys.sh|e2e/ostep.py|*stress.py|*package.sh|*ui_home.sh) echo 45 ;;
	*unpriv_lessons_ipc_sync.sh|*unpriv.sh|*lessons_ipc_sync.py|*html_page.py) echo 45 ;;
	*valgrind.sh|*exit_matrix.py) echo 30 ;;
	*waits.py|*ui_lesson.sh|*replay.sh|*ostep.py|*watch_exact.py) echo 15 ;;
	*lesson_dirs.sh) echo 15 ;;
	asan/test_*|*observe_*|*ui_*|*completion*) echo 8 ;;
	*) echo 2 ;;
	esac
}

# list MODE PREFIX BUILD HEADLESS_ONLY: one "weight MODE NAME FILE" line per
# test of that build.
list() {
	mode=$1 prefix=$2 build=$3 headless_only=$4
	for t in "$ROOT/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		case $t in *.d|*.o) continue ;; esac
		n=$prefix$(basename "$t")
		printf '%s\t%s\t%s\t%s\n' "$(weight "$n")" "$mode" "$n" "$t"
	done
	for t in "$ROOT"/tests/e2e/*.sh "$ROOT"/tests/e2e/*.py; do
		[ -f "$t" ] || continue
		# the Python tests' library is imported, not run
		[ "$(basename "$t")" = lib.py ] && continue
		# the terminal UI and the exit matrix (half UI) need tmux and are
		# timing-heavy: the sanitizer pass keeps to the headless tests
		case $headless_only,$(basename "$t") in
		yes,ui_*|yes,exit_matrix.py|yes,layering.sh|yes,valgrind.sh|yes,unpriv*|yes,stress.py) continue ;;
		# the package builds its own binary; the man page is not code
		yes,package.sh|yes,manpage*|yes,completion*) continue ;;
		esac
		n=${prefix}e2e/$(basename "$t")
		printf '%s\t%s\t%s\t%s\n' "$(weight "$n")" "$mode" "$n" "$t"
	done
}

# OSTEP's simulators: the first 250 of each one's 1,000 cases here (the
# sanitizer pass 25), all of them in make check-long.
export OSTEP_CASES="${OSTEP_CASES:-250}"
RUN_RES=$(mktemp -d "${TMPDIR:-/tmp}/procviz-run.XXXXXX")
export RUN_RES
trap 'rm -rf "$RUN_RES"' EXIT
mkdir -p "$ROOT/$RUN_BUILD/test-logs"
{
	list plain "" "$RUN_BUILD" no
	if [ -n "$RUN_ASAN" ]; then
		mkdir -p "$ROOT/$RUN_ASAN/test-logs"
		rm -f "$ROOT/$RUN_ASAN/test-logs"/sanitizer.*
		list asan "asan/" "$RUN_ASAN" yes
	fi
} | sort -t '	' -k1,1nr -s | cut -f 2- >"$RUN_RES/list"

JOBS=${PROCVIZ_TEST_JOBS:-$(($(nproc 2>/dev/null || echo 1) + 1))}
if [ -z "$PROCVIZ_TEST_JOBS" ]; then
	[ "$JOBS" -lt 2 ] && JOBS=2
	[ "$JOBS" -gt 6 ] && JOBS=6
fi
echo "running $(wc -l <"$RUN_RES/list") test programs, $JOBS at a time"
xargs -d '\n' -n 1 -P "$JOBS" sh "$0" --job <"$RUN_RES/list"

passed=0
failed=0
skipped=0
failures=""
while IFS='	' read -r m n f; do
	res="$RUN_RES/$(logname "$n")"
	if [ ! -f "$res" ]; then	# the runner itself was killed
		failed=$((failed + 1))
		failures="$failures $n"
		continue
	fi
	read -r p fl secs log sk <"$res"
	passed=$((passed + p))
	failed=$((failed + fl))
	skipped=$((skipped + ${sk:-0}))
	if [ "$fl" -gt 0 ]; then
		failures="$failures $n"
		echo "FAIL $n (log: $log)"
		grep -E -A6 '^not ok ' "$log" | head -n 40 | sed 's/^/    /'
	fi
done <"$RUN_RES/list"
if [ -n "$RUN_ASAN" ]; then
	for f in "$ROOT/$RUN_ASAN/test-logs"/sanitizer.*; do
		[ -f "$f" ] || continue
		failed=$((failed + 1))
		failures="$failures asan/$(basename "$f")"
		echo "FAIL sanitizer report $f"
		head -n 30 "$f" | sed 's/^/    /'
	done
fi

[ -n "$failures" ] && echo "failed:$failures"
if [ "$skipped" -gt 0 ]; then
	echo "skipped (the check, and why):"
	cat "$RUN_RES"/*.skips 2>/dev/null | sed 's/^/    /'
fi
# CI reads "N passed, N failed" from this last line.
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
