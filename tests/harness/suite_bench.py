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


def report(durations: dict[str, float]) -> list[str]:
    phases, chapters = defaultdict(float), defaultdict(float)
    for nodeid, seconds in durations.items():
        phases[phase_of(nodeid)] += seconds
        chapter = chapter_of(nodeid)
        if chapter:
            chapters[chapter] += seconds
    lines = ["time per phase (sum of test durations, s):"]
    lines += [f"  {k:24s} {v:8.1f}" for k, v in sorted(phases.items(), key=lambda kv: -kv[1])]
    lines += ["block runs per chapter (s):"]
    lines += [f"  {k:24s} {v:8.1f}" for k, v in sorted(chapters.items(), key=lambda kv: -kv[1])]
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
    parser.add_argument("--workers", default=os.environ.get("WORKERS", "4"), help="pytest -n")
    parser.add_argument("--sample", type=int, default=40, help="blocks for the overhead ratio")
    parser.add_argument("--no-suite", action="store_true", help="report the last run only")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)
    out: list[str] = []
    if not args.no_suite:
        cpu0, started = _children_cpu(), time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-n", args.workers, *args.pytest_args],
            cwd=ROOT,
        )
        wall, cpu = time.monotonic() - started, _children_cpu() - cpu0
        cores = len(os.sched_getaffinity(0))
        out += [
            f"suite: exit {proc.returncode}, wall {wall:.0f} s, CPU {cpu:.0f} s "
            f"({cpu / wall / cores:.0%} of {cores} cores), pytest -n {args.workers}"
        ]
    out += report(json.loads(LAST.read_text("utf-8")))
    out += overhead(args.sample)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
