"""Worker functions for the benchmarks.

They live in a module (not in the notebook) because a child started with spawn or
forkserver finds a function by importing its module; a notebook's ``__main__`` has no
file to import.
"""

from __future__ import annotations

import os
import time
from multiprocessing import shared_memory


def spin(n: int) -> int:
    """CPU-bound work that holds the GIL: n rounds of integer arithmetic."""
    total = 0
    for i in range(n):
        total = (total + i * i) % 1_000_003
    return total


def spin_timed(n: int) -> tuple[int, float, float]:
    """``spin(n)`` with the CPU clocks around it: (pid, the task's CPU, the process's CPU).

    The task's CPU is ``time.thread_time()`` (only the thread that ran the task, so it is
    right in a thread pool too); the process's CPU is ``time.process_time()`` at the end,
    counted from the process's birth (every start method's child starts from zero), so
    the largest value per pid is what that worker used up to the end of its last task.
    """
    t0 = time.thread_time()
    spin(n)
    return os.getpid(), time.thread_time() - t0, time.process_time()


def burn_cpu(seconds: float) -> tuple[int, float, float]:
    """Use ``seconds`` of CPU (by this thread's clock): a task whose CPU cost is known."""
    t0 = time.thread_time()
    while time.thread_time() - t0 < seconds:
        spin(1000)
    return os.getpid(), time.thread_time() - t0, time.process_time()


def notes_task(x: int, loops: int) -> int:
    """The notes' experiment: a loop of fixed length that uses its argument."""
    total = 0
    for i in range(loops):
        total += x * i % 7
    return total


def notes_task_timed(x: int, loops: int) -> tuple[int, float, float]:
    """``notes_task`` with the CPU clocks around it, as ``spin_timed`` reports them."""
    t0 = time.thread_time()
    notes_task(x, loops)
    return os.getpid(), time.thread_time() - t0, time.process_time()


def noop(x):
    """Return the argument: a task with no work, so only the overhead is left."""
    return x


#: how long a warm-up task waits for the pool's other workers before it gives up
GATE_TIMEOUT = 120.0
_gate = None


def hold_gate(gate) -> None:
    """A pool's ``initializer``: keep the barrier that every worker's warm-up task waits at."""
    global _gate
    _gate = gate


def at_gate(_=None) -> int:
    """A warm-up task: wait until every worker of the pool runs one, then return the pid.

    N of these in a pool of N can only finish once N different workers run them at the same
    time (a worker waiting here takes no other task), so when all have returned, every
    worker has started, imported what it needs and run a task.  Mapping N no-op tasks does
    not do that: one worker that is up early may answer all of them.
    """
    _gate.wait(GATE_TIMEOUT)
    return os.getpid()


def inc(x: int) -> int:
    """The per-task experiment's task: add 1 (as in the choosing chapter's many_small.py)."""
    return x + 1


async def inc_async(x: int) -> int:
    return x + 1


def now() -> float:
    """A clock that reads the same in every process of this machine.

    CLOCK_MONOTONIC counts from a fixed point (boot on Linux) shared by all processes, so a
    time taken in a worker can be set against one taken in the parent.  Where there is no
    clock_gettime (Windows), time.time() is the fallback.
    """
    if hasattr(time, "clock_gettime"):
        return time.clock_gettime(time.CLOCK_MONOTONIC)
    return time.time()


_started: float | None = None


def mark_started() -> None:
    """A pool's ``initializer``: note when this worker first ran Python code of ours."""
    global _started
    _started = now()


def first_line() -> tuple[float, float | None, int]:
    """A task whose first line notes the time: (that time, when the worker was ready, pid)."""
    t = now()
    return t, _started, os.getpid()


def checksum(data: bytes, i: int) -> int:
    """Read a few bytes of a large argument that arrived pickled."""
    return data[i] + data[-1 - i] + len(data)


def checksum_shared(name: str, i: int) -> int:
    """The same, reading the bytes from a shared memory block attached by name."""
    shm = shared_memory.SharedMemory(name=name)
    try:
        return shm.buf[i] + shm.buf[shm.size - 1 - i] + shm.size
    finally:
        shm.close()
