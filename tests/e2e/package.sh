#!/bin/sh
# The Debian package: `dpkg-buildpackage -us -uc -b` in a temporary copy of
# the source tree (what a fresh clone holds: tracked files, and new files
# not yet committed), then what the package holds, the packaged binary run
# from an extracted tree, `make install` against the package (the same
# paths), and lintian on the binary package and on the source package.
#
# Skipped (one "# SKIP" line) when dpkg-dev or debhelper is missing;
# `make test` installs them (tests/deps.sh).  A build takes about 30 s:
# the program is compiled once more, as the package's build does.
. "$(dirname "$0")/../lib.sh"
ROOT=$PROCVIZ_ROOT

# The version has one home, the first line of debian/changelog.
want=$(sed -n '1s/^procviz [(]\([^ ]*\)[)] .*/\1/p' "$ROOT/debian/changelog")
expect_eq "procviz --version prints debian/changelog's version" \
	"procviz $want" "$("$PROCVIZ" --version)"
expect_eq "make version prints debian/changelog's version" "$want" \
	"$(make -s --no-print-directory -C "$ROOT" version 2>&1)"

missing=""
for t in dpkg-buildpackage dpkg-deb dpkg-source dh; do
	command -v $t >/dev/null 2>&1 || missing="$missing $t"
done
if [ -n "$missing" ]; then
	echo "ok - Debian package # SKIP no$missing: install dpkg-dev and debhelper (make test does)"
	exit 0
fi
# Nothing of the make that runs the tests leaks into the package's build.
unset MAKEFLAGS MAKELEVEL MFLAGS CFLAGS CPPFLAGS LDFLAGS BUILD PROG
export DEB_BUILD_OPTIONS="parallel=$(nproc 2>/dev/null || echo 2) noautodbgsym"

# --- a copy of the source tree, as a clone has it -------------------------
SRC=$TMP/pkg/procviz
mkdir -p "$SRC"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
		(cd "$ROOT" && xargs -0 sh -c \
			'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
		tar -C "$ROOT" --null -T - -cf - | tar -C "$SRC" -xf -
else
	tar -C "$ROOT" --exclude=./build --exclude=./build-asan \
		--exclude=./build-fuzz --exclude=./procviz --exclude=./.git \
		-cf - . | tar -C "$SRC" -xf -
fi
[ -f "$SRC/debian/control" ] && ok "the source tree copies (debian/control)" ||
	not_ok "the source tree copies (debian/control)"

# The source package first, from the clean tree (lintian reads it below).
(cd "$TMP/pkg" && dpkg-source -b procviz) >"$TMP/source.log" 2>&1 &&
	ok "dpkg-source -b builds the source package" ||
	not_ok "dpkg-source -b builds the source package" "$(tail -20 "$TMP/source.log")"

if (cd "$SRC" && dpkg-buildpackage -us -uc -b) >"$TMP/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b builds the package"
else
	not_ok "dpkg-buildpackage -us -uc -b builds the package" \
		"$(tail -40 "$TMP/build.log")"
	exit 0
fi
arch=$(dpkg --print-architecture)
DEB=$TMP/pkg/procviz_${want}_$arch.deb
[ -f "$DEB" ] && ok "the package is procviz_VERSION_ARCH.deb ($(basename "$DEB"))" ||
	not_ok "the package is procviz_VERSION_ARCH.deb" "$(ls "$TMP/pkg")"
grep -q -- '-D_FORTIFY_SOURCE' "$TMP/build.log" &&
	grep -q -- '-fstack-protector-strong' "$TMP/build.log" &&
	ok "the build log shows the compiler commands with Debian's hardening flags" ||
	not_ok "the build log shows the compiler commands with Debian's hardening flags" \
		"$(grep -m3 ' -c ' "$TMP/build.log")"

# --- what the package holds ------------------------------------------------
dpkg-deb -c "$DEB" | awk '{ print $6 }' | sed 's|^\./||; /\/$/d; /^$/d' | sort \
	>"$TMP/deb.files"
echo "# the package's files:"
sed 's/^/#   /' "$TMP/deb.files"
want_files="usr/bin/procviz
usr/share/man/man1/procviz.1.gz
usr/share/man/man5/procviz-lesson.5.gz
usr/share/procviz/lessons/zombie.yaml
usr/share/procviz/lessons/zombie.py
usr/share/procviz/lessons/lessonlib.py
usr/share/bash-completion/completions/procviz
usr/share/zsh/vendor-completions/_procviz
usr/share/doc/procviz/README.md.gz
usr/share/doc/procviz/copyright
usr/share/doc/procviz/changelog.gz"
[ -f "$SRC/procviz.zh_CN.1" ] &&
	want_files="$want_files
usr/share/man/zh_CN/man1/procviz.1.gz"
# Each translated lesson page procviz-lesson.LANG.5 (procviz-lesson.zh_CN.5).
for page in "$SRC"/procviz-lesson.*.5; do
	[ -f "$page" ] || continue
	l=${page##*/procviz-lesson.}
	l=${l%.5}
	want_files="$want_files
usr/share/man/$l/man5/procviz-lesson.5.gz"
done
for po in "$SRC"/po/*.po; do
	[ -f "$po" ] || continue
	l=$(basename "$po" .po)
	want_files="$want_files
usr/share/locale/$l/LC_MESSAGES/procviz.mo"
done
absent=""
for f in $want_files; do
	grep -qx "$f" "$TMP/deb.files" || absent="$absent $f"
done
expect_eq "the package holds the binary, man pages, example lessons, translations, completions, README and copyright" \
	"" "$absent"
dpkg-deb -f "$DEB" Depends >"$TMP/depends"
grep -q 'libproc2' "$TMP/depends" && grep -q 'libncursesw' "$TMP/depends" &&
	ok "Depends (from shlibs) names libproc2 and libncursesw: $(cat "$TMP/depends")" ||
	not_ok "Depends (from shlibs) names libproc2 and libncursesw" "$(cat "$TMP/depends")"
expect_eq "the package's version is debian/changelog's" "$want" \
	"$(dpkg-deb -f "$DEB" Version)"

# --- the packaged binary, run from an extracted tree ----------------------
X=$TMP/extracted
dpkg-deb -x "$DEB" "$X"
expect_eq "the packaged procviz --version" "procviz $want" \
	"$("$X/usr/bin/procviz" --version 2>&1)"
"$X/usr/bin/procviz" list >"$TMP/list" 2>&1
grep -q '^scenario	zombie	' "$TMP/list" && grep -q '^workload	' "$TMP/list" &&
	ok "the packaged procviz list names lessons and workloads" ||
	not_ok "the packaged procviz list names lessons and workloads" "$(head "$TMP/list")"
"$X/usr/bin/procviz" sched --jobs 24,3,3 --policy fcfs --headless \
	>"$TMP/sched" 2>&1 && grep -q '^fcfs: ' "$TMP/sched" &&
	ok "the packaged procviz sched simulates" ||
	not_ok "the packaged procviz sched simulates" "$(head "$TMP/sched")"
# The packaged catalogues are found from the extracted tree (../share/locale
# beside the binary) and speak: list's descriptions differ from English.
for po in "$SRC"/po/*.po; do
	[ -f "$po" ] || continue
	l=$(basename "$po" .po)
	loc=$(locale -a 2>/dev/null | grep -i -m1 "^$l\.utf-\{0,1\}8$")
	if [ -z "$loc" ]; then
		echo "ok - the packaged $l catalogue # SKIP no $l.UTF-8 locale here"
		continue
	fi
	"$X/usr/bin/procviz" list >"$TMP/list.C" 2>&1
	LC_ALL=$loc "$X/usr/bin/procviz" list >"$TMP/list.$l" 2>&1
	if [ -s "$TMP/list.$l" ] && ! cmp -s "$TMP/list.C" "$TMP/list.$l"; then
		ok "the packaged procviz finds its $l catalogue ($loc)"
	else
		not_ok "the packaged procviz finds its $l catalogue ($loc)" \
			"$(head -3 "$TMP/list.$l")"
	fi
done
zcat "$X/usr/share/man/man1/procviz.1.gz" | grep -q "^\.TH .*\"procviz $want\"" &&
	ok "the packaged man page's header carries the version" ||
	not_ok "the packaged man page's header carries the version" \
		"$(zcat "$X/usr/share/man/man1/procviz.1.gz" | grep -m1 '^\.TH')"
for page in "$X"/usr/share/man/*/man5/procviz-lesson.5.gz; do
	[ -f "$page" ] || continue
	l=${page#"$X"/usr/share/man/}
	l=${l%%/*}
	zcat "$page" | grep -q "^\.TH .*\"procviz $want\"" &&
		ok "the packaged $l lesson page's header carries the version" ||
		not_ok "the packaged $l lesson page's header carries the version" \
			"$(zcat "$page" | grep -m1 '^\.TH')"
done
cmp -s "$X/usr/share/bash-completion/completions/procviz" \
	"$ROOT/completion/procviz.bash" &&
	cmp -s "$X/usr/share/zsh/vendor-completions/_procviz" \
		"$ROOT/completion/_procviz" &&
	ok "the packaged bash and zsh completions are those of completion/" ||
	not_ok "the packaged bash and zsh completions are those of completion/"

# --- make install PREFIX=/usr installs the same paths ---------------------
# (the package compresses man pages and README.md and adds copyright and
# changelog.gz, as Debian policy asks)
I=$TMP/inst
if make -s --no-print-directory -C "$SRC" install DESTDIR="$I" PREFIX=/usr \
	>"$TMP/install.log" 2>&1; then
	ok "make install DESTDIR=... PREFIX=/usr"
else
	not_ok "make install DESTDIR=... PREFIX=/usr" "$(tail "$TMP/install.log")"
fi
(cd "$I" && find . -type f) | sed 's|^\./||' | sort >"$TMP/inst.files"
sed 's/\.gz$//' "$TMP/deb.files" | grep -v -x -e usr/share/doc/procviz/copyright \
	-e usr/share/doc/procviz/changelog | sort >"$TMP/deb.plain"
if cmp -s "$TMP/inst.files" "$TMP/deb.plain"; then
	ok "make install and the package agree on every path"
else
	not_ok "make install and the package agree on every path" \
		"$(diff "$TMP/inst.files" "$TMP/deb.plain")"
fi
make -s --no-print-directory -C "$SRC" uninstall DESTDIR="$I" PREFIX=/usr \
	>"$TMP/uninstall.log" 2>&1
left=$(cd "$I" && find . -type f | sed 's|^\./||')
expect_eq "make uninstall removes every installed file" "" "$left"

# --- lintian ---------------------------------------------------------------
if ! command -v lintian >/dev/null 2>&1; then
	echo "ok - lintian # SKIP lintian is not installed (make test installs it)"
	exit 0
fi
CHANGES=$TMP/pkg/procviz_${want}_$arch.changes
DSC=$TMP/pkg/procviz_$want.dsc
# One run for both (lintian's start-up is most of its time).
lintian --fail-on error,warning "$CHANGES" "$DSC" >"$TMP/lintian" 2>&1
rc=$?
grep -v 'running with root privileges' "$TMP/lintian" | sed 's/^/# /'
[ $rc -eq 0 ] && ok "lintian: no error or warning on the binary and source packages" ||
	not_ok "lintian: no error or warning on the binary and source packages" \
		"$(cat "$TMP/lintian")"
