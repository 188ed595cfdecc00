from multiprocessing import Process, Queue

STOP = None  # the sentinel: a value no producer ever puts as work


def produce(tasks, first, count):
    for n in range(first, first + count):
        tasks.put(n)


def consume(tasks, results):
    while True:
        n = tasks.get()
        if n is STOP:  # (1)!
            break
        results.put(n * n)


def run(n_producers=2, n_consumers=3, per_producer=5):
    """Squares of every item, made by n_producers and handled by n_consumers."""
    tasks, results = Queue(), Queue()
    producers = [
        Process(target=produce, args=(tasks, i * per_producer, per_producer))
        for i in range(n_producers)
    ]
    consumers = [
        Process(target=consume, args=(tasks, results)) for _ in range(n_consumers)
    ]
    for p in producers + consumers:
        p.start()
    for p in producers:
        p.join()  # (2)!
    for _ in consumers:
        tasks.put(STOP)  # (3)!
    squares = [results.get(timeout=10) for _ in range(n_producers * per_producer)]
    for c in consumers:
        c.join()  # (4)!
    return sorted(squares)


if __name__ == "__main__":
    print(run())
#> [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
