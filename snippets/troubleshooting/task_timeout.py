import time
from multiprocessing import Pipe, Process


def work(seconds, conn):
    time.sleep(seconds)  # stands for a task that may get stuck
    conn.send(f"slept {seconds} s")


def run_with_timeout(func, args, timeout):
    """Run func(*args, conn) in a process of its own; kill it after timeout seconds."""
    receiver, sender = Pipe(duplex=False)
    p = Process(target=func, args=(*args, sender))
    p.start()
    sender.close()  # (1)!
    try:
        if receiver.poll(timeout):  # (2)!
            return receiver.recv()
        p.terminate()  # (3)!
        raise TimeoutError(f"no result within {timeout} s")
    finally:
        p.join()
        receiver.close()


if __name__ == "__main__":
    print(run_with_timeout(work, (0.1,), timeout=20))
    started = time.monotonic()
    try:
        run_with_timeout(work, (60,), timeout=1)
    except TimeoutError as exc:
        print(f"TimeoutError: {exc}")
    print(f"stopped after less than 20 s: {time.monotonic() - started < 20}")
#> slept 0.1 s
#> TimeoutError: no result within 1 s
#> stopped after less than 20 s: True
