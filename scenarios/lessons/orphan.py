"""Orphan: the parent exits first; its child lives on and is adopted by
init (or the nearest subreaper), which will reap it."""
import os
import time

from lessonlib import at, name, say

name("orphan-parent")
pid = os.fork()  # step: fork
if pid == 0:
    name("orphan-child")
    say("child %d: my parent is %d" % (os.getpid(), os.getppid()))
    time.sleep(1.5)
    at("adopted")
    say("child: my parent is now %d" % os.getppid())  # step: adopted
    time.sleep(1.5)
    os._exit(0)  # step: child-exits

time.sleep(0.8)
at("parent-exits")
say("parent %d: exiting without waiting for my child" % os.getpid())
os._exit(0)  # step: parent-exits
