"""Where the suite's time goes (``make bench-suite``): a benchmark, not a test.

Runs the suite (the arguments after ``--`` go to pytest; default: the whole of it), then
prints its wall and CPU time, the time per phase (test file) and per chapter, and the
harness's overhead: a sample of blocks run bare (``python example.py``) and through the
harness (fresh session, marker, leak check), as a ratio of total times.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from .blocks import ROOT
from .envs import env_for
from .runner import run
from .verified import groups

LAST = ROOT / ".cache" / "last-durations.json"
LAST_CPU = ROOT / ".cache" / "last-cpu.json"  # conftest: CPU per test (own + reaped children)


def machine_busy() -> tuple[float, float]:
    """Core-seconds the whole machine spent busy and idle so far (/proc/stat, all cores):
    unlike rusage, this counts every process, reaped or not (daemons, Chromium)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / tick, idle / tick


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def phase_of(nodeid: str) -> str:
    path, _, name = nodeid.partition("::")
    if path.endswith("test_examples.py"):
        return "blocks: run" if name.startswith("test_run") else "blocks: lint"
    if path.endswith("test_snippets.py"):
        return "snippets"
    return Path(path).stem.removeprefix("test_") if "browser" not in path else "browser"


def chapter_of(nodeid: str) -> str | None:
    m = re.search(r"test_run\[docs/\w+/([\w.]+?)\.(?:md|ipynb):", nodeid)
    return m.group(1) if m else None


def report(durations: dict[str, float], cpu: dict[str, float] | None = None) -> list[str]:
    """Per phase and per chapter: the summed test durations (slot time: what the xdist
    workers spent on them) and the CPU time of the tests and the processes they reaped."""
    cpu = cpu or {}
    phases, chapters = defaultdict(lambda: [0.0, 0.0]), defaultdict(lambda: [0.0, 0.0])
    for nodeid, seconds in durations.items():
        used = cpu.get(nodeid, 0.0)
        for table, key in ((phases, phase_of(nodeid)), (chapters, chapter_of(nodeid))):
            if key:
                table[key][0] += seconds
                table[key][1] += used

    def rows(table):
        return [
            f"  {k:24s} {slot:8.1f} {used:8.1f}"
            for k, (slot, used) in sorted(table.items(), key=lambda kv: -kv[1][0])
        ]

    head = f"  {'':24s} {'slot s':>8s} {'CPU s':>8s}"
    lines = ["time per phase (summed test durations; CPU of the tests and what they reaped):"]
    lines += [head, *rows(phases)]
    lines += ["block runs per chapter:", head, *rows(chapters)]
    total_slot, total_cpu = sum(durations.values()), sum(cpu.get(k, 0.0) for k in durations)
    lines += [f"  {'total':24s} {total_slot:8.1f} {total_cpu:8.1f}"]
    return lines


def overhead(sample: int) -> list[str]:
    """Run ``sample`` distinct stdlib blocks bare and through the harness, under fork."""
    chosen = [g[0] for g in groups() if not g[0].errors and "skip" not in g[0].tags]
    chosen = [b for b in chosen if not b.requires and not b.version_skip(sys.version_info[:3])]
    chosen = [b for b in chosen if "fork" in b.start_methods][:sample]
    python = env_for(sys.executable, ()).python
    bare = harnessed = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        script = tmp / "example.py"
        for block in chosen:
            script.write_text(block.code, "utf-8")
            started = time.monotonic()
            subprocess.run(
                [python, script.name],
                cwd=tmp,
                capture_output=True,
                timeout=block.timeout,
                env={**os.environ, "PYTHONPATH": ""},
            )
            bare += time.monotonic() - started
            started = time.monotonic()
            run(
                [script.name],
                python=python,
                start_method="fork",
                timeout=block.timeout,
                cwd=Path(tmp),
            )
            harnessed += time.monotonic() - started
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return [
        f"harness overhead on {len(chosen)} blocks (fork, py{version}): "
        f"bare {bare:.1f} s, through the harness {harnessed:.1f} s, "
        f"ratio {harnessed / bare:.2f}"
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default=os.environ.get("WORKERS", "6"), help="pytest -n")
    parser.add_argument("--sample", type=int, default=40, help="blocks for the overhead ratio")
    parser.add_argument("--no-suite", action="store_true", help="report the last run only")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)
    out: list[str] = []
    if not args.no_suite:
        cpu0, started, (busy0, idle0) = _children_cpu(), time.monotonic(), machine_busy()
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-n", args.workers, *args.pytest_args],
            cwd=ROOT,
        )
        wall, cpu = time.monotonic() - started, _children_cpu() - cpu0
        busy, idle = (now - before for now, before in zip(machine_busy(), (busy0, idle0)))
        cores = os.cpu_count() or 1
        out += [
            f"suite: exit {proc.returncode}, wall {wall:.0f} s, pytest -n {args.workers}",
            f"  CPU of the suite's reaped processes: {cpu:.0f} s "
            f"({cpu / wall / cores:.0%} of {cores} cores)",
            f"  whole machine busy: {busy:.0f} core-s of {busy + idle:.0f} "
            f"({busy / (busy + idle):.0%}; counts daemons nobody reaps, and anything else running)",
        ]
    cpu_by_test = json.loads(LAST_CPU.read_text("utf-8")) if LAST_CPU.exists() else {}
    out += report(json.loads(LAST.read_text("utf-8")), cpu_by_test)
    out += overhead(args.sample)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
