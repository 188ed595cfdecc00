"""Suite-wide: the closing summary, and a last check that no process was left behind."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import uuid
from collections import Counter, defaultdict

import pytest

from harness import verified
from harness.blocks import ROOT, collect
from harness.runner import SESSION_ID, SESSION_MARKER, kill_marked, pythons

_outcomes: dict[str, Counter] = defaultdict(Counter)
_skips: dict[str, str] = {}
_site: dict[str, list] = defaultdict(list)  # browser checks' figures, for the report
_package_sets: Counter = Counter()
_block_runs: list[tuple[str, str, str]] = []  # (nodeid, outcome, skip reason) of test_run
_durations: Counter = Counter()  # seconds per test id (setup + call + teardown)
DURATIONS = [ROOT / ".cache" / "durations.json", ROOT / "tests" / "durations.json"]
LAST_DURATIONS = ROOT / ".cache" / "last-durations.json"  # this session only (bench_suite)
# CPU seconds per test id: the test process's own plus that of the children it reaped (its
# scripts and what they waited for).  Daemons that outlive their parent (Ray's, a forkserver,
# Chromium under Playwright's driver) are reaped by nobody here: bench_suite adds the
# machine-wide figure from /proc/stat beside this one.
_cpu: Counter = Counter()
LAST_CPU = ROOT / ".cache" / "last-cpu.json"
_cpu_started: dict[str, float] = {}


def _cpu_now() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _cpu_started[item.nodeid] = _cpu_now()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "teardown" and item.nodeid in _cpu_started:
        seconds = _cpu_now() - _cpu_started.pop(item.nodeid)
        outcome.get_result().user_properties.append(("cpu_seconds", round(seconds, 3)))


def pytest_collection_modifyitems(session, config, items):
    """Slowest first, by the last run's times (.cache/durations.json, else the committed
    tests/durations.json): with xdist's load scheduling, a long run started last would
    otherwise keep one worker busy after the others are done."""
    for path in DURATIONS:
        if path.exists():
            known = json.loads(path.read_text("utf-8"))
            break
    else:
        return
    # the committed tests/durations.json keeps only tests of a second or more: others are quick
    quick = path == DURATIONS[1] or not known
    default = 0.0 if quick else sorted(known.values())[len(known) // 2]
    items.sort(key=lambda item: -known.get(item.nodeid, default))


@pytest.fixture(autouse=True)
def _no_event_loop_left_running(request):
    """The browser tests keep one Playwright (sync API) open per test process (session scope,
    tests/browser/conftest.py).  Between its calls, Playwright marks its event loop as running
    in this thread (playwright/_impl/_greenlets.py, wait_for_future), so a later test's
    ``asyncio.run()`` failed: "cannot be called from a running event loop".  Every test
    outside tests/browser runs with no loop marked running; the mark is put back after it."""
    loop = asyncio.events._get_running_loop()
    if loop is None or "/browser/" in str(request.path):
        yield
        return
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(loop)


def pytest_configure(config):
    # every process the suite starts carries this marker; xdist workers inherit it, and so
    # does a session started by `make soak`, which checks for leftovers itself.  A pytest
    # that a *test* starts (PYTEST_CURRENT_TEST is set) gets an id of its own: its last
    # check must not kill the processes of the session around it.
    if os.environ.get("PYTEST_CURRENT_TEST") and not hasattr(config, "workerinput"):
        os.environ[SESSION_ID] = uuid.uuid4().hex
    os.environ.setdefault(SESSION_ID, uuid.uuid4().hex)


def pytest_runtest_logreport(report):
    _durations[report.nodeid] += report.duration
    props = dict(report.user_properties)
    if report.when == "teardown" and "cpu_seconds" in props:
        _cpu[report.nodeid] = props["cpu_seconds"]
    if report.when == "call":
        for key in ("search_rank", "axe_violations", "lighthouse_seconds"):
            if key in props:
                _site[key].append(props[key])
        _site["lighthouse"] += [v for k, v in report.user_properties if k == "lighthouse"]
    if report.when == "call" and "start_method" in props:
        key = "pages" if "block" in props else "snippets"
        _outcomes[key][(props["start_method"], report.outcome)] += 1
        _package_sets[props.get("packages", "stdlib only")] += 1
    reason = ""
    if report.skipped and report.when in ("setup", "call"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        if reason.startswith("docs/") or reason.startswith("snippets/"):
            _skips[report.nodeid] = reason
    is_block_run = report.nodeid.startswith("tests/test_examples.py::test_run[")
    if is_block_run and (report.when == "call" or (report.when == "setup" and not report.passed)):
        _block_runs.append((report.nodeid, report.outcome, reason))


def _site_summary(tr) -> None:
    ranks = _site.get("search_rank", [])
    if not (ranks or _site.get("axe_violations") or _site.get("lighthouse")):
        return
    tr.section("site checks")
    for lang in ("zh", "en"):
        for kind in ("query", "error"):
            got = [r for (lg, k, r, _bound) in ranks if lg == lang and k == kind]
            if got:
                first = sum(1 for r in got if r == 1)
                top3 = sum(1 for r in got if r is not None and r <= 3)
                tr.write_line(
                    f"search {lang} {kind + 's':7}: {len(got)} run, {first} ranked first, "
                    f"{top3} in the top 3"
                )
    axe = _site.get("axe_violations", [])
    if axe:
        tr.write_line(f"axe: {len(axe)} pages x light/dark, {sum(axe)} serious/critical violations")
    for path, scores in sorted(_site.get("lighthouse", [])):
        tr.write_line(
            f"lighthouse {path:30} " + " ".join(f"{k} {v:.2f}" for k, v in sorted(scores.items()))
        )
    for seconds in _site.get("lighthouse_seconds", []):
        tr.write_line(f"lighthouse run: {seconds} s")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    _site_summary(terminalreporter)
    if not (_outcomes or _skips):
        return
    tr = terminalreporter
    tr.section("docs examples")
    blocks = collect()
    by_lang = Counter(b.lang for b in blocks)
    found, missing = pythons()
    unique = len({(b.code, tuple(sorted(b.tags.items()))) for b in blocks})
    tr.write_line(
        f"blocks found: {len(blocks)} ({by_lang['zh']} zh, {by_lang['en']} en); "
        f"{unique} distinct (an en block identical to its zh twin runs once, with it)"
    )
    tr.write_line(
        "pythons: " + ", ".join(f"{'.'.join(map(str, p.full))} ({p.executable})" for p in found)
    )
    if missing:
        tr.write_line("not installed, so not run: " + ", ".join(f"py{m}" for m in missing))
    for key, counts in sorted(_outcomes.items()):
        methods = sorted({m for m, _ in counts})
        parts = []
        for m in methods:
            detail = ", ".join(f"{n} {o}" for (mm, o), n in sorted(counts.items()) if mm == m)
            parts.append(f"{m}: {detail}")
        tr.write_line(f"{key} runs per start method: " + "; ".join(parts))
    if _package_sets:
        tr.write_line(
            "runs per package set: "
            + "; ".join(f"{name}: {n}" for name, n in sorted(_package_sets.items()))
        )
    reasons = Counter(_skips.values())
    if reasons:
        tr.write_line(f"skipped runs: {sum(reasons.values())}, by reason:")
        for reason, n in reasons.most_common():
            tr.write_line(f"  {n:4d} x {reason}")


def _write_last_run() -> None:
    """The results file ``make verified`` publishes (harness/verified.py)."""
    found, missing = pythons()
    tags = {p.tag: ".".join(map(str, p.full)) for p in found}
    reported = {n.split("test_run[", 1)[1][:-1] for n, _, _ in _block_runs}
    full = not os.environ.get("MP_DOCS_PYTHONS") and reported == verified.expected_ids(list(tags))
    run = verified.build_run(_block_runs, tags, missing, full)
    verified.LAST_RUN.parent.mkdir(exist_ok=True)
    verified.LAST_RUN.write_text(json.dumps(run, ensure_ascii=False, indent=1), "utf-8")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker; the controller checks once at the end
    if _block_runs and not session.config.getoption("update_examples", False):
        _write_last_run()
    if _durations:
        known = json.loads(DURATIONS[0].read_text("utf-8")) if DURATIONS[0].exists() else {}
        known.update({k: round(v, 3) for k, v in _durations.items()})
        DURATIONS[0].parent.mkdir(exist_ok=True)
        DURATIONS[0].write_text(json.dumps(known, indent=0, sort_keys=True), "utf-8")
        LAST_DURATIONS.write_text(json.dumps(dict(_durations), indent=0), "utf-8")
        LAST_CPU.write_text(json.dumps(dict(_cpu), indent=0), "utf-8")
    left = kill_marked(SESSION_MARKER, os.environ[SESSION_ID])
    if left:
        session.config.pluginmanager.get_plugin("terminalreporter").write_line(
            "processes started by the suite were still running at its end (killed):\n"
            + "\n".join(f"  {p}" for p in left),
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
