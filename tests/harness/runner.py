"""Run a script in a fresh interpreter, under one start method, and clean up after it.

* The script runs as ``python script.py`` (or ``python -m module``) in a subprocess of its own
  session, with the start method made the default through ``inject/sitecustomize.py``.
* stdout and stderr go to one pipe, line-buffered (inject/sitecustomize.py) as in a terminal,
  so lines appear in the order a reader sees them.
* A timeout kills the whole process group, and every process that carries this run's
  marker in its environment (so a child that left the group is found too).
* After the run, any process still alive with this run's marker is a leak: it is killed
  and reported.
* Each run gets a temporary folder of its own (TMPDIR): what is left in it afterwards
  (a ``pymp-*`` folder of a process that never cleaned up, a scratch folder) is a leak too.
* Under ``make chaos`` (MP_DOCS_CHAOS_SEED set), inject/sitecustomize.py delays the start of
  every child process by a random time, seeded by the seed, the run's name and the
  process's name, so a failure replays with the same seed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
INJECT = HERE / "inject"
MARKER = "MP_DOCS_RUN"  # in the environment of every process one run starts
SESSION_MARKER = "MP_DOCS_SUITE"  # ... and the test session's id, for a last check at its end
SESSION_ID = "MP_DOCS_SESSION_ID"  # where the test processes keep that id
SUPPORTED = [(3, minor) for minor in range(9, 14)]


@dataclass(frozen=True)
class Python:
    version: tuple[int, int]
    executable: str
    micro: int = 0

    @property
    def full(self) -> tuple[int, int, int]:
        return (*self.version, self.micro)

    @property
    def tag(self) -> str:
        return f"py{self.version[0]}.{self.version[1]}"

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.full))


@dataclass
class Result:
    returncode: int | None
    output: str
    timed_out: bool
    leaked: list[str]
    seconds: float
    run_id: str = ""
    left_files: list[str] = field(default_factory=list)  # in the run's own temp folder

    @property
    def lines(self) -> list[str]:
        text = self.output.replace("\r\n", "\n")
        lines = [line.rstrip() for line in text.split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        return lines


@cache
def pythons() -> tuple[list[Python], list[str]]:
    """The interpreters to run blocks on, and the supported versions that are missing.

    Looks in ``$(pyenv root)/versions`` for CPython 3.9+ (newest patch of each minor), and
    always includes the interpreter running the tests.  ``MP_DOCS_PYTHONS="3.11 3.13"``
    narrows the set (``make test-fast`` uses the current one only).
    """
    found: dict[tuple[int, int], tuple[int, str]] = {
        tuple(sys.version_info[:2]): (sys.version_info[2], sys.executable)
    }
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    versions = Path(root) / "versions"
    if versions.is_dir():
        best: dict[tuple[int, int], tuple[int, Path]] = {}
        for d in versions.iterdir():
            m = re.fullmatch(r"3\.(\d+)\.(\d+)", d.name)
            exe = d / "bin" / "python3"
            if m and exe.exists() and int(m.group(1)) >= 9:
                key = (3, int(m.group(1)))
                if key not in best or int(m.group(2)) > best[key][0]:
                    best[key] = (int(m.group(2)), exe)
        for key, (micro, exe) in best.items():
            found.setdefault(key, (micro, str(exe)))
    wanted = os.environ.get("MP_DOCS_PYTHONS", "").split()
    if wanted:
        keep = {tuple(int(x) for x in w.split(".")[:2]) for w in wanted}
        found = {k: v for k, v in found.items() if k in keep}
    chosen = [Python(k, exe, micro) for k, (micro, exe) in sorted(found.items())]
    missing = [f"{a}.{b}" for a, b in SUPPORTED if (a, b) not in found and not wanted]
    return chosen, missing


def _marked(key: str, value: str) -> list[psutil.Process]:
    procs = []
    for proc in psutil.process_iter():
        try:
            if proc.pid == os.getpid():
                continue
            if proc.environ().get(key) == value:
                procs.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess, OSError):
            continue
    return procs


def _describe(proc: psutil.Process) -> str:
    try:
        return f"pid {proc.pid}: {' '.join(proc.cmdline())[:160]}"
    except psutil.Error:
        return f"pid {proc.pid}"


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def still_running(run_id: str) -> list[str]:
    """Processes of that run that are alive now (the harness self-tests use this)."""
    return _live(MARKER, run_id)


def _live(key: str, value: str) -> list[str]:
    return [_describe(p) for p in _marked(key, value) if _alive(p)]


def kill_marked(key: str, value: str) -> list[str]:
    """Kill every live process whose environment has key=value; describe each."""
    found = [p for p in _marked(key, value) if _alive(p)]
    described = [_describe(p) for p in found]
    for proc in found:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(found, timeout=5)
    return described


def run(
    args: list[str],
    *,
    python: str,
    start_method: str,
    timeout: float,
    cwd: Path,
    extra_path: list[Path] = (),
    name: str = "",
) -> Result:
    """Run ``python *args`` under ``start_method``; never hangs, never leaves a process.

    ``name`` (the test's id) seeds the chaos delays of ``make chaos``."""
    run_id = uuid.uuid4().hex
    # short names: AF_UNIX socket paths made inside it are limited to 107 bytes
    scratch = Path(tempfile.mkdtemp(prefix="r"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MP_DOCS"))}
    env.update(
        PYTHONPATH=os.pathsep.join(str(p) for p in [INJECT, *extra_path]),
        MP_DOCS_LINE_BUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
        MP_DOCS_START_METHOD=start_method,
        MP_DOCS_RUN_NAME=name or " ".join(args),
        TMPDIR=str(scratch),
        **{MARKER: run_id},
    )
    for key in ("MP_DOCS_CHAOS_SEED", "MP_DOCS_CHAOS_MAX"):
        if key in os.environ:
            env[key] = os.environ[key]
    env[SESSION_MARKER] = os.environ.get(SESSION_ID, "none")
    started = time.monotonic()
    proc = subprocess.Popen(
        [python, *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    timed_out = False
    leaked: list[str] = []
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if proc.poll() is None:
            timed_out = True  # the script itself is still running
        else:
            # the script has exited, but something it started still holds the output open
            leaked = _live(MARKER, run_id)
        _kill_group(proc.pid)
        kill_marked(MARKER, run_id)
        out, _ = proc.communicate(timeout=10)
    seconds = time.monotonic() - started
    # what is still running now was started by the script and outlived it
    if not timed_out:
        leaked += kill_marked(MARKER, run_id)
    _kill_group(proc.pid)
    left = sorted(p.relative_to(scratch).as_posix() for p in scratch.rglob("*"))
    shutil.rmtree(scratch, ignore_errors=True)
    return Result(
        returncode=None if timed_out else proc.returncode,
        output=out.decode("utf-8", "replace"),
        timed_out=timed_out,
        leaked=leaked,
        seconds=seconds,
        run_id=run_id,
        left_files=left,
    )


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
