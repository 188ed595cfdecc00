# test: raises="KeyboardInterrupt"
import os
import signal
import time
from multiprocessing import Barrier, Pool

barrier = None


def init(shared_barrier):
    global barrier
    barrier = shared_barrier


def work(x):
    barrier.wait()  # every worker is inside a task
    time.sleep(20)
    return x


if __name__ == "__main__":
    started = Barrier(3)
    with Pool(2, initializer=init, initargs=(started,)) as pool:
        result = pool.map_async(work, range(2), chunksize=1)
        started.wait(timeout=20)
        os.killpg(os.getpgrp(), signal.SIGINT)  # what Ctrl+C in a terminal does
        print(result.get(timeout=20))
#> <...>
#> Traceback (most recent call last):
#> <...>
#> KeyboardInterrupt
