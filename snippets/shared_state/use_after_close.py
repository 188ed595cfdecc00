# test: requires="numpy"
import signal
from multiprocessing import Process
from multiprocessing.shared_memory import SharedMemory

import numpy as np


def read_after_close(name):
    shm = SharedMemory(name=name)
    array = np.ndarray((4,), dtype=np.float64, buffer=shm.buf)
    shm.close()  # no error: NumPy holds the mapping, not the memoryview
    print(f"child reads {array[0]}")  # the memory is no longer mapped


if __name__ == "__main__":
    shm = SharedMemory(create=True, size=4 * 8)
    try:
        child = Process(target=read_after_close, args=(shm.name,))
        child.start()
        child.join()
        print(f"child exit code: {child.exitcode} (SIGSEGV is {signal.SIGSEGV.value})")
    finally:
        shm.close()
        shm.unlink()
#> child exit code: -11 (SIGSEGV is 11)
