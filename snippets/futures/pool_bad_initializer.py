from multiprocessing import Event, Pool, TimeoutError


def init_worker(failed):
    failed.set()
    raise OSError("database unreachable")


if __name__ == "__main__":
    failed = Event()
    pool = Pool(1, initializer=init_worker, initargs=(failed,))
    failed.wait(timeout=20)  # the first worker has failed
    try:
        pool.apply_async(abs, (-1,)).get(timeout=1)
        outcome = "a result"
    except TimeoutError:
        outcome = "no result after 1 s"
    pool.terminate()
    pool.join()
    print(outcome)  # (1)!
#> Process <...>PoolWorker-1:
#> Traceback (most recent call last):
#> <...>
#> OSError: database unreachable
#> <...>
#> no result after 1 s
