#!/bin/sh
# The screen in Chinese: with LANG=zh_CN.UTF-8 the home screen, a lesson
# view and its help are translated and stay aligned column by column
# (Chinese characters take two columns), at 80x24 and at 110x34.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"
cd "$PROCVIZ_ROOT" || exit 1

if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
	echo "ok - # SKIP locale zh_CN.UTF-8 is not installed (tests/deps.sh makes it as root)"
	exit 0
fi

# cols.py MODE W < screen: prints what is misaligned (nothing when all is
# well).  Display columns count East Asian wide characters as two.
cat >"$TMP/cols.py" <<'PY'
import re, sys, unicodedata
mode, width = sys.argv[1], int(sys.argv[2])
names = sys.argv[3:]
lines = sys.stdin.read().split("\n")
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
def col(line, sub):
    i = line.find(sub)
    return -1 if i < 0 else w(line[:i])
bad = []
for n, l in enumerate(lines):
    if w(l) > width:
        bad.append("row %d is %d columns wide: %s" % (n, w(l), l))
    if "\ufffd" in l or re.search(r"[\u4e00-\u9fff]\?", l):
        bad.append("row %d has a broken character: %s" % (n, l))
if mode == "home":
    starts = {}
    for l in lines:
        m = re.match(r"^[> ] (\S+)( +)(\S)", l)
        if m and m.group(1) in names:
            kind = "lessons" if names.index(m.group(1)) < names.index("--") \
                else "workloads"
            starts.setdefault(kind, set()).add(w(l[:m.start(3)]))
    for k, v in starts.items():
        if len(v) != 1:
            bad.append("%s: descriptions start at columns %s" % (k, sorted(v)))
    if not starts:
        bad.append("no lesson rows found")
elif mode == "lesson":
    head = [l for l in lines if "PID" in l and "PPID" in l]
    if not head:
        bad.append("no tree heading")
    else:
        h = head[0]
        want = {"state": col(h, "状态"), "cmd": col(h, "命令")}
        rows = [l for l in lines if re.match(r"^\d+ +\d+ +[RrBTZ] ", l)]
        if not rows:
            bad.append("no process rows")
        for l in rows:
            m = re.match(r"^\d+ +\d+ +([RrBTZ]) ", l)
            if w(l[:m.start(1)]) != want["state"]:
                bad.append("state letter at column %d, heading at %d: %s" % (w(l[:m.start(1)]), want["state"], l))
            m2 = re.search(r"zombie-parent", l)
            if m2 and w(l[:m2.start()]) != want["cmd"]:
                bad.append("command at column %d, heading at %d: %s" % (w(l[:m2.start()]), want["cmd"], l))
elif mode == "wrap":
    # CJK line breaking: no row starts with closing punctuation, and a
    # parenthesised number such as "（共 3 步）" is never cut in two.
    for l in lines:
        t = l.strip()
        if t[:1] and t[0] in "。，、）」』；：！？":
            bad.append("a row starts with closing punctuation: %s" % l)
        if re.search(r"（共 \d+$", t) or re.search(r"（共$", t) or \
                re.match(r"^(\d+ )?步）", t):
            bad.append("a parenthesised number is cut: %s" % l)
    # The selected row's detail line (in the log's heading) is Chinese.
    for l in lines:
        if "事件日志" in l and "|" in l:
            tail = l.split("|", 1)[1]
            m = re.search(r"(?<![\w-])(running|ready|blocked|stopped|zombie|"
                          r"gone|thread|syscall|wchan)(?![\w-])",
                          tail.split("：", 1)[-1])
            if m:
                bad.append("English in the selected row's line: %s" % l)
elif mode == "help":
    box = [l for l in lines if "│" in l]
    rights = {w(l[:l.rfind("│")]) for l in box if l.count("│") >= 2}
    lefts = {w(l[:l.find("│")]) for l in box if l.count("│") >= 2}
    if len(rights) != 1 or len(lefts) != 1:
        bad.append("help box borders at columns %s / %s" % (sorted(lefts), sorted(rights)))
print("\n".join(bad))
PY

names="$("$PROCVIZ" list | awk -F'\t' '$1=="scenario"{print $2}' | tr '\n' ' ') -- $("$PROCVIZ" list | awk -F'\t' '$1=="workload"{print $2}' | tr '\n' ' ')"
for size in 80x24 110x34; do
	W=${size%x*} H=${size#*x}
	ui_start "$W" "$H" LC_ALL=zh_CN.UTF-8 -- "$PROCVIZ"
	if ui_wait "课程" 10; then ok "$size: the home screen speaks Chinese"; else
		not_ok "$size: the home screen speaks Chinese" "$(ui_screen)"; fi
	ui_settle
	bad=$(ui_screen | python3 "$TMP/cols.py" home "$W" $names)
	expect_eq "$size: home rows fit and line up by display column" "" "$bad"
	ui_keys Enter
	if ui_wait "僵尸" 15 && ui_wait "zombie-child" 15; then
		ok "$size: the zombie lesson view speaks Chinese"
	else
		not_ok "$size: the zombie lesson view speaks Chinese" "$(ui_screen)"
	fi
	ui_settle
	bad=$(ui_screen | python3 "$TMP/cols.py" lesson "$W")
	expect_eq "$size: the process tree lines up under its Chinese headings" "" "$bad"
	# Step 2's text is on screen: wrapped by the CJK rules, and the
	# selected row (the parent) is described in Chinese.
	ui_wait "第 2 步" 15
	ui_keys Down
	ui_settle
	bad=$(ui_screen | python3 "$TMP/cols.py" wrap "$W")
	expect_eq "$size: Chinese notes wrap by the CJK rules, the selected row's line is Chinese" "" "$bad"
	ui_keys '?'
	if ui_wait "帮助" 5; then ok "$size: the help box is in Chinese"; else
		not_ok "$size: the help box is in Chinese" "$(ui_screen)"; fi
	bad=$(ui_screen | python3 "$TMP/cols.py" help "$W")
	expect_eq "$size: the help box's borders stay straight" "" "$bad"
	ui_keys Escape
	ui_keys q
	if ui_wait_exit 15; then ok "$size: q quits"; else not_ok "$size: q quits"; fi
	ui_stop
done
