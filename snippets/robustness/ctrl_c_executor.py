import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Barrier, active_children

barrier = None


def init(shared_barrier):
    global barrier
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    barrier = shared_barrier


def work(x):
    barrier.wait()  # every worker is inside a task
    time.sleep(20)
    return x


if __name__ == "__main__":
    started = Barrier(3)
    others = set(active_children())  # children this program had before the executor
    executor = ProcessPoolExecutor(2, initializer=init, initargs=(started,))
    try:
        futures = [executor.submit(work, x) for x in range(2)]
        started.wait(timeout=20)
        os.killpg(os.getpgrp(), signal.SIGINT)  # what Ctrl+C in a terminal does
        print([f.result(timeout=20) for f in futures])
    except KeyboardInterrupt:
        print("Ctrl+C: terminating the workers")
        for future in futures:
            future.cancel()  # the tasks still queued, if any
        for worker in set(active_children()) - others:  # (1)!
            worker.terminate()
    executor.shutdown(wait=True)  # (2)!
    print("clean exit")
#> Ctrl+C: terminating the workers
#> clean exit
