#!/usr/bin/env python3
"""tests/e2e/replay_svg.py - `procviz replay FILE --format svg`: a recorded
lesson drawn for slides.  The picture is parsed and held against the
events the same recording replays to headless: one row per process (in
tree order, children under their parent), every spawn, exec, exit, reap,
re-parenting and thread-count change marked, every note drawn, time
ticks, states with the screen's letters; bad use fails with exit 2."""
import collections
import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

from lib import flush, pv, report

NS = "{http://www.w3.org/2000/svg}"
LETTERS = {"running": "R", "ready": "r", "blocked": "B", "stopped": "T",
           "zombie": "Z"}
MARKED = ("spawn", "exec", "exit", "reap", "reparent", "threads")


def events_of(rec):
    rc, out, err = pv("replay", rec, "--headless", "--format", "json")
    if rc != 0:
        return None
    return [json.loads(l) for l in out.splitlines()
            if l.startswith('{"kind":"event"')]


def check_lesson(tmp, scenario):
    rec = os.path.join(tmp, scenario + ".rec")
    svg = os.path.join(tmp, scenario + ".svg")
    rc, _, err = pv("run", scenario, "--headless", "--pace", "0.2",
                    "--record", rec)
    report(rc == 0, "%s: run --record exits 0" % scenario, [err])
    evs = events_of(rec)
    report(evs is not None and len(evs) > 0,
           "%s: the recording replays headless" % scenario)
    if not evs:
        return
    rc, _, err = pv("replay", rec, "--format", "svg", "--output", svg)
    report(rc == 0 and "written to" in err,
           "%s: replay --format svg --output exits 0 and says where" %
           scenario, [rc, err])
    try:
        root = ET.parse(svg).getroot()
    except (ET.ParseError, OSError) as e:
        report(False, "%s: the picture is well-formed XML" % scenario, [e])
        return
    report(root.tag == NS + "svg", "%s: the picture is an SVG" % scenario)

    rows = root.findall(".//%sg[@class='row']" % NS)
    spawns = [e for e in evs if e["type"] == "spawn"]
    report(len(rows) == len(spawns),
           "%s: one row per process (%d)" % (scenario, len(spawns)),
           ["rows %d" % len(rows)])
    pids = [int(r.get("data-pid")) for r in rows]
    report(sorted(pids) == sorted(e["pid"] for e in spawns),
           "%s: the rows are the processes spawned" % scenario,
           [pids, [e["pid"] for e in spawns]])
    # Tree order: a child's row comes after its parent's, one level deeper.
    at = {}
    ok_tree = True
    for i, r in enumerate(rows):
        at[int(r.get("data-pid"))] = (i, int(r.get("data-depth")))
    for e in spawns:
        if e["ppid"] in at:
            pi, pd = at[e["ppid"]]
            ci, cd = at[e["pid"]]
            ok_tree &= pi < ci and cd == pd + 1
    report(ok_tree, "%s: children are drawn under their parent" % scenario)

    marks = collections.Counter(g.get("data-event") for g in
                                root.iter(NS + "g")
                                if g.get("class") == "event")
    want = collections.Counter(e["type"] for e in evs
                               if e["type"] in MARKED)
    report(marks == want, "%s: every event is marked on its row (%s)" %
           (scenario, dict(want)), [dict(marks)])

    notes = [e for e in evs if e["type"] == "note"]
    texts = root.findall(".//%stext[@class='note-text']" % NS)
    lines = root.findall(".//%sline[@class='note']" % NS)
    report(len(texts) == len(notes) and 1 <= len(lines) <= len(notes),
           "%s: every note is listed (%d) and drawn as a line" %
           (scenario, len(notes)), [len(texts), len(lines)])

    ticks = root.findall(".//%sline[@class='tick']" % NS)
    report(len(ticks) >= 3, "%s: the time axis has ticks" % scenario,
           [len(ticks)])

    states = root.findall(".//%srect[@class='state']" % NS)
    bad = [s.get("data-state") for s in states
           if s.get("data-state") not in LETTERS]
    report(len(states) >= len(rows) and not bad,
           "%s: every row has state stretches, named as on screen" %
           scenario, [len(states), bad])
    # The letter is written in every stretch wide enough for it.
    letters = set()
    for g in rows:
        for t in g.findall(NS + "text"):
            if t.text and len(t.text) == 1:
                letters.add(t.text)
    if scenario == "zombie":  # its zombies last most of the lesson
        report("Z" in letters, "zombie: zombie stretches carry the "
               "letter Z", [letters])
    gone = [e for e in evs if e["type"] in ("reap", "gone")]
    ended = root.findall(".//%stext[@class='ended']" % NS)
    report(len(ended) == len(gone),
           "%s: each process that went away is marked ended" % scenario,
           [len(ended), len(gone)])

    rc, out, _ = pv("replay", rec, "--format", "svg")
    with open(svg, encoding="utf-8") as f:
        same = f.read() == out
    report(rc == 0 and same, "%s: without --output the picture goes to "
           "stdout, the same" % scenario)


def check_threads(tmp):
    """The threads lesson (recorded in threads mode): one row per task,
    under its process, as many as the recording's thread spawns."""
    rec = os.path.join(tmp, "threads.rec")
    svg = os.path.join(tmp, "threads.svg")
    rc, _, err = pv("run", "threads", "--headless", "--pace", "0.2",
                    "--record", rec)
    report(rc == 0, "threads: run --record exits 0", [err])
    evs = events_of(rec) or []
    tids = {e["tid"] for e in evs if e.get("type") == "spawn"
            and e.get("tid") and e["tid"] != e["pid"]}
    rc, _, err = pv("replay", rec, "--format", "svg", "--output", svg)
    report(rc == 0, "threads: replay --format svg exits 0 (no crash on "
           "many rows)", [rc, err])
    if rc != 0:
        return
    root = ET.parse(svg).getroot()
    rows = [g for g in root.iter(NS + "g")
            if (g.get("class") or "").split()[:1] == ["row"]]
    tasks = {int(g.get("data-pid")) for g in rows
             if "task" in (g.get("class") or "").split()}
    report(len(tids) >= 8 and tasks == tids,
           "threads: one task row per thread the recording saw",
           ["threads %s" % sorted(tids), "task rows %s" % sorted(tasks)])
    labels = [t.text or "" for g in rows
              if "task" in (g.get("class") or "").split()
              for t in g.iter(NS + "text") if t.get("class") == "label"]
    report(labels and all("(thread)" in l for l in labels),
           "threads: task rows say (thread)", labels[:3])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        check_lesson(tmp, "zombie")
        check_lesson(tmp, "orphan")
        check_threads(tmp)
        rec = os.path.join(tmp, "zombie.rec")
        rc, _, err = pv("replay", rec, "--output", os.path.join(tmp, "x"))
        report(rc == 2 and "--format svg" in err,
               "--output without --format svg is a usage error", [rc, err])
        rc, _, err = pv("replay", rec, "--format", "svg", "--output",
                        os.path.join(tmp, "no", "such", "x.svg"))
        report(rc == 2 and "no/such/x.svg" in err,
               "an --output that cannot be written exits 2 naming it",
               [rc, err])
        bad = os.path.join(tmp, "bad.rec")
        with open(bad, "w") as f:
            f.write('{"kind":"header","procviz_record":1}\n{"kind":1}\n')
        rc, _, err = pv("replay", bad, "--format", "svg")
        report(rc == 2 and "bad.rec:" in err,
               "a bad recording exits 2 with FILE:LINE", [rc, err])
        rc, _, err = pv("replay", rec, "--format", "png")
        report(rc == 2 and "svg" in err,
               "an unknown --format names the choices", [rc, err])
    n = flush()
    print("# %d failed" % n)
    return 1 if n else 0


if __name__ == "__main__":
    sys.exit(main())
