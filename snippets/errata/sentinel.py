import queue
from multiprocessing import Process, Queue

STOP = None  # the sentinel: "no more tasks"


def consumer(tasks, results):
    while True:
        item = tasks.get()  # blocking is fine: a STOP is sure to come
        if item is STOP:
            break
        results.put(item * item)


if __name__ == "__main__":
    tasks, results = Queue(), Queue()
    consumers = [Process(target=consumer, args=(tasks, results)) for _ in range(2)]
    for c in consumers:
        c.start()
    for n in range(5):
        tasks.put(n)
    for _ in consumers:
        tasks.put(STOP)  # one per consumer
    squares = sorted(results.get(timeout=10) for _ in range(5))
    for c in consumers:
        c.join()
    print(squares)
    try:
        results.get(timeout=0.1)
    except queue.Empty:
        print("get(timeout=0.1) on an empty queue: queue.Empty")
#> [0, 1, 4, 9, 16]
#> get(timeout=0.1) on an empty queue: queue.Empty
