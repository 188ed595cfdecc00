from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def square(x):
    return x * x


def sum_of_squares(n):
    with Pool(2) as inner:  # allowed: executor workers are not daemonic
        return sum(inner.map(square, range(n)))


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as outer:
        print(list(outer.map(sum_of_squares, [3, 4])))
#> [5, 14]
