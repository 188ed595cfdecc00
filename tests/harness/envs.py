"""The virtual environments examples run in: one pair per interpreter, built on demand.

* ``stdlib``: an empty venv (no pip, no packages).  Blocks without a ``requires`` tag run
  here, so a block that imports a third-party package without saying so fails, even on an
  interpreter that happens to have the package installed globally.
* ``examples``: a venv with every package of ``tests/requirements-examples.txt`` installed
  (its environment markers choose the pins for that Python).  Blocks tagged
  ``requires="numpy tqdm"`` run here, after a check that each named package is installed;
  a missing one is a failure that names it, never a skip.

Environments live in ``$MP_DOCS_ENVS`` (default ``$XDG_CACHE_HOME/mp-docs/envs``, that is
``~/.cache/mp-docs/envs`` when XDG_CACHE_HOME is unset), named after the
interpreter's version, its path and (for ``examples``) the requirements file's content, so a
changed pin builds a new one.  A file lock makes concurrent test workers build each once.
``python -m harness envs`` (``make envs``) builds them all up front.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "tests" / "requirements-examples.txt"
STDLIB, EXAMPLES = "stdlib", "examples"
_COMPLETE = ".mp-docs-complete.json"


class EnvError(Exception):
    """An environment could not be built, or lacks a package a block needs."""


@dataclass(frozen=True)
class Env:
    kind: str
    path: Path
    version: str  # "3.11.7"
    packages: frozenset[str]  # normalized distribution names

    @property
    def python(self) -> str:
        return str(self.path / "bin" / "python")


def normalize(name: str) -> str:
    """PEP 503 name: ``Dask_ML`` -> ``dask-ml``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def root() -> Path:
    """$MP_DOCS_ENVS, else mp-docs/envs in the user's cache folder ($XDG_CACHE_HOME, as pip and
    matplotlib use it, else ~/.cache)."""
    if os.environ.get("MP_DOCS_ENVS"):
        return Path(os.environ["MP_DOCS_ENVS"])
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "mp-docs" / "envs"


def base_interpreter(executable: str) -> str:
    """The interpreter a venv was made from (the executable itself if it is not a venv's)."""
    if executable == sys.executable:
        return getattr(sys, "_base_executable", sys.executable)
    out = subprocess.run(
        [executable, "-c", "import sys; print(getattr(sys, '_base_executable', sys.executable))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


@cache
def _version(executable: str) -> str:
    out = subprocess.run(
        [executable, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def _key(kind: str, executable: str) -> str:
    h = hashlib.sha256(f"{kind}\n{os.path.realpath(executable)}".encode())
    if kind == EXAMPLES:
        h.update(REQUIREMENTS.read_bytes())
    return f"{kind}-py{_version(executable)}-{h.hexdigest()[:10]}"


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _build(kind: str, executable: str, path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    steps = [[executable, "-m", "venv", *(["--without-pip"] if kind == STDLIB else []), str(path)]]
    if kind == EXAMPLES:
        pip = [str(path / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
        steps += [[*pip, "install", "--quiet", "--no-input", "-r", str(REQUIREMENTS)]]
    for cmd in steps:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if proc.returncode != 0:
            shutil.rmtree(path, ignore_errors=True)
            tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
            raise EnvError(
                f"building the {kind} environment for {executable} failed:\n"
                f"  {' '.join(cmd)}\n{tail}"
            )
    listing = subprocess.run(
        [
            str(path / "bin" / "python"),
            "-c",
            "import importlib.metadata as m, json;"
            "print(json.dumps(sorted({d.metadata['Name'] for d in m.distributions()})))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    names = [normalize(n) for n in json.loads(listing.stdout)]
    (path / _COMPLETE).write_text(json.dumps({"packages": names}), "utf-8")


def ensure(kind: str, executable: str) -> Env:
    """The ``kind`` environment of that base interpreter, built if it is missing."""
    executable = base_interpreter(executable)
    name = _key(kind, executable)
    path = root() / name
    with _locked(root() / f"{name}.lock"):
        if not (path / _COMPLETE).exists():
            _build(kind, executable, path)
        (path / _USED).touch()
    packages = json.loads((path / _COMPLETE).read_text("utf-8"))["packages"]
    return Env(kind, path, _version(executable), frozenset(packages))


def env_for(executable: str, requires: tuple[str, ...], where: str = "") -> Env:
    """The environment a block with these ``requires`` runs in on that interpreter.

    Raises EnvError naming every required package the environment does not have.
    """
    env = ensure(EXAMPLES if requires else STDLIB, executable)
    missing = [n for n in requires if normalize(n) not in env.packages]
    if missing:
        raise EnvError(
            f"{where + ': ' if where else ''}needs {', '.join(missing)} (requires=...), which "
            f"{REQUIREMENTS.relative_to(ROOT)} does not install for Python {env.version}: "
            f"pin it there for this Python, or give the block min_python/max_python and say "
            f"so on the page"
        )
    return env


# an environment no run has used for this long, and that is not one of this checkout's, is
# removed by `make envs` (a changed requirements lock or a replaced Python leaves the old one)
STALE_DAYS = 14
_USED = ".last-used"


def prune(keep: set[str], now: float | None = None) -> list[str]:
    """Remove the environments under root() that are not in ``keep`` and were last used more than
    STALE_DAYS ago (another checkout with other requirements may still use a recent one)."""
    now = time.time() if now is None else now
    removed = []
    for path in sorted(root().glob("*-py*")):
        if not path.is_dir() or path.name in keep:
            continue
        marker = path / _USED if (path / _USED).exists() else path / _COMPLETE
        used = marker.stat().st_mtime if marker.exists() else path.stat().st_mtime
        if now - used > STALE_DAYS * 86400:
            with _locked(root() / f"{path.name}.lock"):
                shutil.rmtree(path, ignore_errors=True)
            (root() / f"{path.name}.lock").unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def main(argv: list[str]) -> int:
    """Build every environment the suite will use (``make envs``; ``--newest``: only those of
    the newest Python found, which ``make test-fast`` runs on)."""
    from .runner import pythons

    found, _ = pythons()
    if "--newest" in argv:
        found = [max(found, key=lambda p: p.full)]
    executables = {p.executable for p in found} | {sys.executable}
    executables = sorted({base_interpreter(e) for e in executables})
    jobs = [(kind, exe) for exe in executables for kind in (STDLIB, EXAMPLES)]
    failed = 0
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {pool.submit(ensure, kind, exe): kind for kind, exe in jobs}
        for future, kind in futures.items():
            try:
                env = future.result()
                print(f"{kind:8s} py{env.version}: {env.path} ({len(env.packages)} packages)")
            except EnvError as exc:
                failed += 1
                print(exc, file=sys.stderr)
    if "--newest" not in argv:
        keep = {_key(kind, exe) for kind, exe in jobs}
        for name in prune(keep):
            print(f"removed {name}: unused for more than {STALE_DAYS} days")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
