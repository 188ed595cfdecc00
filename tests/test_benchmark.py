"""The benchmark package: statistics helpers, worker functions, machine record, and the CLI.

The CLI's quick mode runs for real (every experiment, tiny sizes) and its JSON is validated
against the schema; the notebooks that plot it are tested in test_notebooks.py.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
from multiprocessing import shared_memory

import jsonschema
import pytest

import snippets.benchmark.cli as cli
import snippets.benchmark.experiments as experiments
import snippets.benchmark.machine as machine
import snippets.benchmark.schema as schema
import snippets.benchmark.stats as stats
import snippets.benchmark.work as work
from harness.blocks import ROOT
from harness.runner import pythons, run
from snippets.benchmark.__main__ import main as entry_point
from snippets.benchmark.pages import newest
from snippets.benchmark.schema import SCHEMA, SCHEMA_VERSION

# --- statistics ------------------------------------------------------------------------


def test_summarize_gives_median_and_spread():
    s = stats.summarize([3.0, 1.0, 2.0, 10.0])
    assert (s["median"], s["min"], s["max"]) == (2.5, 1.0, 10.0)
    assert s["samples"] == [3.0, 1.0, 2.0, 10.0]


@pytest.mark.parametrize("bad", [[], [1.0, 0.0], [1.0, -2.0], [float("nan")], [math.inf]])
def test_summarize_rejects_what_is_not_a_timing(bad):
    with pytest.raises(ValueError):
        stats.summarize(bad)


def test_speedup_and_efficiency():
    assert stats.speedup(10.0, 5.0) == 2.0
    assert stats.efficiency(1.8, 2) == pytest.approx(0.9)
    # 4 workers on 2 cores: only 2 run at once, so the ideal is 2, not 4
    assert stats.efficiency(1.8, 4, cores=2) == pytest.approx(0.9)
    assert stats.efficiency(1.8, 4) == pytest.approx(0.45)


@pytest.mark.parametrize(("serial", "parallel"), [(0, 1), (1, 0), (-1, 1), (1, math.nan)])
def test_speedup_rejects_bad_times(serial, parallel):
    with pytest.raises(ValueError):
        stats.speedup(serial, parallel)


@pytest.mark.parametrize(("s", "w", "c"), [(0, 2, None), (1.0, 0, None), (1.0, 2, 0), (-1, 1, 1)])
def test_efficiency_rejects_bad_input(s, w, c):
    with pytest.raises(ValueError):
        stats.efficiency(s, w, c)


def test_amdahl():
    assert stats.amdahl(1.0, 8) == pytest.approx(8)
    assert stats.amdahl(0.0, 8) == pytest.approx(1)
    assert stats.amdahl(0.95, 10**9) == pytest.approx(20, rel=1e-6)
    with pytest.raises(ValueError):
        stats.amdahl(1.5, 2)
    with pytest.raises(ValueError):
        stats.amdahl(0.5, 0)


def test_crossover_interpolates_on_a_log_scale():
    # speedup 0.5 at 1 ms, 2.0 at 100 ms: log-linear, so 1 is reached halfway, at 10 ms
    assert stats.crossover([1e-3, 1e-1], [0.5, 2.0]) == pytest.approx(1e-2)
    # a point exactly at 1 is not below it: the crossover is that point
    assert stats.crossover([1, 2, 4], [0.5, 1.0, 1.5]) == pytest.approx(2)
    # a noisy early crossing that falls back below 1 does not count: the last one does
    expected = math.exp(
        math.log(4) + (-math.log(0.8)) / (math.log(3.0) - math.log(0.8)) * math.log(2)
    )
    assert stats.crossover([1, 2, 4, 8], [0.5, 1.2, 0.8, 3.0]) == pytest.approx(expected)


def test_crossover_is_none_when_the_speedup_never_crosses():
    assert stats.crossover([1, 2, 3], [0.2, 0.5, 0.9]) is None
    assert stats.crossover([1, 2, 3], [1.5, 1.7, 1.9]) is None
    assert stats.crossover([1, 2, 3], [0.5, 1.7, 0.9]) is None  # below 1 at the largest size
    assert experiments.crossover_verdict(None, [0.5, 1.7, 0.9]) == "never faster"
    assert experiments.crossover_verdict(None, [1.5, 1.7, 1.9]) == "always faster"
    assert experiments.crossover_verdict(0.01, [0.5, 1.7]) == "crosses"


@pytest.mark.parametrize(
    ("sizes", "speedups"),
    [([1, 2], [0.5]), ([1], [0.5]), ([2, 1], [0.5, 2.0]), ([1, 1], [0.5, 2.0]), ([0, 1], [0.5, 2])],
)
def test_crossover_rejects_bad_input(sizes, speedups):
    with pytest.raises(ValueError):
        stats.crossover(sizes, speedups)


# --- experiment plumbing and worker functions ------------------------------------------


def test_worker_counts_go_a_little_past_the_cores():
    assert experiments.worker_counts(2, 2, 8) == [1, 2, 3, 4]
    assert experiments.worker_counts(32, 2, 8) == [1, 2, 4, 8, 16, 32, 34]


@pytest.mark.parametrize(("tasks", "workers", "expected"), [(100, 2, 13), (8, 2, 1), (9, 2, 2)])
def test_default_chunksize_is_pools(tasks, workers, expected):
    # Lib/multiprocessing/pool.py: divmod(len(iterable), len(self._pool) * 4), rounded up
    assert experiments.default_chunksize(tasks, workers) == expected


def test_worker_functions():
    assert work.spin(0) == 0
    assert work.spin(4) == 0 + 1 + 4 + 9
    assert work.notes_task(3, 4) == sum(3 * i % 7 for i in range(4))
    assert work.noop("x") == "x"


def test_checksum_is_the_same_through_shared_memory():
    data = bytes(range(256)) * 16
    shm = shared_memory.SharedMemory(create=True, size=len(data))
    try:
        shm.buf[: len(data)] = data
        # the block may be rounded up to a page: compare against a block of its real size
        padded = bytes(shm.buf)
        assert work.checksum_shared(shm.name, 3) == work.checksum(padded, 3)
    finally:
        shm.close()
        shm.unlink()


def test_machine_record_counts_usable_cores():
    record = machine.describe()
    assert 1 <= record["usable_cores"] <= record["logical_cores"]
    if hasattr(os, "sched_getaffinity"):
        assert record["sched_getaffinity"] == len(os.sched_getaffinity(0))
    assert record["python"]["version"] == ".".join(map(str, sys.version_info[:3]))


# --- the CLI ---------------------------------------------------------------------------


def test_help_explains_every_option():
    parser_help = subprocess.run(
        [sys.executable, "-m", "snippets.benchmark", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    for option in ("--quick", "--out-dir", "--out", "--repeats", "--workers", "--engines"):
        assert option in parser_help
    assert "--no-progress" in parser_help
    assert entry_point is cli.main


@pytest.mark.parametrize(
    "argv", [["--repeats", "0"], ["--workers", "0"], ["--engines", "Pool.map,Spark"]]
)
def test_cli_rejects_bad_options(argv):
    with pytest.raises(SystemExit):
        cli.parse_args(argv)


# session scope: `make test` orders tests slowest first, so this module's tests come apart
# and a module-scoped fixture ran the quick benchmark again for nearly every one
@pytest.fixture(scope="session")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    result = run(
        ["-m", "snippets.benchmark", "--quick", "--out", str(out)],
        python=sys.executable,
        start_method="spawn",  # the strictest: every worker function must be importable
        timeout=240,
        cwd=ROOT,
        extra_path=[ROOT],
    )
    assert result.returncode == 0 and not result.timed_out, result.output
    assert not result.leaked, f"processes left behind: {result.leaked}"
    return json.loads(out.read_text("utf-8")), result.output


def test_quick_run_writes_json_that_matches_the_schema(quick_run):
    data, output = quick_run
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["profile"] == "quick"
    assert data["machine"]["start_method"] == "spawn"
    assert "written:" in output and "scaling Pool at" in output


def test_quick_run_records_every_engine_or_why_not(quick_run):
    data, _ = quick_run
    engines = data["experiments"]["engines"]["engines"]
    assert set(engines) == set(experiments.ENGINES)
    for name in ("Pool.map", "Pool.apply_async", "ProcessPoolExecutor"):
        assert "per_task" in engines[name], engines[name]
    for row in engines.values():
        assert "per_task" in row or "not installed" in row["skipped"] or "failed" in row["skipped"]


def test_schema_rejects_a_run_with_a_missing_experiment(quick_run):
    data = json.loads(json.dumps(quick_run[0]))
    del data["experiments"]["notes"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_newest_picks_the_latest_run_of_a_profile(tmp_path):
    for started, profile in (
        ("2026-01-02", "full"),
        ("2026-01-03", "quick"),
        ("2026-01-01", "full"),
    ):
        (tmp_path / f"{started}-{profile}.json").write_text(
            json.dumps({"started": started, "profile": profile})
        )
    assert newest(tmp_path).name == "2026-01-02-full.json"
    assert newest(tmp_path, "quick").name == "2026-01-03-quick.json"
    with pytest.raises(FileNotFoundError):
        newest(tmp_path / "missing")


@pytest.mark.parametrize("python", pythons()[0], ids=lambda p: p.tag)
def test_quick_run_works_on_every_python(python, tmp_path):
    """The package is stdlib-only apart from optional engines: it runs on each Python bare."""
    out = tmp_path / "quick.json"
    result = run(
        ["-m", "snippets.benchmark", "--quick", "--no-progress", "--out", str(out)],
        python=python.executable,
        start_method="fork",
        timeout=240,
        cwd=ROOT,
        extra_path=[ROOT],
    )
    assert result.returncode == 0 and not result.timed_out, result.output
    assert not result.leaked, f"processes left behind: {result.leaked}"
    data = json.loads(out.read_text("utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["machine"]["python"]["version"].startswith(".".join(map(str, python.version)))


# --- CPU time beside wall time ---------------------------------------------------------


def test_rotation_gives_every_variant_each_place():
    items = ["serial", "threads", "Pool", "PPE"]
    orders = [stats.rotation(items, k) for k in range(4)]
    assert orders[1] == ["threads", "Pool", "PPE", "serial"]
    assert stats.rotation(items, 5) == orders[1]
    for place in range(4):  # over 4 repeats each variant runs once in every place
        assert sorted(o[place] for o in orders) == sorted(items)
    with pytest.raises(ValueError):
        stats.rotation([], 1)


def test_paired_speedups_and_best_of():
    # a machine that slows down by half in the second repeat: the pairs stay at 2
    assert stats.paired_speedups([2.0, 4.0], [1.0, 2.0]) == [2.0, 2.0]
    # best-of pairs the fastest runs, whichever repeat they came from
    assert stats.best_of([3.0, 2.0], [1.5, 1.0]) == 2.0
    assert stats.best_of([2.0, 9.0], [1.6, 1.0]) == 2.0


@pytest.mark.parametrize(
    ("serial", "parallel"), [([1.0], [1.0, 2.0]), ([], []), ([1.0], [0.0]), ([-1.0], [1.0])]
)
def test_paired_speedups_and_best_of_reject_bad_input(serial, parallel):
    with pytest.raises(ValueError):
        stats.paired_speedups(serial, parallel)
    if len(serial) == len(parallel) and serial:
        with pytest.raises(ValueError):
            stats.best_of(serial, parallel)


def test_worker_cpu_sums_tasks_and_takes_each_workers_last_clock():
    # worker 10 ran two tasks (clock 0.3 then 0.5), worker 11 one (clock 0.4)
    reports = [(10, 0.2, 0.3), (11, 0.3, 0.4), (10, 0.2, 0.5)]
    got = stats.worker_cpu(reports)
    assert got["tasks"] == pytest.approx(0.7)
    assert got["workers"] == pytest.approx(0.9)
    assert got["processes"] == 2


@pytest.mark.parametrize(
    "reports",
    [[], [(1, 0.1)], [(1, -0.1, 0.2)], [(1, 0.1, math.nan)], [(1, 0.5, 0.2)]],
)
def test_worker_cpu_rejects_bad_reports(reports):
    with pytest.raises(ValueError):
        stats.worker_cpu(reports)


def test_cores_used_and_decompose():
    assert stats.cores_used(3.0, 2.0) == 1.5
    with pytest.raises(ValueError):
        stats.cores_used(-1.0, 2.0)
    with pytest.raises(ValueError):
        stats.cores_used(1.0, 0.0)
    # serial: 4 s wall, 3.6 s CPU; parallel: 2.5 s wall, 4.0 s CPU of which 3.8 s in tasks
    f = stats.decompose(4.0, 3.6, 2.5, 4.0, 3.8)
    assert f["work"] * f["useful"] * f["cores"] == pytest.approx(4.0 / 2.5)
    assert f["useful"] == pytest.approx(0.95)
    assert f["cores"] == pytest.approx((4.0 / 2.5) / (3.6 / 4.0))
    with pytest.raises(ValueError):
        stats.decompose(4.0, 3.6, 2.5, 0.0, 3.8)


@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_worker_cpu_is_right_under_every_start_method(method):
    """Tasks that use a known amount of CPU: the reports add up to it under every method.

    getrusage(RUSAGE_CHILDREN) is checked beside it: it counts children only once they are
    reaped, and a forkserver's workers are the server's children, not ours, so there it
    misses them; the reports do not depend on who the parent is.
    """
    burn, tasks = 0.1, 4
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    pool = multiprocessing.get_context(method).Pool(2)
    try:
        reports = pool.map(work.burn_cpu, [burn] * tasks, chunksize=1)
    finally:
        pool.close()
        pool.join()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    got = stats.worker_cpu(reports)
    assert got["processes"] == 2
    assert burn * tasks <= got["tasks"] < burn * tasks + 0.05
    # the workers' clocks add start-up and the pool's own work on top of the tasks' CPU
    assert got["tasks"] <= got["workers"] < got["tasks"] + (1.0 if method == "spawn" else 0.2)
    rusage = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    if method == "forkserver":
        assert rusage < burn * tasks / 2
    else:
        assert rusage >= got["tasks"] - 0.02


def test_quick_run_records_cpu_beside_wall_time(quick_run):
    data, _ = quick_run
    sc = data["experiments"]["scaling"]
    repeats = sc["repeats"]
    assert len(sc["orders"]) == repeats and sc["orders"][0] != sc["orders"][1]
    assert len(sc["serial"]["cpu"]["task_cpu"]) == repeats
    for mode, points in sc["modes"].items():
        for p in points:
            cpu = p["cpu"]
            assert len(p["speedups"]) == len(cpu["parent_cpu"]) == repeats
            assert p["speedup_min"] <= p["speedup"] <= p["speedup_max"]
            if mode == "threads":
                assert cpu["worker_cpu"] == [0.0] * repeats  # their CPU is the parent's
            else:
                # a worker that got no task reports nothing: at most one per worker
                assert all(1 <= n <= min(p["workers"], sc["tasks"]) for n in cpu["processes"])
                assert all(w >= t for w, t in zip(cpu["worker_cpu"], cpu["task_cpu"]))
            # no run keeps more cores busy than the machine has (a little slack for ticks)
            assert 0 < cpu["cores_used"]["max"] <= data["machine"]["logical_cores"] * 1.1
            assert set(p["factors"]) == {"work", "useful", "cores"}
    for r in data["experiments"]["notes"]["runs"]:
        assert set(r["cores_used"]) == {"loop", "pool"}
        assert 0 < r["cores_used"]["loop"]["max"] <= 1.1  # a plain loop uses one core at most
        assert r["ratio_best"] > 0


def _v1_scaling():
    return {
        "schema_version": 1,
        "experiments": {
            "scaling": {
                "serial": {"median": 4.0, "min": 2.0, "max": 4.0, "samples": [4.0, 2.0]},
                "modes": {
                    "Pool": [
                        {
                            "workers": 2,
                            "time": {"median": 2.0, "min": 1.6, "max": 2.5, "samples": [2.5, 1.6]},
                            "speedup": 2.0,
                            "efficiency": 1.0,
                        }
                    ]
                },
            }
        },
    }


def test_upgrade_reads_version_1_runs():
    old = _v1_scaling()
    new = schema.upgrade(old)
    p = new["experiments"]["scaling"]["modes"]["Pool"][0]
    assert p["speedups"] == [4.0 / 2.5, 2.0 / 1.6]
    assert p["speedup_best"] == 2.0 / 1.6
    assert p["efficiency"] == pytest.approx(statistics.median([1.6, 1.25]) / 2)
    assert p["cpu"] is None and new["experiments"]["scaling"]["serial"]["cpu"] is None
    assert new["schema_version"] == SCHEMA_VERSION and new["upgraded_from"] == 1
    assert old["schema_version"] == 1  # the input is not changed
    with pytest.raises(ValueError):
        schema.upgrade({"schema_version": 99})
