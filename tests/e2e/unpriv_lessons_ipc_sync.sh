#!/bin/sh
# tests/e2e/unpriv_lessons_ipc_sync.sh - the later lessons
# (lessons_ipc_sync.py) as an ordinary user: every lesson, its processes, exits, zombies and
# re-parentings, with whatever the kernel grants `nobody` (the header's event_source says which).  Each TAP
# line of the suite is repeated with a "nobody:" prefix.  Needs root (to
# switch users): otherwise one # SKIP.  See unpriv.sh for the rest.
. "$(dirname "$0")/unpriv.inc"

as_nobody lessons_ipc_sync.py
