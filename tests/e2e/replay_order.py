#!/usr/bin/env python3
"""tests/e2e/replay_order.py - siblings in birth order, whatever order a
reading lists them in: a hand-written recording lists three children out
of order (pid 303 born last first, 301 and 302 born in the same tick) and
one born earliest only in a later reading (299).  Replayed headless, the
spawn events of one reading come oldest first (start time, then pid); the
SVG draws the children in birth order under their parent, 299 first; and
a recording's optional "tty" member is read (the TTY column's source)."""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from lib import PROCVIZ, flush, report

NS = "{http://www.w3.org/2000/svg}"


def proc(pid, ppid, start, comm, tty=None, cpu=0):
    p = {"pid": pid, "ppid": ppid, "pgid": 200, "sid": 200,
         "state": "R" if cpu else "S",
         "threads": 1, "start": start, "cpu": cpu, "exit_code": -1,
         "comm": comm, "parent_comm": "x"}
    if tty is not None:
        p["tty"] = tty
    return p


def main():
    header = {"kind": "header", "procviz_record": 1, "source": "run",
              "scenario": "join", "command": None, "pid": 0,
              "interval_ms": 100, "event_source": "poll",
              "subreaper": False, "sources": "poll"}
    first = [proc(200, 1, 4000, "parent", tty=34816),
             proc(303, 200, 5003, "c3"), proc(301, 200, 5001, "c1"),
             proc(302, 200, 5001, "c2")]
    lines = [header,
             {"kind": "sample", "t_ms": 0, "full": True,
              "interval_ms": 100, "procs": first, "vanished": []},
             {"kind": "sample", "t_ms": 100, "full": False,
              "interval_ms": 100, "procs": [proc(299, 200, 5000, "c0")],
              "vanished": []},
             {"kind": "sample", "t_ms": 200, "full": True,
              "interval_ms": 100, "procs": first[:1], "vanished": [
                  {"pid": p, "exit_code": 0, "reaped_by": 200}
                  for p in (299, 301, 302, 303)]}]
    with tempfile.TemporaryDirectory() as tmp:
        rec = os.path.join(tmp, "order.rec")
        with open(rec, "w") as f:
            for l in lines:
                f.write(json.dumps(l) + "\n")
        p = subprocess.run([PROCVIZ, "replay", rec, "--headless", "--format",
                            "json"], capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=60)
        report(p.returncode == 0, "the recording replays headless",
               [p.stderr])
        spawns = [json.loads(l)["pid"] for l in p.stdout.splitlines()
                  if '"type":"spawn"' in l]
        report(spawns == [200, 301, 302, 303, 299],
               "spawn events of one reading come in birth order",
               [spawns])
        svg = os.path.join(tmp, "order.svg")
        p = subprocess.run([PROCVIZ, "replay", rec, "--format", "svg",
                            "--output", svg], capture_output=True,
                           text=True, stdin=subprocess.DEVNULL, timeout=60)
        report(p.returncode == 0, "replay --format svg exits 0", [p.stderr])
        try:
            rows = ET.parse(svg).getroot().findall(
                ".//%sg[@class='row']" % NS)
            pids = [int(r.get("data-pid")) for r in rows]
        except (ET.ParseError, OSError, TypeError, ValueError) as e:
            pids = [str(e)]
        report(pids == [200, 299, 301, 302, 303],
               "the SVG draws siblings in birth order (start, then pid)",
               [pids])
        # trace: running readings (CPU grows 10 ticks a 100 ms sample).
        def busy(cpu):
            return [proc(200, 1, 4000, "parent", cpu=cpu),
                    proc(303, 200, 5003, "c3", cpu=cpu),
                    proc(301, 200, 5001, "c1", cpu=cpu),
                    proc(302, 200, 5001, "c2", cpu=cpu)]
        lines = [header] + [
            {"kind": "sample", "t_ms": 100 * i, "full": True,
             "interval_ms": 100, "procs": busy(10 * i), "vanished": []}
            for i in range(5)] + [
            {"kind": "sample", "t_ms": 500, "full": True,
             "interval_ms": 100, "procs": [], "vanished": [
                 {"pid": p, "exit_code": 0, "reaped_by": 0}
                 for p in (200, 301, 302, 303)]}]
        with open(rec, "w") as f:
            for l in lines:
                f.write(json.dumps(l) + "\n")
        p = subprocess.run([PROCVIZ, "trace", rec], capture_output=True,
                           text=True, stdin=subprocess.DEVNULL, timeout=60)
        jobs = [l.split("\t")[0] for l in p.stdout.splitlines()
                if l and not l.startswith("#")]
        report(p.returncode == 0 and
               jobs == ["parent-200", "c1-301", "c2-302", "c3-303"],
               "trace makes jobs of processes seen together in birth order",
               [p.returncode, p.stderr, jobs])
    return 1 if flush() else 0


if __name__ == "__main__":
    sys.exit(main())
