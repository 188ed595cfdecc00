import multiprocessing as mp


def square(x):
    return x * x


def library_function(numbers):
    ctx = mp.get_context("spawn")  # (1)!
    with ctx.Pool(2) as pool:
        return pool.map(square, numbers)


if __name__ == "__main__":
    print(library_function(range(4)))
#> [0, 1, 4, 9]
