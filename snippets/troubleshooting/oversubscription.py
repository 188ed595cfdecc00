# test: requires="numpy threadpoolctl"
import os
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def init(blas_threads):
    if blas_threads:
        threadpool_limits(blas_threads)  # (1)!


def task(seed):
    a = np.random.default_rng(seed).random((150, 150))
    for _ in range(10):
        a = a @ a  # a BLAS matrix product
        a /= np.abs(a).max()
    return float(a[0, 0])


def timed(blas_threads):
    with ProcessPoolExecutor(2, initializer=init, initargs=(blas_threads,)) as ex:
        list(ex.map(task, range(2)))  # start both workers first
        started = time.perf_counter()
        list(ex.map(task, range(4)))
        return time.perf_counter() - started


if __name__ == "__main__":
    cores = len(os.sched_getaffinity(0))
    blas = [info["num_threads"] for info in threadpool_info()]
    print(f"cores: {cores}, BLAS threads per process: {blas == [cores]}")  # (2)!
    default, single = [], []
    for _ in range(2):  # interleaved: A, B, A, B
        default.append(timed(None))
        single.append(timed(1))
    ratio = min(default) / min(single)
    print(f"2 processes x {cores} BLAS threads: {ratio:.1f} x the time of x 1 thread")
#> cores: <int>, BLAS threads per process: True
#> 2 processes x <int> BLAS threads: <float> x the time of x 1 thread
