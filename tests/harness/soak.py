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
from .runner import SESSION_ID, SESSION_MARKER, kill_marked


def _entries(path: Path) -> set[str]:
    try:
        return set(os.listdir(path))
    except OSError:
        return set()


def _files_under(path: Path) -> list[str]:
    return [str(p) for p in path.rglob("*") if p.is_file() or p.is_symlink()]


def one_run(index: int, loaded: bool, make_args: list[str]) -> tuple[bool, str]:
    tmp = Path(tempfile.mkdtemp(prefix=f"soak-{index}-"))
    shm_before, tmp_before = _entries(Path("/dev/shm")), _entries(Path("/tmp"))
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
    pytest_tmp = tmp / f"pytest-of-{os.environ.get('USER', 'root')}"
    files = [f for f in _files_under(tmp) if not f.startswith(str(pytest_tmp))]
    files += _files_under(pytest_tmp) if pytest_tmp.exists() else []
    if files:
        problems.append(f"{len(files)} files left in TMPDIR: {files[:3]}")
    new_shm = _entries(Path("/dev/shm")) - shm_before
    if new_shm:
        problems.append(f"left in /dev/shm: {sorted(new_shm)[:5]}")
    new_tmp = {e for e in _entries(Path("/tmp")) - tmp_before if not e.startswith("soak-")}
    if new_tmp:
        problems.append(f"new entries in /tmp: {sorted(new_tmp)[:5]}")
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
