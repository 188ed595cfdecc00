"""``make chaos``: every runnable once per start method on the newest Python, while child
processes start late and two CPU hogs compete for the cores.

(a) inject/sitecustomize.py delays every child process's start (BaseProcess._bootstrap,
which fork, spawn and forkserver children all run first, pool and executor workers
included) by a random 0-1.5 s drawn from the seed, the run's name and the process's name,
so a failure replays with the same seed; (b) two ``while True: pass`` processes run beside
the suite.  Fails on any failed run, a process left running, a file left in the session's
TMPDIR, a new entry in /tmp, or a block left in /dev/shm.  Prints the seed and the time.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from .blocks import ROOT
from .leftovers import entries, shm_entries, temp_problems
from .runner import SESSION_ID, SESSION_MARKER, kill_marked, pythons


def hogs(n: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.kill()
        proc.wait()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m harness chaos", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--seed", type=int, default=None, help="replay a run (default: random)")
    parser.add_argument("--max-delay", type=float, default=1.5, help="seconds (default 1.5)")
    parser.add_argument("--hogs", type=int, default=2, help="CPU hogs beside the run (default 2)")
    parser.add_argument("--workers", default=os.environ.get("WORKERS", "6"), help="pytest -n")
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments (after --)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1, 1_000_000)
    found, _ = pythons()
    newest = max(found, key=lambda p: p.full)
    # short: a socket path a block makes inside it (Ray's, several folders deep) is limited to
    # 107 bytes, and "chaos-XXXXXXXX/" made Ray's plasma_store path 107 long (seed 7)
    tmp = Path(tempfile.mkdtemp(prefix="c"))
    shm_before, tmp_before = shm_entries(), entries(Path("/tmp"))
    suite_id = uuid.uuid4().hex
    env = {
        **os.environ,
        "TMPDIR": str(tmp),
        "MP_DOCS_CHAOS_SEED": str(seed),
        "MP_DOCS_CHAOS_MAX": str(args.max_delay),
        "MP_DOCS_PYTHONS": newest.tag.removeprefix("py"),
        "MP_DOCS_LAST_RUN": str(tmp / "chaos-run.json"),  # not the run `make verified` merges
        SESSION_ID: suite_id,
    }
    print(
        f"chaos: seed {seed}, child starts delayed 0-{args.max_delay} s, {args.hogs} CPU hogs, "
        f"Python {newest.version_text}; replay with `make chaos SEED={seed}`",
        flush=True,
    )
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-n",
        str(args.workers),
        "--tier",
        "all",
        "tests/test_examples.py::test_run",
        *args.pytest_args,
    ]
    started = time.monotonic()
    running = hogs(args.hogs)
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env)
    finally:
        stop(running)
    wall = time.monotonic() - started
    problems = []
    if proc.returncode != 0:
        problems.append(f"pytest exited {proc.returncode}")
    left = kill_marked(SESSION_MARKER, suite_id)
    if left:
        problems.append(f"{len(left)} processes still running: {left[:3]}")
    (tmp / "chaos-run.json").unlink(missing_ok=True)
    problems += temp_problems(tmp, tmp_before, shm_before)
    shutil.rmtree(tmp, ignore_errors=True)
    verdict = "green" if not problems else "FAILED: " + " | ".join(problems)
    print(f"chaos seed {seed}: {wall:.0f} s wall, {verdict}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
