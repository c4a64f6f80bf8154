"""threading.Timer: a thread that waits, then calls a function; one fires,
one is cancelled before its time and ends without calling it."""
import threading
import time

from lessonlib import at, name, say


class NamedTimer(threading.Timer):
    """A Timer whose thread carries a name procviz can show."""

    def __init__(self, label, interval, function):
        super().__init__(interval, function)
        self.label = label

    def run(self):
        name(self.label)
        super().run()  # step: wait


def ring():
    say("timer: ring!")  # step: ring


name("timer-main")
fires = NamedTimer("timer-fires", 2.5, ring)
cancelled = NamedTimer("timer-cancel", 2.5, ring)
fires.start()  # step: start
cancelled.start()
time.sleep(1)
at("cancel")
cancelled.cancel()  # step: cancel
say("main: cancelled one timer")
fires.join()
