#!/bin/sh
# tests/fuzz/run.sh RUNS BIN... - run each libFuzzer harness for RUNS
# executions from its seed corpus (tests/fuzz/corpus/<target>) and report.
# FUZZ_SECONDS=N in the environment also ends each harness after N seconds
# (a bounded run on a shared machine).  Exit non-zero if any harness found
# a crash, a leak, a hang or a sanitizer report.
runs=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
status=0
for bin in "$@"; do
	name=$(basename "$bin")
	target=${name#fuzz_}
	corpus="$root/build-fuzz/corpus/$target"
	crashes="$root/build-fuzz/crashes/$target/"
	mkdir -p "$corpus" "$crashes"
	cp "$root/tests/fuzz/corpus/$target/"* "$corpus/" 2>/dev/null
	cp "$root/tests/fuzz/regress/$target/"* "$corpus/" 2>/dev/null
	log="$root/build-fuzz/$name.log"
	start=$(date +%s)
	"$bin" -runs="$runs" ${FUZZ_SECONDS:+-max_total_time=$FUZZ_SECONDS} \
		-max_len=4096 -timeout=5 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$crashes" "$corpus" \
		>"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $target: ${execs:-?} executions in ${secs}s, no crash, hang or sanitizer report"
	else
		echo "fuzz $target: FAILED after ${execs:-?} executions (exit $rc); see $log and $crashes"
		grep -m 5 -E 'ERROR|SUMMARY|runtime error' "$log" | sed 's/^/    /'
		status=1
	fi
done
exit $status
