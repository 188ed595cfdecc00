# test: requires="joblib" start_methods="spawn"
from joblib import Parallel, delayed

if __name__ == "__main__":
    square = lambda x: x * x  # noqa: E731 (a Pool cannot pickle this)
    print(Parallel(n_jobs=2)(delayed(square)(x) for x in range(6)))
#> [0, 1, 4, 9, 16, 25]
