# test: min_python="3.11"
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import active_children

if __name__ == "__main__":
    executor = ProcessPoolExecutor(1, max_tasks_per_child=2)
    futures = [executor.submit(os.getpid) for _ in range(6)]
    for i in (0, 1):  # the first worker's two tasks: no time limit on them
        futures[i].result()
        print(f"task {i}: done")
    try:
        futures[2].result(timeout=1)  # needs a second worker
    except TimeoutError:
        print("task 2: no result after 1 s")
        for worker in active_children():
            worker.join(timeout=10)  # the first worker exits after its 2 tasks
        print(f"worker processes left: {len(active_children())}")  # (1)!
        os._exit(0)  # (2)!
    else:
        print("task 2: done (this Python has the fix)")
        executor.shutdown()
#> task 0: done
#> task 1: done
#> task 2: no result after 1 s
#> worker processes left: 0
#> <...>
