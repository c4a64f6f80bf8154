#!/bin/sh
# The Chinese manual page keeps in step with the English one: the same
# sections and subsections in the same order (each .SH/.SS of procviz.zh_CN.1
# follows a ".\" section: ENGLISH HEADING" comment), and it formats without
# a warning.
. "$(dirname "$0")/../lib.sh"
cd "$PROCVIZ_ROOT" || exit 1

en=$(sed -n 's/^\.\(S[HS]\) *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1 \2/p' procviz.1)
zh=$(awk '/^\.\\" section: /{ sub(/^\.\\" section: /, ""); name = $0; next }
	/^\.S[HS] / { if (name == "") print "UNLABELLED " $0;
		else print substr($1, 2) " " name; name = "" }' procviz.zh_CN.1)
expect_eq "procviz.zh_CN.1 has the sections of procviz.1, in order" "$en" "$zh"
n=$(printf '%s\n' "$en" | grep -c .)
[ "$n" -ge 10 ] && ok "procviz.1 has $n sections and subsections" ||
	not_ok "procviz.1 has $n sections and subsections" "expected at least 10"
expect_eq "the Chinese page carries the English page's version" \
	"$(sed -n 's/^\.TH .*"\(procviz [^"]*\)".*/\1/p' procviz.1)" \
	"$(sed -n 's/^\.TH .*"\(procviz [^"]*\)".*/\1/p' procviz.zh_CN.1)"
# man --warnings is what a lecturer's `man` would complain about; groff
# 1.22 has no CJK line breaking, so the page places \: break points itself.
if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
	warn=$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -E UTF-8 -l procviz.zh_CN.1 \
		2>&1 >/dev/null | head -n 20)
	expect_eq "procviz.zh_CN.1 formats without man --warnings output" "" "$warn"
	out=$(MANWIDTH=80 LC_ALL=C.UTF-8 man -E UTF-8 -l procviz.zh_CN.1 2>/dev/null)
	case $out in *僵尸进程*) ok "procviz.zh_CN.1 renders in Chinese" ;;
	*) not_ok "procviz.zh_CN.1 renders in Chinese" "no 僵尸进程 in the output" ;; esac
else
	echo "ok - # SKIP man or groff missing: formatting not checked"
fi
if command -v lexgrog >/dev/null 2>&1; then
	check "lexgrog reads the Chinese page's NAME section" lexgrog procviz.zh_CN.1
fi
