from multiprocessing import Pool


def inverse(x):
    return 1 / x


if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            pool.map(inverse, [1, 2, 0, 4])
        except ZeroDivisionError as exc:
            print(f"map() re-raised it in the parent: {exc!r}")
        print(f"the same pool still works: {pool.map(inverse, [1, 2, 4])}")
        results = [pool.apply_async(inverse, (x,)) for x in [1, 0, 4]]
        for r in results:
            r.wait()
        print(f"one result per task: {[r.successful() for r in results]}")
#> map() re-raised it in the parent: ZeroDivisionError('division by zero')
#> the same pool still works: [1.0, 0.5, 0.25]
#> one result per task: [True, False, True]
