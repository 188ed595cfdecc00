import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

SIZE = 10_000_000  # 10 MB of read-only input that every task reads
TASKS = 8

data = None  # in each worker process: the copy that init_worker() received


def init_worker(block):
    global data
    data = block


def count_in(block, i):
    return block.count(i % 256)  # a fast pass over all of it: the copying dominates


def count_global(i):
    return count_in(data, i)


def threads(block):  # every thread reads the same object: nothing is copied
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(count_in, [block] * TASKS, range(TASKS)))


def processes_per_task(block):  # the block is pickled and sent with every task
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(count_in, [block] * TASKS, range(TASKS)))


def processes_per_worker(block):  # sent once to each worker, when it starts
    with ProcessPoolExecutor(2, initializer=init_worker, initargs=(block,)) as pool:
        return list(pool.map(count_global, range(TASKS)))


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


if __name__ == "__main__":
    block = bytes(range(256)) * (SIZE // 256)
    t_threads, expected = timed(lambda: threads(block))
    t_per_task, per_task = timed(lambda: processes_per_task(block))
    t_per_worker, once = timed(lambda: processes_per_worker(block))
    assert expected == per_task == once == [SIZE // 256] * TASKS
    print(f"{TASKS} tasks over the same {SIZE // 1_000_000} MB")
    print(f"threads (share it):              {t_threads:.3f} s")
    print(f"processes, data in every task:   {t_per_task / t_threads:.1f} x as long")
    print(f"processes, data once per worker: {t_per_worker / t_threads:.1f} x as long")
#> 8 tasks over the same 10 MB
#> threads (share it):              <float> s
#> processes, data in every task:   <float> x as long
#> processes, data once per worker: <float> x as long
