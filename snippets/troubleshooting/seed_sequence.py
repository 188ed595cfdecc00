# test: requires="numpy"
from concurrent.futures import ProcessPoolExecutor

import numpy as np


def simulate(seed_seq):
    rng = np.random.default_rng(seed_seq)  # (1)!
    return rng.integers(0, 100, 3).tolist()


def run(seed):
    children = np.random.SeedSequence(seed).spawn(4)  # (2)!
    with ProcessPoolExecutor(2) as executor:
        return list(executor.map(simulate, children))


if __name__ == "__main__":
    first = run(42)
    print(f"4 workers, 4 different streams: {len({tuple(r) for r in first}) == 4}")
    print(f"the same results again with seed 42: {run(42) == first}")
#> 4 workers, 4 different streams: True
#> the same results again with seed 42: True
