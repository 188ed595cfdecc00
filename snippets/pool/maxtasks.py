import os
from multiprocessing import Pool


def whoami(_):
    return os.getpid()


def default_chunksize(n_items, n_workers):
    """What Pool.map() picks when no chunksize is given (CPython's formula)."""
    chunksize, extra = divmod(n_items, n_workers * 4)
    return chunksize + 1 if extra else chunksize


if __name__ == "__main__":
    with Pool(1, maxtasksperchild=2) as pool:
        pids = pool.map(whoami, range(6), chunksize=1)  # (1)!
    print(f"chunksize=1: {pids}")
    print(f"distinct workers: {len(set(pids))}")
    print(f"default chunksize for 6 items, 1 worker: {default_chunksize(6, 1)}")
    with Pool(1, maxtasksperchild=2) as pool:
        pids = pool.map(whoami, range(6))  # (2)!
    print(f"default chunksize: {pids}")
    print(f"distinct workers: {len(set(pids))}")
#> chunksize=1: [<pid:a>, <pid:a>, <pid:b>, <pid:b>, <pid:c>, <pid:c>]
#> distinct workers: 3
#> default chunksize for 6 items, 1 worker: 2
#> default chunksize: [<pid:d>, <pid:d>, <pid:d>, <pid:d>, <pid:e>, <pid:e>]
#> distinct workers: 2
