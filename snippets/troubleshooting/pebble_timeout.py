# test: requires="pebble"
import time
from concurrent.futures import TimeoutError

from pebble import ProcessPool


def work(seconds):
    time.sleep(seconds)
    return f"slept {seconds} s"


if __name__ == "__main__":
    with ProcessPool(max_workers=2) as pool:
        quick = pool.schedule(work, args=(0.1,), timeout=20)
        stuck = pool.schedule(work, args=(60,), timeout=1)  # (1)!
        print(quick.result())
        try:
            stuck.result()
        except TimeoutError as exc:
            message, seconds = exc.args  # (2)!
            print(f"{message} after {seconds} s: pebble stopped the worker")
        print(f"the pool goes on: {pool.schedule(work, args=(0,)).result()}")
#> slept 0.1 s
#> Task timeout after 1 s: pebble stopped the worker
#> the pool goes on: slept 0 s
