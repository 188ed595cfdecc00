"""Each test's duration and CPU, with its phase and chapter, as data for `make bench-suite`.

CPU per test is the test process's own plus that of the children it reaped (its scripts and
what they waited for).  Daemons that outlive their parent (Ray's, a forkserver, Chromium
under Playwright's driver) are reaped by nobody here: the bench adds the machine-wide figure
(snippets.benchmark.machine.cpu_ticks) beside this one.

Writes .cache/durations.json (all runs so far, for the ordering plugin) and
.cache/last-timing.json (this session: {nodeid: {seconds, cpu, phase, chapter}}).
"""

from __future__ import annotations

import json
import resource
from collections import Counter

import pytest

from harness.blocks import ROOT
from harness.plugins.ordering import DURATIONS
from harness.plugins.selection import item_chapter

LAST_TIMING = ROOT / ".cache" / "last-timing.json"

_seconds: Counter = Counter()
_cpu: dict[str, float] = {}
_where: dict[str, tuple[str, str | None]] = {}
_started: dict[str, float] = {}


def _cpu_now() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def phase(item) -> str:
    """What kind of test: block runs, lint, browser, or the test module's own name."""
    module = item.path.stem.removeprefix("test_")
    if "browser" in item.path.parts:
        return "browser"
    if module == "examples":
        return "lint" if item.originalname == "test_lint" else "runs"
    return module


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _started[item.nodeid] = _cpu_now()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "setup":
        report = outcome.get_result()
        report.user_properties.append(
            ("timing", {"phase": phase(item), "chapter": item_chapter(item)})
        )
    if call.when == "teardown" and item.nodeid in _started:
        seconds = _cpu_now() - _started.pop(item.nodeid)
        outcome.get_result().user_properties.append(("cpu_seconds", round(seconds, 3)))


def pytest_runtest_logreport(report):
    _seconds[report.nodeid] += report.duration
    props = dict(report.user_properties)
    if "timing" in props:
        _where[report.nodeid] = (props["timing"]["phase"], props["timing"]["chapter"])
    if report.when == "teardown" and "cpu_seconds" in props:
        _cpu[report.nodeid] = props["cpu_seconds"]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput") or not _seconds:
        return
    if session.config.getoption("collectonly", False):
        return
    known = json.loads(DURATIONS[0].read_text("utf-8")) if DURATIONS[0].exists() else {}
    known.update({k: round(v, 3) for k, v in _seconds.items()})
    DURATIONS[0].parent.mkdir(exist_ok=True)
    DURATIONS[0].write_text(json.dumps(known, indent=0, sort_keys=True), "utf-8")
    timing = {
        nodeid: {
            "seconds": round(seconds, 3),
            "cpu": _cpu.get(nodeid, 0.0),
            "phase": _where.get(nodeid, ("other", None))[0],
            "chapter": _where.get(nodeid, ("other", None))[1],
        }
        for nodeid, seconds in _seconds.items()
    }
    LAST_TIMING.write_text(json.dumps(timing, indent=0), "utf-8")
