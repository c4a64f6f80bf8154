#!/usr/bin/env python3
"""tests/e2e/ostep.py - procviz against OSTEP's own homework simulators.

tests/data/ostep_*.json hold the inputs and answers of scheduler.py,
mlfq.py, lottery.py and process-run.py, run unmodified (regenerate them
with tests/ostep/gen.py).  Every case is given to `procviz sched --headless
--format json` with the options that say the same thing (procviz.1, "OSTEP's
simulators"), and every per-job figure the tool prints and its schedule
(Gantt chart, or process-run's state table and stats) must agree.  One TAP
line per simulator; a failure names the case and the first difference.
"""
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from lib import PROCVIZ, ROOT, flush, report

DATA = os.path.join(ROOT, "tests", "data")


def procviz(args):
    p = subprocess.run([PROCVIZ, "sched", "--headless", "--format", "json"]
                       + args, capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise AssertionError("procviz %s: exit %d: %s"
                             % (" ".join(args), p.returncode, p.stderr))
    return json.loads(p.stdout)["results"][0]


def gantt_of(res, names):
    """procviz's chart as [[start, end, job index]], idle dropped."""
    idx = {n: i for i, n in enumerate(names)}
    return [[g["start"], g["end"], idx[g["job"]]] for g in res["gantt"]
            if g["job"] is not None]


def merge(segs):
    out = []
    for s, e, j in segs:
        if e <= s:
            continue
        if out and out[-1][2] == j and out[-1][1] == s:
            out[-1][1] = e
        else:
            out.append([s, e, j])
    return out


def names(n):
    out = []
    for i in range(n):
        s, v = "", i + 1
        while v > 0:
            v -= 1
            s = chr(ord("A") + v % 26) + s
            v //= 26
        out.append(s)
    return out


def check_scheduler(c):
    jobs = c["jobs"]
    pol = c["args"][c["args"].index("-p") + 1]
    q = c["args"][c["args"].index("-q") + 1]
    args = ["--jobs", ",".join(str(j) for j in jobs),
            "--policy", {"FIFO": "fcfs", "SJF": "sjf", "RR": "rr"}[pol],
            "--quantum", q]
    res = procviz(args)
    for i, (r, t, w) in enumerate(c["answer"]["jobs"]):
        got = res["jobs"][i]
        if [got["response"], got["turnaround"], got["waiting"]] != [r, t, w]:
            return "job %d: response/turnaround/wait %s, scheduler.py %s" % (
                i, [got["response"], got["turnaround"], got["waiting"]],
                [r, t, w])
    want = merge([[s, s + d, j] for s, j, d in c["answer"]["trace"]])
    got = gantt_of(res, names(len(jobs)))
    if got != want:
        return "gantt %s, scheduler.py %s" % (got, want)
    return None


def mlfq_bursts(run, freq, io):
    if freq <= 0 or freq >= run:
        return [run]
    out, left = [], run
    while left > 0:
        chunk = min(freq, left)
        out.append(chunk)
        left -= chunk
        if left > 0:
            out.append(io)
    return out


def check_mlfq(c):
    o = c["opts"]
    n = o["queues"]
    allot = [max(a, 1) * q for a, q in zip(o["allot"], o["quanta"])]
    args = ["--policy", "mlfq", "--mlfq-levels", str(n),
            "--mlfq-quanta", ",".join(map(str, o["quanta"])),
            "--mlfq-allot", ",".join(map(str, allot)),
            "--mlfq-boost", str(o["boost"]),
            "--jobs", ",".join("%d:%s" % (s, "/".join(
                map(str, mlfq_bursts(r, f, o["io"]))))
                for s, r, f in c["jobs"])]
    if o["boost"] > 0:
        args.append("--mlfq-boost-ostep")
    if o["stay"]:
        args.append("--mlfq-io-stay")
    if o["iobump"]:
        args.append("--mlfq-io-front")
    res = procviz(args)
    for i, (r, t) in enumerate(c["answer"]["jobs"]):
        got = res["jobs"][i]
        if [got["response"], got["turnaround"]] != [r, t]:
            return "job %d: response/turnaround %s, mlfq.py %s" % (
                i, [got["response"], got["turnaround"]], [r, t])
    got = gantt_of(res, names(len(c["jobs"])))
    if got != c["answer"]["gantt"]:
        return "gantt %s, mlfq.py %s" % (got, c["answer"]["gantt"])
    return None


def check_lottery(c):
    q = int(c["args"][c["args"].index("-q") + 1])
    args = ["--policy", "lottery", "--quantum", str(q), "--whole-slice",
            "--draws", ",".join(map(str, c["draws"])),
            "--jobs", ",".join("0:%d:0:tickets=%d" % (r, t)
                               for r, t in c["jobs"])]
    res = procviz(args)
    fin = [j["finish"] for j in res["jobs"]]
    if fin != c["answer"]["finish"]:
        return "finish %s, lottery.py %s" % (fin, c["answer"]["finish"])
    want = merge([[k * q, (k + 1) * q, j]
                  for k, j in enumerate(c["answer"]["runs"])])
    got = gantt_of(res, names(len(c["jobs"])))
    if got != want:
        return "gantt %s, lottery.py %s" % (got, want)
    return None


CODES = {"RUN:cpu": "c", "RUN:io": "i", "RUN:io_done": "d", "READY": "r",
         "BLOCKED": "b", "DONE": "x", "RUNNING": "R"}


def program(instrs):
    out, cpu = [], 0
    for ins in instrs:
        if ins == "cpu":
            cpu += 1
        elif ins == "io":
            if cpu:
                out.append("c%d" % cpu)
            cpu = 0
            out.append("i")
    if cpu:
        out.append("c%d" % cpu)
    return ",".join(out)


def check_procrun(c):
    a = c["args"]

    def opt(flag, default):
        return a[a.index(flag) + 1] if flag in a else default
    args = ["--policy", "procrun", "--io-length", opt("-L", "5"),
            "--procrun-switch", opt("-S", "SWITCH_ON_IO"),
            "--procrun-io-done", opt("-I", "IO_RUN_LATER"),
            "--jobs", ":".join(program(p) for p in c["programs"])]
    res = procviz(args)
    rows = []
    for r in res["table"]["rows"]:
        rows.append("%s,%d,%d%s" % ("".join(CODES[s] for s in r["states"]),
                                    r["cpu"], r["ios"],
                                    "*" if r["io_done"] else ""))
    got = " ".join(rows)
    if got != c["answer"]["table"]:
        return "table\n  %s\nprocess-run.py\n  %s" % (got,
                                                      c["answer"]["table"])
    st = res["stats"]
    got = [st["total"], st["cpu_busy"], st["io_busy"]]
    if got != c["answer"]["stats"]:
        return "stats %s, process-run.py %s" % (got, c["answer"]["stats"])
    return None


CHECKS = [("scheduler", check_scheduler), ("mlfq", check_mlfq),
          ("lottery", check_lottery), ("procrun", check_procrun)]


def main():
    only = sys.argv[1:]
    for name, check in CHECKS:
        if only and name not in only:
            continue
        with open(os.path.join(DATA, "ostep_%s.json" % name)) as f:
            doc = json.load(f)
        cases = doc["cases"]
        # make test: the first OSTEP_CASES (tests/run.sh); make check-long
        # and a run by hand: all of them
        of = ""
        if os.environ.get("OSTEP_CASES"):
            cases = cases[:int(os.environ["OSTEP_CASES"])]
            of = " (the first %d of %d)" % (len(cases), len(doc["cases"]))

        def one(c, check=check):
            try:
                return check(c)
            except AssertionError as e:
                return str(e)
        # procviz runs in parallel (each case is one process)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
            whys = list(ex.map(one, cases))
        bad = ["case %d (%s %s): %s" % (k, doc["tool"], " ".join(c["args"]),
                                        why)
               for k, (c, why) in enumerate(zip(cases, whys)) if why]
        if bad:
            report(False, "%s: %d of %d cases differ from %s"
                   % (name, len(bad), len(cases), doc["tool"]), bad[:5])
        else:
            report(True, "%s: procviz agrees with %s on all %d cases%s"
                   % (name, doc["tool"], len(cases), of))
    return 1 if flush() else 0


if __name__ == "__main__":
    sys.exit(main())
