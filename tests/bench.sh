#!/bin/sh
# tests/bench.sh BUILD - print procviz's speed and memory figures, side by
# side, in one run on this machine.  Each program under BUILD/bench prints
# its own lines ("what: figure (target)").  Figures vary with the machine;
# they are never asserted by the test suite.
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PROCVIZ="$ROOT/procviz" PROCVIZ_ROOT="$ROOT"
export PROCVIZ_HELPERS="$ROOT/$BUILD/helpers"
echo "procviz bench on $(uname -m), $(nproc) CPUs, kernel $(uname -r), $(date -u +%Y-%m-%d)"
status=0
for b in "$ROOT/$BUILD"/bench/*; do
	[ -x "$b" ] && [ -f "$b" ] || continue
	case $b in *.o|*.d) continue ;; esac
	echo "== $(basename "$b")"
	"$b" </dev/null || { echo "   (failed with status $?)"; status=1; }
done
for s in "$ROOT"/tests/bench/*.sh; do
	[ -f "$s" ] || continue
	echo "== $(basename "$s" .sh)"
	sh "$s" || { echo "   (failed with status $?)"; status=1; }
done
exit $status
