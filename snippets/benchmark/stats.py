"""Statistics helpers: median and spread of repeated timings, speedup, efficiency, crossover."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def _check_times(samples: Sequence[float], what: str = "timings") -> None:
    if len(samples) == 0:
        raise ValueError(f"no {what}")
    for s in samples:
        if not (isinstance(s, (int, float)) and math.isfinite(s) and s > 0):
            raise ValueError(f"{what} must be positive finite numbers, got {s!r}")


def summarize(samples: Sequence[float]) -> dict:
    """Median of repeated timings with their spread (min, max) and the samples themselves."""
    _check_times(samples)
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "samples": list(samples),
    }


def speedup(serial: float, parallel: float) -> float:
    """How many times faster the parallel run was: serial time / parallel time."""
    _check_times([serial, parallel])
    return serial / parallel


def efficiency(speedup_value: float, workers: int, cores: int | None = None) -> float:
    """Parallel efficiency: speedup per worker that can run at once (at most ``cores``)."""
    if speedup_value <= 0 or not math.isfinite(speedup_value):
        raise ValueError(f"speedup must be a positive number, got {speedup_value!r}")
    if workers < 1 or (cores is not None and cores < 1):
        raise ValueError("workers and cores must be at least 1")
    usable = workers if cores is None else min(workers, cores)
    return speedup_value / usable


def amdahl(parallel_fraction: float, workers: int) -> float:
    """Amdahl's law: the best speedup when only this fraction of the work runs in parallel."""
    if not 0 <= parallel_fraction <= 1:
        raise ValueError(
            f"parallel fraction must be in [0, 1], got {parallel_fraction!r}"
        )
    if workers < 1:
        raise ValueError("workers must be at least 1")
    return 1 / ((1 - parallel_fraction) + parallel_fraction / workers)


def crossover(sizes: Sequence[float], speedups: Sequence[float]) -> float | None:
    """The task size above which processes stop losing: speedup 1, crossed from below.

    ``sizes`` ascend.  The crossing used is the last one, after which every measured
    speedup is at least 1 (a noisy early crossing that falls back below 1 does not count);
    between the two points around it the size is interpolated on a log scale.  None when
    there is no such crossing: the speedup is at least 1 everywhere, or below 1 at the
    largest size (the caller says which).
    """
    if len(sizes) != len(speedups):
        raise ValueError("sizes and speedups differ in length")
    if len(sizes) < 2:
        raise ValueError("need at least two points")
    _check_times(sizes, "task sizes")
    _check_times(speedups, "speedups")
    if any(b <= a for a, b in zip(sizes, sizes[1:])):
        raise ValueError("sizes must ascend")
    below = [i for i, v in enumerate(speedups) if v < 1]
    if not below or below[-1] == len(speedups) - 1:
        return None
    i = below[-1]
    (s0, v0), (s1, v1) = (sizes[i], speedups[i]), (sizes[i + 1], speedups[i + 1])
    t = (0 - math.log(v0)) / (math.log(v1) - math.log(v0))
    return math.exp(math.log(s0) + t * (math.log(s1) - math.log(s0)))


# --- robust estimates from interleaved repeats -------------------------------------------


def rotation(items: Sequence, k: int) -> list:
    """``items`` started at position k (mod its length): repeat k runs the variants in this
    order, so each variant takes its turn early and late in a repeat."""
    if len(items) == 0:
        raise ValueError("nothing to rotate")
    k %= len(items)
    return list(items[k:]) + list(items[:k])


def paired_speedups(serial: Sequence[float], parallel: Sequence[float]) -> list[float]:
    """Speedup within each repeat: serial[i] / parallel[i], both measured in repeat i."""
    if len(serial) != len(parallel):
        raise ValueError("serial and parallel have a different number of repeats")
    _check_times(serial, "serial timings")
    _check_times(parallel, "parallel timings")
    return [s / p for s, p in zip(serial, parallel)]


def best_of(serial: Sequence[float], parallel: Sequence[float]) -> float:
    """Speedup from the fastest run of each: the estimate of an undisturbed machine."""
    _check_times(serial, "serial timings")
    _check_times(parallel, "parallel timings")
    return min(serial) / min(parallel)


def worker_cpu(reports: Sequence[Sequence[float]]) -> dict:
    """Add up what tasks report as (pid, task CPU, process CPU at the end of the task).

    ``tasks``: the CPU the tasks themselves used.  ``workers``: per process, the largest
    process CPU reported (the worker's CPU from its start to the end of its last task),
    summed over processes; it includes start-up, unpickling and the pool's own threads in
    the worker.  Right under fork, spawn and forkserver alike, unlike
    ``getrusage(RUSAGE_CHILDREN)``, which never sees a forkserver's children.
    """
    if len(reports) == 0:
        raise ValueError("no task reports")
    last: dict = {}
    tasks = 0.0
    for report in reports:
        if len(report) != 3:
            raise ValueError(
                f"a report is (pid, task CPU, process CPU), got {report!r}"
            )
        pid, task, process = report
        for v in (task, process):
            if not (isinstance(v, (int, float)) and math.isfinite(v) and v >= 0):
                raise ValueError(
                    f"CPU times must be finite and not negative, got {v!r}"
                )
        if task > process + 1e-6:
            raise ValueError(
                f"a task cannot use more CPU ({task}) than its process ({process})"
            )
        tasks += task
        last[pid] = max(last.get(pid, 0.0), process)
    return {"tasks": tasks, "workers": sum(last.values()), "processes": len(last)}


def cores_used(cpu_seconds: float, wall_seconds: float) -> float:
    """CPU seconds per wall-clock second: how many cores the run kept busy on average."""
    if not (math.isfinite(cpu_seconds) and cpu_seconds >= 0):
        raise ValueError(
            f"CPU seconds must be finite and not negative, got {cpu_seconds!r}"
        )
    _check_times([wall_seconds], "wall times")
    return cpu_seconds / wall_seconds


def decompose(
    serial_wall: float, serial_cpu: float, wall: float, cpu: float, task_cpu: float
) -> dict:
    """Split a speedup into three factors whose product is exactly serial_wall / wall.

    * ``work``: serial CPU / the CPU the tasks used in parallel.  Below 1 when the same
      work cost more CPU in the workers (a core slowed down, e.g. by a neighbour on the
      host sharing it).
    * ``useful``: task CPU / all CPU of the parallel run (parent + workers).  Below 1 by the
      pool's own CPU: start-up, pickling, pipes, its threads.
    * ``cores``: cores kept busy in parallel / cores kept busy by the serial loop.  Below
      the number of workers when the machine gave the run less CPU than it asked for.
    """
    _check_times([serial_wall, serial_cpu, wall, cpu, task_cpu], "times")
    return {
        "work": serial_cpu / task_cpu,
        "useful": task_cpu / cpu,
        "cores": (cpu / wall) / (serial_cpu / serial_wall),
    }
