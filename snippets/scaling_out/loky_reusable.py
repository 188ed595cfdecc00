# test: requires="joblib" start_methods="spawn"
import os
import signal

from joblib.externals.loky import get_reusable_executor
from joblib.externals.loky.process_executor import TerminatedWorkerError


def work(n):
    return sum(i * i for i in range(n))


def die():
    os.kill(os.getpid(), signal.SIGKILL)  # as if the OOM killer had chosen this worker


if __name__ == "__main__":
    executor = get_reusable_executor(max_workers=2)
    print(f"before: {list(executor.map(work, [10, 20]))}")
    try:
        executor.submit(die).result()
    except TerminatedWorkerError as exc:
        first_sentence = str(exc).split(". ")[0]
        print(f"{type(exc).__name__}: {first_sentence}")
    again = get_reusable_executor(max_workers=2)  # a new executor, new workers
    print(f"new executor: {again is not executor}")
    print(f"after: {list(again.map(work, [10, 20]))}")
    again.shutdown(wait=True)
#> before: [285, 2470]
#> TerminatedWorkerError: A worker process managed by the executor was unexpectedly terminated
#> new executor: True
#> after: [285, 2470]
