"""Condition: three threads wait() for a go; a fourth sets it and calls
notify_all(), which wakes them all."""
import threading
import time

from lessonlib import at, name, say

cond = threading.Condition()
ready = False


def waiter(n):
    name("waiter-%d" % n)
    with cond:
        while not ready:
            cond.wait()  # step: wait
    say("waiter-%d: woken up" % n)


def notifier():
    global ready
    name("notifier")
    time.sleep(1.5)
    with cond:
        ready = True
        cond.notify_all()  # step: notify
    say("notifier: notify_all() done")
    time.sleep(1)  # the waiters end first


name("cond-main")
threads = [threading.Thread(target=waiter, args=(n,)) for n in (1, 2, 3)]
for t in threads:
    t.start()  # step: start
time.sleep(1)
n = threading.Thread(target=notifier)
n.start()  # step: notifier
for t in threads + [n]:
    t.join()
