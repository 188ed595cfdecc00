"""Where the suite's time goes (``make bench-suite``): a benchmark, not a test.

Runs the suite (``make test``'s pytest; the arguments after ``--`` go to pytest), then
prints its wall and CPU time, the slot and CPU time per phase and per chapter, the number of
block runs and of runs the record vouched for, and the harness's overhead (a sample of blocks
run bare, ``python example.py``, and through the harness, as a ratio).  Each test's phase and
chapter come from the timing plugin's data (.cache/last-timing.json).

``--save NAME`` keeps the report in .cache/bench-suite/NAME.json; ``--before NAME`` prints
this run beside a saved one (before/after per phase and per chapter).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from snippets.benchmark.machine import cpu_ticks

from .blocks import ROOT
from .envs import env_for
from .plugins.timing import LAST_TIMING
from .record import LAST_RUN
from .runnables import BLOCK, collect_runnables
from .runner import run

SAVED = ROOT / ".cache" / "bench-suite"


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def tables(timing: dict[str, dict]) -> dict[str, dict[str, list[float]]]:
    """{"phase": {name: [slot s, CPU s, tests]}, "chapter": {...}} from per-test data."""
    out: dict[str, dict[str, list[float]]] = {
        "phase": defaultdict(lambda: [0.0, 0.0, 0]),
        "chapter": defaultdict(lambda: [0.0, 0.0, 0]),
    }
    for t in timing.values():
        for kind in ("phase", "chapter"):
            key = t.get(kind)
            if key:
                row = out[kind][key]
                row[0] += t["seconds"]
                row[1] += t["cpu"]
                row[2] += 1
    return {k: dict(v) for k, v in out.items()}


def report(now: dict, before: dict | None = None) -> list[str]:
    """Per phase and per chapter: summed test durations (slot time: what the xdist workers
    spent on them), CPU of the tests and what they reaped; beside ``before`` if given."""
    lines = []
    for kind, title in (
        ("phase", "per phase"),
        ("chapter", "per chapter (block runs, lint, unit tests)"),
    ):
        rows = now["tables"][kind]
        old = (before or {}).get("tables", {}).get(kind, {})
        head = f"  {'':24s} {'slot s':>8s} {'CPU s':>8s} {'tests':>6s}"
        if before:
            head += f"   {'before slot':>11s} {'CPU':>7s} {'tests':>6s}"
        lines += [f"time {title}:", head]
        for name in sorted(set(rows) | set(old), key=lambda k: -rows.get(k, old.get(k, [0]))[0]):
            slot, cpu, n = rows.get(name, [0.0, 0.0, 0])
            line = f"  {name:24s} {slot:8.1f} {cpu:8.1f} {n:6d}"
            if before:
                b = old.get(name, [0.0, 0.0, 0])
                line += f"   {b[0]:11.1f} {b[1]:7.1f} {b[2]:6d}"
            lines.append(line)
    for key, label in (
        ("wall", "suite wall s"),
        ("block_runs", "block runs made"),
        ("vouched", "runs the record vouched for"),
    ):
        if key in now:
            line = f"{label}: {now[key]}"
            if before and key in before:
                line += f" (before: {before[key]})"
            lines.append(line)
    return lines


def overhead(sample: int) -> list[str]:
    """Run ``sample`` distinct stdlib blocks bare and through the harness, under fork."""
    chosen = [
        r
        for r in collect_runnables()
        if r.kind == BLOCK
        and not r.errors
        and not r.skip
        and not r.requires
        and not r.version_skip(sys.version_info[:3])
        and "fork" in r.start_methods
    ][:sample]
    python = env_for(sys.executable, ()).python
    bare = harnessed = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for r in chosen:
            args, cwd, _ = r.command(folder)
            started = time.monotonic()
            subprocess.run(
                [python, *args],
                cwd=cwd,
                capture_output=True,
                timeout=r.timeout,
                env={**os.environ, "PYTHONPATH": ""},
            )
            bare += time.monotonic() - started
            started = time.monotonic()
            run(args, python=python, start_method="fork", timeout=r.timeout, cwd=cwd)
            harnessed += time.monotonic() - started
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return [
        f"harness overhead on {len(chosen)} blocks (fork, py{version}): "
        f"bare {bare:.1f} s, through the harness {harnessed:.1f} s, "
        f"ratio {harnessed / bare:.2f}"
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m harness bench-suite", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--workers", default=os.environ.get("WORKERS", "6"), help="pytest -n")
    parser.add_argument("--sample", type=int, default=40, help="blocks for the overhead ratio")
    parser.add_argument("--no-suite", action="store_true", help="report the last run only")
    parser.add_argument("--save", metavar="NAME", help="keep this report as NAME")
    parser.add_argument("--before", metavar="NAME", help="print a saved report beside this one")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)
    out: list[str] = []
    data: dict = {}
    if not args.no_suite:
        cpu0, started, ticks0 = _children_cpu(), time.monotonic(), cpu_ticks()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-n",
                args.workers,
                *args.pytest_args,
            ],
            cwd=ROOT,
        )
        wall, cpu = time.monotonic() - started, _children_cpu() - cpu0
        ticks1 = cpu_ticks()
        busy, idle = (ticks1[k] - ticks0[k] for k in ("busy", "idle"))
        cores = os.cpu_count() or 1
        data["wall"] = round(wall)
        out += [
            f"suite: exit {proc.returncode}, wall {wall:.0f} s, pytest -n {args.workers}",
            f"  CPU of the suite's reaped processes: {cpu:.0f} s "
            f"({cpu / wall / cores:.0%} of {cores} cores)",
            f"  whole machine busy: {busy:.0f} core-s of {busy + idle:.0f} "
            f"({busy / (busy + idle):.0%}; counts daemons nobody reaps, and anything else running)",
        ]
    timing = json.loads(LAST_TIMING.read_text("utf-8"))
    data["tables"] = tables(timing)
    if LAST_RUN.exists():
        last = json.loads(LAST_RUN.read_text("utf-8"))
        data["block_runs"] = len(last["results"])
        data["vouched"] = last.get("vouched", 0)
    before = None
    if args.before:
        before = json.loads((SAVED / f"{args.before}.json").read_text("utf-8"))
    out += report(data, before)
    out += overhead(args.sample)
    if args.save:
        SAVED.mkdir(parents=True, exist_ok=True)
        (SAVED / f"{args.save}.json").write_text(json.dumps(data, indent=1), "utf-8")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
