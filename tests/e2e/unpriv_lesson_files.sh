#!/bin/sh
# tests/e2e/unpriv_lesson_files.sh - the example lesson files
# (lesson_files.py) as an ordinary user: every step fires on its event, in
# order, nothing is left behind, with whatever the kernel grants `nobody`.
# Each TAP line of the suite is repeated with a "nobody:" prefix.  Needs
# root (to switch users): otherwise one # SKIP.  See unpriv.inc.
. "$(dirname "$0")/unpriv.inc"

mkdir -p "$U/scenarios"
cp -r "$ROOT/scenarios/lessons" "$U/scenarios/lessons"
chmod -R a+rX "$U/scenarios"
as_nobody lesson_files.py
