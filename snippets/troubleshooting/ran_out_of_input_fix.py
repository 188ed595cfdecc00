import os
import pickle
from multiprocessing import Event, Process


def writer(path, written, go):
    tmp = f"{path}.{os.getpid()}.tmp"  # a temporary file of this process
    with open(tmp, "wb") as f:
        pickle.dump({"rows": 1000}, f)
    written.set()
    go.wait()
    os.replace(tmp, path)  # (1)!


def read(path):
    with open(path, "rb") as f:
        return pickle.load(f)


if __name__ == "__main__":
    path = "cache.pickle"
    with open(path, "wb") as f:
        pickle.dump({"rows": 999}, f)
    written, go = Event(), Event()
    p = Process(target=writer, args=(path, written, go))
    p.start()
    written.wait()
    print(f"while the writer is busy: {read(path)}")
    go.set()
    p.join()
    print(f"after the writer finished: {read(path)}")
    os.remove(path)
#> while the writer is busy: {'rows': 999}
#> after the writer finished: {'rows': 1000}
