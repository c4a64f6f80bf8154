"""join(): the parent starts three workers that sleep 1, 2 and 3 seconds,
then waits for each one in turn."""
import multiprocessing
import time

from lessonlib import at, name, say


def work(n):
    name("worker-%d" % n)
    time.sleep(n)  # step: work
    say("worker-%d: done after %d s" % (n, n))


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    name("join-parent")
    workers = [multiprocessing.Process(target=work, args=(n,))
               for n in (1, 2, 3)]
    for w in workers:
        w.start()  # step: start
    at("join")
    for w in workers:
        w.join()  # step: join
        say("parent: joined %s, exit code %d" % (w.name, w.exitcode))
    say("parent: all joined")  # step: all-joined
