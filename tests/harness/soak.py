"""Flake hunt (``make soak``): the whole suite N times in a row, some runs beside a CPU hog.

Each run is ``make test`` with its own TMPDIR and suite id.  After it, the run is a failure
if the suite failed, if a process started by it is still alive, or if it left a file in its
TMPDIR, a new entry in /tmp, or a block in /dev/shm.  The hog (``python -c "while True:
pass"``) is started before a loaded run and killed after it.  Prints one line per run and a
summary; exits non-zero if any run failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from .blocks import ROOT
from .leftovers import entries, shm_entries, temp_problems
from .runner import SESSION_ID, SESSION_MARKER, kill_marked


def one_run(index: int, loaded: bool, make_args: list[str]) -> tuple[bool, str]:
    tmp = Path(tempfile.mkdtemp(prefix=f"soak-{index}-"))
    shm_before, tmp_before = shm_entries(), entries(Path("/tmp"))
    suite_id = uuid.uuid4().hex
    env = {**os.environ, "TMPDIR": str(tmp), SESSION_ID: suite_id}
    hog = None
    if loaded:
        hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    started = time.monotonic()
    try:
        proc = subprocess.run(
            ["make", "test", *make_args], cwd=ROOT, env=env, capture_output=True, text=True
        )
    finally:
        if hog is not None:
            hog.kill()
            hog.wait()
    wall = time.monotonic() - started
    problems = []
    if proc.returncode != 0:
        tail = [ln for ln in proc.stdout.splitlines() if ln.startswith(("FAILED", "ERROR"))]
        problems.append(f"make test exited {proc.returncode}: " + "; ".join(tail[:5]))
    left = kill_marked(SESSION_MARKER, suite_id)
    if left:
        problems.append(f"{len(left)} processes still running: {left[:3]}")
    problems += temp_problems(tmp, tmp_before, shm_before)
    summary = next(
        (ln for ln in reversed(proc.stdout.splitlines()) if " passed" in ln or " failed" in ln),
        "",
    )
    shutil.rmtree(tmp, ignore_errors=True)
    line = (
        f"run {index + 1} ({'loaded' if loaded else 'quiet'}): {wall:.0f} s, "
        f"{summary.strip('= ')}" + ("" if not problems else " -- " + " | ".join(problems))
    )
    return not problems, line


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="how many full runs (default 10)")
    parser.add_argument(
        "--loaded", type=int, default=5, help="how many of them beside a CPU hog (default 5)"
    )
    parser.add_argument("make_args", nargs="*", help="extra make arguments, e.g. WORKERS=4")
    args = parser.parse_args(argv)
    odd_first = [*range(1, args.runs, 2), *range(0, args.runs, 2)]
    loaded = set(odd_first[: args.loaded])  # alternate quiet and loaded runs
    results = []
    for i in range(args.runs):
        ok, line = one_run(i, i in loaded, args.make_args)
        results.append(ok)
        print(line, flush=True)
    failed = results.count(False)
    print(f"{args.runs - failed} of {args.runs} runs green ({len(loaded)} beside a CPU hog)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
