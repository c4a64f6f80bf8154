#!/usr/bin/env python3
"""tests/e2e/html_page.py - `procviz replay FILE --format html` and `procviz
sched ... --format html` in a real browser (headless Chromium, --dump-dom
and --screenshot).  For one recorded lesson and one sched workload: the
page's data is the JSON procviz writes; the page loads with no console
error; a position set in the URL fragment (#event=K, #t=T) shows the
states the JSON says; the keyboard steps (#keys=...); play runs to the end;
zh_CN text renders; at 390x844 (a phone, the page in a 390 px frame) there
is no horizontal scroll; the page opens in --theme's theme (NO_COLOR:
mono), and each state and job has the colour the SVG gives it (computed
in the browser).  Hostile recordings (names with </script>,
quotes, invalid UTF-8) show as text; a truncated one is a clear error.

Chromium is looked for as chromium, chromium-headless-shell or
google-chrome; without one every browser check is a SKIP that says why
(tests/deps.sh --test installs Debian's chromium)."""
import html.parser
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

import lib
from lib import flush, report, skip

C_ENV = dict(os.environ, LANG="C", LC_ALL="C.UTF-8", LANGUAGE="")
ZH_ENV = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="", LANGUAGE="")


def pv(*args, env=C_ENV, timeout=120):
    return lib.pv(*args, env=env, timeout=timeout, text=False)


# ---- the browser ----------------------------------------------------------

class Browser:
    """Headless Chromium, one fresh profile per run."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.exe = None
        self.why = None
        self.sandbox = os.geteuid() != 0   # as root it never starts
        for name in ("chromium", "chromium-headless-shell", "google-chrome"):
            if shutil.which(name):
                self.exe = shutil.which(name)
                break
        if not self.exe:
            self.why = ("no chromium (apt-get install chromium; "
                        "tests/deps.sh --test does it)")
            return
        probe = os.path.join(tmp, "probe.html")
        with open(probe, "w") as f:
            f.write("<!DOCTYPE html><p id=x>alive</p>")
        out, err, rc = self.run("file://" + probe)
        if "alive" not in out and self.sandbox:
            self.sandbox = False   # no user namespaces here: no sandbox
            out, err, rc = self.run("file://" + probe)
        if "alive" not in out:
            self.why = "chromium does not start (status %s): %s" % (
                rc, " ".join(err.splitlines()[-3:])[:300])

    def run(self, url, size=None, shot=None, budget=3000, timeout=90,
            extra=()):
        prof = tempfile.mkdtemp(dir=self.tmp)
        cmd = [self.exe, "--headless", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--hide-scrollbars",
               "--user-data-dir=" + prof, "--enable-logging=stderr", "--v=0"]
        cmd += list(extra)
        if not self.sandbox:
            cmd.append("--no-sandbox")
        if budget:
            cmd.append("--virtual-time-budget=%d" % budget)
        if size:
            cmd.append("--window-size=%d,%d" % size)
        cmd += ["--screenshot=" + shot] if shot else ["--dump-dom"]
        cmd.append(url)
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            out, err = p.communicate()
        shutil.rmtree(prof, ignore_errors=True)
        return (out.decode("utf-8", "replace"),
                err.decode("utf-8", "replace"), p.returncode)


def console_errors(err):
    """The page's console messages and uncaught errors in Chromium's log
    (the page itself logs nothing)."""
    return [l for l in err.splitlines()
            if ("CONSOLE" in l or "Uncaught" in l) and "file://" in l]


class Dom(html.parser.HTMLParser):
    """Elements with their attributes and text, flat, in order."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elems = []
        self.stack = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        e = {"tag": tag, "attrs": dict(attrs), "text": "",
             "parent": self.stack[-1] if self.stack else None}
        self.elems.append(e)
        if tag not in ("meta", "input", "br", "img", "link"):
            self.stack.append(e)

    def handle_endtag(self, tag):
        while self.stack:
            e = self.stack.pop()
            if e["tag"] == tag:
                break

    def handle_data(self, data):
        for e in self.stack:
            e["text"] += data

    def find(self, **kw):
        return [e for e in self.elems
                if all(e["attrs"].get(k.replace("_", "-")) == v
                       if v is not True else k.replace("_", "-") in e["attrs"]
                       for k, v in kw.items())]

    def one(self, **kw):
        f = self.find(**kw)
        return f[0] if f else None


def page_status(dom):
    s = dom.one(id="pv-status")
    return s["attrs"] if s else {}


def embedded(path, ident="pv-data"):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<script type="application/json" id="%s">(.*?)</script>'
                  % ident, text, re.S)
    return json.loads(m.group(1)) if m else None


def wrapper(b, tmp, name, body, size, extra=()):
    """Open a wrapper page, tmp/NAME.html holding BODY (which frames the
    page and writes what it learns into <pre id="got">), in the browser:
    its path, the text of "got" (None if missing) and the DOM dump."""
    wrap = os.path.join(tmp, name + ".html")
    with open(wrap, "w") as f:
        f.write("<!DOCTYPE html><html>" + body + "</html>")
    out, _, _ = b.run("file://" + wrap, size=size, extra=extra)
    m = re.search(r'<pre id="got">(.*?)</pre>', out, re.S)
    return wrap, (html.unescape(m.group(1)) if m else None), out


def frame_status(b, page, frag, tmp, name):
    """The page in a 390x844 frame (headless Chromium lays a window out at
    least 500 px wide): its status, posted to the wrapper, and a
    screenshot."""
    wrap, got, out = wrapper(
        b, tmp, name + ".wrap",
        '<head><style>body{margin:0}'
        'iframe{border:0;width:390px;height:844px;display:block}'
        '</style></head><body><iframe src="%s#frame&%s"></iframe>'
        '<pre id="got"></pre><script>addEventListener("message",'
        'function(e){if(e.data&&e.data.procviz)document.'
        'getElementById("got").textContent=e.data.procviz;});'
        '</script></body>' % (os.path.basename(page), frag), (390, 844))
    got = Dom(got) if got is not None else None
    shot = os.path.join(tmp, name + ".png")
    b.run("file://" + wrap, size=(390, 844), shot=shot)
    size = None
    if os.path.exists(shot):
        with open(shot, "rb") as f:
            head = f.read(24)
        size = struct.unpack(">II", head[16:24])
    return (page_status(got) if got else {}), size, out


def computed_colours(b, page, frag, tmp, name, selector):
    """The colours the browser computes for the page's elements matching
    @selector, once it is drawn: {"theme": the page's, "colours": a list
    of [title or class, background, text] (rgb(...) strings)}, or None.
    The page is in a frame of a wrapper that reads them (file pages may
    read each other with --allow-file-access-from-files; the page itself
    runs as ever)."""
    _, got, _ = wrapper(
        b, tmp, name + ".colours",
        '<body><iframe id="f" src="%s#%s"></iframe><pre id="got"></pre>'
        '<script>function look(){var d=document.getElementById("f")'
        '.contentDocument,s=d&&d.getElementById("pv-status");'
        'if(!s||s.getAttribute("data-ready")!=="1")'
        '{setTimeout(look,50);return;}var o=[];'
        'd.querySelectorAll(%s).forEach(function(e){'
        'var c=getComputedStyle(e);o.push([e.title||e.className,'
        'c.backgroundColor,c.color]);});'
        'document.getElementById("got").textContent='
        'JSON.stringify({theme:d.body.getAttribute("data-theme"),'
        'colours:o});}look();</script></body>'
        % (os.path.basename(page), frag, json.dumps(selector)),
        (1200, 900), ["--allow-file-access-from-files"])
    try:
        return json.loads(got) if got else None
    except ValueError:
        return None


def rgb(hexcolour):
    """#RRGGBB as the browser writes it: rgb(r, g, b)."""
    v = int(hexcolour.lstrip("#"), 16)
    return "rgb(%d, %d, %d)" % (v >> 16, (v >> 8) & 255, v & 255)


def grey(css):
    m = re.match(r"rgb\((\d+), (\d+), (\d+)\)$", css)
    return bool(m) and m.group(1) == m.group(2) == m.group(3)


def body_theme(path):
    m = re.search(r'<body [^>]*data-theme="([a-z]*)"',
                  open(path, encoding="utf-8").read())
    return m.group(1) if m else None


def check_theme_option(b, tmp, args, what):
    """--theme light, NO_COLOR=1 (mono) and the default (dark) reach the
    page written by `procviz ARGS --format html`; the browser opens it in
    that theme."""
    plain = {k: v for k, v in C_ENV.items()
             if k not in ("NO_COLOR", "PROCVIZ_THEME")}
    for pre, nocolor, want in ((["--theme", "light"], False, "light"),
                               ([], True, "mono"), ([], False, "dark"),
                               (["--theme=dark"], True, "dark")):
        out = os.path.join(tmp, "theme-%s.html" % want)
        env = dict(plain, NO_COLOR="1") if nocolor else plain
        rc, _, err = pv(*(pre + args + ["--format", "html", "--output",
                                        out]), env=env)
        shown = ("NO_COLOR=1 " if nocolor else "") + "procviz " + \
            " ".join(pre + [args[0], "..."])
        got = body_theme(out) if rc == 0 else None
        if b.why:
            report(got == want, "%s: %s writes a %s page" % (
                what, shown, want), [rc, err, got])
            continue
        dom = Dom(b.run("file://" + out)[0])
        report(got == want and
               page_status(dom).get("data-theme") == want,
               "%s: %s opens in the %s theme" % (what, shown, want),
               [rc, err, got, page_status(dom)])


def colour_check_name(what, theme):
    if theme == "mono":
        return "%s, mono theme: every %s is black, white or grey" % (
            what, "state" if what == "lesson" else "job")
    return "%s, %s theme: each %s has the SVG's colour" % (
        what, theme, "state" if what == "lesson" else "job")


# ---- a lesson ------------------------------------------------------------

def expect_at(evs, k):
    """pid -> state after events 0..k, for processes alive then."""
    st = {}
    for e in evs[:k + 1]:
        pid = e.get("tid") if e.get("tid") and e.get("tid") != e["pid"] \
            else e.get("pid")
        if e["type"] == "spawn":
            st[pid] = e["state"]
        elif e["type"] == "state":
            st[pid] = e["to"]
        elif e["type"] in ("reap", "gone"):
            st.pop(pid, None)
    return st


def tree_at(dom):
    return {int(e["attrs"]["data-pid"]): e["attrs"]["data-state"]
            for e in dom.elems if e["tag"] == "li" and
            "data-state" in e["attrs"]}


def check_lesson(b, tmp):
    rec = os.path.join(tmp, "z.rec")
    page = os.path.join(tmp, "z.html")
    rc, _, err = pv("run", "zombie", "--headless", "--pace", "0.2",
                    "--record", rec)
    report(rc == 0, "run zombie --record exits 0", [err])
    rc, _, err = pv("replay", rec, "--format", "html", "--output", page)
    report(rc == 0 and "written to" in err,
           "replay --format html --output exits 0 and says where", [rc, err])
    rc, out, _ = pv("replay", rec, "--headless", "--format", "json")
    lines = [json.loads(l) for l in out.decode().splitlines()]
    data = embedded(page)
    report(data == lines, "the page's data is replay --format json's lines",
           [json.dumps(data)[:300], json.dumps(lines)[:300]])
    rc, out, _ = pv("replay", rec, "--format", "html")
    report(rc == 0 and out == open(page, "rb").read(),
           "without --output the same page goes to stdout")
    text = open(page, encoding="utf-8").read()
    report("Content-Security-Policy" in text and "default-src 'none'" in text
           and not re.search(r'(src|href)="?(https?:)?//', text),
           "the page forbids every fetch and links nothing")
    evs = [l for l in lines if l["kind"] == "event"]
    check_theme_option(b, tmp, ["replay", rec], "lesson")
    if b.why:
        skip("the lesson page in a browser", b.why)
        return
    url = "file://" + page
    out, err, rc = b.run(url)
    dom = Dom(out)
    s = page_status(dom)
    report(s.get("data-ready") == "1" and s.get("data-errors") == "0" and
           not console_errors(err), "the lesson page loads with no error",
           [s, "\n".join(console_errors(err)), dom.one(id="pv-status")])
    log = dom.one(id="pv-log")
    items = [e for e in dom.elems if e["parent"] is log]
    report(len(items) == len(evs), "the event log has one line per event",
           [len(items), len(evs)])
    # Positions: the first zombie, the first reap, the last event.
    picks = []
    for typ in ("state", "reap"):
        for i, e in enumerate(evs):
            if e["type"] == typ and (typ != "state" or e["to"] == "zombie"):
                picks.append(i)
                break
    picks.append(len(evs) - 1)
    for k in picks:
        out, err, _ = b.run(url + "#event=%d" % k)
        dom = Dom(out)
        got, want = tree_at(dom), expect_at(evs, k)
        report(page_status(dom).get("data-k") == str(k) and got == want,
               "#event=%d (%s) shows the states the JSON gives" %
               (k, evs[k]["type"]), ["page %s" % got, "json %s" % want])
    zombie = picks[0]
    zpid = evs[zombie]["pid"]
    out, _, _ = b.run(url + "#event=%d&select=%d" % (len(evs) - 1, zpid))
    det = Dom(out).one(id="pv-details")
    exits = [e for e in evs if e["type"] == "exit" and e["pid"] == zpid]
    report(det is not None and exits and
           str(exits[0].get("status")) in det["text"] and
           "reaped" in det["text"],
           "details of a process: its exit status and who reaped it",
           [det and det["text"]])
    # Keys.
    for keys, want in (("ArrowRight,ArrowRight", 5),
                       ("ArrowLeft", 2), ("End", len(evs) - 1),
                       ("End,Home", -1), ("Home,Space", len(evs) - 1)):
        out, err, _ = b.run(url + "#event=3&keys=" + keys, budget=8000)
        s = page_status(Dom(out))
        report(s.get("data-k") == str(want) and s.get("data-errors") == "0",
               "keys %s from event 3 go to event %d" % (keys, want),
               [s])
    notes = [i for i, e in enumerate(evs) if e["type"] == "note"]
    out, _, _ = b.run(url + "#event=-1&keys=PageDown,PageDown")
    report(page_status(Dom(out)).get("data-k") == str(notes[1]),
           "PageDown steps from note to note", [notes])
    out, _, _ = b.run(url + "#t=%d" % evs[picks[1]]["t_ms"])
    k = int(page_status(Dom(out)).get("data-k", -2))
    report(k >= picks[1] and evs[k]["t_ms"] == evs[picks[1]]["t_ms"] and
           (k + 1 == len(evs) or evs[k + 1]["t_ms"] > evs[k]["t_ms"]),
           "#t=MS goes to the last event at or before that time", [k])
    for theme in ("light", "mono"):
        out, err, _ = b.run(url + "#theme=" + theme)
        s = page_status(Dom(out))
        report(s.get("data-theme") == theme and s.get("data-errors") == "0"
               and not console_errors(err), "theme %s renders" % theme, [s])
    s, size, _ = frame_status(b, page, "event=%d" % zombie, tmp, "z390")
    report(s.get("data-width") == "390" and s.get("data-overflow") == "0"
           and size == (390, 844),
           "at 390x844 the lesson page has no horizontal scroll",
           [s, size])
    check_lesson_colours(b, tmp, rec, page, zombie)


def check_lesson_colours(b, tmp, rec, page, k):
    """Each state in the browser has the SVG's colour (dark and light:
    the palette's fills; mono: greys)."""
    rc, svg, _ = pv("replay", rec, "--format", "svg")
    # the SVG's colour of each state: its legend and its rows
    pairs = [(n, f) for f, n in re.findall(
        rb'fill="(#[0-9A-Fa-f]{6})"/><text[^>]*>.</text><text[^>]*>'
        rb'([a-z]+)</text>', svg)]
    pairs += re.findall(
        rb'data-state="([a-z]+)"[^>]*fill="(#[0-9A-Fa-f]{6})"', svg)
    fills = {}
    for n, f in pairs:
        fills.setdefault(n.decode(), set()).add(rgb(f.decode()))
    for theme in ("dark", "light", "mono"):
        got = computed_colours(b, page, "event=%d&theme=%s" % (k, theme),
                               tmp, "z-" + theme, ".seg[class*=st-]")
        seen, bad = {}, []
        for cls, bg, _ in (got or {}).get("colours", []):
            st = re.search(r"st-([a-z]+)", cls).group(1)
            seen[st] = bg
            if theme == "mono" and not grey(bg):
                bad.append("%s: %s is a colour" % (st, bg))
            elif theme != "mono" and {bg} != fills.get(st):
                bad.append("%s: page %s, svg %s" % (st, bg, fills.get(st)))
        report(got and got["theme"] == theme and
               {"running", "blocked", "zombie"} <= set(seen) and
               len(fills) == 5 and not bad,
               colour_check_name("lesson", theme),
               bad + [seen, fills, got])


# ---- a schedule ----------------------------------------------------------

def check_sched(b, tmp):
    args = ["sched", "silberschatz", "--policy", "fcfs,rr,mlfq"]
    page = os.path.join(tmp, "s.html")
    rc, _, err = pv(*args, "--format", "html", "--output", page)
    report(rc == 0, "sched --format html --output exits 0 (no --headless)",
           [err])
    rc, out, err = pv(*args, "--format", "html")
    report(rc == 0 and out == open(page, "rb").read(),
           "sched --format html writes the same page to stdout", [err])
    rc, out, _ = pv(*args, "--headless", "--format", "json", "--explain")
    want = json.loads(out)
    data = embedded(page)
    ready = [r.pop("ready", None) for r in data["results"]]
    report(data == want and all(ready),
           "the page's data is sched --format json --explain's, with "
           "\"ready\" per instant")
    check_theme_option(b, tmp, args, "sched")
    if b.why:
        skip("the sched page in a browser", b.why)
        return
    url = "file://" + page
    names = {j["name"] for j in want["workload"]}
    for t in (0, 5, 12, 29):
        out, err, _ = b.run(url + "#t=%d" % t)
        dom = Dom(out)
        s = page_status(dom)
        bad = []
        for r, q in zip(want["results"], ready):
            sec = [e for e in dom.elems if e["attrs"].get("data-policy") ==
                   r["policy"]]
            i = dom.elems.index(sec[0]) if sec else 0
            rest = dom.elems[i:]
            cpu = next((e for e in rest if e["attrs"].get("class") == "cpu"),
                       None)
            run = next((g["job"] for g in r["gantt"]
                        if g["start"] <= t < g["end"]), None) or ""
            rq = [e["attrs"]["data-jobs"] for e in rest
                  if e["attrs"].get("class") == "ready"][:len(q[t])]
            why = next((e["text"] for e in rest
                        if e["attrs"].get("class") == "why"), None)
            done = {j["name"] for j in r["jobs"] if j["finish"] <= t}
            inq = set(" ".join(rq).split())
            if cpu is None or cpu["attrs"].get("data-job") != run:
                bad.append("%s cpu %s want %s" % (r["policy"], cpu, run))
            if rq != [" ".join(x) for x in q[t]]:
                bad.append("%s ready %s want %s" % (r["policy"], rq, q[t]))
            if inq | done | ({run} - {""}) != names:
                bad.append("%s: ready+running+done %s" % (
                    r["policy"], inq | done | {run}))
            if why != r["why"][t]:
                bad.append("%s why %r want %r" % (r["policy"], why,
                                                   r["why"][t]))
        report(s.get("data-errors") == "0" and s.get("data-k") == str(t) and
               not console_errors(err) and not bad,
               "sched #t=%d: each policy's CPU, ready queues and why line "
               "are the JSON's" % t, bad + [s] + console_errors(err))
    span = max(r["makespan"] for r in want["results"])
    for keys, want_t in (("ArrowRight,ArrowRight", 7), ("ArrowLeft", 4),
                         ("End", span), ("End,Home", 0),
                         ("Home,Space", span)):
        out, _, _ = b.run(url + "#t=5&keys=" + keys, budget=20000)
        s = page_status(Dom(out))
        report(s.get("data-k") == str(want_t),
               "sched keys %s from tick 5 go to tick %d" % (keys, want_t),
               [s])
    out, _, _ = b.run(url)
    rows = [e for e in Dom(out).elems if e["tag"] == "tr"]
    report(len(rows) >= 1 + 3 + 3 * 4, "the metrics tables are drawn",
           [len(rows)])
    s, size, _ = frame_status(b, page, "t=5", tmp, "s390")
    report(s.get("data-width") == "390" and s.get("data-overflow") == "0"
           and size == (390, 844),
           "at 390x844 the sched page has no horizontal scroll", [s, size])
    check_sched_colours(b, tmp, args, page)
    # A big one: no per-tick detail, still a working page.
    big = os.path.join(tmp, "big.html")
    rc, _, err = pv("sched", "--random", "300", "--policy", "rr",
                    "--format", "html", "--output", big)
    out, err, _ = b.run("file://" + big + "#t=100")
    s = page_status(Dom(out))
    report(rc == 0 and s.get("data-errors") == "0" and
           s.get("data-k") == "100" and "why" not in
           embedded(big)["results"][0],
           "a long schedule's page has its charts, without why lines", [s])


def check_sched_colours(b, tmp, args, page):
    """Each job's Gantt segments have the SVG's colour for that job."""
    rc, svg, _ = pv(*args, "--headless", "--format", "svg")
    fills = {}
    for fill, name in re.findall(
            rb'fill="(#[0-9A-Fa-f]{6})"[^>]*><title>([^<]*) \d+-\d+</title>',
            svg):
        fills.setdefault(name.decode(), set()).add(rgb(fill.decode()))
    for theme in ("dark", "light", "mono"):
        got = computed_colours(b, page, "t=5&theme=" + theme, tmp,
                               "s-" + theme, ".bar .seg")
        seen, bad = {}, []
        for name, bg, _ in (got or {}).get("colours", []):
            if name not in fills:
                continue        # idle
            seen.setdefault(name, set()).add(bg)
            if theme == "mono" and not grey(bg):
                bad.append("%s: %s is a colour" % (name, bg))
            elif theme != "mono" and {bg} != fills[name]:
                bad.append("%s: page %s, svg %s" % (name, bg, fills[name]))
        report(got and got["theme"] == theme and len(fills) >= 3 and
               set(seen) == set(fills) and not bad,
               colour_check_name("sched", theme),
               bad + [seen, fills, got])


# ---- Chinese, hostile and broken input ----------------------------------

def check_zh(b, tmp):
    locales = subprocess.run(["locale", "-a"], capture_output=True,
                             text=True).stdout.lower()
    if "zh_cn.utf8" not in locales:
        skip("zh_CN pages", "locale zh_CN.UTF-8 is not installed "
             "(tests/deps.sh makes it as root)")
        return
    rec = os.path.join(tmp, "zh.rec")
    page = os.path.join(tmp, "zh.html")
    rc, _, err = pv("run", "zombie", "--headless", "--pace", "0.2",
                    "--record", rec, env=ZH_ENV)
    rc2, _, err2 = pv("replay", rec, "--format", "html", "--output", page,
                      env=ZH_ENV)
    text = open(page, encoding="utf-8").read() if rc2 == 0 else ""
    report(rc == 0 and rc2 == 0 and '<html lang="zh-CN">' in text,
           "zh_CN: the lesson page is written in Chinese", [err, err2])
    if b.why:
        skip("zh_CN pages in a browser", b.why)
        return
    out, err, _ = b.run("file://" + page + "#event=12")
    dom = Dom(out)
    notes = dom.one(id="pv-notes")
    buttons = " ".join(e["text"] for e in dom.elems if e["tag"] == "button")
    report(page_status(dom).get("data-errors") == "0" and notes and
           "僵尸" in notes["text"] and "播放" in buttons,
           "zh_CN: the browser shows the notes and the controls in Chinese",
           [notes and notes["text"][:200], buttons])
    spage = os.path.join(tmp, "zhs.html")
    pv("sched", "silberschatz", "--format", "html", "--output", spage,
       env=ZH_ENV)
    out, _, _ = b.run("file://" + spage + "#t=3")
    dom = Dom(out)
    heads = " ".join(e["text"] for e in dom.elems if e["tag"] == "h2")
    report(page_status(dom).get("data-errors") == "0" and "指标" in heads,
           "zh_CN: the sched page's headings are Chinese", [heads])


def check_hostile(b, tmp):
    rec = os.path.join(tmp, "z.rec")
    raw = open(rec, "rb").read()
    evil = raw.replace(b'"comm":"zombie-child"',
                       b'"comm":"</script>\xff\xfe"')
    evil = evil.replace(b'"comm":"zombie-parent"',
                        b'"comm":"\\"\'&<!--\xe2\x80\xa8"')
    evil = evil.replace(
        b'"cmdline":"procviz run --scenario-process zombie"',
        b'"cmdline":"</script><script>document.title=\'pwned\'</script>"')
    evil = evil.replace(b'"scenario":"zombie"',
                        b'"scenario":"</title><script>x()</script>"', 1)
    erec = os.path.join(tmp, "evil.rec")
    open(erec, "wb").write(evil)
    page = os.path.join(tmp, "evil.html")
    rc, _, err = pv("replay", erec, "--format", "html", "--output", page)
    report(rc == 0, "a recording with hostile names makes a page", [err])
    text = open(page, "rb").read() if rc == 0 else b""
    scripts = re.findall(rb"<script[^>]*>(.*?)</script>", text, re.S)
    report(text.count(b"<script") == 3 and text.count(b"</script>") == 3 and
           b"\xff" not in text and not any(
               "\u2028".encode() in x or "\u2029".encode() in x or
               b"<" in x for x in scripts[:2]),
           "no recorded name opens or closes a script element; the page is "
           "valid UTF-8; the JSON has no raw < U+2028 U+2029")
    data = embedded(page) if rc == 0 else []
    comms = {e.get("comm") for e in data if e.get("kind") == "event"}
    report("</script>\ufffd\ufffd" in comms and
           "\"'&<!--\u2028" in comms,
           "the data keeps the names (invalid bytes as U+FFFD)", [comms])
    if not b.why:
        # the first event that names a child by its hostile name: the
        # child is in the tree then
        evs = [e for e in data if e.get("kind") == "event"]
        k = next((i for i, e in enumerate(evs)
                  if e.get("comm") == "</script>\ufffd\ufffd"), 0)
        out, err, _ = b.run("file://" + page + "#event=%d" % k)
        dom = Dom(out)
        tree = dom.one(id="pv-tree")
        rows = dom.one(id="pv-timeline")
        title = next((e for e in dom.elems if e["tag"] == "title"), None)
        report(page_status(dom).get("data-errors") == "0" and
               not console_errors(err) and tree and rows and
               "</script>\ufffd\ufffd" in tree["text"] and
               "</script>\ufffd\ufffd" in rows["text"] and
               "\"'&<!--" in rows["text"] and
               len([e for e in dom.elems if e["tag"] == "script"]) == 3 and
               title and "pwned" not in title["text"] and
               "</title>" in title["text"],
               "the browser shows hostile names as text",
               [tree and tree["text"][:300], rows and rows["text"][:300],
                title and title["text"], "\n".join(console_errors(err))])
    else:
        skip("hostile names in a browser", b.why)
    trunc = os.path.join(tmp, "trunc.rec")
    open(trunc, "wb").write(raw[:len(raw) // 2])
    tpage = os.path.join(tmp, "trunc.html")
    rc, out, err = pv("replay", trunc, "--format", "html", "--output", tpage)
    report(rc == 2 and re.search(r"trunc\.rec:\d+:\d+: expected", err) and
           not os.path.exists(tpage) and not out,
           "a truncated recording is an error naming FILE:LINE:COL, "
           "and no page", [rc, err])
    rc, _, err = pv("replay", rec, "--format", "html", "--output",
                    os.path.join(tmp, "no", "such", "dir.html"))
    report(rc == 2 and "cannot write" in err,
           "an --output that cannot be written is a usage error", [rc, err])


def main():
    tmp = tempfile.mkdtemp(prefix="procviz-html-")
    try:
        b = Browser(tmp)
        if b.why:
            print("# browser checks skipped: " + b.why)
        check_lesson(b, tmp)
        check_sched(b, tmp)
        check_zh(b, tmp)
        check_hostile(b, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if flush() else 0)


main()
