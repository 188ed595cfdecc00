# test: skip="the benchmark's notes experiment starts it as `python notes_script.py METHOD LOOPS`; tests/test_benchmark.py runs it"
"""The notes' experiment the way the notes ran it: a script file started as a script.

``python notes_script.py spawn 1000000`` creates ``Pool()``, maps ``task`` over the notes'
three arguments, closes the pool, and prints its timings as one line of JSON (seconds).
Under ``spawn`` every worker runs this file's top level again, as ``__mp_main__``, and finds
``task`` there, as the notes' own script had its workers do; the benchmark itself runs as
``python -m snippets.benchmark``, whose children import no main module.  ``task`` does what
``snippets.benchmark.work.notes_task_timed`` does (tests/test_benchmark.py checks).
"""

import gc
import json
import multiprocessing
import os
import sys
import time
from multiprocessing import resource_tracker

ARGS = [1, 2, 10]


def task(x, loops):
    t0 = time.thread_time()
    total = 0
    for i in range(loops):
        total += x * i % 7
    return os.getpid(), time.thread_time() - t0, time.process_time()


def main(method, loops):
    ctx = multiprocessing.get_context(method)
    c0, t0 = time.process_time(), time.perf_counter()
    pool = ctx.Pool()  # as in the notes: the default size
    t1 = time.perf_counter()
    try:
        reports = pool.starmap(task, [(x, loops) for x in ARGS])
        t2 = time.perf_counter()
    finally:
        pool.close()
        pool.join()
    t3 = time.perf_counter()
    parent_cpu = time.process_time() - c0
    # The pool's locks started a resource tracker (spawn, forkserver).  Once they are gone,
    # stop it and wait for it, so that its CPU counts as this script's: the benchmark counts
    # the CPU of every process it started, and an orphaned tracker's would look like another
    # program's.  (_stop is the tracker's own, private; without it the tracker outlives us.)
    del pool
    gc.collect()
    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()
    return {
        "wall": t3 - t0,
        "create": t1 - t0,
        "map": t2 - t1,
        "close_join": t3 - t2,
        "parent_cpu": parent_cpu,
        "reports": reports,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
