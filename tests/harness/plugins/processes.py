"""Every process the suite starts carries the session's id; none may outlive the session.

The id goes into the environment (harness.runner passes it on to every script it runs), so
the controller's last check finds a leftover process even if it left its process group.
The same check looks for shared-memory blocks and semaphores the session left in /dev/shm.
"""

from __future__ import annotations

import os
import uuid

import pytest

from harness.leftovers import settled_new_shm, shm_entries
from harness.runner import SESSION_ID, SESSION_MARKER, kill_marked


def pytest_configure(config):
    # xdist workers inherit the id, and so does a session started by `make soak` or
    # `make chaos`, which check for leftovers themselves.  A pytest that a *test* starts
    # (PYTEST_CURRENT_TEST is set) gets an id of its own: its last check must not kill the
    # processes of the session around it.
    if os.environ.get("PYTEST_CURRENT_TEST") and not hasattr(config, "workerinput"):
        os.environ[SESSION_ID] = uuid.uuid4().hex
    os.environ.setdefault(SESSION_ID, uuid.uuid4().hex)
    config._mp_docs_shm = shm_entries()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker; the controller checks once at the end
    if session.config.getoption("collectonly", False):
        return  # nothing ran
    report = session.config.pluginmanager.get_plugin("terminalreporter")
    left = kill_marked(SESSION_MARKER, os.environ[SESSION_ID])
    if left:
        report.write_line(
            "processes started by the suite were still running at its end (killed):\n"
            + "\n".join(f"  {p}" for p in left),
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    new = sorted(settled_new_shm(session.config._mp_docs_shm))
    if new:
        report.write_line(
            "left in /dev/shm by the suite (shared memory or semaphores nobody unlinked):\n"
            + "\n".join(f"  /dev/shm/{name}" for name in new),
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
