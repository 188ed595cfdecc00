from multiprocessing import Event, Pool

stop = None


def init(event):
    global stop
    stop = event


def work(x):
    if stop.is_set():
        return f"{x}: skipped"  # (1)!
    if x == 2:
        stop.set()  # tell the queued tasks not to bother
        raise ValueError(f"{x}: failed")
    return f"{x}: done"


if __name__ == "__main__":
    with Pool(1, initializer=init, initargs=(Event(),)) as pool:
        results = [pool.apply_async(work, (x,)) for x in range(6)]
        for r in results:
            try:
                print(r.get(timeout=10))
            except ValueError as exc:
                print(exc)
#> 0: done
#> 1: done
#> 2: failed
#> 3: skipped
#> 4: skipped
#> 5: skipped
