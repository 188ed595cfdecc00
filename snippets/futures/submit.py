import os
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def fail(x):
    raise ValueError(f"bad input: {x}")


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        future = executor.submit(square, 7)  # (1)!
        print(f"result(): {future.result(timeout=10)}")
        print(f"done(): {future.done()}, exception(): {future.exception()}")
        broken = executor.submit(fail, 3)
        print(f"exception(): {broken.exception(timeout=10)!r}")  # (2)!
        try:
            broken.result()
        except ValueError as exc:
            print(f"result() re-raised: {exc}")
        worker_pid = executor.submit(os.getpid).result(timeout=10)
        print(f"ran in another process: {worker_pid != os.getpid()}")
#> result(): 49
#> done(): True, exception(): None
#> exception(): ValueError('bad input: 3')
#> result() re-raised: bad input: 3
#> ran in another process: True
