# test: requires="dask" start_methods="spawn" timeout="120"
import logging
import tempfile

import dask
from dask.distributed import Client, LocalCluster


def work(n):  # the same CPU-bound task as in the pool chapter
    return sum(i * i for i in range(n))


if __name__ == "__main__":
    jobs = [600_000] * 8
    # Dask keeps a scratch folder (dask-scratch-space) in the temp folder and leaves it
    # there; point it at a folder of our own that goes away with the script
    with tempfile.TemporaryDirectory() as tmp, dask.config.set(temporary_directory=tmp):
        cluster = LocalCluster(
            n_workers=2,  # two worker processes ...
            threads_per_worker=1,  # ... with one thread each
            processes=True,
            host="127.0.0.1",  # scheduler and workers listen on loopback only
            dashboard_address="127.0.0.1:0",  # any free port
            # a worker may log a harmless heartbeat error while the cluster shuts down
            silence_logs=logging.CRITICAL,
        )
        with cluster, Client(cluster) as client:  # closed in reverse order
            print(f"scheduler: {cluster.scheduler_address}")
            print(f"dashboard: {client.dashboard_link}")
            futures = client.map(work, jobs, pure=False)  # eight tasks, all computed
            results = client.gather(futures)
            print(f"map + gather: {results == [work(n) for n in jobs]}")
            deduped = client.map(work, jobs)  # pure=True, the default
            keys = len({f.key for f in futures}), len({f.key for f in deduped})
            print(f"distinct tasks: pure=False {keys[0]}, default {keys[1]}")
            print(f"submit: {client.submit(work, 10).result()}")
            print(f"a lambda: {client.submit(lambda x: x + 1, 41).result()}")
            executor = client.get_executor()  # a concurrent.futures.Executor
            print(f"executor.map: {list(executor.map(work, [10, 20]))}")
#> scheduler: tcp://127.0.0.1:<int>
#> dashboard: http://127.0.0.1:<int>/status
#> map + gather: True
#> distinct tasks: pure=False 8, default 1
#> submit: 285
#> a lambda: 42
#> executor.map: [285, 2470]
