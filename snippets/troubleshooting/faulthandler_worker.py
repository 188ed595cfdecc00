import faulthandler
from multiprocessing import Lock, Process


def work(lock):
    faulthandler.dump_traceback_later(0.5)  # (1)!
    try:
        if not lock.acquire(timeout=3):  # stuck: the main process holds the lock
            print("worker: gave up waiting for the lock after 3 s")
    finally:
        faulthandler.cancel_dump_traceback_later()


if __name__ == "__main__":
    lock = Lock()
    with lock:
        p = Process(target=work, args=(lock,))
        p.start()
        p.join()
#> Timeout (0:00:00.500000)!
#> Thread <hex> (most recent call first):
#>   File "<...>", line <int> in work
#>   File "<...>multiprocessing/process.py", line <int> in run
#> <...>
#> worker: gave up waiting for the lock after 3 s
