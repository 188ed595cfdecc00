import itertools
import time
from multiprocessing import Event, Pool

produced = 0  # how many items the input generator has handed out so far
go = None


def init(event):
    global go
    go = event


def work(x):
    go.wait(timeout=20)  # held until the main process lets the workers go
    return x


def endless():
    global produced
    for i in itertools.count():
        produced += 1
        yield i


def settled(beyond=0, timeout=20):
    """Wait until the generator has handed out more than `beyond` items and then
    stood still for half a second; return how far it got."""
    deadline = time.monotonic() + timeout
    while produced <= beyond and time.monotonic() < deadline:
        time.sleep(0.05)
    last = -1
    while produced != last and time.monotonic() < deadline:
        last = produced
        time.sleep(0.5)
    return produced


def grows_past(limit, timeout=20):
    deadline = time.monotonic() + timeout
    while produced <= limit and time.monotonic() < deadline:
        time.sleep(0.05)
    return produced > limit


if __name__ == "__main__":
    event = Event()
    with Pool(2, initializer=init, initargs=(event,)) as pool:
        results = pool.imap(work, endless())  # (1)!
        held = settled(beyond=100)
        print(f"workers held, no result taken: read ahead > 100: {held > 100}")
        event.set()  # (2)!
        print(f"workers free, no result taken: reading goes on: {grows_past(2 * held)}")
        event.clear()
        settled()  # (3)!
        print(f"first result: {next(results)}")
#> workers held, no result taken: read ahead > 100: True
#> workers free, no result taken: reading goes on: True
#> first result: 0
