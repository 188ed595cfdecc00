"""The built site in a real headless Chromium (Debian's, driven by Playwright).

What a reader does: open a page, switch language, search in Chinese and in English, open
the notebook page.  Every request the browser makes is recorded; any to a host other than
the local server fails the test.  Screenshots go to ``screenshots/`` for a human to look at.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect, sync_playwright

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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser-site")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


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
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    foreign = [u for u in pg.requests if urlparse(u).hostname not in ("127.0.0.1", None)]
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _search(page: Page, url: str, query: str) -> list[str]:
    """Type a query into the theme's search box; return the result links' paths."""
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.dispatch_event("input")  # fill() alone did not make the theme search
    box.press("End")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=15000)
    return [urlparse(h).path for h in results.evaluate_all("els => els.map(e => e.href)")]


def test_home_pages_render(page, server):
    page.goto(server + "/")
    expect(page.locator("h1")).to_contain_text("Python 多进程")
    _shot(page, "zh-home")
    page.goto(server + "/en/")
    expect(page.locator("h1")).to_contain_text("Python multiprocessing")
    _shot(page, "en-home")


def test_chapter_page_has_code_copy_and_annotations(page, server):
    page.goto(server + "/process/")
    expect(page.locator("h1")).to_contain_text("进程")
    expect(page.locator("button[data-md-type=copy]").first).to_be_attached()
    expect(page.locator(".md-annotation").first).to_be_attached()
    _shot(page, "zh-process")


@pytest.mark.parametrize(
    ("start", "choice", "landing"),
    [
        ("/process/", "English", "/en/process/"),
        ("/en/process/", "中文", "/process/"),
    ],
)
def test_language_switcher_keeps_the_page(page, server, start, choice, landing):
    page.goto(server + start)
    page.locator(".md-header__option .md-select").first.hover()
    link = page.locator(".md-select__link", has_text=choice)
    expect(link).to_be_visible()
    with page.expect_navigation(url=server + landing, wait_until="domcontentloaded"):
        link.click()
    assert page.url == server + landing


@pytest.mark.parametrize(
    ("site", "query", "hit", "not_hit"),
    [
        ("/", "孤儿进程", "/process/", "/en/"),
        ("/en/", "orphan", "/en/process/", None),
    ],
)
def test_search_finds_the_page_in_its_language(page, server, site, query, hit, not_hit):
    hrefs = _search(page, server + site, query)
    _shot(page, f"search-{'zh' if site == '/' else 'en'}")
    assert any(h == hit for h in hrefs), hrefs
    if not_hit:
        assert not any(h.startswith(not_hit) for h in hrefs), hrefs


ERRORS = [
    "daemonic processes are not allowed to have children",
    "RuntimeError: context has already been set",
    "ValueError: Pool not running",
    "Queue objects should only be shared between processes through inheritance",
]


@pytest.mark.parametrize("site", ["/", "/en/"])
@pytest.mark.parametrize("error", ERRORS)
def test_pasting_an_error_finds_the_pitfall(page, server, site, error):
    """Promise 3: an error pasted into the search box finds the page that explains it."""
    pages = list(dict.fromkeys(_search(page, server + site, error)))  # distinct, in order
    assert site + "pitfalls/" in pages, f"{error!r} on {site}: pages found {pages}"


@pytest.mark.parametrize("site", ["/", "/en/"])
def test_notebook_page_renders(page, server, site):
    page.goto(server + site + "benchmark/")
    expect(page.locator(".jp-Cell").first).to_be_visible()
    expect(page.locator("body")).to_contain_text("snippets.benchmark")
    plots = page.locator(".jp-OutputArea-output img")
    assert plots.count() >= 6
    _shot(page, f"notebook-{'zh' if site == '/' else 'en'}")


@pytest.mark.parametrize("site", ["/", "/en/"])
def test_notebook_page_fits_a_phone(browser, server, site):
    """390 px wide: the plots shrink to the column and the page never scrolls sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    try:
        pg = context.new_page()
        pg.goto(server + site + "benchmark/")
        expect(pg.locator(".jp-OutputArea-output img").first).to_be_visible()
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{site}benchmark/ is {width} px wide on a 390 px screen"
        widest = pg.locator(".jp-OutputArea-output img").evaluate_all(
            "els => Math.max(...els.map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= 390, f"a plot reaches {widest} px on a 390 px screen"
    finally:
        context.close()
