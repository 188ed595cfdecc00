import multiprocessing
import time
from multiprocessing import Pool


def slow_task():
    time.sleep(60)  # still asleep when the with block ends
    print("slow_task: finished")  # never printed: the worker is terminated first
    return "done"


if __name__ == "__main__":
    with Pool(1) as pool:
        result = pool.apply_async(slow_task)
    # leaving the block called pool.terminate(): the worker is gone
    print(f"after the with block: ready() = {result.ready()}")
    try:
        result.get(timeout=1)  # without a timeout, this would wait forever
    except multiprocessing.TimeoutError:
        print("get(timeout=1): TimeoutError, the result will never come")
#> after the with block: ready() = False
#> get(timeout=1): TimeoutError, the result will never come
