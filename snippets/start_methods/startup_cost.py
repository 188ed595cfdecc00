import multiprocessing as mp
import time

METHODS = ("fork", "spawn", "forkserver")


def nothing():
    pass


def seconds_per_process(ctx, n):
    """Start and join n processes one after another; return the mean seconds per process."""
    start = time.perf_counter()
    for _ in range(n):
        p = ctx.Process(target=nothing)
        p.start()
        p.join()
    return (time.perf_counter() - start) / n


if __name__ == "__main__":
    first = {}
    mean = {}
    for method in METHODS:
        ctx = mp.get_context(method)
        first[method] = seconds_per_process(ctx, 1)  # (1)!
        mean[method] = seconds_per_process(ctx, 5)
    fork = mean["fork"]
    print(f"spawn / fork:      {mean['spawn'] / fork:.1f}")
    print(f"forkserver / fork: {mean['forkserver'] / fork:.1f}")
    print(f"first forkserver process / fork: {first['forkserver'] / fork:.1f}")
#> spawn / fork:      <float>
#> forkserver / fork: <float>
#> first forkserver process / fork: <float>
