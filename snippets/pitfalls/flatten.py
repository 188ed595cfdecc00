from multiprocessing import Pool


def square(x):
    return x * x


def sum_of_squares(pool, n):  # runs in the parent, uses the one pool
    return sum(pool.map(square, range(n)))


if __name__ == "__main__":
    with Pool(2) as pool:
        print([sum_of_squares(pool, n) for n in [3, 4]])
#> [5, 14]
