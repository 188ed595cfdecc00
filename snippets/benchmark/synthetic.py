"""A made-up run, for the tests of the check and of the prose.

``make_run()`` runs the real CLI, experiments, rounds, limits, disturbance rule and statistics,
but every configuration "takes" the time a function of yours gives it instead of running, on a
made-up quiet two-core machine, and no process is started.  Every branch of the page's text can
so be produced on purpose and checked (tests/test_benchmark.py): a crossover whose verdicts
differ from size to size, an experiment marked disturbed for a median above its limit, a
``--workers`` count above the cores, a CPU quota, ...
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import os
import zlib
from collections.abc import Callable
from contextlib import ExitStack
from unittest import mock

from . import cli, experiments, machine, rounds

METHODS = ["fork", "spawn", "forkserver"]

MACHINE = {
    "cpu_model": "synthetic",
    "logical_cores": 2,
    "usable_cores": 2,
    "sched_getaffinity": 2,
    "process_cpu_count": 2,
    "cgroup_cpu_limit": None,
    "os": "synthetic",
    "python": {
        "version": "3.13.0",
        "implementation": "CPython",
        "build": "synthetic",
        "compiler": "synthetic",
        "free_threaded": False,
        "executable": "python",
    },
    "start_method": "fork",
    "start_methods": METHODS,
}

#: a start-up cost per start method (seconds), for the default times
START = {"fork": 0.01, "spawn": 0.12, "forkserver": 0.04}


def _jitter(*key) -> float:
    """A fixed, made-up spread of about 2 % around 1, different per arm and round."""
    n = zlib.crc32("|".join(map(str, key)).encode())
    return 1 + 0.02 * ((n % 7) - 3) / 3


def default_time(experiment: str, arm: str, field: str, index: int) -> float:
    """A plausible time for one field of one arm in one round, on two cores."""
    parts = arm.split("/")
    method = next((m for m in METHODS if m in parts), "fork")
    j = _jitter(experiment, arm, field, index)
    if experiment == "scaling":
        if arm == "serial":
            return 1.0 * j
        workers = int(parts[-1])
        if parts[0] == "threads":
            return 1.05 * j
        return (1.0 / min(workers, 2) * 1.1 + START[method]) * j
    if experiment == "crossover":
        size = float(parts[-1][:-2]) / 1000
        if parts[0] == "serial":
            return 0.5 * j
        return (0.5 / 2 * 1.1 + START[method] + 0.5 / size * 2e-5) * j
    if experiment == "chunksize":
        if arm == "serial":
            return 0.1 * j
        return (0.08 + 0.2 / int(parts[-1])) * j
    if experiment == "arguments":
        return (0.05 if parts[0] == "pickled" else 0.03) * j
    if experiment == "startup":
        if parts[0] == "interpreter":
            return 0.02 * j
        if parts[0] == "interpreter+imports":
            return 0.05 * j
        base = START[method]
        return {
            "wall": base * 1.5,
            "create": base / 2,
            "ready": base,
            "first_task": base * 0.8,
            "back": base * 0.2,
            "warm_task": 0.0002,
            "warm_back": 0.0002,
        }[field] * j
    if experiment == "notes":
        loops = int(parts[-1])
        if parts[0] == "loop":
            return loops * 1e-6 * j
        work = loops * 1e-6 * 2 / 3
        return {
            "create": START[method],
            "map": work,
            "close_join": START[method] / 4,
            "parent_cpu": 0.01,
            "worker_cpu": work,
        }[field] * j
    if experiment == "per_task":
        if arm in ("loop", "asyncio.gather", "ThreadPoolExecutor.submit"):
            cost = {"loop": 1e-7, "asyncio.gather": 5e-6}.get(arm, 2e-5)
        else:
            cost = 5e-6 if "chunksize=" in arm and "chunksize=1/" not in arm else 5e-5
        return cost * experiments.QUICK.per_task_tasks * j
    if experiment == "engines":
        return {"setup": 1.0, "wall": 0.05}[field] * j
    raise ValueError(f"no default time for {experiment} {arm}")


def _fields(experiment: str, arm: str) -> tuple:
    """The fields an arm of this experiment reports besides ``wall``."""
    if experiment == "startup" and arm.startswith(("Pool/", "ProcessPoolExecutor/")):
        return experiments.LATENCY_FIELDS
    if experiment == "notes" and arm.startswith("Pool()/"):
        return ("create", "map", "close_join", "parent_cpu", "worker_cpu")
    if experiment == "engines":
        return ("wall", "setup")
    return ("wall",)


def make_run(
    timing: Callable[[str, str, str, int], float | None] | None = None,
    *,
    repeats: int = 9,
    max_extra: int = 0,
    workers: int | None = None,
    others: Callable[[str, str, int], float] | None = None,
    machine_record: dict | None = None,
    profile: dict | None = None,
    seed: int = 1,
) -> dict:
    """A run of the quick profile, made up: ``timing(experiment, arm, field, round)`` gives a
    time in seconds (None: ``default_time``), ``others(experiment, arm, round)`` the cores
    other processes used meanwhile (default none).  ``profile`` replaces fields of the quick
    profile (e.g. ``crossover_sizes_s``); ``machine_record`` fields of the machine."""
    record = {**MACHINE, **(machine_record or {})}
    quick = dataclasses.replace(experiments.QUICK, **(profile or {}))
    calls: dict = {}

    def time_of(experiment, arm, field, index):
        got = timing(experiment, arm, field, index) if timing else None
        return default_time(experiment, arm, field, index) if got is None else got

    def fake_arm(experiment, name):
        def run(_context):
            index = calls.get((experiment, name), 0)
            calls[(experiment, name)] = index + 1
            out = {
                f: time_of(experiment, name, f, index)
                for f in _fields(experiment, name)
            }
            if experiment == "startup" and "create" in out:
                out["wall"] = out["create"] + out["first_task"] + out["back"]
            if experiment == "notes" and "create" in out:
                out["wall"] = out["create"] + out["map"] + out["close_join"]
            if experiment == "per_task":
                out["per_task"] = out["wall"] / quick.per_task_tasks
            if experiment == "engines":
                out["per_task"] = out["wall"] / quick.engine_tasks
            out["_busy"] = others(experiment, name, index) if others else 0.0
            return out

        return run

    real_rounds = experiments.Run.rounds

    def fake_rounds(self, experiment, groups, limits=(), repeats=None, max_extra=None):
        made = [
            rounds.Group(
                g.name,
                [rounds.Arm(a.name, fake_arm(experiment, a.name)) for a in g.arms],
            )
            for g in groups
        ]
        return real_rounds(self, experiment, made, limits, repeats, max_extra)

    probes = itertools.count()

    def fake_measure(arm, context, watch):
        out = arm.run(context)
        busy = out.pop("_busy")
        span = out["wall"]
        out.update(
            span=span,
            machine_busy=span + busy * span,
            steal=0.0,
            own_cpu=span,
            processes=1,
        )
        out = {k: rounds._round(v) for k, v in out.items()}
        # the CPU-speed probe on two CPUs before and after: 2.0 ms, every seventh arm 3.0 ms
        slow = 0.003 if next(probes) % 7 == 0 else 0.002
        out["probe"] = {"before": [0.002, slow], "after": [0.0021, 0.002]}
        return out

    def watch_for(cls, cores):
        return rounds.Watch(cores=cores, cpus=[0, 1], others_cores=0.25, tick=0.01)

    def engine(cores, tasks):
        return 1.0, 0.05, None

    argv = ["--quick", "--no-progress", "--seed", str(seed), "--repeats", str(repeats)]
    argv += ["--max-extra-rounds", str(max_extra)]
    if workers:
        argv += ["--workers", str(workers)]
    with ExitStack() as stack:
        patch = stack.enter_context
        patch(mock.patch.dict(os.environ))
        patch(mock.patch.object(experiments, "QUICK", quick))
        patch(
            mock.patch.object(
                experiments, "prime", lambda ms: {m: START[m] for m in ms}
            )
        )
        patch(mock.patch.object(experiments, "calibrate", lambda: 2e7))
        patch(mock.patch.object(experiments, "default_pool_size", lambda: 2))
        patch(mock.patch.object(experiments, "_installed", lambda m: m != "ray"))
        patch(mock.patch.object(experiments, "_version", lambda m: "0.0"))
        patch(
            mock.patch.dict(
                experiments.ENGINES,
                {
                    name: (module, engine)
                    for name, (module, _) in experiments.ENGINES.items()
                },
            )
        )
        patch(mock.patch.object(experiments.Run, "rounds", fake_rounds))
        patch(mock.patch.object(rounds, "measure", fake_measure))
        patch(mock.patch.object(rounds.Watch, "for_machine", classmethod(watch_for)))
        patch(mock.patch.object(machine, "describe", lambda: json_copy(record)))
        patch(mock.patch.object(machine, "load_average", lambda: [0.1, 0.1, 0.1]))
        patch(mock.patch.object(machine, "cpu_ticks", lambda cpus=None: None))
        patch(mock.patch.object(machine, "tree_cpu", lambda: None))
        patch(
            mock.patch.object(multiprocessing, "get_all_start_methods", lambda: METHODS)
        )
        patch(mock.patch.object(cli, "_commit", lambda: "synthetic"))
        run = cli.run(cli.parse_args(argv))
    return json_copy(run)


def json_copy(data):
    """A deep copy through JSON: what a results file holds, no shared lists."""
    import json

    return json.loads(json.dumps(data))
