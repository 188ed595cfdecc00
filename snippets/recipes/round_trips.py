import time
from multiprocessing.managers import BaseManager

CALLS = 2000


class Tally:
    def __init__(self):
        self.total = 0
        self.calls = 0  # how many method calls reached this object

    def add(self, n):
        self.calls += 1
        self.total += n

    def add_all(self, numbers):  # (1)!
        self.calls += 1
        self.total += sum(numbers)

    def report(self):
        return self.total, self.calls


class TallyManager(BaseManager):
    pass


TallyManager.register("Tally", Tally)


def one_by_one(tally):
    start = time.perf_counter()
    for _ in range(CALLS):
        tally.add(1)
    return time.perf_counter() - start


if __name__ == "__main__":
    local = Tally()
    local_time = min(one_by_one(local) for _ in range(5))  # (2)!
    with TallyManager() as manager:
        shared = manager.Tally()
        proxy_time = one_by_one(shared)
        print(f"{CALLS} calls of add, one by one: total, calls = {shared.report()}")
        shared.add_all([1] * CALLS)
        print(f"one call of add_all(): total, calls = {shared.report()}")
    print(f"a call through the proxy took {proxy_time / local_time:.0f} x a local call")
#> 2000 calls of add, one by one: total, calls = (2000, 2000)
#> one call of add_all(): total, calls = (4000, 2001)
#> a call through the proxy took <int> x a local call
