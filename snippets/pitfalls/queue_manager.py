from multiprocessing import Manager, Pool


def produce(queue, x):
    queue.put(x * x)


if __name__ == "__main__":
    with Manager() as manager, Pool(2) as pool:
        queue = manager.Queue()  # a proxy: it pickles fine
        pool.starmap(produce, [(queue, 1), (queue, 2), (queue, 3)])
        print(sorted(queue.get() for _ in range(3)))
#> [1, 4, 9]
