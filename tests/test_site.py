"""The built site: strict build of both languages, zh/en parity, notebooks, no third-party loads."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from harness import nav
from harness.blocks import DOCS, LANGUAGES, ROOT, collect
from harness.build import built_site
from harness.nav import url_dir
from harness.site import (
    css_third_party,
    dangling_fragments,
    install_problems,
    load_hook,
    parity_problems,
    search_locations,
    third_party_loads,
)
from harness.tags import requires

MKDOCS = [sys.executable, "-m", "mkdocs"]


def _pages(lang: str) -> list[str]:
    base = DOCS / lang
    return sorted(
        p.relative_to(base).as_posix() for p in base.rglob("*") if p.suffix in (".md", ".ipynb")
    )


@pytest.fixture(scope="session")
def site() -> Path:
    """The strict build of both languages, shared with the browser tests (harness.build)."""
    try:
        return built_site()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


def _lang_root(site: Path, lang: str) -> Path:
    return site if lang == "zh" else site / lang


def test_every_page_has_its_twin():
    zh, en = set(_pages("zh")), set(_pages("en"))
    missing = [f"docs/zh/{p} has no twin docs/en/{p}" for p in sorted(zh - en)]
    missing += [f"docs/en/{p} has no twin docs/zh/{p}" for p in sorted(en - zh)]
    assert not missing, "\n".join(missing)


def test_pages_show_how_to_install_what_their_blocks_require():
    needed: dict[str, set[str]] = {}
    for block in collect():
        needed.setdefault(block.rel, set()).update(requires(block.tags))
    problems = [
        p
        for rel, names in sorted(needed.items())
        for p in install_problems(rel, (ROOT / rel).read_text("utf-8"), names)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", [p for p in _pages("zh") if p.endswith(".md")])
def test_twins_have_the_same_code(page):
    zh, en = DOCS / "zh" / page, DOCS / "en" / page
    if not en.exists():
        pytest.fail(f"docs/zh/{page} has no twin docs/en/{page}", pytrace=False)
    problems = parity_problems(
        Path(f"docs/zh/{page}"),
        zh.read_text("utf-8"),
        Path(f"docs/en/{page}"),
        en.read_text("utf-8"),
    )
    assert not problems, "\n".join(problems)


def test_nav_lists_every_page_in_both_languages():
    zh, en = nav.files("zh"), nav.files("en")
    assert zh == en, f"mkdocs.yml nav {zh} != mkdocs.en.yml nav {en}"
    assert sorted(zh) == _pages("zh"), f"pages missing from the nav: {set(_pages('zh')) - set(zh)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_built(site, lang):
    root = _lang_root(site, lang)
    missing = [p for p in _pages(lang) if not (root / url_dir(p) / "index.html").exists()]
    assert not missing, f"{lang}: pages without index.html: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebooks_render_as_pages_and_are_searchable(site, lang):
    notebooks = [p for p in _pages(lang) if p.endswith(".ipynb")]
    assert notebooks, f"docs/{lang} has no notebook page"
    root = _lang_root(site, lang)
    for nb in notebooks:
        html = (root / url_dir(nb) / "index.html").read_text("utf-8")
        assert not html.lstrip().startswith("{"), f"{lang}/{nb}: raw notebook JSON, not a page"
        assert "md-content" in html and "jp-Cell" in html, f"{lang}/{nb}: not rendered in the theme"
        assert "snippets.benchmark" in html, f"{lang}/{nb}: the code cells are missing"
        assert not re.search(r"src=\"data:", html), f"{lang}/{nb}: image data embedded in the page"
        plots = re.findall(r'<img [^>]*src="([^"]+\.png)"', html)
        assert len(plots) >= 8, f"{lang}/{nb}: {len(plots)} plots rendered, expected at least 8"
        page_url = "https://example.org/" + url_dir(nb)
        missing = [
            src
            for src in plots
            if not (root / urljoin(page_url, src).removeprefix("https://example.org/")).is_file()
        ]
        assert not missing, f"{lang}/{nb}: plots not in the site: {missing}"
        assert "assets/stylesheets/notebook.css" in html, f"{lang}/{nb}: notebook CSS not linked"
        assert url_dir(nb) in search_locations(root), f"{lang}/{nb}: not in the search index"


# Markers of unfinished prose, in the text a reader sees.  Code is left out (a variable may be
# called `todo`), and so are embedded images: a plot's base64 bytes contain "XXX" or "tBD" by
# chance (about one such run per 30 KB), which no reader ever sees.
STUB_MARKERS = re.compile(
    r"(?i)\b(?:todo|fixme|tbd|xxx+|lorem ipsum|placeholder page)\b|占位页|占位符页面|待补充|待完善"
)


def stub_markers(page_html: str) -> list[str]:
    """Stub markers in a page's visible prose (not in code, scripts, styles or attributes)."""
    text = re.sub(r"(?is)<(script|style|pre|code)\b.*?</\1>", " ", page_html)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return STUB_MARKERS.findall(text)


def test_stub_markers_finds_prose_and_ignores_code_and_images():
    img = '<img alt="plot" src="data:image/png;base64,iVBORxxxAtBDAXXX==">'
    assert stub_markers(f"<p>Speedup: TODO</p>{img}") == ["TODO"]
    assert stub_markers("<h1>基准测试（笔记本占位页）</h1>") == ["占位页"]
    assert stub_markers("<p>Numbers TBD.</p>") == ["TBD"]
    assert stub_markers(f"<p>Speedup 1.96</p>{img}<pre><code>todo = [1, 2]</code></pre>") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_is_a_placeholder(site, lang):
    root = _lang_root(site, lang)
    found = {
        p: words
        for p in _pages(lang)
        if (words := stub_markers((root / url_dir(p) / "index.html").read_text("utf-8")))
    }
    assert not found, f"{lang}: placeholder text a reader would see: {found}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_is_per_language(site, lang):
    root = _lang_root(site, lang)
    expected = {url_dir(p) for p in _pages(lang)}
    assert search_locations(root) == expected
    index = (root / "search" / "search_index.json").read_text("utf-8")
    assert f'"lang":["{lang}"]' in index.replace(" ", "")
    if lang == "zh":
        # jieba segmented the Chinese text (word breaks are zero-width spaces)
        assert "\\u200b" in index or "\u200b" in index


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_fence_is_left_unrendered(site, lang):
    """A fence SuperFences did not accept shows up as literal backticks in the page."""
    root = _lang_root(site, lang)
    bad = [
        p for p in _pages(lang) if "```" in (root / url_dir(p) / "index.html").read_text("utf-8")
    ]
    assert not bad, f"{lang}: pages with unrendered code fences: {bad}"


def test_no_page_loads_anything_from_another_host(site):
    found = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            found += [
                f"{path.relative_to(site)}: {u}" for u in third_party_loads(path.read_text("utf-8"))
            ]
        elif path.suffix == ".css":
            found += [
                f"{path.relative_to(site)}: {u}" for u in css_third_party(path.read_text("utf-8"))
            ]
    assert not found, "third-party loads:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_lands_on_the_twin_page(site, lang):
    root = _lang_root(site, lang)
    other = "en" if lang == "zh" else "zh"
    for page in _pages(lang):
        page_dir = url_dir(page)
        html = (root / page_dir / "index.html").read_text("utf-8")
        links = dict(
            (m.group(2), m.group(1))
            for m in re.finditer(
                r'<a href="([^"]*)"\s+hreflang="(\w+)" class="md-select__link"', html
            )
        )
        assert set(links) == {"zh", "en"}, f"{lang}/{page}: switcher links {links}"
        here = f"/{'' if lang == 'zh' else 'en/'}{page_dir}"
        target = urljoin(here, links[other])
        expected = f"/{'' if other == 'zh' else 'en/'}{page_dir}"
        assert target == expected, f"{lang}/{page}: switcher goes to {target}, not {expected}"
        assert (site / target.lstrip("/") / "index.html").exists()


def test_broken_include_fails_the_build(tmp_path):
    """check_paths: a snippet that does not exist stops the build and is named."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text('```py\n--8<-- "snippets/nope.py"\n```\n')
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - pymdownx.superfences\n"
        "  - pymdownx.snippets:\n      check_paths: true\n"
    )
    proc = subprocess.run(
        [*MKDOCS, "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode != 0
    assert "snippets/nope.py" in proc.stdout + proc.stderr


def test_a_broken_anchor_fails_the_strict_build(tmp_path):
    """validation.anchors in mkdocs.yml: a link to a missing heading stops the build."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# A\n\n[b](other.md#no-such-heading)\n")
    (tmp_path / "docs" / "other.md").write_text("# Other\n")
    (tmp_path / "mkdocs.yml").write_text(
        yaml.safe_dump({"site_name": "t", "validation": config["validation"]})
    )
    proc = subprocess.run(
        [*MKDOCS, "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode != 0
    assert "no-such-heading" in proc.stdout + proc.stderr


def test_dangling_fragments_finds_a_link_to_a_missing_id():
    page = (
        '<nav><a class="md-nav__link" href="#3">3</a> <a href="#machine">m</a></nav>\n'
        '<h2 id="3-chunksize">3. chunksize</h2><a id="machine"></a>'
        '<a href="#%E4%B8%AD">x</a><h3 id="中">中</h3><a href="#">top</a>'
    )
    assert dangling_fragments(page) == ["#3 (line 1)"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_same_page_link_has_its_target(site, lang):
    """A notebook heading whose text holds code got an id the table of contents does not link
    to (its entry led nowhere): every "#..." link on every page must find its id."""
    root = _lang_root(site, lang)
    problems = [
        f"{lang}/{p}: {d}"
        for p in _pages(lang)
        for d in dangling_fragments((root / url_dir(p) / "index.html").read_text("utf-8"))
    ]
    assert not problems, "\n".join(problems)


def test_chinese_lines_join_without_a_space(site):
    """docs/hooks/cjk_newlines.py: no newline (shown as a space) between Chinese characters."""
    cjk = load_hook("cjk_newlines")
    assert cjk.join_cjk_lines("<p>第一句。\n第二句</p>") == "<p>第一句。第二句</p>"
    assert cjk.join_cjk_lines("<p>English\nwords 和\n中文</p>") == "<p>English\nwords 和中文</p>"
    assert cjk.join_cjk_lines("<pre>代码\n保持</pre>") == "<pre>代码\n保持</pre>"
    html = (site / "process" / "index.html").read_text("utf-8")
    outside_pre = re.sub(r"<pre\b.*?</pre>", "", html, flags=re.S)
    assert not cjk._BREAK.search(outside_pre)


def test_notebook_css_keeps_what_the_page_can_use_and_drops_the_rest():
    """docs/hooks/notebook_css.py on a small page: each kind of rule it keeps or drops."""
    prune = load_hook("notebook_css").prune
    css = """
    @charset "UTF-8";
    .jupyter-wrapper{--jp-used:1px;--jp-via:var(--jp-used);--jp-unused:url(data:image/svg+xml;base64,AAA)}
    .jupyter-wrapper .jp-Cell{margin:var(--jp-via)}
    .jupyter-wrapper .jp-Cell:hover{color:red}
    [data-md-color-scheme=slate] .jupyter-wrapper .jp-Cell{color:white}
    .jupyter-wrapper .jp-Toolbar{display:flex}
    .jupyter-wrapper .jp-Cell:not(.jp-mod-active, .jp-mod-dirty){opacity:1}
    .jupyter-wrapper .bp3-button, .jupyter-wrapper pre{padding:0}
    @media print{.jupyter-wrapper .jp-Cell{display:block}}
    @media (max-width:400px){.jupyter-wrapper .jp-Dialog{display:none}}
    @keyframes spin{to{transform:rotate(1turn)}}
    @keyframes unused-fade{to{opacity:0}}
    .jupyter-wrapper .jp-Spinner{animation:spin 1s}
    .jupyter-wrapper .jp-Cell{animation:spin 1s}
    """
    page = (
        f'<html><body data-md-color-scheme="default"><style type="text/css">{css}</style>'
        '<div class="jupyter-wrapper"><div class="jp-Cell x"><pre>1</pre></div></div></body></html>'
    )
    out = prune(page)
    kept = out[out.index("<style") : out.index("</style>")]
    for wanted in (
        "--jp-used:1px",
        "--jp-via:var(--jp-used)",  # used through another property
        ".jp-Cell:hover",  # pseudo-classes are not required
        "[data-md-color-scheme=slate] .jupyter-wrapper .jp-Cell",  # the dark scheme stays
        ":not(.jp-mod-active, .jp-mod-dirty)",  # a comma inside :not() does not split it
        ".jupyter-wrapper .bp3-button, .jupyter-wrapper pre",  # one selector can match
        "@media print",
        "@keyframes spin",
    ):
        assert wanted in kept, wanted
    for gone in (
        "--jp-unused",
        "data:image",
        ".jp-Toolbar",
        ".jp-Dialog",
        "unused-fade",
        "@charset",
    ):
        assert gone not in kept, gone
    assert out.endswith(
        '<div class="jupyter-wrapper"><div class="jp-Cell x"><pre>1</pre></div></div></body></html>'
    )
    assert prune("<p>no style</p>") == "<p>no style</p>"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_pages_carry_only_the_css_they_use(site, lang):
    """The hook runs in both languages' builds: JupyterLab's 574 KB stylesheet is cut down."""
    for nb in (p for p in _pages(lang) if p.endswith(".ipynb")):
        html = (_lang_root(site, lang) / url_dir(nb) / "index.html").read_text("utf-8")
        css = "".join(re.findall(r'(?s)<style type="text/css">(.*?)</style>', html))
        assert css, f"{lang}/{nb}: the notebook's styles are missing"
        assert len(css) < 60_000, f"{lang}/{nb}: {len(css)} characters of inline CSS"
        assert ".jp-OutputArea" in css and "--jp-icon-" not in css


def test_offscreen_marks_code_blocks_and_annotated_ones_apart():
    """docs/hooks/offscreen.py: every code block gets its placeholder height; one with
    annotations is marked mp-annotated too (extra.js draws it for good once its markers are
    in: content-visibility would clip their tooltips)."""
    hook = load_hook("offscreen")
    plain = (
        '<div class="highlight"><pre><span></span><code>x = 1\ny = 2\n</code></pre></div>\n<p>t</p>'
    )
    annotated = (
        '<div class="highlight"><pre><code>f()  <span class="c1"># (1)!</span>\n</code></pre>'
        "</div>\n<ol>\n<li>a</li></ol>"
    )
    # an <ol> after a block without a marker for it is an ordinary list: it is not hidden
    unmarked = (
        '<div class="highlight"><pre><code>g()  # (2)\n</code></pre></div>\n<ol><li>b</li></ol>'
    )
    titled = (
        '<div class="highlight"><span class="filename">a.py</span><pre><span></span>'
        "<code>1\n2\n3</code></pre></div>"
    )
    notebook = '<div class="highlight"><pre><span></span>In [1]:</pre></div>'
    out = hook.mark_code_blocks(plain + annotated + titled + notebook + unmarked)
    assert out.count("mp-offscreen") == 4 and out.count("mp-annotated") == 2
    # the list the theme will hide is hidden from the start (extra.css): no jump after drawing
    assert out.count('<ol class="mp-annotations">') == 1
    assert '</div>\n<ol class="mp-annotations">\n<li>a</li></ol>' in out
    assert "</div>\n<ol><li>b</li></ol>" in out
    two_lines = hook.TOP + 2 * hook.LINE
    style = f"contain-intrinsic-size: auto {two_lines:.2f}em"
    assert out.startswith(f'<div class="highlight mp-offscreen" style="{style}">')
    one_line = f"contain-intrinsic-size: auto {hook.TOP + hook.LINE:.2f}em"
    assert (
        f'<div class="highlight mp-offscreen mp-annotated" style="{one_line}"><pre><code>f()' in out
    )
    assert (
        f'<div class="highlight mp-offscreen mp-annotated" style="{one_line}"><pre><code>g()' in out
    )
    assert f"auto {hook.TITLE_TOP + 3 * hook.LINE:.2f}em" in out  # no newline after the last line
    assert notebook in out
    assert hook.mark_code_blocks("<p>no code</p>") == "<p>no code</p>"


def test_offscreen_marks_notebook_cells_holding_a_heading():
    """docs/hooks/offscreen.py: a notebook cell with a heading the table of contents links to
    gets mp-heading (laid out from the start, extra.css); other cells and chapters do not."""
    hook = load_hook("offscreen")
    md = '<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="cell-id=a">'
    code = '<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-id=b">'
    wrapper = '<div class="jp-Cell-inputWrapper" tabindex="0">'
    cells = [
        md + wrapper + '<h2 id="one">One</h2><p>t</p></div></div>',
        code + wrapper + "<pre>x = 1</pre></div></div>",
        md + wrapper + "<p>no heading</p><h3>no id</h3></div></div>",
        md + wrapper + '<p>last</p><h2 id="two">Two</h2></div></div>',
    ]
    page = '<div class="jupyter-wrapper">' + "".join(cells) + "</div>"
    out = hook.mark_heading_cells(page)
    assert out.count("mp-heading") == 2
    cells = out.split('<div class="jp-Cell ')[1:]
    assert [c.startswith("mp-heading ") for c in cells] == [True, False, False, True]
    assert out.replace("mp-heading ", "") == page  # nothing else changes
    chapter = '<h2 id="x">X</h2><div class="highlight"><pre><code>1\n</code></pre></div>'
    assert hook.mark_heading_cells(chapter) == chapter


@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_notebook_headings_sit_in_marked_cells(site, lang):
    """Every heading of a notebook page is in a cell marked mp-heading (not left undrawn:
    the theme's table of contents reads its position at load); the other cells stay undrawn
    until seen."""
    for nb in (p for p in _pages(lang) if p.endswith(".ipynb")):
        html = (_lang_root(site, lang) / url_dir(nb) / "index.html").read_text("utf-8")
        cells = html.split('<div class="jp-Cell ')[1:]
        with_heading = [c for c in cells if re.search(r"<h[1-6][^>]* id=", c)]
        assert len(with_heading) >= 10, f"{lang}/{nb}: {len(with_heading)} headings"
        unmarked = [c[:120] for c in with_heading if not c.startswith("mp-heading ")]
        assert not unmarked, f"{lang}/{nb}: headings in unmarked cells: {unmarked}"
        assert sum(c.startswith("mp-heading ") for c in cells) == len(with_heading)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_code_blocks_are_marked_and_annotated_ones_apart(site, lang):
    root = _lang_root(site, lang)
    marked = annotated = 0
    for p in _pages(lang):
        html = (root / url_dir(p) / "index.html").read_text("utf-8")
        blocks = (
            r'<div class="highlight( mp-offscreen)?( mp-annotated)?"(?: style="[^"]*")?>'
            r'.*?</pre></div>\s*(<ol(?: class="mp-annotations")?>)?'
        )
        for m in re.finditer(blocks, html, re.S):
            if "<code" not in m.group(0):
                continue  # a notebook cell (its own class)
            assert m.group(1), f"{lang}/{p}: a code block is not marked"
            assert bool(m.group(2)) == bool(m.group(3)), f"{lang}/{p}: annotated != mp-annotated"
            if m.group(3):  # every annotated block of ours has its markers: its list is hidden
                assert "mp-annotations" in m.group(3), f"{lang}/{p}: {m.group(0)[-300:]}"
            marked += 1
            annotated += bool(m.group(2))
    assert marked > 100 and annotated > 5, (marked, annotated)


def test_differences_finds_a_changed_byte_and_a_missing_file(tmp_path):
    from harness.build import differences

    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "en").mkdir(parents=True)
        (root / "index.html").write_bytes(b"<p>same</p>")
        (root / "en" / "pool.html").write_bytes(b"<p>one</p>")
    assert differences(a, b) == []
    (b / "en" / "pool.html").write_bytes(b"<p>two</p>")
    (a / "sitemap.xml").write_bytes(b"")
    assert differences(a, b) == [f"only in {a}: sitemap.xml", "differs: en/pool.html"]


@pytest.mark.timeout(1800)  # a served site, eight rebuilds and a cold build
@pytest.mark.not_fast("the make serve caches (about 40 s of both cores), not a chapter's content")
def test_serve_rebuilds_give_the_cold_build_byte_for_byte(tmp_path):
    """`make serve` reuses what an edit did not change (docs/hooks/serve_cache.py, the
    English site in docs/hooks/build_en.py): after edits of a zh page, an en page and a
    snippet, each put back, it serves exactly the files a cold `mkdocs build` of the same
    inputs writes (no cache, same address); every file compared, none left out.  Stopped
    with SIGTERM it removes its temp folder and leaves nothing in TMPDIR."""
    from harness.build import serve_check

    result = serve_check(tmp_path)
    log = result["log"]
    # the caches were used, so the comparison tests them: an edit converted its page only,
    # the en site was kept when only zh changed
    for lang in LANGUAGES:
        pages = sum(p.endswith(".md") for p in _pages(lang))
        edit = f"serve cache ({lang}): {pages - 1} pages reused, 1 converted"
        assert edit in log, log
    assert "English site: no input changed, kept" in log, log
    assert result["differences"] == []
    assert result["left"] == [] and result["status"] == 0, result


def test_notebook_css_result_is_cached_by_the_page_and_the_code(tmp_path, monkeypatch):
    """docs/hooks/notebook_css.py: a page pruned once is read back, the same bytes, from the
    disk cache; another page is pruned anew; BUILD_CACHE=false leaves the disk alone."""
    hook = load_hook("notebook_css")
    monkeypatch.setattr(hook, "CACHE", tmp_path / "cache")
    page = '<style type="text/css">.a{color:red}.b{color:blue}</style><p class="a">x</p>'
    first = hook.cached_prune(page)
    assert first == hook.prune(page) and ".b{" not in first
    (cached,) = (tmp_path / "cache").glob("*.html")
    hook._pruned.clear()
    cached.write_text(first.replace("red", "green"), "utf-8")  # proves the read comes from disk
    assert "green" in hook.cached_prune(page)
    other = page.replace('class="a"', 'class="b"')
    assert hook.cached_prune(other) == hook.prune(other)
    assert len(list((tmp_path / "cache").glob("*.html"))) == 2
    monkeypatch.setenv("BUILD_CACHE", "false")
    hook._pruned.clear()
    third = page.replace("x", "y")
    assert hook.cached_prune(third) == hook.prune(third)
    assert len(list((tmp_path / "cache").glob("*.html"))) == 2


def test_serve_loads_the_search_word_list_once_and_a_changed_one_afresh(tmp_path):
    """docs/hooks/serve_cache.py: under `mkdocs serve` every rebuild's config loads jieba's
    word list again, which shifted jieba's statistics (the preview's index drifted); the same
    list is loaded once, a changed one into a tokenizer reset to jieba's own dictionary."""
    from types import SimpleNamespace

    hook = load_hook("serve_cache")
    calls = []
    dt = SimpleNamespace(initialized=True, initialize=lambda: calls.append("reset"))
    fake = SimpleNamespace(dt=dt, load_userdict=lambda f: calls.append(f"load {Path(f).name}"))
    words = tmp_path / "words.txt"
    words.write_text("进程池 100000 n\n", "utf-8")
    hook._load_userdict_once(fake)
    hook._load_userdict_once(fake)  # patched once
    for _ in range(3):
        fake.load_userdict(str(words))
    assert calls == ["load words.txt"]
    words.write_text("进程池 100000 n\n守护进程 100000 n\n", "utf-8")
    fake.load_userdict(words)
    assert calls == ["load words.txt", "reset", "load words.txt"]
    assert dt.initialized is False  # initialize() (here a stand-in) reloads jieba's dictionary
