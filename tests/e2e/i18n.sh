#!/bin/sh
# The class's language: every message has a Chinese translation (and every
# message of the parsers and of sched/ is marked for one), procviz speaks
# Chinese under LANG=zh_CN.UTF-8 and English under LANG=C, the parsers
# included (FILE:LINE:COL and the user's words kept), and machine-readable
# output never depends on the locale.
. "$(dirname "$0")/../lib.sh"
cd "$PROCVIZ_ROOT" || exit 1
tmp=$TMP
expect_match() {	# NAME NEEDLE HAYSTACK: HAYSTACK contains NEEDLE
	case $3 in *"$2"*) ok "$1" ;; *) not_ok "$1" "expected to find: $2" \
		"in: $(printf '%s' "$3" | head -c 600)" ;; esac
}
skip() { echo "ok - # SKIP $1"; }

# 1. Every msgid of the sources has a translation that is neither missing
#    nor fuzzy (a new string without a translation fails here).
if command -v xgettext >/dev/null 2>&1 && command -v msgmerge >/dev/null 2>&1; then
	make --no-print-directory -s pot POT="$tmp/procviz.pot" >"$tmp/pot.log" 2>&1
	expect_eq "make pot regenerates the template" "0" "$?"
	msgmerge -q --no-fuzzy-matching -o "$tmp/zh.po" po/zh_CN.po \
		"$tmp/procviz.pot" 2>"$tmp/merge.log"
	stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/zh.po" 2>&1)
	untrans=$(LC_ALL=C msgattrib --untranslated --no-obsolete "$tmp/zh.po" |
		grep -c '^msgid ' )
	fuzzy=$(LC_ALL=C msgattrib --only-fuzzy --no-obsolete "$tmp/zh.po" |
		grep -c '^msgid ')
	expect_eq "no msgid without a Chinese translation ($stats)" "0" "$untrans"
	expect_eq "no fuzzy Chinese translation" "0" "$fuzzy"
	msgfmt -c -o /dev/null po/zh_CN.po 2>"$tmp/check.log"
	expect_eq "po/zh_CN.po passes msgfmt -c (formats agree)" "" \
		"$(cat "$tmp/check.log")"
	# The parsers' messages and the scheduler's words are marked too:
	# every string literal of theirs that reads as English words (two or
	# more) is a msgid of the template.  A message written through a
	# helper that xgettext does not know (the Makefile's
	# XGETTEXT_KEYWORDS), or not marked N_(), fails here before a student
	# sees it in English.
	parsers="sched/*.c viz/core/lesson_file.c viz/core/lesson_steps.c
		viz/core/lesson_anchor.c viz/core/record_load.c
		viz/core/record_schema.c viz/core/json.c viz/core/procctl.c
		viz/core/report_sched_text.c viz/core/drive.c
		viz/cmd/cmd_drive.c viz/cmd/schedreq.c"
	xgettext -a --from-code=UTF-8 --omit-header --no-location -o \
		"$tmp/literals.po" $parsers 2>/dev/null
	unmarked=$(python3 - "$tmp/literals.po" "$tmp/procviz.pot" <<'PY'
import re, sys
def msgids(path):
    text = open(path, encoding="utf-8").read()
    return {"".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
            for m in re.finditer(r'^msgid ((?:".*"\n?)+)', text, re.M)}
known = msgids(sys.argv[2])
for s in sorted(msgids(sys.argv[1]) - known):
    if re.search(r"[A-Za-z]{2,} [a-z]{2,}", s):
        print(s)
PY
)
	expect_eq "every message of the parsers and sched/ is a msgid (marked for translation)" \
		"" "$unmarked"
else
	skip "gettext tools missing: no msgid check"
fi

# 2. English stays the default and the fallback.
out=$(LANG=C LC_ALL= "$PROCVIZ" list)
expect_match "LANG=C: procviz list is English" \
	"the parent does not wait" "$out"
nonascii=$(printf '%s' "$out" | LC_ALL=C grep -c '[^ -~	]')
expect_eq "LANG=C: procviz list is plain ASCII (no translation)" "0" "$nonascii"

if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
	skip "locale zh_CN.UTF-8 is not installed (tests/deps.sh makes it as root)"
	exit 0
fi
zh() { LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$@"; }

# 3. Chinese: list, help, errors, a headless lesson's notes.
out=$(zh "$PROCVIZ" list)
expect_match "zh_CN: procviz list speaks Chinese" "僵尸进程" "$out"
expect_match "zh_CN: list keeps its tab-separated KIND NAME" \
	"$(printf 'scenario\tzombie\t')" "$out"
out=$(zh "$PROCVIZ" --help)
expect_match "zh_CN: --help speaks Chinese" "用法" "$out"
for c in run watch attach sched drive replay trace; do
	out=$(zh "$PROCVIZ" $c --help)
	expect_match "zh_CN: procviz $c --help speaks Chinese" "用法：procviz $c" "$out"
done
out=$(zh "$PROCVIZ" nosuchcommand 2>&1)
expect_match "zh_CN: an error message speaks Chinese" "未知命令" "$out"
out=$(zh "$PROCVIZ" run nosuchlesson 2>&1)
expect_eq "zh_CN: an unknown lesson still exits 2" "2" "$?"

zh "$PROCVIZ" run zombie --headless --format json --pace 0.2 \
	>"$tmp/zh.json" 2>"$tmp/zh.err"
expect_eq "zh_CN: headless run zombie exits 0" "0" "$?"
LANG=C LC_ALL= "$PROCVIZ" run zombie --headless --format json --pace 0.2 \
	>"$tmp/c.json" 2>"$tmp/c.err"
expect_eq "LANG=C: headless run zombie exits 0" "0" "$?"
expect_match "zh_CN: the lesson's notes are in Chinese" "僵尸进程" \
	"$(grep '"type":"note"' "$tmp/zh.json")"
out=$(zh "$PROCVIZ" run zombie --headless --format text --pace 0.2)
expect_match "zh_CN: --format text words the events in Chinese" "运行 → 僵尸" "$out"
expect_match "zh_CN: --format text ends with a Chinese summary" "# 摘要" "$out"
out=$(LANG=C LC_ALL= "$PROCVIZ" run zombie --headless --format text --pace 0.2)
expect_match "LANG=C: --format text stays English" "running → zombie" "$out"
# JSON never depends on the locale: the header and the summary are the same
# bytes, and every field name, event type and state word is the English one.
expect_eq "zh_CN: JSON header is byte-identical to LANG=C" \
	"$(head -n 1 "$tmp/c.json")" "$(head -n 1 "$tmp/zh.json")"
expect_eq "zh_CN: JSON summary is byte-identical to LANG=C" \
	"$(tail -n 1 "$tmp/c.json")" "$(tail -n 1 "$tmp/zh.json")"
bad=$(python3 - "$tmp/zh.json" "$tmp/c.json" <<'PY'
import json, sys
def shape(path):
    kinds = set()
    for line in open(path, encoding="utf-8"):
        ev = json.loads(line)
        for k, v in ev.items():
            if not k.isascii():
                print("non-ASCII field name", k)
            if k in ("kind", "type", "from", "to", "wait", "state") and \
               isinstance(v, str) and not v.isascii():
                print("translated machine word", k, v)
        kinds.add((ev["kind"], ev.get("type")))
    return kinds
zh, c = shape(sys.argv[1]), shape(sys.argv[2])
# The two runs are separate live runs: compare the kinds every zombie run
# has (timing may add others to one run only).
need = {("header", None), ("summary", None), ("event", "spawn"),
        ("event", "exit"), ("event", "reap"), ("event", "note"),
        ("event", "state")}
for k in sorted((need & c) - zh, key=str):
    print("missing under zh_CN:", k)
PY
)
expect_eq "zh_CN: JSON field names and words are the LANG=C ones" "" "$bad"

# 4. The same recording replays to the same bytes in both languages, and
#    sched's JSON and CSV are byte-identical.
for f in json csv; do
	a=$(LANG=C LC_ALL= "$PROCVIZ" sched silberschatz --policy all --headless --format $f)
	b=$(zh "$PROCVIZ" sched silberschatz --policy all --headless --format $f)
	expect_eq "zh_CN: sched --format $f is byte-identical to LANG=C" "$a" "$b"
done
# The why lines are sentences for people, but inside JSON they never
# depend on the locale (nor on LANGUAGE).
a=$(LANG=C LC_ALL= "$PROCVIZ" sched stallings --policy all --headless \
	--format json --explain --switch-cost 1)
b=$(zh "$PROCVIZ" sched stallings --policy all --headless --format json \
	--explain --switch-cost 1)
expect_eq "zh_CN: sched --format json --explain (why lines) is byte-identical to LANG=C" \
	"$a" "$b"
b=$(LANGUAGE=zh_CN zh "$PROCVIZ" sched stallings --policy all --headless \
	--format json --explain --switch-cost 1)
expect_eq "LANGUAGE=zh_CN: the JSON why lines stay as written" "$a" "$b"

# 5. The parsers speak Chinese too: a workload file, --jobs, a drive
#    option, a lesson file and a recording, each wrong, under zh_CN.  The
#    FILE:LINE:COL in front, the keywords and the user's text stay as
#    they are; the same errors under LANG=C are the English ones.
printf 'A 0 5/x\n' >"$tmp/bad.wl"
printf 'A 0 5\nA 1 2\n' >"$tmp/dup.wl"
printf 'A 0 5\n' >"$tmp/ok.wl"
printf 'title: x\ncommand: [true]\nsteps:\n  - foo: 1\n' >"$tmp/key.yaml"
printf 'title: x\ncommand: [true]\nsteps: {a: 1}\n' >"$tmp/type.yaml"
printf '{"bad\n' >"$tmp/bad.jsonl"
printf '{"kind":"header","procviz_record":1,"source":"run","pid":-4}\n' \
	>"$tmp/pid.jsonl"
# zh_err NAME WANT-STATUS NEEDLE CMD...: CMD under zh_CN exits with
# WANT-STATUS and says NEEDLE on stderr.
zh_err() {
	name=$1 want=$2 needle=$3
	shift 3
	out=$(zh "$@" 2>&1 >/dev/null)
	st=$?
	expect_eq "zh_CN: $name exits $want" "$want" "$st"
	expect_match "zh_CN: $name says it in Chinese" "$needle" "$out"
}
zh_err "a malformed workload file" 2 \
	"$tmp/bad.wl:1:7: 应为 IO 运行段（整数个 tick，0..1000000000）" \
	"$PROCVIZ" sched "$tmp/bad.wl" --headless
out=$(LANG=C LC_ALL= "$PROCVIZ" sched "$tmp/bad.wl" --headless 2>&1)
expect_match "LANG=C: the same workload error stays English" \
	"$tmp/bad.wl:1:7: expected an IO burst (whole ticks, 0..1000000000)" "$out"
zh_err "a job name used twice (the name quoted as written)" 2 \
	"$tmp/dup.wl:2:1: 应为新的作业名（“A”已在第 1 行用过）" \
	"$PROCVIZ" sched "$tmp/dup.wl" --headless
zh_err "a malformed --jobs list" 2 \
	"--jobs:5: 应为 CPU 运行段（整数个 tick，1..1000000000）" \
	"$PROCVIZ" sched --jobs 0:5,x --headless
zh_err "a policy's parameter out of range" 2 \
	"--mlfq-levels：应为 1..16 的整数，实际为“40”" \
	"$PROCVIZ" sched silberschatz --policy mlfq --mlfq-levels 40 --headless
zh_err "an unknown policy" 2 "--policy：未知策略“nosuch”" \
	"$PROCVIZ" sched silberschatz --policy nosuch --headless
zh_err "drive with two policies" 2 "--policy：只能给出一个策略" \
	"$PROCVIZ" drive "$tmp/ok.wl" --policy rr,fcfs
zh_err "drive --tick-ms out of range" 2 \
	"--tick-ms：应为 " "$PROCVIZ" drive "$tmp/ok.wl" --policy rr --tick-ms 0
zh_err "lesson check of an unknown step key" 2 \
	"$tmp/key.yaml:4:5: step：未知的键（应为 id、when、note、source、marker、pattern、lines）" \
	"$PROCVIZ" lesson check "$tmp/key.yaml"
zh_err "lesson check of a mapping for a list" 2 \
	"$tmp/type.yaml:3:8: steps：应为列表，实际为映射" \
	"$PROCVIZ" lesson check "$tmp/type.yaml"
zh_err "run of a bad lesson file" 2 "$tmp/key.yaml:4:5: step：未知的键" \
	"$PROCVIZ" run "$tmp/key.yaml" --headless
out=$(LANG=C LC_ALL= "$PROCVIZ" lesson check "$tmp/key.yaml" 2>&1)
expect_match "LANG=C: the same lesson error stays English" \
	"$tmp/key.yaml:4:5: step: unknown key (id, when" "$out"
zh_err "replay of a broken recording" 2 \
	"$tmp/bad.jsonl:1:2: 第一个成员应为“kind”" \
	"$PROCVIZ" replay "$tmp/bad.jsonl" --headless
zh_err "replay of a recording with a bad pid" 2 \
	"$tmp/pid.jsonl:1:58: 进程号应在 0..2147483647 之间" \
	"$PROCVIZ" replay "$tmp/pid.jsonl" --headless
out=$(LANG=C LC_ALL= "$PROCVIZ" replay "$tmp/pid.jsonl" --headless 2>&1)
expect_match "LANG=C: the same recording error stays English" \
	"$tmp/pid.jsonl:1:58: expected the pid in 0..2147483647" "$out"

# 6. The scheduler's words for people: the text report (its table lined
#    up by display columns), the why lines, the policies' descriptions.
out=$(zh "$PROCVIZ" sched silberschatz --policy rr --headless --explain)
expect_match "zh_CN: sched's text report has a Chinese heading" \
	"procviz sched：silberschatz（3 个作业）" "$out"
expect_match "zh_CN: the why lines are Chinese, t= and names kept" \
	"t=4: P1 的时间片用完；P2 运行（队首，时间片 4）" "$out"
expect_match "zh_CN: the policy is described in Chinese" \
	"rr: 时间片轮转，--quantum Q（默认 4） | quantum 4" "$out"
bad=$(printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = sys.stdin.read().split("\n")
head = [l for l in lines if "到达" in l and "等待" in l]
row = [l for l in lines if l.startswith("  P2 ")]
if not head or not row:
    print("no table heading or row")
else:
    h, r = head[0], row[0]
    # each heading ends where its numbers end (right-aligned columns)
    hs = [w(h[:h.index(x) + len(x)]) for x in ("到达", "完成", "等待")]
    nums = r.split()
    ends, at = [], 0
    for n in nums[1:]:
        at = r.index(n, at) + len(n)
        ends.append(at)
    rs = [ends[0], ends[2], ends[5]]
    if hs != rs:
        print("headings end at", hs, "numbers at", rs)
')
expect_eq "zh_CN: the job table lines up by display columns" "" "$bad"
out=$(LANG=C LC_ALL= "$PROCVIZ" sched silberschatz --policy rr --headless --explain)
expect_match "LANG=C: the why lines stay English" \
	"t=4: quantum of P1 expired; P2 runs (head of the queue, quantum 4)" "$out"
out=$(zh "$PROCVIZ" list --policies)
expect_match "zh_CN: list --policies describes in Chinese, KIND NAME kept" \
	"$(printf 'policy\trr\t时间片轮转')" "$out"

# drive's report: one job, real but short.
out=$(zh "$PROCVIZ" drive --jobs 0:1 --policy fcfs --tick-ms 10 --headless 2>&1)
expect_eq "zh_CN: drive of one job exits 0" "0" "$?"
expect_match "zh_CN: drive's report speaks Chinese" \
	"完成顺序：模拟 A，实测 A（相同）" "$out"
expect_match "zh_CN: drive's table headings are Chinese, lined up" \
	"作业       pid |  首次  完成  响应  周转  等待 |" "$out"

# 7. Chinese text is never cut inside a character: a long note without a
#    blank wraps between characters in a replay's SVG (still well-formed
#    XML), and a long Chinese word quoted in a lesson file's error stays
#    valid UTF-8.
zh "$PROCVIZ" run zombie --headless --pace 0.2 --record "$tmp/zh.rec" \
	>/dev/null 2>&1
expect_eq "zh_CN: run zombie --record exits 0" "0" "$?"
python3 - "$tmp/zh.rec" "$tmp/long.rec" <<'PY'
import json, sys
out, done = [], False
for line in open(sys.argv[1], encoding="utf-8"):
    ev = json.loads(line)
    if ev.get("kind") == "note" and not done:
        ev["text"] = "父进程调用等待函数之后每一个僵尸进程都会被回收并从进程表中消失请观察状态的变化"
        done = True
    out.append(json.dumps(ev, ensure_ascii=False))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
"$PROCVIZ" replay "$tmp/long.rec" --format svg --output "$tmp/long.svg" \
	2>/dev/null
bad=$(python3 - "$tmp/long.svg" <<'PY'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception as e:
    print("not well-formed:", e)
    sys.exit()
text = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
if "父进程调用等待函数之后每一个僵尸进程都会被回收并从进程表中消失请观察状态的变化" not in text:
    print("the note is not whole in the picture")
PY
)
expect_eq "a long Chinese note wraps between characters in the replay SVG" "" "$bad"
printf 'title: x\ncommand: [true]\nsteps:\n  - when: 僵尸进程僵尸进程僵尸进程僵尸进程\n    note: x\n' \
	>"$tmp/cut.yaml"
zh "$PROCVIZ" lesson check "$tmp/cut.yaml" >/dev/null 2>"$tmp/cut.err"
iconv -f UTF-8 -t UTF-8 "$tmp/cut.err" >/dev/null 2>&1
expect_eq "a long Chinese word quoted in a lesson error stays valid UTF-8" \
	"0" "$?"
expect_match "zh_CN: the quoted word is cut between characters" \
	"未知触发条件“僵尸进程僵尸进程僵尸进程僵”" "$(cat "$tmp/cut.err")"

# 8. Pictures: a replay's SVG labels its legend, axis and marks in Chinese
#    while its attributes (data-state, data-event) keep the JSON words; the
#    scheduler's SVG titles its workload in Chinese.
zh "$PROCVIZ" replay "$tmp/zh.rec" --format svg --output "$tmp/zh.svg" \
	2>/dev/null
bad=$(python3 - "$tmp/zh.svg" <<'PY'
import sys
import xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
text = [t.text or "" for t in root.iter(NS + "text")]
for want in ("运行", "就绪", "僵尸", "被回收（wait）", "秒"):
    if want not in text:
        print("no label", want)
states = {r.get("data-state") for r in root.iter(NS + "rect") if r.get("data-state")}
events = {g.get("data-event") for g in root.iter(NS + "g") if g.get("data-event")}
if not states or not states <= {"running", "ready", "blocked", "stopped", "zombie"}:
    print("data-state not the JSON words:", states)
if not events or not all(e.isascii() for e in events):
    print("data-event not the JSON words:", events)
PY
)
expect_eq "zh_CN: the replay SVG's words are Chinese, its attributes English" "" "$bad"
out=$(zh "$PROCVIZ" sched silberschatz --policy fcfs --headless --format svg)
expect_match "zh_CN: the scheduler's SVG titles its workload in Chinese" \
	"silberschatz（3 个作业）" "$out"
# libyaml's own complaints about a lesson file are translated too.
printf 'title: x\ncommand: [true]\nsteps:\n  - when: n\n    note: hi\n   bad: 1\n' \
	>"$tmp/yaml.yaml"
zh_err "a lesson file that is not good YAML" 2 \
	"$tmp/yaml.yaml:6:4: 没有找到应有的“-”标记（解析块集合时，该结构始于第 4 行）" \
	"$PROCVIZ" lesson check "$tmp/yaml.yaml"
