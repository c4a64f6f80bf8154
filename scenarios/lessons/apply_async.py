"""Pool.apply against Pool.apply_async with a callback: apply() blocks the
parent until the result is back; apply_async() returns at once, and its
callback runs later in the parent, in the pool's result-handler thread."""
import multiprocessing
import os
import time

from lessonlib import at, name, say


def init():
    name("pool-worker")


def slow_square(n):
    time.sleep(1.5)  # step: work
    return n * n


def on_result(value):
    name("callback")
    say("callback: got %d in pid %d (the parent is %d)"
        % (value, os.getpid(), PARENT))  # step: callback
    time.sleep(1)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    PARENT = os.getpid()
    name("apply-parent")
    with multiprocessing.Pool(2, initializer=init) as pool:
        time.sleep(0.5)
        at("apply")
        say("apply: %d" % pool.apply(slow_square, (3,)))  # step: apply
        r = pool.apply_async(slow_square, (4,), callback=on_result)  # step: async
        say("apply_async returned at once; the parent goes on")
        r.wait()
        time.sleep(1.5)
