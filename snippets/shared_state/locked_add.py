from multiprocessing import Process, Value


def add_many(counter, n):
    for _ in range(n):
        with counter.get_lock():  # read and write under one lock
            counter.value += 1


if __name__ == "__main__":
    counter = Value("i", 0)
    workers = [Process(target=add_many, args=(counter, 10_000)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"counter.value = {counter.value}")
#> counter.value = 20000
