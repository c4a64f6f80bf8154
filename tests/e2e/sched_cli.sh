#!/bin/sh
# procviz sched from the command line: workload sources, usage and input
# errors (exit 2, one line naming the option or FILE:LINE:COL), --help,
# --output, bundled workloads.
. "$(dirname "$0")/../lib.sh"

W="$TMP/sil.txt"
printf 'P1 0 24\nP2 0 3\nP3 0 3\n' >"$W"

expect_status "sched --help exits 0" 0 "$PROCVIZ" sched --help
for opt in --jobs --random --seed --quantum --convention --switch-cost \
	--prio-high-first --mlfq-levels --mlfq-quanta --mlfq-allot \
	--mlfq-boost --mlfq-io-stay --mlfq-io-front --mlfq-stallings \
	--draws --stride-big --explain --output --format --policy --headless; do
	grep -q -- "$opt" "$TMP/status.out" || missing="$missing $opt"
done
expect_eq "sched --help lists every option" "" "$missing"

expect_status "a workload file runs headless" 0 \
	"$PROCVIZ" sched "$W" --headless --format text
expect_status "--jobs runs headless" 0 \
	"$PROCVIZ" sched --jobs 0:24,0:3,0:3 --headless --format json
expect_status "--random runs headless" 0 \
	"$PROCVIZ" sched --random 50 --seed 7 --headless --format csv
"$PROCVIZ" sched --random 30 --seed 7 --headless --format json >"$TMP/r1"
"$PROCVIZ" sched --random 30 --seed 7 --headless --format json >"$TMP/r2"
"$PROCVIZ" sched --random 30 --seed 8 --headless --format json >"$TMP/r3"
cmp -s "$TMP/r1" "$TMP/r2" && ok "--random with one seed is reproducible" ||
	not_ok "--random with one seed is reproducible"
cmp -s "$TMP/r1" "$TMP/r3" && not_ok "--random with another seed differs" ||
	ok "--random with another seed differs"
printf 'P1 0 24\nP2 0 3\n' | "$PROCVIZ" sched - --headless --format csv \
	>"$TMP/stdin.out" 2>&1
grep -q '^fcfs,P2,' "$TMP/stdin.out" && ok "'-' reads the workload from stdin" ||
	not_ok "'-' reads the workload from stdin" "$(head -5 "$TMP/stdin.out")"

# Every bundled workload parses and runs under every policy.
for name in silberschatz silberschatz-sjf silberschatz-srtf \
	silberschatz-priority stallings ostep-mlfq convoy starvation io-mix \
	mlfq-gaming; do
	expect_status "bundled workload $name runs under all policies" 0 \
		"$PROCVIZ" sched "$name" --policy all --headless --format json
done

# Usage and input errors: exit 2, nothing on stdout, one line naming it.
err_case() {
	name=$1 want=$2
	shift 2
	"$PROCVIZ" sched "$@" >"$TMP/e.out" 2>"$TMP/e.err"
	rc=$?
	got=$(cat "$TMP/e.err")
	lines=$(wc -l <"$TMP/e.err")
	if [ "$rc" = 2 ] && [ ! -s "$TMP/e.out" ] && [ "$lines" = 1 ] &&
		[ "$got" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name" "exit $rc (want 2), stdout $(wc -c <"$TMP/e.out") bytes" \
			"expected: $want" "got:      $got"
	fi
}
err_case "no workload is a usage error" \
	"procviz: sched: no workload: give a file, a bundled workload name ('procviz list'), --jobs or --random" \
	--headless
err_case "two workloads are a usage error" \
	"procviz: sched: give one workload only: a file or name, --jobs or --random" \
	"$W" --jobs 1,2 --headless
err_case "unknown option is named" \
	"procviz: sched: unknown option '--bogus'" "$W" --bogus
err_case "bad --format value is named" \
	"procviz: sched: --format: expected text, json, csv, svg or html, got 'xml'" \
	"$W" --headless --format xml
err_case "bad --quantum value is named" \
	"procviz: sched: --quantum: expected a whole number 1..1000000, got '0'" \
	"$W" --quantum 0
err_case "missing option value is named" \
	"procviz: sched: --quantum: missing value" "$W" --quantum
err_case "bad --convention value is named" \
	"procviz: sched: --convention: expected ostep or textbook, got 'tanenbaum'" \
	"$W" --convention tanenbaum
"$PROCVIZ" sched "$W" --policy fcfs,lifo >"$TMP/e.out" 2>"$TMP/e.err"
rc=$?
if [ "$rc" = 2 ] && grep -q "^procviz: sched: --policy: unknown policy 'lifo' (known: fcfs, .*, or all)\$" "$TMP/e.err"; then
	ok "unknown policy is named, with the known ones"
else
	not_ok "unknown policy is named, with the known ones" "exit $rc" "$(cat "$TMP/e.err")"
fi
err_case "mismatched --mlfq-quanta is named" \
	"procviz: sched: --mlfq-quanta: expected 1 value or 4 (one per level), got 2" \
	"$W" --mlfq-levels 4 --mlfq-quanta 5,10
err_case "bad --draws value is named" \
	"procviz: sched: --draws: expected whole numbers 0..9223372036854775807, got 'x'" \
	"$W" --draws 1,x,3
err_case "flag with a value is refused" \
	"procviz: sched: --explain: takes no value" "$W" --explain=yes
err_case "unknown workload name" \
	"procviz: sched: cannot open workload 'no-such-workload': No such file or directory (and no bundled workload has that name; see 'procviz list')" \
	no-such-workload --headless
printf 'P1 0 24\nP2 0 3/x\n' >"$TMP/bad.txt"
err_case "workload error gives FILE:LINE:COL" \
	"procviz: sched: $TMP/bad.txt:2:8: expected an IO burst (whole ticks, 0..1000000000)" \
	"$TMP/bad.txt" --headless
: >"$TMP/empty.txt"
err_case "an empty workload file is an input error" \
	"procviz: sched: $TMP/empty.txt:1:1: expected at least one job line 'NAME ARRIVAL BURSTS [PRIORITY]' (found no jobs)" \
	"$TMP/empty.txt" --headless
printf 'P1 0 24\n\000\001\002junk\n' >"$TMP/bin.txt"
err_case "binary junk is an input error, not a crash" \
	"procviz: sched: $TMP/bin.txt:2:1: expected a job name (letters, digits, '_', '-', '.')" \
	"$TMP/bin.txt" --headless
err_case "--jobs errors give the column" \
	"procviz: sched: --jobs:6: expected a CPU burst (whole ticks, 1..1000000000)" \
	--jobs 0:24,0 --headless
err_case "huge numbers are an input error" \
	"procviz: sched: --jobs:1: expected a CPU burst (whole ticks, 1..1000000000)" \
	--jobs 99999999999999999999 --headless

# --output writes the report to a file and nothing to stdout.
expect_status "--output writes the file" 0 \
	"$PROCVIZ" sched "$W" --headless --format svg --output "$TMP/out.svg"
[ -s "$TMP/out.svg" ] && [ ! -s "$TMP/status.out" ] &&
	ok "--output leaves stdout empty and fills the file" ||
	not_ok "--output leaves stdout empty and fills the file"
expect_status "--output to an unwritable place exits 2" 2 \
	"$PROCVIZ" sched "$W" --headless --output "$TMP/no/such/dir/x.svg"
