#!/usr/bin/env python3
"""tests/e2e/sched_report.py - the headless reports of `procviz sched`
through the real binary: the JSON document of procviz.1 (shape and internal
consistency), the text report (golden for Silberschatz's 24/3/3), CSV
against JSON, SVG validity, --explain, and large inputs."""
import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

from lib import flush, pv, report

SVGNS = "{http://www.w3.org/2000/svg}"


def run(*args, timeout=120):
    return pv("sched", *args, timeout=timeout)


GOLDEN_SILBERSCHATZ = """\
procviz sched: silberschatz (3 jobs)

fcfs: first come, first served (FIFO, non-preemptive)
  |111111111111111111111111222333|
   0    5    10   15   20   25   30
  1=P1 2=P2 3=P3 (1 char = 1 tick)

  job  arrival  first run   finish  response  turnaround   waiting
  P1         0          0       24         0          24         0
  P2         0         24       27        24          27        24
  P3         0         27       30        27          30        27
  average                              17.00       27.00     17.00
  context switches 2, CPU utilisation 100.00%, makespan 30, mean normalised turnaround 6.67

sjf: shortest job first (next CPU burst, non-preemptive)
  |222333111111111111111111111111|
   0    5    10   15   20   25   30
  1=P1 2=P2 3=P3 (1 char = 1 tick)

  job  arrival  first run   finish  response  turnaround   waiting
  P1         0          6       30         6          30         6
  P2         0          0        3         0           3         0
  P3         0          3        6         3           6         3
  average                               3.00       13.00      3.00
  context switches 2, CPU utilisation 100.00%, makespan 30, mean normalised turnaround 1.42

rr: round robin, --quantum Q (default 4) | quantum 4
  |111122233311111111111111111111|
   0    5    10   15   20   25   30
  1=P1 2=P2 3=P3 (1 char = 1 tick)

  job  arrival  first run   finish  response  turnaround   waiting
  P1         0          0       30         0          30         6
  P2         0          4        7         4           7         4
  P3         0          7       10         7          10         7
  average                               3.67       15.67      5.67
  context switches 3, CPU utilisation 100.00%, makespan 30, mean normalised turnaround 2.31

mlfq: multi-level feedback queue (OSTEP rules; --mlfq-* knobs) | levels 3, quanta 10,10,10, allot 10,10,10, boost 0
  |111111111122233311111111111111|
   0    5    10   15   20   25   30
  1=P1 2=P2 3=P3 (1 char = 1 tick)

  job  arrival  first run   finish  response  turnaround   waiting
  P1         0          0       30         0          30         6
  P2         0         10       13        10          13        10
  P3         0         13       16        13          16        13
  average                               7.67       19.67      9.67
  context switches 3, CPU utilisation 100.00%, makespan 30, mean normalised turnaround 3.64
"""


def check_number_format(doc):
    """Fractional numbers carry at most 2 decimals."""
    bad = []

    def walk(x, path):
        if isinstance(x, float):
            if abs(round(x, 2) - x) > 1e-12:
                bad.append("%s = %r" % (path, x))
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(v, path + "." + k)
        elif isinstance(x, list):
            for i, v in enumerate(x):
                walk(v, "%s[%d]" % (path, i))
    walk(doc, "$")
    return bad


def check_json_doc(doc, policies, workload_names):
    """Shape of procviz.1's sched JSON (--format json) plus consistency."""
    bad = []
    if doc.get("procviz") != 1:
        bad.append("procviz is %r, not 1" % doc.get("procviz"))
    wl = doc.get("workload", [])
    if [j.get("name") for j in wl] != workload_names:
        bad.append("workload names %s" % [j.get("name") for j in wl])
    for j in wl:
        for k in ("name", "arrival", "bursts", "priority"):
            if k not in j:
                bad.append("workload job lacks %s: %s" % (k, j))
    res = doc.get("results", [])
    if [r.get("policy") for r in res] != policies:
        bad.append("policies %s, expected %s" %
                   ([r.get("policy") for r in res], policies))
    for r in res:
        p = r.get("policy")
        for k in ("params", "gantt", "jobs", "avg", "context_switches",
                  "cpu_utilization", "makespan"):
            if k not in r:
                bad.append("%s: no %s" % (p, k))
        if bad:
            return bad
        # Gantt: contiguous from 0 to the makespan, maximal runs.
        t, prev = 0, object()
        busy = 0
        for g in r["gantt"]:
            if g["start"] != t or g["end"] <= g["start"]:
                bad.append("%s: gantt gap/overlap at %s" % (p, g))
            if g["job"] == prev:
                bad.append("%s: gantt run not maximal at %s" % (p, g))
            prev, t = g["job"], g["end"]
            if g["job"] is not None:
                busy += g["end"] - g["start"]
        if t != r["makespan"]:
            bad.append("%s: gantt ends at %d, makespan %d" %
                       (p, t, r["makespan"]))
        cpu = {j["name"]: sum(j["bursts"][0::2]) for j in wl}
        io = {j["name"]: sum(j["bursts"][1::2]) for j in wl}
        ran = {}
        for g in r["gantt"]:
            if g["job"] is not None:
                ran[g["job"]] = ran.get(g["job"], 0) + g["end"] - g["start"]
        for j in r["jobs"]:
            n = j["name"]
            keys = ["name", "arrival", "first_run", "finish", "response",
                    "turnaround", "waiting"]
            if sorted(j) != sorted(keys):
                bad.append("%s: job keys %s" % (p, sorted(j)))
                continue
            if j["response"] != j["first_run"] - j["arrival"]:
                bad.append("%s: %s response != first_run - arrival" % (p, n))
            if j["turnaround"] != j["finish"] - j["arrival"]:
                bad.append("%s: %s turnaround != finish - arrival" % (p, n))
            if j["waiting"] != j["turnaround"] - cpu[n] - io[n]:
                bad.append("%s: %s waiting %d != turnaround - cpu - io" %
                           (p, n, j["waiting"]))
            if ran.get(n, 0) != cpu[n]:
                bad.append("%s: %s ran %d ticks, needs %d" %
                           (p, n, ran.get(n, 0), cpu[n]))
        nj = len(r["jobs"])
        for k, key in (("response", "response"),
                       ("turnaround", "turnaround"),
                       ("waiting", "waiting")):
            exact = sum(j[key] for j in r["jobs"]) / nj
            if abs(r["avg"].get(k, -1) - exact) > 0.005 + 1e-9:
                bad.append("%s: avg %s %s, exact %.4f" %
                           (p, k, r["avg"].get(k), exact))
        util = busy / r["makespan"] if r["makespan"] else 0
        if abs(r["cpu_utilization"] - util) > 0.005 + 1e-9:
            bad.append("%s: cpu_utilization %s, busy/makespan %.4f" %
                       (p, r["cpu_utilization"], util))
    return bad + check_number_format(doc)


def main():
    with tempfile.TemporaryDirectory(prefix="procviz-sched.") as tmp:
        checks(tmp)


def checks(tmp):
    sil = os.path.join(tmp, "sil.txt")
    with open(sil, "w") as f:
        f.write("P1 0 24\nP2 0 3\nP3 0 3\n")

    # Text golden: Silberschatz 24/3/3 under the default policies.
    rc, out, err = run("silberschatz", "--headless", "--format", "text")
    report(rc == 0 and out == GOLDEN_SILBERSCHATZ,
           "text report of silberschatz matches the golden",
           ["exit %d %s" % (rc, err)] + [
               "%-3s %r" % ("-" if a != b else " ", a) for a, b in
               zip(GOLDEN_SILBERSCHATZ.splitlines() + [""] * 99,
                   out.splitlines()) if a != b][:10])
    rc2, out2, _ = run(sil, "--headless")
    report(rc2 == 0 and out2.split("\n", 1)[1] == out.split("\n", 1)[1],
           "a file and the bundled workload give the same text report")

    # JSON: shape and consistency, default policies.
    rc, out, err = run(sil, "--headless", "--format", "json")
    try:
        doc = json.loads(out)
        bad = check_json_doc(doc, ["fcfs", "sjf", "rr", "mlfq"],
                             ["P1", "P2", "P3"])
    except ValueError as e:
        doc, bad = None, ["not JSON: %s" % e, out[:300]]
    report(rc == 0 and not bad,
           "json: one document (procviz.1), default policies fcfs,sjf,rr,mlfq",
           bad)
    if doc:
        rr = doc["results"][2]
        report(rr["params"] == {"quantum": 4} and
               rr["avg"]["waiting"] == 5.67 and
               doc["results"][0]["avg"]["waiting"] == 17 and
               isinstance(doc["results"][0]["avg"]["waiting"], int),
               "json: rr params and published averages (17, 5.67; whole "
               "numbers without decimals)", [json.dumps(rr)[:300]])

    # Every policy, with IO, on a workload that exercises everything.
    io = os.path.join(tmp, "io.txt")
    with open(io, "w") as f:
        f.write("A 0 5/3/2 2 tickets=50\nB 1 3/10 1 nice=5\n"
                "C 2 8 3 tickets=300 nice=-5\nD 20 1/1/1/1/1 0\n")
    rc, out, err = run(io, "--headless", "--format", "json", "--policy",
                       "all")
    try:
        doc = json.loads(out)
        pols = [r["policy"] for r in doc["results"]]
        bad = check_json_doc(doc, pols, ["A", "B", "C", "D"])
        if len(pols) < 12:
            bad.append("only %d policies under 'all': %s" % (len(pols), pols))
    except (ValueError, KeyError) as e:
        bad = ["bad JSON: %s" % e, out[:300], err[:300]]
    report(rc == 0 and not bad,
           "json: --policy all with IO bursts is consistent for every policy",
           bad)
    if rc == 0 and not bad:
        tk = [j for j in doc["workload"] if j["name"] == "A"][0]
        report(tk.get("tickets") == 50 and
               [j for j in doc["workload"] if j["name"] == "B"][0].get(
                   "nice") == 5,
               "json: workload shows tickets= and nice= attributes")

    # CSV agrees with JSON, one row per job and policy.
    rc, out, err = run(io, "--headless", "--format", "csv", "--policy",
                       "fcfs,rr,srtf", "--quantum", "2")
    rcj, outj, _ = run(io, "--headless", "--format", "json", "--policy",
                       "fcfs,rr,srtf", "--quantum", "2")
    lines = out.strip().split("\n")
    bad = []
    if lines[0] != ("policy,job,arrival,first_run,finish,response,"
                    "turnaround,waiting,cpu,io"):
        bad.append("header: " + lines[0])
    if len(lines) != 1 + 3 * 4:
        bad.append("%d lines, expected 13" % len(lines))
    try:
        doc = json.loads(outj)
        rows = [l.split(",") for l in lines[1:]]
        want = []
        for r in doc["results"]:
            for j in r["jobs"]:
                w = [x for x in doc["workload"] if x["name"] == j["name"]][0]
                want.append([r["policy"], j["name"], str(j["arrival"]),
                             str(j["first_run"]), str(j["finish"]),
                             str(j["response"]), str(j["turnaround"]),
                             str(j["waiting"]), str(sum(w["bursts"][0::2])),
                             str(sum(w["bursts"][1::2]))])
        if rows != want:
            bad.append("rows differ from JSON: %s vs %s" % (rows[:2], want[:2]))
    except (ValueError, KeyError, IndexError) as e:
        bad.append("json: %s" % e)
    report(rc == 0 and rcj == 0 and not bad,
           "csv: header and one row per job and policy, as in the JSON", bad)

    # SVG: valid XML, one lane per policy, a legend, a tick axis.
    rc, out, err = run("stallings", "--headless", "--format", "svg",
                       "--policy", "fcfs,rr,srtf")
    bad = []
    try:
        root = ET.fromstring(out)
        if root.tag != SVGNS + "svg":
            bad.append("root is %s" % root.tag)
        texts = [t.text or "" for t in root.iter(SVGNS + "text")]
        for lane in ("fcfs", "rr q=4", "srtf"):
            if lane not in texts:
                bad.append("no lane label %r" % lane)
        for name in "ABCDE":
            if texts.count(name) < 2:
                bad.append("job %s not labelled in bars and legend" % name)
        for tick in ("0", "10", "20"):
            if tick not in texts:
                bad.append("no axis label %s" % tick)
        bars = [r for r in root.iter(SVGNS + "rect")
                if r.find(SVGNS + "title") is not None]
        _, outj, _ = run("stallings", "--headless", "--format", "json",
                         "--policy", "fcfs,rr,srtf")
        nseg = sum(1 for r in json.loads(outj)["results"]
                   for g in r["gantt"] if g["job"] is not None)
        if len(bars) != nseg:
            bad.append("%d bars, expected %d (one per Gantt segment)" %
                       (len(bars), nseg))
    except ET.ParseError as e:
        bad.append("not valid XML: %s" % e)
    report(rc == 0 and not bad, "svg: valid, lanes, legend and tick axis",
           bad)
    out_svg = os.path.join(tmp, "o.svg")
    rc, out, err = run("--random", "2000", "--seed", "9", "--headless",
                       "--format", "svg", "--output", out_svg)
    try:
        ET.parse(out_svg)
        okp = rc == 0 and out == ""
    except (ET.ParseError, OSError) as e:
        okp, err = False, str(e)
    report(okp, "svg: a long random run is scaled and still valid (--output)",
           [err])

    # --explain: one why line per instant, in text and JSON.
    rc, out, err = run("stallings", "--headless", "--policy", "rr",
                       "--quantum", "1", "--convention", "textbook",
                       "--explain")
    why = [l.strip() for l in out.splitlines() if l.startswith("    t=")]
    report(rc == 0 and len(why) == 21 and why[0].startswith("t=0:") and
           why[-1].startswith("t=20:") and "textbook" in out,
           "text --explain prints a why line for every instant 0..20",
           why[:3] + [err])
    rc, out, err = run("stallings", "--headless", "--policy", "fcfs,sjf",
                       "--format", "json", "--explain")
    try:
        doc = json.loads(out)
        okp = all(len(r["why"]) == r["makespan"] + 1 for r in doc["results"])
    except (ValueError, KeyError) as e:
        okp, err = False, str(e)
    report(rc == 0 and okp, "json --explain adds a why list per policy",
           [err])

    # Textbook numbers through the text report: Stallings' RR q=1 trace.
    rc, out, err = run("stallings", "--headless", "--policy", "rr",
                       "--quantum", "1", "--convention", "textbook")
    report(rc == 0 and "|AABABCBDCBEDCBEDCBDD|" in out,
           "text: Stallings RR q=1 (textbook) Gantt AABABCBDCBEDCBEDCBDD",
           [out[:400]])

    # Scaled text chart: never wider than the chart width, axis labelled.
    rc, out, err = run("--random", "500", "--seed", "2", "--headless",
                       "--policy", "fcfs")
    bar = [l for l in out.splitlines() if l.startswith("  |")]
    report(rc == 0 and len(bar) == 1 and len(bar[0]) <= 2 + 72 + 2 and
           "ticks, showing the job that ran most of them" in out,
           "text: a long chart is scaled to at most 72 columns", bar)

    # 100,000 jobs from a file: parsed and simulated, every job finishes.
    big = os.path.join(tmp, "big.txt")
    with open(big, "w") as f:
        for i in range(100000):
            f.write("j%d %d %d/%d/%d\n" % (i, i * 3, i % 9 + 1, i % 4 + 1,
                                           i % 5 + 1))
    rc, out, err = run(big, "--headless", "--format", "json", "--policy",
                       "rr", timeout=240)
    try:
        doc = json.loads(out)
        jobs = doc["results"][0]["jobs"]
        okp = len(jobs) == 100000 and all(j["finish"] is not None
                                          for j in jobs)
    except (ValueError, KeyError, IndexError) as e:
        okp, err = False, "%s %s" % (e, err)
    report(rc == 0 and okp,
           "100,000 jobs from a file: every job finishes under rr", [err])
    return 0


if __name__ == "__main__":
    main()
    flush()
    sys.exit(0)
