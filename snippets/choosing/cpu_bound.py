import asyncio
import time
from concurrent.futures import ProcessPoolExecutor

TASKS = [1_000_000, 1_000_000]  # two equal pieces of pure-Python work


def sum_squares(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


async def as_coroutine(n):
    return sum_squares(n)  # never awaits: holds the event loop until it is done


async def coroutines_only():
    return await asyncio.gather(*(as_coroutine(n) for n in TASKS))


async def in_threads():
    # asyncio.to_thread() (3.9+) runs each call in the loop's default thread pool
    return await asyncio.gather(*(asyncio.to_thread(sum_squares, n) for n in TASKS))


async def in_processes():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=2) as pool:
        calls = [loop.run_in_executor(pool, sum_squares, n) for n in TASKS]
        return await asyncio.gather(*calls)


def serial():
    return [sum_squares(n) for n in TASKS]


def timed(func, *args):
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


if __name__ == "__main__":
    serial_time, expected = timed(serial)
    print(f"{len(TASKS)} CPU-bound tasks, serial: {serial_time:.2f} s")
    for name, coro in [
        ("asyncio, coroutines", coroutines_only),
        ("asyncio.to_thread", in_threads),
        ("asyncio + processes", in_processes),
    ]:
        elapsed, results = timed(asyncio.run, coro())
        assert results == expected
        print(f"{name:19}: speedup {serial_time / elapsed:.2f}")
#> 2 CPU-bound tasks, serial: <float> s
#> asyncio, coroutines: speedup <float>
#> asyncio.to_thread  : speedup <float>
#> asyncio + processes: speedup <float>
