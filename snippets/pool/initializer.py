import os
from multiprocessing import Pool

table = None  # set in each worker process by init_worker()


def init_worker(size):
    global table
    table = [i * i for i in range(size)]  # costly set-up, once per worker
    # the text and its newline in one write: the two workers' lines cannot mix
    print(f"worker {os.getpid()}: table of {size} ready\n", end="")


def lookup(i):
    return table[i]


if __name__ == "__main__":
    with Pool(2, initializer=init_worker, initargs=(1000,)) as pool:
        results = pool.map(lookup, [3, 10, 999])
        pool.close()
        pool.join()  # (1)!
    print(results)
# (any order)
#> worker <pid>: table of 1000 ready
#> worker <pid>: table of 1000 ready
#> [9, 100, 998001]
