"""The benchmark package: statistics, the interleaved rounds and their disturbance check, the
machine's clocks, worker functions, the results schema, and the CLI.

The CLI's quick mode runs for real (every experiment, tiny sizes, every start method) and its
JSON is validated against the schema and checked against itself; the notebooks that show it,
and the check of their prose, are tested in test_notebooks.py.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import time
from multiprocessing import shared_memory

import jsonschema
import pytest

import snippets.benchmark.check as check
import snippets.benchmark.cli as cli
import snippets.benchmark.experiments as experiments
import snippets.benchmark.machine as machine
import snippets.benchmark.rounds as rounds
import snippets.benchmark.schema as schema
import snippets.benchmark.stats as stats
import snippets.benchmark.work as work
from harness.blocks import ROOT
from harness.runner import pythons, run
from snippets.benchmark.__main__ import main as entry_point
from snippets.benchmark.pages import newest
from snippets.benchmark.schema import SCHEMA, SCHEMA_VERSION

V2_RUN = ROOT / "tests" / "benchmark-v2-run.json"

# --- statistics ------------------------------------------------------------------------


def test_summarize_gives_median_and_spread():
    s = stats.summarize([3.0, 1.0, 2.0, 10.0])
    assert (s["median"], s["min"], s["max"]) == (2.5, 1.0, 10.0)
    assert s["samples"] == [3.0, 1.0, 2.0, 10.0]


@pytest.mark.parametrize("bad", [[], [1.0, 0.0], [1.0, -2.0], [float("nan")], [math.inf]])
def test_summarize_rejects_what_is_not_a_timing(bad):
    with pytest.raises(ValueError):
        stats.summarize(bad)


def test_paired_speedups_pair_rounds():
    # a machine that slows down by half in the second round: the pairs stay at 2
    assert stats.paired_speedups([2.0, 4.0], [1.0, 2.0]) == [2.0, 2.0]
    with pytest.raises(ValueError):
        stats.paired_speedups([1.0], [1.0, 2.0])
    with pytest.raises(ValueError):
        stats.paired_speedups([1.0], [0.0])


def test_bootstrap_interval_is_reproducible_and_holds_the_median():
    samples = [1.9, 2.1, 1.95, 2.0, 2.3, 1.7, 2.05, 1.99, 2.02]
    a = stats.bootstrap_median_ci(samples, seed=7)
    assert a == stats.bootstrap_median_ci(samples, seed=7)  # the stored bounds can be checked
    assert a[0] <= sorted(samples)[4] <= a[1]
    assert min(samples) <= a[0] <= a[1] <= max(samples)
    assert stats.bootstrap_median_ci([3.0] * 6, seed=1) == [3.0, 3.0]
    # each comparison has its own seed, derived from the run's and the comparison's names
    assert stats.seed_for(1, "scaling", "a", "b") != stats.seed_for(1, "scaling", "b", "a")
    assert stats.seed_for(1, "x") == stats.seed_for(1, "x")


@pytest.mark.parametrize(
    ("samples", "kw"), [([], {}), ([1.0, -1.0], {}), ([1.0, 2.0], {"confidence": 1.0})]
)
def test_bootstrap_rejects_bad_input(samples, kw):
    with pytest.raises(ValueError):
        stats.bootstrap_median_ci(samples, 1, **kw)


def test_verdict_follows_the_interval_only():
    assert stats.verdict([1.02, 1.3]) == "faster"
    assert stats.verdict([0.7, 0.98]) == "slower"
    assert stats.verdict([0.97, 1.2]) == "no difference"
    assert stats.verdict([1.0, 1.2]) == "no difference"  # touching 1 is not excluding it
    assert stats.verdict(None) == "too few rounds"
    assert stats.verdict([1.5, 2.0], disturbed=True) == "disturbed"
    assert set(stats.VERDICTS) == {
        "faster",
        "slower",
        "no difference",
        "too few rounds",
        "disturbed",
    }


def test_paired_gives_no_interval_below_the_minimum_of_rounds():
    few = stats.paired([1.0] * (stats.MIN_ROUNDS - 1), [2.0] * (stats.MIN_ROUNDS - 1), 1)
    assert few["ci"] is None and few["verdict"] == "too few rounds"
    assert few["estimate"] == 2.0
    enough = stats.paired([1.0] * stats.MIN_ROUNDS, [2.0] * stats.MIN_ROUNDS, 1)
    assert enough["ci"] == [2.0, 2.0] and enough["verdict"] == "faster"


def test_the_interval_rarely_claims_a_difference_that_is_not_there():
    """Simulated rounds: with no true difference, "faster" or "slower" comes out rarely; with
    a true 15 % difference and 5 % noise, it is found nearly every time."""
    rng = random.Random(20261206)

    def verdicts(true_ratio: float, n: int = 9, trials: int = 120) -> list[str]:
        out = []
        for t in range(trials):
            base = [1.0 * math.exp(rng.gauss(0, 0.05)) for _ in range(n)]
            arm = [b / true_ratio * math.exp(rng.gauss(0, 0.05)) for b in base]
            out.append(stats.paired(arm, base, seed=t, disturbed=False)["verdict"])
        return out

    none = verdicts(1.0)
    false_claims = sum(v in ("faster", "slower") for v in none) / len(none)
    assert false_claims < 0.12, false_claims  # ~5 % expected; a percentile bootstrap of 9
    found = verdicts(1.15)
    assert sum(v == "faster" for v in found) / len(found) > 0.9


# --- the rounds and the disturbance check -------------------------------------------------


@pytest.fixture
def quiet_machine(monkeypatch):
    """The machine probes read nothing: these tests are about the rounds' logic, and the
    machine that runs them may be busy (the probes and the detector have tests of their own)."""
    monkeypatch.setattr(rounds.machine, "cpu_ticks", lambda cpus=None: None)
    monkeypatch.setattr(rounds.machine, "tree_cpu", lambda: None)


def _quiet_watch(**kw) -> rounds.Watch:
    return rounds.Watch(cores=2, cpus=None, tick=0.01, **kw)


def _arm(name, wall):
    return rounds.Arm(name, lambda ctx: {"wall": wall() if callable(wall) else wall})


def test_rounds_run_every_arm_once_in_a_seeded_shuffled_order(quiet_machine):
    calls = []

    def setup():
        calls.append("setup")
        return "pool"

    def teardown(ctx):
        assert ctx == "pool"
        calls.append("teardown")

    def arm_in_group(name):
        def go(ctx):
            assert ctx == "pool"
            calls.append(name)
            return {"wall": 1.0}

        return rounds.Arm(name, go)

    groups = [rounds.single(_arm(f"a{i}", 1.0)) for i in range(5)]
    groups.append(rounds.Group("g", [arm_in_group("g1"), arm_in_group("g2")], setup, teardown))
    names = {f"a{i}" for i in range(5)} | {"g1", "g2"}

    def go(seed):
        return rounds.run_rounds(
            groups, repeats=6, max_extra=0, rng=random.Random(seed), watch=_quiet_watch()
        )

    result = go(1)
    orders = [r["order"] for r in result["rounds"]]
    assert len(orders) == 6 and all(sorted(o) == sorted(names) for o in orders)
    assert len({tuple(o) for o in orders}) > 1, "the order did not change between rounds"
    for o in orders:  # a group's arms run together, between its setup and teardown
        i = o.index("g1") if o.index("g1") < o.index("g2") else o.index("g2")
        assert {o[i], o[i + 1]} == {"g1", "g2"}
    assert calls.count("setup") == calls.count("teardown") == 6
    assert [r["order"] for r in go(1)["rounds"]] == orders  # the seed gives the same orders
    assert result["status"] == "clean" and result["used_rounds"] == list(range(6))
    with pytest.raises(ValueError):  # arm names must be unique
        rounds.run_rounds(
            [rounds.single(_arm("x", 1)), rounds.single(_arm("x", 1))],
            repeats=1,
            max_extra=0,
            rng=random.Random(1),
            watch=_quiet_watch(),
        )


def test_a_round_past_its_limit_is_run_again_then_the_experiment_is_marked(quiet_machine):
    """Two arms whose ratio is above what the cores allow: every round is disturbed."""
    groups = [rounds.single(_arm("serial", 1.0)), rounds.single(_arm("pool", 0.3))]
    limits = [rounds.Limit("pool", "serial", 2)]
    result = rounds.run_rounds(
        groups,
        repeats=5,
        max_extra=2,
        rng=random.Random(3),
        watch=_quiet_watch(),
        limits=limits,
    )
    assert len(result["rounds"]) == 7  # 5 asked for, 2 more allowed, none clean
    assert result["status"] == "disturbed"
    assert all(r["disturbed"][0]["kind"] == "limit" for r in result["rounds"])
    c = rounds.compare(result, 1, "x", "pool", "serial")
    assert c["verdict"] == "disturbed" and c["estimate"] == pytest.approx(1 / 0.3)


def test_one_disturbed_round_is_replaced_and_left_out(quiet_machine):
    walls = iter([0.3] + [0.6] * 20)  # the first pool arm is past the limit, the rest are not
    groups = [rounds.single(_arm("serial", 1.0)), rounds.single(_arm("pool", lambda: next(walls)))]
    result = rounds.run_rounds(
        groups,
        repeats=5,
        max_extra=3,
        rng=random.Random(3),
        watch=_quiet_watch(),
        limits=[rounds.Limit("pool", "serial", 2)],
    )
    assert len(result["rounds"]) == 6 and result["status"] == "clean"
    assert result["rounds"][0]["disturbed"] and 0 not in result["used_rounds"]
    c = rounds.compare(result, 1, "x", "pool", "serial")
    assert c["ratios"] == [pytest.approx(1 / 0.6)] * 5 and c["verdict"] == "faster"


def _m(span=1.0, busy=1.0, own=1.0, steal=0.0, processes=1, wall=None):
    return {
        "wall": span if wall is None else wall,
        "span": span,
        "machine_busy": busy,
        "own_cpu": own,
        "steal": steal,
        "processes": processes,
    }


def test_reasons_flag_other_processes_steal_and_limits():
    w = _quiet_watch(others_cores=0.25, steal_cores=0.05)
    assert rounds.reasons({"a": _m()}, w, ncpus=2) == []
    # others used 0.5 cores over a 2 s arm: flagged; 0.1 cores: not
    got = rounds.reasons({"a": _m(span=2.0, busy=3.0, own=2.0)}, w, ncpus=2)
    assert [(r["kind"], r["value"]) for r in got] == [("others", 0.5)]
    assert rounds.reasons({"a": _m(span=2.0, busy=2.2, own=2.0)}, w, ncpus=2) == []
    # a few ticks on a short arm are within the slack, not a disturbance
    assert rounds.reasons({"a": _m(span=0.05, busy=0.08, own=0.05)}, w, ncpus=2) == []
    got = rounds.reasons({"a": _m(span=2.0, steal=0.3)}, w, ncpus=2)
    assert [r["kind"] for r in got] == ["steal"]
    # a ratio past its limit by more than the slack for jitter
    ms = {"serial": _m(wall=2.1), "pool": _m(wall=1.0)}
    got = rounds.reasons(ms, w, [rounds.Limit("pool", "serial", 2)], ncpus=2)
    assert [(r["kind"], r["arm"]) for r in got] == [("limit", "pool")]
    ms = {"serial": _m(wall=2.03), "pool": _m(wall=1.0)}
    assert rounds.reasons(ms, w, [rounds.Limit("pool", "serial", 2)], ncpus=2) == []
    # no CPU figures (not Linux): only the limits can be checked
    blind = {"a": {**_m(), "own_cpu": None}}
    assert rounds.reasons(blind, w, ncpus=2) == []


def test_a_median_above_the_limit_marks_the_whole_experiment():
    result = {"status": "clean"}
    comparisons = {
        "pool vs serial": {"estimate": 2.03, "verdict": "faster"},
        "other vs serial": {"estimate": 1.5, "verdict": "faster"},
    }
    found = rounds.over_limits(result, comparisons, [rounds.Limit("pool", "serial", 2)])
    assert found and result["status"] == "disturbed"
    assert {c["verdict"] for c in comparisons.values()} == {"disturbed"}
    ok = {"status": "clean"}
    assert rounds.over_limits(ok, {"pool vs serial": {"estimate": 1.99}}, []) == []
    assert ok["status"] == "clean"


def test_the_committed_version_2_run_is_flagged():
    """The run of 2026-11-30 reported Pool(4) at a median speedup of 2.03 on 2 cores."""
    data = json.loads(V2_RUN.read_text("utf-8"))
    got = schema.check_v2_scaling(data)
    assert got["cores"] == 2
    over = {o["arm"]: o["value"] for o in got["over_limit"]}
    assert over["Pool/fork/4"] == pytest.approx(2.03, abs=0.005)
    assert all(got["rounds"]), "every round of that run was disturbed"
    kinds = {r["kind"] for found in got["rounds"] for r in found}
    assert {"steal", "limit"} <= kinds
    with pytest.raises(schema.SchemaError, match="one after another"):
        schema.check_version(data)


@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_tree_cpu_counts_the_workers_under_every_start_method(method):
    """What the pool's workers burn shows in our own CPU, so it is not taken for others'.

    Under forkserver the workers are the server's children: they are counted through it.
    """
    if machine.tree_cpu() is None:
        pytest.skip("no /proc here")
    before = machine.tree_cpu()["cpu"]
    pool = multiprocessing.get_context(method).Pool(2)
    try:
        pool.map(work.burn_cpu, [0.2] * 4, chunksize=1)
        alive = machine.tree_cpu()
    finally:
        pool.close()
        pool.join()
    after = machine.tree_cpu()["cpu"]
    assert alive["processes"] >= 3  # this process and two workers (and a server)
    assert after - before >= 0.8 - 0.1  # 4 x 0.2 s, give or take ticks


def test_cpu_ticks_of_some_cpus_are_part_of_all():
    every = machine.cpu_ticks()
    if every is None:
        pytest.skip("no /proc/stat here")
    some = machine.cpu_ticks([0])
    assert 0 < some["busy"] <= every["busy"] + 0.05
    assert machine.cpu_ticks([10_000]) is None  # a CPU that is not there


def test_summarize_run_counts_rounds_and_quotes_long_spans_only():
    r = {
        "load_average": {"start": [3.0, 1, 1]},
        "disturbed": [{"kind": "others"}],
        "whole": _m(span=2.0, busy=2.0, own=1.0, steal=0.2),
        "measurements": {"short": _m(span=0.01, busy=0.05, own=0.0)},
    }
    got = rounds.summarize_run({"x": {"rounds": [r, {**r, "disturbed": []}]}})
    assert got["rounds"] == 2 and got["disturbed_rounds"] == 1
    assert got["load_1min"] == [3.0, 3.0]
    assert got["others_cores_max"] == pytest.approx(0.5)  # not 5 cores from 0.01 s
    assert got["steal_cores_max"] == pytest.approx(0.1)


# --- experiment plumbing and worker functions ------------------------------------------


def test_worker_counts_go_a_little_past_the_cores():
    assert experiments.worker_counts(2, 2, 8) == [1, 2, 3, 4]
    assert experiments.worker_counts(32, 2, 8) == [1, 2, 4, 8, 16, 32, 34]
    assert experiments.worker_counts(2, 0, 1) == [2]  # the quick run: the cores only


@pytest.mark.parametrize(("tasks", "workers", "expected"), [(100, 2, 13), (8, 2, 1), (9, 2, 2)])
def test_default_chunksize_is_pools(tasks, workers, expected):
    # Lib/multiprocessing/pool.py: divmod(len(iterable), len(self._pool) * 4), rounded up
    assert experiments.default_chunksize(tasks, workers) == expected


def test_crossover_claims_use_measured_sizes_only():
    sizes = [1, 2, 4, 8]
    claims = experiments.crossover_claims
    got = claims(sizes, ["slower", "no difference", "faster", "faster"])
    assert got == {"faster_from": 4, "slower_up_to": 1}
    # a faster point that is followed by no difference does not count as "from here on"
    assert claims(sizes, ["slower", "faster", "no difference", "faster"])["faster_from"] == 8
    assert claims(sizes, ["faster"] * 4) == {"faster_from": 1, "slower_up_to": None}
    assert claims(sizes, ["disturbed"] * 4) == {"faster_from": None, "slower_up_to": None}
    with pytest.raises(ValueError):
        claims([2, 1], ["faster", "faster"])
    with pytest.raises(ValueError):
        claims([1, 2], ["faster"])


def test_notes_reading_reads_the_two_numbers_as_seconds():
    got = experiments.notes_reading()
    assert got["pool_over_loop"] == pytest.approx(0.772 / 0.669)
    two, three = got["by_processes"]["2"], got["by_processes"]["3"]
    # 3 tasks of 0.223 s: 2 rounds on 2 processes, 1 round on 3
    assert two["fixed_seconds"] == pytest.approx(0.772 - 2 * 0.669 / 3)
    assert three["fixed_seconds"] == pytest.approx(0.772 - 0.669 / 3)
    assert two["first_run_ratio"] == pytest.approx((2 * 6.69 / 3 + two["fixed_seconds"]) / 6.69)


def test_worker_functions():
    assert work.spin(0) == 0
    assert work.spin(4) == 0 + 1 + 4 + 9
    assert work.notes_task(3, 4) == sum(3 * i % 7 for i in range(4))
    assert work.noop("x") == "x"
    assert work.inc(41) == 42
    t, started, pid = work.first_line()
    assert pid == os.getpid() and abs(t - work.now()) < 1


def test_first_line_clock_is_shared_by_every_start_method():
    """A worker's reading of work.now() falls between two readings of the parent's."""
    for method in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context(method).Pool(1, initializer=work.mark_started) as p:
            p.apply(work.noop, (0,))  # the worker is up
            t0 = work.now()
            t, started, _ = p.apply(work.first_line)
            t1 = work.now()
        assert t0 <= t <= t1, method
        assert started is not None and started <= t


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
    options = ("--quick", "--out-dir", "--out", "--repeats", "--workers", "--engines", "--seed")
    options += ("--max-extra-rounds",)
    for option in options:
        assert option in parser_help
    assert "--no-progress" in parser_help
    assert "95 %" in parser_help and "shuffled" in parser_help
    assert entry_point is cli.main


@pytest.mark.parametrize(
    "argv",
    [
        ["--repeats", "0"],
        ["--workers", "0"],
        ["--engines", "joblib,Spark"],
        ["--max-extra-rounds", "-1"],
    ],
)
def test_cli_rejects_bad_options(argv):
    with pytest.raises(SystemExit):
        cli.parse_args(argv)


# session scope: `make test` orders tests slowest first, so this module's tests come apart
# and a module-scoped fixture ran the quick benchmark again for nearly every one
@pytest.fixture(scope="session")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    t0 = time.monotonic()
    result = run(
        ["-m", "snippets.benchmark", "--quick", "--seed", "12345", "--out", str(out)],
        python=sys.executable,
        start_method="spawn",  # the strictest: every worker function must be importable
        timeout=240,
        cwd=ROOT,
        extra_path=[ROOT],
    )
    seconds = time.monotonic() - t0
    assert result.returncode == 0 and not result.timed_out, result.output
    assert not result.leaked, f"processes left behind: {result.leaked}"
    return json.loads(out.read_text("utf-8")), result.output, seconds


def test_quick_run_writes_json_that_matches_the_schema(quick_run):
    data, output, seconds = quick_run
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["profile"] == "quick" and data["seed"] == 12345
    assert data["machine"]["start_method"] == "spawn"
    assert "written:" in output and "scaling Pool/fork at" in output
    # the quick run is what the test suite pays for, several times: under a minute, loaded
    assert seconds < 60, f"the quick run took {seconds:.0f} s"


def test_quick_run_is_interleaved_under_every_start_method(quick_run):
    data, _, _ = quick_run
    methods = multiprocessing.get_all_start_methods()
    for name in ("scaling", "crossover", "chunksize", "arguments", "startup", "notes", "per_task"):
        e = data["experiments"][name]
        assert e["settings"]["methods"] == methods, name
        arms = set(e["rounds"][0]["measurements"])
        for method in methods:
            assert any(f"/{method}" in a for a in arms), (name, method)
        for r in e["rounds"]:  # every round ran every arm once
            assert sorted(r["order"]) == sorted(arms) == sorted(r["measurements"])
        assert len(e["rounds"]) >= e["repeats"]
        assert len(e["rounds"]) <= e["repeats"] + e["max_extra_rounds"]
    orders = [tuple(r["order"]) for r in data["experiments"]["scaling"]["rounds"]]
    assert len(set(orders)) == len(orders), "rounds ran in the same order"


def test_quick_run_is_consistent_with_itself(quick_run):
    """Every comparison is worked out again from the stored rounds, and the totals too."""
    data, _, _ = quick_run
    assert check.check_results(data) == []
    assert rounds.summarize_run(data["experiments"]) == data["summary"]


def test_quick_run_records_the_first_task_latency(quick_run):
    data, _, _ = quick_run
    st = data["experiments"]["startup"]
    for kind in ("Pool", "ProcessPoolExecutor"):
        for method in st["settings"]["methods"]:
            for r in st["rounds"]:
                m = r["measurements"][f"{kind}/{method}"]
                # constructor + call to first line + back = the whole first task, by construction
                whole = m["create"] + m["first_task"] + m["back"]
                assert whole == pytest.approx(m["wall"], rel=1e-4)
                assert m["ready"] > 0 and m["warm_task"] > 0
    assert set(st["first_process"]) == set(st["settings"]["methods"])


def test_quick_run_records_every_engine_or_why_not(quick_run):
    data, _, _ = quick_run
    en = data["experiments"]["engines"]
    measured = {k.rsplit(" [", 1)[0] for k in en.get("arms", {})}
    assert measured | set(en["skipped"]) == set(experiments.ENGINES)
    for why in en["skipped"].values():
        assert "not installed" in why or "failed" in why or "not selected" in why


def test_quick_run_records_cpu_beside_wall_time(quick_run):
    data, _, _ = quick_run
    sc = data["experiments"]["scaling"]
    for r in sc["rounds"]:
        for name, m in r["measurements"].items():
            assert m["task_cpu"] > 0 and m["parent_cpu"] >= 0
            if name.startswith(("Pool/", "ProcessPoolExecutor/")):
                workers = int(name.split("/")[-1])
                assert 1 <= m["workers_used"] <= min(workers, sc["settings"]["tasks"])
                assert m["worker_cpu"] >= m["task_cpu"] - 0.02
            if m["own_cpu"] is not None:  # Linux
                assert m["own_cpu"] >= 0 and m["processes"] >= 1


def test_schema_rejects_broken_runs(quick_run):
    good = quick_run[0]

    def broken(change):
        data = json.loads(json.dumps(good))
        change(data)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, SCHEMA)

    broken(lambda d: d["experiments"].pop("notes"))
    broken(lambda d: d["experiments"]["scaling"].pop("rounds"))
    broken(lambda d: d.pop("seed"))
    key = next(iter(good["experiments"]["scaling"]["comparisons"]))
    broken(lambda d: d["experiments"]["scaling"]["comparisons"][key].update(verdict="much faster"))
    broken(lambda d: d["experiments"]["scaling"]["comparisons"][key].update(ci=[1.0]))
    broken(lambda d: d.update(schema_version=2))


def test_load_refuses_older_versions_with_the_reason(tmp_path):
    for version in (1, 2):
        path = tmp_path / f"v{version}.json"
        path.write_text(json.dumps({"schema_version": version}))
        with pytest.raises(schema.SchemaError, match="rerun `make bench`"):
            schema.load(path)
    path = tmp_path / "v99.json"
    path.write_text(json.dumps({"schema_version": 99}))
    with pytest.raises(schema.SchemaError, match="unknown schema version 99"):
        schema.load(path)


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
    assert check.check_results(data) == []
    # the bootstrap uses random.random() only, so an interval stored by one Python is the
    # interval another Python works out when it checks the file
    samples = [1.9, 2.1, 1.95, 2.0, 2.3, 1.7, 2.05]
    theirs = subprocess.run(
        [
            python.executable,
            "-c",
            "from snippets.benchmark import stats; "
            f"print(stats.bootstrap_median_ci({samples}, 99))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert json.loads(theirs) == stats.bootstrap_median_ci(samples, 99)


# --- the prose and its check, on a run whose comparisons make claims ---------------------


def _with_claims(data: dict) -> dict:
    """The quick run, made to claim: intervals from its two rounds, every experiment clean.

    Still consistent (every comparison is what the check works out from the rounds), but
    with "faster" and "slower" verdicts for the claim checks to bite on.
    """
    data = json.loads(json.dumps(data))
    data["method"]["min_rounds_for_interval"] = 2
    for name, e in data["experiments"].items():
        if "comparisons" not in e:
            continue
        e["status"] = "clean"
        for key, c in e["comparisons"].items():
            c.update(check.expected_comparison(data, name, key))
            if "pool_over_loop" in c:
                c["pool_over_loop"] = 1 / c["estimate"]
                c["pool_over_loop_ci"] = c["ci"] and [1 / c["ci"][1], 1 / c["ci"][0]]
            if "efficiency" in c:
                c["efficiency"] = c["estimate"] / data["planned_cores"]
    cr = data["experiments"]["crossover"]
    for row in cr["methods"].values():
        verdicts = [cr["comparisons"][k]["verdict"] for k in row["comparisons"]]
        row.update(experiments.crossover_claims(cr["settings"]["sizes"], verdicts))
    return data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_prose_states_what_the_run_shows_and_the_check_catches_doctoring(quick_run, lang):
    import snippets.benchmark.prose as prose

    data = _with_claims(quick_run[0])
    assert check.check_results(data) == []
    texts = [prose.render(section, data, lang) for section in prose.SECTIONS]
    assert check.check_prose(texts, data, lang) == []
    said = [says for t in texts for _, says, _ in check.CLAIM.findall(t)]
    assert {"faster", "slower"} & set(said), "no claim to check"
    words = check.VOCABULARY[lang]

    # a figure shown one off
    m = next(m for t in texts for m in check.FIG.finditer(t) if m.group(3) == "x")
    ref, shown = m.group(2), m.group(4)
    bumped = f"{float(shown) + 1:.{len(shown.split('.')[1])}f}"
    wrong = m.group(0).replace(f">{shown}</span>", f">{bumped}</span>")
    bad = [t.replace(m.group(0), wrong) for t in texts]
    assert any(ref in p and "shows" in p for p in check.check_prose(bad, data, lang))

    # a claim that says the opposite, with the opposite words
    ref, says, text = next(
        (r, s, w) for t in texts for r, s, w in check.CLAIM.findall(t) if s == "faster"
    )
    old = f'data-claim="{ref}" data-says="faster">{text}<'
    new = f'data-claim="{ref}" data-says="slower">{words["slower"]}<'
    bad = [t.replace(old, new) for t in texts]
    problems = check.check_prose(bad, data, lang)
    assert any("says 'slower', the rounds give 'faster'" in p for p in problems)

    # the results file changed under the prose: the arm now takes ten times as long
    experiment, _, key = ref.partition("|")
    doctored = json.loads(json.dumps(data))
    c = doctored["experiments"][experiment]["comparisons"][key]
    for r in doctored["experiments"][experiment]["rounds"]:
        r["measurements"][c["arm"]][c["key"]] *= 10
    problems = check.check_prose(texts, doctored, lang) + check.check_results(doctored)
    assert any(ref in p and "the rounds give" in p for p in problems), problems
    assert any("worked out" in p for p in problems)

    # a claim made outside the marks, in the generated text
    extra = "Pool was faster here." if lang == "en" else "进程池更快。"
    assert any("outside a claim" in p for p in check.check_prose([*texts, extra], data, lang))


def test_the_unmarked_check_knows_its_exceptions():
    ok = (
        "## 5. Start-up\n\nOn 3.13.0 and 3.9 (section 1b, sections 2 and 7), gh-126631 "
        "from 2013, a 95 % interval, `Pool(4)` and [x](https://e.org/1)."
    )
    assert check.unmarked(ok, "en", 0.95) == []
    assert check.unmarked("第 2、3 节，3.8 新增，2025 年修复", "zh", 0.95) == []
    for bad in ("took 1.84 s", "a 90 % interval", "12.8x faster", "spawn is slower", "3× as"):
        assert check.unmarked(bad, "en", 0.95), bad
    for bad in ("快 1.84 倍", "进程池更快", "交叉点在 3 ms"):
        assert check.unmarked(bad, "zh", 0.95), bad
