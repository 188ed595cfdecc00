from multiprocessing import Pool


def power(base, exp, mod=None):
    return pow(base, exp, mod)


if __name__ == "__main__":
    with Pool(2) as pool:
        r1 = pool.apply_async(power, (2, 10))  # positional arguments: a tuple
        r2 = pool.apply_async(power, (2, 10), {"mod": 1000})  # keywords: kwds
        r3 = pool.apply_async(power, args=(3,), kwds={"exp": 4})
        print([r.get(timeout=10) for r in (r1, r2, r3)])
        print(pool.starmap(power, [(2, 3), (3, 2)]))  # several tasks at once
#> [1024, 24, 81]
#> [8, 9]
