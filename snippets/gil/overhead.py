import time
from concurrent.futures import ProcessPoolExecutor

TASKS = [1_000] * 8  # eight tiny pieces of work


def sum_squares(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def timed(func, *args):
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


def run_serial(tasks):
    return [sum_squares(n) for n in tasks]


def run_processes(tasks):
    # start two processes, pickle each task and each result, shut down
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(sum_squares, tasks))


if __name__ == "__main__":
    serial_time, expected = timed(run_serial, TASKS)
    process_time, results = timed(run_processes, TASKS)
    print(f"same results: {results == expected}")
    print(f"serial:    {serial_time * 1000:.2f} ms")
    print(f"processes: {process_time * 1000:.2f} ms")
    speedup = serial_time / process_time
    print(f"speedup (serial time / process time): {speedup:.3f}")
#> same results: True
#> serial:    <float> ms
#> processes: <float> ms
#> speedup (serial time / process time): <float>
