"""The order tests are handed out in, by the last run's durations (.cache/durations.json, else
the committed tests/durations.json), so that no worker is left with a long tail.

The suite runs with xdist's work-stealing scheduler: `-n N` without a `--dist` of its own
means `--dist worksteal` here (pytest_cmdline_main below; xdist alone would pick `load`).  It
first hands each of the n workers one contiguous share of the collection, then an idle worker
takes the back half of the longest queue.  So the collection is laid out as n shares of the
sizes worksteal cuts, balanced by their summed durations (longest test first, into the share
with the least time so far), each share slowest first: every worker starts on its own long
tests, and what is stolen from the back of a queue is short.  Without xdist (or with one
worker) the order is simply slowest first.
"""

from __future__ import annotations

import json

import pytest

from harness.blocks import ROOT

# seconds per test id: this machine's runs so far (the timing plugin writes it), else the
# committed figures (tests of a second or more)
DURATIONS = [ROOT / ".cache" / "durations.json", ROOT / "tests" / "durations.json"]


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """`-n N` alone: work stealing, the scheduler the layout below is made for (runs before
    xdist's own hook, which turns `-n` without `--dist` into `--dist load`)."""
    option = config.option
    if getattr(option, "numprocesses", None) and getattr(option, "dist", "no") == "no":
        option.dist = "worksteal"


def share_sizes(count: int, workers: int) -> list[int]:
    """How many tests worksteal's first round gives each worker: what is left, divided by the
    workers still to serve (xdist.scheduler.worksteal.WorkStealingScheduling.check_schedule)."""
    sizes, left = [], count
    for i in range(workers):
        sizes.append(left // (workers - i))
        left -= sizes[-1]
    return sizes


def lay_out(seconds: list[float], workers: int) -> list[int]:
    """Indices into `seconds` in the order to hand them out (see the module's docstring)."""
    slowest_first = sorted(range(len(seconds)), key=lambda i: -seconds[i])
    if workers <= 1:
        return slowest_first
    sizes = share_sizes(len(seconds), workers)
    shares: list[list[int]] = [[] for _ in sizes]
    load = [0.0] * workers
    for i in slowest_first:
        open_ = [w for w in range(workers) if len(shares[w]) < sizes[w]]
        w = min(open_, key=lambda w: (load[w], w))
        shares[w].append(i)
        load[w] += seconds[i]
    return [i for share in shares for i in share]


def _workers(config) -> int:
    """The number of shares to lay out: xdist's workers under worksteal (only workers collect),
    else one."""
    if hasattr(config, "workerinput") and config.getoption("dist") == "worksteal":
        return int(config.workerinput["workercount"])
    return 1


def pytest_collection_modifyitems(session, config, items):
    for path in DURATIONS:
        if path.exists():
            known = json.loads(path.read_text("utf-8"))
            break
    else:
        return
    # the committed tests/durations.json keeps only tests of a second or more: others are quick
    quick = path == DURATIONS[1] or not known
    default = 0.0 if quick else sorted(known.values())[len(known) // 2]
    seconds = [known.get(item.nodeid, default) for item in items]
    items[:] = [items[i] for i in lay_out(seconds, _workers(config))]
