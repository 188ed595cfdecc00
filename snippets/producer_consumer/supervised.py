import queue
import time
from multiprocessing import Process, Queue

BAD_ITEM = 4


def consume(tasks, results):
    while True:
        item = tasks.get()
        if item is None:
            break
        if item == BAD_ITEM:
            raise ValueError(f"cannot handle item {item}")
        time.sleep(0.1)  # the real work
        results.put((item, item * item))


def run(n_items=30, n_consumers=3):
    """Return (results so far, sorted exit codes): stops every consumer if one fails."""
    tasks, results = Queue(), Queue()
    consumers = [
        Process(target=consume, args=(tasks, results)) for _ in range(n_consumers)
    ]
    for c in consumers:
        c.start()
    for item in range(n_items):
        tasks.put(item)
    for _ in consumers:
        tasks.put(None)
    tasks.close()  # (1)!
    done, failed = {}, False
    while len(done) < n_items:
        if any(c.exitcode not in (None, 0) for c in consumers):  # (2)!
            failed = True
            break
        try:
            item, value = results.get(timeout=0.1)  # (3)!
        except queue.Empty:
            if all(c.exitcode is not None for c in consumers):  # (4)!
                break
            continue
        done[item] = value
    for c in consumers:
        if failed and c.is_alive():
            c.terminate()  # (5)!
        c.join()
    if failed:
        tasks.cancel_join_thread()  # (6)!
    return done, sorted(c.exitcode for c in consumers)


if __name__ == "__main__":
    done, exit_codes = run()
    print(f"exit codes: {exit_codes}")
    print(f"item {BAD_ITEM} done: {BAD_ITEM in done}; all 30 done: {len(done) == 30}")
#> Process Process-<int>:
#> Traceback (most recent call last):
#> <...>
#> ValueError: cannot handle item 4
#> exit codes: [-15, -15, 1]
#> item 4 done: False; all 30 done: False
