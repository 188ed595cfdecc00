import os
from multiprocessing import Pool, TimeoutError


def work(x):
    if x == 3:
        os._exit(1)  # the worker dies at once: no result, no exception
    return x * 10


if __name__ == "__main__":
    pool = Pool(2)
    result = pool.map_async(work, range(6))  # map() would block the same way
    try:
        print(result.get(timeout=1))
    except TimeoutError:
        print("no result after 1 s: the task of the dead worker is lost")
    print(f"yet the pool still takes new tasks: {pool.apply(work, (1,))}")
    pool.terminate()  # (1)!
    pool.join()
#> no result after 1 s: the task of the dead worker is lost
#> yet the pool still takes new tasks: 10
