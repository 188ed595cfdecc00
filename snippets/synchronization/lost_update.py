import multiprocessing as mp
from contextlib import nullcontext, suppress
from threading import BrokenBarrierError


def deposit(balance, use_lock, start, meet):
    start.wait()  # both workers are up and running
    with balance.get_lock() if use_lock else nullcontext():
        current = balance.value  # read
        with suppress(BrokenBarrierError):  # raised if the other worker never comes
            meet.wait(timeout=0.5 if use_lock else 30)  # (1)!
        balance.value = current + 1  # write


def two_deposits(use_lock):
    """Two processes deposit 1 each; return the balance and whether they met mid-way."""
    balance = mp.Value("i", 0)  # (2)!
    start, meet = mp.Barrier(2), mp.Barrier(2)
    workers = [
        mp.Process(target=deposit, args=(balance, use_lock, start, meet))
        for _ in range(2)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return balance.value, not meet.broken


if __name__ == "__main__":
    for use_lock in (False, True):
        balance, met = two_deposits(use_lock)
        label = "with a lock:   " if use_lock else "without a lock:"
        print(f"{label} balance = {balance} (met between read and write: {met})")
#> without a lock: balance = 1 (met between read and write: True)
#> with a lock:    balance = 2 (met between read and write: False)
