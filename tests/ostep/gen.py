#!/usr/bin/env python3
"""tests/ostep/gen.py - regenerate tests/data/ostep_*.json from OSTEP's own
homework simulators, run unmodified.

The simulators are not part of procviz.  Take them from the public
repository remzi-arpacidusseau/ostep-homework (cpu-sched/scheduler.py,
cpu-sched-mlfq/mlfq.py, cpu-sched-lottery/lottery.py,
cpu-intro/process-run.py), put the four files in one directory, and run

    python3 tests/ostep/gen.py --ostep DIR [--cases N] [--out tests/data]

Every case is one run of a simulator with random options (every flag it
accepts, random seeds); the file keeps the arguments, the workload the
simulator printed (its own random jobs included, so procviz needs no copy
of Python's random number generator) and the simulator's answers (per-job
figures and the schedule, parsed from its -c output).  tests/e2e/ostep.py
checks procviz against them.  The same N and --seed give the same files.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys


def run(ostep, tool, args):
    p = subprocess.run([sys.executable, os.path.join(ostep, tool)] + args,
                       capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("%s %s: %s" % (tool, args, p.stderr))
    return p.stdout


def segments(ticks):
    """[(t, job)] one per tick -> [[start, end, job]] maximal runs."""
    out = []
    for t, j in ticks:
        if out and out[-1][2] == j and out[-1][1] == t:
            out[-1][1] = t + 1
        else:
            out.append([t, t + 1, j])
    return out


# ---- scheduler.py --------------------------------------------------------

def gen_scheduler(ostep, rng):
    pol = rng.choice(["FIFO", "SJF", "RR"])
    args = ["-p", pol, "-q", str(rng.randint(1, 6)), "-c"]
    if rng.random() < 0.5:
        args += ["-s", str(rng.randint(0, 10 ** 6)),
                 "-j", str(rng.randint(1, 7)), "-m", str(rng.randint(1, 20))]
    else:
        n = rng.randint(1, 6)
        args += ["-l", ",".join(str(rng.randint(1, 15)) for _ in range(n))]
    out = run(ostep, "scheduler.py", args)
    jobs = [int(float(x)) for x in
            re.findall(r"Job \d+ \( length = ([\d.]+) \)", out)]
    trace = [[int(float(a)), int(b), int(float(c))] for a, b, c in
             re.findall(r"\[ time +(\d+) \] Run job +(\d+) for ([\d.]+) secs",
                        out)]
    res = {}
    for j, r, t, w in re.findall(r"Job +(\d+) -- Response: ([\d.]+)  "
                                 r"Turnaround ([\d.]+)  Wait ([\d.]+)", out):
        res[int(j)] = [float(r), float(t), float(w)]
    return {"args": args, "jobs": jobs,
            "answer": {"jobs": [res[i] for i in range(len(jobs))],
                       "trace": trace}}


# ---- mlfq.py ---------------------------------------------------------------

def gen_mlfq(ostep, rng):
    args = ["-c", "-s", str(rng.randint(0, 10 ** 6))]
    nq = rng.randint(1, 4)
    if rng.random() < 0.3:
        args += ["-Q", ",".join(str(rng.randint(1, 12)) for _ in range(nq))]
    else:
        args += ["-n", str(nq), "-q", str(rng.randint(1, 12))]
    if rng.random() < 0.3:
        args += ["-A", ",".join(str(rng.randint(1, 3)) for _ in range(nq))]
        if "-n" not in args and "-Q" not in args:
            args += ["-n", str(nq)]
    elif rng.random() < 0.5:
        args += ["-a", str(rng.randint(1, 3))]
    if rng.random() < 0.6:
        args += ["-B", str(rng.randint(2, 60))]
    args += ["-i", str(rng.choice([0, 0, 1, 2, 3, 5, 8]))]
    if rng.random() < 0.4:
        args.append("-S")
    if rng.random() < 0.4:
        args.append("-I")
    if rng.random() < 0.5:
        args += ["-j", str(rng.randint(1, 4)), "-m", str(rng.randint(2, 60)),
                 "-M", str(rng.randint(1, 12))]
    else:
        n = rng.randint(1, 4)
        args += ["-l", ":".join("%d,%d,%d" % (rng.randint(0, 30),
                                             rng.randint(1, 50),
                                             rng.randint(0, 12))
                                for _ in range(n))]
    out = run(ostep, "mlfq.py", args)
    nqs = int(re.search(r"OPTIONS queues (\d+)", out).group(1))
    quanta = {int(a): int(b) for a, b in re.findall(
        r"quantum length for queue +(\d+) is +(\d+)", out)}
    allots = {int(a): int(b) for a, b in re.findall(
        r"allotments for queue +(\d+) is +(-?\d+)", out)}
    opts = {
        "queues": nqs,
        # top level first, as procviz numbers them
        "quanta": [quanta[q] for q in range(nqs - 1, -1, -1)],
        "allot": [allots[q] for q in range(nqs - 1, -1, -1)],
        "boost": int(re.search(r"OPTIONS boost (\d+)", out).group(1)),
        "io": int(re.search(r"OPTIONS ioTime (\d+)", out).group(1)),
        "stay": "OPTIONS stayAfterIO True" in out,
        "iobump": "OPTIONS iobump True" in out,
    }
    jobs = [[int(a), int(b), int(c)] for a, b, c in re.findall(
        r"Job +\d+: startTime +(\d+) - runTime +(\d+) - ioFreq +(-?\d+)", out)]
    ticks = [(int(t), int(j)) for t, j in
             re.findall(r"\[ time (\d+) \] Run JOB (\d+) at", out)]
    res = {int(j): [int(r), int(t)] for j, r, t in re.findall(
        r"Job +(\d+): startTime +\d+ - response +(-?\d+) - turnaround "
        r"+(-?\d+)", out)}
    return {"args": args, "opts": opts, "jobs": jobs,
            "answer": {"jobs": [res[i] for i in range(len(jobs))],
                       "gantt": segments(ticks)}}


# ---- lottery.py ------------------------------------------------------------

def gen_lottery(ostep, rng):
    args = ["-c", "-s", str(rng.randint(0, 10 ** 6)),
            "-q", str(rng.choice([1, 1, 2, 3, 5]))]
    if rng.random() < 0.5:
        args += ["-j", str(rng.randint(1, 5)), "-m", str(rng.randint(2, 15)),
                 "-T", str(rng.randint(2, 100))]
    else:
        n = rng.randint(1, 5)
        args += ["-l", ",".join("%d:%d" % (rng.randint(1, 12),
                                           rng.randint(1, 100))
                                for _ in range(n))]
    out = run(ostep, "lottery.py", args)
    jobs = [[int(a), int(b)] for a, b in re.findall(
        r"Job \d+ \( length = (\d+), tickets = (\d+) \)", out)]
    draws = []
    runs = []
    for r, j in re.findall(r"Random (\d+) -> Winning ticket \d+ \(of \d+\) "
                           r"-> Run (\d+)", out):
        draws.append(int(r))
        runs.append(int(j))
    done = {int(j): int(t) for j, t in
            re.findall(r"--> JOB (\d+) DONE at time (\d+)", out)}
    return {"args": args, "jobs": jobs, "draws": draws,
            "answer": {"finish": [done[i] for i in range(len(jobs))],
                       "runs": runs}}


# ---- process-run.py --------------------------------------------------------

# The states as process-run.py prints them since upstream commit 06623b0,
# which renamed WAITING to BLOCKED "to match the book".
CODES = {"RUN:cpu": "c", "RUN:io": "i", "RUN:io_done": "d", "READY": "r",
         "BLOCKED": "b", "DONE": "x", "RUNNING": "R"}


def gen_procrun(ostep, rng):
    args = ["-s", str(rng.randint(0, 10 ** 6)),
            "-L", str(rng.choice([0, 1, 2, 3, 4, 5, 5, 7]))]
    if rng.random() < 0.5:
        args += ["-S", rng.choice(["SWITCH_ON_IO", "SWITCH_ON_END"])]
    if rng.random() < 0.5:
        args += ["-I", rng.choice(["IO_RUN_LATER", "IO_RUN_IMMEDIATE"])]
    n = rng.randint(1, 4)
    if rng.random() < 0.6:
        args += ["-l", ",".join("%d:%d" % (rng.randint(1, 7),
                                           rng.choice([0, 25, 50, 75, 100,
                                                       rng.randint(0, 100)]))
                                for _ in range(n))]
    else:
        progs = []
        for _ in range(n):
            ins = []
            for _ in range(rng.randint(1, 4)):
                ins.append("i" if rng.random() < 0.4
                           else "c%d" % rng.randint(1, 5))
            progs.append(",".join(ins))
        args += ["-P", ":".join(progs)]
    listing = run(ostep, "process-run.py", args)
    programs = []
    for block in re.findall(r"Process \d+\n((?:  \S+\n)*)", listing):
        programs.append(re.findall(r"  (\S+)", block))
    out = run(ostep, "process-run.py", args + ["-c", "-p"])
    rows = []
    for line in out.splitlines():
        m = re.match(r"^ *(\d+)([* ])(.*)$", line)
        if not m or "Stats" in line:
            continue
        rest = m.group(3)
        cells = [rest[k:k + 14].strip() for k in range(0, len(rest), 14)]
        states = cells[:len(programs)]
        cpu = cells[len(programs)] if len(cells) > len(programs) else ""
        ios = cells[len(programs) + 1] if len(cells) > len(programs) + 1 \
            else ""
        rows.append("%s,%s,%s%s" % ("".join(CODES[s] for s in states),
                                    cpu or "0", ios or "0",
                                    "*" if m.group(2) == "*" else ""))
    stats = [int(x) for x in re.findall(
        r"Stats: (?:Total Time|CPU Busy|IO Busy) +(\d+)", out)]
    return {"args": args, "programs": programs,
            "answer": {"table": " ".join(rows), "stats": stats}}


TOOLS = {"scheduler": ("cpu-sched/scheduler.py", gen_scheduler),
         "mlfq": ("cpu-sched-mlfq/mlfq.py", gen_mlfq),
         "lottery": ("cpu-sched-lottery/lottery.py", gen_lottery),
         "procrun": ("cpu-intro/process-run.py", gen_procrun)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ostep", required=True,
                    help="directory holding the four simulators")
    ap.add_argument("--out", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data"))
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--only", choices=sorted(TOOLS))
    o = ap.parse_args()
    for name, (src, gen) in sorted(TOOLS.items()):
        if o.only and name != o.only:
            continue
        rng = random.Random("%d/%s" % (o.seed, name))
        cases = [gen(o.ostep, rng) for _ in range(o.cases)]
        doc = {"tool": os.path.basename(src),
               "source": "remzi-arpacidusseau/ostep-homework " + src,
               "generator": "tests/ostep/gen.py --cases %d --seed %d"
                            % (o.cases, o.seed),
               "cases": cases}
        path = os.path.join(o.out, "ostep_%s.json" % name)
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
            f.write("\n")
        print("%s: %d cases" % (path, len(cases)))


if __name__ == "__main__":
    main()
