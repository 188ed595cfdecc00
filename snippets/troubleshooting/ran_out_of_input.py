import os
import pickle
from multiprocessing import Barrier, Process


def writer(path, step):
    data = pickle.dumps({"rows": 1000})
    with open(path, "wb") as f:  # "wb" empties the file at once
        for part in (b"", data[:10], data[10:]):  # nothing, a part, the rest
            f.write(part)
            f.flush()
            step.wait()  # (1)!
            step.wait()


def read(path):
    with open(path, "rb") as f:
        return pickle.load(f)


if __name__ == "__main__":
    path = "cache.pickle"
    with open(path, "wb") as f:
        pickle.dump({"rows": 999}, f)  # an earlier, complete cache
    step = Barrier(2)
    p = Process(target=writer, args=(path, step))
    p.start()
    for _ in range(3):
        step.wait()  # the writer has written its next part
        try:
            print(f"read {read(path)}")  # another process reads meanwhile
        except (EOFError, pickle.UnpicklingError) as exc:
            print(f"{type(exc).__name__}: {exc}")
        step.wait()  # the writer may go on
    p.join()
    os.remove(path)
#> EOFError: Ran out of input
#> UnpicklingError: pickle data was truncated
#> read {'rows': 1000}
