import queue
import time
from multiprocessing import Barrier, Process, Queue


def consumer(q, barrier, report):
    while q.empty():  # wait until the item has really arrived
        time.sleep(0.01)
    barrier.wait()  # (1)!
    try:
        item = q.get(timeout=1)  # without a timeout, one consumer would block for ever
        report.put(f"empty() said False, get() returned {item!r}")
    except queue.Empty:
        report.put("empty() said False, get() found nothing: queue.Empty")


def race():
    """Two consumers check empty() on a queue holding one item, then both get()."""
    q, report = Queue(), Queue()
    barrier = Barrier(2)
    consumers = [Process(target=consumer, args=(q, barrier, report)) for _ in range(2)]
    for c in consumers:
        c.start()
    q.put("the only item")
    outcomes = sorted(report.get(timeout=10) for _ in consumers)
    for c in consumers:
        c.join()
    return outcomes


if __name__ == "__main__":
    for line in race():
        print(line)
#> empty() said False, get() found nothing: queue.Empty
#> empty() said False, get() returned 'the only item'
