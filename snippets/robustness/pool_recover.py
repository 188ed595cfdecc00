import os
import signal
from multiprocessing import Pool, TimeoutError


def work(x, attempt):
    if x == 3 and attempt == 1:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    return x * 10


if __name__ == "__main__":
    todo, results = [1, 2, 3, 4], {}
    for attempt in (1, 2):
        pool = Pool(2)
        pool.apply(int)  # a worker is up: the 3 s below are for the tasks alone
        pending = {x: pool.apply_async(work, (x, attempt)) for x in todo}
        for x, result in pending.items():
            try:
                results[x] = result.get(timeout=3)  # (1)!
            except TimeoutError:
                print(f"task {x}: no result after 3 s")
        pool.terminate()  # (2)!
        pool.join()
        todo = [x for x in todo if x not in results]
        print(f"attempt {attempt}: have {sorted(results)}, lost {todo}")
#> task 3: no result after 3 s
#> attempt 1: have [1, 2, 4], lost [3]
#> attempt 2: have [1, 2, 3, 4], lost []
