import time
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool

WORKERS = 2
TASKS = [500_000] * 8


def work(n):  # pure Python: it holds the GIL while it runs
    started, cpu = time.time(), time.thread_time()  # (1)!
    total = 0
    for i in range(n):
        total += i * i
    return started, time.time(), time.thread_time() - cpu


def busy_cores(pool_class):
    with pool_class(WORKERS) as pool:
        runs = pool.map(work, TASKS, chunksize=1)
    starts, ends, cpu_seconds = zip(*runs)
    return sum(cpu_seconds) / (max(ends) - min(starts))  # (2)!


if __name__ == "__main__":
    threads = busy_cores(ThreadPool)
    processes = busy_cores(Pool)
    print(f"{WORKERS} threads (ThreadPool):   {threads:.2f} cores busy on average")
    print(f"{WORKERS} processes (Pool):       {processes:.2f} cores busy on average")
    print("the threads never used more than one core:", threads < 1.05)
#> 2 threads (ThreadPool):   <float> cores busy on average
#> 2 processes (Pool):       <float> cores busy on average
#> the threads never used more than one core: True
