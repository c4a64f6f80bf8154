#!/bin/sh
# `procviz lesson check FILE`: every broken lesson file of
# tests/data/lessons/bad_*.yaml is refused with exit status 2 and the
# expected "FILE:LINE:COL: message" (bad.expect); a 10 MB note and a
# truncated file too; the example lessons pass.
. "$(dirname "$0")/../lib.sh"

DATA=tests/data/lessons
cd "$PROCVIZ_ROOT" || exit 1

grep -v '^#' "$DATA/bad.expect" | while read -r file where msg; do
	expect_status "lesson check $file exits 2" 2 \
		"$PROCVIZ" lesson check "$DATA/$file"
	want="$DATA/$file:$where $msg"
	got=$(head -n 1 "$TMP/status.err")
	case $got in
	"$want"*) ok "lesson check $file: $where $msg" ;;
	*) not_ok "lesson check $file: $where $msg" "expected: $want..." \
		"got:      $got" ;;
	esac
	[ ! -s "$TMP/status.out" ] && ok "lesson check $file: nothing on stdout" ||
		not_ok "lesson check $file: nothing on stdout"
done

# Every broken file in the directory has its expectation.
for f in "$DATA"/bad_*.yaml; do
	b=$(basename "$f")
	grep -q "^$b " "$DATA/bad.expect" && ok "$b has an expected message" ||
		not_ok "$b has an expected message"
done

# A 10 MB note: refused where it is, quickly, no crash.
cp "$DATA/demo.py" "$TMP/demo.py"
{
	printf 'title: big\ncommand: python3 demo.py\nsteps:\n  - when: n\n    note: '
	head -c 10485760 /dev/zero | tr '\0' 'x'
	printf '\n'
} >"$TMP/big.yaml"
expect_status "a 10 MB note exits 2" 2 timeout 20 \
	"$PROCVIZ" lesson check "$TMP/big.yaml"
case $(cat "$TMP/status.err") in
"$TMP/big.yaml:5:11: note: 10485760 bytes, more than the 2000 allowed")
	ok "a 10 MB note is named at its place" ;;
*) not_ok "a 10 MB note is named at its place" "$(head -c 300 "$TMP/status.err")" ;;
esac

# Every prefix of a good lesson: an error with a place, or a lesson; never
# a crash (exit status 2 or 0 only).
good=scenarios/lessons/zombie.yaml
size=$(wc -c <"$good")
bad=0
n=1
while [ "$n" -lt "$size" ]; do
	head -c "$n" "$good" >"$TMP/zombie.yaml"
	cp scenarios/lessons/zombie.py "$TMP/zombie.py"
	"$PROCVIZ" lesson check "$TMP/zombie.yaml" >/dev/null 2>"$TMP/cut.err"
	rc=$?
	if [ "$rc" -eq 2 ]; then
		grep -q "^$TMP/zombie.yaml:[0-9]*:[0-9]*: " "$TMP/cut.err" ||
			bad=$((bad + 1))
	elif [ "$rc" -ne 0 ]; then
		bad=$((bad + 1))
	fi
	n=$((n + 97))
done
expect_eq "every truncation of a lesson: FILE:LINE:COL or a lesson" 0 "$bad"

expect_status "lesson check of a missing file exits 2" 2 \
	"$PROCVIZ" lesson check "$TMP/none.yaml"
expect_status "lesson without an action exits 2" 2 "$PROCVIZ" lesson
expect_status "run of a broken lesson file exits 2" 2 \
	"$PROCVIZ" run "$DATA/bad_key_twice.yaml" --headless
grep -q "bad_key_twice.yaml:8:11: key: 'w' is bound twice" "$TMP/status.err" &&
	ok "run names the mistake as check does" ||
	not_ok "run names the mistake as check does" "$(cat "$TMP/status.err")"

for f in scenarios/lessons/*.yaml; do
	expect_status "the example $f passes lesson check" 0 \
		"$PROCVIZ" lesson check "$f"
done
