"""The seven experiments.  Each returns a JSON-ready dict; times are in seconds.

Every pool is closed and joined (or shut down) before its experiment returns, and every
shared memory block is unlinked, so a run leaves no process and no /dev/shm entry behind.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import shared_memory

from . import machine, stats
from .work import (
    checksum,
    checksum_shared,
    noop,
    notes_task,
    notes_task_timed,
    spin,
    spin_timed,
)

clock = time.perf_counter


@dataclass
class Profile:
    """How much work each experiment does: the full run, or --quick for the tests."""

    name: str
    repeats: int
    scaling_tasks: int
    scaling_task_s: float
    crossover_total_s: float
    crossover_sizes_s: list[float]
    chunksize_tasks: int
    chunksize_task_s: float
    chunksizes: list[int]
    args_mb: list[float]
    args_tasks: int
    startup_repeats: int
    notes_loops: list[int]
    engine_tasks: int
    extra_workers: int = 2
    max_worker_points: int = 8
    notes: dict = field(default_factory=dict)


FULL = Profile(
    name="full",
    repeats=7,
    scaling_tasks=12,
    scaling_task_s=0.3,
    crossover_total_s=1.2,
    crossover_sizes_s=[3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3],
    chunksize_tasks=20_000,
    chunksize_task_s=20e-6,
    chunksizes=[1, 4, 16, 64, 256, 1024],
    args_mb=[1, 4, 16],
    args_tasks=16,
    startup_repeats=5,
    notes_loops=[10_000_000, 1_000_000],
    engine_tasks=1000,
)

QUICK = Profile(
    name="quick",
    repeats=2,
    scaling_tasks=4,
    scaling_task_s=0.005,
    crossover_total_s=0.02,
    crossover_sizes_s=[1e-3, 1e-2],
    chunksize_tasks=400,
    chunksize_task_s=20e-6,
    chunksizes=[1, 16],
    args_mb=[0.25],
    args_tasks=4,
    startup_repeats=2,
    notes_loops=[100_000, 10_000],
    engine_tasks=40,
    extra_workers=1,
    max_worker_points=3,
)


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


def rounds(rate: float, seconds: float) -> int:
    return max(1, round(rate * seconds))


def worker_counts(cores: int, extra: int, max_points: int) -> list[int]:
    """1 … cores and a little past (cores + extra); thinned out on machines with many cores."""
    top = cores + extra
    if top <= max_points:
        return list(range(1, top + 1))
    counts = {1, cores, top}
    step = 2
    while step < cores:
        counts.add(step)
        step *= 2
    return sorted(counts)


def _repeat(fn, repeats: int) -> dict:
    return stats.summarize([fn() for _ in range(repeats)])


# 1. CPU-bound scaling ------------------------------------------------------------------


def _measure(fn) -> dict:
    """Run ``fn`` once: wall time, the parent's CPU, and the machine's busy and stolen CPU.

    ``fn`` returns the tasks' reports (see ``work.spin_timed``) and whether they ran in
    other processes; from them come the workers' and the tasks' CPU.
    """
    m0, c0, t0 = machine.cpu_ticks(), time.process_time(), clock()
    reports, in_processes = fn()
    wall, parent = clock() - t0, time.process_time() - c0
    m1 = machine.cpu_ticks()
    if reports is None:  # the plain loop: all its CPU is task CPU, in this process
        workers, tasks, processes = 0.0, parent, 1
    else:
        cpu = stats.worker_cpu(reports)
        tasks = cpu["tasks"]
        # threads report this process's clock: their CPU is already in `parent`
        workers = cpu["workers"] if in_processes else 0.0
        processes = cpu["processes"] if in_processes else 1
    return {
        "wall": wall,
        "parent_cpu": parent,
        "worker_cpu": workers,
        "task_cpu": tasks,
        "processes": processes,
        "machine_busy": None if m0 is None else m1["busy"] - m0["busy"],
        "steal": None if m0 is None else m1["steal"] - m0["steal"],
    }


def scaling(profile: Profile, rate: float, cores: int, tick) -> dict:
    n = rounds(rate, profile.scaling_task_s)
    tasks = [n] * profile.scaling_tasks
    counts = worker_counts(cores, profile.extra_workers, profile.max_worker_points)

    def serial():
        [spin(x) for x in tasks]
        return None, False

    def threads(w):
        with ThreadPoolExecutor(w) as ex:
            return list(ex.map(spin_timed, tasks)), False

    def pool(w):
        p = multiprocessing.Pool(w)
        try:
            return p.map(spin_timed, tasks, chunksize=1), True
        finally:
            p.close()
            p.join()

    def futures(w):
        with ProcessPoolExecutor(w) as ex:
            return list(ex.map(spin_timed, tasks)), True

    fns = {"threads": threads, "Pool": pool, "ProcessPoolExecutor": futures}
    variants = [("serial", 1)] + [(mode, w) for mode in fns for w in counts]
    # Every repeat runs every variant once, starting one place further along the list each
    # time, so a change in the machine's speed during the run hits all variants alike, and
    # each speedup compares a serial loop and a parallel run of the same repeat.
    samples = {v: [] for v in variants}
    orders = []
    for r in range(profile.repeats):
        order = stats.rotation(variants, r)
        orders.append([f"{mode} {w}" for mode, w in order])
        for mode, w in order:
            fn = serial if mode == "serial" else functools.partial(fns[mode], w)
            samples[(mode, w)].append(_measure(fn))
            tick()
    base = samples[("serial", 1)]
    base_wall = [s["wall"] for s in base]
    modes = {}
    for mode in fns:
        points = []
        for w in counts:
            runs = samples[(mode, w)]
            wall = [s["wall"] for s in runs]
            paired = stats.summarize(stats.paired_speedups(base_wall, wall))
            best = stats.best_of(base_wall, wall)
            factors = [
                stats.decompose(
                    b["wall"],
                    b["task_cpu"],
                    s["wall"],
                    s["parent_cpu"] + s["worker_cpu"],
                    s["task_cpu"],
                )
                for b, s in zip(base, runs)
            ]
            points.append(
                {
                    "workers": w,
                    "time": stats.summarize(wall),
                    "speedup": paired["median"],
                    "speedup_min": paired["min"],
                    "speedup_max": paired["max"],
                    "speedups": paired["samples"],
                    "speedup_best": best,
                    "efficiency": stats.efficiency(paired["median"], w, cores),
                    "efficiency_best": stats.efficiency(best, w, cores),
                    "cpu": _cpu_record(runs),
                    "factors": {
                        k: stats.summarize([f[k] for f in factors])["median"]
                        for k in ("work", "useful", "cores")
                    },
                }
            )
        modes[mode] = points
    return {
        "tasks": profile.scaling_tasks,
        "task_seconds": profile.scaling_task_s,
        "rounds_per_task": n,
        "cores": cores,
        "repeats": profile.repeats,
        "orders": orders,
        "serial": {**stats.summarize(base_wall), "cpu": _cpu_record(base)},
        "modes": modes,
        "note": "each point creates its pool, maps with chunksize=1, and closes it; "
        "variants interleaved in a rotating order; speedup = median of the per-repeat "
        "speedups, speedup_best = fastest serial / fastest parallel",
    }


def _cpu_record(runs: list[dict]) -> dict:
    """Per-repeat CPU figures of one variant, and the cores it kept busy (median, spread)."""
    keys = (
        "parent_cpu",
        "worker_cpu",
        "task_cpu",
        "processes",
        "machine_busy",
        "steal",
    )
    record = {k: [r[k] for r in runs] for k in keys}
    record["cores_used"] = stats.summarize(
        [stats.cores_used(r["parent_cpu"] + r["worker_cpu"], r["wall"]) for r in runs]
    )
    return record


# 2. Task size crossover per start method -------------------------------------------------


def crossover(profile: Profile, rate: float, cores: int, tick) -> dict:
    sizes = profile.crossover_sizes_s
    counts = {size: max(1, round(profile.crossover_total_s / size)) for size in sizes}
    methods = multiprocessing.get_all_start_methods()

    def run_serial(size):
        tasks = [rounds(rate, size)] * counts[size]
        t0 = clock()
        [spin(x) for x in tasks]
        return clock() - t0

    def run_pool(method, size):
        tasks = [rounds(rate, size)] * counts[size]
        t0 = clock()
        p = multiprocessing.get_context(method).Pool(cores)
        try:
            p.map(spin, tasks, chunksize=1)
        finally:
            p.close()
            p.join()
        return clock() - t0

    # interleaved: each size's serial baseline is measured next to its pool runs, in an
    # order that rotates from repeat to repeat (see scaling)
    serial_samples = {size: [] for size in sizes}
    pool_samples = {(m, size): [] for m in methods for size in sizes}
    for r in range(profile.repeats):
        for size in sizes:
            for which in stats.rotation(["serial", *methods], r):
                if which == "serial":
                    serial_samples[size].append(run_serial(size))
                else:
                    pool_samples[(which, size)].append(run_pool(which, size))
            tick()
    serial = [
        {
            "task_seconds": size,
            "tasks": counts[size],
            "time": stats.summarize(serial_samples[size]),
        }
        for size in sizes
    ]
    results = {}
    for m in methods:
        points = []
        for base in serial:
            t = stats.summarize(pool_samples[(m, base["task_seconds"])])
            points.append(
                {
                    "task_seconds": base["task_seconds"],
                    "tasks": base["tasks"],
                    "time": t,
                    "speedup": stats.speedup(base["time"]["median"], t["median"]),
                }
            )
        found = stats.crossover(
            [p["task_seconds"] for p in points], [p["speedup"] for p in points]
        )
        verdict = crossover_verdict(found, [p["speedup"] for p in points])
        results[m] = {
            "points": points,
            "crossover_task_seconds": found,
            "verdict": verdict,
        }
    return {
        "total_seconds": profile.crossover_total_s,
        "workers": cores,
        "serial": serial,
        "methods": results,
        "note": "fixed total work split into tasks of each size; the pool's start-up is timed",
    }


def crossover_verdict(found: float | None, speedups: list[float]) -> str:
    """How to read ``stats.crossover``'s answer for these points."""
    if found is not None:
        return "crosses"
    return "never faster" if speedups[-1] < 1 else "always faster"


# 3. chunksize ----------------------------------------------------------------------------


def default_chunksize(tasks: int, workers: int) -> int:
    """What Pool.map picks when chunksize is None (Lib/multiprocessing/pool.py)."""
    chunksize, extra = divmod(tasks, workers * 4)
    return chunksize + 1 if extra else chunksize


def chunksize(profile: Profile, rate: float, cores: int, tick) -> dict:
    n = rounds(rate, profile.chunksize_task_s)
    tasks = [n] * profile.chunksize_tasks
    serial = _repeat(lambda: _timed(lambda: [spin(x) for x in tasks]), profile.repeats)
    default = default_chunksize(len(tasks), cores)
    sizes = sorted(set(profile.chunksizes) | {default})
    results = {"map": [], "imap": []}
    with multiprocessing.Pool(cores) as p:
        p.map(noop, range(cores))  # workers are up before the clock starts
        for size in sizes:
            tm = _repeat(
                lambda size=size: _timed(p.map, spin, tasks, size), profile.repeats
            )
            ti = _repeat(
                lambda size=size: _timed(lambda: list(p.imap(spin, tasks, size))),
                profile.repeats,
            )
            results["map"].append({"chunksize": size, "time": tm})
            results["imap"].append({"chunksize": size, "time": ti})
            tick()
        p.close()
        p.join()
    best = {
        k: min(v, key=lambda r: r["time"]["median"])["chunksize"]
        for k, v in results.items()
    }
    return {
        "tasks": len(tasks),
        "task_seconds": profile.chunksize_task_s,
        "workers": cores,
        "serial": serial,
        "default_chunksize": default,
        "results": results,
        "best": best,
        "note": "a warm pool; only map/imap is timed",
    }


# 4. Large argument: pickled vs shared_memory -------------------------------------------


def arguments(profile: Profile, cores: int, tick) -> dict:
    rows = []
    with multiprocessing.Pool(cores) as p:
        p.map(noop, range(cores))
        for mb in profile.args_mb:
            size = int(mb * 1024 * 1024)
            data = bytes(range(256)) * (size // 256)
            idx = list(range(profile.args_tasks))

            def pickled(data=data, idx=idx):
                t0 = clock()
                p.starmap(checksum, [(data, i) for i in idx], chunksize=1)
                return clock() - t0

            def shared(data=data, idx=idx):
                t0 = clock()
                shm = shared_memory.SharedMemory(create=True, size=len(data))
                try:
                    shm.buf[: len(data)] = data
                    p.starmap(
                        checksum_shared, [(shm.name, i) for i in idx], chunksize=1
                    )
                finally:
                    shm.close()
                    shm.unlink()
                return clock() - t0

            tp = _repeat(pickled, profile.repeats)
            ts = _repeat(shared, profile.repeats)
            rows.append(
                {
                    "megabytes": mb,
                    "pickled": tp,
                    "shared_memory": ts,
                    "ratio": tp["median"] / ts["median"],
                }
            )
            tick()
        p.close()
        p.join()
    return {
        "tasks": profile.args_tasks,
        "workers": cores,
        "rows": rows,
        "note": "pickled: the bytes travel with every task; shared_memory: copied once, "
        "tasks get the block's name; the shared time includes creating and filling the block",
    }


# 5. Start-up per start method, first-task latency ------------------------------------


def _start_join(ctx) -> float:
    t0 = clock()
    proc = ctx.Process(target=noop, args=(None,))
    proc.start()
    proc.join()
    return clock() - t0


def _first_task(ctx, workers: int) -> dict:
    t0 = clock()
    p = ctx.Pool(workers)
    try:
        p.apply(noop, (None,))
        first = clock() - t0
        t1 = clock()
        p.apply(noop, (None,))
        warm = clock() - t1
    finally:
        p.close()
        p.join()
    return {"first": first, "warm": warm}


def startup(profile: Profile, cores: int, tick) -> dict:
    methods = {}
    for method in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context(method)
        first_ever = _start_join(ctx)  # forkserver starts its server here
        process = stats.summarize(
            [_start_join(ctx) for _ in range(profile.startup_repeats)]
        )
        runs = [_first_task(ctx, cores) for _ in range(profile.startup_repeats)]
        methods[method] = {
            "first_process": first_ever,
            "process": process,
            "pool_first_task": stats.summarize([r["first"] for r in runs]),
            "pool_warm_task": stats.summarize([r["warm"] for r in runs]),
        }
        tick()
    ratios = {}
    if "fork" in methods:
        fork = methods["fork"]["process"]["median"]
        for m in methods:
            if m != "fork":
                ratios[f"{m}/fork"] = methods[m]["process"]["median"] / fork
    return {
        "workers": cores,
        "methods": methods,
        "ratios": ratios,
        "note": "process: start() and join() of a Process whose target returns at once; "
        "pool_first_task: Pool() until the first apply() returns",
    }


# 6. The notes' experiment ---------------------------------------------------------------


def notes(profile: Profile, tick) -> dict:
    args = [1, 2, 10]
    runs = []
    for loops in profile.notes_loops:
        serial_samples, pool_samples, phases, cpu = [], [], [], []
        for r in range(profile.repeats):
            # the loop and the pool take turns going first, so a drift hits both alike
            for which in stats.rotation(["loop", "pool"], r):
                if which == "loop":
                    c0, t0 = time.process_time(), clock()
                    [notes_task(x, loops) for x in args]
                    serial_samples.append(clock() - t0)
                    loop_cpu = time.process_time() - c0
                    continue
                c0, t0 = time.process_time(), clock()
                p = multiprocessing.Pool()  # as in the notes: one process per CPU
                t1 = clock()
                try:
                    reports = p.starmap(notes_task_timed, [(x, loops) for x in args])
                    t2 = clock()
                finally:
                    p.close()
                    p.join()
                t3 = clock()
                parent = time.process_time() - c0
                pool_samples.append(t3 - t0)
                phases.append(
                    {"create": t1 - t0, "map": t2 - t1, "close_join": t3 - t2}
                )
                workers = stats.worker_cpu(reports)
                pool_cpu = {"parent": parent, "workers": workers["workers"]}
            cpu.append({"loop": loop_cpu, **pool_cpu})
        serial = stats.summarize(serial_samples)
        pool = stats.summarize(pool_samples)
        runs.append(
            {
                "loops": loops,
                "serial": serial,
                "pool": pool,
                "ratio": pool["median"] / serial["median"],
                "ratio_best": pool["min"] / serial["min"],
                "phases_median": {
                    k: stats.summarize([ph[k] for ph in phases])["median"]
                    for k in phases[0]
                },
                "cores_used": {
                    "loop": stats.summarize(
                        [
                            stats.cores_used(c["loop"], t)
                            for c, t in zip(cpu, serial_samples)
                        ]
                    ),
                    "pool": stats.summarize(
                        [
                            stats.cores_used(c["parent"] + c["workers"], t)
                            for c, t in zip(cpu, pool_samples)
                        ]
                    ),
                },
            }
        )
        tick()
    workers = (
        os.process_cpu_count() if hasattr(os, "process_cpu_count") else os.cpu_count()
    )
    rounds_needed = math.ceil(len(args) / workers)
    return {
        "args": args,
        "pool_processes": workers,
        "best_ratio": rounds_needed / len(args),
        "runs": runs,
        "note": "ratio = pool time / plain loop time, the pool's creation and close included",
    }


# 7. Overhead per task per engine -------------------------------------------------------


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def _engine_pool_map(cores, tasks):
    t0 = clock()
    with multiprocessing.Pool(cores) as p:
        p.map(noop, range(cores))
        setup = clock() - t0
        t = _timed(p.map, noop, tasks, 1)
        p.close()
        p.join()
    return setup, t


def _engine_pool_apply(cores, tasks):
    t0 = clock()
    with multiprocessing.Pool(cores) as p:
        p.map(noop, range(cores))
        setup = clock() - t0
        t0 = clock()
        [r.get() for r in [p.apply_async(noop, (x,)) for x in tasks]]
        t = clock() - t0
        p.close()
        p.join()
    return setup, t


def _engine_futures(cores, tasks):
    t0 = clock()
    with ProcessPoolExecutor(cores) as ex:
        list(ex.map(noop, range(cores)))
        setup = clock() - t0
        t0 = clock()
        [f.result() for f in [ex.submit(noop, x) for x in tasks]]
        return setup, clock() - t0


def _engine_joblib(cores, tasks):
    from joblib import Parallel, delayed

    t0 = clock()
    with Parallel(n_jobs=cores) as parallel:
        parallel(delayed(noop)(x) for x in range(cores))
        setup = clock() - t0
        t0 = clock()
        parallel(delayed(noop)(x) for x in tasks)
        return setup, clock() - t0


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
        return setup, clock() - t0


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
        return setup, clock() - t0
    finally:
        ray.shutdown()


ENGINES = {
    "Pool.map": (None, _engine_pool_map),
    "Pool.apply_async": (None, _engine_pool_apply),
    "ProcessPoolExecutor": (None, _engine_futures),
    "joblib": ("joblib", _engine_joblib),
    "Dask": ("distributed", _engine_dask),
    "Ray": ("ray", _engine_ray),
}


def engines(profile: Profile, cores: int, tick, only: list[str] | None = None) -> dict:
    tasks = list(range(profile.engine_tasks))
    serial = _repeat(lambda: _timed(lambda: [noop(x) for x in tasks]), profile.repeats)
    rows = {}
    for name, (module, fn) in ENGINES.items():
        if only is not None and name not in only:
            rows[name] = {"skipped": "not selected with --engines"}
        elif module is not None and not _installed(module):
            rows[name] = {"skipped": f"{module} is not installed for {sys.executable}"}
        else:
            try:
                runs = [fn(cores, tasks) for _ in range(profile.repeats)]
            except Exception as exc:  # an engine that fails is reported, not fatal
                rows[name] = {"skipped": f"failed: {type(exc).__name__}: {exc}"}
            else:
                t = stats.summarize([r[1] for r in runs])
                rows[name] = {
                    "time": t,
                    "per_task": t["median"] / len(tasks),
                    "setup": stats.summarize([r[0] for r in runs]),
                    "version": _version(module),
                }
        tick()
    return {
        "tasks": len(tasks),
        "workers": cores,
        "serial": serial,
        "engines": rows,
        "note": "a task that returns its argument, so the time is the engine's own cost; "
        "workers are started and warmed up before the clock starts",
    }


def _version(module: str | None) -> str | None:
    if module is None:
        return None
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return None
