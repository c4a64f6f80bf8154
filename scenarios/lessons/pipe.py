"""A Pipe between two processes: the reader blocks in recv() until the
writer sends; closing the writer's end ends the reader's loop."""
import multiprocessing
import time

from lessonlib import at, name, say


def reader(conn, writer_end):
    name("pipe-reader")
    writer_end.close()
    while True:
        try:
            msg = conn.recv()  # step: recv
        except EOFError:
            break
        say("reader: got %r" % msg)
    say("reader: the other end is closed")


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    name("pipe-writer")
    r, w = multiprocessing.Pipe(duplex=False)  # step: pipe
    p = multiprocessing.Process(target=reader, args=(r, w))
    p.start()
    r.close()
    for word in ("hello", "from", "the", "writer"):
        time.sleep(0.7)
        w.send(word)  # step: send
    time.sleep(0.7)
    w.close()  # step: close
    p.join()
