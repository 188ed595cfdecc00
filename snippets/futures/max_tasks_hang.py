# test: min_python="3.11"
import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import active_children, get_context


def hold(go):
    go.wait(timeout=60)  # each worker waits until all six tasks are queued


def replacement_started(first, timeout):
    """Wait up to `timeout` seconds for a worker process other than `first`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.pid != first for p in active_children()):
            return True
        time.sleep(0.05)
    return False


if __name__ == "__main__":
    go = get_context("spawn").Event()  # (1)!
    executor = ProcessPoolExecutor(
        1, max_tasks_per_child=2, initializer=hold, initargs=(go,)
    )
    futures = [executor.submit(os.getpid) for _ in range(6)]
    go.set()
    first = futures[0].result()  # the first worker's PID; no time limit on its tasks
    futures[1].result()
    print("tasks 0 and 1: done by the first worker")
    for worker in active_children():
        if worker.pid == first:
            worker.join(timeout=60)  # it exits after its second task
    if replacement_started(first, timeout=3):  # (2)!
        futures[2].result(timeout=60)
        print("task 2: done by a new worker (this Python has the fix)")
        executor.shutdown()
    else:
        print("no new worker 3 s after the first one exited")
        print(f"worker processes left: {len(active_children())}")  # (3)!
        os._exit(0)  # (4)!
#> tasks 0 and 1: done by the first worker
#> no new worker 3 s after the first one exited
#> worker processes left: 0
#> <...>
