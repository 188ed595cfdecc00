import os
from multiprocessing import Pool


def check(x):
    if x == 2:
        raise ValueError(f"bad value: {x}")
    return x * 10


if __name__ == "__main__":
    with Pool(1) as pool:
        pid_before = pool.apply(os.getpid)
        try:
            pool.map(check, range(4))
        except ValueError as exc:  # (1)!
            print(f"map() raised in the parent: {exc!r}")
            print(f"cause: {type(exc.__cause__).__name__}")
        print(f"the pool still works: {pool.map(check, [0, 1, 3])}")
        print(f"same worker process: {pool.apply(os.getpid) == pid_before}")
#> map() raised in the parent: ValueError('bad value: 2')
#> cause: RemoteTraceback
#> the pool still works: [0, 10, 30]
#> same worker process: True
