#!/usr/bin/env python3
"""Threads as tasks and what every task waits for (procviz.1 "TASKS AND WAITS"),
asserted in the JSON of `procviz watch --threads`, as root and as nobody.

The helper tests/helpers/waits.c blocks in known ways: threads on a mutex,
a semaphore and a condition variable (wait "lock"), a child reading an
empty pipe ("pipe"), a child in waitpid ("child"), one in nanosleep
("sleep"), a server in accept on 127.0.0.1 ("socket"), and a child made
not dumpable: as nobody its system call and wchan are hidden, so its wait
must be left out (never guessed).  Each run reads the events as they come
and stops looking once everything expected was seen or its deadline
passed; the helper then ends by itself and procviz with it.  Prints one
TAP line per check.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from lib import HELPERS, PROCVIZ, flush
from lib import check as ok

LIVE_MS = 4000
DEADLINE = 30            # seconds for one whole run
NAMES = ("waits-main", "mutex-wait", "sem-wait", "cond-wait", "pipe-reader",
         "sleeper", "server", "waiter", "napper", "hidden")


def leftovers():
    """Live processes named like the helper's (it must leave none)."""
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
        except OSError:
            continue
        comm = st[st.index("(") + 1:st.rindex(")")]
        if comm in NAMES and st[st.rindex(")") + 2] != "Z":
            found.append((int(d), comm))
    return found


def run(who, prefix, procviz, helper, fmt, want, extra=()):
    """Run watch --threads; read until want(events) is true or deadline."""
    cmd = prefix + [procviz, "watch", "--headless", "--format", fmt,
                    "--threads", "--interval", "50"] + list(extra) + [
                    "--", helper, str(LIVE_MS)]
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, cwd="/tmp")
    lines = []
    end = time.monotonic() + DEADLINE
    satisfied = False
    while time.monotonic() < end:
        line = p.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if not satisfied and want(lines):
            satisfied = True
    try:
        p.wait(timeout=max(1, end - time.monotonic()))
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    err = p.stderr.read()
    ok(p.returncode == 0, "%s: watch --threads exits 0" % who,
       "status %s" % p.returncode, err)
    return lines, satisfied or want(lines)


def events(lines):
    out = []
    for ln in lines:
        try:
            obj = json.loads(ln)
        except ValueError:
            continue
        if obj.get("kind") == "event":
            out.append(obj)
    return out


def blocked_waits(evs):
    """comm -> list of (wait or None, syscall) of its moves to blocked."""
    comm = {}
    res = {}
    for e in evs:
        key = (e["pid"], e.get("tid", 0))
        if e["type"] in ("spawn", "exec"):
            comm[key] = e["comm"]
        blocked = (e["type"] == "spawn" and e.get("state") == "blocked") or \
            (e["type"] == "state" and e["to"] == "blocked")
        if blocked and key in comm:
            res.setdefault(comm[key], []).append(
                (e.get("wait"), e.get("syscall"), e.get("tid")))
    return res


EXPECT = [("mutex-wait", "lock", True), ("sem-wait", "lock", True),
          ("cond-wait", "lock", True), ("pipe-reader", "pipe", False),
          ("sleeper", "sleep", False), ("server", "socket", False),
          ("waiter", "child", False)]


def json_checks(who, prefix, procviz, helper, hidden_visible, record=None):
    def want(lines):
        w = blocked_waits(events(lines))
        return all(k in [x[0] for x in w.get(c, [])] for c, k, _ in EXPECT) \
            and "hidden" in w
    lines, _ = run(who, prefix, procviz, helper, "json", want,
                   ["--record", record] if record else [])
    if record:
        rp = subprocess.run([procviz, "replay", record, "--headless",
                             "--format", "json"], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=60)
        ok(rp.returncode == 0 and rp.stdout.splitlines() == lines,
           "%s: the recording carries tasks and waits: replay prints "
           "exactly what the live run printed" % who, rp.returncode,
           rp.stderr, "\n".join(rp.stdout.splitlines()[:20]))
    evs = events(lines)
    w = blocked_waits(evs)
    dump = "\n".join(lines[:60])
    head = json.loads(lines[0]) if lines else {}
    ok(head.get("threads") is True,
       "%s: the header says threads mode" % who, lines[:1])
    for comm, kind, thread in EXPECT:
        got = w.get(comm, [])
        good = [x for x in got if x[0] == kind and bool(x[2]) == thread]
        ok(good, "%s: %s %s is blocked with wait \"%s\"%s" % (
            who, "thread" if thread else "process", comm, kind,
            " (a task: tid beside pid)" if thread else ""), got, dump)
    lock = [x for c in ("mutex-wait", "sem-wait", "cond-wait")
            for x in w.get(c, []) if x[0] == "lock"]
    ok(lock and all(x[1] == "futex" for x in lock),
       "%s: the raw system call of a lock wait is futex" % who, lock)
    hidden = w.get("hidden", [])
    if hidden_visible:
        ok(hidden and all(x[0] == "sleep" for x in hidden),
           "%s: a process that is not dumpable is still seen "
           "(root): wait sleep" % who, hidden)
    else:
        ok(hidden and all(x[0] is None and x[1] is None for x in hidden),
           "%s: where the kernel does not say (not dumpable), wait and "
           "syscall are left out, never guessed" % who, hidden, dump)
    tids = {e["tid"] for e in evs if e["type"] == "spawn" and e.get("tid")}
    ends = {e["tid"] for e in evs if e["type"] == "exit" and e.get("tid")}
    ok(len(tids) == 3 and tids == ends,
       "%s: the 3 threads appear (spawn with tid) and end (exit with "
       "tid)" % who, tids, ends)
    ok(all("ppid" not in e for e in evs
           if e["type"] == "spawn" and e.get("tid")),
       "%s: a thread's spawn has no ppid of its own" % who)
    left = poll_leftovers()
    ok(not left, "%s: nothing left behind" % who, left)


def poll_leftovers():
    end = time.monotonic() + 15
    left = leftovers()
    while left and time.monotonic() < end:
        time.sleep(0.1)
        left = leftovers()
    return left


def text_checks(who, prefix, procviz, helper):
    def want(lines):
        t = "\n".join(lines)
        return "blocked: waiting for a lock (futex)" in t and \
            "hidden  " in t and "not visible" in t
    lines, _ = run(who, prefix, procviz, helper, "text", want)
    text = "\n".join(lines)
    ok("running → blocked: waiting for a lock (futex)" in text or
       "thread started  (blocked: waiting for a lock (futex))" in text,
       "%s: --format text says \"blocked: waiting for a lock (futex)\"" % who,
       text[:3000])
    ok([ln for ln in lines if "hidden" in ln and
        "blocked (waiting for what: not visible)" in ln],
       "%s: --format text says \"blocked (waiting for what: not visible)\" "
       "for the hidden one" % who, text[:3000])
    ok(poll_leftovers() == [], "%s: text run leaves nothing behind" % who)


def main():
    helper = os.path.join(HELPERS, "waits")
    if not os.access(helper, os.X_OK):
        print("not ok - helper %s is built (make tests)" % helper)
        return 1
    rec_dir = tempfile.mkdtemp(prefix="procviz-waits-rec.")
    try:
        json_checks("root" if os.getuid() == 0 else "user", [], PROCVIZ,
                    helper, os.getuid() == 0,
                    os.path.join(rec_dir, "waits.rec"))
    finally:
        shutil.rmtree(rec_dir, ignore_errors=True)
    if os.getuid() != 0:
        text_checks("user", [], PROCVIZ, helper)
        return 1 if flush() else 0
    if not shutil.which("setpriv"):
        print("ok - nobody: # SKIP setpriv missing")
        return 1 if flush() else 0
    # A copy nobody can read and run (the worktree may not be).
    tmp = tempfile.mkdtemp(prefix="procviz-waits.")
    try:
        os.chmod(tmp, 0o755)
        shutil.copy(PROCVIZ, os.path.join(tmp, "procviz"))
        shutil.copy(helper, os.path.join(tmp, "waits"))
        for f in ("procviz", "waits"):
            os.chmod(os.path.join(tmp, f), 0o755)
        group = subprocess.run(["id", "-gn", "nobody"], text=True,
                               capture_output=True).stdout.strip()
        prefix = ["setpriv", "--reuid=nobody", "--regid=" + group,
                  "--clear-groups", "env", "-i", "PATH=/usr/bin:/bin",
                  "LC_ALL=C.UTF-8", "TZ=UTC"]
        json_checks("nobody", prefix, os.path.join(tmp, "procviz"),
                    os.path.join(tmp, "waits"), False)
        text_checks("nobody", prefix, os.path.join(tmp, "procviz"),
                    os.path.join(tmp, "waits"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if flush() else 0


if __name__ == "__main__":
    sys.exit(main())
