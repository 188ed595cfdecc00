"""Fixtures shared by the browser tests: one site build (harness.build), one server and one
Chromium (Debian's, driven by Playwright) per test process.

Session scope, not module scope: `make test` orders all tests by duration
(tests/conftest.py), so a worker's browser tests come one at a time between other modules'
tests, and module-scoped fixtures were torn down and set up again around nearly every one
(a Chromium launch, a server and the page loads per search query or axe page)."""

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


@pytest.fixture(scope="session")
def server(site_dir):
    """Base URL of the site, served like a static host under SAMPLE_PATH (no trailing slash)."""
    with serving(site_dir, SAMPLE_PATH) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="session")
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
