from concurrent.futures import ProcessPoolExecutor


def double(x):
    return 2 * x


def numbers():
    for i in range(4):
        print(f"the generator produced {i}")
        yield i


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        results = executor.map(double, numbers())  # (1)!
        print("map() returned")
        for r in results:
            print(f"got {r}")
#> the generator produced 0
#> the generator produced 1
#> the generator produced 2
#> the generator produced 3
#> map() returned
#> got 0
#> got 2
#> got 4
#> got 6
