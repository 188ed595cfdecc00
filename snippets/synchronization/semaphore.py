import multiprocessing as mp
import time

LIMIT = 2  # e.g. the server accepts two connections per client


def download(slots, in_use, peak, limit_reached):
    with slots:  # at most LIMIT processes inside this block at any time
        with in_use.get_lock():
            in_use.value += 1
            peak.value = max(peak.value, in_use.value)
            if in_use.value == LIMIT:
                limit_reached.set()
        limit_reached.wait(timeout=10)  # (1)!
        time.sleep(0.05)  # the download itself
        with in_use.get_lock():
            in_use.value -= 1


if __name__ == "__main__":
    slots = mp.Semaphore(LIMIT)
    in_use, peak = mp.Value("i", 0), mp.Value("i", 0)
    limit_reached = mp.Event()
    workers = [
        mp.Process(target=download, args=(slots, in_use, peak, limit_reached))
        for _ in range(6)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"{len(workers)} downloads, at most {peak.value} at once (limit {LIMIT})")
#> 6 downloads, at most 2 at once (limit 2)
