from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import Event

go_on = None


def init(event):
    global go_on
    go_on = event


def work(name):
    if name == "slow":
        go_on.wait(timeout=20)  # (1)!
    return name


if __name__ == "__main__":
    event = Event()
    with ProcessPoolExecutor(2, initializer=init, initargs=(event,)) as executor:
        futures = [executor.submit(work, name) for name in ("slow", "fast")]
        for future in as_completed(futures, timeout=30):  # (2)!
            print(f"finished: {future.result()}")
            event.set()  # only now may "slow" finish
#> finished: fast
#> finished: slow
