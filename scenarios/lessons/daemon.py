"""Daemons: a daemonic multiprocessing child, which its parent ends when
it exits, and a classic double-forked daemon, which outlives everyone."""
import multiprocessing
import os
import time

from lessonlib import at, name, say


def daemonic_child():
    name("mp-daemon")
    at("daemonic")
    while True:  # step: daemonic
        time.sleep(0.2)


def double_fork():
    middle = os.fork()  # step: double-fork
    if middle == 0:
        name("df-middle")
        os.setsid()
        if os.fork() == 0:
            name("df-daemon")
            time.sleep(1.5)
            at("daemon-runs")
            say("daemon %d: my parent is %d" % (os.getpid(), os.getppid()))
            time.sleep(1.5)  # step: daemon-runs
            os._exit(0)
        time.sleep(0.5)
        os._exit(0)  # step: middle-exits
    os.waitpid(middle, 0)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    name("daemon-parent")
    p = multiprocessing.Process(target=daemonic_child, daemon=True)
    p.start()  # step: start-daemonic
    time.sleep(1)
    double_fork()
    time.sleep(1)
    at("parent-exits")
    say("parent: leaving; multiprocessing ends my daemonic child")  # step: parent-exits
