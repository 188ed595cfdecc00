from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from multiprocessing import Event

go_on = None


def init(event):
    global go_on
    go_on = event


def work(x):
    if x == "bad":
        raise ValueError("bad input")
    go_on.wait(timeout=20)
    return x


if __name__ == "__main__":
    event = Event()
    with ProcessPoolExecutor(2, initializer=init, initargs=(event,)) as executor:
        futures = [executor.submit(work, x) for x in ("slow", "bad", "later")]
        done, not_done = wait(futures, timeout=30, return_when=FIRST_EXCEPTION)
        print(f"done: {len(done)}, not done: {len(not_done)}")
        for future in done:
            print(f"first failure: {future.exception()!r}")
        event.set()  # let the others finish before the with block waits for them
    print(f"results: {[f.result() for f in futures if not f.exception()]}")
#> done: 1, not done: 2
#> first failure: ValueError('bad input')
#> results: ['slow', 'later']
