import logging
import logging.handlers
import sys
from multiprocessing import Pool, Queue


def init_worker_logging(log_queue):
    root = logging.getLogger()
    root.handlers = [logging.handlers.QueueHandler(log_queue)]  # (1)!
    root.setLevel(logging.INFO)


def work(x):
    logging.getLogger("tasks").info("task %d", x)
    return x * x


if __name__ == "__main__":
    console = logging.StreamHandler(sys.stdout)
    console.setFormatter(logging.Formatter("%(processName)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[console])
    log_queue = Queue()
    listener = logging.handlers.QueueListener(log_queue, console)  # (2)!
    listener.start()
    logging.info("starting the pool")
    pool = Pool(2, initializer=init_worker_logging, initargs=(log_queue,))
    results = pool.map(work, range(4), chunksize=1)
    pool.close()
    pool.join()  # (3)!
    listener.stop()
    logging.info("results: %s", results)
#> MainProcess root: starting the pool
# (any order)
#> <...>PoolWorker-<int> tasks: task 0
#> <...>PoolWorker-<int> tasks: task 1
#> <...>PoolWorker-<int> tasks: task 2
#> <...>PoolWorker-<int> tasks: task 3
#> MainProcess root: results: [0, 1, 4, 9]
