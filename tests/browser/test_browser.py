"""The built site in a real headless Chromium (Debian's, driven by Playwright).

What a reader does: open a page, switch language, copy a block and run it, get a 404, use the
site from a folder, open the notebook page.  Every request the browser makes is recorded; any
to a host other than the local server fails the test.  Screenshots go to ``screenshots/``
for a human to look at.  Search: test_search.py; every page (axe, mobile): test_pages.py.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from pytest_examples import CodeExample

from harness.blocks import ROOT, collect
from harness.browser import close_page, new_page, open_search, shot
from harness.build import built_site
from harness.lint import ruff_all
from harness.tags import version_skip


def test_home_pages_render(page, server):
    page.goto(server + "/")
    expect(page.locator("h1")).to_contain_text("Python 多进程")
    shot(page, "zh-home")
    page.goto(server + "/en/")
    expect(page.locator("h1")).to_contain_text("Python multiprocessing")
    shot(page, "en-home")


def test_chapter_page_has_code_copy_and_annotations(page, server):
    page.goto(server + "/process/")
    expect(page.locator("h1")).to_contain_text("进程")
    # the theme sets up a block's copy button and annotations when the block first comes
    # into view (content.lazy): scroll to the first annotated block, as a reader would
    page.locator("div.highlight:has(+ ol)").first.scroll_into_view_if_needed()
    expect(page.locator("button[data-md-type=copy]").first).to_be_attached()
    expect(page.locator(".md-annotation").first).to_be_attached()
    expect(page.locator(".md-annotation__index").first).to_have_attribute("aria-label", "注释 1")
    shot(page, "zh-process")


@pytest.mark.parametrize("width", [1280, 390])
def test_undrawn_code_blocks_hold_their_drawn_height(page, server, width):
    """An undrawn block's placeholder height (docs/hooks/offscreen.py) is its drawn height, so
    the page does not move as blocks are drawn while a reader scrolls."""
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("/pitfalls/", "/en/pool/"):
        page.goto(server + path)
        placeholder = page.evaluate(
            """() => [...document.querySelectorAll('.mp-offscreen')]
                 .filter(b => b.offsetParent !== null)  // not in a hidden tab
                 .map(b => parseFloat(b.style.containIntrinsicSize.split(' ')[1])
                           * parseFloat(getComputedStyle(b).fontSize))"""
        )
        page.add_style_tag(content=".mp-offscreen { content-visibility: visible !important; }")
        drawn = page.evaluate(
            """() => [...document.querySelectorAll('.mp-offscreen')]
                 .filter(b => b.offsetParent !== null)
                 .map(b => b.getBoundingClientRect().height)"""
        )
        assert len(drawn) == len(placeholder) > 5
        off = [
            (i, round(p), round(d))
            for i, (p, d) in enumerate(zip(placeholder, drawn))
            if abs(p - d) > 1
        ]
        assert not off, f"{path} at {width} px: (block, placeholder, drawn) {off}"


@pytest.mark.parametrize("path", ["/queues/", "/en/queues/"])
def test_annotation_tooltips_are_not_clipped(page, server, path):
    """Code blocks off screen skip rendering (content-visibility, docs/hooks/offscreen.py),
    which clips what overflows them: an annotated block must lose it once its annotations are
    set up, or its tooltips are cut off at the block's edge (they overflow it on a phone)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + path)
    # below the fold at load, an annotated block is not drawn yet (docs/hooks/offscreen.py) ...
    last = page.locator("div.highlight:has(+ ol)").last
    assert last.evaluate("b => b.getBoundingClientRect().top") > 844
    assert last.evaluate("b => getComputedStyle(b).contentVisibility") == "auto"
    # its list, which the theme hides once the items are in tooltips, is hidden from the start:
    # the text below does not jump up after the page is drawn (printed, it shows)
    lists = page.locator("div.highlight.mp-annotated + ol")
    assert lists.count() >= 2
    displays = lists.evaluate_all("ls => ls.map(l => getComputedStyle(l).display)")
    assert displays == ["none"] * len(displays)
    # ... and once the theme has put its markers in, it is drawn for good (extra.js)
    for block in page.locator("div.highlight:has(+ ol)").all():
        block.evaluate("b => b.scrollIntoView({block: 'center'})")
    markers = page.locator(".md-annotation__index")
    expect(markers.first).to_be_attached()
    assert markers.count() >= 2
    for i in range(markers.count()):
        block = markers.nth(i).locator("xpath=ancestor::div[contains(@class, 'highlight')][1]")
        assert block.evaluate("b => getComputedStyle(b).contentVisibility") == "visible"
    # and the check above matters: on a phone some tooltip reaches past its block's edges
    overflows = []
    for i in range(markers.count()):
        marker = markers.nth(i)
        marker.evaluate("m => m.scrollIntoView({block: 'center'})")
        # on a loaded machine the tooltip can close between the check that it is visible and
        # the reading of its box (make test beside a CPU hog: bounding_box() gave None); open
        # it again, up to three times
        for _ in range(3):
            marker.click(force=True)  # the marker pulses, so it is never "stable"
            tip = page.locator(".md-tooltip--active").first
            expect(tip).to_be_visible()
            t = tip.bounding_box()
            if t is not None:
                break
        else:
            pytest.fail(f"{path}: annotation {i}'s tooltip closed as soon as it opened, 3 times")
        block = marker.locator("xpath=ancestor::div[contains(@class, 'highlight')][1]")
        b = block.bounding_box()
        if (
            t["x"] < b["x"]
            or t["x"] + t["width"] > b["x"] + b["width"]
            or (t["y"] + t["height"] > b["y"] + b["height"])
        ):
            overflows.append(i)
        page.keyboard.press("Escape")
    assert overflows, "no tooltip leaves its block: this page cannot show the clipping"


def test_annotation_lists_show_when_printed_or_without_scripts(browser, server):
    """The annotation lists hidden from the start on screen (docs/hooks/offscreen.py,
    extra.css) are there on paper (the theme moves the items back) and without scripts."""
    pg = new_page(browser, java_script_enabled=False)
    try:
        pg.goto(server + "/queues/")
        lists = pg.locator("ol.mp-annotations")
        assert lists.count() >= 2
        expect(lists.first).to_be_visible()
    finally:
        close_page(pg)
    pg = new_page(browser)
    try:
        pg.goto(server + "/queues/")
        lists = pg.locator("ol.mp-annotations")
        expect(lists.first).to_be_hidden()
        pg.emulate_media(media="print")
        expect(lists.first).to_be_visible()
        expect(lists.first.locator("li").first).not_to_be_empty()
    finally:
        close_page(pg)


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


HOME_H1 = {"zh": "Python 多进程", "en": "Python multiprocessing"}
NOT_FOUND = {"zh": "404 - 页面不存在", "en": "404 - Page not found"}
SEARCH_HIT = {"zh": ("进程池", "/pool/"), "en": ("process pool", "/en/pool/")}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    ("path", "lang", "home", "words"),
    [
        ("/no/such/page/", "zh", "/", "no such page"),
        ("/en/process-pools/", "en", "/en/", "process pools"),
    ],
)
def test_a_missing_page_answers_in_both_languages_and_its_links_work(
    page, server, path, lang, home, words, width
):
    """A static host serves the root 404.html for every missing path (the test server too,
    under the site's sub-path): both languages' text, the address's own language first, and
    each language's links to its home page and to its search (with the address's words)."""
    page.set_viewport_size({"width": width, "height": 900})
    other = "en" if lang == "zh" else "zh"
    response = page.goto(server + path)
    assert response.status == 404
    assert page.url == server + path  # the address the reader typed stays
    headings = page.locator("article h1")
    expect(headings).to_have_text([NOT_FOUND[lang], NOT_FOUND[other]])
    shot(page, f"404-{lang}-{width}")
    section = page.locator(f".mp-404 section[lang={lang}]")
    links = section.locator("a")
    expect(links).to_have_count(2)
    # its home page
    with page.expect_navigation():
        links.nth(0).click()
    assert page.url == server + home
    expect(page.locator("h1").first).to_contain_text(HOME_H1[lang])
    # its search: open, holding the missing address's words, searching this language's pages
    page.go_back()
    with page.expect_navigation():
        page.locator(f".mp-404 section[lang={lang}] a").nth(1).click()
    assert page.url.startswith(server + home + "?q=")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    expect(box).to_have_value(words)
    query, hit = SEARCH_HIT[lang]
    box.fill(query)
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_be_visible(timeout=20000)
    assert urlparse(first.get_attribute("href")).path.endswith(hit), first.get_attribute("href")
    # the other language's home page, and the header's language switcher, from the 404 page
    page.goto(server + path)
    other_home = page.locator(f".mp-404 section[lang={other}] a").first
    target = other_home.evaluate("a => a.href")
    assert page.request.get(target).status == 200
    for link in page.locator(".md-select__link").all():
        assert page.request.get(link.evaluate("a => a.href")).status == 200


START_UP_WATCH = """
window.__changes = [];
new MutationObserver(records => {
  for (const r of records) {
    if (r.type === "attributes") {
      const meta = r.target.nodeName === "META" ? " " + r.target.name : "";
      window.__changes.push(`attr ${r.target.nodeName}${meta} ${r.attributeName}`);
    }
    for (const n of r.addedNodes)
      if (n.nodeName === "META" && n.name === "color-scheme") window.__changes.push("added meta");
    for (const n of r.removedNodes)
      if (n.nodeName === "TABLE" || (n.querySelector && n.querySelector("table")))
        window.__changes.push("moved table");
  }
}).observe(document, {
  subtree: true, childList: true, attributes: true,
  attributeFilter: ["data-md-color-switching", "content"],
});
"""


@pytest.mark.parametrize(
    ("scheme", "meta", "body"), [("light", "light", "default"), ("dark", "dark", "slate")]
)
def test_theme_start_up_does_not_restyle_the_whole_page(browser, server, scheme, meta, body):
    """docs/hooks/theme_startup.py: at start-up the theme no longer adds or rewrites the page's
    color-scheme meta, toggles data-md-color-switching (unless the palette really changes: a
    reader whose system prefers dark gets the dark palette, as before) or moves tables, each
    of which restyled every element; switching the palette still does what the theme did."""
    pg = new_page(browser, color_scheme=scheme, viewport={"width": 390, "height": 844})
    try:
        pg.add_init_script(START_UP_WATCH)
        pg.goto(server + "/verified/")  # tables and code blocks
        expect(pg.locator("body")).to_have_attribute("data-md-color-scheme", body)
        pg.wait_for_timeout(500)  # the theme's palette code runs after load, in a frame
        changes = pg.evaluate("window.__changes")
        assert changes.count("added meta") == 1  # ours, in the head, before anything is drawn
        assert pg.locator("meta[name=color-scheme]").count() == 1
        assert pg.locator("meta[name=color-scheme]").get_attribute("content") == meta
        header = "getComputedStyle(document.querySelector('header')).colorScheme"
        assert pg.evaluate(header) == meta
        assert "moved table" not in changes
        switched = [c for c in changes if "switching" in c]
        # the switching attribute only for a real change (the HTML's palette is light)
        assert switched == ([] if body == "default" else ["attr BODY data-md-color-switching"] * 2)
        assert not [c for c in changes if c.startswith("attr META color-scheme")]
        wrapped = pg.evaluate(
            """() => [...document.querySelectorAll("article table:not([class])")].map(t =>
                 t.parentElement.matches(".md-typeset__table") &&
                 t.parentElement.parentElement.matches(".md-typeset__scrollwrap") &&
                 !t.parentElement.parentElement.parentElement.closest(".md-typeset__table"))"""
        )
        assert wrapped and all(wrapped)
        # the reader switches the palette: the theme switches it, without transitions, and
        # updates the meta
        pg.evaluate("window.__changes = []")
        pg.locator("label.md-header__button[for^=__palette]:visible").first.click()
        other = {"default": ("slate", "dark"), "slate": ("default", "light")}[body]
        expect(pg.locator("body")).to_have_attribute("data-md-color-scheme", other[0])
        expect(pg.locator("meta[name=color-scheme]")).to_have_attribute("content", other[1])
        pg.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
        changes = pg.evaluate("window.__changes")
        assert changes.count("attr BODY data-md-color-switching") == 2, changes
        assert pg.evaluate(header) == other[1]
        assert pg.locator("meta[name=color-scheme]").count() == 1
    finally:
        close_page(pg)


def _annotated_blocks() -> list[tuple[str, str, str]]:
    """(page url, the code the harness runs, the code the reader should get) for every zh
    block with an annotation marker that runs on this Python under fork."""
    out = []
    for block in collect(sorted((ROOT / "docs" / "zh").glob("*.md"))):
        if version_skip(block.tags, sys.version_info[:3]) or "skip" in block.tags:
            continue
        if "fork" not in block.tags.get("start_methods", "fork"):
            continue
        code = block.code
        if block.whole_file is not None:  # a whole snippet file, as shown
            code = block.whole_file.read_text("utf-8")
        if re.search(r"  # \(\d+\)!$", code, re.M):
            page = block.rel.removeprefix("docs/zh/").removesuffix(".md")
            url = "/" if page == "index" else f"/{page}/"
            expected = re.sub(r"[ \t]*# \(\d+\)!$", "", code, flags=re.M)
            out.append((url, code, expected))
    return out


def _tokens(code: str) -> list[tuple[int, str]]:
    """The code as Python reads it: its tokens without comments and line breaks inside
    brackets (tokenize.COMMENT, tokenize.NL)."""
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return [(t.type, t.string) for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL)]


def test_removing_markers_leaves_what_python_reads():
    """The check below relies on it: a marker removed from a comment changes no token; one
    removed from inside a string would (the copy would then not be the code that ran)."""
    assert _tokens("x = 1  # (1)!\n") == _tokens("x = 1\n")
    marker_in_string = 'x = """\n  # (1)!\n"""\n'
    stripped = re.sub(r"[ \t]*# \(\d+\)!$", "", marker_in_string, flags=re.M)
    assert _tokens(marker_in_string) != _tokens(stripped)


@pytest.mark.timeout(300)  # every annotated block: copied and linted, page by page
def test_copied_code_is_the_runnable_lint_clean_script(browser, server):
    """The copy button of a block whose annotation markers the theme removed gives exactly
    the code (no trailing blanks); that text is, token for token, the code the harness runs
    (tests/test_examples.py, on every Python and start method: not run again here) and passes
    ruff with the project's rules."""
    blocks = _annotated_blocks()
    assert blocks, "no annotated block found (the check would test nothing)"
    pg = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    copies = []
    try:
        loaded = None
        for url, code, expected in blocks:
            # Python reads the copy as the block the harness runs: only comments differ
            assert _tokens(expected) == _tokens(code), f"{url}: a marker was not in a comment"
            if url != loaded:  # blocks come page by page: load each page once
                pg.goto(server + url)
                loaded = url
            # the block on the page that holds every code line of this one
            lines = [ln.strip() for ln in expected.splitlines() if ln.strip()]
            index = pg.locator("pre > code").evaluate_all(
                "(els, want) => els.findIndex(e => want.every(l => e.textContent.includes(l)))",
                lines,
            )
            assert index >= 0, f"{url}: block not found on the page"
            pre = pg.locator("pre").filter(has=pg.locator("> code")).nth(index)
            # a block in a content tab that is not selected: select its tab first
            pre.evaluate(
                """pre => {
                    const block = pre.closest(".tabbed-block");
                    if (!block) return;
                    const i = [...block.parentElement.children].indexOf(block);
                    block.closest(".tabbed-set").querySelectorAll(".tabbed-labels > label")[i]
                        .click();
                }"""
            )
            # its button exists once the block has been in view (content.lazy); blocks set up
            # around it shift the page, so the click waits until the button holds still
            pre.scroll_into_view_if_needed()
            pre.locator("button[data-md-type=copy]").click()
            copied = pg.evaluate("navigator.clipboard.readText()")
            assert copied == expected.rstrip("\n"), f"{url}: copied text differs"
            copies.append(CodeExample.create(copied + "\n", path=Path(url)))
    finally:
        close_page(pg)
    # one ruff over every copy (harness.lint.ruff_all: the project's settings)
    problems = [report for report in ruff_all(copies) if report]
    assert not problems, "ruff on the copied code:\n" + "\n".join(problems)


@pytest.mark.parametrize("site", ["/", "/en/"])
def test_notebook_page_renders(page, server, site):
    page.goto(server + site + "benchmark/")
    expect(page.locator(".jp-Cell").first).to_be_visible()
    expect(page.locator("body")).to_contain_text("snippets.benchmark")
    plots = page.locator(".jp-OutputArea-output img")
    assert plots.count() >= 8
    # the plots are files fetched as they scroll into view (loading="lazy"): each one arrives
    for i in range(plots.count()):
        # a cell off screen is not laid out (content-visibility), so ask the browser itself
        plots.nth(i).evaluate("img => img.scrollIntoView({block: 'center'})")
        expect(plots.nth(i)).to_have_js_property("complete", True)
        size = plots.nth(i).evaluate("img => [img.naturalWidth, img.width, img.alt]")
        assert size[0] >= 2 * size[1] - 1 and size[2], f"plot {i}: {size} (natural, shown, alt)"
    shot(page, f"notebook-{'zh' if site == '/' else 'en'}")


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


@pytest.mark.parametrize("site", ["/", "/en/"])
def test_notebook_headings_are_drawn_from_the_start(page, server, site):
    """The theme's table of contents reads every heading's position at load; a heading in an
    undrawn cell (content-visibility: auto) made the browser style and lay out that cell on
    the spot, one cell per heading (Lighthouse, phone: total blocking time 476 ms, performance
    0.86).  No heading the table of contents links to is inside such a cell
    (docs/hooks/offscreen.py, mp-heading); the code cells still are, until seen."""
    page.goto(server + site + "benchmark/")
    headings = page.evaluate(
        """() => [...new Set([...document.querySelectorAll('.md-nav__link[href^="#"]')]
                     .map(a => decodeURIComponent(a.hash.slice(1))))]
                 .map(id => {
                   let e = document.getElementById(id);
                   const found = !!e;
                   for (; e; e = e.parentElement)
                     if (getComputedStyle(e).contentVisibility === "auto") return [id, found, e.id];
                   return [id, found, null];
                 })"""
    )
    assert len(headings) >= 10, headings
    assert all(found for _, found, _ in headings), headings
    undrawn = [(h, cell) for h, _, cell in headings if cell is not None]
    assert not undrawn, f"{site}benchmark/: headings in undrawn cells: {undrawn}"
    lazy = page.locator(".jp-CodeCell").evaluate_all(
        "cells => cells.filter(c => getComputedStyle(c).contentVisibility === 'auto').length"
    )
    assert lazy >= 10, f"{site}benchmark/: only {lazy} code cells are drawn lazily"


@pytest.mark.timeout(900)  # includes its own build (OFFLINE=true) when not cached
def test_the_offline_copy_works_from_a_folder_with_search(browser):
    """`make site-offline`: opened as file://, pages link to each other and search works."""
    offline = built_site(offline=True)
    pg = new_page(browser)
    try:
        pg.goto((offline / "index.html").as_uri())
        expect(pg.locator("h1")).to_contain_text("Python 多进程")
        pg.locator(".md-nav__link", has_text="进程池").first.click()
        expect(pg.locator("h1")).to_contain_text("进程池")
        assert pg.url.endswith("/pool.html")
        open_search(pg).fill("守护进程")
        results = pg.locator(".md-search-result__item > a")
        expect(results.first).to_be_visible(timeout=20000)
        assert "process.html" in results.first.get_attribute("href")
        pg.goto((offline / "en" / "pool.html").as_uri())
        pg.locator(".md-header__option .md-select").first.hover()
        pg.locator(".md-select__link", has_text="中文").click()
        expect(pg.locator("h1")).to_contain_text("进程池")
        assert pg.url == (offline / "pool.html").as_uri()
    finally:
        close_page(pg)  # file:// requests have no host; anything else fails


def test_asyncio_runs_in_a_test_after_a_browser_test(tmp_path):
    """The Playwright the browser tests keep open marks its event loop as running in the
    test process; tests/conftest.py clears that mark around every other test, or their
    ``asyncio.run()`` fails.  Checked end to end: a browser test, then the choosing chapter's
    asyncio tests, in one pytest process (no xdist)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-v",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            # in the order given: the ordering plugin would sort them by the last durations,
            # which put the choosing tests first on a fresh clone after make test-fast
            "-p",
            "no:harness.plugins.ordering",
            "tests/browser/test_browser.py::test_home_pages_render",
            "tests/test_choosing.py::test_io_bound_models_return_the_same",
            "tests/test_choosing.py::test_mixed_models_agree",
        ],
        cwd=ROOT,
        env={**env, "MP_DOCS_PYTHONS": "{}.{}".format(*sys.version_info[:2])},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0 and "3 passed" in proc.stdout, proc.stdout[-3000:]
    order = [ln for ln in proc.stdout.splitlines() if " PASSED" in ln]
    assert "test_home_pages_render" in order[0], order  # the browser test came first
