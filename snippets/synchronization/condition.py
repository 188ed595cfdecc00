import multiprocessing as mp


def write_in_order(i, text, cond, turn):
    line = f"part {i}: {text.upper()}"  # the work, done in parallel
    with cond:
        if not cond.wait_for(lambda: turn.value == i, timeout=20):  # (1)!
            raise TimeoutError(f"part {i} never got its turn")
        print(line)
        turn.value += 1
        cond.notify_all()  # (2)!


if __name__ == "__main__":
    parts = ["alpha", "beta", "gamma", "delta"]
    cond = mp.Condition()
    turn = mp.Value("i", 0, lock=False)  # guarded by cond's lock
    workers = [
        mp.Process(target=write_in_order, args=(i, text, cond, turn))
        for i, text in enumerate(parts)
    ]
    for w in reversed(workers):  # started last to first, on purpose
        w.start()
    for w in workers:
        w.join()
#> part 0: ALPHA
#> part 1: BETA
#> part 2: GAMMA
#> part 3: DELTA
