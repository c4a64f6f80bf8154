#!/bin/sh
# The man pages (procviz.1, and procviz.LANG.1 where a translation exists)
# format without a single warning under man-db and groff, at 80 columns
# in UTF-8, as lintian checks them; lexgrog (man-db's whatis indexer)
# reads their NAME line; and the page names every command of
# `procviz --help` and the files procviz installs.
. "$(dirname "$0")/../lib.sh"
ROOT=$PROCVIZ_ROOT
if ! command -v man >/dev/null 2>&1 || ! command -v lexgrog >/dev/null 2>&1 ||
	! command -v groff >/dev/null 2>&1; then
	echo "ok - man page # SKIP man-db or groff is not installed (make test installs them)"
	exit 0
fi

for page in "$ROOT"/procviz.1 "$ROOT"/procviz.*.1; do
	[ -f "$page" ] || continue
	p=$(basename "$page")
	MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$TMP/err" ] && [ -s "$TMP/out" ]; then
		ok "$p: man --warnings prints no warning ($(wc -l <"$TMP/out") lines)"
	else
		not_ok "$p: man --warnings prints no warning" "exit $rc" \
			"$(head -20 "$TMP/err")"
	fi
	# groff's own warnings too (lintian's groff-message), all enabled
	groff -man -ww -z -K utf8 -Tutf8 "$page" >"$TMP/err" 2>&1
	[ ! -s "$TMP/err" ] && ok "$p: groff -ww prints no warning" ||
		not_ok "$p: groff -ww prints no warning" "$(head -20 "$TMP/err")"
	got=$(lexgrog "$page" 2>&1)
	case $got in
	*": \"procviz - "*) ok "$p: lexgrog reads the NAME line" ;;
	*) not_ok "$p: lexgrog reads the NAME line" "$got" ;;
	esac
done

# Every command procviz --help shows has its place in the page.
missing=""
for cmd in $("$PROCVIZ" --help | sed -n 's/^  procviz \([a-z][a-z-]*\).*/\1/p'); do
	grep -q "^\.B procviz $cmd\$" "$ROOT/procviz.1" || missing="$missing $cmd"
done
expect_eq "procviz.1 has a SYNOPSIS line for every command of --help" "" "$missing"
MANWIDTH=80 man -E UTF-8 -l "$ROOT/procviz.1" 2>/dev/null >"$TMP/page"
missing=""
for f in /usr/bin/procviz share/bash-completion/completions/procviz \
	share/zsh/vendor-completions/_procviz \
	share/locale/LANG/LC_MESSAGES/procviz.mo; do
	grep -q -F "$f" "$TMP/page" || missing="$missing $f"
done
grep -q '^FILES' "$TMP/page" || missing="$missing FILES-section"
expect_eq "procviz.1 FILES names the binary, the completions and the catalogues" \
	"" "$missing"
grep -q -- 'list --policies' "$TMP/page" &&
	ok "procviz.1 documents procviz list --policies" ||
	not_ok "procviz.1 documents procviz list --policies"
