#!/usr/bin/env python3
"""tests/e2e/ui_monkey.py - every key, at every moment, is safe.

A monkey drives the real binary in tmux: each view gets every key of its
keys table plus random keys (printable, function and cursor keys, a CJK
character), terminal resizes and mouse clicks, in each phase of every
lesson: stepping, paused, frozen, ended, and after the lesson's processes
are gone.  The home, sched, drive and replay views get a random walk of
their own (Esc, Tab and Enter included, so it wanders between views).

After every key it checks that procviz is still alive; at the end that q
(or F10 where q means something else) quits with status 0, that the
terminal's modes are what they were (stty -g before and after), and that
nothing the run started is left behind.

The seed is fixed (MONKEY_SEED, default 1207) and the number of random
keys per phase bounded (MONKEY_KEYS, default 8), so make test is
repeatable; make check-long sets more.  A failure prints the seed, the
last keys sent and the screen.  No fixed sleeps decide a result: each
wait polls for what it expects, with a deadline.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import lib
from lib import PROCVIZ, flush, report

SEED = int(os.environ.get("MONKEY_SEED", "1207"))
NKEYS = int(os.environ.get("MONKEY_KEYS", "8"))
JOBS = int(os.environ.get("MONKEY_JOBS", "3"))
LESSONS = os.environ.get("MONKEY_LESSONS")     # "zombie,pool": a subset
# Every lesson gets the sweep of every key in every phase with
# MONKEY_FULL=1 (make check-long); make test sweeps one phase per lesson,
# in turn (the first lesson, zombie, at its end: where the SIGPIPE was).
FULL = os.environ.get("MONKEY_FULL") == "1"
SWEEP_PHASES = ("ended", "processes gone", "running")
ALIVE_PAUSE = 0.015     # after a key, before the alive check (a crash is
                        # immediate; the deadline waits below are not this)

T0 = time.monotonic()


# Keys that end procviz by design (q and F10 in every view, ^C, ^\) or
# stop it (^Z):
# never sent at random; the quit keys are checked at the end instead.
QUIT_KEYS = {"q", "F10", "C-c", "C-\\", "C-z"}
SPECIAL = ["Up", "Down", "Left", "Right", "Home", "End", "PPage", "NPage",
           "Enter", "BSpace", "DC", "IC", "BTab", "Space"] + \
          ["F%d" % i for i in range(1, 13) if i != 10]
PRINTABLE = [chr(c) for c in range(0x21, 0x7f)]
UNIVERSE = [k for k in PRINTABLE + SPECIAL if k not in QUIT_KEYS] + \
    ["中", "@mouse", "@resize"]
# In a lesson's phases: no key that leaves the lesson view (Esc, Tab go
# home or switch), restarts it (r) or may stop one of its processes for
# good (k/K send signals): those come in the last phase, when nothing
# more is waited for.
LESSON_EARLY = [k for k in UNIVERSE if k not in ("Esc", "Tab", "r", "k",
                                                  "K", "s", "Space")]
LESSON_LATE = [k for k in UNIVERSE if k not in ("Esc", "Tab", "r", "s",
                                                 "Space")]
# s and space once each way in the late phases (freeze and pause an ended
# lesson), pressed in pairs so that nothing stays frozen.
TOGGLES = ["s", "s", "Space", "Space"]
# The sweeps: every printable key and every special one, once.  s and
# space are left to the phases (they freeze and pause), n to stepping.
SWEEP_EARLY = [k for k in LESSON_EARLY if k not in ("s", "Space", " ", "n",
                                                    "@resize", "@mouse")]
SWEEP_LATE = [k for k in LESSON_LATE if k not in ("s", "Space", " ",
                                                  "@resize", "@mouse")]
WALK = UNIVERSE + ["Esc", "Tab", "Escape"]
SIZES = [(100, 30), (80, 24), (40, 12), (20, 6), (150, 45), (100, 30)]


class Pane(lib.Pane):
    """lib.Pane with a monkey: the keys it sent, random ones from rng."""

    def __init__(self, name, args, rng, w=100, h=30):
        self.rng = rng
        self.sent = []
        super().__init__(name, args, w, h, prefix="monkey-")

    def send(self, key):
        """Send one key (a tmux key name, a character, @mouse, @resize)."""
        self.sent.append(key)
        if key == "@resize":
            w, h = self.rng.choice(SIZES)
            self._tmux("resize-window", "-x", str(w), "-y", str(h))
        elif key == "@mouse":
            # An xterm (X10) click: press then release, at a random cell.
            x, y = self.rng.randrange(1, 90), self.rng.randrange(1, 28)
            hexes = []
            for b in (32, 35):
                hexes += ["1b", "5b", "4d", "%02x" % b, "%02x" % (32 + x),
                          "%02x" % (32 + y)]
            self._tmux("send-keys", "-H", *hexes)
        elif len(key) == 1 or not key.isascii():
            self._tmux("send-keys", "-H",
                       *["%02x" % b for b in key.encode()])
        else:
            self._tmux("send-keys", key)

    def log(self, what):
        if os.environ.get("MONKEY_DEBUG"):
            sys.stderr.write("%7.2f %s: %s\n" % (time.monotonic() - T0,
                                                 self.name, what))

    def alive_after(self, key, where):
        self.send(key)
        time.sleep(ALIVE_PAUSE)
        if self.exited():
            report(False, "%s: procviz alive after every key (%s)" %
                   (self.name, where), "seed %d" % SEED,
                   "last keys: %r" % self.sent[-12:],
                   "exit status " + self.status(), self.screen())
            return False
        return True

    def monkey(self, keys, n, where):
        """Every key of @keys that is in the view's table is covered by
        @keys being a superset; n random ones from @keys.  True if alive
        after each."""
        for _ in range(n):
            if not self.alive_after(self.rng.choice(keys), where):
                return False
        return True

    def sweep(self, keys, where, then="Enter"):
        """Each key of @keys once, in order, each followed by @then (it
        closes the help box, a prompt or a picker the key opened, so the
        next key reaches the view again).  True if alive after each."""
        for k in keys:
            if not self.alive_after(k, where):
                return False
            if then and not self.alive_after(then, where):
                return False
        return True

    def quit(self, keys):
        """Leave any prompt, then quit; True once exited."""
        for k in keys:
            if self.exited():
                break
            self.send(k)
            # A quit key gets time to end the run; the others only close
            # a prompt or go back a view.
            self.wait(self.exited, 5 if k in QUIT_KEYS else 0.3)
        return self.wait(self.exited, 20)

    def lesson_pids(self):
        """What the lesson started and is still alive."""
        own = self.procviz_pids()
        return [p for p in self.leftovers() if p not in own]

    def finish(self, quit_keys, what):
        """The checks of every run's end, then tear down."""
        ok = self.quit(quit_keys)
        report(ok and self.status() == "0",
               "%s: %s quits with status 0" % (self.name, what),
               "seed %d" % SEED, "last keys: %r" % self.sent[-12:],
               "status " + (self.status() if ok else "(still running)"),
               self.screen())
        if ok:
            report(self.modes_kept(),
                   "%s: the terminal's modes are restored" % self.name)
        gone = self.wait(lambda: not self.leftovers(), 15)
        report(gone, "%s: nothing left behind" % self.name,
               self.leftovers())
        self.close()


def lesson_names():
    out = subprocess.run([PROCVIZ, "list"], capture_output=True,
                         text=True).stdout
    names = [l.split("\t")[1] for l in out.splitlines()
             if l.startswith("scenario\t")]
    if LESSONS:
        names = [n for n in names if n in LESSONS.split(",")]
    return names


def ensure(p, on_text, key, want_on, view="procviz run"):
    """Press @key until @on_text shows (want_on) or not, judged on a
    settled screen of the view (its title has @view: not a "Terminal too
    small" screen left from a random size the view has not redrawn since
    the pane was made large again)."""
    if not p.wait(lambda: view in p.settled(), 30):
        return False
    # A toggle: press once and wait as long as it takes (a loaded machine
    # redraws late; pressing again meanwhile would toggle it back).
    for _ in range(2):
        if (on_text in p.settled()) == want_on:
            return True
        p.send(key)
        if p.wait(lambda: (on_text in p.settled()) == want_on, 30):
            return True
    return False


def lesson(name, seed, index):
    """One lesson, stepped with n, through every phase."""
    rng = random.Random("%d:%s" % (seed, name))
    sweeps = SWEEP_PHASES if FULL else \
        (SWEEP_PHASES[index % len(SWEEP_PHASES)],)
    p = Pane("run " + name, ["run", name, "--step", "--pace", "0.2",
                             "--interval", "50"], rng)
    try:
        if not p.wait_text("procviz run", 20):
            report(False, "run %s: the lesson view shows" % name,
                   p.screen())
            p.close()
            return
        # Each phase is entered and left by its own key, never pressed at
        # random (LESSON_EARLY leaves s and space out), so the lesson is
        # known to run again after it.
        phases = [
            ("stepping", None, None),
            ("paused", "Space", "PAUSED"),
            ("frozen", "s", "FROZEN"),
        ]
        # Wide enough for the whole title (both words may show).
        p._tmux("resize-window", "-x", "220", "-y", "30")
        for where, key, word in phases:
            p.log(where)
            if key and not p.alive_after(key, where + " (enter)"):
                return p.close()
            if not p.monkey(LESSON_EARLY, NKEYS, where):
                return p.close()
            p.send("Enter")     # closes a help box or a prompt left open
            p._tmux("resize-window", "-x", "220", "-y", "30")
            if key:
                ok = ensure(p, word, key, False)
                report(ok, "run %s: %s and back" % (name, where),
                       "last keys: %r" % p.sent[-12:], p.screen())
                if not ok:
                    return p.close()
        # Every key once while the lesson still runs (any view key and
        # any of the lesson's own keys is among them).
        if "running" in sweeps and \
                not p.sweep(SWEEP_EARLY, "each key, running"):
            return p.close()
        p.send("Enter")
        p._tmux("resize-window", "-x", "100", "-y", "30")
        p.log("stepping to the end")
        ended = False
        end = time.monotonic() + 150
        while not ended and time.monotonic() < end:
            p.send("n")
            ended = p.wait(lambda: "LESSON ENDED" in p.screen(), 0.5)
        report(ended, "run %s: n steps the lesson to its end" % name,
               p.screen())
        if not ended:
            return p.finish(["Enter", "q"], "q")
        p.log("ended")
        if not p.sweep(TOGGLES, "s and space, ended", then=None):
            return p.close()
        if "ended" in sweeps and \
                not p.sweep(SWEEP_LATE, "each key, ended"):
            return p.close()
        if not p.monkey(LESSON_LATE, NKEYS, "ended"):
            return p.close()
        p.send("Enter")
        # The lesson's processes gone (the view stays up with the
        # last picture): every key again.
        p.wait(lambda: not p.lesson_pids(), 30)
        p.log("processes gone")
        if not p.sweep(TOGGLES, "s and space, processes gone", then=None):
            return p.close()
        if "processes gone" in sweeps and \
                not p.sweep(SWEEP_LATE, "each key, processes gone"):
            return p.close()
        if not p.monkey(LESSON_LATE, NKEYS, "processes gone"):
            return p.close()
        # Restart, and quit at once: the restart's processes go too.
        p.send("Enter")
        if not p.alive_after("r", "restart"):
            return p.close()
        p.log("quit")
        p.finish(["Enter", "q"], "q")
        p.log("done")
    except Exception as e:      # a broken check is a failure, not a crash
        report(False, "run %s: monkey ran" % name, repr(e))
        p.close()


def walk(name, args, seed, quit_keys, ready):
    """A random walk in a view that may wander to others."""
    rng = random.Random("%d:%s" % (seed, name))
    p = Pane(name, args, rng)
    try:
        if not p.wait_text(ready, 20):
            report(False, "%s: the view shows" % name, p.screen())
            return p.close()
        for key in [k for k in SPECIAL if k not in QUIT_KEYS]:
            if not p.alive_after(key, "each special key"):
                return p.close()
        if not p.monkey(WALK, NKEYS * 6, "random walk"):
            return p.close()
        p.finish(quit_keys, "/".join(k for k in quit_keys
                                      if k in QUIT_KEYS))
    except Exception as e:
        report(False, "%s: monkey ran" % name, repr(e))
        p.close()


def make_recording(path):
    env = dict(os.environ, PROCVIZ_TEST_MARK=uuid.uuid4().hex)
    r = subprocess.run([PROCVIZ, "run", "zombie", "--headless",
                        "--pace", "0.2", "--interval", "50", "--record",
                        path], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, env=env, timeout=120)
    return r.returncode == 0


def main():
    if shutil.which("tmux") is None:
        print("not ok - tmux is installed (needed by the UI tests)")
        return 0
    tmp = tempfile.mkdtemp(prefix="monkey-rec-")
    rec = os.path.join(tmp, "zombie.rec")
    try:
        have_rec = make_recording(rec)
        report(have_rec, "a zombie recording for the replay view")
        work = [(lesson, (n, SEED, i))
                for i, n in enumerate(lesson_names())]
        # Esc first leaves any prompt or modal; q (or F10) quits every
        # view.
        esc_quit = ["Escape", "Enter", "Escape", "q", "Escape", "q", "F10"]
        work += [
            (walk, ("home", [], SEED, esc_quit, "Lessons")),
            (walk, ("sched", ["sched", "--jobs", "24,3,3", "--policy",
                              "fcfs,sjf,rr,mlfq"], SEED, esc_quit,
                    "procviz sched")),
            (walk, ("drive", ["drive", "silberschatz", "--policy", "rr"],
                    SEED, esc_quit, "drive: silberschatz")),
        ]
        if have_rec:
            work.append((walk, ("replay", ["replay", rec], SEED, esc_quit,
                                "procviz replay")))
        with ThreadPoolExecutor(max_workers=JOBS) as ex:
            for f in [ex.submit(fn, *a) for fn, a in work]:
                f.result()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    flush()
    print("# seed %d, %d random keys per phase" % (SEED, NKEYS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
