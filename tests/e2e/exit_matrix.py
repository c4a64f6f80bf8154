#!/usr/bin/env python3
"""tests/e2e/exit_matrix.py - every scenario x every way out x headless/UI,
and the traced `watch` (ptrace) x every headless way out.

For each scenario of `procviz list` (and a few example lesson files,
EXIT_MATRIX_LESSONS), each way procviz can end - q in the UI,
Ctrl-C, SIGTERM, SIGHUP, SIGKILL, and an injected fatal error
(PROCVIZ_TEST_FAIL_AFTER_MS, see procviz(1)) - headless and in the UI (a
private tmux server), several times each, this checks that afterwards:

  - no process the scenario created exists, zombie or not: every process
    carrying the scenario marker PROCVIZ_SCENARIO=<procviz pid>.* in
    /proc/PID/environ (scenarios/guard.h) is recorded with its start time
    while the run goes on; at the end none of them may exist any more
    (a zombie's environ is empty, hence the recording), and no process may
    carry the marker;
  - the guardian (the marker's second pid) is gone;
  - the terminal is restored (`stty -a` in the pane before == after) on
    every way out but SIGKILL;
  - procviz ended the way it should: handled signals exit with a status
    (not killed by the signal), the fatal error exits 1 with its message.

The cells run in parallel (EXIT_MATRIX_JOBS, default 6); each is repeated
EXIT_MATRIX_REPEAT times (default 1; `make check-long`
repeats them); EXIT_MATRIX_SCENARIOS=a,b limits
the scenarios (for debugging; "watch" selects the traced watch cells).  One TAP line per scenario x way x
mode, ok only if every repetition held.  Polls with deadlines, no timing
assertions.
"""
import concurrent.futures
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from lib import PROCVIZ, ROOT, flush, poll, report, tmux_server

REPEAT = int(os.environ.get("EXIT_MATRIX_REPEAT", "1"))
JOBS = int(os.environ.get("EXIT_MATRIX_JOBS", "6"))
FAIL_AFTER_MS = 500
PACE = "1"
INTERVAL = "20"

HEADLESS_WAYS = ["ctrl-c", "sigterm", "sighup", "sigkill", "fatal"]
UI_WAYS = ["q", "ctrl-c", "sigterm", "sighup", "sigkill", "fatal"]
SIGNALS = {"ctrl-c": signal.SIGINT, "sigterm": signal.SIGTERM,
           "sighup": signal.SIGHUP, "sigkill": signal.SIGKILL}


# This test is the subreaper of everything it starts (as a reaping init
# would be): orphans and killed processes come back to it and are reaped at
# once by the thread below, so that "nothing left behind" does not depend
# on how soon this machine's pid 1 reaps.  Exit statuses of procviz are
# read from REAPED, never from Popen (the reaper may take them first).
PR_SET_CHILD_SUBREAPER = 36
REAPED = {}
REAPED_LOCK = threading.Lock()


def reaper():
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            time.sleep(0.02)
            continue
        if pid == 0:
            time.sleep(0.01)
            continue
        with REAPED_LOCK:
            REAPED[pid] = status


def exit_status(pid):
    """None while running; else like Popen.returncode."""
    with REAPED_LOCK:
        st = REAPED.get(pid)
    if st is None:
        return None
    return -os.WTERMSIG(st) if os.WIFSIGNALED(st) else os.WEXITSTATUS(st)


def start_time(pid):
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            data = f.read()
    except OSError:
        return None
    return int(data[data.rindex(b")") + 2:].split()[19])


def marked(procviz_pid):
    """{(pid, start time)} of the processes carrying this run's marker."""
    tag = b"PROCVIZ_SCENARIO=%d." % procviz_pid
    found = set()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % d, "rb") as f:
                env = f.read()
        except OSError:
            continue
        if tag in env:
            st = start_time(int(d))
            if st is not None:
                found.add((int(d), st))
    return found


def guardian_of(procs, procviz_pid):
    tag = b"PROCVIZ_SCENARIO=%d." % procviz_pid
    for pid, _ in procs:
        try:
            with open("/proc/%d/environ" % pid, "rb") as f:
                for kv in f.read().split(b"\0"):
                    if kv.startswith(tag):
                        return int(kv[len(tag):])
        except (OSError, ValueError):
            pass
    return None


def still_there(procs):
    """The recorded processes that still exist (same pid, same start)."""
    left = []
    for pid, st in procs:
        if start_time(pid) == st:
            try:
                with open("/proc/%d/stat" % pid) as f:
                    stat = f.read()
            except OSError:
                continue
            left.append("%d(%s)" % (pid, stat[stat.rindex(")") + 2]))
    return left


def watch_until(procviz_pid, seen, cond, deadline_s):
    """Poll cond() while recording marked processes into seen."""
    def step():
        seen.update(marked(procviz_pid))
        return cond()
    return poll(deadline_s, step)


def settle_and_check(procviz_pid, seen, guardian):
    """After procviz is gone: everything it started must vanish."""
    def clean():
        seen.update(marked(procviz_pid))
        return not still_there(seen) and (
            guardian is None or not os.path.exists("/proc/%d" % guardian)
            or start_time(guardian) is None)
    if poll(10, clean, 0.05):
        return []
    problems = []
    left = still_there(seen)
    if left:
        problems.append("left behind (pid(state)): " + " ".join(left))
    if guardian and start_time(guardian) is not None:
        problems.append("guardian %d still exists" % guardian)
    return problems


def trigger_delay(rep):
    # vary the moment of the exit between repetitions
    return (0.05, 0.4, 0.2)[rep % 3]


def cell_headless(scen, way, rep):
    env = dict(os.environ, PROCVIZ_TEST_MARK="exitmatrix-%d" % os.getpid())
    if way == "fatal":
        env["PROCVIZ_TEST_FAIL_AFTER_MS"] = str(FAIL_AFTER_MS)
    err = tempfile.TemporaryFile()
    with REAPED_LOCK:  # a recycled pid must not find an old status
        p = subprocess.Popen([PROCVIZ, "run", scen, "--headless", "--pace",
                              PACE, "--interval", INTERVAL],
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=err, env=env,
                             start_new_session=True)
        REAPED.pop(p.pid, None)
    seen = set()
    problems = []
    try:
        def done():
            return exit_status(p.pid) is not None
        if not watch_until(p.pid, seen, lambda: seen or done(), 10):
            problems.append("the scenario never started")
        guardian = guardian_of(seen, p.pid)
        if way != "fatal":
            watch_until(p.pid, seen, done, trigger_delay(rep))
            if not done():
                if way == "ctrl-c":
                    # the terminal's Ctrl-C: SIGINT to the foreground group
                    os.killpg(p.pid, signal.SIGINT)
                else:
                    os.kill(p.pid, SIGNALS[way])
        if not watch_until(p.pid, seen, done, 15):
            problems.append("procviz did not exit")
            p.kill()
            poll(5, done)
        rc = exit_status(p.pid)
        err.seek(0)
        errtext = err.read().decode(errors="replace")
        if way == "sigkill":
            if rc not in (-signal.SIGKILL, 0):
                problems.append("exit status %d" % rc)
        elif way == "fatal":
            if rc != 1 or "injected fatal error" not in errtext:
                problems.append("fatal: status %d, stderr %r" % (rc, errtext))
        elif rc < 0:
            problems.append("killed by signal %d instead of handling it" % -rc)
        problems += settle_and_check(p.pid, seen, guardian)
    finally:
        if exit_status(p.pid) is None:
            p.kill()
    return problems


# The traced `watch`: a command that forks all the time (so procviz may
# end while a tracee is held in a fork, exec or exit stop), with a child
# stopped by SIGSTOP (a group-stop: it must stay stopped, untraced) and a
# long sleeper.  After procviz ends, however it ends, no process of the
# command may be traced or held in a tracing stop ("t"), the stopped child
# must still be stopped ("T"), and the tracer must be gone.  watch does not
# own its command's life (procviz(1)): the test ends it itself.
WATCH_CMD = ["sh", "-c", "sleep 300 & sleep 300 & kill -STOP $!; "
             "while :; do /bin/true; sleep 0.01; done"]


def watch_marked(procviz_pid):
    """{pid: (state, tracer pid)} of the processes of this watch."""
    tag = b"PROCVIZ_WATCH=%d." % procviz_pid
    found = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % d, "rb") as f:
                if tag not in f.read():
                    continue
            with open("/proc/%s/status" % d) as f:
                st = dict(x.split(":", 1) for x in f.read().splitlines()
                          if ":" in x)
        except OSError:
            continue
        found[int(d)] = (st["State"].split()[0], int(st["TracerPid"]))
    return found


def tracer_of(procviz_pid):
    """The pid of procviz's tracer (its child named procviz-trace)."""
    try:
        with open("/proc/%d/task/%d/children" % (procviz_pid, procviz_pid)) as f:
            kids = [int(x) for x in f.read().split()]
    except OSError:
        return None
    for k in kids:
        try:
            with open("/proc/%d/comm" % k) as f:
                if f.read().strip() == "procviz-trace":
                    return k
        except OSError:
            pass
    return None


def cell_watch(way, rep):
    env = dict(os.environ, PROCVIZ_TEST_MARK="exitmatrix-%d" % os.getpid())
    if way == "fatal":
        env["PROCVIZ_TEST_FAIL_AFTER_MS"] = str(FAIL_AFTER_MS)
    err = tempfile.TemporaryFile()
    with REAPED_LOCK:
        p = subprocess.Popen([PROCVIZ, "watch", "--headless", "--interval",
                              INTERVAL, "--"] + WATCH_CMD,
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=err, env=env,
                             start_new_session=True)
        REAPED.pop(p.pid, None)
    problems = []
    procs = {}
    tracer = None
    try:
        def done():
            return exit_status(p.pid) is not None

        def started():
            procs.update(watch_marked(p.pid))
            # the stopped sleep shows "t" while traced, "T" untraced
            return sum(1 for s, _ in procs.values() if s in "Tt") >= 1
        if not poll(10, lambda: started() or done()):
            problems.append("the command never started")
        tracer = tracer_of(p.pid)
        refused = False
        if tracer is None:
            # ptrace forbidden here: watch must say so and fall back
            err.seek(0)
            refused = b"cannot trace with ptrace" in err.read()
            if not refused and not done():
                problems.append("no tracer, and no word of a refusal")
        if way != "fatal":
            poll(trigger_delay(rep), done)
            if not done():
                if way == "ctrl-c":
                    os.killpg(p.pid, signal.SIGINT)
                else:
                    os.kill(p.pid, SIGNALS[way])
        if not poll(15, done):
            problems.append("procviz did not exit")
            p.kill()
            poll(5, done)
        rc = exit_status(p.pid)
        err.seek(0)
        errtext = err.read().decode(errors="replace")
        if way == "sigkill":
            if rc not in (-signal.SIGKILL, 0):
                problems.append("exit status %d" % rc)
        elif way == "fatal":
            if rc != 1 or "injected fatal error" not in errtext:
                problems.append("fatal: status %d, stderr %r" % (rc, errtext))
        elif rc is None or rc < 0:
            problems.append("killed by signal instead of handling it: %r"
                            % rc)

        def untraced():
            now = watch_marked(p.pid)
            return (not any(t or s == "t" for s, t in now.values()) and
                    (tracer is None or start_time(tracer) is None))
        if not poll(10, untraced, 0.05):
            now = watch_marked(p.pid)
            problems.append("left traced or in a tracing stop: %r" % {
                k: v for k, v in now.items() if v[1] or v[0] == "t"})
            if tracer and start_time(tracer) is not None:
                problems.append("the tracer %d is still there" % tracer)
        stopped = [k for k, v in watch_marked(p.pid).items() if v[0] == "T"]
        if not stopped:
            problems.append("the child stopped by SIGSTOP is no longer "
                            "stopped")
    finally:
        if exit_status(p.pid) is None:
            p.kill()
        # the command outlives watch by design: end it
        for _ in range(50):
            left = watch_marked(p.pid)
            if not left:
                break
            for k in left:
                try:
                    os.kill(k, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.05)
    return problems


class Tmux:
    def __init__(self, tmp):
        self.sock = "procviz-exit-%d-%s" % (os.getpid(),
                                             os.path.basename(tmp))
        self.base = tmux_server(tmp, self.sock)

    def run(self, *args):
        return subprocess.run(self.base + list(args), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True)

    def kill(self):
        self.run("kill-server")


def cell_ui(scen, way, rep):
    tmp = tempfile.mkdtemp(prefix="procviz-exit-")
    tm = Tmux(tmp)
    envs = ["PROCVIZ_TEST_MARK=exitmatrix-%d" % os.getpid()]
    if way == "fatal":
        envs.append("PROCVIZ_TEST_FAIL_AFTER_MS=%d" % FAIL_AFTER_MS)
    # The pane's shell records the terminal before and after procviz;
    # launch.sh writes procviz's pid, then execs it.
    launch = os.path.join(tmp, "launch.sh")
    with open(launch, "w") as f:
        f.write('echo $$ >"$0.pid"\nexec "$@"\n')
    script = ('stty -a >"$0/before"; sh "$0/launch.sh" "$@" 2>"$0/err"; '
              'echo $? >"$0/rc.tmp"; stty -a >"$0/after"; '
              'mv "$0/rc.tmp" "$0/rc"; exec sleep 60')
    problems = []
    seen = set()
    try:
        r = tm.run("new-session", "-d", "-x", "100", "-y", "40",
                   "env", "-i", "PATH=" + os.environ.get("PATH", ""),
                   "HOME=/tmp", "TZ=UTC", "TERM=tmux-256color",
                   "LC_ALL=C.UTF-8", *envs,
                   "sh", "-c", "trap : INT; " + script, tmp,
                   PROCVIZ, "run", scen, "--pace", PACE,
                   "--interval", INTERVAL)
        if r.returncode != 0:
            return ["tmux new-session failed: " + r.stderr]

        def procviz_pid():
            try:
                with open(launch + ".pid") as f:
                    return int(f.read())
            except (OSError, ValueError):
                return None
        pid = poll(10, procviz_pid)
        rcfile = os.path.join(tmp, "rc")
        if not pid:
            return ["procviz did not start in tmux"]
        if not watch_until(pid, seen,
                           lambda: seen or os.path.exists(rcfile), 10):
            problems.append("the scenario never started")
        guardian = guardian_of(seen, pid)
        if way != "fatal":
            watch_until(pid, seen, lambda: os.path.exists(rcfile),
                        trigger_delay(rep))
            if way == "q":
                tm.run("send-keys", "q")
            elif way == "ctrl-c":
                tm.run("send-keys", "C-c")
            elif not os.path.exists(rcfile):
                try:
                    os.kill(pid, SIGNALS[way])
                except ProcessLookupError:
                    pass
        if not watch_until(pid, seen, lambda: os.path.exists(rcfile), 15):
            problems.append("procviz did not exit")
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            poll(5, lambda: os.path.exists(rcfile))
        try:
            with open(rcfile) as f:
                rc = int(f.read().strip() or "-1")
        except (OSError, ValueError):
            rc = -1
        with open(os.path.join(tmp, "err"), errors="replace") as f:
            errtext = f.read()
        if way == "sigkill":
            if rc not in (137, 0):
                problems.append("exit status %d" % rc)
        elif way == "fatal":
            if rc != 1 or "injected fatal error" not in errtext:
                problems.append("fatal: status %d, stderr %r" % (rc, errtext))
        elif rc >= 128:
            problems.append("killed by signal %d instead of handling it"
                            % (rc - 128))
        if way != "sigkill":
            with open(os.path.join(tmp, "before")) as f:
                before = f.read()
            with open(os.path.join(tmp, "after")) as f:
                after = f.read()
            if before != after:
                problems.append("terminal not restored: before %r after %r"
                                % (before, after))
        problems += settle_and_check(pid, seen, guardian)
    finally:
        tm.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return problems


# Lesson files (procviz-lesson(5)) run under the same launcher and guard:
# a few examples, among them a double-forked daemon that leaves the tree.
LESSON_FILES = os.environ.get("EXIT_MATRIX_LESSONS",
                              "daemon.yaml,pool.yaml,aio.yaml")


def scenarios():
    out = subprocess.run([PROCVIZ, "list"], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL).stdout
    lessons = [os.path.join(ROOT, "scenarios", "lessons", f)
               for f in LESSON_FILES.split(",") if f]
    return [line.split("\t")[1] for line in out.splitlines()
            if line.startswith("scenario\t")] + \
        [f for f in lessons if os.path.exists(f)]


def main():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("not ok - the test can become a subreaper")
        return 1
    threading.Thread(target=reaper, daemon=True).start()
    scens = scenarios()
    only = os.environ.get("EXIT_MATRIX_SCENARIOS")
    with_watch = not only or "watch" in only.split(",")
    if only:
        scens = [s for s in scens if s in only.split(",") or
                 os.path.basename(s) in only.split(",")]
    if not scens and not with_watch:
        print("not ok - procviz list names the scenarios")
        return 1
    have_tmux = shutil.which("tmux") is not None
    cells = []
    for s in scens:
        for w in HEADLESS_WAYS:
            cells.append((s, w, "headless"))
        for w in UI_WAYS:
            cells.append((s, w, "ui"))
    if not have_tmux:
        print("not ok - tmux is installed (needed by the UI half)")

    for w in HEADLESS_WAYS if with_watch else []:
        cells.append(("watch", w, "traced"))
    work = [(c, r) for r in range(REPEAT) for c in cells]
    results = {c: [] for c in cells}

    def run(item):
        (s, w, mode), rep = item
        if mode == "traced":
            return item, cell_watch(w, rep)
        if mode == "ui":
            if not have_tmux:
                return item, None
            return item, cell_ui(s, w, rep)
        return item, cell_headless(s, w, rep)

    with concurrent.futures.ThreadPoolExecutor(JOBS) as ex:
        for (cell, rep), problems in ex.map(run, work):
            if problems is not None:
                results[cell].append((rep, problems))
    for cell in cells:
        s, w, mode = cell
        if mode == "ui" and not have_tmux:
            continue
        bad = [(rep, p) for rep, p in results[cell] if p]
        if mode == "traced":
            name = "watch (traced) headless %s x%d: nothing left traced " \
                   "or in a tracing stop, a stopped child still stopped" % (
                       w, len(results[cell]))
            report(not bad, name, ["rep %d: %s" % (rep, line)
                                   for rep, p in bad for line in p])
            continue
        what = "%s %s x%d: nothing left behind%s" % (
            mode, w, len(results[cell]),
            "" if w == "sigkill" or mode == "headless"
            else ", terminal restored")
        report(not bad, "run %s %s" % (s, what),
               ["rep %d: %s" % (rep, line) for rep, p in bad for line in p])
    flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
