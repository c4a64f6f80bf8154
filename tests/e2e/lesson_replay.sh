#!/bin/sh
# A lesson file recorded (run FILE --record) replays as it ran, however
# long its path (the header names the file by its name): the same
# events, the step notes among them (replay --headless), and the SVG
# picture (replay --format svg) carries the steps too.  --duration stops
# a lesson file and leaves nothing behind.
. "$(dirname "$0")/../lib.sh"
cd "$PROCVIZ_ROOT" || exit 1
[ -x /usr/bin/python3 ] && PATH=/usr/bin:$PATH
L=$TMP/a-directory-name-long-enough-to-pass-63-bytes-with-the-temporary-one/lessons
mkdir -p "$L"
cp scenarios/lessons/*.py scenarios/lessons/*.yaml "$L"

"$PROCVIZ" run "$L/orphan.yaml" --headless --format json \
	--record "$TMP/rec" >"$TMP/live" 2>"$TMP/live.err"
expect_eq "run FILE --record exits 0" 0 "$?"
"$PROCVIZ" replay "$TMP/rec" --headless --format json >"$TMP/replay" 2>&1
expect_eq "replay of it exits 0" 0 "$?"
grep -v '"kind":"header"' "$TMP/live" >"$TMP/live.ev"
grep -v '"kind":"header"' "$TMP/replay" >"$TMP/replay.ev"
cmp -s "$TMP/live.ev" "$TMP/replay.ev" &&
	ok "the replay gives the live run's events, summary included" ||
	not_ok "the replay gives the live run's events, summary included" \
		"$(diff "$TMP/live.ev" "$TMP/replay.ev" | head -10)"
n=$(grep -c '"type":"note","text":"step [1-4]/4 (' "$TMP/replay")
expect_eq "the recording holds the four step notes" 4 "$n"
grep -q '"scenario":"orphan.yaml","command":"python3 orphan.py"' \
	"$TMP/replay" && ok "the recording's header names the file and command" ||
	not_ok "the recording's header names the file and command" "$(head -1 "$TMP/replay")"
"$PROCVIZ" replay "$TMP/rec" --format svg --output "$TMP/pic.svg" \
	>/dev/null 2>&1
expect_eq "replay --format svg exits 0" 0 "$?"
grep -q "step 2/4" "$TMP/pic.svg" && ok "the SVG picture carries the steps" ||
	not_ok "the SVG picture carries the steps"

# --duration: the lesson is stopped, said in a note, nothing left.
"$PROCVIZ" run "$L/zombie.yaml" --headless --format json --duration 1 \
	>"$TMP/dur" 2>&1
expect_eq "--duration 1 exits 0" 0 "$?"
grep -q -- '--duration reached' "$TMP/dur" &&
	ok "--duration is said in a note" || not_ok "--duration is said in a note"
tail -1 "$TMP/dur" | grep -q '"leftover":0' && ok "--duration: leftover 0" ||
	not_ok "--duration: leftover 0" "$(tail -1 "$TMP/dur")"
i=0
while grep -l -a "${L%s}[s]" /proc/[0-9]*/cmdline >/dev/null 2>&1 &&
	[ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
left=$(grep -l -a "${L%s}[s]" /proc/[0-9]*/cmdline 2>/dev/null)
expect_eq "--duration: nothing left behind" "" "$left"
