import asyncio
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import Pool

N = 2_000  # many tasks that each do almost nothing


def tiny(x):
    return x + 1


async def tiny_async(x):
    return x + 1


def loop():
    return [tiny(x) for x in range(N)]


def thread_pool(pool):
    return [f.result() for f in [pool.submit(tiny, x) for x in range(N)]]


def process_pool(pool):
    return [f.result() for f in [pool.submit(tiny, x) for x in range(N)]]


def pool_map(pool, chunksize):
    return pool.map(tiny, range(N), chunksize=chunksize)


async def gather_tasks():
    return await asyncio.gather(*(tiny_async(x) for x in range(N)))


def per_task_us(func, *args):
    """Microseconds per task; the pool is already running, so start-up is not counted."""
    start = time.perf_counter()
    assert func(*args) == list(range(1, N + 1))
    return (time.perf_counter() - start) / N * 1e6


if __name__ == "__main__":
    with ThreadPoolExecutor(2) as tpe, ProcessPoolExecutor(2) as ppe, Pool(2) as pool:
        pool.map(tiny, range(2))  # start the workers before timing
        list(ppe.map(tiny, range(2)))
        costs = {
            "plain loop": per_task_us(loop),
            "asyncio.gather": per_task_us(asyncio.run, gather_tasks()),
            "ThreadPoolExecutor": per_task_us(thread_pool, tpe),
            "ProcessPoolExecutor": per_task_us(process_pool, ppe),
            "Pool.map, chunksize=1": per_task_us(pool_map, pool, 1),
            "Pool.map, chunksize=500": per_task_us(pool_map, pool, 500),
        }
    print(f"{N} tiny tasks, 2 workers; microseconds per task:")
    for name, us in costs.items():
        ratio = us / costs["plain loop"]
        print(f"  {name:24} {us:.2f} us, {ratio:.1f} x the loop")
    batched = costs["Pool.map, chunksize=500"] < costs["Pool.map, chunksize=1"]
    print(f"chunksize=500 costs less per task than chunksize=1: {batched}")
#> 2000 tiny tasks, 2 workers; microseconds per task:
#>   plain loop               <float> us, <float> x the loop
#>   asyncio.gather           <float> us, <float> x the loop
#>   ThreadPoolExecutor       <float> us, <float> x the loop
#>   ProcessPoolExecutor      <float> us, <float> x the loop
#>   Pool.map, chunksize=1    <float> us, <float> x the loop
#>   Pool.map, chunksize=500  <float> us, <float> x the loop
#> chunksize=500 costs less per task than chunksize=1: True
