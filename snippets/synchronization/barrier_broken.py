import multiprocessing as mp
import sys
from threading import BrokenBarrierError


def phase_worker(i, barrier):
    if i == 2:
        sys.exit(1)  # this worker fails in phase 1 and never reaches the barrier
    try:
        barrier.wait(timeout=1)  # (1)!
    except BrokenBarrierError:
        print(f"worker {i}: barrier broken, giving up")
        sys.exit(2)
    print(f"worker {i}: phase 2")  # never reached


if __name__ == "__main__":
    barrier = mp.Barrier(3)
    workers = [mp.Process(target=phase_worker, args=(i, barrier)) for i in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"exit codes: {[w.exitcode for w in workers]}, broken: {barrier.broken}")
# (any order)
#> worker 0: barrier broken, giving up
#> worker 1: barrier broken, giving up
#> exit codes: [2, 2, 1], broken: True
