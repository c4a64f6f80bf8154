#!/usr/bin/env python3
"""Every example lesson file (scenarios/lessons/*.yaml) runs headless:
`procviz run FILE --headless --format json` exits 0, every step fires, in
order, each on its event (the event the trigger names comes after the
previous step and before the step's note), no step on a clock or a key,
each step's highlighted lines exist in its source and hold its anchor, and
nothing is left behind.  Also a lesson whose command does not exist, and
one whose program crashes: exit 1, said in the events, nothing left.

Runs as root and, through tests/e2e/unpriv_lesson_files.sh, as nobody.
One TAP line per check; every wait polls with a deadline.
"""
import fnmatch
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from lib import PROCVIZ, ROOT, check, flush

ONLY = os.environ.get("LESSON_FILES")	# a subset, for debugging
STEP = re.compile(r"^step (\d+)/(\d+) \((\S+)(?: (.*?))?\): ")


def env():
    e = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC")
    # A pyenv shim runs bash and a dozen helpers before python: the real
    # interpreter keeps the picture to the lesson's own processes.
    if os.path.exists("/usr/bin/python3"):
        e["PATH"] = "/usr/bin:" + e.get("PATH", "/bin")
    e.pop("PROCVIZ_LESSONS", None)
    return e


def leftovers(tag):
    """Processes whose command line names the run's directory."""
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % d, "rb") as f:
                if tag.encode() in f.read():
                    found.append(int(d))
        except OSError:
            pass
    return found


def no_leftovers(tag, name):
    end = time.monotonic() + 5
    left = leftovers(tag)
    while left and time.monotonic() < end:
        time.sleep(0.05)
        left = leftovers(tag)
    check(not left, name + ": nothing left behind", "left: %s" % left)


def run(path, *extra):
    p = subprocess.run([PROCVIZ, "run", path, "--headless", "--format",
                        "json"] + list(extra), capture_output=True,
                       text=True, env=env(), timeout=120,
                       stdin=subprocess.DEVNULL)
    lines = []
    for l in p.stdout.splitlines():
        try:
            lines.append(json.loads(l))
        except ValueError:
            lines.append({"kind": "garbage", "line": l})
    return p, lines


def matches(kind, name, ev, comm):
    """Whether the JSON event ev (of a task named comm: JSON events carry
    the name only at spawn and exec) is the event the trigger kind/name
    waits for (viz/core/lesson_run.c)."""
    t = ev.get("type")
    wait = None
    if name and " on " in name:
        name, wait = name.split(" on ", 1)
    if name and name != "any" and not fnmatch.fnmatchcase(comm, name):
        return False
    if kind == "spawn":
        return t in ("spawn", "exec")
    if kind in ("exec", "exit", "reap", "reparent"):
        return t == kind
    if kind == "zombie":
        return t == "state" and ev.get("to") == "zombie"
    if kind == "block":
        b = (t == "state" and ev.get("to") == "blocked") or \
            (t == "spawn" and ev.get("state") == "blocked")
        # The wait word may become visible after the move to blocked,
        # without an event of its own (model.h "Waits"): the trigger
        # looks at the task as it is, so an unknown word counts too.
        return b and (wait is None or ev.get("wait") in (wait, None))
    return False


def step_lines(path):
    """{step: (source, first, last, trigger)} from lesson check --steps."""
    p = subprocess.run([PROCVIZ, "lesson", "check", "--steps", path],
                       capture_output=True, text=True, env=env())
    out = {}
    for l in p.stdout.splitlines():
        m = re.match(r"^step (\d+) \S+: (.*?)(?:: (\S+) (\d+)-(\d+))?$", l)
        if m:
            out[int(m.group(1))] = (m.group(3), int(m.group(4) or 0),
                                    int(m.group(5) or 0), m.group(2))
    return p.returncode, out


def check_lesson(path, d):
    name = os.path.basename(path)
    rc, steps = step_lines(path)
    check(rc == 0 and steps, name + ": lesson check passes")
    src_dir = os.path.dirname(path)
    for n, (src, first, last, trig) in sorted(steps.items()):
        check(not trig.startswith(("key", "after")),
              "%s: step %d fires on an event, not a clock or a key (%s)"
              % (name, n, trig))
        if not src:
            continue
        with open(os.path.join(src_dir, src), encoding="utf-8") as f:
            text = f.read().splitlines()
        check(1 <= first <= last <= len(text),
              "%s: step %d's lines %d-%d exist in %s" % (name, n, first,
                                                         last, src))
        around = text[max(first - 2, 0):last]
        check(any("step:" in l for l in around),
              "%s: step %d's lines hold or follow its marker" % (name, n),
              "\n".join(around))
    p, lines = run(path)
    check(p.returncode == 0, name + ": exits 0",
          "status %d" % p.returncode, p.stderr)
    check(all(l.get("kind") != "garbage" for l in lines),
          name + ": every line of stdout is JSON (the program's own "
          "output goes to procviz, not to stdout)")
    head = lines[0] if lines else {}
    check(head.get("kind") == "header" and
          head.get("scenario") == os.path.basename(path) and
          head.get("sources"), name + ": the header names the file and "
          "what is sampled", head)
    summary = lines[-1] if lines else {}
    check(summary.get("kind") == "summary" and
          summary.get("leftover") == 0, name + ": summary, leftover 0",
          summary)
    events = [l for l in lines if l.get("kind") == "event"]
    comms, names, keys = [], {}, []
    for ev in events:
        key = (ev.get("pid"), ev.get("tid") or ev.get("pid"))
        if ev.get("type") in ("spawn", "exec"):
            names[key] = ev.get("comm") or ""
        comms.append(names.get(key, ""))
        keys.append(key)

    def name_before(key, i):
        """The task's name as of event i (a rename after it entered a
        state counts: a state trigger looks at the task as it is)."""
        name = ""
        for k in range(i):
            if keys[k] == key and events[k].get("type") in ("spawn",
                                                              "exec"):
                name = events[k].get("comm") or ""
        return name
    fired, last_i, order_ok, event_ok = [], 0, True, True
    detail = []
    for i, ev in enumerate(events):
        if ev.get("type") != "note":
            continue
        m = STEP.match(ev.get("text", ""))
        if not m:
            continue
        n, total = int(m.group(1)), int(m.group(2))
        fired.append(n)
        if n != len(fired) or total != len(steps):
            order_ok = False
        kind, arg = m.group(3), m.group(4)
        if kind not in ("output", "output-match", "alive",
                        "alive-at-most"):
            # Such an event before the note: the trigger itself, or (a
            # state trigger: spawn, zombie, block) what put the task in
            # the state it was in when the step came up.
            hit = [k for k in range(last_i, i)
                   if matches(kind, arg, events[k], comms[k]) or
                   (kind in ("spawn", "block", "zombie") and
                    matches(kind, arg, events[k], name_before(keys[k], i)))]
            if not hit:
                event_ok = False
                detail.append("step %d (%s %s): no such event since the "
                              "step before" % (n, kind, arg))

    check(fired == list(range(1, len(steps) + 1)),
          name + ": every step fired, in order", "fired: %s of %d" %
          (fired, len(steps)), p.stderr)
    check(order_ok, name + ": step notes count N/M in order")
    check(event_ok, name + ": each step came after its event", *detail)
    no_leftovers(d, name)


def main():
    d = tempfile.mkdtemp(prefix="procviz-lessonfiles.")
    os.chmod(d, 0o755)
    try:
        lessons = os.path.join(d, "lessons")
        shutil.copytree(os.path.join(ROOT, "scenarios", "lessons"), lessons,
                        ignore=shutil.ignore_patterns("__pycache__"))
        for path in sorted(glob.glob(os.path.join(lessons, "*.yaml"))):
            if ONLY and os.path.basename(path) not in ONLY.split(","):
                continue
            check_lesson(path, d)
        # A command that does not exist: said, exit 1, nothing left.
        bad = os.path.join(lessons, "missing-command.yaml")
        with open(bad, "w") as f:
            f.write("title: gone\ncommand: ./no-such-program --x\n"
                    "steps:\n  - {when: {exit: any}, note: never}\n")
        p, lines = run(bad)
        notes = [l.get("text", "") for l in lines
                 if l.get("type") == "note"]
        check(p.returncode == 1, "missing command: exits 1",
              p.returncode, p.stderr)
        check(any("the lesson's program failed: exit status 127" in t and
                  "no-such-program" in t for t in notes),
              "missing command: the events say why", notes)
        check("no-such-program" in p.stderr and "failed" in p.stderr,
              "missing command: stderr says why", p.stderr)
        no_leftovers(d, "missing command")
        # A daemon that closes its output and lives on after its parent:
        # followed to its end (not cut when the output closes).
        quiet = os.path.join(lessons, "quiet.py")
        with open(quiet, "w") as f:
            f.write("import os, sys, time\nfrom lessonlib import name\n"
                    "if os.fork() == 0:\n    os.setsid()\n"
                    "    fd = os.open(os.devnull, os.O_RDWR)\n"
                    "    for i in (0, 1, 2):\n        os.dup2(fd, i)\n"
                    "    name('quiet-daemon')\n    time.sleep(11)\n"
                    "    os._exit(0)\n")
        bad = os.path.join(lessons, "quiet.yaml")
        with open(bad, "w") as f:
            f.write("title: quiet\ncommand: python3 quiet.py\nsteps:\n"
                    "  - {when: {spawn: quiet-daemon}, note: born}\n"
                    "  - {when: {exit: quiet-daemon}, note: gone}\n")
        p, lines = run(bad)
        notes = [l.get("text", "") for l in lines
                 if l.get("type") == "note"]
        check(p.returncode == 0 and
              any(t.startswith("step 2/2 (exit quiet-daemon)")
                  for t in notes),
              "a daemon that closed its output is followed to its end",
              p.returncode, notes, p.stderr)
        no_leftovers(d, "quiet daemon")
        # A program that crashes (SIGSEGV) after forking a child.
        crash = os.path.join(lessons, "crash.py")
        with open(crash, "w") as f:
            f.write("import os, signal, time\nif os.fork() == 0:\n"
                    "    time.sleep(30)\n    os._exit(0)\n"
                    "time.sleep(0.3)\nos.kill(os.getpid(), "
                    "signal.SIGSEGV)\n")
        bad = os.path.join(lessons, "crash.yaml")
        with open(bad, "w") as f:
            f.write("title: crash\ncommand: python3 crash.py\n"
                    "steps:\n  - {when: {spawn: python3}, note: forked}\n")
        p, lines = run(bad, "--duration", "20")
        notes = [l.get("text", "") for l in lines
                 if l.get("type") == "note"]
        check(p.returncode == 1, "crash: exits 1", p.returncode, p.stderr)
        check(any("killed by signal 11" in t for t in notes),
              "crash: the events say it was killed by SIGSEGV", notes)
        check(lines and lines[-1].get("leftover") == 0,
              "crash: summary leftover 0", lines[-1:] if lines else None)
        no_leftovers(d, "crash")
        # The command starts with every signal at its default: procviz
        # ignores SIGPIPE for itself, never for the lesson's program (a
        # shell pipeline's writer must die of it as without procviz).
        sig = os.path.join(lessons, "signals.yaml")
        out = os.path.join(d, "sigign")
        with open(sig, "w") as f:
            f.write("title: signals\ncommand: [sh, -c, 'grep -E "
                    "\"^Sig(Ign|Blk)\" /proc/self/status >%s']\n"
                    "steps:\n  - {when: {exit: sh}, note: ended}\n" % out)
        p, lines = run(sig)
        try:
            with open(out) as f:
                got = f.read()
        except OSError as e:
            got = repr(e)
        check(p.returncode == 0 and "SigIgn:\t0000000000000000" in got and
              "SigBlk:\t0000000000000000" in got,
              "the lesson's command starts with no signal ignored or "
              "blocked", p.returncode, got, p.stderr)
        no_leftovers(d, "signals")
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return 1 if flush() else 0


if __name__ == "__main__":
    sys.exit(main())
