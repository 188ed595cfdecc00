import queue
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from multiprocessing import Pool, Process, Queue, active_children
from multiprocessing import TimeoutError as PoolTimeout


def stuck():
    time.sleep(20)  # stands for a task that hangs


if __name__ == "__main__":
    with Pool(1) as pool:
        try:
            pool.apply_async(stuck).get(timeout=0.2)  # (1)!
        except PoolTimeout:
            print("AsyncResult.get(timeout=0.2): multiprocessing.TimeoutError")

    others = set(active_children())  # children this program had before the executor
    with ProcessPoolExecutor(1) as executor:
        future = executor.submit(stuck)
        try:
            future.result(timeout=0.2)  # (2)!
        except FuturesTimeout:
            print("Future.result(timeout=0.2): TimeoutError")
        for worker in set(active_children()) - others:  # no public way before 3.14
            worker.terminate()  # (3)!

    process = Process(target=stuck)
    process.start()
    process.join(timeout=0.2)  # (4)!
    print(f"Process.join(timeout=0.2): returns, is_alive() = {process.is_alive()}")
    process.terminate()
    process.join()

    q = Queue()
    try:
        q.get(timeout=0.2)  # (5)!
    except queue.Empty:
        print("Queue.get(timeout=0.2): queue.Empty")
#> AsyncResult.get(timeout=0.2): multiprocessing.TimeoutError
#> Future.result(timeout=0.2): TimeoutError
#> Process.join(timeout=0.2): returns, is_alive() = True
#> Queue.get(timeout=0.2): queue.Empty
