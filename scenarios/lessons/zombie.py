"""Zombie and reap: a child exits at once; its parent waits before it
calls wait(), so for a while the child is a zombie.  Key w (SIGUSR1) makes
the parent reap it at once."""
import os
import select
import signal
import sys

from lessonlib import at, name, say

reap_now = False


def on_usr1(signum, frame):
    global reap_now
    reap_now = True


signal.signal(signal.SIGUSR1, on_usr1)
name("zombie-parent")
pid = os.fork()  # step: fork
if pid == 0:
    name("zombie-child")
    at("exit")
    say("child %d: my work is done, exiting with status 7" % os.getpid())
    os._exit(7)  # step: exit

# step: wait
say("parent %d: not calling wait() yet" % os.getpid())
deadline = 40  # tenths of a second the child stays a zombie
while not reap_now and deadline > 0:
    select.select([], [], [], 0.1)
    deadline -= 1
at("reap")
_, status = os.waitpid(pid, 0)  # step: reap
say("parent: reaped %d, exit status %d" % (pid, os.WEXITSTATUS(status)))
sys.exit(0)
