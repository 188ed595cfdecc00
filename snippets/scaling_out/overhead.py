# test: requires="joblib" start_methods="spawn" timeout="120"
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool

from joblib import Parallel, delayed

N = 2_000  # tiny tasks, sent one by one


def tiny(x):
    return x + 1


def per_task_us(run):
    """Run N tasks through `run` (the engine is already started); microseconds each."""
    run(range(10))  # warm up: workers started, function shipped
    start = time.perf_counter()
    assert run(range(N)) == list(range(1, N + 1))
    return (time.perf_counter() - start) / N * 1e6


if __name__ == "__main__":
    costs = {}
    with Pool(2) as pool:
        costs["multiprocessing.Pool"] = per_task_us(
            lambda xs: pool.map(tiny, xs, chunksize=1)
        )
    with ProcessPoolExecutor(2) as executor:
        costs["ProcessPoolExecutor"] = per_task_us(
            lambda xs: list(executor.map(tiny, xs))
        )
    with Parallel(n_jobs=2, batch_size=1) as parallel:
        costs["joblib, batch_size=1"] = per_task_us(
            lambda xs: parallel(delayed(tiny)(x) for x in xs)
        )
    with Parallel(n_jobs=2) as parallel:  # batch_size="auto"
        costs["joblib, auto batching"] = per_task_us(
            lambda xs: parallel(delayed(tiny)(x) for x in xs)
        )
    print(f"{N} tiny tasks, 2 workers; microseconds per task:")
    for name, us in costs.items():
        ratio = us / costs["multiprocessing.Pool"]
        print(f"  {name:22} {us:.0f} us, {ratio:.1f} x Pool")
    batching = costs["joblib, auto batching"] < costs["joblib, batch_size=1"]
    print(f"joblib's automatic batching beats batch_size=1: {batching}")
#> 2000 tiny tasks, 2 workers; microseconds per task:
#>   multiprocessing.Pool   <float> us, <float> x Pool
#>   ProcessPoolExecutor    <float> us, <float> x Pool
#>   joblib, batch_size=1   <float> us, <float> x Pool
#>   joblib, auto batching  <float> us, <float> x Pool
#> joblib's automatic batching beats batch_size=1: True
