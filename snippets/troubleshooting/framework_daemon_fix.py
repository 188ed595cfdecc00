import subprocess
import sys
from multiprocessing import Process, Queue
from multiprocessing.pool import ThreadPool


def square(x):
    return x * x


def my_task_threads(numbers):
    with ThreadPool(2) as pool:  # (1)!
        return pool.map(square, numbers)


def my_task_subprocess(numbers):
    code = f"print(sum(x * x for x in {numbers!r}))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return int(run.stdout)  # (2)!


def framework_worker(tasks, results):
    for func, arg in iter(tasks.get, None):
        try:
            results.put(func(arg))
        except Exception as exc:
            results.put(f"{type(exc).__name__}: {exc}")


if __name__ == "__main__":
    tasks, results = Queue(), Queue()
    worker = Process(target=framework_worker, args=(tasks, results), daemon=True)
    worker.start()
    tasks.put((my_task_threads, [1, 2, 3]))
    print(results.get(timeout=20))
    tasks.put((my_task_subprocess, [1, 2, 3]))
    print(results.get(timeout=20))
    tasks.put(None)
    worker.join()
#> [1, 4, 9]
#> 14
