import time
from multiprocessing import Pool


def double(x):
    return 2 * x


def timed_imap(pool, chunksize):
    start = time.perf_counter()
    results = list(pool.imap(double, range(5_000), chunksize=chunksize))
    return results, time.perf_counter() - start


if __name__ == "__main__":
    with Pool(2) as pool:
        one, t_one = timed_imap(pool, chunksize=1)
        big, t_big = timed_imap(pool, chunksize=1000)
    print(f"same results: {one == big}")
    print(f"chunksize=1 took {t_one / t_big:.1f} times as long as chunksize=1000")
#> same results: True
#> chunksize=1 took <float> times as long as chunksize=1000
