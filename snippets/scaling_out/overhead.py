# test: requires="joblib dask ray" start_methods="spawn" timeout="400"
import logging
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool

import ray
from dask.distributed import Client, LocalCluster
from joblib import Parallel, delayed

N = 1_000  # tiny tasks, sent one by one


def tiny(x):
    return x + 1


@ray.remote
def tiny_remote(x):
    return x + 1


def per_task_us(run):
    """Run N tasks through `run` (the engine is already started); microseconds each."""
    run(range(10))  # warm up: workers started, function shipped
    start = time.perf_counter()
    assert run(range(N)) == list(range(1, N + 1))
    return (time.perf_counter() - start) / N * 1e6


def measure_all(tmp):
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
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.CRITICAL,  # see dask_cluster.py
        local_directory=tmp,
    )
    with cluster, Client(cluster) as client:
        costs["Dask"] = per_task_us(lambda xs: client.gather(client.map(tiny, xs)))
    os.environ.setdefault("RAY_ACCEL_ENV_VAR_OVERRIDE_ON_ZERO", "0")  # ray_tasks.py
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        logging_level=logging.ERROR,
        _temp_dir=tmp,
    )
    try:
        costs["Ray"] = per_task_us(
            lambda xs: ray.get([tiny_remote.remote(x) for x in xs])
        )
    finally:
        ray.shutdown()
    return costs


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        costs = measure_all(tmp)
    print(f"{N} tiny tasks, 2 workers; microseconds per task:")
    for name, us in costs.items():
        ratio = us / costs["multiprocessing.Pool"]
        print(f"  {name:22} {us:.0f} us, {ratio:.1f} x Pool")
#> 1000 tiny tasks, 2 workers; microseconds per task:
#>   multiprocessing.Pool   <float> us, <float> x Pool
#>   ProcessPoolExecutor    <float> us, <float> x Pool
#>   joblib, batch_size=1   <float> us, <float> x Pool
#>   joblib, auto batching  <float> us, <float> x Pool
#>   Dask                   <float> us, <float> x Pool
#>   Ray                    <float> us, <float> x Pool
