import multiprocessing as mp


def add_up(i, data, ready, sums):
    ready.wait()  # (1)!
    sums[i] = sum(data[i::2])


if __name__ == "__main__":
    data = mp.Array("i", 1000, lock=False)  # all zeros for now
    ready = mp.Event()
    sums = mp.Array("q", 2, lock=False)
    workers = [mp.Process(target=add_up, args=(i, data, ready, sums)) for i in range(2)]
    for w in workers:
        w.start()  # the workers start up while the main process loads the data
    data[:] = range(1000)  # load the data
    ready.set()  # start signal: the data is there
    for w in workers:
        w.join()
    print(f"partial sums {list(sums)}, total {sum(sums)} (expected {sum(range(1000))})")
#> partial sums [249500, 250000], total 499500 (expected 499500)
