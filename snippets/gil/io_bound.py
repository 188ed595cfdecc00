import time
from concurrent.futures import ThreadPoolExecutor

DELAY = 0.2  # seconds each "request" waits
TASKS = 5


def fake_request(i):
    time.sleep(DELAY)  # blocking wait: the thread releases the GIL while it sleeps
    return i * 10


def timed(func, *args):
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


def run_serial(n):
    return [fake_request(i) for i in range(n)]


def run_threads(n):
    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(fake_request, range(n)))


if __name__ == "__main__":
    serial_time, expected = timed(run_serial, TASKS)
    thread_time, results = timed(run_threads, TASKS)
    speedup = serial_time / thread_time
    print(f"results: {results}, same as serial: {results == expected}")
    print(f"serial:  {serial_time:.2f} s")
    print(f"threads: {thread_time:.2f} s, speedup {speedup:.2f}")
#> results: [0, 10, 20, 30, 40], same as serial: True
#> serial:  <float> s
#> threads: <float> s, speedup <float>
