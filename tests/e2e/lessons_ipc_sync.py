#!/usr/bin/env python3
"""The lessons of processes ending and isolated, of IPC and of
synchronisation (isolation, terminate, joinable, manager, server, gil,
semaphore, event, deadlock), run headless: each one's lesson
shows in the JSON events and notes, with the process connector and by
polling alone, and nothing is left behind after a normal end or after
SIGKILL of procviz.  Also: gil without python3 says so
and exits 1.

Uses the machinery of lib.py (Run, check, leftovers by
PROCVIZ_TEST_MARK), as scen_lessons.py does for the first eleven.  Runs
as root and, through tests/e2e/unpriv_lessons_ipc_sync.sh, as nobody.  One TAP line per check; every wait polls with a deadline.
"""
import os
import re
import subprocess
import sys

import lib
from lib import check


def note_ints(r, pattern):
    """Every match of pattern in the notes, as tuples of ints."""
    rx = re.compile(pattern)
    out = []
    for t in r.notes():
        m = rx.search(t)
        if m:
            out.append(tuple(int(g) for g in m.groups()))
    return out


def exits_of(r, pids):
    return [e for e in r.of_type("exit") if e["pid"] in pids]


def max_threads(r, pids):
    """The most tasks a process of @pids had: its thread-count events, or
    its main thread and every thread whose events name it (by polling a
    count can be read after some threads have ended already)."""
    counts = [e["count"] for e in r.of_type("threads") if e["pid"] in pids]
    for p in pids:
        tids = {e["tid"] for e in r.events
                if e.get("pid") == p and e.get("tid") and e["tid"] != p}
        if tids:
            counts.append(1 + len(tids))
    return max(counts) if counts else 0


def blocked(r, pids):
    """pids seen blocked: a state event, or blocked when first seen."""
    seen = {p for p, f, t in r.states(pids) if t == "blocked"}
    return seen | {e["pid"] for e in r.of_type("spawn")
                   if e["pid"] in pids and e.get("state") == "blocked"}


def waits(r):
    """(comm, wait) of every move to blocked, of processes and threads
    (a thread's events carry tid), first sightings included."""
    comm, out = {}, set()
    for e in r.events:
        key = (e.get("pid"), e.get("tid") or e.get("pid"))
        if e.get("type") in ("spawn", "exec"):
            comm[key] = e.get("comm")
        if (e.get("type") == "state" and e.get("to") == "blocked") or \
                (e.get("type") == "spawn" and e.get("state") == "blocked"):
            out.add((comm.get(key), e.get("wait")))
    return out


def waiting_on(r, word, prefix):
    """Names starting with prefix seen blocked with wait == word."""
    return {c for c, w in waits(r) if w == word and c and
            c.startswith(prefix)}


def tasks_named(r, prefix):
    """Threads (events with a tid of their own) last named prefix*."""
    comm = {}
    for e in r.events:
        if e.get("type") in ("spawn", "exec") and e.get("tid") and                 e["tid"] != e["pid"]:
            comm[e["tid"]] = e.get("comm") or ""
    return {t for t, c in comm.items() if c.startswith(prefix)}


# --- the lessons --------------------------------------------------------

def lesson_isolation(r):
    child = note_ints(r, r"^child pid (\d+): global = (\d+) at")
    parent = r.note(r"^parent pid (\d+): global = (\d+) at (\S+): the child "
                    r"\(pid (\d+)\)")
    thread = note_ints(r, r"^iso-thread \(tid (\d+), in pid (\d+)\) sets "
                       r"global = (\d+)")
    after = note_ints(r, r"^main thread pid (\d+): global = (\d+) at")
    ok = check(child and parent, "isolation: the notes print the child's "
               "and the parent's value and pid", r.notes())
    if ok:
        check(child[0][1] == 42 and int(parent.group(2)) == 0 and
              child[0][0] == int(parent.group(4)) != int(parent.group(1)),
              "isolation: the child (its own pid) changed its copy to 42; "
              "the parent's stays 0", child, parent.groups())
        check(int(parent.group(1)) in r.pids_named("isolation") and
              child[0][0] in r.pids_named("iso-child"),
              "isolation: both pids are processes of the run", r.dump())
    check(thread and after and thread[0][2] == 42 and after[0][1] == 42 and
          thread[0][1] == after[0][0] and thread[0][0] != thread[0][1],
          "isolation: a thread (its own tid, same pid) changes it for the "
          "whole process", thread, after)
    check(max_threads(r, r.pids_named("isolation")) >= 2,
          "isolation: the main process shows a second thread", r.dump())
    check(tasks_named(r, "iso-thread"),
          "isolation: the thread is a task of its own (tid, iso-thread)",
          r.dump())


def lesson_terminate(r):
    kid = r.pids_named("term-child")
    parent = r.pids_named("terminate-demo")
    zombie = {p for p, f, t in r.states(kid) if t == "zombie"}
    reaped = [e for e in r.of_type("reap") if e["pid"] in kid]
    ex = exits_of(r, kid)
    check(len(kid) == 1, "terminate: one child process", r.dump())
    check(r.note(r"^p\.terminate\(\): kill\(\d+, SIGTERM\) returned 0$"),
          "terminate: a note shows kill()'s return value", r.notes())
    check(r.note(r"died of signal 15 but is not reaped: state Z"),
          "terminate: after SIGTERM the child is a zombie, not reaped",
          r.notes())
    # CPython's is_alive() polls waitpid(WNOHANG): on a zombie it reaps
    # it and says False.  No sentence may claim it would say True then.
    check(not any("would still be True" in t or "would still be true" in t
                  for t in r.notes()) and
          r.note(r"is_alive\(\) now would reap it \(waitpid WNOHANG\) "
                 r"and return False"),
          "terminate: the notes say is_alive() would reap the zombie and "
          "return False", r.notes())
    check(zombie and reaped and reaped[0]["by"] in parent and
          reaped[0].get("zombie_ms", 0) > 0,
          "terminate: the events show it a zombie until its parent reaps "
          "it", zombie, reaped, r.dump())
    check(all(e.get("signal", 15) == 15 for e in ex) and ex,
          "terminate: it exits by SIGTERM (or an unknown status)", ex)
    check(waiting_on(r, "signal", "term-child"),
          "terminate: the child waits in pause() (wait signal)", waits(r))
    check(r.note(r"waitpid\(\d+\) returned \d+, killed by signal 15: "
                 r"p\.exitcode = -15") and
          r.note(r"^p\.is_alive\(\): waitpid\(\d+, WNOHANG\) returned -1 "
                 r"\(.*\): False"),
          "terminate: join() returns the child, exitcode -15; is_alive() "
          "is then False", r.notes())


def lesson_joinable(r):
    prod = r.pids_named("jq-producer")
    cons = r.pids_named("jq-consumer") - prod
    done = note_ints(r, r"^jq-consumer (\d+): item (\d+) done, "
                     r"task_done\(\): (\d+) left")
    check(len(prod) == 1 and len(cons) == 3,
          "joinable: one producer, three consumers", prod, cons, r.dump())
    check(sorted(d[1] for d in done) == list(range(1, 11)) and
          sorted(d[2] for d in done) == list(range(10)),
          "joinable: ten task_done(), one per item, down to 0 left", done)
    check(blocked(r, prod),
          "joinable: the producer is blocked (in join())", r.dump())
    check(waiting_on(r, "lock", "jq-producer"),
          "joinable: join() waits on a lock (wait lock)", waits(r))
    rx_join = r"join\(\) returned - every item is done"
    notes = r.notes()
    ji = [i for i, t in enumerate(notes) if re.search(rx_join, t)]
    last = [i for i, t in enumerate(notes) if t.endswith(": 0 left")]
    check(ji and last and ji[0] > last[0],
          "joinable: join() returns after the last task_done()", notes)
    pexit = exits_of(r, prod)
    cexit = exits_of(r, cons)
    # They die of the producer's death (PR_SET_PDEATHSIG), so after it; an
    # exit is dated when procviz notices it, which by polling can be one
    # period late, the producer's as well as a consumer's.
    late = int(lib.INTERVAL)
    check(pexit and len(cexit) == 3 and
          all(e["t_ms"] >= pexit[0]["t_ms"] - late for e in cexit) and
          all(e.get("signal", 15) == 15 for e in cexit),
          "joinable: the daemonic consumers end with the producer "
          "(SIGTERM where the status is known)", pexit, cexit)


def lesson_manager(r):
    mgr = r.pids_named("manager")
    workers = r.pids_named("mgr-worker")
    adds = [t for t in r.notes() if t.startswith("manager: add ")]
    dicts = re.findall(r"at step (\d) the dictionary is (\{.*\})",
                       "\n".join(r.notes()))
    check(len(mgr) == 1 and len(workers) == 4,
          "manager: one manager process, four workers", mgr, workers,
          r.dump())
    check(len(adds) == 12, "manager: twelve update requests served",
          adds)
    check([d[0] for d in dicts] == ["1", "2", "3"],
          "manager: the notes print the dictionary at each step", dicts)
    final = dicts[-1][1] if dicts else ""
    check("'total': 24" in final and
          all("'worker-%d': 6" % i in final for i in range(1, 5)),
          "manager: no update is lost (total 24, each worker 6)", final)
    # What step 2 says each worker sends is what the dictionary shows.
    says = r.note(r"each sends (\d+) requests over the socket, adding 1, "
                  r"then 2, then 3 to its own entry \((\d+) in all\)")
    per = {}
    for t in adds:
        m = re.match(r"manager: add (worker-\d+) (\d+)", t)
        if m:
            per.setdefault(m.group(1), []).append(int(m.group(2)))
    check(says and per and
          all(len(v) == int(says.group(1)) and
              sum(v) == int(says.group(2)) for v in per.values()) and
          all("'%s': %s" % (k, says.group(2)) in final for k in per),
          "manager: each worker sends as many requests, adding as much, "
          "as the step says", says and says.group(0), per, final)
    check(blocked(r, mgr), "manager: the manager is blocked between "
          "requests", r.dump())
    check(waiting_on(r, "socket", "manager"),
          "manager: the manager waits on its socket (wait socket)", waits(r))


def lesson_server(r):
    servers = r.pids_named("tcp-server")
    clients = r.pids_named("tcp-client")
    handlers = r.pids_named("conn-handler")
    ports = note_ints(r, r"listens on 127\.0\.0\.1:(\d+), blocked")
    counts = note_ints(r, r"tcp-server (\d+): (\d+) connections served, "
                       r"(\d+) handlers are zombies")
    check(len(ports) == 2 and all(0 < p[0] < 65536 for p in ports),
          "server: two servers, each on a port of 127.0.0.1", ports)
    check(len(servers) == 2 and len(clients) >= 6 and len(handlers) >= 6,
          "server: two servers, six clients, six handlers",
          servers, clients, handlers, r.dump())
    # The lesson counts again while it waits: on a loaded machine the
    # last handler may still be ending at its first count.
    check(len(counts) >= 2 and any(c[0] == counts[0][0] and c[1] == 3 and
                                   c[2] == 3 for c in counts),
          "server: without a SIGCHLD handler, one zombie per finished "
          "connection (3 of 3)", counts)
    check(counts and counts[-1][1] == 3 and counts[-1][2] == 0,
          "server: with the handler, no zombies", counts)
    zombies = {p for p, f, t in r.states(handlers) if t == "zombie"}
    check(len(zombies) >= 3, "server: the events show the handlers as "
          "zombies", zombies, r.dump())
    # The zombies the counts show are the server's handlers, never the
    # lesson's own clients: it reaps each one as it ends, before the
    # lesson goes on to its next step (before, they stayed zombies through
    # the step's hold).  Judged by the order of events, not by a time: on
    # a loaded machine under ASan a reap may come a pace late.
    # (By polling, a client reaped between two readings is only "gone".)
    creaps = [e for e in r.of_type("reap") if e["pid"] in clients]
    late = []
    for e in creaps:
        i = r.events.index(e)
        exited = [j for j, x in enumerate(r.events[:i])
                  if x.get("type") == "exit" and x.get("pid") == e["pid"]]
        steps = [j for j, x in enumerate(r.events[:i])
                 if x.get("type") == "note" and
                 re.match(r"step \d+/", x.get("text", ""))]
        if exited and steps and steps[-1] > exited[-1]:
            late.append(e)
    check(creaps and not late,
          "server: the lesson reaps its own tcp-clients at once (each "
          "before its next step)", late or creaps, r.dump())
    check(r.note(r"the old server's \d+ zombie handlers were adopted and "
                 r"reaped|still zombies: their adopter"),
          "server: before the fixed server's step, the old server's zombies "
          "are reaped by their adopter (or the notes say they are not)",
          r.notes())
    check(blocked(r, servers), "server: the server is blocked in accept()",
          r.dump())
    check(waiting_on(r, "socket", "tcp-server"),
          "server: accept() is a wait on a socket (wait socket)", waits(r))


GIL_RX = (r"^4 %s \(python [\d.]+\S*, pid (\d+)\): wall time ([\d.]+) s, "
          r"CPU time ([\d.]+) s: CPU/wall ([\d.]+) on (\d+) CPUs")


def lesson_gil(r):
    t = r.note(GIL_RX % "threads")
    p = r.note(GIL_RX % "processes")
    ok = check(t and p, "gil: the notes give each phase's wall time and "
               "CPU time", r.notes())
    nogil = r.note(r"free-threaded build")
    if ok and not nogil:
        check(float(t.group(3)) <= 1.3 * float(t.group(2)) + 0.05,
              "gil: four CPU-bound threads use at most about one CPU "
              "(CPU time <= wall time)", t.group(0))
    check(max_threads(r, r.pids_named("gil-threads")) >= 5,
          "gil: one Python process with four threads (5 tasks)", r.dump())
    procs = [pid for pid, c in r.comm.items() if c and
             c.startswith("py-proc-")]
    check(len(procs) == 4, "gil: four Python processes", procs, r.dump())
    check(len(tasks_named(r, "py-thread-")) == 4 and
          waiting_on(r, "lock", "py-thread-"),
          "gil: four Python threads as tasks, blocked on the GIL (wait "
          "lock)", waits(r))


def lesson_semaphore(r):
    sem = r.pids_named("semaphore")
    enters = note_ints(r, r"^worker-(\d+) \(tid \d+\) enters: (\d+) inside "
                       r"\(size (\d+)\)")
    leaves = note_ints(r, r"^worker-(\d+) leaves")
    check(max_threads(r, sem) >= 21,
          "semaphore: twenty worker threads (21 tasks)", r.dump())
    check(sorted(e[0] for e in enters) == list(range(1, 21)) and
          sorted(x[0] for x in leaves) == list(range(1, 21)),
          "semaphore: each of the twenty enters and leaves once",
          enters, leaves)
    check(enters and all(e[1] <= e[2] for e in enters) and
          max(e[1] for e in enters) == 5,
          "semaphore: never more inside than its size (5 at most)", enters)
    check(r.note(r"at most 5 inside at a time"),
          "semaphore: the last step counts at most 5 inside", r.notes())
    check(len(tasks_named(r, "worker-")) == 20,
          "semaphore: the twenty workers are tasks of their own", r.dump())
    # Fifteen workers wait, five of them for one pace (0.25 s here): a
    # sampler slowed by a loaded machine and ASan may find most of them
    # already inside (seen: 3 of 15; unloaded it sees all 15).
    check(len(waiting_on(r, "lock", "worker-")) >= 1,
          "semaphore: the waiting workers are blocked on it (wait lock)",
          waits(r))


def lesson_event(r):
    steps = [t for t in r.notes() if re.match(r"step \d/5: The light is", t)]
    colours = [re.search(r"(RED|GREEN)", t).group(1) for t in steps]
    check(colours == ["RED", "GREEN", "RED", "GREEN", "RED"],
          "event: the steps say the light's colour: red, green, red, "
          "green, red", steps)
    crossed = note_ints(r, r"^(\d+) crossings while it was green")
    check(len(crossed) == 2 and all(c[0] > 0 for c in crossed),
          "event: cars cross at green", crossed)
    check(max_threads(r, r.pids_named("traffic-light")) >= 6,
          "event: a light thread and four car threads (6 tasks)", r.dump())
    # Only a car that reaches the light while it is red waits: on a
    # loaded machine one may still be driving when it turns green, so at
    # least one car, and only cars.
    seen = waiting_on(r, "lock", "car-")
    check(seen and seen <= {"car-%d" % i for i in range(1, 5)},
          "event: at red the cars wait on the event (wait lock)", waits(r))
    # At green a car drives as the step says: on the CPU (running, or
    # ready for it), never asleep.
    cars = tasks_named(r, "car-")
    cstates = [e for e in r.of_type("state") if e.get("tid") in cars]
    check(r.note(r"GREEN: .*drives: running on a CPU, or ready") and
          any(e["to"] in ("running", "ready") for e in cstates) and
          not any(e.get("wait") == "sleep" for e in cstates),
          "event: a driving car is running or ready, never asleep (no "
          "wait sleep)", [(e["tid"], e["from"], e["to"], e.get("wait"))
                          for e in cstates][:40])


def lesson_deadlock(r):
    selfl = r.pids_named("self-lock")
    dl = r.pids_named("deadlock")
    check(blocked(r, selfl) and
          r.note(r"^self-lock \d+ ended by signal 9$"),
          "deadlock: self-lock blocks on its own lock until it is killed",
          r.notes(), r.dump())
    check(r.note(r"^rlock \d+ exited with status 0$") and
          r.note(r"took the RLock twice"),
          "deadlock: the RLock gets through", r.notes())
    check(r.note(r"^thread-A \(tid \d+\) holds lock 1 and waits for lock 2")
          and r.note(r"^thread-B \(tid \d+\) holds lock 2 and waits for "
                     r"lock 1"),
          "deadlock: the notes say who holds what", r.notes())
    check(blocked(r, dl) and max_threads(r, dl) >= 2,
          "deadlock: the deadlocked process (threads) is blocked",
          r.dump())
    check(waiting_on(r, "lock", "thread-") == {"thread-A", "thread-B"} and
          waiting_on(r, "lock", "self-lock"),
          "deadlock: self-lock, thread-A and thread-B wait on a lock (wait "
          "lock)", waits(r))
    check(r.note(r"timed lock ran out and it gives up") and
          r.note(r"^deadlock \d+ exited with status 0$"),
          "deadlock: the timed lock breaks it and the process ends",
          r.notes())


LESSONS = {
    "isolation": lesson_isolation,
    "terminate": lesson_terminate,
    "joinable": lesson_joinable,
    "manager": lesson_manager,
    "server": lesson_server,
    "gil": lesson_gil,
    "semaphore": lesson_semaphore,
    "event": lesson_event,
    "deadlock": lesson_deadlock,
}

# Where to pull the plug: many of the lesson's processes alive.
KILL_AT = {
    "joinable": r"put 10 items",
    "manager": r"^manager: add",
    "server": r"^conn-handler \d+ serves",
    "gil": r"^step 2/",
    "deadlock": r"^thread-B \(tid",
    "terminate": r"died of signal",
}


def gil_without_python():
    """PATH without python3: a clear message, exit status 1."""
    mark = "nopython-" + os.urandom(6).hex()
    env = dict(os.environ, PATH="/nonexistent", PROCVIZ_TEST_MARK=mark)
    p = subprocess.run([lib.PROCVIZ, "run", "gil", "--headless", "--format",
                        "json"], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, env=env,
                       timeout=lib.RUN_DEADLINE)
    check(p.returncode == 1, "gil without python3: exit status 1",
          p.returncode, p.stderr)
    check("python3 is not installed" in p.stderr and "gil" in p.stderr,
          "gil without python3: stderr says python3 is missing", p.stderr)
    check('python3 is not installed' in p.stdout,
          "gil without python3: a note says so too", p.stdout[-600:])
    left = lib.wait_all_gone(mark, set())
    check(not left, "gil without python3: nothing left", *lib.describe(left))


def main():
    lib.LESSONS.update(LESSONS)
    lib.KILL_AT.update(KILL_AT)
    jobs = [(lib.one_lesson, (n,)) for n in LESSONS]
    jobs += [(lib.one_sigkill, (n,)) for n in LESSONS]
    # Without the process connector (an ordinary user on many kernels).
    jobs += [(lib.one_lesson, (n, True)) for n in LESSONS]
    jobs += [(gil_without_python, ())]
    lib.run_jobs(jobs)
    lib.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
