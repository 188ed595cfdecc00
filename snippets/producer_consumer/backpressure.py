import queue
import time
from multiprocessing import Event, Process, Queue


def slow_consumer(tasks, done, full):
    full.wait(timeout=20)  # take nothing until the producer found the queue full
    got = []
    while True:
        time.sleep(0.2)  # a slow consumer: 0.2 s before taking each item
        item = tasks.get()
        if item is None:
            break
        got.append(item)
    done.put(got)


def produce(tasks, items, full):
    """Put every item; return which items found the queue full and had to wait."""
    waited = []
    for item in items:
        try:
            tasks.put_nowait(item)
        except queue.Full:
            waited.append(item)
            full.set()
            tasks.put(item)  # (1)!
    return waited


if __name__ == "__main__":
    tasks, done, full = Queue(maxsize=2), Queue(), Event()  # (2)!
    consumer = Process(target=slow_consumer, args=(tasks, done, full))
    consumer.start()
    waited = produce(tasks, range(6), full)
    tasks.put(None)
    print(f"consumer got: {done.get(timeout=10)}")
    consumer.join()
    print(f"the first item that had to wait: {waited[0]}")
#> consumer got: [0, 1, 2, 3, 4, 5]
#> the first item that had to wait: 2
