"""``python -m snippets.benchmark``: run the experiments and write one JSON file per run."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from . import experiments, machine, rounds, stats
from .schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / "benchmark-runs"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m snippets.benchmark",
        description=(
            "Measure what processes cost and gain on this machine: CPU-bound scaling, the "
            "task size where a pool starts to pay, chunksize, large arguments (pickled vs "
            "shared_memory), start-up and first-task latency per start method, the notes' "
            "own experiment, and the cost per task of asyncio, threads, Pool, "
            "ProcessPoolExecutor, joblib, Dask and Ray (each where installed).  Every "
            "experiment runs its configurations in interleaved rounds, in a shuffled order, "
            "under fork, spawn and forkserver (where the platform has them), and states each "
            "comparison with a 95 %% interval of the median per-round ratio (two order "
            "statistics, whatever the distribution); rounds disturbed by other processes, CPU "
            "steal or a speedup above the usable cores are run again (a few times at most) or "
            "the experiment is marked disturbed.  Writes one JSON file per run."
        ),
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny sizes and two rounds (seconds, for the tests); the numbers mean little "
        "and no comparison gets an interval",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_DIR,
        help="folder for the result file, named after the time and profile "
        f"(default: {DEFAULT_DIR.relative_to(ROOT)}/ in the project)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="write the result to exactly this file instead of --out-dir",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        help="clean rounds per experiment (default: 9 full, 2 quick; the start-up "
        "experiment runs 21 full, 2 quick, and the third-party engines 6 full, 1 quick; "
        f"--repeats sets all three); fewer than {stats.MIN_ROUNDS} rounds give no intervals",
    )
    parser.add_argument(
        "--max-extra-rounds",
        type=int,
        help="disturbed rounds each experiment may run again before it is marked disturbed "
        "(default: 4 full, 0 quick; the third-party engines 2 full)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        help="workers to plan for: the pools' size and the worker counts tried (default: the "
        "cores this process may use, os.process_cpu_count() or len(os.sched_getaffinity(0))); "
        "speedup limits and efficiency stay on the usable cores (or a lower cgroup CPU "
        "quota), whatever this says",
    )
    parser.add_argument(
        "--engines",
        help="comma-separated third-party engines for the per-task experiment, from: "
        + ", ".join(experiments.ENGINES)
        + " (default: all, and with --quick all but Ray, whose start alone takes seconds; "
        "engines that are not installed are skipped with the reason)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        help="seed for the shuffled order of the rounds (default: a random one, "
        "recorded in the result)",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar on stderr (tqdm)"
    )
    args = parser.parse_args(argv)
    if args.repeats is not None and args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.max_extra_rounds is not None and args.max_extra_rounds < 0:
        parser.error("--max-extra-rounds must not be negative")
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.engines:
        args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
        unknown = [e for e in args.engines if e not in experiments.ENGINES]
        if unknown:
            parser.error(f"unknown engines: {', '.join(unknown)}")
    return args


class _Progress:
    def __init__(self, total: int, enabled: bool):
        self.bar = None
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                print("tqdm is not installed: no progress bar", file=sys.stderr)
            else:
                tqdm.monitor_interval = 0  # no monitor thread in a process that forks
                self.bar = tqdm(total=total, unit="step", file=sys.stderr)

    def describe(self, text: str) -> None:
        if self.bar is not None:
            self.bar.set_description(text)

    def __call__(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def round(self, extra: bool) -> None:
        """One round done; an extra round (a disturbed one run again) was not planned."""
        if self.bar is not None:
            if extra:
                self.bar.total += 1
                self.bar.refresh()
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _steps(profile: experiments.Profile) -> int:
    """Rounds the progress bar expects; a disturbed round run again adds one."""
    return (
        1
        + (len(experiments.EXPERIMENTS) - 1) * profile.repeats
        + profile.startup_repeats
        + profile.engine_repeats
    )


def _commit() -> str | None:
    """The project's git commit, so a result can be traced to the code that measured it."""
    import subprocess

    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def run(args: argparse.Namespace) -> dict:
    import multiprocessing
    from dataclasses import replace

    profile = experiments.QUICK if args.quick else experiments.FULL
    if args.repeats:
        profile = replace(
            profile,
            repeats=args.repeats,
            startup_repeats=args.repeats,
            engine_repeats=args.repeats,
        )
    if args.max_extra_rounds is not None:
        profile = replace(
            profile,
            max_extra_rounds=args.max_extra_rounds,
            engine_max_extra_rounds=args.max_extra_rounds,
        )
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    record = machine.describe()
    cores = args.workers or record["usable_cores"]
    parallel = machine.parallel_cores(record)
    # Dask and Ray start their workers their own way; the path lets them import `snippets`.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
    )
    started, load_start, t0 = _now(), machine.load_average(), time.perf_counter()
    bar = _Progress(_steps(profile), not args.no_progress)
    watch = rounds.Watch.for_machine(record["usable_cores"])
    methods = multiprocessing.get_all_start_methods()
    results = {}
    try:
        bar.describe("calibrate")
        # one-off costs (the forkserver's server, the resource tracker, imports) before any
        # clock: otherwise they land in the first round of the first experiment
        first_process = experiments.prime(methods)
        rate = experiments.calibrate()
        # the CPU-speed probe around every arm: a loop of about PROBE_SECONDS per CPU
        watch.probe_loops = experiments.rounds_for(rate, experiments.PROBE_SECONDS)
        bar()
        context = experiments.Run(
            profile=profile,
            rate=rate,
            cores=cores,
            methods=methods,
            seed=seed,
            watch=watch,
            parallel=parallel,
            first_process=first_process,
            tick=bar.round,
        )
        calls = dict(experiments.EXPERIMENTS)
        calls["engines"] = lambda c: experiments.engines(
            c, args.engines or (experiments.QUICK_ENGINES if args.quick else None)
        )
        for name, call in calls.items():
            bar.describe(name)
            t1, load = time.perf_counter(), machine.load_average()
            results[name] = call(context)
            results[name]["seconds"] = time.perf_counter() - t1
            results[name]["load_average"] = {
                "start": load,
                "end": machine.load_average(),
            }
    finally:
        bar.close()
    return {
        "schema_version": SCHEMA_VERSION,
        "profile": profile.name,
        "started": started,
        "finished": _now(),
        "seconds": time.perf_counter() - t0,
        "command": " ".join(
            [Path(sys.executable).name, "-m", "snippets.benchmark", *sys.argv[1:]]
        ),
        "machine": record,
        "code_version": _commit(),
        "planned_cores": cores,
        "parallel_cores": parallel,
        "seed": seed,
        "method": {
            "repeats": profile.repeats,
            "startup_repeats": profile.startup_repeats,
            "engine_repeats": profile.engine_repeats,
            "max_extra_rounds": profile.max_extra_rounds,
            "engine_max_extra_rounds": profile.engine_max_extra_rounds,
            "min_rounds_for_interval": stats.MIN_ROUNDS,
            "confidence": stats.CONFIDENCE,
            "statistic": "median of the per-round ratios; its interval is two order statistics "
            "of the used rounds, distribution-free (binomial), at least the confidence",
            "intervals": intervals(results),
            "disturbance": watch.record(),
        },
        "load_average": {"start": load_start, "end": machine.load_average()},
        "calibration": {"spin_rounds_per_second": rate},
        "summary": rounds.summarize_run(results),
        "experiments": results,
    }


def intervals(experiments_: dict) -> dict:
    """For every number of used rounds in the run: which sorted ratios bound its intervals,
    how sure they are, and so how often "faster" or "slower" may come out at most where two
    configurations do not differ (1 - coverage)."""
    counts = sorted(
        {len(e["used_rounds"]) for e in experiments_.values() if e.get("rounds")}
    )
    out = {}
    for n in counts:
        ranks = stats.median_ranks(n)
        if ranks is not None:
            out[str(n)] = {"rounds": n, **ranks, "false_verdict": 1 - ranks["coverage"]}
    return out


def headline(result: dict) -> list[str]:
    """The figures a reader wants first, as lines of text."""
    ex = result["experiments"]
    m = result["machine"]
    sc = ex["scaling"]
    n = sc["settings"]["at"]

    def ci(c):
        return "" if c["ci"] is None else f" [{c['ci'][0]:.2f}-{c['ci'][1]:.2f}]"

    lines = [
        f"machine: {m['cpu_model']}, {m['logical_cores']} logical / {m['usable_cores']} usable "
        f"cores; Python {m['python']['version']}; default start method {m['start_method']}",
        f"load average (1, 5, 15 min): start {result['load_average']['start']}, "
        f"end {result['load_average']['end']}; seed {result['seed']}",
    ]
    for name, e in ex.items():
        if "rounds" in e and e["rounds"]:
            bad = sum(1 for r in e["rounds"] if r["disturbed"])
            lines.append(
                f"{name}: {len(e['rounds'])} rounds, {bad} disturbed -> {e['status']}, "
                f"{e['seconds']:.0f} s"
            )
    for method in sc["settings"]["methods"]:
        c = sc["comparisons"][sc["points"][f"Pool/{method}/{n}"]]
        lines.append(
            f"scaling Pool/{method} at {n} workers: speedup {c['estimate']:.2f}{ci(c)}, "
            f"efficiency {c['efficiency']:.0%}, {c['verdict']}"
        )
    for method, row in ex["crossover"]["methods"].items():
        lines.append(
            f"crossover {method}: faster from {row['faster_from']} s, "
            f"slower up to {row['slower_up_to']} s"
        )
    for key, c in ex["startup"]["comparisons"].items():
        lines.append(f"start-up {key}: {c['estimate']:.1f}{ci(c)} ({c['verdict']})")
    for key, d in ex["per_task"]["arms"].items():
        lines.append(f"per task {key}: {d['median'] * 1e6:.1f} µs")
    for key, d in ex["engines"].get("arms", {}).items():
        if key.endswith("[per_task]"):
            lines.append(f"engine {key}: {d['median'] * 1e6:.0f} µs")
        else:
            lines.append(f"engine {key}: {d['median']:.2f} s")
    for name, why in ex["engines"]["skipped"].items():
        lines.append(f"engine {name}: skipped ({why})")
    return lines


def main(argv=None) -> Path:
    args = parse_args(argv)
    result = run(args)
    if args.out:
        path = args.out
    else:
        stamp = (
            result["started"].replace(":", "").replace("-", "").replace("+0000", "Z")
        )
        py = "py" + result["machine"]["python"]["version"]
        path = args.out_dir / f"{stamp}-{result['profile']}-{py}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    for line in headline(result):
        print(line)
    print(f"written: {path}")
    return path
