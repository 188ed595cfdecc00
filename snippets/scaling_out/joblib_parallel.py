# test: requires="joblib" start_methods="spawn"
from joblib import Parallel, delayed


def work(n):  # the same CPU-bound task as in the pool chapter
    return sum(i * i for i in range(n))


if __name__ == "__main__":
    jobs = [600_000] * 8
    # Pool(2).map(work, jobs) becomes:
    results = Parallel(n_jobs=2)(delayed(work)(n) for n in jobs)
    same = results == [work(n) for n in jobs]
    print(f"{len(results)} results, same as serial: {same}")
    # loky is the default backend; naming it changes nothing.
    # return_as="generator" yields results in order as they come, like imap()
    with Parallel(n_jobs=2, backend="loky", return_as="generator") as parallel:
        small = [10, 20, 30]
        for n, result in zip(small, parallel(delayed(work)(n) for n in small)):
            print(f"work({n}) = {result}")
#> 8 results, same as serial: True
#> work(10) = 285
#> work(20) = 2470
#> work(30) = 8555
