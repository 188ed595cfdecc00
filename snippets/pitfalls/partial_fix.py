from functools import partial
from multiprocessing import Pool


def scale(factor, x):  # top level: pickled as "__main__.scale"
    return factor * x


def scaled(numbers, factor):
    # a closure over `factor` would be a local object; partial() is picklable
    with Pool(2) as pool:
        return pool.map(partial(scale, factor), numbers)


if __name__ == "__main__":
    print(scaled(range(4), 10))
#> [0, 10, 20, 30]
