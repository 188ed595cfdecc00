import os
from multiprocessing import Pool, Process


def square(x):
    return x * x


def compute(numbers):  # three calls deep, in a child process
    with Pool(2) as pool:
        return pool.map(square, numbers)


def helper(numbers):
    return compute(numbers)


def child_main(numbers):
    print(f"child pid={os.getpid()}: {helper(numbers)}")


def start_child():
    p = Process(target=child_main, args=([1, 2, 3],))  # not a daemon
    p.start()
    p.join()
    return p.exitcode


if __name__ == "__main__":
    print(f"exit code: {start_child()}")
#> child pid=<pid>: [1, 4, 9]
#> exit code: 0
