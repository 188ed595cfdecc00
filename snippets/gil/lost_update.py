import threading
import time

balance = 0
lock = threading.Lock()
both_read = threading.Barrier(2)


def deposit_unsafe():
    global balance
    current = balance  # read
    both_read.wait()  # the other thread reads too before this one writes
    balance = current + 1  # write back, over the other thread's update


def deposit_locked():
    global balance
    with lock:  # read and write as one step: only one thread at a time
        current = balance
        time.sleep(0.1)  # harmless here: the other thread waits for the lock
        balance = current + 1


def run_twice(deposit):
    """Run deposit() in two threads at once; return the final balance."""
    global balance
    balance = 0
    threads = [threading.Thread(target=deposit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return balance


if __name__ == "__main__":
    print(f"without a lock: {run_twice(deposit_unsafe)} (expected 2)")
    print(f"with a lock:    {run_twice(deposit_locked)} (expected 2)")
#> without a lock: 1 (expected 2)
#> with a lock:    2 (expected 2)
