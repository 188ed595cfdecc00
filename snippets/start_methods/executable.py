import multiprocessing as mp
import os
import sys
import tempfile


def report(worker_python):
    name = mp.current_process().name
    print(f"{name}: runs worker_python: {sys.executable == worker_python}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        worker_python = os.path.join(tmp, "python-worker")
        os.symlink(sys.executable, worker_python)  # (1)!
        mp.set_executable(worker_python)  # (2)!
        for method in ("fork", "spawn", "forkserver"):
            ctx = mp.get_context(method)
            p = ctx.Process(target=report, args=(worker_python,), name=method)
            p.start()
            p.join()
#> fork: runs worker_python: False
#> spawn: runs worker_python: True
#> forkserver: runs worker_python: True
