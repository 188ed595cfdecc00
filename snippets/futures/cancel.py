import threading
import time
from concurrent.futures import ProcessPoolExecutor, wait
from multiprocessing import Event

started = release = None


def init(started_event, release_event):
    global started, release
    started, release = started_event, release_event


def work(x):
    if x == 0:
        started.set()
        release.wait(timeout=20)  # keeps the only worker busy
    return x


def wait_until(condition, timeout=20):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)  # the executor's own thread changes the state


def release_when_cancelled(futures):
    wait_until(lambda: all(f.cancelled() for f in futures))
    release.set()  # now work(0) may finish


if __name__ == "__main__":
    started, release = Event(), Event()
    executor = ProcessPoolExecutor(1, initializer=init, initargs=(started, release))
    first = executor.submit(work, 0)
    started.wait(timeout=20)  # the worker is inside work(0)
    rest = [executor.submit(work, x) for x in range(1, 6)]
    wait_until(rest[1].running)  # (1)!
    print(f"running: {[f.running() for f in rest]}")
    print(f"cancel(): {[f.cancel() for f in rest[:3]]}")  # (2)!
    threading.Thread(target=release_when_cancelled, args=(rest[2:],)).start()
    executor.shutdown(wait=True, cancel_futures=True)  # (3)!
    print(f"cancelled: {[f.cancelled() for f in rest]}")
    print(f"results: {[f.result() for f in [first, *rest] if not f.cancelled()]}")
    done, not_done = wait(rest[2:], timeout=0)  # (4)!
    print(f"wait() on the cancelled ones: {len(done)} done, {len(not_done)} not done")
#> running: [True, True, False, False, False]
#> cancel(): [False, False, True]
#> cancelled: [False, False, True, True, True]
#> results: [0, 1, 2]
#> wait() on the cancelled ones: 0 done, 3 not done
