#!/bin/sh
# procviz watch --headless: the JSON Lines and text contract of procviz.1,
# zombies and orphans seen with the process connector and with polling,
# bad input.  Every process started here carries PROCVIZ_TEST_MARK so the
# leftover check looks only at ours.
. "$(dirname "$0")/../lib.sh"
H=${PROCVIZ_HELPERS:-$PROCVIZ_ROOT/build/helpers}
MARK="observe-watch-$$-$(date +%s)"
# Only the processes procviz starts carry the mark (not this shell's).
pv() { env PROCVIZ_TEST_MARK="$MARK" "$PROCVIZ" "$@"; }
ours() { marked_pids "$MARK"; }

# json_check FILE EXPR... : python3 checks on the JSON Lines in FILE; each
# EXPR is "name::python expression" over L (all lines) and E (events).
json_check() {
	f=$1
	shift
	python3 - "$f" "$@" <<'EOF'
import json, sys
path, checks = sys.argv[1], sys.argv[2:]
raw = open(path).read().splitlines()
try:
    L = [json.loads(x) for x in raw]
except ValueError as e:
    for c in checks:
        print("not ok - " + c.split("::")[0])
        print("# not JSON Lines: %s" % e)
    sys.exit(0)
E = [x for x in L if x.get("kind") == "event"]
def ev(type, **kw):
    return [e for e in E if e["type"] == type and all(e.get(k) == v for k, v in kw.items())]
for c in checks:
    name, expr = c.split("::", 1)
    try:
        good = eval(expr)
    except Exception as e:
        good, why = False, repr(e)
    else:
        why = "false: " + expr
    print(("ok - " if good else "not ok - ") + name)
    if not good:
        print("# " + why)
        for x in raw[:40]:
            print("# " + x)
EOF
}

# Process counts are lower bounds: a sanitizer build's helpers fork a
# leak-checker process at exit.

# --- a zombie, with the connector (or polling where it is refused) ------
pv watch --headless --format json -- "$H/zombie_parent" 300 5 \
	>"$TMP/z.json" 2>"$TMP/z.err"
expect_eq "watch exits 0 when everything exited" 0 $?
child=$(sed -n 's/^child //p' "$TMP/z.err")
json_check "$TMP/z.json" \
	"json: the first line is the header::L[0]['kind'] == 'header' and L[0]['procviz'] == 1 and L[0]['source'] == 'watch' and L[0]['interval_ms'] == 100 and L[0]['event_source'] in ('ptrace', 'netlink', 'poll')" \
	"json: the last line is the summary, nothing left over::L[-1]['kind'] == 'summary' and L[-1]['leftover'] == 0 and L[-1]['processes'] >= 2 and L[-1]['max_zombies'] == 1" \
	"json: every line has a kind, events are in time order::all('kind' in x for x in L) and [e['t_ms'] for e in E] == sorted(e['t_ms'] for e in E)" \
	"json: the child is spawned by the command::len(ev('spawn', pid=$child)) == 1 and ev('spawn', pid=$child)[0]['ppid'] == ev('exec')[0]['pid']" \
	"json: the child exits with status 5::ev('exit', pid=$child) and ev('exit', pid=$child)[0].get('status') == 5" \
	"json: the child becomes a zombie, then is reaped by its parent::ev('state', pid=$child, to='zombie') and ev('reap', pid=$child) and E.index(ev('state', pid=$child, to='zombie')[0]) < E.index(ev('reap', pid=$child)[0]) and ev('reap', pid=$child)[0]['by'] == ev('spawn', pid=$child)[0]['ppid']" \
	"json: the zombie lasted about as long as the parent held it::200 <= ev('reap', pid=$child)[0]['zombie_ms'] <= 3000" \
	"json: the command itself is reaped by procviz after being a zombie::ev('state', pid=ev('exec')[0]['pid'], to='zombie') and ev('reap', pid=ev('exec')[0]['pid'])"

# --- the same with polling forced -----------------------------------------
PROCVIZ_NO_NETLINK=1 PROCVIZ_NO_PTRACE=1 pv watch --headless --format json \
	--interval 20 -- "$H/zombie_parent" 300 0 >"$TMP/zp.json" 2>"$TMP/zp.err"
expect_eq "watch (polling) exits 0" 0 $?
child=$(sed -n 's/^child //p' "$TMP/zp.err")
json_check "$TMP/zp.json" \
	"poll: the header says event_source poll and the interval::L[0]['event_source'] == 'poll' and L[0]['interval_ms'] == 20" \
	"poll: a zombie lasting many periods is caught and reaped::ev('state', pid=$child, to='zombie') and ev('reap', pid=$child)" \
	"poll: nothing left over::L[-1]['kind'] == 'summary' and L[-1]['leftover'] == 0 and L[-1]['max_zombies'] == 1"

# --- an orphan: re-parented, still followed to its end ---------------------
pv watch --headless --format json -- "$H/orphan" 200 \
	>"$TMP/o.json" 2>"$TMP/o.err"
expect_eq "watch of a double fork exits 0" 0 $?
g=$(sed -n 's/^grandchild //p' "$TMP/o.err")
es=$(sed -n '1s/.*"event_source":"\([a-z]*\)".*/\1/p' "$TMP/o.json")
if [ "$es" = netlink ] || [ "$es" = ptrace ]; then
	json_check "$TMP/o.json" \
		"orphan: the grandchild is re-parented, with the new parent named::ev('reparent', pid=$g) and ev('reparent', pid=$g)[0]['to_comm'] != '' and ev('reparent', pid=$g)[0]['to'] != ev('reparent', pid=$g)[0]['from']" \
		"orphan: watch follows it until it has gone::(ev('reap', pid=$g) or ev('gone', pid=$g)) and L[-1]['leftover'] == 0 and L[-1]['processes'] >= 3"
else
	# Polling cannot see the 1 ms middle process; the marker finds the
	# grandchild, shown with the parent it really has when first read.
	json_check "$TMP/o.json" \
		"orphan ($es): the grandchild, adopted before it was read, is found by the marker::ev('spawn', pid=$g) and (ev('reparent', pid=$g) or ev('spawn', pid=$g)[0]['ppid'] != ev('spawn')[0]['pid'])" \
		"orphan ($es): watch follows it until it has gone, with its exit status::(ev('reap', pid=$g) or ev('gone', pid=$g)) and ev('exit', pid=$g)[0].get('status') == 0 and L[-1]['leftover'] == 0 and L[-1]['processes'] >= 2"
fi

# --- threads, and a child forked by a thread (listed in that thread's
# task/TID/children only), with both event sources ------------------------------
for src in "0 0" "0 1" "1 1"; do
	set -- $src
	PROCVIZ_NO_NETLINK=$1 PROCVIZ_NO_PTRACE=$2 pv watch --headless --format json \
		-- "$H/thread_fork" 300 >"$TMP/th.json" 2>"$TMP/th.err"
	child=$(sed -n 's/^child //p' "$TMP/th.err")
	es=$(sed -n '1s/.*"event_source":"\([a-z]*\)".*/\1/p' "$TMP/th.json")
	json_check "$TMP/th.json" \
		"threads ($es): the count climbs to 4 and goes back down to 1::(lambda c: bool(c) and max(c) == 4 and c[-1] == 1 and c[:c.index(4) + 1] == sorted(c[:c.index(4) + 1]) and c[c.index(4):] == sorted(c[c.index(4):], reverse=True))([e['count'] for e in ev('threads')])" \
		"threads ($es): the child a thread forked is followed::ev('spawn', pid=$child) and ev('spawn', pid=$child)[0]['ppid'] == ev('exec')[0]['pid'] and (ev('gone', pid=$child) or ev('reap', pid=$child))"
done

# --- exit statuses and signals ------------------------------------------------
pv watch --headless --format json -- sh -c 'kill -9 $$' >"$TMP/k.json" 2>"$TMP/k.err"
json_check "$TMP/k.json" \
	"a command killed by SIGKILL is reported with signal 9::ev('exit') and ev('exit')[0].get('signal') == 9"

# --- text format -------------------------------------------------------------
pv watch --headless --format text -- "$H/zombie_parent" 200 \
	>"$TMP/t.txt" 2>"$TMP/t.err"
child=$(sed -n 's/^child //p' "$TMP/t.err")
if grep -E -q "^\+[0-9]+\.[0-9]{3}s  $child zombie_parent  [a-z]+ → zombie  \(parent [0-9]+ has not called wait\)\$" "$TMP/t.txt"; then
	ok "text: one readable line for the zombie transition"
else
	not_ok "text: one readable line for the zombie transition" "$(cat "$TMP/t.txt")"
fi
grep -E -q "^# summary: processes [0-9]+, max_zombies 1, leftover 0\$" "$TMP/t.txt" &&
	ok "text: summary line" || not_ok "text: summary line" "$(tail -n 2 "$TMP/t.txt")"
# Without --headless the lesson view needs a terminal: none here (CI).
pv watch -- true >"$TMP/d.txt" 2>&1
expect_eq "without --headless and no terminal, watch exits 1" 1 $?
grep -q -- '--headless' "$TMP/d.txt" &&
	ok "without a terminal, the message suggests --headless" ||
	not_ok "without a terminal, the message suggests --headless" "$(cat "$TMP/d.txt")"

# --- --duration stops watching a command that is still running -------------
pv watch --headless --format json --duration 0.3 -- sleep 30 \
	>"$TMP/dur.json" 2>"$TMP/dur.err"
expect_eq "--duration ends the watch with status 0" 0 $?
json_check "$TMP/dur.json" \
	"--duration: the summary counts the running command as leftover::L[-1]['kind'] == 'summary' and L[-1]['leftover'] == 1"

# --- SIGTERM ends the watch cleanly, with the summary --------------------------
env PROCVIZ_TEST_MARK="$MARK" "$PROCVIZ" watch --headless --format json \
	-- sleep 30 >"$TMP/term.json" 2>"$TMP/term.err" &
pvpid=$!
deadline=$(($(date +%s) + 10))
until grep -q '"type":"exec"' "$TMP/term.json" 2>/dev/null ||
	[ "$(date +%s)" -ge "$deadline" ]; do
	sleep 0.02
done
kill -TERM "$pvpid"
wait "$pvpid"
expect_eq "SIGTERM ends the watch with status 0" 0 $?
json_check "$TMP/term.json" \
	"SIGTERM: the summary is printed, the command counted as leftover::L[-1]['kind'] == 'summary' and L[-1]['leftover'] == 1"

# --- bad input ------------------------------------------------------------------
expect_status "watch without a command exits 2" 2 pv watch --headless
grep -q "no command given" "$TMP/status.err" &&
	ok "watch without a command says so" || not_ok "watch without a command says so" "$(cat "$TMP/status.err")"
# (a PATH as a lecturer's: one with a directory this user may not search,
# e.g. root's own tools inherited by nobody, makes execvp say EACCES)
expect_status "watch of a missing command exits 2" 2 \
	env PATH=/usr/local/bin:/usr/bin:/bin PROCVIZ_TEST_MARK="$MARK" \
	"$PROCVIZ" watch --headless -- no-such-command-procviz
# (where ptrace is forbidden a line saying so comes first)
expect_eq "watch of a missing command names it and the error" \
	"procviz: watch: no-such-command-procviz: No such file or directory" \
	"$(grep -v 'cannot trace with ptrace' "$TMP/status.err")"
expect_eq "watch of a missing command prints nothing on stdout" "" \
	"$(cat "$TMP/status.out")"
expect_status "--interval below 10 ms exits 2" 2 \
	pv watch --headless --interval 5 -- true
expect_status "--format csv is refused for watch" 2 \
	pv watch --headless --format csv -- true
expect_status "--duration must be a number" 2 \
	pv watch --headless --duration soon -- true
expect_status "watch --help exits 0" 0 pv watch --help

# --- nothing of ours is left running ----------------------------------------------
left=$(ours)
# The --duration test leaves its `sleep 30` on purpose: end it now.
for p in $left; do
	[ "$(cat /proc/"$p"/comm 2>/dev/null)" = sleep ] && kill "$p" 2>/dev/null
done
deadline=$(($(date +%s) + 10))
while left=$(ours); [ -n "$left" ] && [ "$(date +%s)" -lt "$deadline" ]; do
	sleep 0.1
done
expect_eq "no process started by this test is left" "" "$left"

# --- --output / -o: the events to a file, the command keeps stdout ----------
pv watch --headless --format json -o "$TMP/ev.json" \
	-- sh -c 'echo hello; printf partial' >"$TMP/prog.out" 2>"$TMP/prog.err"
expect_eq "watch -o exits 0" 0 $?
expect_eq "watch -o: stdout is the command's own output, untouched" \
	"$(printf 'hello\npartial')" "$(cat "$TMP/prog.out")"
json_check "$TMP/ev.json" \
	"watch -o: the file holds the header, the events and the summary::L[0]['kind'] == 'header' and L[-1]['kind'] == 'summary' and ev('exec')"
expect_status "--output without --headless exits 2" 2 \
	pv watch --output "$TMP/x.json" -- true
grep -q -- '--output goes with --headless' "$TMP/status.err" &&
	ok "--output without --headless says why" ||
	not_ok "--output without --headless says why" "$(cat "$TMP/status.err")"
expect_status "--output into a missing directory exits 2" 2 \
	pv watch --headless --output "$TMP/no/such/dir/x.json" -- true
grep -q "procviz: watch: --output: cannot write '$TMP/no/such/dir/x.json'" \
	"$TMP/status.err" &&
	ok "the --output error names the option and the file" ||
	not_ok "the --output error names the option and the file" \
		"$(cat "$TMP/status.err")"
# --no-trace: the connector or polling, never ptrace
pv watch --no-trace --headless --format json -- true >"$TMP/nt.json" 2>"$TMP/nt.err"
json_check "$TMP/nt.json" \
	"--no-trace: not traced, the header says which source instead::L[0]['event_source'] in ('netlink', 'poll') and 'ptrace' not in L[0]['sources']"
