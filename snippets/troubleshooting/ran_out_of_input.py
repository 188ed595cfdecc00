import os
import pickle
from multiprocessing import Event, Process


def writer(path, opened, go):
    with open(path, "wb") as f:  # "wb" empties the file at once
        opened.set()
        go.wait()  # (1)!
        pickle.dump({"rows": 1000}, f)


def read(path):
    with open(path, "rb") as f:
        return pickle.load(f)


if __name__ == "__main__":
    path = "cache.pickle"
    with open(path, "wb") as f:
        pickle.dump({"rows": 999}, f)  # an earlier, complete cache
    opened, go = Event(), Event()
    p = Process(target=writer, args=(path, opened, go))
    p.start()
    opened.wait()
    try:
        read(path)  # another process reads while the writer is busy
    except EOFError as exc:
        print(f"EOFError: {exc}")
    go.set()
    p.join()
    print(f"after the writer finished: {read(path)}")
    os.remove(path)
#> EOFError: Ran out of input
#> after the writer finished: {'rows': 1000}
