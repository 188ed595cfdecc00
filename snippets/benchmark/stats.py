"""Statistics helpers: median and spread of timings, the workers' CPU, and the paired
comparisons with bootstrap intervals that every claim of the chapter rests on."""

from __future__ import annotations

import math
import random
import statistics
import zlib
from collections.abc import Sequence

#: the interval every comparison states
CONFIDENCE = 0.95
#: bootstrap resamples per interval
RESAMPLES = 2000
#: fewer rounds than this and no interval is given: a percentile bootstrap of a median
#: from 3 or 4 rounds spans little more than the extremes and claims more than it knows
MIN_ROUNDS = 5
#: what a comparison may say; "faster"/"slower" only when the interval excludes 1
VERDICTS = ("faster", "slower", "no difference", "too few rounds", "disturbed")


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


def paired_speedups(serial: Sequence[float], parallel: Sequence[float]) -> list[float]:
    """Ratio within each round: serial[i] / parallel[i], both measured in round i."""
    if len(serial) != len(parallel):
        raise ValueError("serial and parallel have a different number of rounds")
    _check_times(serial, "serial timings")
    _check_times(parallel, "parallel timings")
    return [s / p for s, p in zip(serial, parallel)]


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


# --- paired comparisons over rounds ------------------------------------------------------


def seed_for(seed: int, *names: str) -> int:
    """A seed of its own for each interval, from the run's seed and the comparison's name,
    so that any one interval can be recomputed alone and gives the same bounds."""
    return (seed ^ zlib.crc32("\x1f".join(names).encode("utf-8"))) & 0xFFFFFFFF


def bootstrap_median_ci(
    samples: Sequence[float],
    seed: int,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
) -> list[float]:
    """Percentile bootstrap interval of the median: resample the rounds with replacement.

    Uses only ``random.Random(seed).random()``, whose sequence is the same on every
    Python, so the stored bounds can be checked later on another version.
    """
    _check_times(samples, "samples")
    if not 0 < confidence < 1 or resamples < 10:
        raise ValueError("confidence must be in (0, 1) and resamples at least 10")
    rng = random.Random(seed)
    n = len(samples)
    medians = sorted(
        statistics.median([samples[int(rng.random() * n)] for _ in range(n)])
        for _ in range(resamples)
    )
    tail = (1 - confidence) / 2
    return [medians[int(tail * resamples)], medians[int((1 - tail) * resamples) - 1]]


def verdict(ci: Sequence[float] | None, disturbed: bool = False) -> str:
    """What a paired ratio (baseline time / arm time) lets the text say about the arm."""
    if disturbed:
        return "disturbed"
    if ci is None:
        return "too few rounds"
    if ci[0] > 1:
        return "faster"
    if ci[1] < 1:
        return "slower"
    return "no difference"


def paired(
    arm: Sequence[float],
    baseline: Sequence[float],
    seed: int,
    disturbed: bool = False,
) -> dict:
    """Compare two arms timed in the same rounds: per round baseline / arm (above 1: the arm
    took less time), their median, the bootstrap interval of that median, and the verdict.
    """
    ratios = paired_speedups(baseline, arm)
    ci = bootstrap_median_ci(ratios, seed) if len(ratios) >= MIN_ROUNDS else None
    return {
        "ratios": ratios,
        "estimate": statistics.median(ratios),
        "ci": ci,
        "verdict": verdict(ci, disturbed),
    }


def describe(samples: Sequence[float], seed: int) -> dict:
    """One arm's timings over the rounds: median, spread and the median's interval."""
    s = summarize(samples)
    s["ci"] = bootstrap_median_ci(samples, seed) if len(samples) >= MIN_ROUNDS else None
    return s
