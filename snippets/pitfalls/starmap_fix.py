from multiprocessing import Pool


def power(base, exp):
    return base**exp


if __name__ == "__main__":
    pairs = [(2, 3), (3, 2)]
    with Pool(2) as pool:
        print(pool.starmap(power, pairs))  # each tuple is unpacked: power(2, 3)
        print(pool.apply_async(power, args=(2, 10)).get())  # (1)!
#> [8, 9]
#> 1024
