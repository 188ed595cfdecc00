"""``python -m snippets.benchmark``: run the experiments and write one JSON file per run."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from . import experiments, machine
from .schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / "benchmark-runs"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m snippets.benchmark",
        description=(
            "Measure what processes cost and gain on this machine: CPU-bound scaling, the "
            "task size where a pool starts to pay, chunksize, large arguments (pickled vs "
            "shared_memory), start-up per start method, the notes' own experiment, and the "
            "overhead per task of Pool, ProcessPoolExecutor, joblib, Dask and Ray (each "
            "where installed).  Writes one JSON file per run."
        ),
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny sizes and two repeats (seconds, for the tests); the numbers mean little",
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
        help="repeat every timed point this many times (default: 7 full, 2 quick); the "
        "scaling variants run interleaved, in a rotating order, once per repeat; the pages "
        "show the median with its spread (min-max) and the best-of figure",
    )
    parser.add_argument(
        "--workers",
        type=int,
        help="cores to plan for (default: the cores this process may use, "
        "os.process_cpu_count() or len(os.sched_getaffinity(0)))",
    )
    parser.add_argument(
        "--engines",
        help="comma-separated engines for the overhead experiment, from: "
        + ", ".join(experiments.ENGINES)
        + " (default: all; engines that are not installed are skipped with the reason)",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar on stderr (tqdm)"
    )
    args = parser.parse_args(argv)
    if args.repeats is not None and args.repeats < 1:
        parser.error("--repeats must be at least 1")
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

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _steps(profile: experiments.Profile, cores: int, methods: int) -> int:
    counts = experiments.worker_counts(
        cores, profile.extra_workers, profile.max_worker_points
    )
    default = experiments.default_chunksize(profile.chunksize_tasks, cores)
    chunks = len(set(profile.chunksizes) | {default})
    return (
        1
        + profile.repeats * (1 + 3 * len(counts))
        + profile.repeats * len(profile.crossover_sizes_s)
        + chunks
        + len(profile.args_mb)
        + methods
        + len(profile.notes_loops)
        + len(experiments.ENGINES)
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
        profile = replace(profile, repeats=args.repeats)
    record = machine.describe()
    cores = args.workers or record["usable_cores"]
    # Dask and Ray start their workers their own way; the path lets them import `snippets`.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
    )
    started, load_start, t0 = _now(), machine.load_average(), time.perf_counter()
    methods = len(multiprocessing.get_all_start_methods())
    bar = _Progress(_steps(profile, cores, methods), not args.no_progress)
    results = {}
    try:
        bar.describe("calibrate")
        rate = experiments.calibrate()
        bar()
        for name, call in (
            ("scaling", lambda: experiments.scaling(profile, rate, cores, bar)),
            ("crossover", lambda: experiments.crossover(profile, rate, cores, bar)),
            ("chunksize", lambda: experiments.chunksize(profile, rate, cores, bar)),
            ("arguments", lambda: experiments.arguments(profile, cores, bar)),
            ("startup", lambda: experiments.startup(profile, cores, bar)),
            ("notes", lambda: experiments.notes(profile, bar)),
            ("engines", lambda: experiments.engines(profile, cores, bar, args.engines)),
        ):
            bar.describe(name)
            t1, load = time.perf_counter(), machine.load_average()
            results[name] = call()
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
        "load_average": {"start": load_start, "end": machine.load_average()},
        "calibration": {"spin_rounds_per_second": rate},
        "experiments": results,
    }


def headline(result: dict) -> list[str]:
    """The figures a reader wants first, as lines of text."""
    ex = result["experiments"]
    m = result["machine"]
    cores = ex["scaling"]["cores"]
    lines = [
        f"machine: {m['cpu_model']}, {m['logical_cores']} logical / {m['usable_cores']} usable "
        f"cores; Python {m['python']['version']}; default start method {m['start_method']}",
        f"load average (1, 5, 15 min): start {result['load_average']['start']}, "
        f"end {result['load_average']['end']}",
    ]
    for mode, points in ex["scaling"]["modes"].items():
        p = next((p for p in points if p["workers"] == cores), points[-1])
        lines.append(
            f"scaling {mode} at {p['workers']} workers: speedup {p['speedup']:.2f} "
            f"(spread {p['speedup_min']:.2f}-{p['speedup_max']:.2f}, best-of "
            f"{p['speedup_best']:.2f}), efficiency {p['efficiency']:.0%}; cores kept busy "
            f"{p['cpu']['cores_used']['median']:.2f} (serial "
            f"{ex['scaling']['serial']['cpu']['cores_used']['median']:.2f})"
        )
    for method, row in ex["crossover"]["methods"].items():
        c = row["crossover_task_seconds"]
        where = f"{c * 1000:.2f} ms per task" if c is not None else row["verdict"]
        lines.append(f"crossover {method}: {where}")
    lines.append(
        f"best chunksize: map {ex['chunksize']['best']['map']}, "
        f"imap {ex['chunksize']['best']['imap']} "
        f"(map's default here: {ex['chunksize']['default_chunksize']})"
    )
    for row in ex["arguments"]["rows"]:
        lines.append(
            f"{row['megabytes']} MB argument: pickled / shared_memory = {row['ratio']:.2f}"
        )
    for key, value in ex["startup"]["ratios"].items():
        lines.append(f"process start-up {key} = {value:.1f}")
    for run_ in ex["notes"]["runs"]:
        lines.append(
            f"notes, {run_['loops']:,} loops: pool / loop = {run_['ratio']:.3f}"
        )
    for name, row in ex["engines"]["engines"].items():
        if "skipped" in row:
            lines.append(f"overhead {name}: skipped ({row['skipped']})")
        else:
            lines.append(f"overhead {name}: {row['per_task'] * 1e6:.0f} µs per task")
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
