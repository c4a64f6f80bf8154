#!/bin/sh
# tests/e2e/unpriv.sh - procviz unprivileged and in hostile environments.
#
#  1. The headless end-to-end tests observe_*, sched_cli run again as
#     `nobody` (setpriv) on a copy of the build under /tmp that nobody can
#     read; each of their TAP lines is repeated here with a "nobody:"
#     prefix.  The lesson suites run as nobody in unpriv_lessons.sh and
#     unpriv_lessons_ipc_sync.sh, so that the runner can run them side by side.
#  2. As nobody in a network namespace, where the process connector is
#     refused, with --no-trace: procviz falls back to polling, says so in the header, and
#     still sees every process.  As nobody with whatever the kernel grants
#     (the header's event_source says which): `run daemon` shows its five
#     processes, each exit with its status.
#  3. /proc mounted with hidepid=2 (a private mount and pid namespace):
#     attaching to a process nobody cannot see gives a clear message and a
#     failure status, no crash.
#  4. Under a pid-namespace init that never reaps (`sleep` as pid 1):
#     `run orphan --subreaper` is clean (procviz adopts and reaps the
#     orphans); without it procviz says the adopter does not reap and
#     points to --subreaper, and does not hang.
# Needs root (to switch users and make namespaces): otherwise one # SKIP.
. "$(dirname "$0")/unpriv.inc"

# 1. the headless suites as nobody
for t in observe_attach.sh observe_watch.sh sched_cli.sh; do
	as_nobody "$t"
done

# 2. connector refused (network namespace) and no tracing (--no-trace;
# watch_exact.py checks the traced watch as nobody): polling, said so,
# nothing lost
unshare --net $AS_NOBODY "$U/procviz" watch --no-trace --headless \
	--format json --interval 20 \
	-- sh -c 'sh -c true; sh -c true; sleep 0.05 & wait' \
	</dev/null >"$TMP/netns.out" 2>"$TMP/netns.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '"event_source":"poll"' "$TMP/netns.out"; then
	ok "nobody, connector refused: watch falls back to polling and says so in the header"
else
	not_ok "nobody, connector refused: falls back to polling" "status $rc" \
		"$(head -c 1500 "$TMP/netns.out")" "$(cat "$TMP/netns.err")"
fi
if grep -q '"kind":"summary".*"processes":[1-9]' "$TMP/netns.out" &&
	grep -q '"type":"exit"' "$TMP/netns.out"; then
	ok "nobody, connector refused: the processes and their exits are still seen"
else
	not_ok "nobody, connector refused: processes seen" \
		"$(head -c 1500 "$TMP/netns.out")"
fi

# 2b. as nobody, whatever the kernel grants: a lesson is as faithful as
# with root (its header says which sources made it so)
(cd /tmp && $AS_NOBODY "$U/procviz" run daemon --headless --format json \
	--pace 0.5) </dev/null >"$TMP/daemon.out" 2>"$TMP/daemon.err"
rc=$?
if python3 - "$TMP/daemon.out" <<'PY'
import json, sys
L = [json.loads(l) for l in open(sys.argv[1])]
h, ev = L[0], [e for e in L if e.get("kind") == "event"]
src = h.get("sources", [])
spawn = {e["pid"]: e for e in ev if e["type"] == "spawn"}
exits = {e["pid"]: e for e in ev if e["type"] == "exit"}
names = {e["comm"] for e in ev if e["type"] in ("spawn", "exec")}
ok = (src[:1] == [h["event_source"]] and
      (h["event_source"] == "netlink" or "pidfd" in src) and
      len(spawn) == 5 and {"daemon-launch", "daemon"} <= names and
      all(p in exits and ("status" in exits[p] or "signal" in exits[p])
          for p in spawn))
print("# event source %s, sources %s, %d processes, %d exits with a status"
      % (h["event_source"], src, len(spawn),
         sum("status" in e or "signal" in e for e in exits.values())))
sys.exit(0 if ok else 1)
PY
then
	ok "nobody: run daemon shows its 5 processes, the 1 ms daemon-launch too, each exit with its status (status $rc)"
else
	not_ok "nobody: run daemon as faithful as root" "status $rc" \
		"$(head -c 3000 "$TMP/daemon.out")" "$(cat "$TMP/daemon.err")"
fi

# 3. hidepid=2: another user's process is invisible
if unshare --mount --pid --fork --kill-child sh -c \
	'mount -t proc -o hidepid=2 proc /proc || exit 77
	 '"$AS_NOBODY"' "$0" attach 1 --headless' "$U/procviz" \
	</dev/null >"$TMP/hide.out" 2>"$TMP/hide.err"; then
	rc=0
else
	rc=$?
fi
if [ "$rc" -eq 77 ]; then
	echo "ok - hidepid=2 # SKIP cannot mount a private /proc with hidepid=2 here"
elif [ "$rc" -ge 1 ] && [ "$rc" -le 2 ] &&
	grep -q '^procviz: attach: process 1: ' "$TMP/hide.err"; then
	ok "hidepid=2: attach to an invisible process fails with a clear message ($(cat "$TMP/hide.err"))"
else
	not_ok "hidepid=2: attach to an invisible process" "status $rc" \
		"$(cat "$TMP/hide.out" "$TMP/hide.err")"
fi

# 4. a pid 1 that never reaps: with and without --subreaper (in parallel)
norep() {	# norep DIR ARGS...: run orphan under `sleep` as pid 1
	d=$1
	shift
	mkdir -p "$d"
	unshare --pid --fork --mount-proc --kill-child sh -c \
		'r=$1; shift
		 ("$0" run orphan --headless --pace 0.1 --interval 20 "$@" \
		  >"$r.out" 2>&1; echo $? >"$r.tmp"; mv "$r.tmp" "$r.rc") &
		 exec sleep 60' "$U/procviz" "$d/r" "$@" </dev/null \
		>/dev/null 2>&1 &
	echo $! >"$d/pid"
}
wait_rc() {
	i=0
	while [ ! -f "$1/r.rc" ] && [ $i -lt 600 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill "$(cat "$1/pid")" 2>/dev/null
	wait "$(cat "$1/pid")" 2>/dev/null
	cat "$1/r.rc" 2>/dev/null
}
norep "$TMP/sub" --subreaper
norep "$TMP/nosub"
rc=$(wait_rc "$TMP/sub")
if [ "$rc" = 0 ] && grep -q 'leftover 0' "$TMP/sub/r.out" &&
	! grep -q 'does not reap' "$TMP/sub/r.out"; then
	ok "pid 1 never reaps: run orphan --subreaper reaps everything itself (leftover 0)"
else
	not_ok "pid 1 never reaps: run orphan --subreaper" "status $rc" \
		"$(tail -n 15 "$TMP/sub/r.out")"
fi
rc=$(wait_rc "$TMP/nosub")
if [ "$rc" = 0 ] && grep -q 'does not reap them (try --subreaper)' "$TMP/nosub/r.out"; then
	ok "pid 1 never reaps: without --subreaper procviz says so, names --subreaper and ends"
else
	not_ok "pid 1 never reaps: without --subreaper" "status $rc" \
		"$(tail -n 15 "$TMP/nosub/r.out")"
fi
