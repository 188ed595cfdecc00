# test: requires="ray" start_methods="spawn" timeout="300"
import logging
import os
import tempfile

import ray
from ray.util.multiprocessing import Pool


def work(n):  # the same CPU-bound task as in the pool chapter
    return sum(i * i for i in range(n))


@ray.remote
def remote_work(n):
    return work(n)


if __name__ == "__main__":
    jobs = [600_000] * 8
    expected = [work(n) for n in jobs]
    # Ray 2.51 (our pin for Python 3.9) prints a FutureWarning about GPU variables
    # unless this is set, as the warning itself suggests; this example uses no GPU
    os.environ.setdefault("RAY_ACCEL_ENV_VAR_OVERRIDE_ON_ZERO", "0")
    # a short folder: Ray refuses socket paths longer than 107 bytes (103 on macOS),
    # and the sockets sit two folders down; a long TMPDIR (macOS: /var/folders/...) fails
    short = "/tmp" if os.name == "posix" else None
    with tempfile.TemporaryDirectory(prefix="ray-", dir=short) as tmp:
        ray.init(
            address="local",  # start a new local instance, never join a running one
            num_cpus=2,  # a local "cluster" of one node with 2 CPUs
            include_dashboard=False,
            log_to_driver=False,  # workers' output stays in Ray's log files
            logging_level=logging.ERROR,  # no "Started a local Ray instance." line
            _temp_dir=tmp,  # Ray's logs and sockets (see below)
        )
        try:
            pool = Pool(processes=2)  # the multiprocessing.Pool API, on Ray
            print(f"Pool.map: {pool.map(work, jobs) == expected}")
            pool.close()  # not `with`: its terminate() kills the actors (see below)
            pool.join()
            refs = [remote_work.remote(n) for n in jobs]  # returns at once
            print(f"@ray.remote: {ray.get(refs) == expected}")
            print(f"a lambda: {ray.get(ray.remote(lambda x: x + 1).remote(41))}")
        finally:
            ray.shutdown()  # stops the raylet, the GCS server and every worker
#> Pool.map: True
#> @ray.remote: True
#> a lambda: 42
