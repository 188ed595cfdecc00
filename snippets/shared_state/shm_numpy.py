# test: requires="numpy"
from multiprocessing import Process
from multiprocessing.shared_memory import SharedMemory

import numpy as np


def double_rows(name, shape, dtype, rows):
    shm = SharedMemory(name=name)  # (1)!
    array = np.ndarray(shape, dtype=dtype, buffer=shm.buf)
    array[rows] *= 2
    del array  # (2)!
    shm.close()


if __name__ == "__main__":
    data = np.arange(12, dtype=np.int64).reshape(4, 3)
    shm = SharedMemory(create=True, size=data.nbytes)  # (3)!
    try:
        shared = np.ndarray(data.shape, dtype=data.dtype, buffer=shm.buf)
        shared[:] = data  # one copy, into the block
        halves = [slice(0, 2), slice(2, 4)]
        workers = [
            Process(target=double_rows, args=(shm.name, data.shape, data.dtype, rows))
            for rows in halves
        ]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print(shared)
        del shared
    finally:
        shm.close()
        shm.unlink()  # (4)!
#> [[ 0  2  4]
#>  [ 6  8 10]
#>  [12 14 16]
#>  [18 20 22]]
