# test: min_python="3.11"
import os
from concurrent.futures import ProcessPoolExecutor

if __name__ == "__main__":
    executor = ProcessPoolExecutor(1, max_tasks_per_child=2)
    futures = [executor.submit(os.getpid) for _ in range(6)]
    try:
        for i, future in enumerate(futures):
            future.result(timeout=3)
            print(f"task {i}: done")
    except TimeoutError:
        print(f"task {i}: no result after 3 s")
        os._exit(0)  # (1)!
#> task 0: done
#> task 1: done
#> task 2: no result after 3 s
#> <...>
