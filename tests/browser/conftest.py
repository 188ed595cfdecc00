"""Fixtures shared by the browser tests: one site build (harness.build), and one server and
one Chromium (Debian's, driven by Playwright) per test module.

Each browser module is an xdist group (``pytestmark`` in each module; `make test` runs
``pytest --dist loadgroup``): all its tests go to one worker, one after another.  Without
that, `make test`'s slowest-first order (tests/conftest.py) dealt a module's tests one at a
time between other modules' tests, and the module-scoped fixtures were set up again around
nearly every one (a Chromium launch, a server and the page loads per search query or axe
page).  Session scope is not the answer: Playwright's sync API keeps an event loop running in
the worker's thread while it is open, and a later test's ``asyncio.run()`` then fails
("cannot be called from a running event loop"); module scope closes it at the module's end."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from harness.browser import CHROMIUM, FLAGS, close_page, new_page
from harness.build import SAMPLE_PATH, built_site
from harness.serve import serving


@pytest.fixture(scope="session")
def site_dir() -> Path:
    return built_site()


@pytest.fixture(scope="module")
def server(site_dir):
    """Base URL of the site, served like a static host under SAMPLE_PATH (no trailing slash)."""
    with serving(site_dir, SAMPLE_PATH) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    pg = new_page(browser)
    yield pg
    close_page(pg)
