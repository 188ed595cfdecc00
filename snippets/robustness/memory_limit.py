import resource
from multiprocessing import Pool

cache = []  # grows with every task: a leak


def leaky(x):
    cache.append(bytearray(1_000_000))
    return len(cache)


def limit_memory(megabytes):
    with open("/proc/self/statm") as f:  # Linux: sizes in pages
        in_use = int(f.read().split()[0]) * resource.getpagesize()
    limit = in_use + megabytes * 1_000_000
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # (1)!


def allocate(megabytes):
    return len(bytearray(megabytes * 1_000_000))


if __name__ == "__main__":
    with Pool(1) as pool:
        print(f"no recycling: {pool.map(leaky, range(6), chunksize=1)}")
    with Pool(1, maxtasksperchild=2) as pool:  # (2)!
        print(f"maxtasksperchild=2: {pool.map(leaky, range(6), chunksize=1)}")
    with Pool(1, initializer=limit_memory, initargs=(200,)) as pool:
        print(f"50 MB: {pool.apply(allocate, (50,)):,} bytes")
        try:
            pool.apply(allocate, (2_000,))
        except MemoryError:
            print("2000 MB: MemoryError, and the pool is still usable")  # (3)!
        print(f"50 MB: {pool.apply(allocate, (50,)):,} bytes")
#> no recycling: [1, 2, 3, 4, 5, 6]
#> maxtasksperchild=2: [1, 2, 1, 2, 1, 2]
#> 50 MB: 50,000,000 bytes
#> 2000 MB: MemoryError, and the pool is still usable
#> 50 MB: 50,000,000 bytes
