import time
from multiprocessing import Pool


def work(n):
    return sum(i * i for i in range(n))


def serial(sizes):
    return [work(n) for n in sizes]


def pooled(sizes):
    with Pool(2) as pool:  # starting and stopping the pool is part of the cost
        return pool.map(work, sizes)


def seconds(func, *args):
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


if __name__ == "__main__":
    tiny, large = [10] * 1000, [1_000_000] * 4
    speedup_tiny = seconds(serial, tiny) / seconds(pooled, tiny)
    speedup_large = seconds(serial, large) / seconds(pooled, large)
    print(f"1000 tiny tasks: speedup {speedup_tiny:.2f}")
    print(f"4 large tasks:   speedup {speedup_large:.2f}")
#> 1000 tiny tasks: speedup <float>
#> 4 large tasks:   speedup <float>
