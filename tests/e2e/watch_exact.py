#!/usr/bin/env python3
"""tests/e2e/watch_exact.py - `procviz watch` of programs that record their
own truth (tests/helpers/truth.c) reports exactly what happened, as root and
as nobody, and both agree event for event.

For each program - children living 1 ms, a parent exiting right after
forking (orphan), a double fork, a shell pipeline, threads (one forks),
SIGSTOP/SIGCONT, a parent that reaps late - `procviz watch --headless
--format json --output FILE` must give:
  - every process the program forked, spawned by its true parent, and no
    other process;
  - every exit with its status (or signal);
  - every zombie (a state event to zombie before its reap), a late reap's
    zombie lasting at least as long as the parent held it;
  - every re-parenting, naming the old parent;
  - a stopped child shown stopped;
and the program must behave as untraced: the same waitpid() results, exit
status and output.  The lifecycle events (spawn, exec, exit, reap, gone,
reparent, state to zombie or stopped) of root's run and nobody's run must
agree one for one, pids named by their place in the process tree.

Where the kernel refuses ptrace (the header's sources lack "ptrace", as
procviz itself decides), the suite checks the fallback instead: procviz
says so in words on stderr and still follows the program to its end.
No timing is asserted: procviz's own waits have deadlines only.
"""
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

from lib import HELPERS, PROCVIZ, check, flush

SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"


def cases(truth):
    t = truth
    return [
        ("short", lambda f: [t, f, "short"]),
        ("orphan", lambda f: [t, f, "orphan"]),
        ("double", lambda f: [t, f, "double"]),
        ("pipeline", lambda f: ["sh", "-c", "%s %s self 1 | %s %s self 2 | "
                                "%s %s self 3; echo out"
                                % (t, f, t, f, t, f)]),
        ("threads", lambda f: [t, f, "threads"]),
        ("stop", lambda f: [t, f, "stop"]),
        ("late", lambda f: [t, f, "late"]),
    ]


def read_truth(path):
    forks, exits, zombies, waits = {}, {}, {}, []
    with open(path) as f:
        for line in f:
            w = line.split()
            if w[0] == "fork":
                forks[int(w[1])] = int(w[2])
            elif w[0] == "exit":
                exits[int(w[1])] = int(w[2])
            elif w[0] == "zombie":
                zombies[int(w[1])] = int(w[2])
            elif w[0] == "wait":
                waits.append(" ".join(w[1:]))
    return forks, exits, zombies, waits


def run_cmd(prefix, argv, tmp, traced, no_leak_check=False, extra=()):
    """Run argv (traced by procviz or not).  Returns (rc, stdout, stderr,
    events file lines or None)."""
    out = os.path.join(tmp, "events.json")
    if os.path.exists(out):
        os.unlink(out)
    cmd = argv
    if traced:
        cmd = [traced, "watch", "--headless", "--format", "json",
               "--output", out] + list(extra) + ["--"] + argv
    env = {"PATH": SAFE_PATH, "HOME": "/tmp", "LC_ALL": "C.UTF-8",
           "TZ": "UTC"}
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):     # the sanitizer pass
        if k in os.environ:
            env[k] = os.environ[k]
    if no_leak_check:
        # LeakSanitizer stops the world with ptrace, which the filter
        # forbids: a sanitizer build could not end cleanly there.
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    r = subprocess.run(prefix + ["timeout", "-k", "5", "60"] + cmd,
                       stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, env=env, cwd="/tmp")
    lines = None
    if traced and os.path.exists(out):
        with open(out) as f:
            lines = [json.loads(x) for x in f if x.strip()]
    return r.returncode, r.stdout, r.stderr, lines


def status_matches(ev, st):
    if os.WIFEXITED(st):
        return ev.get("status") == os.WEXITSTATUS(st)
    return ev.get("signal") == os.WTERMSIG(st)


def canon(events, root):
    """The lifecycle events with each pid named by its place in the tree:
    root "r", its children "r.0", "r.1"... in the order they were spawned."""
    names, kids = {root: "r"}, collections.Counter()
    for e in events:
        if e["type"] == "spawn" and e["pid"] != root:
            parent = names.get(e["ppid"], "?")
            names[e["pid"]] = "%s.%d" % (parent, kids[parent])
            kids[parent] += 1

    def n(pid):
        return names.get(pid, "outside")
    out = []
    for e in events:
        t = e["type"]
        if t == "spawn":
            out.append((t, n(e["pid"]), n(e["ppid"])))
        elif t == "exec":
            out.append((t, n(e["pid"]), e.get("comm")))
        elif t == "exit":
            out.append((t, n(e["pid"]), e.get("status"), e.get("signal")))
        elif t == "reap":
            out.append((t, n(e["pid"]), n(e["by"])))
        elif t == "reparent":
            out.append((t, n(e["pid"]), n(e["from"])))
        elif t == "gone":
            out.append((t, n(e["pid"])))
        elif t == "state" and e["to"] in ("zombie", "stopped"):
            out.append((t, n(e["pid"]), e["to"]))
    return sorted(out, key=repr)


def check_case(who, prefix, procviz, truth, name, mk, tmp, untraced):
    tfile = os.path.join(tmp, "truth-%s.txt" % name)
    if os.path.exists(tfile):
        os.unlink(tfile)
    rc, out, err, L = run_cmd(prefix, mk(tfile), tmp, procviz)
    tag = "%s: %s" % (who, name)
    if not check(rc == 0 and L, tag + ": watch exits 0 and writes its events",
                 "status %d" % rc, err, out):
        return None
    H, E = L[0], [x for x in L if x.get("kind") == "event"]
    forks, exits, zombies, waits = read_truth(tfile)
    traced = "ptrace" in H.get("sources", [])
    root = E[0]["pid"] if E and E[0]["type"] == "spawn" else None
    dump = "\n".join(json.dumps(x) for x in L)
    # The program behaves as untraced.
    urc, uout, _, _ = untraced
    check(rc == 0 and out == uout, tag + ": the program's output is its own",
          "traced %r" % out, "untraced %r" % uout)
    rootexit = [e for e in E if e["type"] == "exit" and e["pid"] == root]
    check(rootexit and rootexit[0].get("status") == urc,
          tag + ": its exit status is the untraced one (%d)" % urc, dump)
    check(waits == untraced[3], tag + ": its waitpid() results are unchanged",
          "traced %r" % waits, "untraced %r" % untraced[3])
    check(L[-1].get("kind") == "summary" and L[-1].get("leftover") == 0,
          tag + ": followed to the end, nothing left over", L[-1])
    if not traced:
        check("cannot trace" in err, tag + ": not traced, and it says why",
              err)
        return None
    spawn = {e["pid"]: e for e in E if e["type"] == "spawn"}
    bad = [p for p, pp in forks.items()
           if p not in spawn or spawn[p]["ppid"] != pp]
    check(not bad, tag + ": every process spawned by its true parent",
          "wrong: %r" % bad, "truth %r" % forks, dump)
    extra = [p for p in spawn if p != root and p not in forks]
    check(not extra, tag + ": no process that the program did not create",
          extra, dump)
    ex = {e["pid"]: e for e in E if e["type"] == "exit"}
    bad = [p for p, st in exits.items()
           if p not in ex or not status_matches(ex[p], st)]
    check(not bad, tag + ": every exit with its status",
          "wrong: %r" % bad, "truth %r" % exits, dump)
    idx = {id(e): i for i, e in enumerate(E)}
    bad = []
    for p in forks:
        z = [e for e in E if e["type"] == "state" and e["pid"] == p and
             e["to"] == "zombie"]
        r = [e for e in E if e["type"] == "reap" and e["pid"] == p]
        if not z or not r or idx[id(z[0])] > idx[id(r[0])]:
            bad.append(p)
    check(not bad, tag + ": every process seen as a zombie, then reaped",
          bad, dump)
    for p, ms in zombies.items():
        r = [e for e in E if e["type"] == "reap" and e["pid"] == p]
        check(r and r[0]["zombie_ms"] >= ms - 1,
              tag + ": a zombie held %d ms lasts at least that long" % ms, dump)
    if name in ("orphan", "double"):
        moved = [p for p, pp in forks.items() if pp != root and
                 pp in forks]
        for p in moved:
            r = [e for e in E if e["type"] == "reparent" and e["pid"] == p]
            check(r and r[0]["from"] == forks[p] and r[0]["to"] != forks[p],
                  tag + ": the orphan's re-parenting names both parents", dump)
    if name == "stop":
        child = list(forks)[0]
        check([e for e in E if e["type"] == "state" and e["pid"] == child and
            e["to"] == "stopped"], tag + ": the stopped child shows stopped",
              dump)
    return canon(E, root)


def check_refused(who, prefix, procviz, truth, noptrace, tmp):
    """Where ptrace is forbidden (a seccomp filter here), watch says so and
    falls back, following the program to its end."""
    tfile = os.path.join(tmp, "refused.txt")
    rc, out, err, L = run_cmd(prefix + [noptrace], [truth, tfile, "short"],
                              tmp, procviz, no_leak_check=True)
    tag = "%s: ptrace forbidden" % who
    if not check(rc == 0 and L, tag + ": watch exits 0", rc, err):
        return
    src = L[0].get("sources", [])
    check("ptrace" not in src and L[0]["event_source"] in ("netlink", "poll"),
          tag + ": the header's sources say it is not traced", L[0])
    check("cannot trace with ptrace" in err, tag + ": and so do words on stderr",
          err)
    exits = read_truth(tfile)[1]
    check(L[-1].get("leftover") == 0 and len(exits) == 20,
          tag + ": the program runs and is followed to its end", L[-1])


def setuid_program():
    """A set-user-ID root program that runs harmlessly with --version."""
    for path in ("/usr/bin/mount", "/bin/mount", "/usr/bin/su"):
        try:
            st = os.stat(path)
        except OSError:
            continue
        if st.st_mode & 0o4000 and st.st_uid == 0:
            return path
    return None


def check_setuid(who, prefix, procviz, tmp, root):
    """A set-user-ID program exec'd under the tracer runs without its
    privileges (unless procviz is root): procviz says so in a note."""
    prog = setuid_program()
    tag = "%s: set-user-ID program" % who
    if not prog:
        print("ok - %s # SKIP no set-user-ID root program here" % tag)
        return
    rc, out, err, L = run_cmd(prefix, [prog, "--version"], tmp, procviz)
    if not check(rc == 0 and L, tag + ": watch exits 0", rc, err):
        return
    if "ptrace" not in L[0].get("sources", []):
        print("ok - %s: # SKIP not traced here" % tag)
        return
    notes = [e for e in L if e.get("type") == "note" and
             "set-user-ID" in e.get("text", "")]
    if root:
        check(not notes, tag + ": traced by root it keeps its privileges, "
              "no note", notes)
    else:
        check(len(notes) == 1, tag + ": traced, it runs without its "
              "privileges and a note says so", "\n".join(map(json.dumps, L)))


def check_threads(who, prefix, procviz, truth, tmp):
    """--threads: each of the 4 threads, living less than a sample period,
    is listed as a task from its birth to its end."""
    tfile = os.path.join(tmp, "threads-mode.txt")
    rc, out, err, L = run_cmd(prefix, [truth, tfile, "threads"], tmp,
                              procviz, extra=["--threads"])
    tag = "%s: --threads" % who
    if not check(rc == 0 and L, tag + ": watch exits 0", rc, err):
        return
    if "ptrace" not in L[0].get("sources", []):
        print("ok - %s: # SKIP not traced here" % tag)
        return
    E = [x for x in L if x.get("kind") == "event"]
    root = E[0]["pid"]
    born = {e["tid"] for e in E if e["type"] == "spawn" and
            e["pid"] == root and e.get("tid", root) != root}
    ended = {e["tid"] for e in E if e["type"] == "exit" and
             e["pid"] == root and e.get("tid", root) != root}
    check(len(born) == 4 and born == ended,
          tag + ": all 4 short-lived threads are listed, born and ended",
          "born %r ended %r" % (sorted(born), sorted(ended)),
          "\n".join(map(json.dumps, L)))


def untraced_runs(prefix, truth, tmp):
    res = {}
    for name, mk in cases(truth):
        tfile = os.path.join(tmp, "untraced-%s.txt" % name)
        if os.path.exists(tfile):
            os.unlink(tfile)
        rc, out, err, _ = run_cmd(prefix, mk(tfile), tmp, None)
        res[name] = (rc, out, err, read_truth(tfile)[3])
    return res


def suite(who, prefix, procviz, truth, tmp):
    tmp = os.path.join(tmp, who)     # files of this user's own
    os.mkdir(tmp)
    os.chmod(tmp, 0o777)
    un = untraced_runs(prefix, truth, tmp)
    got = {}
    for name, mk in cases(truth):
        got[name] = check_case(who, prefix, procviz, truth, name, mk, tmp,
                               un[name])
    check_refused(who, prefix, procviz, truth,
                  os.path.join(os.path.dirname(truth), "noptrace"), tmp)
    check_threads(who, prefix, procviz, truth, tmp)
    check_setuid(who, prefix, procviz, tmp,
                 os.geteuid() == 0 and not prefix)
    return got


def main():
    tmp = tempfile.mkdtemp(prefix="procviz-exact-")
    try:
        os.chmod(tmp, 0o777)
        shutil.copy(PROCVIZ, os.path.join(tmp, "procviz"))
        for h in ("truth", "noptrace"):
            shutil.copy(os.path.join(HELPERS, h), os.path.join(tmp, h))
            os.chmod(os.path.join(tmp, h), 0o755)
        os.chmod(os.path.join(tmp, "procviz"), 0o755)
        procviz = os.path.join(tmp, "procviz")
        truth = os.path.join(tmp, "truth")
        me = "root" if os.geteuid() == 0 else "user"
        runs = {me: suite(me, [], procviz, truth, tmp)}
        if os.geteuid() == 0:
            if shutil.which("setpriv") and subprocess.run(
                    ["id", "nobody"], capture_output=True).returncode == 0:
                group = subprocess.run(["id", "-gn", "nobody"], text=True,
                                       capture_output=True).stdout.strip()
                prefix = ["setpriv", "--reuid=nobody", "--regid=" + group,
                          "--clear-groups"]
                runs["nobody"] = suite("nobody", prefix, procviz, truth,
                                       tmp)
            else:
                print("ok - nobody: # SKIP setpriv or nobody missing")
        if "root" in runs and "nobody" in runs:
            for name in runs["root"]:
                a, b = runs["root"][name], runs["nobody"][name]
                if a is None or b is None:
                    continue
                check(a == b, "root and nobody agree event for event: " + name,
                      "root only: %r" % [x for x in a if x not in b],
                      "nobody only: %r" % [x for x in b if x not in a])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if flush() else 0


if __name__ == "__main__":
    sys.exit(main())
