import asyncio
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TASKS = 20  # twenty "requests" ...
DELAY = 0.05  # ... that each wait 0.05 s: a serial loop would take 20 x 0.05 = 1 s
SERIAL = TASKS * DELAY


def fetch(i):
    time.sleep(DELAY)  # a blocking wait, like a socket read
    return i


async def fetch_async(i):
    await asyncio.sleep(DELAY)  # a non-blocking wait: the event loop runs other tasks
    return i


def with_threads():
    with ThreadPoolExecutor(max_workers=TASKS) as pool:  # one thread per request
        return list(pool.map(fetch, range(TASKS)))


def with_processes(workers=2):
    with ProcessPoolExecutor(max_workers=workers) as pool:  # as many as the CPUs
        return list(pool.map(fetch, range(TASKS)))


async def gather_all():
    return await asyncio.gather(*(fetch_async(i) for i in range(TASKS)))


def with_asyncio():
    return asyncio.run(gather_all())  # one thread, one event loop


if __name__ == "__main__":
    print(f"{TASKS} waits of {DELAY} s; a serial loop takes {SERIAL:.1f} s")
    for name, run in [
        ("threads", with_threads),
        ("processes", with_processes),
        ("asyncio", with_asyncio),
    ]:
        start = time.perf_counter()
        results = run()
        elapsed = time.perf_counter() - start
        assert results == list(range(TASKS))
        print(f"{name:9}: {elapsed:.2f} s, speedup over serial {SERIAL / elapsed:.1f}")
#> 20 waits of 0.05 s; a serial loop takes 1.0 s
#> threads  : <float> s, speedup over serial <float>
#> processes: <float> s, speedup over serial <float>
#> asyncio  : <float> s, speedup over serial <float>
