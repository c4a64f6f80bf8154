#!/bin/sh
# The Chinese procviz-lesson(5), procviz-lesson.zh_CN.5, keeps in step with
# the English procviz-lesson.5: the same sections and subsections in the
# same order (each .SH/.SS follows a ".\" section: ENGLISH HEADING"
# comment), the same version, the same examples, every member and trigger
# the English page documents; it formats without a warning and in Chinese.
. "$(dirname "$0")/../lib.sh"
cd "$PROCVIZ_ROOT" || exit 1
EN=procviz-lesson.5
ZH=procviz-lesson.zh_CN.5

en=$(sed -n 's/^\.\(S[HS]\) *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1 \2/p' $EN)
zh=$(awk '/^\.\\" section: /{ sub(/^\.\\" section: /, ""); name = $0; next }
	/^\.S[HS] / { if (name == "") print "UNLABELLED " $0;
		else print substr($1, 2) " " name; name = "" }' $ZH)
expect_eq "$ZH has the sections of $EN, in order" "$en" "$zh"
n=$(printf '%s\n' "$en" | grep -c .)
[ "$n" -ge 10 ] && ok "$EN has $n sections" ||
	not_ok "$EN has $n sections" "expected at least 10"
expect_eq "the Chinese lesson page carries the English page's version" \
	"$(sed -n 's/^\.TH .*"\(procviz [^"]*\)".*/\1/p' $EN)" \
	"$(sed -n 's/^\.TH .*"\(procviz [^"]*\)".*/\1/p' $ZH)"
expect_eq "the Chinese lesson page carries the English page's date" \
	"$(sed -n 's/^\.TH [^ ]* 5 "\([^"]*\)".*/\1/p' $EN)" \
	"$(sed -n 's/^\.TH [^ ]* 5 "\([^"]*\)".*/\1/p' $ZH)"

# The member keys and the triggers the English page documents: the words
# ending in a colon (or opening a {trigger: }) of each .TP entry's head
# line, e.g. ".BI "title: " TEXT", ".BI "{block: " NAME ", wait: " WORD "}"
# and ".B pause: true".  The Chinese page must name each one in an entry
# head of its own, so a member added to one page only is caught.
heads() {
	awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' "$1" |
		sed 's/\\-/-/g' | grep -o '[{a-z_][a-z_-]*:' | sort -u
}
heads $EN >"$TMP/en.keys"
heads $ZH >"$TMP/zh.keys"
nkeys=$(grep -c . "$TMP/en.keys")
[ "$nkeys" -ge 30 ] && ok "$EN documents $nkeys keys and triggers" ||
	not_ok "$EN documents $nkeys keys and triggers" "expected at least 30" \
		"$(cat "$TMP/en.keys")"
for k in title: command: keys: steps: when: marker: '{spawn:' '{reap:'; do
	grep -qx -F -e "$k" "$TMP/en.keys" ||
		not_ok "the key list holds $k" "$(cat "$TMP/en.keys")"
done
expect_eq "every key and trigger of $EN heads an entry of $ZH" "" \
	"$(comm -23 "$TMP/en.keys" "$TMP/zh.keys" | tr '\n' ' ')"
expect_eq "$ZH documents no key or trigger $EN does not" "" \
	"$(comm -13 "$TMP/en.keys" "$TMP/zh.keys" | tr '\n' ' ')"

# The examples (every .nf block: the lesson file, its program, the
# commands) are the same text in both pages.
blocks() { awk '/^\.nf/ { on = 1 } on { print } /^\.fi/ { on = 0 }' "$1"; }
blocks $EN >"$TMP/en.ex"
blocks $ZH >"$TMP/zh.ex"
if [ -s "$TMP/en.ex" ] && cmp -s "$TMP/en.ex" "$TMP/zh.ex"; then
	ok "$ZH has the examples of $EN ($(grep -c . "$TMP/en.ex") lines)"
else
	not_ok "$ZH has the examples of $EN" "$(diff "$TMP/en.ex" "$TMP/zh.ex")"
fi

# Every trigger the parser knows (its own list of them) is in the page.
printf 'title: t\ncommand: x\nsteps: [{when: nothing, note: x}]\n' \
	>"$TMP/t.yaml"
"$PROCVIZ" lesson check "$TMP/t.yaml" 2>"$TMP/t.err"
trig=$(sed -n 's/.*one of: \(.*\))$/\1/p' "$TMP/t.err" | tr -d ,)
missing=""
for t in $trig; do
	grep -q -F -e "{$t: " -e "{$(echo "$t" | sed 's/-/\\-/g'): " \
		-e ".B $t" $ZH || missing="$missing $t"
done
[ -n "$trig" ] && expect_eq "$ZH documents every trigger the parser knows" \
	"" "$missing" ||
	not_ok "lesson check lists its triggers" "$(cat "$TMP/t.err")"

# man --warnings is what a lecturer's man would complain about; groff
# 1.22 has no CJK line breaking, so the page places \: break points.
if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
	for w in 80 60; do
		warn=$(MANWIDTH=$w LC_ALL=C.UTF-8 man --warnings -E UTF-8 -l $ZH \
			2>&1 >/dev/null | head -n 20)
		expect_eq "$ZH formats without man --warnings output ($w columns)" \
			"" "$warn"
	done
	groff -man -ww -z -K utf8 -Tutf8 $ZH >"$TMP/groff.err" 2>&1
	[ ! -s "$TMP/groff.err" ] && ok "$ZH: groff -ww prints no warning" ||
		not_ok "$ZH: groff -ww prints no warning" "$(head -20 "$TMP/groff.err")"
	out=$(MANWIDTH=80 LC_ALL=C.UTF-8 man -E UTF-8 -l $ZH 2>/dev/null)
	case $out in
	*僵尸进程*回收*触发条件*) ok "$ZH renders in Chinese" ;;
	*) not_ok "$ZH renders in Chinese" "no 僵尸进程, 回收, 触发条件 in the output" ;;
	esac
	case $out in
	*'\:'*) not_ok "$ZH: no break point shows as text" ;;
	*) ok "$ZH: no break point shows as text" ;;
	esac
else
	echo "ok - # SKIP man or groff missing: formatting not checked"
fi
if command -v lexgrog >/dev/null 2>&1; then
	case $(lexgrog $ZH 2>&1) in
	*": \"procviz-lesson - "*老师*) ok "lexgrog reads the Chinese lesson page's NAME line" ;;
	*) not_ok "lexgrog reads the Chinese lesson page's NAME line" \
		"$(lexgrog $ZH 2>&1)" ;;
	esac
fi
