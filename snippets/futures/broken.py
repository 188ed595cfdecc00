import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import Event

go = None


def init(event):
    global go
    go = event


def work(x):
    if x == "die":
        go.wait(timeout=20)  # die only once everything is submitted
        os.kill(os.getpid(), signal.SIGKILL)  # (1)!
    return x


if __name__ == "__main__":
    event = Event()
    executor = ProcessPoolExecutor(1, initializer=init, initargs=(event,))
    print(executor.submit(work, "warm-up").result(timeout=10))
    futures = [executor.submit(work, x) for x in ("die", "a")]  # (2)!
    event.set()
    for future in futures:
        try:
            future.result(timeout=10)
        except BrokenProcessPool as exc:
            print(f"{type(exc).__name__}: {exc}")
    try:
        executor.submit(work, "b")  # (3)!
    except BrokenProcessPool as exc:
        print(f"submit(): {exc}")
    executor.shutdown()
    fresh = ProcessPoolExecutor(1, initializer=init, initargs=(event,))  # (4)!
    with fresh:
        print(list(fresh.map(work, ["a", "b"])))
#> warm-up
#> BrokenProcessPool: A process in the process pool was terminated abruptly while the future was running or pending.
#> BrokenProcessPool: A process in the process pool was terminated abruptly while the future was running or pending.
#> submit(): A child process terminated abruptly, the process pool is not usable anymore
#> ['a', 'b']
