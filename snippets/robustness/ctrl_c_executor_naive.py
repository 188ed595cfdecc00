# test: raises="KeyboardInterrupt"
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Barrier

barrier = None


def init(shared_barrier):
    global barrier
    barrier = shared_barrier


def work(x):
    barrier.wait()  # every worker is inside a task
    time.sleep(5)
    return x


if __name__ == "__main__":
    started = Barrier(3)
    with ProcessPoolExecutor(2, initializer=init, initargs=(started,)) as executor:
        futures = [executor.submit(work, x) for x in range(2)]
        started.wait(timeout=20)
        os.killpg(os.getpgrp(), signal.SIGINT)  # what Ctrl+C in a terminal does
        print([f.result(timeout=20) for f in futures])
#> Traceback (most recent call last):
#> <...>
#> KeyboardInterrupt
