# test: requires="tqdm"
from multiprocessing import Pool, RLock

from tqdm import tqdm


def work(position):
    total = 0
    for i in tqdm(range(300), desc=f"worker {position}", position=position):  # (1)!
        total += i
    return total


if __name__ == "__main__":
    tqdm.set_lock(RLock())  # (2)!
    with Pool(2, initializer=tqdm.set_lock, initargs=(tqdm.get_lock(),)) as pool:
        results = pool.map(work, [0, 1], chunksize=1)
    print(f"\n\nresults: {results}")
#> <...>
#> results: [44850, 44850]
