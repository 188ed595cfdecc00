import queue
import time
from multiprocessing import Process, Queue


def slow_consumer(tasks, done):
    got = []
    while True:
        time.sleep(0.2)  # a slow consumer: 0.2 s before taking each item
        item = tasks.get()
        if item is None:
            break
        got.append(item)
    done.put(got)


def produce(tasks, items):
    """Put every item; return which items found the queue full and had to wait."""
    waited = []
    for item in items:
        try:
            tasks.put_nowait(item)
        except queue.Full:
            waited.append(item)
            tasks.put(item)  # (1)!
    return waited


if __name__ == "__main__":
    tasks, done = Queue(maxsize=2), Queue()  # (2)!
    consumer = Process(target=slow_consumer, args=(tasks, done))
    consumer.start()
    waited = produce(tasks, range(6))
    tasks.put(None)
    print(f"consumer got: {done.get(timeout=10)}")
    consumer.join()
    print(f"put() had to wait for items: {waited}")
#> consumer got: [0, 1, 2, 3, 4, 5]
#> put() had to wait for items: [2, 3, 4, 5]
