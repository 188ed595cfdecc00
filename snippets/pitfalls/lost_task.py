# test: start_methods="spawn forkserver"
from multiprocessing import Pool, Semaphore, TimeoutError


def ready(started):
    started.release()  # one more worker is up


if __name__ == "__main__":

    def square(x):  # (1)!
        return x * x

    started = Semaphore(0)
    with Pool(1, initializer=ready, initargs=(started,)) as pool:
        result = pool.apply_async(square, (3,))
        for _ in range(2):  # (2)!
            started.acquire(timeout=30)
        try:
            print(result.get(timeout=0.2))
        except TimeoutError:
            print("no result: the task died with the worker that received it")
#> Process <...>PoolWorker-1:
#> Traceback (most recent call last):
#> <...>
#> AttributeError: Can't get attribute 'square' on <module '<...>' from '<...>'>
#> no result: the task died with the worker that received it
