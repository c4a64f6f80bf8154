"""A daemon thread against a plain one: at the end of the main program
Python waits for the plain thread, never for the daemon thread, which dies
with the process."""
import threading
import time

from lessonlib import at, name, say


def forever():
    name("daemon-thread")
    while True:  # step: forever
        time.sleep(0.2)


def for_a_while():
    name("plain-thread")
    time.sleep(2)  # step: a-while
    say("plain thread: done")


name("dt-main")
threading.Thread(target=forever, daemon=True).start()  # step: daemon
threading.Thread(target=for_a_while).start()  # step: plain
time.sleep(0.5)
at("end")
say("main: my code is done; Python now waits for the plain thread")  # step: end
