"""Ten buyers, one stock of tickets: first without a Lock (the check and
the sale interleave: tickets are oversold), then with one (one buyer at a
time; the others wait for the lock)."""
import threading
import time

from lessonlib import at, name, say

stock = 5


def buy_unsafe(n):
    global stock
    name("nolock-%d" % n)
    if stock > 0:  # step: unsafe
        time.sleep(0.3)      # another buyer runs between check and sale
        stock -= 1
        say("nolock-%d bought one, %d left" % (n, stock))


lock = threading.Lock()


def buy_safe(n):
    global stock
    name("lock-%d" % n)
    with lock:  # step: safe
        if stock > 0:
            time.sleep(0.3)
            stock -= 1
            say("lock-%d bought one, %d left" % (n, stock))


def round_of(target):
    buyers = [threading.Thread(target=target, args=(n,))
              for n in range(1, 11)]
    for b in buyers:
        b.start()
    for b in buyers:
        b.join()


name("buyers")
round_of(buy_unsafe)
say("without a lock: 5 tickets, stock now %d" % stock)  # step: oversold
time.sleep(1)
stock = 5
at("safe")
round_of(buy_safe)
say("with a lock: 5 tickets, stock now %d" % stock)  # step: correct
