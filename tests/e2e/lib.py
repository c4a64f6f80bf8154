"""tests/e2e/lib.py - what the Python end-to-end tests share (imported, not
a test itself: tests/run.sh skips it, and it is not executable).

  PROCVIZ, ROOT, HELPERS       the binary under test, the source tree, the
                               helper programs (from the environment
                               tests/run.sh sets, else the tree's own)
  report(ok, name, *details)   record one TAP result; check(cond, ...) the
                               same, returning cond (with the thread's
                               suffix, set_suffix); skip(name, why)
  flush()                      print the results not yet printed ("ok - "
                               or "not ok - " then "# " detail lines, for
                               failures only); the number of failures.
                               Also done at exit and on SIGTERM (a
                               runner's deadline), so none is lost
  pv(*args)                    procviz ARGS run to its end: (status,
                               stdout, stderr)
  poll(secs, cond)             cond() until true or the deadline
  marked_pids(mark)            live processes with PROCVIZ_TEST_MARK=mark
  wait_all_gone(mark, pids)    poll until none of them is left
  Run(name, ...)               procviz run NAME --headless --format json
                               with a fresh mark, read line by line
  one_lesson, one_sigkill      a lesson's headless run and its SIGKILL
                               run, with the checks in LESSONS/KILL_AT
  Pane(name, args)             procviz in a private tmux server
  tmux_server(tmp, sock)       the command line of such a server

Results are kept and printed at the end (flush), so tests that run their
checks in threads print them in one piece.  A detail that is a list or a
tuple prints one item a line; at most 40 lines of each.  Every wait polls
with a deadline: no fixed sleep decides a result.
"""
import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.environ.get("PROCVIZ_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PROCVIZ = os.environ.get("PROCVIZ") or os.path.join(ROOT, "procviz")
HELPERS = os.environ.get("PROCVIZ_HELPERS") or os.path.join(
    ROOT, "build", "helpers")

PACE = "0.25"              # a headless Run's default pace and interval
INTERVAL = "50"
RUN_DEADLINE = 90          # seconds a whole run may take, at most
GONE_DEADLINE = 15         # seconds for leftovers to disappear

# --- the reporter ---------------------------------------------------------

_lock = threading.RLock()   # re-entrant: the SIGTERM handler flushes
_tl = threading.local()    # .suffix: appended to check names (polling)
results = []               # (ok, name, details), in the order reported
_printed = 0


def report(ok, name, *details):
    """Record one result; its details are printed if it failed."""
    with _lock:
        results.append((bool(ok), name, details))


def skip(name, why):
    """A check that could not run here: TAP's ok with # SKIP."""
    report(True, "%s # SKIP %s" % (name, why))


def set_suffix(suffix):
    """Append suffix to the names of this thread's next checks."""
    _tl.suffix = suffix


def check(cond, name, *details):
    """report(cond, name + the thread's suffix, *details); bool(cond)."""
    suffix = getattr(_tl, "suffix", "")
    if suffix and suffix not in name:
        name += suffix
    report(bool(cond), name, *details)
    return bool(cond)


def failures():
    with _lock:
        return sum(1 for ok, _, _ in results if not ok)


def _lines(details):
    for d in details:
        for item in d if isinstance(d, (list, tuple)) else (d,):
            for line in str(item).splitlines()[:40]:
                yield "# " + line


def flush():
    """Print the results not printed yet; the number of failures."""
    global _printed
    with _lock:
        for ok, name, details in results[_printed:]:
            print(("ok - " if ok else "not ok - ") + name)
            if not ok:
                for line in _lines(details):
                    print(line)
        _printed = len(results)
    sys.stdout.flush()
    return failures()


def _on_term(sig, frame):
    flush()
    os._exit(128 + sig)


atexit.register(flush)
if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
    signal.signal(signal.SIGTERM, _on_term)

# --- processes ------------------------------------------------------------


def pv(*args, env=None, timeout=120, text=True):
    """procviz ARGS with no standard input, to its end (or timeout's
    exception): (status, stdout, stderr), decoded as UTF-8 (stdout left
    as bytes when text is False).  env: the whole environment, if given."""
    p = subprocess.run([PROCVIZ] + list(args), stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=timeout, env=env)
    out = p.stdout.decode("utf-8", "replace") if text else p.stdout
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


def poll(secs, cond, every=0.02):
    """cond() until it is true or secs have passed; its last value."""
    end = time.monotonic() + secs
    while True:
        r = cond()
        if r or time.monotonic() >= end:
            return r
        time.sleep(every)


def pid_state(pid):
    """The /proc state letter of pid, or None if it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            s = f.read()
    except OSError:
        return None
    return s[s.rfind(")") + 2]


def marked_pids(mark):
    """Live (non-zombie) processes whose environment holds
    PROCVIZ_TEST_MARK=mark: what a test's runs created, and only that."""
    needle = ("PROCVIZ_TEST_MARK=" + mark).encode()
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % d, "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            continue
        if needle in env and pid_state(int(d)) not in (None, "Z", "X"):
            found.append(int(d))
    return found


def wait_all_gone(mark, pids=(), secs=GONE_DEADLINE):
    """Poll until no marked process and none of pids (alive or zombie) is
    left.  Returns what is left at the deadline (empty when clean)."""
    end = time.monotonic() + secs
    while True:
        left = set(marked_pids(mark))
        left |= {p for p in pids if pid_state(p) is not None}
        if not left or time.monotonic() > end:
            return sorted(left)
        time.sleep(0.05)


def describe(pids):
    """A line of /proc/PID/stat for each pid, to say what was left."""
    out = []
    for p in pids:
        try:
            with open("/proc/%d/stat" % p) as f:
                out.append(f.read().strip()[:120])
        except OSError:
            out.append("%d gone" % p)
    return out


def proc_status(pid):
    """Fields of /proc/PID/status as a dict ({} if gone)."""
    try:
        with open("/proc/%d/status" % pid) as f:
            return dict(l.rstrip("\n").split(":\t", 1) for l in f
                        if ":\t" in l)
    except OSError:
        return {}


# --- headless runs --------------------------------------------------------


class Run:
    """procviz run NAME --headless --format json, read line by line, its
    processes marked with a fresh PROCVIZ_TEST_MARK (self.mark).  poll:
    without the process connector (PROCVIZ_NO_NETLINK=1)."""

    def __init__(self, name, *extra, poll=False):
        self.name = name
        self.mark = uuid.uuid4().hex
        env = dict(os.environ, PROCVIZ_TEST_MARK=self.mark)
        if poll:
            env["PROCVIZ_NO_NETLINK"] = "1"
        else:
            env.pop("PROCVIZ_NO_NETLINK", None)
        self.proc = subprocess.Popen(
            [PROCVIZ, "run", name, "--headless", "--format", "json",
             "--pace", PACE, "--interval", INTERVAL] + list(extra),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=env, text=True)
        self.lines = []
        self.events = []
        self.comm = {}          # pid -> latest comm
        self.pids = set()

    def read_line(self):
        line = self.proc.stdout.readline()
        if not line:
            return None
        self.lines.append(line)
        try:
            obj = json.loads(line)
        except ValueError:
            return {"kind": "bad", "line": line}
        if obj.get("kind") == "event":
            self.events.append(obj)
            pid = obj.get("pid")
            if pid:
                self.pids.add(pid)
            # a thread's events carry its tid: its name is not the
            # process's
            if obj.get("type") in ("spawn", "exec") and not obj.get("tid"):
                self.comm[pid] = obj.get("comm")
        return obj

    def read_until(self, pattern):
        """Read until a note matches pattern; True if it did."""
        rx = re.compile(pattern)
        while True:
            obj = self.read_line()
            if obj is None:
                return False
            if obj.get("type") == "note" and rx.search(obj.get("text", "")):
                return True

    def finish(self):
        while self.read_line() is not None:
            pass
        try:
            self.proc.wait(timeout=RUN_DEADLINE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.stderr = self.proc.stderr.read()
        return self.proc.returncode

    # --- queries ---------------------------------------------------------
    def of_type(self, t):
        return [e for e in self.events if e.get("type") == t]

    def notes(self):
        return [e["text"] for e in self.of_type("note")]

    def note(self, pattern):
        rx = re.compile(pattern)
        for t in self.notes():
            m = rx.search(t)
            if m:
                return m
        return None

    def pids_named(self, comm):
        return {p for p, c in self.comm.items() if c == comm}

    def states(self, pids=None):
        """(pid, from, to) of state events, for pids if given."""
        return [(e["pid"], e["from"], e["to"]) for e in self.of_type("state")
                if pids is None or e["pid"] in pids]

    def summary(self):
        for line in reversed(self.lines):
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if obj.get("kind") == "summary":
                return obj
        return None

    def dump(self):
        return "".join(self.lines[-60:]) + "stderr: " + getattr(
            self, "stderr", "")


# --- a lesson's runs ------------------------------------------------------

# What each lesson's run must show (name -> check function taking a Run),
# and the note where its SIGKILL run pulls the plug (the lesson in full
# swing); filled by the test that runs the lessons.
LESSONS = {}
KILL_AT = {}


def every_process(r):
    """What every lesson shows whatever the event source: each process
    ends with an exit whose status or signal is known, each zombie is
    reaped with its lifetime, each re-parenting names both parents."""
    name = r.name
    spawned = {e["pid"] for e in r.of_type("spawn")}
    exits = {e["pid"]: e for e in r.of_type("exit")}
    unknown = sorted(p for p in spawned
                     if p not in exits or not ("status" in exits[p] or
                                               "signal" in exits[p]))
    check(spawned and not unknown,
          "%s: every process (%d) exits with a known status or signal" %
          (name, len(spawned)), "without: %s" % unknown, r.dump())
    zombies = {p for p, f, t in r.states() if t == "zombie"}
    reaps = {e["pid"]: e for e in r.of_type("reap")}
    check(all(p in reaps and reaps[p].get("zombie_ms", -1) >= 0
              for p in zombies),
          "%s: every zombie (%d) is reaped, with how long it lasted" %
          (name, len(zombies)), sorted(zombies - set(reaps)), r.dump())
    check(all(e.get("from", 0) > 0 and e.get("to", 0) > 0 and
              e["from"] != e["to"] for e in r.of_type("reparent")),
          "%s: every re-parenting names both parents" % name,
          r.of_type("reparent"))
    src = json.loads(r.lines[0]).get("sources", [])
    check(src[:1] == [json.loads(r.lines[0]).get("event_source")] and
          "scenario" in src,
          "%s: the header lists the sources in use, the event source "
          "first, the lesson's announcements among them" % name, src)


def one_lesson(name, poll=False):
    """A normal headless run of the lesson: its header, steps, its own
    checks (LESSONS), every_process, and nothing left after."""
    r = Run(name, poll=poll)
    rc = r.finish()
    set_suffix(" (polling)" if poll else "")
    if poll:
        check(r.lines and json.loads(r.lines[0]).get("event_source") ==
              "poll", "%s: the header says poll" % name, r.lines[:1])
    check(rc == 0, "%s: headless run exits 0" % name, rc, r.dump())
    s = r.summary()
    check(s is not None and s.get("leftover") == 0,
          "%s: summary leftover is 0" % name, s)
    check(r.lines and json.loads(r.lines[0]).get("scenario") == r.name,
          "%s: header names the scenario" % name, r.lines[:1])
    check(r.lines and json.loads(r.lines[0]).get("subreaper") is False,
          "%s: header says procviz is not the subreaper" % name,
          r.lines[:1])
    check(r.note(r"^step 1/\d+: "), "%s: steps become note events" % name,
          r.notes())
    try:
        LESSONS[r.name](r)
        every_process(r)
    except Exception as e:  # a malformed event is a failure, not a crash
        check(False, "%s: lesson checks ran" % name, repr(e), r.dump())
    left = wait_all_gone(r.mark, r.pids)
    check(not left, "%s: nothing left after a normal end" % name,
          *describe(left))


def check_launch_hygiene(name, pids, procviz_pid):
    """Scenario processes: no ignored or blocked signal (SIGCHLD at its
    default), not in procviz's process group; the guardian in its own
    session.  A program a lesson exec'd (gil's python3) sets its own
    dispositions: only the group is checked for it."""
    bad, guard = [], []
    try:
        vz_pgid = os.getpgid(procviz_pid)
        vz_exe = os.readlink("/proc/%d/exe" % procviz_pid)
    except OSError:
        vz_pgid = vz_exe = None
    for p in pids:
        if p == procviz_pid:
            continue
        try:
            other = os.readlink("/proc/%d/exe" % p) != vz_exe
        except OSError:
            other = False
        st = proc_status(p)
        if not st or st.get("State", "").startswith("Z"):
            continue
        try:
            pgid, sid = os.getpgid(p), os.getsid(p)
        except OSError:
            continue
        if st.get("Name") == "procviz-guard":
            guard.append((p, sid))
            continue
        if (not other and (int(st["SigIgn"], 16) or
                           int(st["SigBlk"], 16))) or pgid == vz_pgid:
            bad.append((p, st.get("Name"), st["SigIgn"], st["SigBlk"], pgid))
    check(not bad, "%s: scenario processes keep every signal at its "
          "default, unblocked, outside procviz's group" % name, *bad)
    check(len(guard) == 1 and guard[0][0] == guard[0][1],
          "%s: one guardian, in its own session" % name, guard)


def one_sigkill(name, poll=False, *extra):
    """SIGKILL of procviz mid-lesson (at KILL_AT's note): nothing of the
    lesson survives it."""
    # A pace long enough that the step's processes are still there when
    # the plug is pulled, even on a loaded machine.
    r = Run(name, "--pace", "1.5", *extra, poll=poll)
    set_suffix(" (polling)" if poll else " (%s)" % " ".join(extra)
               if extra else "")
    got = r.read_until(KILL_AT.get(r.name, r"^step 2/"))
    # Let the step's processes appear before pulling the plug.
    end = time.monotonic() + 0.3
    while time.monotonic() < end and r.read_line() is not None:
        pass
    alive = set(marked_pids(r.mark))
    if not poll:
        # The guardian names itself (procviz-guard) just after its fork:
        # on a loaded machine under ASan a reading may come first.
        def guarded():
            return any(proc_status(p).get("Name") == "procviz-guard"
                       for p in alive)
        end = time.monotonic() + 5
        while not guarded() and time.monotonic() < end:
            time.sleep(0.05)
            alive = set(marked_pids(r.mark))
        check_launch_hygiene(name, alive, r.proc.pid)
    os.kill(r.proc.pid, signal.SIGKILL)
    r.finish()
    check(got and len(alive) >= 2,
          "%s: SIGKILL arrives mid-scenario (%d marked processes alive)" %
          (name, len(alive)), r.dump())
    left = wait_all_gone(r.mark, r.pids | alive)
    check(not left, "%s: nothing survives SIGKILL of procviz" % name,
          *describe(left))


def run_job(fn, args):
    """fn(*args) in a worker thread, its check names without a suffix."""
    set_suffix("")
    fn(*args)


def run_jobs(jobs, workers=None):
    """Each (fn, args) of jobs through run_job, PROCVIZ_SCEN_JOBS (4) at a
    time; a job that raises is a failed check."""
    from concurrent.futures import ThreadPoolExecutor
    workers = workers or int(os.environ.get("PROCVIZ_SCEN_JOBS", "4"))
    with ThreadPoolExecutor(max_workers=workers) as ex:
        futs = [ex.submit(run_job, fn, args) for fn, args in jobs]
        for f in futs:
            try:
                f.result()
            except Exception as e:
                check(False, "a check crashed", repr(e))


# --- the terminal UI in tmux ----------------------------------------------


def tmux_server(tmp, sock):
    """The tmux command line of a private server on socket @sock, its
    configuration written in directory @tmp: no status line, a pane kept
    after its program ends (to read its last screen)."""
    conf = os.path.join(tmp, "tmux.conf")
    with open(conf, "w") as f:
        f.write("set -g remain-on-exit on\nset -g status off\n"
                "set -g default-terminal tmux-256color\n")
    return ["tmux", "-L", sock, "-f", conf]


class Pane:
    """One procviz (PROCVIZ ARGS...) in its own tmux server and temporary
    directory, W x H, with a pinned environment and PROCVIZ_TEST_MARK
    (self.mark).  Its shell records the exit status (status()) and the
    terminal modes before and after (modes_kept())."""

    def __init__(self, name, args, w=100, h=30, prefix="pane-"):
        self.name = name
        self.dir = tempfile.mkdtemp(prefix=prefix)
        self.sock = "%s%d-%s" % (prefix, os.getpid(), uuid.uuid4().hex[:8])
        self.mark = uuid.uuid4().hex
        self.tmux = tmux_server(self.dir, self.sock)
        env = ["env", "-i", "PATH=" + os.environ.get("PATH", "/usr/bin:/bin"),
               "HOME=" + self.dir, "TZ=UTC", "TERM=tmux-256color",
               "LC_ALL=C.UTF-8", "PROCVIZ_TEST_MARK=" + self.mark]
        for var in ("PROCVIZ_LOCALEDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS"):
            if os.environ.get(var):
                env.append("%s=%s" % (var, os.environ[var]))
        script = ('stty -g >"$0/stty0"; "$@"; echo $? >"$0/rc.tmp"; '
                  'stty -g >"$0/stty1"; mv "$0/rc.tmp" "$0/rc"')
        # In a directory of its own: a key may write a file (the
        # scheduler view's w), never into the source tree.
        subprocess.run(self.tmux + ["new-session", "-d", "-c", self.dir,
                                    "-x", str(w), "-y", str(h)] + env +
                       ["sh", "-c", script, self.dir, PROCVIZ] + args,
                       check=True, env=dict(os.environ,
                                            TMUX_TMPDIR=self.dir))

    def _tmux(self, *a):
        return subprocess.run(self.tmux + list(a), capture_output=True,
                              text=True, env=dict(os.environ,
                                                  TMUX_TMPDIR=self.dir))

    def screen(self):
        return self._tmux("capture-pane", "-p").stdout

    def settled(self, tries=20):
        """The screen once two captures 50 ms apart agree (a capture can
        catch a redraw half-way, a title not yet drawn)."""
        prev = self.screen()
        for _ in range(tries):
            time.sleep(0.05)
            cur = self.screen()
            if cur == prev:
                return cur
            prev = cur
        return prev

    def keys(self, *keys):
        """tmux send-keys KEYS..."""
        self._tmux("send-keys", *keys)

    def exited(self):
        return os.path.exists(os.path.join(self.dir, "rc"))

    def status(self):
        with open(os.path.join(self.dir, "rc")) as f:
            return f.read().strip()

    def modes_kept(self):
        try:
            with open(os.path.join(self.dir, "stty0")) as a, \
                    open(os.path.join(self.dir, "stty1")) as b:
                return a.read() == b.read()
        except OSError:
            return False

    def wait(self, cond, secs):
        return poll(secs, cond, 0.05)

    def wait_text(self, text, secs=20):
        return self.wait(lambda: text in self.screen(), secs)

    def leftovers(self):
        """Live processes carrying this pane's mark (zombies excluded)."""
        return marked_pids(self.mark)

    def procviz_pids(self):
        """The pane's shell, procviz itself (the shell's child) and its
        guardian (procviz's child with procviz's command line)."""
        def children(pid):
            try:
                with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
                    return [int(c) for c in f.read().split()]
            except OSError:
                return []

        def cmdline(pid):
            try:
                with open("/proc/%d/cmdline" % pid, "rb") as f:
                    return f.read()
            except OSError:
                return None

        shell = self._tmux("display", "-p", "#{pane_pid}").stdout.strip()
        mine = {int(shell)} if shell.isdigit() else set()
        for pv in children(int(shell)) if shell.isdigit() else []:
            mine.add(pv)
            mine.update(c for c in children(pv)
                        if cmdline(c) == cmdline(pv))
        return mine

    def close(self):
        """Kill the server, anything of the mark still there, the
        directory."""
        self._tmux("kill-server")
        for pid in self.leftovers():
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
