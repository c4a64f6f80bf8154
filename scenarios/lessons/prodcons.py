"""Producer and consumer on a multiprocessing.Queue: the consumer blocks
on the empty queue until the producer puts an item; None ends it."""
import multiprocessing
import time

from lessonlib import at, name, say


def producer(q):
    name("producer")
    for item in range(1, 6):
        time.sleep(0.6)
        q.put(item)  # step: put
        say("producer: put %d" % item)
    q.put(None)


def consumer(q):
    name("consumer")
    while True:
        item = q.get()  # step: get
        if item is None:
            break
        say("consumer: got %d" % item)
    time.sleep(1)  # the producer is gone by now: it ends first
    say("consumer: done")


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    name("prodcons")
    q = multiprocessing.Queue()  # step: queue
    procs = [multiprocessing.Process(target=consumer, args=(q,)),
             multiprocessing.Process(target=producer, args=(q,))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()  # step: join
    say("prodcons: both done")
