from multiprocessing import Manager, Pool


def meet(barrier, name):
    barrier.wait(timeout=10)  # returns only once both tasks are running at once
    return f"{name} passed the barrier"


if __name__ == "__main__":
    with Pool(2) as pool, Manager() as manager:
        barrier = manager.Barrier(2)
        tasks = [pool.apply_async(meet, (barrier, name)) for name in ("A", "B")]
        print([t.get(timeout=20) for t in tasks])
#> ['A passed the barrier', 'B passed the barrier']
