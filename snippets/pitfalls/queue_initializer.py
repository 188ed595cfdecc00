from multiprocessing import Pool, Queue


def init_worker(q):
    global queue  # one global per worker process
    queue = q


def produce(x):
    queue.put(x * x)


if __name__ == "__main__":
    queue = Queue()
    with Pool(2, initializer=init_worker, initargs=(queue,)) as pool:  # (1)!
        pool.map(produce, [1, 2, 3])
        print(sorted(queue.get() for _ in range(3)))
#> [1, 4, 9]
