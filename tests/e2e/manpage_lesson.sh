#!/bin/sh
# procviz-lesson(5): formats without a warning under man-db and groff (as
# lintian checks), lexgrog reads its NAME line, its complete example is a
# lesson `procviz lesson check` accepts, and it names every trigger the
# parser knows.
. "$(dirname "$0")/../lib.sh"
ROOT=$PROCVIZ_ROOT
PAGE=$ROOT/procviz-lesson.5
if ! command -v man >/dev/null 2>&1 || ! command -v lexgrog >/dev/null 2>&1 ||
	! command -v groff >/dev/null 2>&1; then
	echo "ok - procviz-lesson(5) # SKIP man-db or groff is not installed"
	exit 0
fi
MANWIDTH=80 man --warnings -E UTF-8 -l "$PAGE" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$TMP/err" ] && [ -s "$TMP/out" ] &&
	ok "procviz-lesson.5: man --warnings prints no warning" ||
	not_ok "procviz-lesson.5: man --warnings prints no warning" "exit $rc" \
		"$(head -20 "$TMP/err")"
groff -man -ww -z -K utf8 -Tutf8 "$PAGE" >"$TMP/err" 2>&1
[ ! -s "$TMP/err" ] && ok "procviz-lesson.5: groff -ww prints no warning" ||
	not_ok "procviz-lesson.5: groff -ww prints no warning" "$(head -20 "$TMP/err")"
case $(lexgrog "$PAGE" 2>&1) in
*": \"procviz-lesson - "*) ok "procviz-lesson.5: lexgrog reads the NAME line" ;;
*) not_ok "procviz-lesson.5: lexgrog reads the NAME line" "$(lexgrog "$PAGE" 2>&1)" ;;
esac

# The EXAMPLE's lesson file (the first .nf/.ft CR block after .SH EXAMPLE)
# with the example program beside it.
mkdir -p "$TMP/ex"
awk '/^\.SH EXAMPLE/ { ex = 1 } ex && /^\.ft CR/ { on = 1; next }
	on && /^\.ft/ { exit } on { print }' "$PAGE" |
	sed 's/\\-/-/g; s/\\&//g' >"$TMP/ex/zombie.yaml"
cp "$ROOT/scenarios/lessons/zombie.py" "$ROOT/scenarios/lessons/lessonlib.py" \
	"$TMP/ex/"
expect_status "the man page's example passes lesson check" 0 \
	"$PROCVIZ" lesson check "$TMP/ex/zombie.yaml"
grep -q '3 steps, 1 keys' "$TMP/status.out" &&
	ok "the example has its three steps and its key" ||
	not_ok "the example has its three steps and its key" "$(cat "$TMP/status.out")"

# Every trigger the parser knows is documented (its own list of them).
echo 'title: t
command: x
steps: [{when: nothing, note: x}]' >"$TMP/t.yaml"
"$PROCVIZ" lesson check "$TMP/t.yaml" 2>"$TMP/t.err"
missing=""
for t in $(sed 's/.*one of: \(.*\))$/\1/; s/,//g' "$TMP/t.err"); do
	grep -q "^\.B.*{$t: \|^\.B $t\$\|^\.BI \"{$t: " "$PAGE" ||
		grep -q "{$(echo "$t" | sed 's/-/\\\\-/g'): " "$PAGE" ||
		missing="$missing $t"
done
expect_eq "procviz-lesson.5 documents every trigger" "" "$missing"
grep -q -F '.BR procviz\-lesson (5)' "$ROOT/procviz.1" &&
	ok "procviz.1 refers to procviz-lesson(5)" ||
	not_ok "procviz.1 refers to procviz-lesson(5)"
