from multiprocessing import Pool, Queue

queue = None  # set in each worker by init()


def init(q):
    global queue
    queue = q


def produce(n):
    queue.put(n * n)


if __name__ == "__main__":
    q = Queue()
    with Pool(2, initializer=init, initargs=(q,)) as pool:  # (1)!
        pool.map(produce, [1, 2, 3])
        print(sorted(q.get(timeout=10) for _ in range(3)))  # (2)!
#> [1, 4, 9]
