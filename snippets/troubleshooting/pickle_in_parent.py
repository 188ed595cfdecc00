# test: raises="TypeError"
import multiprocessing as mp
import threading


def work(lock):
    with lock:
        print("child: got the lock")


if __name__ == "__main__":
    ctx = mp.get_context("spawn")  # (1)!
    p = ctx.Process(target=work, args=(threading.Lock(),))
    p.start()
    p.join()
#> Traceback (most recent call last):
#> <...>
#> TypeError: cannot pickle '_thread.lock' object
