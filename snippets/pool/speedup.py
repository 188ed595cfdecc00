import time
from multiprocessing import Pool


def work(n):
    return sum(i * i for i in range(n))


def serial_vs_pool(jobs):
    """Run the jobs in this process, then in a new Pool(); return both timings."""
    start = time.perf_counter()
    serial = [work(n) for n in jobs]
    t_serial = time.perf_counter() - start
    start = time.perf_counter()
    with Pool() as pool:  # start-up included, as in a real program
        parallel = pool.map(work, jobs)
    t_pool = time.perf_counter() - start
    assert serial == parallel
    return t_serial, t_pool


if __name__ == "__main__":
    for label, jobs in [("heavy", [400_000] * 8), ("light", [20_000] * 8)]:
        t_serial, t_pool = serial_vs_pool(jobs)
        print(f"{label}: serial {t_serial:.3f} s, pool {t_pool:.3f} s")
        print(f"{label}: speed-up serial/pool = {t_serial / t_pool:.2f}")
#> heavy: serial <float> s, pool <float> s
#> heavy: speed-up serial/pool = <float>
#> light: serial <float> s, pool <float> s
#> light: speed-up serial/pool = <float>
