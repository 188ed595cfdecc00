"""What the session leaves behind: processes, temp files, /dev/shm entries.  None is allowed.

* Every process the suite starts carries the session's id in its environment (harness.runner
  passes it on to every script it runs), so the controller's last check finds a leftover
  process even if it left its process group.
* The session runs with a temporary folder of its own (TMPDIR, inherited by the xdist
  workers and everything they start): whatever is left in it at the end, pytest's own
  folder aside, was left by a test, a unit-tested function or a helper process (a
  ``pymp-*`` folder of a process that never ran its exit handlers, a scratch folder).
* A /dev/shm entry that is new and that no live process maps is a leaked shared-memory
  block or semaphore.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from harness.leftovers import settled_new_shm, shm_entries
from harness.quickbench import FOLDER as QUICKBENCH
from harness.runner import SESSION_ID, SESSION_MARKER, kill_marked

SESSION_TMP = "MP_DOCS_SESSION_TMP"


def pytest_configure(config):
    # xdist workers inherit the id, and so does a session started by `make soak` or
    # `make chaos`, which check for leftovers themselves.  A pytest that a *test* starts
    # (PYTEST_CURRENT_TEST is set) gets an id of its own: its last check must not kill the
    # processes of the session around it.
    controller = not hasattr(config, "workerinput")
    if os.environ.get("PYTEST_CURRENT_TEST") and controller:
        os.environ[SESSION_ID] = uuid.uuid4().hex
    os.environ.setdefault(SESSION_ID, uuid.uuid4().hex)
    if controller and not config.getoption("collectonly", False):
        _forget_old_sessions()
        folder = tempfile.mkdtemp(prefix="mpd")  # short: see harness.runner
        os.environ[SESSION_TMP] = os.environ["TMPDIR"] = folder
        tempfile.tempdir = None  # gettempdir() reads TMPDIR again
        config._mp_docs_shm = shm_entries()


KEEP_FAILED = 3  # sessions whose folders (failed tests' files) are kept, as pytest keeps 3


def _forget_old_sessions() -> None:
    """A failed session keeps its folder for the failed tests' files; keep the newest few, and
    none older than a day (an hour-old one may still be running beside this one)."""
    base = Path(tempfile.gettempdir())
    old = sorted(base.glob("mpd*"), key=lambda p: p.stat().st_mtime, reverse=True)
    now = time.time()
    for i, folder in enumerate(old):
        age = now - folder.stat().st_mtime
        if folder.is_dir() and age > 3600 and (i >= KEEP_FAILED or age > 86400):
            shutil.rmtree(folder, ignore_errors=True)


def _left_in(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.iterdir()
        # pytest's own (failed tests' folders), and the quick benchmark run the session's
        # tests share (its own leftovers are checked when it runs: harness.quickbench)
        if not p.name.startswith("pytest-of-") and p.name != QUICKBENCH
    )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workerinput") or not hasattr(config, "_mp_docs_shm"):
        return  # an xdist worker (the controller checks once at the end), or nothing ran
    report = config.pluginmanager.get_plugin("terminalreporter")

    def fail(text: str, items: list[str]) -> None:
        report.write_line(text + "\n" + "\n".join(f"  {i}" for i in items), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

    left = kill_marked(SESSION_MARKER, os.environ[SESSION_ID])
    if left:
        fail("processes started by the suite were still running at its end (killed):", left)
    folder = Path(os.environ[SESSION_TMP])
    files = _left_in(folder)
    if files:
        fail(f"left in the session's temporary folder ({folder}):", files)
    new = sorted(settled_new_shm(config._mp_docs_shm))
    if new:
        fail(
            "left in /dev/shm by the suite (shared memory or semaphores nobody unlinked):",
            [f"/dev/shm/{name}" for name in new],
        )
    config._mp_docs_clean = session.exitstatus == 0
    if not config._mp_docs_clean:  # pytest keeps failed tests' folders: say where
        report.write_line(f"temporary files of this session, failed tests' included: {folder}")


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """The session's folder goes once the xdist workers are gone too (a worker's exit handlers
    still touch pytest's folder in it), unless it holds failed tests' folders."""
    if getattr(config, "_mp_docs_clean", False):
        shutil.rmtree(os.environ[SESSION_TMP], ignore_errors=True)
