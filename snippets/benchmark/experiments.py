"""The experiments.  Each returns a JSON-ready dict; times are in seconds.

Every experiment runs its arms in interleaved, shuffled rounds (``rounds.run_rounds``),
under every start method this machine has, and states each comparison as a paired ratio
with its 95 % interval (two order statistics of the per-round ratios).  Every pool is
closed and joined (or shut down) inside the arm or group that made it, and every shared
memory block is unlinked, so a run leaves no process and no /dev/shm entry behind.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import math
import multiprocessing
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import shared_memory
from pathlib import Path

from . import machine, rounds, stats
from .rounds import Arm, Group, Limit, compare, comparison_key, describe, single
from .work import (
    at_gate,
    checksum,
    checksum_shared,
    first_line,
    hold_gate,
    inc,
    inc_async,
    mark_started,
    noop,
    notes_task_timed,
    now,
    spin,
    spin_timed,
)

clock = time.perf_counter


@dataclass
class Profile:
    """How much work each experiment does: the full run, or --quick for the tests."""

    name: str
    repeats: int
    max_extra_rounds: int
    scaling_tasks: int
    scaling_task_s: float
    extra_workers: int
    max_worker_points: int
    crossover_total_s: float
    crossover_sizes_s: list
    chunksize_tasks: int
    chunksize_task_s: float
    chunksizes: list
    args_mb: list
    args_tasks: int
    startup_repeats: int
    notes_loops: list
    per_task_tasks: int
    per_task_chunksize: int
    engine_tasks: int
    engine_repeats: int
    engine_max_extra_rounds: int


FULL = Profile(
    name="full",
    repeats=9,
    max_extra_rounds=4,
    scaling_tasks=12,
    scaling_task_s=0.1,
    extra_workers=2,
    max_worker_points=8,
    crossover_total_s=1.0,
    crossover_sizes_s=[3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1],
    chunksize_tasks=10_000,
    chunksize_task_s=20e-6,
    chunksizes=[1, 4, 16, 64, 256, 1024],
    args_mb=[1, 4, 16],
    args_tasks=16,
    startup_repeats=21,
    notes_loops=[10_000_000, 1_000_000],
    per_task_tasks=5000,
    per_task_chunksize=500,
    engine_tasks=1000,
    engine_repeats=6,  # the fewest rounds with a 95 % interval (stats.MIN_ROUNDS)
    engine_max_extra_rounds=2,
)

QUICK = Profile(
    name="quick",
    repeats=2,
    max_extra_rounds=0,
    scaling_tasks=4,
    scaling_task_s=0.005,
    extra_workers=0,
    max_worker_points=1,
    crossover_total_s=0.02,
    crossover_sizes_s=[1e-3, 1e-2],
    chunksize_tasks=400,
    chunksize_task_s=20e-6,
    chunksizes=[1, 16],
    args_mb=[0.25],
    args_tasks=4,
    startup_repeats=2,
    notes_loops=[100_000, 10_000],
    per_task_tasks=200,
    per_task_chunksize=50,
    engine_tasks=40,
    engine_repeats=1,
    engine_max_extra_rounds=0,
)


@dataclass
class Run:
    """What every experiment needs: the profile, the machine, the seed, the watcher.

    ``cores`` is how many workers the run plans for (``--workers``, or the usable cores); it
    only chooses worker counts.  ``parallel`` is the most cores the work can use at once
    (``machine.parallel_cores``): every speedup limit and every efficiency is taken against
    it, so asking for more workers than cores cannot raise a limit.
    """

    profile: Profile
    rate: float
    cores: int
    methods: list
    seed: int
    watch: rounds.Watch
    parallel: float = 0.0
    first_process: dict = field(default_factory=dict)
    tick: Callable[[bool], None] = lambda extra: None

    def __post_init__(self):
        if not self.parallel:
            self.parallel = self.cores

    def rounds(
        self,
        experiment: str,
        groups: list,
        limits: list = (),
        repeats: int | None = None,
        max_extra: int | None = None,
    ) -> dict:
        rng = random.Random(stats.seed_for(self.seed, "order", experiment))
        repeats = repeats or self.profile.repeats
        return rounds.run_rounds(
            groups,
            repeats=repeats,
            max_extra=self.profile.max_extra_rounds if max_extra is None else max_extra,
            rng=rng,
            watch=self.watch,
            limits=limits,
            tick=self.tick,
        )


def _compare(result: dict, arm: str, baseline: str, key="wall"):
    return comparison_key(arm, baseline, key), compare(result, arm, baseline, key)


def prime(methods: list) -> dict:
    """Start one process, one pool and one executor under each start method, untimed.

    What a program pays once per start method lands here rather than in the first round of
    the first experiment: the forkserver's server process, the resource tracker (spawn and
    forkserver), the import of ``multiprocessing.pool`` and the executor's modules.  Returns
    how long each method's very first process took to start and join.
    """
    first = {}
    for method in methods:
        first[method] = _process(method)["wall"]
        _close(_warm_pool(method, 1))
        _warm_executor(method, 1).shutdown(wait=True)
    return first


#: how long the CPU-speed probe's loop takes on one CPU at the calibrated speed: long
#: enough for the clock (a few microseconds' jitter), short against any arm
PROBE_SECONDS = 0.002


def calibrate(target_s: float = 0.05) -> float:
    """Rounds of ``spin`` per second on this machine (best of five short runs)."""
    n = 20_000
    while True:
        t0 = clock()
        spin(n)
        if clock() - t0 > target_s / 5:
            break
        n *= 2
    best = min(_timed(spin, n) for _ in range(5))
    return n / best


def _timed(fn, *args) -> float:
    t0 = clock()
    fn(*args)
    return clock() - t0


def rounds_for(rate: float, seconds: float) -> int:
    return max(1, round(rate * seconds))


def worker_counts(cores: int, extra: int, max_points: int) -> list:
    """1 … cores and a little past (cores + extra); thinned out on machines with many cores;
    only the cores when a single point is asked for (the quick run)."""
    if max_points == 1:
        return [cores]
    top = cores + extra
    if top <= max_points:
        return list(range(1, top + 1))
    counts = {1, cores, top}
    step = 2
    while step < cores:
        counts.add(step)
        step *= 2
    return sorted(counts)


def default_chunksize(tasks: int, workers: int) -> int:
    """What Pool.map picks when chunksize is None (Lib/multiprocessing/pool.py)."""
    chunksize, extra = divmod(tasks, workers * 4)
    return chunksize + 1 if extra else chunksize


def _size(seconds: float) -> str:
    """A task size as it appears in an arm's name: milliseconds."""
    return f"{seconds * 1000:g}ms"


# 1. CPU-bound scaling --------------------------------------------------------------------


def _cpu_fields(wall: float, parent: float, reports, in_processes: bool) -> dict:
    cpu = stats.worker_cpu(reports)
    return {
        "wall": wall,
        "parent_cpu": parent,
        # threads report this process's clock: their CPU is already in the parent's
        "worker_cpu": cpu["workers"] if in_processes else 0.0,
        "task_cpu": cpu["tasks"],
        "workers_used": cpu["processes"] if in_processes else 1,
    }


def _serial(tasks) -> dict:
    c0, t0 = time.process_time(), clock()
    [spin(x) for x in tasks]
    wall, cpu = clock() - t0, time.process_time() - c0
    return {
        "wall": wall,
        "parent_cpu": cpu,
        "worker_cpu": 0.0,
        "task_cpu": cpu,
        "workers_used": 1,
    }


def _threads(workers: int, tasks) -> dict:
    c0, t0 = time.process_time(), clock()
    with ThreadPoolExecutor(workers) as ex:
        reports = list(ex.map(spin_timed, tasks))
    return _cpu_fields(clock() - t0, time.process_time() - c0, reports, False)


def _pool(method: str, workers: int, tasks) -> dict:
    c0, t0 = time.process_time(), clock()
    p = multiprocessing.get_context(method).Pool(workers)
    try:
        reports = p.map(spin_timed, tasks, chunksize=1)
    finally:
        p.close()
        p.join()
    return _cpu_fields(clock() - t0, time.process_time() - c0, reports, True)


def _executor(method: str, workers: int, tasks) -> dict:
    c0, t0 = time.process_time(), clock()
    ctx = multiprocessing.get_context(method)
    with ProcessPoolExecutor(workers, mp_context=ctx) as ex:
        reports = list(ex.map(spin_timed, tasks))
    return _cpu_fields(clock() - t0, time.process_time() - c0, reports, True)


KINDS = {"Pool": _pool, "ProcessPoolExecutor": _executor}


def scaling(run: Run) -> dict:
    p, cores, parallel = run.profile, run.cores, run.parallel
    n = rounds_for(run.rate, p.scaling_task_s)
    tasks = [n] * p.scaling_tasks
    counts = worker_counts(cores, p.extra_workers, p.max_worker_points)
    arms = [Arm("serial", lambda _: _serial(tasks))]
    arms += [Arm(f"threads/{w}", lambda _, w=w: _threads(w, tasks)) for w in counts]
    for method in run.methods:
        for kind, fn in KINDS.items():
            arms += [
                Arm(
                    f"{kind}/{method}/{w}",
                    lambda _, fn=fn, m=method, w=w: fn(m, w, tasks),
                )
                for w in counts
            ]
    limits = [
        Limit(a.name, "serial", min(int(a.name.split("/")[-1]), parallel))
        for a in arms[1:]
    ]
    result = run.rounds("scaling", [single(a) for a in arms], limits)
    comparisons, points = {}, {}
    for a in arms[1:]:
        key, c = _compare(result, a.name, "serial")
        c["efficiency"] = c["estimate"] / parallel
        c["efficiency_ci"] = (
            None if c["ci"] is None else [x / parallel for x in c["ci"]]
        )
        comparisons[key] = c
        points[a.name] = key
    # start methods against each other, and Pool against ProcessPoolExecutor, at N = cores
    n_at = cores if cores in counts else counts[-1]
    for kind in KINDS:
        for method in run.methods:
            if method != "fork" and "fork" in run.methods:
                key, c = _compare(
                    result, f"{kind}/fork/{n_at}", f"{kind}/{method}/{n_at}"
                )
                comparisons[key] = c
    for method in run.methods:
        key, c = _compare(
            result, f"Pool/{method}/{n_at}", f"ProcessPoolExecutor/{method}/{n_at}"
        )
        comparisons[key] = c
    rounds.over_limits(result, comparisons, limits)
    return {
        "settings": {
            "tasks": p.scaling_tasks,
            "task_seconds": p.scaling_task_s,
            "rounds_per_task": n,
            "workers": counts,
            "cores": cores,
            "parallel_cores": parallel,
            "methods": run.methods,
            "at": n_at,
        },
        **result,
        "arms": {a.name: describe(result, a.name) for a in arms},
        "points": points,
        "comparisons": comparisons,
        "note": "each arm creates its pool, maps with chunksize=1 and closes it, all timed; "
        "speedup = plain loop / arm in the same round; efficiency = speedup / the cores "
        "the work can use (parallel_cores)",
    }


# 2. Task size crossover per start method -------------------------------------------------


def crossover_claims(sizes: list, verdicts: list) -> dict:
    """Where the pool measurably wins and loses, from the verdicts at ascending sizes.

    ``faster_from``: the smallest size from which on every measured size is "faster";
    ``slower_up_to``: the largest size up to which every measured size is "slower";
    sizes between the two (or all, when neither holds) showed no measurable difference,
    too few rounds, or a disturbance.  No size is interpolated between measured points.
    """
    if len(sizes) != len(verdicts) or not sizes:
        raise ValueError("one verdict per size, at least one size")
    if any(b <= a for a, b in zip(sizes, sizes[1:])):
        raise ValueError("sizes must ascend")
    faster_from = None
    for s, v in zip(reversed(sizes), reversed(verdicts)):
        if v != "faster":
            break
        faster_from = s
    slower_up_to = None
    for s, v in zip(sizes, verdicts):
        if v != "slower":
            break
        slower_up_to = s
    return {"faster_from": faster_from, "slower_up_to": slower_up_to}


def _pool_spin(method: str, workers: int, tasks) -> dict:
    t0 = clock()
    p = multiprocessing.get_context(method).Pool(workers)
    try:
        p.map(spin, tasks, chunksize=1)
    finally:
        p.close()
        p.join()
    return {"wall": clock() - t0}


def _loop_spin(tasks) -> dict:
    t0 = clock()
    [spin(x) for x in tasks]
    return {"wall": clock() - t0}


def crossover(run: Run) -> dict:
    p, cores, parallel = run.profile, run.cores, run.parallel
    sizes = p.crossover_sizes_s
    counts = {s: max(1, round(p.crossover_total_s / s)) for s in sizes}
    arms, limits = [], []
    for s in sizes:
        tasks = [rounds_for(run.rate, s)] * counts[s]
        arms.append(Arm(f"serial/{_size(s)}", lambda _, t=tasks: _loop_spin(t)))
        for method in run.methods:
            name = f"Pool/{method}/{_size(s)}"
            arms.append(Arm(name, lambda _, m=method, t=tasks: _pool_spin(m, cores, t)))
            limits.append(Limit(name, f"serial/{_size(s)}", min(parallel, counts[s])))
    result = run.rounds("crossover", [single(a) for a in arms], limits)
    comparisons, methods = {}, {}
    for method in run.methods:
        keys = []
        for s in sizes:
            key, c = _compare(result, f"Pool/{method}/{_size(s)}", f"serial/{_size(s)}")
            c["task_seconds"] = s
            comparisons[key] = c
            keys.append(key)
        methods[method] = {
            "comparisons": keys,
        }
    rounds.over_limits(result, comparisons, limits)
    for row in methods.values():
        row.update(
            crossover_claims(
                sizes, [comparisons[k]["verdict"] for k in row["comparisons"]]
            )
        )
    return {
        "settings": {
            "total_seconds": p.crossover_total_s,
            "sizes": sizes,
            "tasks": [counts[s] for s in sizes],
            "workers": cores,
            "methods": run.methods,
        },
        **result,
        "arms": {a.name: describe(result, a.name) for a in arms},
        "comparisons": comparisons,
        "methods": methods,
        "note": "fixed total work cut into tasks of each size; each pool arm creates its "
        "pool, maps with chunksize=1 and closes it, all timed",
    }


# 3. chunksize ----------------------------------------------------------------------------


def _warm_pool(method: str, workers: int):
    """A pool whose every worker has started and run a task (``work.at_gate``), before any
    clock starts."""
    ctx = multiprocessing.get_context(method)
    p = ctx.Pool(workers, initializer=hold_gate, initargs=(ctx.Barrier(workers),))
    try:
        pids = set(p.map(at_gate, range(workers), chunksize=1))
    except BaseException:
        p.terminate()
        p.join()
        raise
    if len(pids) != workers:  # cannot happen while at_gate holds each worker
        _close(p)
        raise RuntimeError(f"warm-up reached {len(pids)} of {workers} workers")
    return p


def _close(p) -> None:
    p.close()
    p.join()


def chunksize(run: Run) -> dict:
    p, cores, parallel = run.profile, run.cores, run.parallel
    n = rounds_for(run.rate, p.chunksize_task_s)
    tasks = [n] * p.chunksize_tasks
    default = default_chunksize(len(tasks), cores)
    sizes = sorted(set(p.chunksizes) | {default})
    groups = [single(Arm("serial", lambda _: _loop_spin(tasks)))]

    def timed_map(pool, size):
        return {"wall": _timed(pool.map, spin, tasks, size)}

    def timed_imap(pool, size):
        return {"wall": _timed(lambda: list(pool.imap(spin, tasks, size)))}

    for method in run.methods:
        arms = []
        for size in sizes:
            arms.append(
                Arm(f"map/{method}/{size}", lambda pool, s=size: timed_map(pool, s))
            )
            arms.append(
                Arm(f"imap/{method}/{size}", lambda pool, s=size: timed_imap(pool, s))
            )
        groups.append(
            Group(f"Pool/{method}", arms, lambda m=method: _warm_pool(m, cores), _close)
        )
    # a pool cannot beat the loop by more than the cores, nor by more than its chunks
    limits = [
        Limit(
            a.name,
            "serial",
            min(parallel, math.ceil(len(tasks) / int(a.name.split("/")[-1]))),
        )
        for g in groups[1:]
        for a in g.arms
    ]
    result = run.rounds("chunksize", groups, limits)
    comparisons, best = {}, {}
    for method in run.methods:
        for kind in ("map", "imap"):
            names = [f"{kind}/{method}/{s}" for s in sizes]
            medians = {
                name: stats.summarize(rounds.samples(result, name))["median"]
                for name in names
            }
            ranked = sorted(names, key=medians.get)
            fastest = ranked[0]
            for name in names:
                if name != f"{kind}/{method}/1":
                    key, c = _compare(result, name, f"{kind}/{method}/1")
                    comparisons[key] = c
                key, c = _compare(result, name, "serial")
                comparisons[key] = c
                if name != fastest:
                    key, c = _compare(result, fastest, name)
                    comparisons[key] = c
            best[f"{kind}/{method}"] = {
                "chunksize": int(fastest.split("/")[-1]),
                "runner_up": int(ranked[1].split("/")[-1]) if len(ranked) > 1 else None,
            }
    rounds.over_limits(result, comparisons, limits)
    return {
        "settings": {
            "tasks": len(tasks),
            "task_seconds": p.chunksize_task_s,
            "workers": cores,
            "chunksizes": sizes,
            "default_chunksize": default,
            "methods": run.methods,
        },
        **result,
        "arms": {a.name: describe(result, a.name) for g in groups for a in g.arms},
        "comparisons": comparisons,
        "best": best,
        "note": "a warm pool per start method (every worker has run a task), shared by its "
        "arms in a round; only map/imap is timed",
    }


# 4. Large argument: pickled vs shared_memory -------------------------------------------


def arguments(run: Run) -> dict:
    p, cores = run.profile, run.cores
    blobs = {mb: bytes(range(256)) * (int(mb * 1024 * 1024) // 256) for mb in p.args_mb}
    idx = list(range(p.args_tasks))

    def pickled(pool, data):
        t0 = clock()
        pool.starmap(checksum, [(data, i) for i in idx], chunksize=1)
        return {"wall": clock() - t0}

    def shared(pool, data):
        t0 = clock()
        shm = shared_memory.SharedMemory(create=True, size=len(data))
        try:
            shm.buf[: len(data)] = data
            pool.starmap(checksum_shared, [(shm.name, i) for i in idx], chunksize=1)
        finally:
            shm.close()
            shm.unlink()
        return {"wall": clock() - t0}

    groups = []
    for method in run.methods:
        arms = []
        for mb, data in blobs.items():
            arms.append(
                Arm(f"pickled/{method}/{mb:g}MB", lambda pool, d=data: pickled(pool, d))
            )
            arms.append(
                Arm(
                    f"shared_memory/{method}/{mb:g}MB",
                    lambda pool, d=data: shared(pool, d),
                )
            )
        groups.append(
            Group(f"Pool/{method}", arms, lambda m=method: _warm_pool(m, cores), _close)
        )
    result = run.rounds("arguments", groups)
    comparisons = {}
    for method in run.methods:
        for mb in blobs:
            key, c = _compare(
                result, f"shared_memory/{method}/{mb:g}MB", f"pickled/{method}/{mb:g}MB"
            )
            c["megabytes"] = mb
            comparisons[key] = c
    return {
        "settings": {
            "megabytes": p.args_mb,
            "tasks": p.args_tasks,
            "workers": cores,
            "methods": run.methods,
        },
        **result,
        "arms": {a.name: describe(result, a.name) for g in groups for a in g.arms},
        "comparisons": comparisons,
        "note": "pickled: the bytes travel with every task; shared_memory: copied once, tasks "
        "get the block's name; the shared time includes creating, filling and unlinking it",
    }


# 5. Start-up per start method, first-task latency ------------------------------------


def _interpreter(code: str) -> dict:
    t0 = clock()
    subprocess.run([sys.executable, "-c", code], check=True)
    return {"wall": clock() - t0}


def _process(method: str) -> dict:
    ctx = multiprocessing.get_context(method)
    t0 = clock()
    proc = ctx.Process(target=noop, args=(None,))
    proc.start()
    proc.join()
    return {"wall": clock() - t0}


def _first_task_pool(method: str, workers: int) -> dict:
    """Pool(): when it returns, when a worker is ready, apply_async -> the task's first line."""
    ctx = multiprocessing.get_context(method)
    t0 = now()
    p = ctx.Pool(workers, initializer=mark_started)
    try:
        t1 = now()
        first, ready, _ = p.apply_async(first_line).get()
        t2 = now()
        t3 = now()
        first2, _, _ = p.apply_async(first_line).get()
        t4 = now()
    finally:
        p.close()
        p.join()
    return {
        "create": t1 - t0,
        "ready": ready - t0,
        "first_task": first - t1,
        "back": t2 - first,
        "warm_task": first2 - t3,
        "warm_back": t4 - first2,
        "wall": t2 - t0,
    }


def _first_task_executor(method: str, workers: int) -> dict:
    """The same for ProcessPoolExecutor: submit() -> the task's first line."""
    ctx = multiprocessing.get_context(method)
    t0 = now()
    ex = ProcessPoolExecutor(workers, mp_context=ctx, initializer=mark_started)
    try:
        t1 = now()
        first, ready, _ = ex.submit(first_line).result()
        t2 = now()
        t3 = now()
        first2, _, _ = ex.submit(first_line).result()
        t4 = now()
    finally:
        ex.shutdown(wait=True)
    return {
        "create": t1 - t0,
        "ready": ready - t0,
        "first_task": first - t1,
        "back": t2 - first,
        "warm_task": first2 - t3,
        "warm_back": t4 - first2,
        "wall": t2 - t0,
    }


#: what a spawn child of this benchmark imports besides the interpreter's own start-up: the
#: spawn machinery and the module of its target (the main module is `snippets/benchmark/
#: __main__.py`, which multiprocessing does not import again in children: spawn.py,
#: _fixup_main_from_name)
IMPORTS = "import multiprocessing.spawn, snippets.benchmark.work"

LATENCY_FIELDS = (
    "create",
    "ready",
    "first_task",
    "back",
    "warm_task",
    "warm_back",
    "wall",
)


def startup(run: Run) -> dict:
    cores = run.cores
    arms = [
        Arm("interpreter", lambda _: _interpreter("pass")),
        Arm("interpreter+imports", lambda _: _interpreter(IMPORTS)),
    ]
    for method in run.methods:
        arms += [
            Arm(f"Process/{method}", lambda _, m=method: _process(m)),
            Arm(f"Pool/{method}", lambda _, m=method: _first_task_pool(m, cores)),
            Arm(
                f"ProcessPoolExecutor/{method}",
                lambda _, m=method: _first_task_executor(m, cores),
            ),
        ]
    result = run.rounds(
        "startup", [single(a) for a in arms], repeats=run.profile.startup_repeats
    )
    described = {}
    for a in arms:
        fields = (
            LATENCY_FIELDS if a.name.startswith(("Pool/", "ProcessPool")) else ("wall",)
        )
        for f in fields:
            described[f"{a.name} [{f}]"] = describe(result, a.name, f)
    comparisons = {}
    if "fork" in run.methods:
        for method in run.methods:
            if method == "fork":
                continue
            for kind, key in (
                ("Process", "wall"),
                ("Pool", "first_task"),
                ("ProcessPoolExecutor", "first_task"),
                ("Pool", "warm_task"),
            ):
                k, c = _compare(result, f"{kind}/fork", f"{kind}/{method}", key)
                comparisons[k] = c
    if "spawn" in run.methods:
        for base in ("interpreter", "interpreter+imports"):
            k, c = _compare(result, base, "Process/spawn")
            comparisons[k] = c
    return {
        "settings": {"workers": cores, "methods": run.methods, "imports": IMPORTS},
        # the first process of each start method, started before any experiment (prime)
        "first_process": run.first_process,
        **result,
        "arms": described,
        "comparisons": comparisons,
        "note": "Process: start() and join() of a Process whose target returns at once; "
        "Pool / ProcessPoolExecutor: create = the constructor, ready = until a worker ran its "
        "initializer, first_task = apply_async()/submit() until the task's first line ran in "
        "a worker, back = from there until get()/result() returned; warm_* = a second task; "
        "interpreter = `python -c pass`; interpreter+imports = `python -c '"
        + IMPORTS
        + "'`",
    }


# 6. The notes' experiment ---------------------------------------------------------------

#: what the notes' text keeps of their experiment (their code and output were screenshots)
NOTES_QUOTED = {
    "args": [1, 2, 10],
    "task": {
        "zh": "我们同样传入 1 2 10 三个参数测试",
        "en": "we pass the same three arguments 1 2 10 to test",
    },
    "fewer_loops": {
        "zh": "我们把循环里的数字去掉一个 0",
        "en": "we take one 0 off the number in the loop",
    },
    "main_fix": {
        "zh": '把 pool = Pool() 放到 if name == " main ": 下面初始化搞定',
        "en": 'moving pool = Pool() under if name == " main ": fixed it',
    },
    "reserve": {
        "zh": "上面就是预留了 一个cpu 干其他事的",
        "en": "above, one cpu is kept free for other things",
    },
    "first_run": {"zh": "开始快了一半的", "en": "it was faster by half at first"},
    "second_run": {
        "zh": "单进程/进程池 分别为 0.669 和 0.772",
        "en": "single process / pool: 0.669 and 0.772 respectively",
    },
    "loop_seconds": 0.669,
    "pool_seconds": 0.772,
}


def notes_reading(quoted: dict = NOTES_QUOTED) -> dict:
    """What the notes' two numbers imply, read as seconds (单进程 0.669 s, 进程池 0.772 s).

    Three equal tasks of ``loop / 3`` each; a pool of P processes needs ceil(3 / P) rounds
    of them plus a fixed cost F (start and stop the pool), so F = pool - ceil(3/P) * task.
    With the loop ten times longer (one zero more, the first run), the same F gives the
    ratio the first run would have had.
    """
    loop, pool = quoted["loop_seconds"], quoted["pool_seconds"]
    task = loop / 3
    out = {"pool_over_loop": pool / loop, "task_seconds": task, "by_processes": {}}
    for procs in (2, 3):
        fixed = pool - math.ceil(3 / procs) * task
        first = (math.ceil(3 / procs) * task * 10 + fixed) / (loop * 10)
        out["by_processes"][str(procs)] = {
            "processes": procs,
            "fixed_seconds": fixed,
            "first_run_ratio": first,
        }
    return out


def _notes_loop(loops: int) -> dict:
    args = NOTES_QUOTED["args"]
    c0, t0 = time.process_time(), clock()
    [notes_task_timed(x, loops) for x in args]
    wall = clock() - t0
    return {"wall": wall, "parent_cpu": time.process_time() - c0}


def _notes_pool(method: str, loops: int) -> dict:
    args = NOTES_QUOTED["args"]
    c0, t0 = time.process_time(), clock()
    p = multiprocessing.get_context(method).Pool()  # as in the notes: default size
    t1 = clock()
    try:
        reports = p.starmap(notes_task_timed, [(x, loops) for x in args])
        t2 = clock()
    finally:
        p.close()
        p.join()
    t3 = clock()
    return {
        "wall": t3 - t0,
        "create": t1 - t0,
        "map": t2 - t1,
        "close_join": t3 - t2,
        "parent_cpu": time.process_time() - c0,
        "worker_cpu": stats.worker_cpu(reports)["workers"],
    }


#: the notes' experiment as a script file of its own, started as ``python notes_script.py``
NOTES_SCRIPT = Path(__file__).with_name("notes_script.py")
#: the start methods whose pool arm runs as that script: the notes' conditions
NOTES_AS_SCRIPT = ("spawn",)


def _notes_script(method: str, loops: int) -> dict:
    """The pool arm run the notes' way: a script started as ``python notes_script.py``, so
    that every ``spawn`` worker runs the script's top level again before its first task (this
    benchmark's own ``-m`` main module is not imported by its children).  The script times
    itself; the interpreter's start is outside ``wall``, as it was outside the notes' timing.
    """
    out = subprocess.run(
        [sys.executable, str(NOTES_SCRIPT), method, str(loops)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    got = json.loads(out.stdout)
    got["worker_cpu"] = stats.worker_cpu(got.pop("reports"))["workers"]
    return got


def default_pool_size() -> int:
    """What Pool() uses: os.process_cpu_count() from 3.13, os.cpu_count() before."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    return os.cpu_count() or 1


def notes_limit(tasks: int, processes: int, parallel: float) -> float:
    """The most a pool of ``processes`` can beat a loop over ``tasks`` equal tasks by: no more
    than the cores, and no more than the tasks allow, run ``processes`` at a time."""
    return min(parallel, tasks / math.ceil(tasks / min(processes, tasks)))


def notes(run: Run) -> dict:
    args = NOTES_QUOTED["args"]
    procs = default_pool_size()
    most = notes_limit(len(args), procs, run.parallel)
    arms, limits = [], []
    for loops in run.profile.notes_loops:
        arms.append(Arm(f"loop/{loops}", lambda _, n=loops: _notes_loop(n)))
        for method in run.methods:
            name = f"Pool()/{method}/{loops}"
            fn = _notes_script if method in NOTES_AS_SCRIPT else _notes_pool
            arms.append(Arm(name, lambda _, f=fn, m=method, n=loops: f(m, n)))
            limits.append(Limit(name, f"loop/{loops}", most))
    result = run.rounds("notes", [single(a) for a in arms], limits)
    comparisons, described = {}, {}
    for loops in run.profile.notes_loops:
        described[f"loop/{loops}"] = describe(result, f"loop/{loops}")
        for method in run.methods:
            name = f"Pool()/{method}/{loops}"
            key, c = _compare(result, name, f"loop/{loops}")
            comparisons[key] = c
            for f in ("wall", "create", "map", "close_join"):
                described[f"{name} [{f}]"] = describe(result, name, f)
    rounds.over_limits(result, comparisons, limits)
    for c in comparisons.values():
        # the notes' own framing: pool time / loop time (the inverse of the speedup)
        c["pool_over_loop"] = 1 / c["estimate"]
        c["pool_over_loop_ci"] = (
            None if c["ci"] is None else [1 / c["ci"][1], 1 / c["ci"][0]]
        )
    return {
        "settings": {
            "args": args,
            "loops": run.profile.notes_loops,
            "pool_processes": procs,
            "cores": run.cores,
            "parallel_cores": run.parallel,
            "methods": run.methods,
            "as_script": [m for m in run.methods if m in NOTES_AS_SCRIPT],
            "best_ratio": 1 / most,
        },
        "quoted": NOTES_QUOTED,
        "reading": notes_reading(),
        **result,
        "arms": described,
        "comparisons": comparisons,
        "note": "each Pool() arm creates the pool, maps the 3 arguments and closes it, all "
        "timed, as the notes did; under spawn (the notes' conditions) as a script of its own, "
        "`python notes_script.py`, whose workers run the script's top level again; under the "
        "other methods in this process, for comparison; loop = the same 3 calls in a plain loop",
    }


# 7. Cost per task: asyncio, threads, processes; then joblib, Dask, Ray ------------------


def _per_task(fn, tasks: int) -> dict:
    t0 = clock()
    out = fn()
    wall = clock() - t0
    if out != list(range(1, tasks + 1)):
        raise AssertionError("a per-task arm returned the wrong results")
    return {"wall": wall, "per_task": wall / tasks}


async def _gather(n: int):
    return await asyncio.gather(*(inc_async(x) for x in range(n)))


def _warm_executor(method: str, workers: int):
    """An executor whose every worker has started and run a task (``work.at_gate``).

    Under spawn and forkserver the executor starts a worker in ``submit()`` when no worker
    is idle; N waiting tasks therefore start N workers, and all N must run one at once.
    """
    ctx = multiprocessing.get_context(method)
    ex = ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=hold_gate, initargs=(ctx.Barrier(workers),)
    )
    try:
        pids = {f.result() for f in [ex.submit(at_gate) for _ in range(workers)]}
    except BaseException:
        ex.shutdown(wait=True, cancel_futures=True)
        raise
    if len(pids) != workers:
        ex.shutdown(wait=True)
        raise RuntimeError(f"warm-up reached {len(pids)} of {workers} workers")
    return ex


def _warm_threads(workers: int):
    ex = ThreadPoolExecutor(workers)
    [f.result() for f in [ex.submit(noop, i) for i in range(workers)]]
    return ex


def per_task(run: Run) -> dict:
    n, cs, cores = run.profile.per_task_tasks, run.profile.per_task_chunksize, run.cores

    def submit_all(ex):
        return [f.result() for f in [ex.submit(inc, x) for x in range(n)]]

    groups = [
        single(Arm("loop", lambda _: _per_task(lambda: [inc(x) for x in range(n)], n))),
        single(
            Arm(
                "asyncio.gather",
                lambda _: _per_task(lambda: asyncio.run(_gather(n)), n),
            )
        ),
        Group(
            "threads",
            [
                Arm(
                    "ThreadPoolExecutor.submit",
                    lambda ex: _per_task(lambda: submit_all(ex), n),
                )
            ],
            lambda: _warm_threads(cores),
            lambda ex: ex.shutdown(wait=True),
        ),
    ]
    for method in run.methods:
        groups.append(
            Group(
                f"Pool/{method}",
                [
                    Arm(
                        f"Pool.apply_async/{method}",
                        lambda p: _per_task(
                            lambda: [
                                r.get()
                                for r in [p.apply_async(inc, (x,)) for x in range(n)]
                            ],
                            n,
                        ),
                    ),
                    Arm(
                        f"Pool.map chunksize=1/{method}",
                        lambda p: _per_task(lambda: p.map(inc, range(n), 1), n),
                    ),
                    Arm(
                        f"Pool.map chunksize={cs}/{method}",
                        lambda p: _per_task(lambda: p.map(inc, range(n), cs), n),
                    ),
                ],
                lambda m=method: _warm_pool(m, cores),
                _close,
            )
        )
        groups.append(
            Group(
                f"ProcessPoolExecutor/{method}",
                [
                    Arm(
                        f"ProcessPoolExecutor.submit/{method}",
                        lambda ex: _per_task(lambda: submit_all(ex), n),
                    ),
                    Arm(
                        f"ProcessPoolExecutor.map chunksize={cs}/{method}",
                        lambda ex: _per_task(
                            lambda: list(ex.map(inc, range(n), chunksize=cs)), n
                        ),
                    ),
                ],
                lambda m=method: _warm_executor(m, cores),
                lambda ex: ex.shutdown(wait=True),
            )
        )
    result = run.rounds("per_task", groups)
    names = [a.name for g in groups for a in g.arms]
    described = {name: describe(result, name, "per_task") for name in names}
    comparisons = {}

    def add(arm, baseline):
        key, c = _compare(result, arm, baseline, "per_task")
        comparisons[key] = c

    add("asyncio.gather", "ThreadPoolExecutor.submit")
    for method in run.methods:
        add("ThreadPoolExecutor.submit", f"ProcessPoolExecutor.submit/{method}")
        add("ThreadPoolExecutor.submit", f"Pool.apply_async/{method}")
        add(f"Pool.map chunksize={cs}/{method}", f"Pool.map chunksize=1/{method}")
        add(
            f"ProcessPoolExecutor.map chunksize={cs}/{method}",
            f"ProcessPoolExecutor.submit/{method}",
        )
        add(f"Pool.apply_async/{method}", f"ProcessPoolExecutor.submit/{method}")
    return {
        "settings": {
            "tasks": n,
            "chunksize": cs,
            "workers": cores,
            "methods": run.methods,
        },
        **result,
        "arms": described,
        "comparisons": comparisons,
        "note": "tasks that add 1 to a number; every pool is started and warmed up before "
        "its arms, so per_task = the batch's time / tasks, the engine's own cost",
    }


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


# Each engine returns (setup seconds, batch seconds, the CPU of this process and everything
# it started, read while the engine's processes are still alive): Ray's workers are not all
# reaped by this process, so their CPU would vanish from a reading taken after shutdown and
# be counted as other processes' load (rounds.BEFORE_EXIT).


def _tree_cpu() -> float | None:
    read = machine.tree_cpu()
    return None if read is None else read["cpu"]


def _engine_joblib(cores, tasks):
    from joblib import Parallel, delayed
    from joblib.externals.loky import get_reusable_executor

    t0 = clock()
    try:
        with Parallel(n_jobs=cores) as parallel:
            parallel(delayed(noop)(x) for x in range(cores))
            setup = clock() - t0
            t0 = clock()
            parallel(delayed(noop)(x) for x in tasks)
            return setup, clock() - t0, _tree_cpu()
    finally:
        # joblib's default backend (loky) keeps its workers for the next Parallel: without
        # this every round after the first would time a warm start (1-2 ms instead of the
        # 160-330 ms of starting them, measured here)
        get_reusable_executor(max_workers=cores).shutdown(wait=True)


def _engine_dask(cores, tasks):
    from dask.distributed import Client, LocalCluster

    t0 = clock()
    with (
        LocalCluster(
            n_workers=cores,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.gather(client.map(noop, range(cores), pure=False))
        setup = clock() - t0
        t0 = clock()
        client.gather(client.map(noop, tasks, pure=False))
        return setup, clock() - t0, _tree_cpu()


def _engine_ray(cores, tasks):
    import ray

    t0 = clock()
    ray.init(
        num_cpus=cores,
        include_dashboard=False,
        log_to_driver=False,
        object_store_memory=100 * 1024 * 1024,
    )
    try:
        remote = ray.remote(noop)
        ray.get([remote.remote(x) for x in range(cores)])
        setup = clock() - t0
        t0 = clock()
        ray.get([remote.remote(x) for x in tasks])
        return setup, clock() - t0, _tree_cpu()
    finally:
        ray.shutdown()


ENGINES = {
    "joblib": ("joblib", _engine_joblib),
    "Dask": ("distributed", _engine_dask),
    "Ray": ("ray", _engine_ray),
}


#: what --quick runs unless --engines says otherwise: Ray's start alone takes seconds
QUICK_ENGINES = ["joblib", "Dask"]


def engines(run: Run, only: list | None = None) -> dict:
    n, cores = run.profile.engine_tasks, run.cores
    tasks = list(range(n))
    skipped, arms = {}, []
    for name, (module, fn) in ENGINES.items():
        if only is not None and name not in only:
            skipped[name] = "not selected (--engines, or not run by --quick)"
        elif not _installed(module):
            skipped[name] = f"{module} is not installed for {sys.executable}"
        else:

            def arm(_, fn=fn):
                setup, wall, cpu = fn(cores, tasks)
                out = {"wall": wall, "setup": setup, "per_task": wall / n}
                if cpu is not None:
                    out[rounds.BEFORE_EXIT] = cpu
                return out

            arms.append(Arm(name, arm))
    out = {
        "settings": {"tasks": n, "workers": cores},
        "skipped": skipped,
        "versions": {},
        "note": "a task that returns its argument; setup = starting the engine and one task "
        "per worker; per_task = the batch's time / tasks",
    }
    if run.profile.engine_repeats > 1:
        # each engine starts once before the rounds, untimed: one that cannot start here (Ray
        # on a machine too busy for its daemons) is skipped alone, not with the others
        for a in list(arms):
            try:
                a.run(None)
            except Exception as exc:
                skipped[a.name] = f"failed: {type(exc).__name__}: {exc}"
                arms.remove(a)
    if not arms:
        return {**out, "status": "skipped", "rounds": [], "used_rounds": [], "arms": {}}
    out["versions"] = {a.name: _version(ENGINES[a.name][0]) for a in arms}
    failed = {}

    def guarded(a):
        def call(context):
            try:
                return a.run(context)
            except Exception as exc:  # an engine that fails is reported, not fatal
                failed[a.name] = f"failed: {type(exc).__name__}: {exc}"
                raise

        return Arm(a.name, call)

    try:
        result = run.rounds(
            "engines",
            [single(guarded(a)) for a in arms],
            repeats=run.profile.engine_repeats,
            max_extra=run.profile.engine_max_extra_rounds,
        )
    except Exception:
        for a in arms:
            skipped.setdefault(
                a.name, failed.get(a.name, "failed beside another engine")
            )
        return {**out, "status": "skipped", "rounds": [], "used_rounds": [], "arms": {}}
    described = {}
    for a in arms:
        for f in ("per_task", "setup"):
            described[f"{a.name} [{f}]"] = describe(result, a.name, f)
    return {**out, **result, "arms": described}


def _version(module: str | None) -> str | None:
    if module is None:
        return None
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return None


EXPERIMENTS = {
    "scaling": scaling,
    "crossover": crossover,
    "chunksize": chunksize,
    "arguments": arguments,
    "startup": startup,
    "notes": notes,
    "per_task": per_task,
}
