"""An asyncio producer and two consumers on an asyncio.Queue: one thread,
three coroutines, all waiting in one epoll_wait.  Then the same with
threads on a queue.Queue: three threads, each blocked on its own."""
import asyncio
import queue
import threading
import time

from lessonlib import at, name, say


async def aproducer(q):
    for i in range(6):
        await asyncio.sleep(0.4)
        await q.put(i)
    for _ in range(2):
        await q.put(None)


async def aconsumer(q, n):
    while (item := await q.get()) is not None:  # step: await
        say("coroutine consumer %d: got %d" % (n, item))


async def amain():
    q = asyncio.Queue()
    await asyncio.gather(aproducer(q), aconsumer(q, 1), aconsumer(q, 2))


def tproducer(q):
    name("t-producer")
    for i in range(6):
        time.sleep(0.4)
        q.put(i)
    for _ in range(2):
        q.put(None)


def tconsumer(q, n):
    name("t-consumer-%d" % n)
    while (item := q.get()) is not None:  # step: get
        say("thread consumer %d: got %d" % (n, item))


name("aio-main")
at("asyncio")
asyncio.run(amain())  # step: asyncio
time.sleep(0.5)
q = queue.Queue()
ts = [threading.Thread(target=tproducer, args=(q,))] + \
    [threading.Thread(target=tconsumer, args=(q, n)) for n in (1, 2)]
for t in ts:
    t.start()  # step: threads
for t in ts:
    t.join()
