"""Statistics helpers: median and spread of timings, the workers' CPU, and the paired
comparisons with their intervals that every claim of the chapter rests on.

An interval is two of the sorted per-round values (order statistics), chosen so that it holds
the median with at least the stated confidence whatever the values' distribution; so where two
configurations do not differ, "faster" or "slower" comes out at most (1 - confidence) of the
time, and less (``median_ranks`` gives the exact share for each number of rounds)."""

from __future__ import annotations

import math
import statistics
import zlib
from collections.abc import Sequence

#: the interval every comparison states
CONFIDENCE = 0.95
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
    """A seed of its own for each experiment's shuffled order, from the run's seed and the
    experiment's name, so that one experiment can be rerun alone in the same orders."""
    return (seed ^ zlib.crc32("\x1f".join(names).encode("utf-8"))) & 0xFFFFFFFF


def median_ranks(n: int, confidence: float = CONFIDENCE) -> dict | None:
    """Which two of ``n`` sorted values bound the median at ``confidence``, or None.

    The k-th smallest and the k-th largest of ``n`` independent values hold the population's
    median between them unless k or more values fall on one side of it, whose chance is a
    binomial tail of ``n`` fair coin tosses; it does not depend on the values' distribution.
    The largest k whose interval holds the median with at least ``confidence`` is chosen:
    ``lower``/``upper`` are 1-based ranks, ``coverage`` the exact chance.  Fewer than 6
    values cannot give 95 %: even the smallest and largest of 5 miss the median 1 time in 16.
    """
    if not 0 < confidence < 1:
        raise ValueError("confidence must be in (0, 1)")
    if n < 1:
        raise ValueError("no values")
    best, tail = None, 0  # tail: outcomes with fewer than k values below the median
    for k in range(1, n // 2 + 1):
        tail += math.comb(n, k - 1)
        missed = 2 * tail  # k or more on either side
        if (2**n - missed) < confidence * 2**n:
            break
        best = {"lower": k, "upper": n - k + 1, "coverage": 1 - missed / 2**n}
    return best


def limit_rank(n: int, limits: int, confidence: float = CONFIDENCE) -> int:
    """Which of ``n`` sorted per-round ratios must lie above its limit before a ratio counts
    as past the limit for good: the k-th smallest, for the largest k at which a ratio whose
    true median sits exactly at its limit does so by chance at most (1 - confidence) /
    ``limits`` of the time (so, when such a k exists, at most 1 - confidence for all of an
    experiment's limits together: Bonferroni); the smallest ratio (k = 1) when none does,
    and then the bound is ``limits`` / 2**n.

    The k-th smallest of n lies above the median unless k or more values fall below it, so
    the chance is that of fewer than k heads in n fair tosses.  At 9 rounds and 28 limits
    (scaling on 2 cores) no k reaches 0.05 / 28 and k = 1: every round must pass, a chance
    of 1 in 512 per ratio, 5.5 % at most for all 28.
    """
    if n < 1 or limits < 1:
        raise ValueError("need at least one round and one limit")
    alpha = (1 - confidence) / limits
    best, below = 1, 0
    for k in range(1, n + 1):
        below += math.comb(
            n, k - 1
        )  # outcomes with fewer than k values below the median
        if below / 2**n > alpha:
            break
        best = k
    return best


#: the fewest rounds that give an interval at the stated confidence (6 at 95 %)
MIN_ROUNDS = next(n for n in range(1, 100) if median_ranks(n) is not None)


def median_ci(
    samples: Sequence[float], confidence: float = CONFIDENCE
) -> list[float] | None:
    """Distribution-free interval of the median: two order statistics of the samples
    (``median_ranks``); None when there are too few samples for ``confidence``."""
    _check_times(samples, "samples")
    ranks = median_ranks(len(samples), confidence)
    if ranks is None:
        return None
    ordered = sorted(samples)
    return [ordered[ranks["lower"] - 1], ordered[ranks["upper"] - 1]]


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
    disturbed: bool = False,
) -> dict:
    """Compare two arms timed in the same rounds: per round baseline / arm (above 1: the arm
    took less time), their median, the interval of that median, and the verdict.
    """
    ratios = paired_speedups(baseline, arm)
    ci = median_ci(ratios)
    return {
        "ratios": ratios,
        "estimate": statistics.median(ratios),
        "ci": ci,
        "verdict": verdict(ci, disturbed),
    }


def describe(samples: Sequence[float]) -> dict:
    """One arm's timings over the rounds: median, spread and the median's interval."""
    s = summarize(samples)
    s["ci"] = median_ci(samples)
    return s
