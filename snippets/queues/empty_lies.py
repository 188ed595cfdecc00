import queue
import threading
from multiprocessing import Queue

may_finish = threading.Event()  # pickling cannot finish until this is set


class SlowToPickle:
    """Stands in for a big object: turning it into bytes takes a while."""

    def __reduce__(self):
        may_finish.wait()  # runs in the queue's feeder thread, after put() returned
        return (SlowToPickle, ())


if __name__ == "__main__":
    q = Queue()
    q.put(SlowToPickle())  # (1)!
    print(f"right after put(): empty()={q.empty()} qsize()={q.qsize()}")  # (2)!
    try:
        q.get_nowait()  # (3)!
    except queue.Empty:
        print("get_nowait(): queue.Empty")
    may_finish.set()  # now the feeder thread may finish pickling and send it
    item = q.get(timeout=5)
    print(f"get(timeout=5) returned a {type(item).__name__}")
#> right after put(): empty()=True qsize()=1
#> get_nowait(): queue.Empty
#> get(timeout=5) returned a SlowToPickle
