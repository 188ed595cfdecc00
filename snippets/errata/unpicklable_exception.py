from multiprocessing import Pool, TimeoutError


class LookupFailed(Exception):
    def __init__(self, key, reason):
        super().__init__(f"{key}: {reason}")  # (1)!


def work(x):
    if x == 2:
        raise LookupFailed(x, "not found")
    return x


if __name__ == "__main__":
    pool = Pool(2)
    result = pool.map_async(work, range(4))
    try:
        result.get(timeout=2)
    except TimeoutError:
        print("after 2 s: no result, no exception; the pool is stuck")
    try:
        pool.terminate()
    except AssertionError:
        print("even terminate() fails with AssertionError")
#> Exception in thread Thread-3<...>
#> Traceback (most recent call last):
#> <...>
#> TypeError: <...>__init__() missing 1 required positional argument: 'reason'
#> after 2 s: no result, no exception; the pool is stuck
#> even terminate() fails with AssertionError
