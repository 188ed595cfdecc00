import os
from multiprocessing import Pool


def where(item):
    return item, os.getpid()


def group_by_worker(results):
    """The items each worker process handled, sorted by first item."""
    groups = {}
    for item, pid in results:
        groups.setdefault(pid, []).append(item)
    return sorted(groups.values())


def map_chunksize(n_items, n_workers):
    """The chunk size Pool.map() picks when none is given (CPython's formula)."""
    chunksize, extra = divmod(n_items, n_workers * 4)
    return chunksize + 1 if extra else chunksize


if __name__ == "__main__":
    # maxtasksperchild=1: a fresh worker for every task, so one PID = one task
    with Pool(2, maxtasksperchild=1) as pool:  # (1)!
        for chunksize in (1, 3):
            tasks = group_by_worker(pool.imap(where, range(4), chunksize=chunksize))
            print(f"imap, chunksize={chunksize}: {len(tasks)} tasks {tasks}")
    with Pool(2, maxtasksperchild=1) as pool:  # a new pool: see the note
        tasks = group_by_worker(pool.map(where, range(10)))  # (2)!
    print(f"map, 10 items: {len(tasks)} tasks of up to {len(tasks[0])} items")
    print(f"map_chunksize(10, 2) = {map_chunksize(10, 2)}")
#> imap, chunksize=1: 4 tasks [[0], [1], [2], [3]]
#> imap, chunksize=3: 2 tasks [[0, 1, 2], [3]]
#> map, 10 items: 5 tasks of up to 2 items
#> map_chunksize(10, 2) = 2
