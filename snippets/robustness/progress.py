# test: requires="tqdm"
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import Pool

from tqdm import tqdm


def square(x):
    return x * x


if __name__ == "__main__":
    with Pool(2) as pool:
        results = pool.imap_unordered(square, range(200), chunksize=10)
        total = sum(tqdm(results, total=200, desc="Pool"))  # (1)!
    print(f"sum: {total}")
    with ProcessPoolExecutor(2) as executor:
        futures = [executor.submit(square, x) for x in range(200)]
        done = tqdm(as_completed(futures), total=len(futures), desc="Executor")
        total = sum(future.result() for future in done)  # (2)!
    print(f"sum: {total}")
#> <...>Pool: <...>100%|██████████| 200/200 [<...>]
#> sum: 2646700
#> <...>Executor: <...>100%|██████████| 200/200 [<...>]
#> sum: 2646700
