import multiprocessing
from multiprocessing import Event, Pool

go = None


def init(event):
    global go
    go = event


def slow_square(x):
    go.wait(timeout=20)  # (1)!
    return x * x


if __name__ == "__main__":
    go_event = Event()
    with Pool(2, initializer=init, initargs=(go_event,)) as pool:
        result = pool.apply_async(slow_square, (4,))  # (2)!
        print(f"ready(): {result.ready()}")
        try:
            result.get(timeout=0.1)  # (3)!
        except multiprocessing.TimeoutError:
            print("get(timeout=0.1): TimeoutError, the task is still running")
        go_event.set()
        result.wait()  # (4)!
        print(f"ready(): {result.ready()}, successful(): {result.successful()}")
        print(f"get(): {result.get()}")
#> ready(): False
#> get(timeout=0.1): TimeoutError, the task is still running
#> ready(): True, successful(): True
#> get(): 16
