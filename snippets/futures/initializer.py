import os
from concurrent.futures import ProcessPoolExecutor

table = None


def init_worker(size):
    global table
    table = [i * i for i in range(size)]  # built once per worker
    print(f"worker {os.getpid()}: table of {size} ready")


def lookup(i):
    return table[i]


if __name__ == "__main__":
    with ProcessPoolExecutor(1, initializer=init_worker, initargs=(100,)) as executor:
        print(list(executor.map(lookup, [3, 7, 99])))
#> worker <pid>: table of 100 ready
#> [9, 49, 9801]
