from multiprocessing import Manager, Pool, Queue


def produce(queue, n):
    queue.put(n * n)


if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            pool.apply(produce, (Queue(), 1))
        except RuntimeError as exc:
            print(f"multiprocessing.Queue: RuntimeError: {exc}")
        with Manager() as manager:
            queue = manager.Queue()  # a proxy object: it can be pickled
            pool.starmap(produce, [(queue, 1), (queue, 2), (queue, 3)])
            print(f"Manager().Queue(): {sorted(queue.get() for _ in range(3))}")
#> multiprocessing.Queue: RuntimeError: Queue objects should only be shared between processes through inheritance
#> Manager().Queue(): [1, 4, 9]
