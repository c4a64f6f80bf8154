"""lessonlib - the two things a demo does for procviz (procviz-lesson(5)).

name(text)  names the calling process or thread (what ps, top and procviz
            show as its comm), so that a lesson's triggers can say which
            one they wait for: "spawn: zombie-child".
at(marker)  prints "procviz-at: MARKER PID": the source pane marks the line
            '# step: MARKER' as the one this process is at.  procviz never
            guesses that line; it is what the program said.

Both do nothing harmful outside procviz: name() is prctl(PR_SET_NAME),
at() one line on stdout.
"""
import ctypes
import os
import sys

_PR_SET_NAME = 15
try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:
    _libc = None


def name(text):
    """Name the calling thread (its process, when it is the main one)."""
    if _libc is not None:
        _libc.prctl(_PR_SET_NAME, text.encode()[:15], 0, 0, 0)


def at(marker):
    """Say that this process is at the line '# step: MARKER'."""
    print("procviz-at: %s %d" % (marker, os.getpid()), flush=True)


def say(text):
    """One line on stdout at once (procviz reads it as it comes)."""
    print(text, flush=True)
    sys.stdout.flush()
