"""Notebook pages: valid, the same code in both languages, and their stored output is real.

The benchmark notebooks plot a recorded run (``docs/<lang>/benchmark-results.json``).  They are
executed here with nbclient, in a real kernel, twice:

* against the committed run: the text they print must be what is stored in the page, so the
  page shows that run and nothing typed in;
* against a fresh ``--quick`` run of ``python -m snippets.benchmark``: the notebooks still work
  with what the CLI writes today, so they never go stale.

Code cells are byte-identical in both languages except the one tagged ``page-language``,
which holds the page's language and the words used in plots and output.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import jsonschema
import nbformat
import pytest

from harness.blocks import DOCS, ROOT, relpath
from snippets.benchmark.pages import RESULTS, execute
from snippets.benchmark.schema import SCHEMA, load

NOTEBOOKS = sorted(p for lang in ("zh", "en") for p in (DOCS / lang).rglob("*.ipynb"))
LANGUAGE_TAG = "page-language"
MIN_PLOTS = 6


def _lang(path) -> str:
    return path.relative_to(DOCS).parts[0]


def _is_language_cell(cell) -> bool:
    return LANGUAGE_TAG in cell.get("metadata", {}).get("tags", [])


def _shared_code(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code" and not _is_language_cell(c)]


def _language_cell(nb):
    cells = [c for c in nb.cells if c.cell_type == "code" and _is_language_cell(c)]
    assert len(cells) == 1, f"expected one cell tagged {LANGUAGE_TAG}, found {len(cells)}"
    return cells[0]


def _stream_text(nb) -> list[str]:
    return [
        "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream")
        for c in nb.cells
        if c.cell_type == "code"
    ]


def _plots(nb) -> int:
    return sum(
        "image/png" in o.get("data", {})
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )


def _errors(nb) -> list[str]:
    return [
        f"{o.ename}: {o.evalue}"
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_notebook_is_valid(path):
    nbformat.validate(nbformat.read(path, as_version=4))


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if _lang(p) == "zh"], ids=relpath)
def test_notebook_twins_have_the_same_code(path):
    twin = DOCS / "en" / path.relative_to(DOCS / "zh")
    assert twin.exists(), f"{relpath(path)} has no twin {relpath(twin)}"
    a, b = nbformat.read(path, as_version=4), nbformat.read(twin, as_version=4)
    assert _shared_code(a) == _shared_code(b), (
        f"code cells differ: {relpath(path)} vs {relpath(twin)}"
    )
    assert [c.cell_type for c in a.cells] == [c.cell_type for c in b.cells]
    assert _plots(a) == _plots(b)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_language_cell_only_sets_the_language_and_its_words(path):
    """The one cell that may differ: ``LANG = "<lang>"`` and a dict ``T`` of labels."""
    cell = _language_cell(nbformat.read(path, as_version=4))
    tree = ast.parse(cell.source)
    targets = [t.id for node in tree.body for t in node.targets]  # only assignments allowed
    assert targets == ["LANG", "T"], targets
    namespace: dict = {}
    exec(compile(tree, relpath(path), "exec"), namespace)
    assert namespace["LANG"] == _lang(path)
    other = DOCS / ("en" if _lang(path) == "zh" else "zh") / path.relative_to(DOCS / _lang(path))
    twin_ns: dict = {}
    exec(_language_cell(nbformat.read(other, as_version=4)).source, twin_ns)
    assert set(namespace["T"]) == set(twin_ns["T"]), "the languages label different things"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_recorded_results_are_a_full_run_beside_both_pages(lang):
    data = load(DOCS / lang / RESULTS)  # an older run is upgraded to the current layout
    jsonschema.validate(data, SCHEMA)
    assert data["profile"] == "full", "the pages must show a full run, not --quick"
    assert (DOCS / lang / RESULTS).read_bytes() == (DOCS / "zh" / RESULTS).read_bytes()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_stored_output_is_the_recorded_run(path):
    stored = nbformat.read(path, as_version=4)
    assert _plots(stored) >= MIN_PLOTS, f"{relpath(path)}: {_plots(stored)} plots stored"
    fresh = execute(path, path.parent / RESULTS)
    assert not _errors(fresh), _errors(fresh)
    assert _stream_text(fresh) == _stream_text(stored), (
        f"{relpath(path)}: the stored output is not what the notebook prints for "
        f"{RESULTS}; run `make bench-pages RESULTS=docs/{_lang(path)}/{RESULTS}`"
    )


# session scope: `make test` orders tests slowest first, so this module's tests come apart
# and a module-scoped fixture ran the quick benchmark again for nearly every one
@pytest.fixture(scope="session")
def quick_results(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    subprocess.run(
        [sys.executable, "-m", "snippets.benchmark", "--quick", "--no-progress", "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_notebook_runs_against_a_fresh_quick_run(path, quick_results):
    nb = execute(path, quick_results)
    assert not _errors(nb), _errors(nb)
    assert _plots(nb) >= MIN_PLOTS
    printed = "".join(_stream_text(nb))
    assert "quick" in printed, "the notebook did not plot the run it was given"


def test_zh_plots_fail_loudly_without_a_cjk_font(monkeypatch):
    """No CJK font must stop the page, not draw empty boxes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    nb = nbformat.read(DOCS / "zh" / "benchmark.ipynb", as_version=4)
    style = next(c.source for c in nb.cells if "font_manager" in c.source)
    monkeypatch.setattr(
        font_manager.fontManager,
        "ttflist",
        [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name],
    )
    with pytest.raises(RuntimeError, match="CJK"):
        exec(style, {"LANG": "zh"})
    exec(style, {"LANG": "en"})  # the English page needs no CJK font
