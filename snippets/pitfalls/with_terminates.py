import time
from multiprocessing import Pool, TimeoutError


def slow_square(x, seconds=0.5):
    time.sleep(seconds)
    return x * x


if __name__ == "__main__":
    with Pool(2) as pool:
        pending = pool.apply_async(slow_square, (3, 60))  # a minute's work
    # leaving the with block called pool.terminate(): the task was dropped
    try:
        print(pending.get(timeout=0.5))
    except TimeoutError:
        print("no result: the pool was terminated before the task finished")

    with Pool(2) as pool:
        pending = pool.apply_async(slow_square, (3,))
        print(pending.get())  # (1)!
#> no result: the pool was terminated before the task finished
#> 9
