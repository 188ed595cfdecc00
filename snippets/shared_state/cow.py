import gc
import multiprocessing
import sys


def private_mb():
    """Memory this process has written to since fork, in MB (Linux only)."""
    with open("/proc/self/smaps_rollup") as f:
        for line in f:
            if line.startswith("Private_Dirty:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no Private_Dirty line")


def read_all(data, results):
    before = private_mb()
    for _ in data:  # (1)!
        pass
    results.put(private_mb() - before)


def collect(data, results):
    before = private_mb()
    gc.collect()  # (2)!
    results.put(private_mb() - before)


def in_forked_child(target, data):
    """Run target(data, results) in a forked child; return what it measured."""
    fork = multiprocessing.get_context("fork")  # (3)!
    results = fork.SimpleQueue()
    child = fork.Process(target=target, args=(data, results))
    child.start()
    copied = results.get()
    child.join()
    return copied


if __name__ == "__main__":
    floats = [float(i) for i in range(1_000_000)]
    size = len(floats) * sys.getsizeof(1.0) / 2**20
    copied = in_forked_child(read_all, floats)
    print(f"reading {size:.0f} MB of floats in the child copied {copied:.0f} MB")
    print(f"copied / size = {copied / size:.2f}")
    del floats

    rows = [[i] for i in range(300_000)]  # small lists: tracked by the GC
    plain = in_forked_child(collect, rows)
    gc.freeze()  # (4)!
    frozen = in_forked_child(collect, rows)
    gc.unfreeze()
    print(f"gc.collect() in the child copied {plain:.1f} MB")
    print(f"after gc.freeze() in the parent: {frozen:.1f} MB")
#> reading <int> MB of floats in the child copied <int> MB
#> copied / size = <float>
#> gc.collect() in the child copied <float> MB
#> after gc.freeze() in the parent: <float> MB
