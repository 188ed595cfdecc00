from multiprocessing import Pool


def check(x):
    if x == 2:
        raise ValueError(f"bad value: {x}")
    return x * 10


def report(exc):  # runs in the parent, in a thread of the pool
    print(f"error_callback: {exc!r}")


if __name__ == "__main__":
    with Pool(2) as pool:
        forgotten = pool.apply_async(check, (2,))  # nobody calls get(): silent
        result = pool.apply_async(check, (2,), error_callback=report)
        result.wait()
        print(f"ready={result.ready()} successful={result.successful()}")
        try:
            result.get()
        except ValueError as exc:
            print(f"get() raised: {exc!r}")
        forgotten.wait()  # (1)!
#> error_callback: ValueError('bad value: 2')
#> ready=True successful=False
#> get() raised: ValueError('bad value: 2')
