#!/usr/bin/env python3
"""tests/e2e/sched_reference.py - an executable restatement of the
scheduling semantics (procviz.1 "SCHEDULING SEMANTICS", and each
sched/policy_*.c header), written independently of the C engine: plain
lists scanned at every instant, no heaps, no snapshots, no idle jumps.  Random workloads with arrivals, IO, priorities,
tickets and nice values are run through `procviz sched --policy all
--format json` under random options (both conventions, switch costs, every
MLFQ knob), and every Gantt chart, finish and first-run instant and
context-switch count must agree with the model.  One TAP line per policy.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction

from lib import PROCVIZ, flush, report

POLICIES = ["fcfs", "sjf", "srtf", "rr", "prio", "pprio", "prio-rr", "hrrn",
            "mlfq", "lottery", "stride", "cfs"]
CFS_WEIGHT = [88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949,
              11916, 9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586,
              1277, 1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110,
              87, 70, 56, 45, 36, 29, 23, 18, 15]
CFS_UNIT = 1 << 20
CFS_LATENCY = 6


class Job:
    def __init__(self, name, arrival, bursts, prio, tickets, nice):
        self.name, self.arrival, self.bursts = name, arrival, bursts
        self.prio, self.tickets, self.nice = prio, tickets, nice
        self.idx = 0
        self.left = bursts[0]
        self.state = "new"
        self.io_end = None
        self.first_run = -1
        self.finish = -1
        self.ready_since = 0
        self.level = 0
        self.qleft = 0
        self.allot = 0
        self.vr = 0


class Model:
    """One policy on one workload, instant by instant."""

    def __init__(self, policy, jobs, o):
        self.p, self.jobs, self.o = policy, jobs, o
        self.t = 0
        self.ready = []                      # queue order, non-MLFQ
        self.levels = [[] for _ in range(o["levels"])]
        self.running = None
        self.last_ran = None
        self.last_job = None
        self.switch_left = 0
        self.switches = 0
        self.minvr = 0
        self.draws = list(o["draws"])
        self.gantt = []
        self.boosted_now = False

    # ---- helpers ----
    def q(self, level):
        return self.o["quanta"][level]

    def allot_of(self, level):
        a = self.o["allot"][level]
        return a if a > 0 else self.q(level)

    def fresh(self, j, level):
        j.level, j.qleft, j.allot = level, self.q(level), self.allot_of(level)

    def charge(self, j):
        j.allot -= self.q(j.level)
        if j.allot <= 0:
            self.fresh(j, min(j.level + 1, self.o["levels"] - 1))
        else:
            j.qleft = self.q(j.level)

    def nready(self):
        if self.p == "mlfq":
            return sum(len(lv) for lv in self.levels)
        return len(self.ready)

    def prio_key(self, j):
        return -j.prio if self.o["high_first"] else j.prio

    def weight(self, j):
        return CFS_WEIGHT[max(-20, min(19, j.nice)) + 20]

    def stride(self, j):
        return max(1, self.o["stride_big"] // max(1, j.tickets))

    def best(self, key):
        """First job in queue order with the smallest key."""
        b = None
        for j in self.ready:
            if b is None or key(j) < key(b):
                b = j
        return b

    def make_ready(self, j, why):
        j.state = "ready"
        j.ready_since = self.t
        self.enqueue(j, why)

    # ---- policy hooks ----
    def enqueue(self, j, why):
        p = self.p
        if p == "mlfq":
            lv = self.levels
            if why == "arrive":
                self.fresh(j, 0)
                lv[0].append(j)
            elif why == "io":
                if self.o["io_front"]:
                    r = self.running
                    if (r is not None and r.state == "running" and
                            r.level == j.level and not self.o["stallings"]
                            and self.switch_left == 0):
                        r.state = "ready"
                        r.ready_since = self.t
                        lv[r.level].insert(0, r)
                    lv[j.level].insert(0, j)
                else:
                    lv[j.level].append(j)
            elif why == "preempted":
                lv[j.level].insert(0, j)
            elif why == "expired":
                if self.o["stallings"] and not self.boosted_now:
                    if self.nready() == 0:
                        j.qleft = self.q(j.level)
                    else:
                        self.charge(j)
                lv[j.level].append(j)
            return
        if p == "stride" and why in ("arrive", "io"):
            j.vr = max(j.vr, self.minvr)
        if p == "cfs":
            floor = self.minvr
            if why == "io":
                floor -= CFS_LATENCY * CFS_UNIT // 2
            if why in ("arrive", "io"):
                j.vr = max(j.vr, floor)
        self.ready.append(j)

    def dispatch(self, cur):
        p, o = self.p, self.o
        if p == "mlfq":
            top = next((i for i, lv in enumerate(self.levels) if lv), None)
            if cur is not None and (o["stallings"] or top is None or
                                    top >= cur.level):
                return cur
            pick = self.levels[top].pop(0)
            if cur is not None:
                self.make_ready(cur, "preempted")
            return pick
        if cur is not None and p in ("fcfs", "sjf", "rr", "prio", "hrrn",
                                     "lottery", "stride", "cfs"):
            return cur
        if p in ("fcfs", "rr"):
            pick = self.ready.pop(0)
            if p == "rr":
                pick.qleft = o["quantum"]
            return pick
        if p in ("sjf", "srtf", "prio", "pprio", "prio-rr"):
            key = (lambda j: j.left) if p in ("sjf", "srtf") else self.prio_key
            b = self.best(key)
            if cur is not None and (b is None or key(b) >= key(cur)):
                return cur
            self.ready.remove(b)
            if cur is not None:
                self.make_ready(cur, "preempted")
            if p == "prio-rr":
                b.qleft = o["quantum"]
            return b
        if p == "hrrn":
            b = self.best(lambda j: -Fraction(self.t - j.ready_since + j.left,
                                              j.left))
            self.ready.remove(b)
            return b
        if p == "lottery":
            total = sum(max(1, j.tickets) for j in self.ready)
            draw = self.draws.pop(0)
            winner, acc = draw % total, 0
            for j in sorted(self.ready, key=lambda j: self.jobs.index(j)):
                acc += max(1, j.tickets)
                if acc > winner:
                    break
            self.ready.remove(j)
            j.qleft = o["quantum"]
            return j
        if p == "stride":
            b = self.best(lambda j: j.vr)
            self.ready.remove(b)
            self.minvr = max(self.minvr, b.vr)
            b.qleft = o["quantum"]
            return b
        if p == "cfs":
            period = max(CFS_LATENCY, len(self.ready))
            total = sum(self.weight(j) for j in self.ready)
            b = self.best(lambda j: j.vr)
            self.ready.remove(b)
            b.qleft = max(1, period * self.weight(b) // total)
            self.minvr = max(self.minvr, b.vr)
            return b
        raise ValueError(p)

    def ran(self, j):
        if self.p in ("rr", "prio-rr", "lottery", "mlfq"):
            j.qleft -= 1
        elif self.p == "stride":
            j.vr += self.stride(j)
            j.qleft -= 1
        elif self.p == "cfs":
            j.vr += CFS_UNIT * 1024 // self.weight(j)
            j.qleft -= 1

    def expired(self, j):
        if self.p in ("rr", "prio-rr", "lottery", "stride", "cfs"):
            return j.qleft <= 0
        if self.p == "mlfq":
            if j.qleft > 0:
                return False
            if not self.o["stallings"]:
                self.charge(j)
            return True
        return False

    def block(self, j):
        if self.p != "mlfq":
            return
        used = j.qleft <= 0
        if self.o["io_stay"]:
            self.fresh(j, j.level)
        if used:
            self.charge(j)

    def boost(self, cur):
        if cur is not None and cur.level > 0 and self.switch_left == 0:
            cur.state = "ready"
            cur.ready_since = self.t
            self.levels[cur.level].insert(0, cur)
            cur = None
        for q in range(self.o["levels"] - 1, 0, -1):
            self.levels[0].extend(self.levels[q])
            self.levels[q] = []
        for j in self.jobs:
            if j.state not in ("new", "done"):
                self.fresh(j, 0)
        return cur

    # ---- the instant and the tick ----
    def instant(self):
        t, o = self.t, self.o
        cur, expired = self.running, None
        self.boosted_now = False
        if self.last_ran is not None:
            j = self.last_ran
            if j.left == 0:
                cur = None
                j.idx += 1
                if j.idx == len(j.bursts):
                    j.state, j.finish = "done", t
                else:
                    j.state = "blocked"
                    j.left = j.bursts[j.idx]
                    j.io_end = t + j.left
                    self.block(j)
            elif self.expired(j):
                cur, expired = None, j
                j.state = "ready"
        # OSTEP: the expired job is queued before the boost (mlfq.py
        # re-queues it at the end of the tick), so the boost moves it up
        if expired is not None and not o["textbook"]:
            self.make_ready(expired, "expired")
        if (self.p == "mlfq" and o["boost"] > 0 and t > 0 and
                t % o["boost"] == 0):
            self.boosted_now = True
            cur = self.boost(cur)
        for j in self.jobs:
            if j.state == "new" and j.arrival == t:
                self.make_ready(j, "arrive")
        for j in self.jobs:
            if j.state == "blocked" and j.io_end == t:
                j.idx += 1
                if j.idx == len(j.bursts):
                    j.state, j.finish = "done", t
                else:
                    j.left = j.bursts[j.idx]
                    self.make_ready(j, "io")
        if expired is not None and o["textbook"]:
            self.make_ready(expired, "expired")
        if cur is not None and cur.state != "running":
            cur = None
        if all(j.state == "done" for j in self.jobs):
            self.running = None
            return False
        if self.switch_left > 0:
            return True
        if cur is None and self.nready() == 0:
            self.running = None
            return True
        pick = self.dispatch(cur)
        if pick is not cur:
            pick.state = "running"
            if self.last_job is not None and self.last_job is not pick:
                self.switches += 1
                self.switch_left = o["switch_cost"]
            self.last_job = pick
        self.running = pick
        return True

    def tick(self):
        if self.switch_left > 0:
            who = None
            self.switch_left -= 1
        else:
            who = self.running
        if who is not None:
            who.left -= 1
            if who.first_run < 0:
                who.first_run = self.t
            self.ran(who)
        name = who.name if who else None
        if self.gantt and self.gantt[-1][2] == name:
            self.gantt[-1][1] += 1
        else:
            self.gantt.append([self.t, self.t + 1, name])
        self.last_ran = who
        self.t += 1

    def run(self):
        while self.instant():
            self.tick()
            if self.t > 100000:
                raise RuntimeError("model did not finish")
        return self


def random_case(r):
    n = r.randint(1, 7)
    jobs = []
    for i in range(n):
        nb = r.choice([1, 1, 2, 3, 3, 5])
        # IO bursts may be 0 ticks (done at the instant they start)
        bursts = [r.randint(0 if k % 2 else 1, 7) for k in range(nb)]
        jobs.append((chr(65 + i), r.randint(0, 14), bursts, r.randint(0, 3),
                     r.randint(1, 300), r.randint(-20, 19)))
    levels = r.randint(1, 3)
    o = {
        "quantum": r.randint(1, 4),
        "textbook": r.random() < 0.5,
        "switch_cost": r.choice([0, 0, 1, 2]),
        "high_first": r.random() < 0.3,
        "levels": levels,
        "quanta": [r.randint(1, 4) for _ in range(levels)],
        "allot": [r.choice([0, r.randint(1, 8)]) for _ in range(levels)],
        "boost": r.choice([0, 0, r.randint(4, 20)]),
        "io_stay": r.random() < 0.3,
        "io_front": r.random() < 0.3,
        "stallings": r.random() < 0.25,
        "stride_big": r.choice([10000, 600]),
        "draws": [r.randint(0, 10 ** 6) for _ in range(3000)],
    }
    return jobs, o


def procviz_args(path, o):
    a = [PROCVIZ, "sched", path, "--headless", "--format", "json",
         "--policy", ",".join(POLICIES), "--quantum", str(o["quantum"]),
         "--convention", "textbook" if o["textbook"] else "ostep",
         "--switch-cost", str(o["switch_cost"]),
         "--mlfq-levels", str(o["levels"]),
         "--mlfq-quanta", ",".join(map(str, o["quanta"])),
         "--mlfq-boost", str(o["boost"]),
         "--stride-big", str(o["stride_big"]),
         "--draws", ",".join(map(str, o["draws"]))]
    if any(o["allot"]):
        a += ["--mlfq-allot",
              ",".join(str(x if x > 0 else q)
                       for x, q in zip(o["allot"], o["quanta"]))]
    for flag, key in (("--prio-high-first", "high_first"),
                      ("--mlfq-io-stay", "io_stay"),
                      ("--mlfq-io-front", "io_front"),
                      ("--mlfq-stallings", "stallings")):
        if o[key]:
            a.append(flag)
    return a


def main():
    cases = int(os.environ.get("SCHED_REFERENCE_CASES", "150"))
    r = random.Random(20261123)
    bad = {p: [] for p in POLICIES}
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "w.txt")
        for c in range(cases):
            jobs, o = random_case(r)
            with open(path, "w") as f:
                for (name, arr, bursts, prio, tickets, nice) in jobs:
                    f.write("%s %d %s %d tickets=%d nice=%d\n" %
                            (name, arr, "/".join(map(str, bursts)), prio,
                             tickets, nice))
            args = procviz_args(path, o)
            p = subprocess.run(args, stdin=subprocess.DEVNULL,
                               capture_output=True, text=True, timeout=60)
            if p.returncode != 0:
                errors.append("case %d: exit %d: %s" %
                              (c, p.returncode, p.stderr.strip()))
                continue
            results = {res["policy"]: res
                       for res in json.loads(p.stdout)["results"]}
            for pol in POLICIES:
                js = [Job(*j) for j in jobs]
                m = Model(pol, js, o).run()
                res = results[pol]
                want = [[s[0], s[1], s[2]] for s in m.gantt]
                got = [[s["start"], s["end"], s["job"]] for s in res["gantt"]]
                fin = {j.name: (j.first_run, j.finish) for j in js}
                got_fin = {j["name"]: (j["first_run"], j["finish"])
                           for j in res["jobs"]}
                if (want != got or fin != got_fin or
                        m.switches != res["context_switches"]):
                    bad[pol].append((c, " ".join(args[2:3] + args[5:]),
                                     open(path).read(), want, got,
                                     m.switches, res["context_switches"]))
    for e in errors:
        report(False, "procviz sched runs: %s" % e)
    for pol in POLICIES:
        if bad[pol]:
            c, args, wl, want, got, sw, gsw = bad[pol][0]
            report(False, "%s agrees with the reference model on %d random "
                   "workloads (%d differ)" % (pol, cases, len(bad[pol])),
                   "case %d options: %s" % (c, args[:300]),
                   ["  " + line for line in wl.splitlines()],
                   "model:   %s switches %d" % (want, sw),
                   "procviz: %s switches %d" % (got, gsw))
        else:
            report(True, "%s agrees with the reference model on %d random "
                   "workloads (Gantt, first run, finish, switches)" %
                   (pol, cases))
    flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
