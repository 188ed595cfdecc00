# test: requires="numpy"
import time
from multiprocessing import Pool
from multiprocessing.shared_memory import SharedMemory

import numpy as np

TASKS = 8


def part_sum(array, part):
    return float(array[part::TASKS].sum())


def part_sum_shared(name, shape, dtype, part):
    shm = SharedMemory(name=name)
    try:
        array = np.ndarray(shape, dtype=dtype, buffer=shm.buf)
        total = part_sum(array, part)
        del array  # before close(): no NumPy view may outlive the mapping
        return total
    finally:
        shm.close()


def timed(pool, func, args):
    start = time.perf_counter()
    results = pool.starmap(func, args, chunksize=1)  # one task, one pickled array
    return time.perf_counter() - start, results


if __name__ == "__main__":
    data = np.random.default_rng(0).random(500_000)  # 4 MB of float64
    shm = SharedMemory(create=True, size=data.nbytes)
    try:
        shared = np.ndarray(data.shape, dtype=data.dtype, buffer=shm.buf)
        shared[:] = data
        with Pool(2) as pool:
            pool.map(abs, range(4))  # start the workers before timing
            by_value_args = [(data, i) for i in range(TASKS)]
            t_pickled, by_value = timed(pool, part_sum, by_value_args)
            by_name_args = [(shm.name, data.shape, data.dtype, i) for i in range(TASKS)]
            t_shared, by_name = timed(pool, part_sum_shared, by_name_args)
        del shared
        print(f"same results: {by_value == by_name}")
        print(f"{TASKS} tasks, {data.nbytes / 2**20:.0f} MB array each time")
        print(f"pickled / shared = {t_pickled / t_shared:.1f}")
    finally:
        shm.close()
        shm.unlink()
#> same results: True
#> 8 tasks, 4 MB array each time
#> pickled / shared = <float>
