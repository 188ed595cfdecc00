import time
from concurrent.futures import ProcessPoolExecutor


def double(x):
    return 2 * x


def timed_map(executor, chunksize):
    start = time.perf_counter()
    results = list(executor.map(double, range(2_000), chunksize=chunksize))
    return results, time.perf_counter() - start


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        timed_map(executor, chunksize=500)  # start the workers before timing
        one, t_one = timed_map(executor, chunksize=1)  # the default
        big, t_big = timed_map(executor, chunksize=500)
    print(f"same results: {one == big}")
    print(f"chunksize=1 took {t_one / t_big:.1f} times as long as chunksize=500")
#> same results: True
#> chunksize=1 took <float> times as long as chunksize=500
