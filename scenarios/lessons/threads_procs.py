"""The same CPU-bound work in two threads, then in two processes.  The
threads share one interpreter (and its GIL): they take turns; the
processes run at the same time on two CPUs."""
import multiprocessing
import threading

from lessonlib import name, say


def spin(label, n=6000000):
    name(label)
    x = 0
    for i in range(n):  # step: spin
        x += i
    return x


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    name("tp-main")
    ts = [threading.Thread(target=spin, args=("t-worker-%d" % i,))
          for i in (1, 2)]
    for t in ts:
        t.start()  # step: threads
    for t in ts:
        t.join()
    say("threads done")
    ps = [multiprocessing.Process(target=spin, args=("p-worker-%d" % i,))
          for i in (1, 2)]
    for p in ps:
        p.start()  # step: processes
    for p in ps:
        p.join()
    say("processes done")  # step: done
