import threading
import time
from contextlib import nullcontext

THREADS, TIMES = 4, 1000
counter = 0


def add(start, guard):
    global counter
    start.wait()  # all threads begin together
    for _ in range(TIMES):
        with guard:
            value = counter  # read ...
            time.sleep(0)  # (1)!
            counter = value + 1  # ... then write


def run(guard):
    global counter
    counter = 0
    start = threading.Barrier(THREADS)
    threads = [
        threading.Thread(target=add, args=(start, guard)) for _ in range(THREADS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter


if __name__ == "__main__":
    print(f"without a lock, updates were lost: {run(nullcontext()) < THREADS * TIMES}")
    print(f"with a lock: {run(threading.Lock())} of {THREADS * TIMES}")
#> without a lock, updates were lost: True
#> with a lock: 4000 of 4000
