#!/bin/sh
# procviz --record / replay / trace: a recorded session replays to the very
# events the live run printed; malformed recordings fail with
# FILE:LINE:COL and exit 2; a trace of the cpuio scenario is a workload the
# simulator runs to the end under every policy.  Every process started here
# carries PROCVIZ_TEST_MARK so the leftover check looks only at ours.
. "$(dirname "$0")/../lib.sh"
MARK="replay-$$-$(date +%s)"
pv() { env PROCVIZ_TEST_MARK="$MARK" "$PROCVIZ" "$@"; }
ours() { marked_pids "$MARK"; }

# same_lines NAME LIVE REPLAYED: the files are equal line for line.
same_lines() {
	if [ ! -s "$2" ]; then
		not_ok "$1" "the live run printed nothing"
	elif cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "$(diff "$2" "$3" | head -n 30)"
	fi
}

# --- run zombie: record, replay, compare (JSON and text) -----------------
pv run zombie --headless --format json --pace 0.2 --record "$TMP/z.rec" \
	>"$TMP/z.live.json" 2>"$TMP/z.err"
expect_eq "run --record exits 0" 0 $?
head -n 1 "$TMP/z.rec" | grep -q '^{"kind":"header","procviz_record":1,"source":"run","scenario":"zombie",' &&
	ok "the recording starts with its header" ||
	not_ok "the recording starts with its header" "$(head -c 300 "$TMP/z.rec")"
pv replay "$TMP/z.rec" --headless --format json >"$TMP/z.replay.json" 2>"$TMP/z.rerr"
expect_eq "replay --headless exits 0" 0 $?
grep '"kind":"event"' "$TMP/z.live.json" >"$TMP/z.live.ev"
grep '"kind":"event"' "$TMP/z.replay.json" >"$TMP/z.replay.ev"
same_lines "replay derives the live run's events, line for line (json)" \
	"$TMP/z.live.ev" "$TMP/z.replay.ev"
same_lines "replay prints the live run's header and summary too (json)" \
	"$TMP/z.live.json" "$TMP/z.replay.json"
grep -q '"type":"reap"' "$TMP/z.replay.ev" &&
	grep -q '"to":"zombie"' "$TMP/z.replay.ev" &&
	ok "the replayed zombie lesson shows a zombie and its reaping" ||
	not_ok "the replayed zombie lesson shows a zombie and its reaping"
pv replay "$TMP/z.rec" --headless --format text >"$TMP/z.replay.txt"
pv run zombie --headless --pace 0.2 --record "$TMP/z2.rec" >"$TMP/z2.live.txt"
pv replay "$TMP/z2.rec" --headless >"$TMP/z2.replay.txt"
same_lines "replay derives the live run's events, line for line (text)" \
	"$TMP/z2.live.txt" "$TMP/z2.replay.txt"

# --- watch: the same through the watch front end ------------------------
pv watch --headless --format json --record "$TMP/w.rec" -- \
	sh -c 'sleep 0.2 & wait; exit 3' >"$TMP/w.live.json"
expect_eq "watch --record exits 0" 0 $?
pv replay "$TMP/w.rec" --headless --format json >"$TMP/w.replay.json"
pv replay "$TMP/w.rec" --headless --format json -o "$TMP/w.replay-o.json" \
	>"$TMP/w.replay-o.out"
same_lines "replay -o FILE writes there what it prints without it" \
	"$TMP/w.replay.json" "$TMP/w.replay-o.json"
expect_eq "replay -o FILE leaves stdout empty" "" "$(cat "$TMP/w.replay-o.out")"
# --no-trace (polling or the connector, with the marker): the same
pv watch --no-trace --headless --format json --record "$TMP/wn.rec" -- \
	sh -c 'sleep 0.2 & wait' >"$TMP/wn.live.json"
pv replay "$TMP/wn.rec" --headless --format json >"$TMP/wn.replay.json"
same_lines "a recorded watch --no-trace replays to the same header and events" \
	"$TMP/wn.live.json" "$TMP/wn.replay.json"
same_lines "a recorded watch replays to the same events, header, summary" \
	"$TMP/w.live.json" "$TMP/w.replay.json"

# --- attach: an existing process, recorded and replayed -----------------
env PROCVIZ_TEST_MARK="$MARK" sleep 1 &
spid=$!
pv attach "$spid" --headless --format json --record "$TMP/a.rec" >"$TMP/a.live.json"
expect_eq "attach --record exits 0" 0 $?
wait "$spid"
pv replay "$TMP/a.rec" --headless --format json >"$TMP/a.replay.json"
same_lines "a recorded attach replays to the same events, header, summary" \
	"$TMP/a.live.json" "$TMP/a.replay.json"
grep -q "\"pid\":$spid," "$TMP/a.replay.json" &&
	ok "the replayed attach header names the attached pid" ||
	not_ok "the replayed attach header names the attached pid" "$(head -n 1 "$TMP/a.replay.json")"

# --- errors ----------------------------------------------------------------
expect_status "--record into a missing directory exits 2" 2 \
	pv run zombie --headless --record "$TMP/no/such/dir/x.rec"
grep -q "$TMP/no/such/dir/x.rec" "$TMP/status.err" &&
	ok "the --record error names the file" ||
	not_ok "the --record error names the file" "$(cat "$TMP/status.err")"
expect_status "replay of a missing file exits 2" 2 \
	pv replay "$TMP/missing.rec" --headless

# bad NAME CONTENT WANT: replaying CONTENT fails, exit 2, "FILE:WANT: ..."
bad() {
	printf '%b' "$2" >"$TMP/bad.rec"
	"$PROCVIZ" replay "$TMP/bad.rec" --headless >"$TMP/bad.out" 2>"$TMP/bad.err"
	rc=$?
	if [ "$rc" = 2 ] && grep -q "^procviz: replay: $TMP/bad.rec:$3: expected" "$TMP/bad.err" &&
		[ ! -s "$TMP/bad.out" ]; then
		ok "malformed: $1 -> $3"
	else
		not_ok "malformed: $1 -> $3" "exit $rc" "$(cat "$TMP/bad.err")"
	fi
}
H='{"kind":"header","procviz_record":1,"source":"run","scenario":"zombie","command":null,"pid":0,"interval_ms":100,"event_source":"poll"}\n'
P='{"pid":5,"ppid":1,"pgid":5,"sid":5,"state":"R","threads":1,"start":9,"cpu":0,"exit_code":-1,"comm":"a","parent_comm":"init"}'
bad "empty file" "" "1:1"
bad "not a header first" '{"kind":"sample","t_ms":0}\n' "1:9"
bad "not JSON" "$H"'hello\n' "2:1"
bad "kind not first" "$H"'{"t_ms":1,"kind":"note","text":"x"}\n' "2:2"
bad "unknown kind" "$H"'{"kind":"event","t_ms":1}\n' "2:9"
bad "a fraction" "$H"'{"kind":"note","t_ms":1.5,"text":"x"}\n' "2:23"
bad "negative time" "$H"'{"kind":"note","t_ms":-1,"text":"x"}\n' "2:23"
bad "missing member" "$H"'{"kind":"note","t_ms":1}\n' "2:24"
bad "unterminated string" "$H"'{"kind":"note","t_ms":1,"text":"abc\n' "2:36"
L='{"kind":"sample","t_ms":1,"full":true,"procs":['"$P"
bad "truncated sample" "$H$L" "2:$((${#L} + 1))"
bad "process without pid" "$H"'{"kind":"sample","t_ms":1,"full":true,"procs":[{"ppid":1}],"vanished":[]}\n' "2:57"
bad "two-letter state" "$H"'{"kind":"sample","t_ms":1,"full":true,"procs":[{"pid":5,"state":"RS"}],"vanished":[]}\n' "2:65"
bad "trailing junk" "$H"'{"kind":"note","t_ms":1,"text":"x"} x\n' "2:37"
bad "second header" "$H$H" "2:9"
bad "wrong version" '{"kind":"header","procviz_record":2}\n' "1:35"
bad "a NUL byte" "$H"'{"kind":"note",\0}\n' "2:16"

expect_status "a malformed recording is exit 2 without --headless too" 2 \
	"$PROCVIZ" replay "$TMP/bad.rec"

# --- a valid hand-written recording: unknown members are skipped --------
printf '%b' "$H"'{"kind":"sample","t_ms":0,"full":true,"future":[1,{"x":null}],"procs":['"$P"'],"vanished":[]}\n\n{"kind":"note","t_ms":5,"text":"hi \\u00e9"}\n{"kind":"sample","t_ms":100,"full":false,"procs":[],"vanished":[{"pid":5,"exit_code":0,"reaped_by":1}]}\n' >"$TMP/ok.rec"
"$PROCVIZ" replay "$TMP/ok.rec" --headless --format json >"$TMP/ok.json" 2>"$TMP/ok.err"
expect_eq "a hand-written recording replays (unknown members skipped)" \
	'0 spawn note exit gone' \
	"$? $(sed -n 's/.*"type":"\([a-z]*\)".*/\1/p' "$TMP/ok.json" | tr '\n' ' ' | sed 's/ $//')"

# --- trace: cpuio recorded, as a workload, through every policy ---------
pv run cpuio --headless --pace 0.4 --record "$TMP/c.rec" >"$TMP/c.live.txt"
expect_eq "run cpuio --record exits 0" 0 $?
pv trace "$TMP/c.rec" --tick-ms 10 --output "$TMP/c.wl" 2>"$TMP/c.terr"
rc=$?
if [ "$rc" = 0 ]; then ok "trace --output exits 0"; else
	# Keep the recording for a look after the temporary directory goes.
	mkdir -p "$PROCVIZ_ROOT/build/test-logs" 2>/dev/null &&
		cp "$TMP/c.rec" "$PROCVIZ_ROOT/build/test-logs/replay-cpuio.rec"
	not_ok "trace --output exits 0" "exit $rc" "$(cat "$TMP/c.terr")" \
		"recording kept in build/test-logs/replay-cpuio.rec"
fi
# The IO-bound process may use less than a tick of CPU on a busy machine:
# then it is listed as skipped, never as a CPU-bound job.
grep -Eq '^cpu-bound-[0-9]+	[0-9]+	[0-9]' "$TMP/c.wl" &&
	grep -Eq '^(io-bound-[0-9]+	[0-9]+	[0-9]+/[0-9]|# skipped io-bound-)' "$TMP/c.wl" &&
	ok "the trace has the CPU-bound jobs, and the IO-bound one blocks for IO" ||
	not_ok "the trace has the CPU-bound jobs, and the IO-bound one blocks for IO" "$(cat "$TMP/c.wl")"
pv sched "$TMP/c.wl" --policy all --headless --format json >"$TMP/c.json" 2>"$TMP/c.serr"
rc=$?
python3 - "$TMP/c.json" "$TMP/c.wl" "$rc" <<'EOF'
import json, sys
path, wl, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
jobs = [l.split("\t")[0] for l in open(wl) if l.strip() and not l.startswith("#")]
try:
    d = json.load(open(path))
except ValueError as e:
    print("not ok - procviz sched runs the traced workload under every policy")
    print("# exit %d, not JSON: %s" % (rc, e))
    sys.exit(0)
res = d.get("results", [])
good = rc == 0 and len(res) >= 5 and all(
    sorted(j["name"] for j in r["jobs"]) == sorted(jobs) and
    all(j.get("finish") is not None and j["finish"] > j["arrival"] for j in r["jobs"])
    for r in res)
print(("ok - " if good else "not ok - ") +
      "procviz sched runs the traced workload under every policy and every job finishes")
if not good:
    print("# exit %d, %d policies, jobs %s" % (rc, len(res), jobs))
EOF
# A process with known bursts, in its own CPU time: 0.5 s of CPU, a 0.6 s
# sleep, 0.3 s of CPU.  The trace must show CPU/IO/CPU of about 5/6/3
# ticks (the CPU bursts also hold the interpreter's start and exit; the
# time it waited for a CPU on a busy machine is not demand).
cat >"$TMP/burst.py" <<'EOF2'
import time
def spin(s):
    t = time.process_time() + s
    while time.process_time() < t:
        pass
spin(0.5); time.sleep(0.6); spin(0.3)
EOF2
# The interpreter itself, not a wrapper on PATH (pyenv's shim is a shell
# script that waits for its own children first: blocked time of its own).
PY=$(python3 -c 'import sys; print(sys.executable)')
pv watch --headless --record "$TMP/b.rec" -- "$PY" "$TMP/burst.py" >/dev/null
pv trace "$TMP/b.rec" >"$TMP/b.wl"
bursts=$(awk '/^python3[.0-9]*-/ { print $3 }' "$TMP/b.wl")
echo "$bursts" | awk -F/ '{ exit !(NF == 3 && $1 >= 5 && $1 <= 7 &&
	$2 >= 4 && $2 <= 8 && $3 >= 3 && $3 <= 4) }' &&
	ok "a traced process shows its CPU/IO/CPU bursts (about 5/6/3 ticks)" ||
	not_ok "a traced process shows its CPU/IO/CPU bursts (about 5/6/3 ticks)" "$(cat "$TMP/b.wl")"

expect_status "trace of a malformed recording exits 2" 2 \
	"$PROCVIZ" trace "$TMP/bad.rec"
expect_status "trace --tick-ms 0 is a usage error" 2 \
	"$PROCVIZ" trace "$TMP/c.rec" --tick-ms 0

# --- nothing of ours is left ----------------------------------------------
deadline=$(($(date +%s) + 10))
while [ -n "$(ours)" ] && [ "$(date +%s)" -lt "$deadline" ]; do
	sleep 0.1
done
expect_eq "no process of this test is left" "" "$(ours | tr '\n' ' ')"
