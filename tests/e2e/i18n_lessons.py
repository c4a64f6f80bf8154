#!/usr/bin/env python3
"""No English left under zh_CN: every lesson, run headless in Chinese,
writes its steps and notes in Chinese.  What may stay in Latin letters is
code, not prose: names of processes and functions (fork(), tcp-client,
rlock), system words in capitals (CPU, SIGTERM, GIL), numbers and a few
terms the Chinese text uses as they are (pid, futex, subreaper, init,
Python...).  A note with an English word besides those fails, naming the
words.  Also: the race lesson's buyers blocked in fcntl() wait for a file
lock, in Chinese.  Skips when the zh_CN.UTF-8 locale is missing.  One TAP
line per check; the runs poll nothing, they just run to their end.
"""
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from lib import PROCVIZ, flush, report

DEADLINE = 120           # seconds one lesson may take, at most

# Terms the Chinese text keeps as they are (proper nouns, API names).
ALLOW = {"pid", "tid", "wait", "futex", "subreaper", "init", "procviz",
         "python", "Python", "Unix", "hello", "add", "wchan", "fork",
         "exec", "join", "post", "global", "manager", "exitcode", "False",
         "True", "WNOHANG", "waitpid"}
TOKEN = re.compile(r"[^\s，。、；：！？（）“”‘’「」【】《》]+")


def english(text, names):
    """The English words of text: Latin-letter words that are not code."""
    bad = []
    for tok in TOKEN.findall(text):
        tok = tok.strip(",.;:!?\"'")     # "init," is a word, not code
        if re.search(r"[^A-Za-z]", tok):
            continue        # code-like: fork(), pipe-child, 127.0.0.1, 42
        if len(tok) < 2 or tok.isupper() or tok in ALLOW or tok in names:
            continue        # CPU, SIGTERM; allowed terms; process names
        if re.search(r"[A-Z]", tok[1:]):
            continue        # RLock: an identifier
        bad.append(tok)
    return bad


def lessons():
    out = subprocess.run([PROCVIZ, "list"], capture_output=True, text=True,
                         env=dict(os.environ, LANG="C", LC_ALL="C"))
    return [f[1] for f in (l.split("\t") for l in out.stdout.splitlines())
            if len(f) > 1 and f[0] == "scenario"]


def run(name):
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="", LANGUAGE="")
    p = subprocess.run([PROCVIZ, "run", name, "--headless", "--format",
                        "json", "--pace", "0.2", "--interval", "50"],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, env=env, timeout=DEADLINE)
    events = []
    for line in p.stdout.splitlines():
        try:
            events.append(json.loads(line))
        except ValueError:
            pass
    return name, p.returncode, events


def main():
    locs = subprocess.run(["locale", "-a"], capture_output=True,
                          text=True).stdout.lower()
    if "zh_cn.utf8" not in locs:
        report(True, "# SKIP locale zh_CN.UTF-8 is not installed")
        return 0
    names = lessons()
    jobs = int(os.environ.get("PROCVIZ_SCEN_JOBS", "4"))
    with ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(run, names))
    for name, rc, events in results:
        comms = {e.get("comm") for e in events if e.get("comm")}
        comms |= {w for c in comms for w in re.split(r"[^A-Za-z]+", c)}
        notes = [e["text"] for e in events if e.get("type") == "note"]
        bad = [(english(t, comms), t) for t in notes]
        bad = [b for b in bad if b[0]]
        ok = rc == 0 and notes and not bad
        report(ok, "zh_CN: %s: every step and note is Chinese (%d notes)" %
               (name, len(notes)), "exit status %s" % rc,
               ["English %s in: %s" % (words, t) for words, t in bad[:10]])
        if name == "race":
            ok = any(e.get("type") == "state" and e.get("wait") == "lock"
                     and e.get("syscall") == "fcntl" for e in events)
            report(ok, "zh_CN: race: a buyer blocked in fcntl() waits on a "
                   "lock (the word stays English in JSON)")
    # The text a class reads: a file lock, in Chinese.
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="", LANGUAGE="")
    p = subprocess.run([PROCVIZ, "run", "race", "--headless", "--format",
                        "text", "--pace", "0.2", "--interval", "50"],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, env=env, timeout=DEADLINE)
    report("文件锁 (fcntl)" in p.stdout,
           "zh_CN: race: the text says the buyers wait for a file lock "
           "(文件锁)",
           [l for l in p.stdout.splitlines() if "fcntl" in l][:5])
    return 1 if flush() else 0


if __name__ == "__main__":
    sys.exit(main())
