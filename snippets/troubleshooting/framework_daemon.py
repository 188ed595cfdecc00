from multiprocessing import Pool, Process, Queue


def square(x):
    return x * x


def my_task(numbers):  # your code, which the framework runs in its worker
    with Pool(2) as pool:
        return pool.map(square, numbers)


def framework_worker(tasks, results):  # (1)!
    for func, arg in iter(tasks.get, None):
        try:
            results.put(func(arg))
        except Exception as exc:
            results.put(f"{type(exc).__name__}: {exc}")


if __name__ == "__main__":
    tasks, results = Queue(), Queue()
    worker = Process(target=framework_worker, args=(tasks, results), daemon=True)
    worker.start()
    tasks.put((my_task, [1, 2, 3]))
    print(results.get(timeout=20))
    tasks.put(None)
    worker.join()
#> AssertionError: daemonic processes are not allowed to have children
