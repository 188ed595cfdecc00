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
