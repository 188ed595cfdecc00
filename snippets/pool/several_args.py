from functools import partial
from multiprocessing import Pool


def power(base, exp, mod=None):
    return pow(base, exp, mod)


if __name__ == "__main__":
    bases = [2, 3, 4]
    exps = [10, 3, 2]
    with Pool(2) as pool:
        # one tuple per call, unpacked into the arguments
        print(pool.starmap(power, zip(bases, exps)))  # (1)!
        # the same argument for every call: fix it with partial
        print(pool.map(partial(power, exp=2), bases))  # (2)!
        print(pool.map(partial(power, exp=10, mod=1000), bases))
        # apply / apply_async: args is a tuple, kwds a dict
        print(pool.apply(power, (2, 10)))
        result = pool.apply_async(power, args=(2, 10), kwds={"mod": 1000})  # (3)!
        print(result.get())
        print(pool.starmap_async(power, [(2, 5), (3, 3)]).get())
#> [1024, 27, 16]
#> [4, 9, 16]
#> [24, 49, 576]
#> 1024
#> 24
#> [32, 27]
