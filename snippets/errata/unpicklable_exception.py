import queue
import threading
from multiprocessing import Pool, TimeoutError


class LookupFailed(Exception):
    def __init__(self, key, reason):
        super().__init__(f"{key}: {reason}")  # (1)!


def work(x):
    if x == 2:
        raise LookupFailed(x, "not found")
    return x


default_hook = threading.excepthook
crashed = queue.SimpleQueue()  # threads that died of an uncaught exception


def note_crash(args):  # (2)!
    default_hook(args)  # print the traceback as usual
    crashed.put(args.thread)


if __name__ == "__main__":
    threading.excepthook = note_crash
    pool = Pool(2)
    result = pool.map_async(work, range(4))
    crashed.get(timeout=20).join()  # wait until the result thread is gone
    try:
        result.get(timeout=0.2)
    except TimeoutError:
        print("no result, no exception: the pool is stuck")
    try:
        pool.terminate()
    except AssertionError:
        print("even terminate() fails with AssertionError")
#> Exception in thread Thread-3<...>
#> Traceback (most recent call last):
#> <...>
#> TypeError: <...>__init__() missing 1 required positional argument: 'reason'
#> no result, no exception: the pool is stuck
#> even terminate() fails with AssertionError
