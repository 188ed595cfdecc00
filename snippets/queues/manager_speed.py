import time
from multiprocessing import Manager, Process, Queue

N = 5000


def produce(q, n):
    q.put("ready")
    for i in range(n):
        q.put(i)


def transfer_time(q, n=N):
    """Seconds the main process takes to get() n small items a child put()."""
    p = Process(target=produce, args=(q, n))
    p.start()
    q.get()  # "ready": the child is running, start the clock now
    start = time.perf_counter()
    for _ in range(n):
        q.get()
    elapsed = time.perf_counter() - start
    p.join()
    return elapsed


if __name__ == "__main__":
    plain = transfer_time(Queue())
    with Manager() as manager:
        managed = transfer_time(manager.Queue())  # (1)!
    print(f"{N} items through Manager().Queue() took {managed / plain:.1f}x as long")
#> 5000 items through Manager().Queue() took <float>x as long
