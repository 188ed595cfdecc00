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
            pool.apply_async(stuck).get(timeout=0.5)  # (1)!
        except PoolTimeout:
            print("AsyncResult.get(timeout=0.5): multiprocessing.TimeoutError")

    with ProcessPoolExecutor(1) as executor:
        future = executor.submit(stuck)
        try:
            future.result(timeout=0.5)  # (2)!
        except FuturesTimeout:
            print("Future.result(timeout=0.5): TimeoutError")
        for worker in active_children():  # no public way before 3.14
            worker.terminate()  # (3)!

    process = Process(target=stuck)
    process.start()
    process.join(timeout=0.5)  # (4)!
    print(f"Process.join(timeout=0.5): returns, is_alive() = {process.is_alive()}")
    process.terminate()
    process.join()

    q = Queue()
    try:
        q.get(timeout=0.5)  # (5)!
    except queue.Empty:
        print("Queue.get(timeout=0.5): queue.Empty")
#> AsyncResult.get(timeout=0.5): multiprocessing.TimeoutError
#> Future.result(timeout=0.5): TimeoutError
#> Process.join(timeout=0.5): returns, is_alive() = True
#> Queue.get(timeout=0.5): queue.Empty
