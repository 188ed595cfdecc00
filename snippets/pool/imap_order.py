import multiprocessing
import time
from multiprocessing import Pool


def nap(seconds):
    time.sleep(seconds)
    return seconds


if __name__ == "__main__":
    delays = [0.6, 0.1, 0.2]  # the first task is the slowest
    with Pool(3) as pool:
        ordered = pool.imap(nap, delays)
        try:
            ordered.next(timeout=0.3)  # (1)!
        except multiprocessing.TimeoutError:
            print("imap: nothing after 0.3 s, the first task is still running")
        print(f"imap: {list(ordered)}")
        for seconds in pool.imap_unordered(nap, delays):  # (2)!
            print(f"imap_unordered: {seconds}")
#> imap: nothing after 0.3 s, the first task is still running
#> imap: [0.6, 0.1, 0.2]
# (any order)
#> imap_unordered: 0.1
#> imap_unordered: 0.2
#> imap_unordered: 0.6
