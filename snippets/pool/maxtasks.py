import os
from multiprocessing import Pool


def whoami(_):
    return os.getpid()


if __name__ == "__main__":
    with Pool(1, maxtasksperchild=2) as pool:
        pids = pool.map(whoami, range(6), chunksize=1)
    print(f"worker PIDs, task by task: {pids}")
    print(f"distinct workers: {len(set(pids))}")
#> worker PIDs, task by task: [<pid:a>, <pid:a>, <pid:b>, <pid:b>, <pid:c>, <pid:c>]
#> distinct workers: 3
