# tests/lib.sh - sourced by the end-to-end shell tests.
#
# ok NAME / not_ok NAME DETAIL print TAP lines that tests/run.sh counts;
# check NAME CMD... runs CMD and reports; expect_eq NAME WANT GOT compares
# and prints both on failure.  $PROCVIZ is the binary under test.
# marked_pids MARK lists the live processes carrying PROCVIZ_TEST_MARK=MARK
# (what the test started with that mark, and nothing else).
: "${PROCVIZ:=$(cd "$(dirname "$0")/../.." && pwd)/procviz}"
: "${PROCVIZ_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/procviz-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/# /'
	return 0
}
check() {
	name=$1
	shift
	if "$@" >"$TMP/check.out" 2>&1; then ok "$name"; else
		not_ok "$name" "command failed: $*" "$(head -c 2000 "$TMP/check.out")"
	fi
}
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1" "expected: $2" "got:      $3"
	fi
}
# marked_pids MARK: the pids of live (not zombie) processes whose
# environment holds PROCVIZ_TEST_MARK=MARK, one a line; this shell is never
# one of them.
marked_pids() {
	grep -l -s -a "PROCVIZ_TEST_MARK=$1" /proc/[0-9]*/environ 2>/dev/null |
		sed 's|/proc/\([0-9]*\)/environ|\1|' | while read -r p; do
			[ "$p" = "$$" ] && continue
			st=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f1)
			[ -n "$st" ] && [ "$st" != Z ] && echo "$p"
		done
}
# expect_status NAME WANT CMD... : exit status of CMD must be WANT.
expect_status() {
	name=$1 want=$2
	shift 2
	"$@" >"$TMP/status.out" 2>"$TMP/status.err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$name"; else
		not_ok "$name" "expected exit $want, got $got: $*" \
			"$(head -c 1000 "$TMP/status.err")"
	fi
}
