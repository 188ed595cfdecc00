import multiprocessing as mp


def share_of_total(i, parts, totals, shares, barrier):
    totals[i] = sum(parts[i])  # phase 1: each worker sums its own part
    if barrier.wait() == 0:  # (1)!
        print(f"phase 1 done: partial sums {list(totals)}")
    shares[i] = round(totals[i] / sum(totals), 3)  # phase 2 needs every partial sum


if __name__ == "__main__":
    parts = [[1, 2, 3], [10, 20], [100, 64]]
    totals = mp.Array("i", len(parts), lock=False)
    shares = mp.Array("d", len(parts), lock=False)
    barrier = mp.Barrier(len(parts))
    workers = [
        mp.Process(target=share_of_total, args=(i, parts, totals, shares, barrier))
        for i in range(len(parts))
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"phase 2 done: shares {list(shares)}")
#> phase 1 done: partial sums [6, 30, 164]
#> phase 2 done: shares [0.03, 0.15, 0.82]
