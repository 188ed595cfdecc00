import queue
import time
from multiprocessing import Barrier, Process, Queue


def consumer(tasks, both_checked, results):
    if not tasks.empty():  # "there is an item, so get() will not block"
        both_checked.wait()  # (1)!
        try:
            results.put(f"got {tasks.get(timeout=1)!r}")
        except queue.Empty:
            results.put("empty() said False, yet get() would have blocked forever")


if __name__ == "__main__":
    tasks, results = Queue(), Queue()
    tasks.put("job")
    while tasks.empty():  # wait until the item has reached the pipe
        time.sleep(0.01)
    both_checked = Barrier(2)
    consumers = [
        Process(target=consumer, args=(tasks, both_checked, results)) for _ in range(2)
    ]
    for c in consumers:
        c.start()
    print(sorted(results.get(timeout=10) for _ in consumers))
    for c in consumers:
        c.join()
#> ['empty() said False, yet get() would have blocked forever', "got 'job'"]
