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


def wait_until_running(future):
    while not future.running():  # the executor's own thread marks it
        time.sleep(0.01)


if __name__ == "__main__":
    started, release = Event(), Event()
    executor = ProcessPoolExecutor(1, initializer=init, initargs=(started, release))
    first = executor.submit(work, 0)
    started.wait(timeout=20)  # the worker is inside work(0)
    rest = [executor.submit(work, x) for x in range(1, 6)]
    wait_until_running(rest[1])  # (1)!
    print(f"running: {[f.running() for f in rest]}")
    print(f"cancel(): {[f.cancel() for f in rest[:3]]}")  # (2)!
    executor.shutdown(wait=False, cancel_futures=True)  # (3)!
    release.set()
    wait(rest, timeout=20)  # (4)!
    print(f"cancelled: {[f.cancelled() for f in rest]}")
    print(f"results: {[f.result() for f in [first, *rest] if not f.cancelled()]}")
#> running: [True, True, False, False, False]
#> cancel(): [False, False, True]
#> cancelled: [False, False, True, True, True]
#> results: [0, 1, 2]
