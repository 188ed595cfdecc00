import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def task(seconds):
    time.sleep(seconds)
    return "done"


if __name__ == "__main__":
    with Pool(1) as pool:
        result = pool.apply_async(task, (60,))  # far from done when the block ends
    print(f"Pool, after the with block: ready() = {result.ready()}")  # (1)!
    with ProcessPoolExecutor(1) as executor:
        future = executor.submit(task, 0.5)
    print(f"Executor, after the with block: done() = {future.done()}")  # (2)!
#> Pool, after the with block: ready() = False
#> Executor, after the with block: done() = True
