"""Search as readers use it, in real Chromium: the queries they type, the errors they paste.

Each query names the page that must come first (rank 1) or among the first three results
(pages, not sections: the theme groups a page's sections under it).  A Chinese query must
return only Chinese pages, an English one only English pages.  Every error text shown on the
pitfalls page (the table and each version's wording in the examples' output) must find that
page in the top three, in both languages.  Ranks go to the report (tests/conftest.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from harness.blocks import DOCS, collect
from harness.browser import check_requests, close_page, new_page, shot

FIRST, TOP3 = 1, 3

ZH = [
    ("进程池", "pool/", FIRST),
    ("守护进程", "process/", FIRST),
    ("僵尸进程", "pids/", FIRST),
    ("孤儿进程", "pids/", FIRST),
    ("进程 ID", "pids/", FIRST),
    ("队列", "queues/", FIRST),
    ("生产者–消费者", "producer_consumer/", FIRST),
    ("生产者 消费者", "producer_consumer/", FIRST),
    ("GIL", "gil/", FIRST),
    ("全局解释器锁", "gil/", FIRST),
    ("陷阱", "pitfalls/", FIRST),
    ("勘误", "errata/", FIRST),
    ("性能基准", "benchmark/", TOP3),
    ("starmap", "pool/", TOP3),
    ("imap_unordered", "pool/", FIRST),
    ("apply_async", "pool/", FIRST),
    ("回调", "pool/", FIRST),
    ("分块大小", "pool/", FIRST),
    ("maxtasksperchild", "pool/", FIRST),
    ("initializer", "pool/", TOP3),
    ("ProcessPoolExecutor", "pool/", TOP3),
    ("传多个参数", "pool/", TOP3),
    ("JoinableQueue", "producer_consumer/", TOP3),
    ("task_done", "producer_consumer/", FIRST),
    ("哨兵值", "producer_consumer/", FIRST),
    ("背压", "producer_consumer/", FIRST),
    ("子进程 返回值", "process/", TOP3),
    ("退出码", "process/", FIRST),
    ("exitcode", "process/", FIRST),
    ("daemon=True", "process/", TOP3),
    ("os.getppid", "pids/", FIRST),
    ("active_children", "pids/", FIRST),
    ("queue.Empty", "queues/", FIRST),
    ("qsize", "queues/", FIRST),
    ("自由线程构建", "gil/", TOP3),
    ("CPU 密集型", "gil/", FIRST),
    ("加速比", "gil/", TOP3),
    ("lambda 序列化", "pitfalls/", TOP3),
]

EN = [
    ("process pool", "pool/", FIRST),
    ("daemon process", "process/", FIRST),
    ("zombie process", "pids/", FIRST),
    ("orphan process", "pids/", FIRST),
    ("PID", "pids/", TOP3),
    ("queue", "queues/", FIRST),
    ("producer consumer", "producer_consumer/", FIRST),
    ("GIL", "gil/", FIRST),
    ("global interpreter lock", "gil/", TOP3),
    ("pitfalls", "pitfalls/", FIRST),
    ("errata", "errata/", FIRST),
    ("benchmarks", "benchmark/", FIRST),
    ("starmap", "pool/", TOP3),
    ("imap_unordered", "pool/", FIRST),
    ("apply_async", "pool/", FIRST),
    ("callback", "pool/", FIRST),
    ("chunksize", "pool/", FIRST),
    ("maxtasksperchild", "pool/", FIRST),
    ("initializer", "pool/", TOP3),
    ("ProcessPoolExecutor", "pool/", TOP3),
    ("how to pass two arguments to pool.map", "pool/", TOP3),
    ("JoinableQueue", "producer_consumer/", TOP3),
    ("task_done", "producer_consumer/", FIRST),
    ("sentinel", "producer_consumer/", FIRST),
    ("back-pressure", "producer_consumer/", FIRST),
    ("exit code", "process/", FIRST),
    ("exitcode", "process/", FIRST),
    ("daemon=True", "process/", TOP3),
    ("os.getppid", "pids/", FIRST),
    ("active_children", "pids/", FIRST),
    ("queue.Empty", "queues/", FIRST),
    ("qsize", "queues/", FIRST),
    ("free-threaded build", "gil/", TOP3),
    ("CPU-bound", "gil/", FIRST),
    ("speedup", "gil/", TOP3),
    ("pickle lambda", "pitfalls/", TOP3),
]

# What the pitfalls page shows that is not a pitfall's error text: a traceback's first line,
# the head of a message CPython continues on the next lines (the table gives it whole), and
# lines the examples print or raise on purpose.
NOT_ERRORS = {
    "Traceback (most recent call last)",
    "RuntimeError",
    "ValueError: bad value: 2",
    "Pool worker: daemon=True",
}
ERROR_LINE = re.compile(
    r"^((?:[\w]+\.)*\w*(?:Error|Exception|Pool|Traceback)\b.*|Exception in thread .*)$"
)
PLACEHOLDERS = {"<hex>": "0x7f3b2c1d9e50", "<pid>": "4242", "<int>": "3", "<...>": ""}


def pitfall_errors() -> list[str]:
    """Every error text on docs/en/pitfalls.md (its code blocks, so the zh page's too): the
    table's first column, and each error line of the examples' output, placeholders filled in
    with what a terminal shows."""
    page = DOCS / "en" / "pitfalls.md"
    found: list[str] = []
    for row in re.findall(r"^\| (`.*?) \| \[", page.read_text("utf-8"), re.M):
        found += [s for s in re.findall(r"`([^`]+)`", row) if "..." not in s]
    for block in collect([page]):
        for line in block.code.splitlines():
            text = line.strip().removeprefix("#>").strip()
            if line.strip().startswith("#>") and ERROR_LINE.match(text):
                found.append(text)
    out = []
    for text in found:
        for placeholder, value in PLACEHOLDERS.items():
            text = text.replace(placeholder, value)
        text = text.removesuffix(":")  # "multiprocessing.pool.RemoteTraceback:"
        if text not in NOT_ERRORS and text not in out:
            out.append(text)
    return out


ERRORS = pitfall_errors()


@pytest.fixture(scope="session")
def search_pages(browser, server):
    """One page per language with the search box open, reused by every query (session scope:
    kept when other modules' tests run in between, see conftest.py)."""
    pages: dict[str, Page] = {}

    def get(lang: str) -> Page:
        if lang not in pages:
            pg = new_page(browser)
            pg.goto(server + ("/" if lang == "zh" else "/en/"))
            pg.locator("label.md-search__icon, .md-search__input").first.click()
            expect(pg.locator("input.md-search__input")).to_be_focused()
            pages[lang] = pg
        return pages[lang]

    yield get
    for pg in pages.values():
        close_page(pg)


def results(pg: Page, query: str) -> list[str]:
    """Put the query in the box as a paste does (an input event, no key); the result pages'
    paths, in rank order."""
    box = pg.locator("input.md-search__input")
    box.fill("")
    pg.wait_for_function("!document.querySelector('.md-search-result__item')")
    box.fill(query)
    pg.wait_for_function(
        "document.querySelectorAll('.md-search-result__item').length > 0", timeout=20000
    )
    paths = pg.locator(".md-search-result__item").evaluate_all(
        "els => els.map(e => new URL(e.querySelector('a').href).pathname)"
    )
    check_requests(pg)
    return paths


def _rank(paths: list[str], base: str, page: str) -> int | None:
    target = base + page
    return paths.index(target) + 1 if target in paths else None


def _check_language(paths: list[str], base: str, lang: str) -> None:
    if lang == "zh":
        wrong = [p for p in paths if p.startswith(base + "en/")]
    else:
        wrong = [p for p in paths if not p.startswith(base + "en/")]
    assert not wrong, f"{lang} search returned pages of the other language: {wrong}"


@pytest.mark.parametrize(
    ("lang", "query", "page", "bound"),
    [("zh", *q) for q in ZH] + [("en", *q) for q in EN],
    ids=[f"zh-{q[0]}" for q in ZH] + [f"en-{q[0]}" for q in EN],
)
def test_query_finds_its_chapter(search_pages, server, record_property, lang, query, page, bound):
    pg = search_pages(lang)
    base = server.removeprefix("http://").split("/", 1)[1]
    base = "/" + base + "/"
    paths = results(pg, query)
    _check_language(paths, base, lang)
    page = page if lang == "zh" else "en/" + page
    rank = _rank(paths, base, page)
    record_property("search_rank", (lang, "query", rank, bound))
    assert rank is not None and rank <= bound, (
        f"{query!r}: {page} ranked {rank}, wanted <= {bound}; results: {paths[:5]}"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("error", ERRORS)
def test_pasted_error_finds_the_pitfall(search_pages, server, record_property, lang, error):
    pg = search_pages(lang)
    base = "/" + server.removeprefix("http://").split("/", 1)[1] + "/"
    paths = results(pg, error)
    _check_language(paths, base, lang)
    rank = _rank(paths, base, "pitfalls/" if lang == "zh" else "en/pitfalls/")
    record_property("search_rank", (lang, "error", rank, TOP3))
    assert rank is not None and rank <= TOP3, f"{error!r}: pitfalls ranked {rank}: {paths[:5]}"


def test_every_pitfall_error_is_collected():
    """The extraction above finds the page's errors (so the test above cannot go empty)."""
    assert len(ERRORS) >= 15, ERRORS
    for must in ("ValueError: Pool not running", "RuntimeError: context has already been set"):
        assert must in ERRORS


@pytest.mark.parametrize("way", ["paste", "input-method"])
def test_search_runs_without_any_key_press(browser, server, way):
    """Text pasted with the mouse (an input event, no key) or committed by an input method
    (composition events, then the text) searches; the theme alone waited for a key-up."""
    pg = new_page(browser)
    try:
        pg.goto(server + "/")
        pg.locator("label.md-search__icon, .md-search__input").first.click()
        box = pg.locator("input.md-search__input")
        expect(box).to_be_focused()
        if way == "paste":
            box.evaluate(
                """el => { el.value = "进程池";
                    el.dispatchEvent(new InputEvent("input",
                        {inputType: "insertFromPaste", data: null, bubbles: true})); }"""
            )
        else:
            cdp = pg.context.new_cdp_session(pg)
            cdp.send(
                "Input.imeSetComposition",
                {"text": "jinchengchi", "selectionStart": 11, "selectionEnd": 11},
            )
            cdp.send("Input.insertText", {"text": "进程池"})
        expect(box).to_have_value("进程池")
        first = pg.locator(".md-search-result__item > a").first
        expect(first).to_be_visible(timeout=20000)
        assert urlparse(first.evaluate("a => a.href")).path.endswith("/pool/")
        # the whole term is highlighted, not only 进程 (the theme's segmentation, fixed)
        marks = pg.locator(".md-search-result__item mark").all_inner_texts()
        assert "进程池" in marks, marks
        shot(pg, f"search-zh-{way}")
    finally:
        close_page(pg)


INDEX = "/search/search_index.json"


@pytest.mark.parametrize(
    ("path", "query", "first"),
    [("shared_state/", "进程池", "/pool/"), ("en/shared_state/", "process pool", "/en/pool/")],
)
def test_search_index_is_fetched_when_search_opens_not_at_load(browser, server, path, query, first):
    """Loading a page does not download the search index (zh 1 MB: a phone's bandwidth and
    main thread at load, docs/hooks/theme_fixes.py fix 5); opening search fetches it, and
    the first query finds its chapter."""
    pg = new_page(browser)
    try:
        pg.goto(f"{server}/{path}", wait_until="networkidle")
        fetched = [u for u in pg.requests if u.endswith(INDEX)]
        assert not fetched, f"the page fetched the search index at load: {fetched}"
        pg.locator("label.md-search__icon, .md-search__input").first.click()
        pg.locator("input.md-search__input").fill(query)
        hit = pg.locator(".md-search-result__item > a").first
        expect(hit).to_be_visible(timeout=20000)
        assert urlparse(hit.evaluate("a => a.href")).path.endswith(first)
        assert [u for u in pg.requests if u.endswith(INDEX)], "search worked without the index?"
    finally:
        close_page(pg)


def test_a_search_result_opens_with_its_words_highlighted(page, server):
    """A result's link carries ?h=<query>: the page it opens highlights the words, which
    needs the index (fetched for that, and only then)."""
    page.goto(f"{server}/pool/?h=进程池")
    marks = page.locator("mark[data-md-highlight]")
    expect(marks.first).to_be_visible(timeout=20000)
    assert "进程池" in marks.all_inner_texts()
