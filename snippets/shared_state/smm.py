from multiprocessing import Pool
from multiprocessing.managers import SharedMemoryManager
from multiprocessing.shared_memory import SharedMemory


def total(name, start, stop):
    shm = SharedMemory(name=name)
    try:
        return sum(shm.buf[start:stop])
    finally:
        shm.close()


def exists(name):
    try:
        SharedMemory(name=name).close()
    except FileNotFoundError:
        return False
    return True


if __name__ == "__main__":
    with SharedMemoryManager() as smm:  # (1)!
        shm = smm.SharedMemory(size=1000)
        shm.buf[:] = bytes(range(200)) * 5
        ranges = [(shm.name, i, i + 250) for i in range(0, 1000, 250)]
        with Pool(2) as pool:
            parts = pool.starmap(total, ranges)
        print(parts, sum(parts) == sum(shm.buf))
        names = smm.ShareableList(["a", "b"]).shm.name, shm.name
    print(f"blocks left after the with block: {sum(map(exists, names))}")  # (2)!
#> [21125, 23625, 26125, 28625] True
#> blocks left after the with block: 0
