import os
import signal
from multiprocessing import Pool, Semaphore, TimeoutError


def ready(started):
    started.release()  # this worker is up


def work(x, attempt):
    if x == 3 and attempt == 1:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    return x * 10


if __name__ == "__main__":
    todo, results = [1, 2, 3, 4], {}
    for attempt in (1, 2):
        started = Semaphore(0)
        pool = Pool(2, initializer=ready, initargs=(started,))
        for _ in range(2):  # both workers are up: the 1 s below is for the tasks alone
            started.acquire(timeout=30)
        pending = {x: pool.apply_async(work, (x, attempt)) for x in todo}
        for x, result in pending.items():
            try:
                results[x] = result.get(timeout=1)  # (1)!
            except TimeoutError:
                print(f"task {x}: no result after 1 s")
        pool.terminate()  # (2)!
        pool.join()
        todo = [x for x in todo if x not in results]
        print(f"attempt {attempt}: have {sorted(results)}, lost {todo}")
#> task 3: no result after 1 s
#> attempt 1: have [1, 2, 4], lost [3]
#> attempt 2: have [1, 2, 3, 4], lost []
