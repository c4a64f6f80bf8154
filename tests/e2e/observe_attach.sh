#!/bin/sh
# procviz attach: follows an existing process and its descendants (those
# present at attach time and those created later) until they are gone;
# clear errors for a missing or forbidden pid.
. "$(dirname "$0")/../lib.sh"
MARK="observe-attach-$$-$(date +%s)"
ours() { marked_pids "$MARK"; }
# wait_for FILE PATTERN: poll (deadline 10 s) until FILE has a matching line.
wait_for() {
	deadline=$(($(date +%s) + 10))
	until grep -q "$2" "$1" 2>/dev/null; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.02
	done
}

run_attach() {
mode=$1
ENVSET=$2
# The root: a shell with one child already running, which on "go" starts
# another and then waits for both.
rm -f "$TMP/go" "$TMP/a.json"
mkfifo "$TMP/go"
env PROCVIZ_TEST_MARK="$MARK" sh -c '
	sleep 30 & first=$!
	read x <"$1"
	kill $first
	sleep 0.2 &
	wait' sh "$TMP/go" &
root=$!
# Attach once the first child exists.
deadline=$(($(date +%s) + 10))
until grep -q . /proc/$root/task/$root/children 2>/dev/null; do
	[ "$(date +%s)" -ge "$deadline" ] && break
	sleep 0.02
done
env $ENVSET "$PROCVIZ" attach "$root" --headless --format json >"$TMP/a.json" 2>"$TMP/a.err" &
apid=$!
if wait_for "$TMP/a.json" '"type":"spawn".*"comm":"sleep"'; then
	ok "attach ($mode): reports the existing descendants"
else
	not_ok "attach ($mode): reports the existing descendants" "$(cat "$TMP/a.json" "$TMP/a.err")"
fi
echo go >"$TMP/go"
wait $root
wait $apid
expect_eq "attach ($mode): exits 0 when everything is gone" 0 $?
python3 - "$TMP/a.json" "$root" "$mode" "$TMP/a.err" <<'EOF'
import json, sys
L = [json.loads(x) for x in open(sys.argv[1])]
root = int(sys.argv[2])
mode = sys.argv[3]
# Where ptrace is forbidden, attach says so and falls back: check that.
if mode == "ptrace" and L[0]["event_source"] != "ptrace":
    refused = "cannot trace with ptrace" in open(sys.argv[4]).read()
    print(("ok - " if refused else "not ok - ") +
          "attach (ptrace): not traced here, and stderr says why")
    mode = "fallback"

E = [x for x in L if x["kind"] == "event"]
def check(name, good):
    print(("ok - " if good else "not ok - ") + name)
    if not good:
        for x in L[:40]:
            print("# " + json.dumps(x))
check("attach (" + mode + "): header with source attach and the pid",
      L[0]["kind"] == "header" and L[0]["source"] == "attach" and L[0]["pid"] == root and L[0]["event_source"] in ("ptrace", "netlink", "poll") and (mode != "poll" or L[0]["event_source"] == "poll") and (mode != "ptrace" or L[0]["event_source"] == "ptrace"))
spawned = [e["pid"] for e in E if e["type"] == "spawn"]
check("attach (" + mode + "): the root and both children are spawned", root in spawned and len(spawned) == 3)
if mode not in ("poll", "fallback"):   # polling cannot know a status its parent took at once
    check("attach (" + mode + "): a child killed by SIGTERM is reported with signal 15",
          any(e["type"] == "exit" and e.get("signal") == 15 for e in E))
check("attach (" + mode + "): a child created after attaching is followed to its end",
      any(e["type"] in ("reap", "gone") and e["pid"] == spawned[-1] for e in E))
check("attach (" + mode + "): summary, nothing left over",
      L[-1]["kind"] == "summary" and L[-1]["leftover"] == 0 and L[-1]["processes"] == 3)
EOF

}
run_attach ptrace PROCVIZ_NO_NETLINK=0
run_attach connector "PROCVIZ_NO_NETLINK=0 PROCVIZ_NO_PTRACE=1"
run_attach poll "PROCVIZ_NO_NETLINK=1 PROCVIZ_NO_PTRACE=1"

# --- a process stopped before attach: stopped from the first reading, and
# still stopped (and untraced) after ------------------------------------------
env PROCVIZ_TEST_MARK="$MARK" sh -c 'sleep 30 & wait' &
sroot=$!
deadline=$(($(date +%s) + 10))
until [ -n "$(cat /proc/$sroot/task/$sroot/children 2>/dev/null)" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && break
	sleep 0.02
done
skid=$(cat /proc/$sroot/task/$sroot/children 2>/dev/null | awk '{print $1}')
kill -STOP "$skid"
until grep -q '^State:.*T' /proc/"$skid"/status 2>/dev/null; do
	[ "$(date +%s)" -ge "$deadline" ] && break
	sleep 0.02
done
"$PROCVIZ" attach "$sroot" --headless --format json --duration 0.5 \
	>"$TMP/s.json" 2>"$TMP/s.err"
expect_eq "attach to a tree with a stopped process exits 0" 0 $?
python3 - "$TMP/s.json" "$skid" <<'EOF2'
import json, sys
L = [json.loads(x) for x in open(sys.argv[1])]
kid = int(sys.argv[2])
sp = [e for e in L if e.get("type") == "spawn" and e["pid"] == kid]
good = sp and sp[0].get("state") == "stopped"
print(("ok - " if good else "not ok - ") +
      "attach: a process stopped before attach shows stopped from its spawn")
if not good:
    print("# %r" % L[:6])
EOF2
st=$(sed -n 's/^State:\t\(.\).*/\1/p' /proc/"$skid"/status 2>/dev/null)
tp=$(sed -n 's/^TracerPid:\t//p' /proc/"$skid"/status 2>/dev/null)
expect_eq "after attach ends, the stopped process is still stopped, untraced" \
	"T 0" "$st $tp"
kill -KILL "$skid" "$sroot" 2>/dev/null
wait "$sroot" 2>/dev/null

# --- bad input ---------------------------------------------------------------
expect_status "attach to a missing pid exits 2" 2 "$PROCVIZ" attach 2147483646 --headless
expect_eq "attach to a missing pid says so" \
	"procviz: attach: no process with id 2147483646" "$(cat "$TMP/status.err")"
expect_status "attach to a non-number exits 2" 2 "$PROCVIZ" attach abc --headless
expect_status "attach without a pid exits 2" 2 "$PROCVIZ" attach --headless
expect_status "attach to procviz itself is refused" 2 sh -c 'exec "$1" attach $$' sh "$PROCVIZ"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	expect_status "attach to another user's process exits 1" 1 \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$PROCVIZ" attach 1 --headless
	grep -q "not permitted" "$TMP/status.err" &&
		ok "attach to another user's process says it is not permitted" ||
		not_ok "attach to another user's process says it is not permitted" "$(cat "$TMP/status.err")"
else
	echo "ok - attach to another user's process exits 1 # SKIP needs root and setpriv"
fi

left=$(ours)
expect_eq "no process started by this test is left" "" "$left"
