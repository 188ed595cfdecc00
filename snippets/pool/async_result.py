import multiprocessing
import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(0.5)
    return x * x


if __name__ == "__main__":
    with Pool(2) as pool:
        result = pool.apply_async(slow_square, (4,))  # (1)!
        print(f"ready(): {result.ready()}")
        try:
            result.get(timeout=0.1)  # (2)!
        except multiprocessing.TimeoutError:
            print("get(timeout=0.1): TimeoutError, the task is still running")
        result.wait()  # (3)!
        print(f"ready(): {result.ready()}, successful(): {result.successful()}")
        print(f"get(): {result.get()}")
#> ready(): False
#> get(timeout=0.1): TimeoutError, the task is still running
#> ready(): True, successful(): True
#> get(): 16
