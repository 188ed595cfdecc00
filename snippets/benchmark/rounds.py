"""Interleaved rounds, the machine watched around every timing, and paired comparisons.

Every experiment is a set of *arms* (configurations: a plain loop, ``Pool(2)`` under
spawn, ...).  A *round* runs every arm once, in an order shuffled by a seeded generator
and recorded, so a slow stretch of the machine lands on all arms alike rather than on the
ones that happened to run then.  Arms that share a pool form a *group*: the group's pool
is created, its arms run in shuffled order, and it is closed before the next group (so
the parent never forks while another pool's threads are running).

Around each arm the runner reads the machine's busy and stolen CPU (/proc/stat, only the
cores this process may use) and the CPU of this process and everything it started
(``machine.tree_cpu``).  A round is *disturbed* when, during any of its arms, other
processes used more than ``others_cores`` cores or the host took more than ``steal_cores``
(steal).  A disturbed round is run again, up to ``max_extra`` times; if the experiment
still has fewer clean rounds than asked, it is marked disturbed, and every comparison in
it says so instead of "faster" or "slower".

Two things are recorded around each arm without making a round disturbed:

* the *CPU-speed probe*: a fixed loop timed on each watched CPU (pinned to it) just before
  and just after the arm.  On a virtual machine the same loop can take far longer at one
  moment than the next while steal stays at zero (the host's other guests share the
  physical core), so what one arm met can differ from what the next one met.  The probe
  shows how much; the shuffled order spreads it over all arms alike, and the paired
  intervals take it in.
* a *speedup limit* passed in one round (a ``Limit``: a pool of 2 on 2 cores cannot be
  more than 2 times a plain loop): with the CPU's speed changing from one arm to the next
  this happens in single rounds.  Such rounds are listed (``past_limit``); the experiment
  is marked disturbed only when a ratio stays above its limit in so many rounds that chance
  is ruled out for all its limits together (``over_limits``).
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import machine, stats

clock = time.perf_counter

#: the name the whole round goes by in a disturbance record
WHOLE = "(round)"
#: the most CPUs the speed probe visits around each arm (it pins itself to each in turn)
PROBED_CPUS = 8
#: what an arm may return besides its timings: the CPU of this process and everything it
#: started, read by the arm before processes it started exit unseen (Ray's daemons and
#: workers are not all reaped by this process, so their CPU would vanish from the reading
#: at the arm's end and count as other processes' load)
BEFORE_EXIT = "tree_cpu_before_exit"


@dataclass
class Arm:
    """One configuration.  ``run(context)`` does the work and returns at least ``wall``,
    the seconds that count (it may time only part of what it does, e.g. not a warm-up).
    """

    name: str
    run: Callable[[Any], dict]


@dataclass
class Group:
    """Arms that share a context (a warm pool): ``setup()`` before them, ``teardown`` after."""

    name: str
    arms: list[Arm]
    setup: Callable[[], Any] | None = None
    teardown: Callable[[Any], None] | None = None


def single(arm: Arm) -> Group:
    return Group(arm.name, [arm])


@dataclass
class Limit:
    """``baseline`` wall / ``arm`` wall can be at most ``most`` on this machine."""

    arm: str
    baseline: str
    most: float


@dataclass
class Watch:
    """What counts as a disturbance.  Cores are averaged over an arm's whole run."""

    cores: float
    cpus: Sequence[int] | None = None
    others_cores: float = 0.25
    steal_cores: float = 0.05
    tick: float = field(default_factory=machine.tick_seconds)
    #: CPUs whose /proc/stat lines are read (each read is rounded to a tick per CPU)
    ncpus: int = 0
    #: rounds of ``work.spin`` the CPU-speed probe times on each probed CPU (0: no probe)
    probe_loops: int = 0
    #: the CPUs the probe pins itself to in turn: the watched ones, at most ``PROBED_CPUS``
    probe_cpus: Sequence[int] | None = None

    def __post_init__(self):
        if not self.ncpus:
            self.ncpus = len(self.cpus) if self.cpus else os.cpu_count() or 1
        if self.probe_cpus is None and self.cpus:
            self.probe_cpus = list(self.cpus)[:PROBED_CPUS]

    @classmethod
    def for_machine(cls, cores: float, probe_loops: int = 0) -> Watch:
        cpus = (
            sorted(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else None
        )
        return cls(
            cores=cores,
            cpus=cpus,
            others_cores=max(0.25, 0.1 * cores),
            probe_loops=probe_loops,
        )

    def probe(self) -> list[float] | None:
        """Seconds the probe's loop took on each probed CPU now; None without a probe."""
        if not self.probe_loops or not self.probe_cpus:
            return None
        times = machine.speed_probe(self.probe_loops, self.probe_cpus)
        return None if times is None else [_round(t) for t in times]

    def slack(self, processes: int | None) -> float:
        """CPU seconds a reading may be off by: two ticks per CPU read and per process read."""
        return 2 * self.tick * (self.ncpus + (processes or 1))

    def shortest_flaggable(self) -> float:
        """Below this many seconds a configuration of one process cannot be flagged on its
        own, even if other processes used every watched CPU all the time: the slack is more
        than they could use beyond the allowed share."""
        return self.slack(1) / (self.ncpus - self.others_cores)

    def record(self) -> dict:
        return {
            "others_cores": self.others_cores,
            "steal_cores": self.steal_cores,
            "probe_loops": self.probe_loops,
            "probe_cpus": len(self.probe_cpus or []) if self.probe_loops else 0,
            "tick_seconds": self.tick,
            "cpus_watched": None if self.cpus is None else len(self.cpus),
            "ncpus": self.ncpus,
            "shortest_flaggable_seconds": self.shortest_flaggable(),
        }


def _round(value):
    """Six significant digits: a timing is not known better, and the JSON stays readable.
    Rounded before any statistic is computed, so the stored samples reproduce every figure.
    """
    if isinstance(value, float) and value != 0 and abs(value) < 1e300:
        return float(f"{value:.6g}")
    return value


def measure(arm: Arm, context: Any, watch: Watch) -> dict:
    """Run one arm with the machine's and our own CPU clocks read around it, and the CPU
    speed probed on each watched CPU just before and just after (outside both)."""
    before = watch.probe()
    m0, o0 = machine.cpu_ticks(watch.cpus), machine.tree_cpu()
    t0 = clock()
    out = dict(arm.run(context))
    span = clock() - t0
    o1, m1 = machine.tree_cpu(), machine.cpu_ticks(watch.cpus)
    after = watch.probe()
    before_exit = out.pop(BEFORE_EXIT, None)
    if "wall" not in out:
        out["wall"] = span
    out["span"] = span
    if None in (m0, m1, o0, o1):
        out.update(machine_busy=None, steal=None, own_cpu=None, processes=None)
    else:
        own = o1["cpu"] - o0["cpu"]
        if before_exit is not None:
            # what the arm's processes had used before they exited, missing at the end
            out["own_cpu_unseen"] = max(0.0, before_exit - o1["cpu"])
        out.update(
            machine_busy=m1["busy"] - m0["busy"],
            steal=m1["steal"] - m0["steal"],
            own_cpu=own + out.get("own_cpu_unseen", 0.0),
            processes=max(o0["processes"], o1["processes"]),
        )
    out = {k: _round(v) for k, v in out.items()}
    if before is not None and after is not None:
        out["probe"] = {"before": before, "after": after}
    return out


def reasons(measurements: dict, watch: Watch) -> list[dict]:
    """Why a round is disturbed (empty: it is not).

    Each /proc value is rounded to a clock tick, so CPU figures get a slack of two ticks
    per CPU read and per process read; a short arm is therefore hard to call disturbed
    (``Watch.shortest_flaggable``).
    """
    found = []
    for name, m in measurements.items():
        if m.get("own_cpu") is None:
            continue
        span = m["span"]
        others = m["machine_busy"] - m["own_cpu"]
        if others - watch.slack(m.get("processes")) > watch.others_cores * span:
            found.append(
                {
                    "arm": name,
                    "kind": "others",
                    "value": others / span,
                    "limit": watch.others_cores,
                }
            )
        if m["steal"] - 2 * watch.tick * watch.ncpus > watch.steal_cores * span:
            found.append(
                {
                    "arm": name,
                    "kind": "steal",
                    "value": m["steal"] / span,
                    "limit": watch.steal_cores,
                }
            )
    return found


def past_limit(measurements: dict, limits: Sequence[Limit]) -> list[dict]:
    """The ratios of one round above their limits.  Not a disturbance: with the
    CPU's speed changing between arms (see the probe) single rounds do this; only a
    ratio above its limit in (nearly) every round marks the experiment (``over_limits``).
    """
    found = []
    for limit in limits:
        ratio = measurements[limit.baseline]["wall"] / measurements[limit.arm]["wall"]
        if ratio > limit.most:
            found.append(
                {
                    "arm": limit.arm,
                    "baseline": limit.baseline,
                    "value": ratio,
                    "limit": limit.most,
                }
            )
    return found


def run_rounds(
    groups: Sequence[Group],
    *,
    repeats: int,
    max_extra: int,
    rng: random.Random,
    watch: Watch,
    limits: Sequence[Limit] = (),
    tick: Callable[[bool], None] = lambda extra: None,
) -> dict:
    """Run rounds until ``repeats`` are clean or ``repeats + max_extra`` have run."""
    names = [a.name for g in groups for a in g.arms]
    if len(set(names)) != len(names):
        raise ValueError(f"arm names repeat: {names}")
    rounds: list[dict] = []
    clean = 0
    while clean < repeats and len(rounds) < repeats + max_extra:
        load = machine.load_average()
        order, measurements = [], {}
        m0, o0, t0 = machine.cpu_ticks(watch.cpus), machine.tree_cpu(), clock()
        for group in rng.sample(list(groups), len(groups)):
            context = group.setup() if group.setup else None
            try:
                for arm in rng.sample(group.arms, len(group.arms)):
                    order.append(arm.name)
                    measurements[arm.name] = measure(arm, context, watch)
            finally:
                if group.teardown:
                    group.teardown(context)
        # the whole round as well: arms of a few milliseconds are shorter than the clock
        # ticks the CPU figures are counted in, but a round of them is not
        o1, m1 = machine.tree_cpu(), machine.cpu_ticks(watch.cpus)
        span = clock() - t0
        total = {"wall": span, "span": span}
        if None not in (m0, m1, o0, o1):
            unseen = sum(m.get("own_cpu_unseen", 0.0) for m in measurements.values())
            total.update(
                machine_busy=m1["busy"] - m0["busy"],
                steal=m1["steal"] - m0["steal"],
                own_cpu=o1["cpu"] - o0["cpu"] + unseen,
                processes=max(o0["processes"], o1["processes"]),
            )
        total = {k: _round(v) for k, v in total.items()}  # judged as stored
        found = reasons({**measurements, WHOLE: total}, watch)
        rounds.append(
            {
                "index": len(rounds),
                "order": order,
                "load_average": {"start": load, "end": machine.load_average()},
                "disturbed": found,
                "past_limit": past_limit(measurements, limits),
                "whole": total,
                "measurements": measurements,
            }
        )
        clean += not found
        tick(len(rounds) > repeats)
    status = "clean" if clean >= repeats else "disturbed"
    used = [r["index"] for r in rounds if status == "disturbed" or not r["disturbed"]]
    return {
        "repeats": repeats,
        "max_extra_rounds": max_extra,
        "limits": [
            {"arm": x.arm, "baseline": x.baseline, "most": x.most} for x in limits
        ],
        "status": status,
        "used_rounds": used,
        "rounds": rounds,
    }


# --- reading a finished experiment ---------------------------------------------------------


def samples(result: dict, arm: str, key: str = "wall") -> list[float]:
    """``key`` of ``arm`` in every round the statistics use."""
    used = set(result["used_rounds"])
    return [r["measurements"][arm][key] for r in result["rounds"] if r["index"] in used]


def compare(result: dict, arm: str, baseline: str, key: str = "wall") -> dict:
    """Paired comparison of two arms over the rounds used: baseline / arm per round."""
    record = stats.paired(
        samples(result, arm, key),
        samples(result, baseline, key),
        disturbed=result["status"] == "disturbed",
    )
    return {"arm": arm, "baseline": baseline, "key": key, **record}


def describe(result: dict, arm: str, key: str = "wall") -> dict:
    """One arm's ``key`` over the rounds used: median, spread, interval of the median."""
    return stats.describe(samples(result, arm, key))


def over_limits(result: dict, comparisons: dict, limits: Sequence[Limit]) -> list[dict]:
    """Mark the experiment disturbed when a ratio stays above its limit in so many rounds
    that chance is ruled out for all its limits together: its k-th smallest round lies above
    the limit, k from ``stats.limit_rank`` (every round, at 9 rounds and many limits).

    A pool of 4 on 2 cores at 2.05 to 2.3 times a plain loop in every round was never a
    speedup: the loop was slowed.  A ratio that sits at its limit (a thread pool of one
    against the loop: 1.03, from 0.98 to 1.07) passes it in about half the rounds by chance,
    and its interval past it now and then; neither marks the experiment.  When the
    experiment is marked, every verdict of it says "disturbed".
    """
    found = []
    for limit in limits:
        key = comparison_key(limit.arm, limit.baseline)
        if key not in comparisons:  # every limit is judged on its comparison
            raise KeyError(f"no comparison for the limit {key!r}")
        c = comparisons[key]
        rank = stats.limit_rank(len(c["ratios"]), len(limits))
        low = sorted(c["ratios"])[rank - 1]
        if low > limit.most:
            found.append(
                {
                    "arm": limit.arm,
                    "baseline": limit.baseline,
                    "value": c["estimate"],
                    "rank": rank,
                    "lower": low,
                    "limit": limit.most,
                }
            )
    found.sort(key=lambda o: (o["arm"], o["baseline"]))
    if found:
        result["status"] = "disturbed"
        for c in comparisons.values():
            c["verdict"] = "disturbed"
    result["over_limit"] = found
    return found


def comparison_key(arm: str, baseline: str, key: str = "wall") -> str:
    return f"{arm} vs {baseline}" + ("" if key == "wall" else f" [{key}]")


#: CPU shares are quoted only over spans this long: a shorter one is a few clock ticks
QUOTED_SPAN = 0.5


def probe_summary(rounds_all: list[dict]) -> dict | None:
    """The CPU-speed probe over a whole run: how many readings (one CPU, before or after an
    arm), the shortest, the 10th percentile, the median, the 90th percentile and the longest,
    and how far apart the 10th and 90th percentiles are (the extremes are single readings:
    a probe that a page fault or a dying worker interrupted)."""
    times = [
        t
        for r in rounds_all
        for m in r["measurements"].values()
        if "probe" in m
        for t in (*m["probe"]["before"], *m["probe"]["after"])
    ]
    if len(times) < 2:
        return None
    deciles = statistics.quantiles(times, n=10)
    return {
        "readings": len(times),
        "min": min(times),
        "p10": deciles[0],
        "median": statistics.median(times),
        "p90": deciles[-1],
        "max": max(times),
        "p90_over_p10": deciles[-1] / deciles[0],
    }


def summarize_run(experiments: dict) -> dict:
    """The run's totals the page quotes: rounds, disturbed rounds, rounds run again, rounds
    with a ratio past its limit, the experiments marked disturbed and why, the 1-minute load
    average at the rounds' starts (lowest, highest), the most other processes and the host
    took during any one configuration or whole round of at least ``QUOTED_SPAN`` seconds
    (cores, averaged over its run), and the CPU-speed probe's readings."""
    rounds_all = [r for e in experiments.values() for r in e.get("rounds", [])]
    loads = [
        r["load_average"]["start"][0] for r in rounds_all if r["load_average"]["start"]
    ]
    others, steal = [], []
    for r in rounds_all:
        for m in [*r["measurements"].values(), r["whole"]]:
            if m.get("own_cpu") is not None and m["span"] >= QUOTED_SPAN:
                others.append(max(0.0, m["machine_busy"] - m["own_cpu"]) / m["span"])
                steal.append(max(0.0, m["steal"]) / m["span"])
    extra, marked = 0, {}
    for name, e in experiments.items():
        if not e.get("rounds"):
            continue
        clean = sum(1 for r in e["rounds"] if not r["disturbed"])
        extra += max(0, len(e["rounds"]) - e["repeats"])
        if e["status"] == "disturbed":
            over = e.get("over_limit", [])
            marked[name] = {
                # "rounds": fewer clean rounds than asked; "limit": a median past its limit
                "why": [
                    w
                    for w, hit in (("rounds", clean < e["repeats"]), ("limit", over))
                    if hit
                ],
                "clean_rounds": clean,
                "repeats": e["repeats"],
                "rounds": len(e["rounds"]),
                "over_limit": over,
            }
    return {
        "rounds": len(rounds_all),
        "disturbed_rounds": sum(1 for r in rounds_all if r["disturbed"]),
        "rounds_past_limit": sum(1 for r in rounds_all if r.get("past_limit")),
        "rounds_with_limits": sum(
            len(e["rounds"]) for e in experiments.values() if e.get("limits")
        ),
        "extra_rounds": extra,
        "marked": marked,
        "load_1min": [min(loads), max(loads)] if loads else None,
        "quoted_span": QUOTED_SPAN,
        "others_cores_max": max(others) if others else None,
        "steal_cores_max": max(steal) if steal else None,
        "probe": probe_summary(rounds_all),
    }
