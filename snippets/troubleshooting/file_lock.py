import fcntl
import os
import tempfile
from contextlib import suppress
from multiprocessing import Barrier, Process
from threading import BrokenBarrierError


def add_one(path, meet, use_lock):
    with open(path, "r+") as f:  # (1)!
        if use_lock:
            fcntl.flock(f, fcntl.LOCK_EX)  # (2)!
        value = int(f.read())  # read
        with suppress(BrokenBarrierError):
            meet.wait(timeout=2 if use_lock else 30)  # (3)!
        f.seek(0)
        f.write(str(value + 1))  # write
        f.truncate()
        f.flush()
        if use_lock:
            fcntl.flock(f, fcntl.LOCK_UN)


def run(lock):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "counter.txt")
        with open(path, "w") as f:
            f.write("0")
        meet = Barrier(2)
        workers = [Process(target=add_one, args=(path, meet, lock)) for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        with open(path) as f:
            return f.read()


if __name__ == "__main__":
    print(f"two processes added 1 each, without a lock: {run(lock=False)}")
    print(f"two processes added 1 each, with flock():   {run(lock=True)}")
#> two processes added 1 each, without a lock: 1
#> two processes added 1 each, with flock():   2
