import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool, TimeoutError


def power(base, exp):
    return base**exp


if __name__ == "__main__":
    with Pool(2) as pool:
        one = pool.apply_async(power, (2, 10))
        print(f"Pool: {type(one).__name__}.get() -> {one.get(timeout=10)}")
        print(f"Pool: starmap() -> {pool.starmap(power, [(2, 3), (3, 2)])}")
        try:
            pool.apply_async(time.sleep, (60,)).get(timeout=0.1)
        except TimeoutError as exc:  # multiprocessing.TimeoutError
            print(f"Pool: timeout raises {type(exc).__module__}.{type(exc).__name__}")
    with ProcessPoolExecutor(2) as executor:
        one = executor.submit(power, 2, 10)
        print(f"Executor: {type(one).__name__}.result() -> {one.result(timeout=10)}")
        print(f"Executor: map() -> {list(executor.map(power, [2, 3], [3, 2]))}")
#> Pool: ApplyResult.get() -> 1024
#> Pool: starmap() -> [8, 9]
#> Pool: timeout raises multiprocessing.context.TimeoutError
#> Executor: Future.result() -> 1024
#> Executor: map() -> [8, 9]
