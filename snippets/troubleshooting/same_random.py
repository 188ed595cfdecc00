# test: requires="numpy"
from multiprocessing import Process, Queue

import numpy as np

np.random.seed(42)  # (1)!


def draw(queue):
    queue.put(np.random.randint(0, 100, 3).tolist())


if __name__ == "__main__":
    queue = Queue()
    workers = [Process(target=draw, args=(queue,)) for _ in range(3)]
    for w in workers:
        w.start()
    for _ in workers:
        print(queue.get(timeout=20))
    for w in workers:
        w.join()
#> [51, 92, 14]
#> [51, 92, 14]
#> [51, 92, 14]
