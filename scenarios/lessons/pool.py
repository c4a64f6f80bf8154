"""A Pool of three worker processes takes eight tasks; idle workers wait
for the next task; close() and join() end them."""
import multiprocessing
import os
import time

from lessonlib import name, say


def init():
    name("pool-worker")


def square(n):
    time.sleep(0.4)  # step: task
    return n * n, os.getpid()


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    name("pool-parent")
    pool = multiprocessing.Pool(3, initializer=init)  # step: pool
    time.sleep(1)
    results = pool.map(square, range(8))  # step: map
    for n, (sq, pid) in enumerate(results):
        say("%d*%d = %d in worker %d" % (n, n, sq, pid))
    time.sleep(1)
    pool.close()
    pool.join()  # step: join
    say("pool-parent: the pool is closed")
