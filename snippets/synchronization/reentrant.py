import multiprocessing as mp


class Stock:
    """Item counts in shared memory; every public method holds the lock."""

    def __init__(self, counts, lock):
        self.counts = mp.Array("i", counts, lock=False)
        self.lock = lock

    def take(self, item, n):
        with self.lock:
            if self.counts[item] < n:
                return False
            self.counts[item] -= n
            return True

    def take_all(self, order):
        """Take every (item, n) of the order, or nothing at all."""
        with self.lock:
            if any(self.counts[item] < n for item, n in order):
                return False
            for item, n in order:
                self.take(item, n)  # (1)!
            return True


def place_order(stock, order, started, done):
    started.set()
    stock.take_all(order)
    done.set()


if __name__ == "__main__":
    for name, make_lock in (("RLock", mp.RLock), ("Lock", mp.Lock)):
        stock = Stock([5, 5], make_lock())
        started, done = mp.Event(), mp.Event()
        args = (stock, [(0, 2), (1, 3)], started, done)
        p = mp.Process(target=place_order, args=args)
        p.start()
        started.wait()
        if done.wait(timeout=1):  # (2)!
            p.join()
            print(f"{name}: order filled, stock left {list(stock.counts)}")
        else:
            p.terminate()
            p.join()
            print(f"{name}: stuck in take_all() for 1 s, terminated")
#> RLock: order filled, stock left [3, 2]
#> Lock: stuck in take_all() for 1 s, terminated
