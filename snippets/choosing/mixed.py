import asyncio
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

JOBS = 4
DELAY = 0.1  # each job first waits for its input (I/O) ...
WORK = 400_000  # ... then computes on it (CPU)


def sum_squares(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def job(i):
    time.sleep(DELAY)  # download
    return sum_squares(WORK + i)  # process


def serial():
    return [job(i) for i in range(JOBS)]


def threads_only():
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        return list(pool.map(job, range(JOBS)))


async def async_job(i, loop, pool):
    await asyncio.sleep(DELAY)  # the waits overlap in the event loop
    # the computation goes to a worker process; the loop waits for it without blocking
    return await loop.run_in_executor(pool, sum_squares, WORK + i)


async def asyncio_and_processes():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=2) as pool:
        return await asyncio.gather(*(async_job(i, loop, pool) for i in range(JOBS)))


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


if __name__ == "__main__":
    serial_time, expected = timed(serial)
    print(f"{JOBS} jobs, each a {DELAY} s wait and then a computation")
    for name, run in [
        ("threads", threads_only),
        ("asyncio + processes", lambda: asyncio.run(asyncio_and_processes())),
    ]:
        elapsed, results = timed(run)
        assert results == expected
        print(f"{name:19}: speedup over serial {serial_time / elapsed:.2f}")
#> 4 jobs, each a 0.1 s wait and then a computation
#> threads            : speedup over serial <float>
#> asyncio + processes: speedup over serial <float>
