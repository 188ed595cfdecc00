import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TASKS = [2_000_000, 2_000_000]  # two equal pieces of work
WORKERS = 2


def sum_squares(n):
    """Pure-Python CPU-bound work: 0*0 + 1*1 + ... + (n-1)*(n-1)."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def run_serial(tasks):
    return [sum_squares(n) for n in tasks]


def run_pool(executor_class, tasks):
    # start-up and shut-down of the pool are part of the price, so they are timed too
    with executor_class(max_workers=WORKERS) as pool:
        return list(pool.map(sum_squares, tasks))


def timed(func, *args):
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


if __name__ == "__main__":
    serial_time, expected = timed(run_serial, TASKS)
    thread_time, by_threads = timed(run_pool, ThreadPoolExecutor, TASKS)
    process_time, by_processes = timed(run_pool, ProcessPoolExecutor, TASKS)
    print(f"{len(TASKS)} tasks, {WORKERS} workers")
    print(f"same results: {expected == by_threads == by_processes}")
    print(f"serial:    {serial_time:.2f} s")
    print(f"threads:   {thread_time:.2f} s, speedup {serial_time / thread_time:.2f}")
    print(f"processes: {process_time:.2f} s, speedup {serial_time / process_time:.2f}")
#> 2 tasks, 2 workers
#> same results: True
#> serial:    <float> s
#> threads:   <float> s, speedup <float>
#> processes: <float> s, speedup <float>
