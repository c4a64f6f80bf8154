#!/bin/sh
# The layering rules of HACKING.md "Layers": curses only in viz/ui/,
# libproc2 only in the sampler, sched/ on libc alone and silent (no
# printing, no exit).
. "$(dirname "$0")/../lib.sh"
cd "$PROCVIZ_ROOT" || exit 1

bad=$(grep -l -E '#include *[<"](n?curses|ncursesw/|term\.h|panel\.h)' \
	sched/*.[ch] scenarios/*.[ch] viz/*.[ch] viz/*/*.[ch] 2>/dev/null | grep -v '^viz/ui/')
expect_eq "curses is included only by viz/ui/ files" "" "$bad"
bad=$(grep -l 'libproc2/' sched/*.[ch] scenarios/*.[ch] viz/*.[ch] viz/*/*.[ch] 2>/dev/null |
	grep -v '^viz/core/sampler')
expect_eq "libproc2 is included only by the sampler" "" "$bad"
bad=$(grep -l -E '#include *"' common/*.[ch] 2>/dev/null)
expect_eq "common/ includes nothing but libc" "" "$bad"
bad=$(grep -n -E '\b(printf|puts|exit|abort|fopen\(["]/proc)\s*\(' sched/*.c 2>/dev/null |
	grep -v -E '^\S+:\s*(\*|//)' | grep -v snprintf | grep -v fprintf)
expect_eq "sched/ never prints or exits" "" "$bad"
bad=$(grep -n -E '\bfprintf\s*\(\s*(stdout|stderr)' sched/*.c 2>/dev/null)
expect_eq "sched/ never writes to stdout or stderr" "" "$bad"
bad=$(grep -n '/proc' sched/*.c 2>/dev/null)
expect_eq "sched/ never reads /proc" "" "$bad"
bad=$(grep -l -E '#include *"viz/(ui|cmd)/' viz/core/*.[ch] 2>/dev/null)
expect_eq "viz/core/ includes nothing of viz/ui/ or viz/cmd/" "" "$bad"
bad=$(grep -l -E '#include *"viz/' sched/*.[ch] scenarios/*.[ch] 2>/dev/null)
expect_eq "sched/ and scenarios/ include nothing of viz/" "" "$bad"
# sched/ is libc alone: its own headers, and of common/ only i18n.h, whose
# _() is glibc's dgettext (libintl is part of glibc: no library more), so
# the parser's messages reach a student in the class's language.
bad=$(grep -n -E '#include *"' sched/*.[ch] 2>/dev/null |
	grep -v -E '#include *"(sched/[a-z_]+\.h|common/i18n\.h)"')
expect_eq "sched/ includes its own headers and common/i18n.h only" "" "$bad"
bad=$(grep -l -E '#include *"viz/cmd/' viz/ui/*.[ch] 2>/dev/null)
expect_eq "viz/ui/ includes nothing of viz/cmd/ (front ends hand it what it needs)" "" "$bad"
# The session (ui.c and the files of ui_priv.h) knows no particular view:
# no view's header, no view named in a comparison.
session="viz/ui/ui.c viz/ui/ui_stack.c viz/ui/ui_draw.c viz/ui/ui_theme.c viz/ui/ui_keys.c"
bad=$(grep -n -E '#include *"viz/ui/ui_(views|sched|lesson|home|drive|replay)\.h"|strcmp\([^)]*"(home|sched|lesson|drive)"' \
	$session 2>/dev/null)
expect_eq "the terminal session knows no particular view" "" "$bad"
