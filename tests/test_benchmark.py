"""The benchmark package: statistics helpers, worker functions, machine record, and the CLI.

The CLI's quick mode runs for real (every experiment, tiny sizes) and its JSON is validated
against the schema; the notebooks that plot it are tested in test_notebooks.py.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from multiprocessing import shared_memory

import jsonschema
import pytest

import snippets.benchmark.cli as cli
import snippets.benchmark.experiments as experiments
import snippets.benchmark.machine as machine
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


@pytest.fixture(scope="module")
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
