# test: max_python="3.9"
import queue
import threading
from multiprocessing import Pool, TimeoutError


def square(x):
    return x * x


def save(result):
    raise ValueError("cannot save the result")  # a bug in the callback


default_hook = threading.excepthook
crashed = queue.SimpleQueue()  # threads that died of an uncaught exception


def note_crash(args):
    default_hook(args)  # print the traceback as usual
    crashed.put(args.thread)


if __name__ == "__main__":
    threading.excepthook = note_crash
    pool = Pool(2)
    first = pool.apply_async(square, (3,), callback=save)
    crashed.get(timeout=20).join()  # (1)!
    second = pool.apply_async(square, (4,))  # a new task, after the crash
    try:
        second.get(timeout=1)
    except TimeoutError:
        print("a later task never returns either")
    try:
        pool.terminate()
    except AssertionError as exc:
        print(f"terminate() failed: {exc}")
#> Exception in thread Thread-3:
#> Traceback (most recent call last):
#> <...>
#> ValueError: cannot save the result
#> a later task never returns either
#> terminate() failed: Cannot have cache with result_hander not alive
