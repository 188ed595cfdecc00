"""Helpers for the browser tests (tests/browser): pages that record their requests, screenshots."""

from __future__ import annotations

import shutil
import subprocess
from urllib.parse import urlparse

from playwright.sync_api import Locator, Page

from harness.blocks import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def foreign_requests(urls: list[str]) -> list[str]:
    return [
        u
        for u in urls
        if urlparse(u).scheme in ("http", "https", "ws", "wss")
        and urlparse(u).hostname != "127.0.0.1"
    ]


def new_page(browser, **context_args) -> Page:
    """A page in a fresh context that records every request it makes (pg.requests)."""
    args = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", **context_args}
    pg = browser.new_context(**args).new_page()
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    return pg


def open_search(pg: Page) -> Locator:
    """Open the page's search (the header's icon on a phone, the box on a desktop) and return
    the search box."""
    pg.locator("label.md-search__icon, .md-search__input").first.click()
    return pg.locator("input.md-search__input")


def check_requests(pg: Page) -> None:
    """Fails if the page asked another host for anything since the last check: a page that
    tests share (one per session) is checked after each test, so the test that caused the
    request fails, not the last one; close_page checks the requests made after the last check."""
    new = pg.requests[getattr(pg, "checked", 0) :]
    pg.checked = len(pg.requests)
    foreign = foreign_requests(new)
    assert not foreign, f"requests to other hosts: {foreign}"


def close_page(pg: Page) -> None:
    """Close the page's context; fails on any request to another host not yet checked."""
    foreign = foreign_requests(pg.requests[getattr(pg, "checked", 0) :])
    pg.context.close()
    assert not foreign, f"requests to other hosts: {foreign}"


_cjk_font: list[bool] = []


def shot(page: Page, name: str) -> None:
    """Save a screenshot for a human to look at; Chinese text needs a CJK font to be legible."""
    if not _cjk_font:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
        _cjk_font.append(bool(out.strip()))
    assert _cjk_font[0], (
        "no CJK font (`fc-list :lang=zh` lists none): Chinese screenshots would show empty "
        "boxes; `make chromium` installs fonts-noto-cjk"
    )
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
