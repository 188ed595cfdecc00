"""What a run may leave behind: processes, files in its temp folder, blocks in /dev/shm.

Shared by the session's last check (plugins.processes), ``make soak`` and ``make chaos``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

SHM = Path("/dev/shm")


def entries(path: Path) -> set[str]:
    try:
        return set(os.listdir(path))
    except OSError:
        return set()


def shm_entries() -> set[str]:
    return entries(SHM)


def mapped_shm() -> set[str]:
    """Names under /dev/shm that some live process has mapped (a semaphore or a shared
    memory block in use): /proc/<pid>/maps of every process this user may read."""
    names: set[str] = set()
    for maps in Path("/proc").glob("[0-9]*/maps"):
        try:
            text = maps.read_text()
        except OSError:
            continue  # gone, or not ours to read
        names.update(
            m.split("/dev/shm/", 1)[1].split(" ")[0] for m in text.splitlines() if "/dev/shm/" in m
        )
    return names


def settled_new_shm(before: set[str], wait: float = 30.0) -> set[str]:
    """Entries of /dev/shm that are new since ``before`` and that no live process maps:
    leaked, not merely in use by another program running beside the suite.  An entry must
    stay so for ``wait`` seconds: one being created is mapped a moment after it appears, and
    a program's resource tracker unlinks what its processes left only when the program
    ends (another suite's example may run for half a minute).  With nothing suspect, there
    is no wait at all."""
    new = shm_entries() - before
    deadline = time.monotonic() + wait
    while new and time.monotonic() < deadline:
        new = (new & shm_entries()) - mapped_shm()
        time.sleep(0.5)
    return (new & shm_entries()) - mapped_shm()


def files_under(path: Path) -> list[str]:
    return sorted(str(p) for p in path.rglob("*") if p.is_file() or p.is_symlink())


def temp_problems(tmp: Path, tmp_before: set[str], shm_before: set[str]) -> list[str]:
    """Leftovers of a whole session run with TMPDIR=tmp: files in tmp (pytest's own kept
    folders of failed tests aside, which the session reports as failures anyway), new
    entries in /tmp and in /dev/shm."""
    problems = []
    pytest_tmp = tmp / f"pytest-of-{os.environ.get('USER', 'root')}"
    files = [f for f in files_under(tmp) if not f.startswith(str(pytest_tmp))]
    if files:
        problems.append(f"{len(files)} files left in TMPDIR: {files[:5]}")
    new_shm = shm_entries() - shm_before
    if new_shm:
        problems.append(f"left in /dev/shm: {sorted(new_shm)[:5]}")
    # another harness session's folder (a pytest run beside this one) is that session's to check
    new_tmp = {
        e for e in entries(Path("/tmp")) - tmp_before - {tmp.name} if not e.startswith("mpd")
    }
    if new_tmp:
        problems.append(f"new entries in /tmp: {sorted(new_tmp)[:5]}")
    return problems
