from multiprocessing import Pool, TimeoutError


def square(x):
    return x * x


def save(result):
    totals = {}
    totals["sum"] += result  # a bug: KeyError, raised in the callback


if __name__ == "__main__":
    with Pool(2) as pool:
        result = pool.apply_async(square, (3,), callback=save)
        try:
            result.get(timeout=1)
        except TimeoutError:
            print("get() timed out, and nothing was printed")  # (1)!
        print(f"the pool still works: {pool.apply(square, (4,))}")
#> get() timed out, and nothing was printed
#> the pool still works: 16
