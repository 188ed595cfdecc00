"""Worker functions for the benchmarks.

They live in a module (not in the notebook) because a child started with spawn or
forkserver finds a function by importing its module; a notebook's ``__main__`` has no
file to import.
"""

from __future__ import annotations

from multiprocessing import shared_memory


def spin(n: int) -> int:
    """CPU-bound work that holds the GIL: n rounds of integer arithmetic."""
    total = 0
    for i in range(n):
        total = (total + i * i) % 1_000_003
    return total


def notes_task(x: int, loops: int) -> int:
    """The notes' experiment: a loop of fixed length that uses its argument."""
    total = 0
    for i in range(loops):
        total += x * i % 7
    return total


def noop(x):
    """Return the argument: a task with no work, so only the overhead is left."""
    return x


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
