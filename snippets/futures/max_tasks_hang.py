# test: min_python="3.11"
import os
from concurrent.futures import ProcessPoolExecutor

if __name__ == "__main__":
    executor = ProcessPoolExecutor(1, max_tasks_per_child=2)
    futures = [executor.submit(os.getpid) for _ in range(6)]
    for i in (0, 1):  # the first worker's two tasks: no time limit on them
        futures[i].result()
        print(f"task {i}: done")
    try:
        futures[2].result(timeout=3)  # needs a second worker
    except TimeoutError:
        print("task 2: no result after 3 s")
        os._exit(0)  # (1)!
#> task 0: done
#> task 1: done
#> task 2: no result after 3 s
#> <...>
