"""No asyncio event loop marked running outside the browser tests.

The browser tests keep one Playwright (sync API) open per test process (session scope,
tests/browser/conftest.py).  Between its calls, Playwright marks its event loop as running
in this thread (playwright/_impl/_greenlets.py, wait_for_future), so a later test's
``asyncio.run()`` failed: "cannot be called from a running event loop".  Every test outside
tests/browser runs with no loop marked running; the mark is put back after it."""

from __future__ import annotations

import asyncio

import pytest


@pytest.fixture(autouse=True)
def _no_event_loop_left_running(request):
    loop = asyncio.events._get_running_loop()
    if loop is None or "browser" in request.path.parts:
        yield
        return
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(loop)
