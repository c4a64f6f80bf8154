#!/usr/bin/env python3
"""Every scenario, run headless: its lesson shows in the events, nothing is
left behind however procviz ends (normal end, SIGTERM, --duration, SIGKILL).

Each procviz run gets its own PROCVIZ_TEST_MARK; every process it creates
inherits it, so the leftover checks look only at processes this test
created (found through /proc/*/environ), plus the pids the run reported.
Prints one TAP line per check.  No fixed sleeps: everything polls with a
deadline.  The machinery (Run, the marks, the lesson runs) is in lib.py.
"""
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid

import lib
from lib import (INTERVAL, PACE, PROCVIZ, RUN_DEADLINE, Run, check,
                 describe, one_lesson, one_sigkill, wait_all_gone)


# --- the lessons --------------------------------------------------------

def lesson_zombie(r):
    kids = r.pids_named("zombie-child")
    parent = r.pids_named("zombie-parent")
    zombies = {p for p, f, t in r.states(kids) if t == "zombie"}
    reaped = {e["pid"] for e in r.of_type("reap")
              if e["pid"] in zombies and e["by"] in parent}
    check(len(kids) == 3, "zombie: three zombie-child processes", r.dump())
    check(zombies and zombies == reaped,
          "zombie: each child turns zombie and is reaped by its parent",
          "zombies %s reaped %s" % (zombies, reaped), r.dump())


def lesson_zombie_storm(r):
    s = r.summary() or {}
    parent = r.pids_named("storm-parent")
    kids = r.pids_named("storm-child")
    killed = [e for e in r.of_type("exit")
              if e["pid"] in parent and e.get("signal") == 9]
    adopted = [e for e in r.of_type("reap")
               if e["pid"] in kids and e["by"] not in parent]
    check(s.get("max_zombies", 0) >= 5,
          "zombie-storm: the zombie count climbs (max_zombies >= 5)", s)
    check(killed, "zombie-storm: the storm parent is killed (SIGKILL)",
          r.dump())
    check(len(adopted) >= 5,
          "zombie-storm: the adopter, not the dead parent, reaps them",
          "%d adopted reaps" % len(adopted), r.dump())


def lesson_orphan(r):
    kid = r.pids_named("orphan-child")
    rep = [e for e in r.of_type("reparent") if e["pid"] in kid]
    reaped = [e for e in r.of_type("reap") if e["pid"] in kid]
    ok = check(rep, "orphan: the child is re-parented when its parent exits",
               r.dump())
    if ok:
        check(reaped and reaped[0]["by"] == rep[0]["to"],
              "orphan: its new parent reaps it", rep, reaped)
    check(r.note(r"new parent is %d \(" % rep[0]["to"]) if rep else False,
          "orphan: a note names the new parent", r.notes())


def lesson_daemon(r):
    dparent = r.pids_named("daemon-parent")
    dchild = r.pids_named("daemonic-child")
    daemon = r.pids_named("daemon")
    pexit = [e for e in r.of_type("exit") if e["pid"] in dparent]
    cexit = [e for e in r.of_type("exit") if e["pid"] in dchild]
    check(pexit and cexit and cexit[0].get("signal") == 15 and
          cexit[0]["t_ms"] >= pexit[0]["t_ms"],
          "daemon: the daemonic child is terminated (SIGTERM) when its "
          "parent finishes", pexit, cexit, r.dump())
    m = r.note(r"daemon (\d+): session (\d+) \(new; the lesson's was (\d+)\)"
               r", process group (\d+), tty none")
    ok = check(m and int(m.group(2)) != int(m.group(3)),
               "daemon: the detached daemon has a new session and no tty",
               r.notes())
    if ok:
        dpid = int(m.group(1))
        launch = r.pids_named("daemon-launch")
        started = [e for e in r.of_type("spawn") if e["pid"] == dpid]
        moved = [e for e in r.of_type("reparent") if e["pid"] == dpid]
        check(dpid in daemon and launch and moved and
              moved[0]["from"] in launch and moved[0]["to"] not in launch,
              "daemon: the daemon is seen forked by daemon-launch (which "
              "lived a moment) and adopted (re-parented away from it)",
              launch, started, moved, r.dump())


def lesson_race(r):
    m = r.note(r"without a lock: (\d+) buyers bought the single ticket")
    check(m and int(m.group(1)) >= 2,
          "race: without the lock several buyers buy the one ticket "
          "(lost update)", r.notes())
    locked = r.pids_named("buyer-lock")
    # Blocked: a move to blocked, or blocked when first seen (a loaded
    # machine may show a buyer only once it already waits).
    blocked = {p for p, f, t in r.states(locked) if t == "blocked"} | \
        {e["pid"] for e in r.of_type("spawn")
         if e["pid"] in locked and e.get("state") == "blocked"}
    check(len(blocked) >= 5,
          "race: with the lock the waiting buyers are blocked",
          "%d of %d blocked" % (len(blocked), len(locked)), r.dump())
    check(r.note(r"with a lock: 1 buyer bought"),
          "race: with the lock exactly one buyer buys", r.notes())
    # Blocked in fcntl(F_SETLKW): a file lock is a lock (spec's word;
    # the text says "a file lock"), by the call or, hidden, the wchan.
    fl = [e for e in r.events if e.get("pid") in locked and
          (e.get("type") == "state" and e["to"] == "blocked" or
           e.get("type") == "spawn" and e.get("state") == "blocked") and
          (e.get("syscall") == "fcntl" or
           e.get("wchan", "").startswith("fcntl_setlk"))]
    check(fl and all(e.get("wait") == "lock" for e in fl),
          "race: a buyer blocked in fcntl(F_SETLKW) waits on a lock "
          "(wait lock, a file lock)", fl[:5], r.dump())


def lesson_prodcons(r):
    prod = r.pids_named("producer")
    cons = r.pids_named("consumer")
    pb = {p for p, f, t in r.states(prod) if "blocked" in (f, t)}
    cb = {p for p, f, t in r.states(cons) if "blocked" in (f, t)}
    check(pb, "prodcons: a producer is blocked", r.dump())
    check(cb, "prodcons: a consumer is blocked", r.dump())
    check(r.note(r"fill level 4/4 \(full") and r.note(r"fill level 0/4"),
          "prodcons: the notes report the fill level, full and empty",
          r.notes())


def lesson_pipe(r):
    parent = r.pids_named("pipe-parent")
    child = r.pids_named("pipe-child")
    check({p for p, f, t in r.states(child) if "blocked" in (f, t)},
          "pipe: the child is blocked in read()", r.dump())
    check({p for p, f, t in r.states(parent) if "blocked" in (f, t)},
          "pipe: the parent is blocked in read()", r.dump())
    check(len([t for t in r.notes() if 'read "' in t]) == 6,
          "pipe: six messages are exchanged", r.notes())


def lesson_pool(r):
    workers = r.pids_named("pool-worker")
    m = r.note(r"(\d+) tasks done by (\d+) workers: (\d+), (\d+) and (\d+)")
    check(len(workers) == 3, "pool: three worker processes", workers)
    check(m and m.group(1) == "10" and m.group(2) == "3" and
          sum(int(m.group(i)) for i in (3, 4, 5)) == 10,
          "pool: three workers do the ten tasks", r.notes())
    done = {int(x) for x in re.findall(r"task (\d+) done by",
                                      " ".join(r.notes()))}
    check(done == set(range(1, 11)), "pool: every task is done once",
          sorted(done))
    # The log in the order things happened: each worker's task notes
    # before its exit, and the exits after the step that closes the queue.
    order = []
    for i, e in enumerate(r.events):
        m = e.get("type") == "note" and re.search(
            r"done by worker \d+ \(pid (\d+)\)", e.get("text", ""))
        if m:
            order.append((i, "done", int(m.group(1))))
        elif e.get("type") == "exit" and e.get("pid") in workers:
            order.append((i, "exit", e["pid"]))
    late = [(p, i) for i, k, p in order if k == "done" and
            any(k2 == "exit" and p2 == p and i2 < i
                for i2, k2, p2 in order)]
    closes = [i for i, e in enumerate(r.events) if e.get("type") == "note"
              and re.match(r"step 2/2: ", e.get("text", ""))]
    exits = [i for i, k, p in order if k == "exit"]
    check(not late and closes and exits and min(exits) > closes[0],
          "pool: each worker's task notes come before its exit, the exits "
          "after the queue is closed", late, r.dump())


def lesson_threads(r):
    mt = r.pids_named("many-threads")
    counts = [e["count"] for e in r.of_type("threads") if e["pid"] in mt]
    check(counts and max(counts) >= 9,
          "threads: one process shows a thread count of 9", counts, r.dump())
    check(len(r.pids_named("many-procs")) == 8,
          "threads: eight processes, eight pids", r.dump())
    # The lesson turns --threads on: its one pid shows 8 named tasks.
    tasks = {}          # tid -> its name, after any rename
    for e in r.events:
        if e.get("type") in ("spawn", "exec") and e.get("tid") and \
                e["pid"] in mt:
            tasks[e["tid"]] = e["comm"]
    check(sorted(tasks.values()) == ["worker-%d" % i for i in range(1, 9)],
          "threads: the lesson shows its 8 threads as tasks worker-1..8 "
          "of the one pid", tasks)
    waits = {e.get("wait") for e in r.of_type("state")
             if e.get("tid") in tasks and e["to"] == "blocked"}
    check("sleep" in waits,
          "threads: a thread's move to blocked says what it waits for "
          "(sleep)", waits)


def lesson_cpuio(r):
    cpu = r.pids_named("cpu-bound")
    io = r.pids_named("io-bound")
    seen = set()
    for p, f, t in r.states(cpu):
        seen |= {f, t}
    iob = {p for p, f, t in r.states(io) if "blocked" in (f, t)}
    check("running" in seen, "cpuio: a CPU-bound process is running",
          r.dump())
    check("ready" in seen,
          "cpuio: with more CPU-bound processes than CPUs some are ready",
          r.dump())
    check(iob, "cpuio: the IO-bound process is blocked", r.dump())
    # The step's claim holds on a busy machine too: the pinned processes
    # together get at most the CPUs they are pinned to, each about its
    # share at most, as each one's own note says.
    step = r.note(r"(\d+) CPU-bound processes pinned to (\d+) CPUs? .*at "
                  r"most (\d+) run at a time.*at most about (\d+)% of a CPU")
    shares = [tuple(int(x) for x in m.groups()) for m in
              (re.search(r"^cpu-bound \d+: (\d+) ms of CPU in (\d+) ms "
                         r"\((\d+)% of a CPU\)", t) for t in r.notes()) if m]
    ok = check(step and len(shares) == int(step.group(1)),
               "cpuio: each pinned process notes the CPU share it got",
               r.notes())
    if ok:
        ncpu = int(step.group(2))
        check(sum(c for c, w, p in shares) <=
              ncpu * max(w for c, w, p in shares) * 1.05 + 50,
              "cpuio: together they got at most the %d CPUs they are "
              "pinned to" % ncpu, shares)


def lesson_join(r):
    c = r.note(r"without waiting: the children printed in the order "
               r"([\d ]+) \(concurrent\)")
    s = r.note(r"waiting for each: the children printed in the order "
               r"([\d ]+) \(serial\)")
    check(s and s.group(1) == "1 2 3",
          "join: waiting for each child prints in order 1 2 3", r.notes())
    check(c and c.group(1) == "3 2 1",
          "join: without waiting the children run concurrently (3 2 1)",
          r.notes())


LESSONS = {
    "zombie": lesson_zombie,
    "zombie-storm": lesson_zombie_storm,
    "orphan": lesson_orphan,
    "daemon": lesson_daemon,
    "race": lesson_race,
    "prodcons": lesson_prodcons,
    "pipe": lesson_pipe,
    "pool": lesson_pool,
    "threads": lesson_threads,
    "cpuio": lesson_cpuio,
    "join": lesson_join,
}

# Every lesson, in the order of `procviz list`: chapter by chapter
# (processes, IPC, threads and synchronisation).  The later lessons are
# tested in lessons_ipc_sync.py.
ALL_LESSONS = [
    "zombie", "zombie-storm", "orphan", "daemon", "join", "terminate",
    "isolation", "pool", "cpuio",
    "pipe", "prodcons", "joinable", "manager", "server",
    "threads", "gil", "race", "semaphore", "event", "deadlock",
]

# Where to pull the plug in the SIGKILL test: a note that shows the
# scenario in full swing (processes alive, orphans/daemons detached).
KILL_AT = {
    "orphan": r"new parent is",
    "daemon": r"tty none",
    "zombie-storm": r"storm-parent is",
    "pool": r"task \d+ done",
    "prodcons": r"full: producers block",
}


def stop_by_signal(name, sig):
    r = Run(name, "--pace", "0.5")
    got = r.read_until(KILL_AT.get(name, r"^step 2/"))
    r.proc.send_signal(sig)
    rc = r.finish()
    s = r.summary()
    check(got and rc == 0 and s is not None and s.get("leftover") == 0,
          "%s: %s ends the run with a summary whose leftover is 0" %
          (name, signal.Signals(sig).name), rc, s, r.dump())
    left = wait_all_gone(r.mark, r.pids)
    check(not left, "%s: nothing left after %s" %
          (name, signal.Signals(sig).name), *describe(left))


def duration_stop():
    r = Run("zombie-storm", "--pace", "1", "--duration", "1.5")
    t0 = time.monotonic()
    rc = r.finish()
    s = r.summary()
    check(rc == 0 and s is not None and s.get("leftover") == 0 and
          time.monotonic() - t0 < 12,
          "--duration stops a scenario, kills it, leftover 0", rc, s)
    check(r.note(r"^--duration reached: the scenario is stopped") is not None,
          "--duration: a note says the scenario was stopped", *r.notes())
    left = wait_all_gone(r.mark, r.pids)
    check(not left, "--duration: nothing left", *describe(left))


def subreaper_orphan():
    r = Run("orphan", "--subreaper")
    rc = r.finish()
    kid = r.pids_named("orphan-child")
    rep = [e for e in r.of_type("reparent") if e["pid"] in kid]
    reaped = [e for e in r.of_type("reap") if e["pid"] in kid]
    check(rc == 0 and rep and rep[0]["to"] == r.proc.pid and reaped and
          reaped[0]["by"] == r.proc.pid,
          "--subreaper: procviz adopts the orphan and reaps it",
          rep, reaped, r.dump())
    check(r.note(r"--subreaper is in force"),
          "--subreaper: a note says the subreaper is in force", r.notes())
    check(r.note(r"^procviz is not a subreaper") is None,
          "--subreaper: no note claims the opposite", r.notes())
    check(r.lines and json.loads(r.lines[0]).get("subreaper") is True,
          "--subreaper: the header says subreaper true", r.lines[:1])


NON_REAPING_ADOPTER = """
import ctypes, os, subprocess, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # CHILD_SUBREAPER
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, text=True)
sys.stdout.write(p.stdout)
sys.stdout.flush()
while True:          # now reap what we adopted, so nothing is left
    try:
        os.waitpid(-1, 0)
    except ChildProcessError:
        break
sys.exit(p.returncode)
"""


def non_reaping_adopter():
    """Like a container whose init never reaps: procviz is run under a
    subreaper that does not wait until procviz is done.  The orphan names
    it as its new parent, and the run ends anyway (bounded), saying why,
    with the unreaped zombie as leftover."""
    mark = uuid.uuid4().hex
    env = dict(os.environ, PROCVIZ_TEST_MARK=mark)
    env.pop("PROCVIZ_NO_NETLINK", None)
    p = subprocess.Popen(
        [sys.executable, "-c", NON_REAPING_ADOPTER, PROCVIZ, "run", "orphan",
         "--headless", "--format", "json", "--pace", PACE,
         "--interval", INTERVAL], stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out, err = p.communicate(timeout=RUN_DEADLINE)
    lines = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    notes = [e.get("text", "") for e in lines if e.get("type") == "note"]
    summary = lines[-1] if lines else {}
    check(any("new parent is %d (python" % p.pid in t for t in notes),
          "orphan: the nearest subreaper ancestor is named as new parent",
          notes)
    check(p.returncode == 0 and any("does not reap them" in t
                                    for t in notes),
          "an adopter that never reaps does not hang the run; a note says "
          "why", p.returncode, notes, err)
    check(summary.get("kind") == "summary" and
          summary.get("leftover") == 1,
          "an unreaped zombie is counted as leftover", summary)
    left = wait_all_gone(mark, set())
    check(not left, "non-reaping adopter: nothing left once it reaps",
          *describe(left))


def cli_checks():
    p = subprocess.run([PROCVIZ, "run", "no-such-lesson", "--headless"],
                       capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    check(p.returncode == 2, "unknown scenario exits 2", p.returncode)
    check("no-such-lesson" in p.stderr and
          all(n in p.stderr for n in ALL_LESSONS),
          "unknown scenario: stderr names it and lists every scenario",
          p.stderr)
    check(p.stdout == "", "unknown scenario prints nothing on stdout",
          p.stdout)
    p = subprocess.run([PROCVIZ, "list"], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    rows = [l.split("\t") for l in p.stdout.splitlines()]
    scen = [r[1] for r in rows if r[0] == "scenario"]
    check(p.returncode == 0 and all(len(r) == 3 and r[2] for r in rows),
          "list: every line is KIND NAME DESCRIPTION, tab-separated",
          p.stdout)
    check(scen == ALL_LESSONS, "list: every scenario, in order", scen)
    kinds = [r[0] for r in rows]
    check(kinds == sorted(kinds, key=lambda k: k != "scenario"),
          "list: scenarios first, then workloads", kinds)
    p = subprocess.run([PROCVIZ, "run", "--headless"], capture_output=True,
                       text=True, stdin=subprocess.DEVNULL)
    check(p.returncode == 2 and "zombie-storm" in p.stderr,
          "run without a scenario exits 2 and lists the names",
          p.returncode, p.stderr)
    p = subprocess.run([PROCVIZ, "run", "--help"], capture_output=True,
                       text=True, stdin=subprocess.DEVNULL)
    check(p.returncode == 0 and "--pace" in p.stdout and
          "--subreaper" in p.stdout, "run --help lists --pace and --subreaper",
          p.returncode, p.stdout)
    p = subprocess.run([PROCVIZ, "run", "zombie", "--pace", "0"],
                       capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    check(p.returncode == 2 and "--pace" in p.stderr,
          "--pace 0 is a usage error", p.returncode, p.stderr)
    p = subprocess.run([PROCVIZ, "run", "--scenario-process", "zombie"],
                       capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    check(p.returncode == 2, "the internal entry refuses a hand-typed call",
          p.returncode, p.stderr)


def main():
    cli_checks()
    jobs = [(non_reaping_adopter, None)]
    jobs += [(one_lesson, n) for n in LESSONS]
    jobs += [(one_sigkill, n) for n in LESSONS]
    # Without the netlink connector (polling only) every lesson still shows.
    jobs += [(one_lesson, (n, True)) for n in LESSONS]
    jobs += [(one_sigkill, ("daemon", True)),
             (one_sigkill, ("zombie-storm", False, "--subreaper")),
             (one_sigkill, ("orphan", False, "--subreaper"))]
    jobs += [(stop_by_signal, ("daemon", signal.SIGTERM)),
             (stop_by_signal, ("zombie-storm", signal.SIGINT)),
             (stop_by_signal, ("orphan", signal.SIGHUP)),
             (duration_stop, None), (subreaper_orphan, None)]
    lib.LESSONS.update(LESSONS)
    lib.KILL_AT.update(KILL_AT)
    lib.run_jobs([(fn, () if arg is None else arg if isinstance(arg, tuple)
                   else (arg,)) for fn, arg in jobs])
    lib.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
