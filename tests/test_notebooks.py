"""Notebook pages: valid, the same code in both languages, and their stored output is real.

The benchmark notebooks plot a recorded run (``docs/<lang>/benchmark-results.json``).  They are
executed here with nbclient, in a real kernel, twice:

* against the committed run: the text they print must be what is stored in the page, so the
  page shows that run and nothing typed in;
* against a fresh ``--quick`` run of ``python -m snippets.benchmark``: the notebooks still work
  with what the CLI writes today, so they never go stale.

The paragraphs that state results are Markdown outputs of cells tagged ``prose``, written from
the run; ``snippets.benchmark.check`` reads every figure and claim in them (and checks that
the static Markdown holds none) against the results file, and fails on a doctored file or
doctored prose.

Code cells are byte-identical in both languages except the one tagged ``page-language``,
which holds the page's language and the words used in plots and output.

Plots are PNG files in ``docs/<lang>/benchmark-plots/``, shown by an ``<img>`` output; no
notebook stores image data (base64 in a notebook is unreadable in review and slows the page).
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from pathlib import Path

import jsonschema
import nbformat
import pytest

from harness import quickbench
from harness.blocks import DOCS, ROOT, relpath
from snippets.benchmark.check import check_notebook, check_prose, prose_of
from snippets.benchmark.pages import PLOTS, RESULTS, execute
from snippets.benchmark.schema import SCHEMA, load

NOTEBOOKS = sorted(p for lang in ("zh", "en") for p in (DOCS / lang).rglob("*.ipynb"))
LANGUAGE_TAG = "page-language"
PROSE_TAG = "prose"
MIN_PLOTS = 9
#: the anchors other pages link to (benchmark.ipynb#start-up ...), the same in both languages
ANCHORS = {
    "machine",
    "scaling",
    "disturbance",
    "crossover",
    "chunksize",
    "arguments",
    "start-up",
    "first-task-latency",
    "notes-experiment",
    "per-task-cost",
    "engines",
    "summary",
}
PLOT_TAG = re.compile(
    r'<img src="benchmark-plots/([a-z0-9-]+)\.png" width="(\d+)" height="(\d+)" '
    r'alt="([^"]+)" loading="lazy">'
)


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
    """What each code cell printed, and the Markdown it displayed (the result paragraphs)."""
    return [
        "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream")
        + "".join(
            "".join(o.get("data", {}).get("text/markdown", ""))
            for o in c.outputs
            if o.output_type == "display_data"
        )
        for c in nb.cells
        if c.cell_type == "code"
    ]


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _plot_tags(nb) -> list[tuple[str, int, int, str]]:
    """(name, width, height, alt) of every plot the notebook shows, in order."""
    found = []
    for o in _outputs(nb):
        text = o.get("data", {}).get("text/html", "")
        found += [(n, int(w), int(h), alt) for n, w, h, alt in PLOT_TAG.findall("".join(text))]
    return found


def _plots(nb) -> int:
    return len(_plot_tags(nb))


def _image_data(nb) -> list[str]:
    """Outputs that carry image bytes (a figure embedded instead of saved as a file)."""
    return [
        kind
        for o in _outputs(nb)
        for kind, value in o.get("data", {}).items()
        if kind.startswith("image/")
        or "base64," in "".join(value if isinstance(value, list) else [str(value)])
    ]


def _check_plot_files(nb, folder) -> list[str]:
    """Every plot shown is a PNG in ``folder`` at twice its shown size; nothing else is there."""
    from PIL import Image

    problems, names = [], set()
    for name, width, height, alt in _plot_tags(nb):
        names.add(f"{name}.png")
        path = folder / f"{name}.png"
        if not path.is_file():
            problems.append(f"{path} is missing")
            continue
        with Image.open(path) as image:
            if image.format != "PNG" or (image.width // 2, image.height // 2) != (width, height):
                problems.append(f"{path}: {image.format} {image.size}, shown at {width}x{height}")
        if not alt.strip():
            problems.append(f"{name}: no alt text")
    extra = {p.name for p in folder.glob("*")} - names
    if extra:
        problems.append(f"{folder}: files no plot shows: {sorted(extra)}")
    return problems


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_no_notebook_stores_image_data(path):
    nb = nbformat.read(path, as_version=4)
    assert not _image_data(nb), f"{relpath(path)}: image data stored in outputs: {_image_data(nb)}"
    assert _plots(nb) >= MIN_PLOTS, f"{relpath(path)}: {_plots(nb)} plots shown"
    assert not _check_plot_files(nb, path.parent / PLOTS), _check_plot_files(
        nb, path.parent / PLOTS
    )


def test_plot_checks_fail_on_embedded_images_and_missing_files(tmp_path):
    embedded = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("plt.show()")])
    embedded.cells[0].outputs = [
        nbformat.v4.new_output(
            "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}
        )
    ]
    assert _image_data(embedded) == ["image/png"]
    inline = nbformat.v4.new_output(
        "display_data", data={"text/html": '<img src="data:image/png;base64,iVBO">'}
    )
    embedded.cells[0].outputs = [inline]
    assert _image_data(embedded) == ["text/html"]

    from PIL import Image

    shown = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('show(fig, "a")')])
    shown.cells[0].outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": '<img src="benchmark-plots/a.png" width="10" height="5" '
                'alt="A" loading="lazy">'
            },
        )
    ]
    assert _plots(shown) == 1 and not _image_data(shown)
    assert _check_plot_files(shown, tmp_path) == [f"{tmp_path / 'a.png'} is missing"]
    Image.new("RGB", (20, 10)).save(tmp_path / "a.png")
    assert _check_plot_files(shown, tmp_path) == []
    Image.new("RGB", (10, 5)).save(tmp_path / "a.png")  # drawn at the shown size: blurry on phones
    assert _check_plot_files(shown, tmp_path) == [
        f"{tmp_path / 'a.png'}: PNG (10, 5), shown at 10x5"
    ]
    Image.new("RGB", (20, 10)).save(tmp_path / "a.png")
    Image.new("RGB", (20, 10)).save(tmp_path / "old.png")
    assert _check_plot_files(shown, tmp_path) == [f"{tmp_path}: files no plot shows: ['old.png']"]


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if _lang(p) == "zh"], ids=relpath)
def test_notebook_twins_have_the_same_code(path):
    twin = DOCS / "en" / path.relative_to(DOCS / "zh")
    assert twin.exists(), f"{relpath(path)} has no twin {relpath(twin)}"
    a, b = nbformat.read(path, as_version=4), nbformat.read(twin, as_version=4)
    assert _shared_code(a) == _shared_code(b), (
        f"code cells differ: {relpath(path)} vs {relpath(twin)}"
    )
    assert [c.cell_type for c in a.cells] == [c.cell_type for c in b.cells]
    assert [t[0] for t in _plot_tags(a)] == [t[0] for t in _plot_tags(b)]  # sizes follow the text


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
    data = load(DOCS / lang / RESULTS)  # a run of an older schema version is refused
    jsonschema.validate(data, SCHEMA)
    assert data["profile"] == "full", "the pages must show a full run, not --quick"
    assert (DOCS / lang / RESULTS).read_bytes() == (DOCS / "zh" / RESULTS).read_bytes()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_stored_output_is_the_recorded_run(path, tmp_path):
    stored = nbformat.read(path, as_version=4)
    assert _plots(stored) >= MIN_PLOTS, f"{relpath(path)}: {_plots(stored)} plots stored"
    fresh = execute(path, path.parent / RESULTS, tmp_path)
    assert not _errors(fresh), _errors(fresh)
    redo = f"run `make bench-pages RESULTS=docs/{_lang(path)}/{RESULTS}`"
    assert _stream_text(fresh) == _stream_text(stored), (
        f"{relpath(path)}: the stored output is not what the notebook prints for {RESULTS}; {redo}"
    )
    assert _plot_tags(fresh) == _plot_tags(stored), (
        f"{relpath(path)}: the plots shown differ; {redo}"
    )
    # the committed plots are the ones the notebook draws for the recorded run, byte for byte
    # (matplotlib's PNGs carry no date; the font and the quantizer are pinned)
    committed = path.parent / PLOTS
    differ = (
        [
            p.name
            for p in sorted(tmp_path.glob("*.png"))
            if not (committed / p.name).is_file()
            or p.read_bytes() != (committed / p.name).read_bytes()
        ]
        if committed.is_dir()
        else ["(no folder)"]
    )
    assert not differ, f"{relpath(committed)}: not what the recorded run draws: {differ}; {redo}"


# session scope: `make test` orders tests slowest first, so this module's tests come apart
# and a module-scoped fixture ran the quick benchmark again for nearly every one
@pytest.fixture(scope="session")
def quick_results():
    """The session's quick run (harness.quickbench: one per session, shared by the workers)."""
    return quickbench.quick_run(sys.executable).path


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_notebook_runs_against_a_fresh_quick_run(path, quick_results, tmp_path):
    nb = execute(path, quick_results, tmp_path)
    assert not _errors(nb), _errors(nb)
    assert _plots(nb) >= MIN_PLOTS
    assert not _image_data(nb), _image_data(nb)
    assert not _check_plot_files(nb, tmp_path), _check_plot_files(nb, tmp_path)
    printed = "".join(_stream_text(nb))
    assert "quick" in printed, "the notebook did not plot the run it was given"
    # the prose written from a run today agrees with that run
    assert check_notebook(nb, load(quick_results), _lang(path)) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_notebook_runs_against_a_made_up_run_with_verdicts(path, tmp_path):
    """A quick run has too few rounds for any interval; a made-up one with nine rounds (no
    process started, snippets.benchmark.synthetic) has intervals, verdicts of every kind, a
    crossover whose verdicts differ from size to size and an experiment marked disturbed:
    every code cell still runs, and the prose written from it checks."""
    from snippets.benchmark import synthetic

    sizes = [3e-4, 1e-3, 3e-3, 1e-2]

    def timing(exp, arm, field, i):
        if exp == "crossover" and arm.startswith("Pool/"):
            ratio = {"0.3ms": 0.5, "1ms": 1.0, "3ms": 1.6, "10ms": 1.8}[arm.split("/")[-1]]
            return 0.5 / ratio
        return None

    run = synthetic.make_run(
        timing,
        profile={"crossover_sizes_s": sizes},
        others=lambda exp, arm, i: 1.8 if exp == "arguments" else 0.0,
    )
    results = tmp_path / "made-up.json"
    results.write_text(json.dumps(run), "utf-8")
    nb = execute(path, results, tmp_path / "plots")
    assert not _errors(nb), _errors(nb)
    assert check_notebook(nb, load(results), _lang(path)) == []
    said = {s for t in prose_of(nb) for s in re.findall(r'data-says="([a-z ]+)"', t)}
    assert {"faster", "slower", "no difference", "disturbed"} <= said


# --- the prose: every figure and claim against the results ----------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_prose_agrees_with_the_recorded_run(path):
    """Every figure and verdict in the page's paragraphs is the recorded run's, and the
    static Markdown states no figure and no comparison of its own."""
    nb = nbformat.read(path, as_version=4)
    problems = check_notebook(nb, load(path.parent / RESULTS), _lang(path))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_result_paragraphs_are_written_by_tagged_cells(path):
    """Each results paragraph comes from a one-line ``say(...)`` cell tagged ``prose`` (the
    site hides its input: mkdocs.yml remove_input_tags) and every section has one."""
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if PROSE_TAG in c.get("metadata", {}).get("tags", [])]
    sections = [re.fullmatch(r'say\("([a-z_]+)"\)', c.source) for c in cells]
    assert all(sections), [c.source for c in cells]
    from snippets.benchmark.prose import SECTIONS

    assert sorted(m.group(1) for m in sections) == sorted(SECTIONS)
    for c in cells:
        kinds = [o.get("data", {}).keys() for o in c.outputs]
        assert kinds and all("text/markdown" in k for k in kinds), c.source
    for name in ("mkdocs.yml", "mkdocs.en.yml"):  # each language's plugin settings
        config = (ROOT / name).read_text("utf-8")
        assert re.search(r"remove_input_tags: \[" + PROSE_TAG + r"\]", config), name


def test_both_pages_have_the_anchors_other_pages_link_to():
    ids = {}
    for lang in ("zh", "en"):
        nb = nbformat.read(DOCS / lang / "benchmark.ipynb", as_version=4)
        text = "\n".join(prose_of(nb))
        ids[lang] = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', text))
        ids[lang] |= set(re.findall(r'<span class="fig" id="([a-z0-9-]+)"', text))
    assert ids["zh"] == ids["en"]
    assert ids["en"] >= ANCHORS, ANCHORS - ids["en"]


def _doctor_output(nb, old: str, new: str):
    """The notebook with the first result paragraph holding ``old`` changed to ``new``."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for c in nb.cells:
        for o in c.get("outputs", []):
            md = o.get("data", {}).get("text/markdown")
            if md and old in "".join(md):
                o["data"]["text/markdown"] = "".join(md).replace(old, new, 1)
                return nb
    raise AssertionError(f"{old!r} is in no result paragraph")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_prose_check_fails_on_doctored_prose(lang):
    path = DOCS / lang / "benchmark.ipynb"
    nb, run = nbformat.read(path, as_version=4), load(path.parent / RESULTS)
    assert check_notebook(nb, run, lang) == []
    # a figure typed over
    m = re.search(r'data-fig="machine\|usable_cores" data-unit="n">(\d+)<', "\n".join(prose_of(nb)))
    wrong = str(int(m.group(1)) + 6)
    doctored = _doctor_output(nb, m.group(0), m.group(0).replace(f">{m.group(1)}<", f">{wrong}<"))
    assert any("usable_cores: shows" in p for p in check_notebook(doctored, run, lang))
    # a verdict changed, in its words or in what it says
    m = re.search(r'data-says="([a-z ]+)">([^<]+)<', "\n".join(prose_of(nb)))
    other = "faster" if m.group(1) != "faster" else "slower"
    doctored = _doctor_output(nb, m.group(0), f'data-says="{other}">{m.group(2)}<')
    assert any("the rounds give" in p for p in check_notebook(doctored, run, lang))
    # a figure or a comparison added to the static Markdown
    for added in (" 1.84", " 12.8", " faster" if lang == "en" else " 更快"):
        doctored = nbformat.from_dict(json.loads(json.dumps(nb)))
        cell = next(c for c in doctored.cells if c.cell_type == "markdown" and "## 5." in c.source)
        cell.source += added
        assert any("outside" in p for p in check_notebook(doctored, run, lang)), added


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_prose_check_fails_on_a_doctored_results_file(lang):
    path = DOCS / lang / "benchmark.ipynb"
    nb, run = nbformat.read(path, as_version=4), load(path.parent / RESULTS)
    doctored = json.loads(json.dumps(run))
    doctored["machine"]["usable_cores"] += 6
    assert any("usable_cores" in p for p in check_notebook(nb, doctored, lang))
    # a timing changed in one round: the stored comparison no longer follows from the rounds
    doctored = json.loads(json.dumps(run))
    e = doctored["experiments"]["startup"]
    e["rounds"][e["used_rounds"][0]]["measurements"]["Process/fork"]["wall"] *= 3
    problems = check_notebook(nb, doctored, lang)
    assert any("startup|" in p and "worked out" in p for p in problems), problems
    assert check_prose(prose_of(nb), run, lang) == []


def _style_cell() -> str:
    import matplotlib

    matplotlib.use("Agg")
    nb = nbformat.read(DOCS / "zh" / "benchmark.ipynb", as_version=4)
    return next(c.source for c in nb.cells if "font_manager" in c.source)


def _without_cjk(monkeypatch):
    """matplotlib's font list as its cache holds it when built before the font was installed."""
    from matplotlib import font_manager

    monkeypatch.setattr(
        font_manager.fontManager,
        "ttflist",
        [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name],
    )


def test_zh_plots_fail_loudly_without_a_cjk_font(monkeypatch):
    """No CJK font must stop the page, not draw empty boxes."""
    from matplotlib import font_manager

    style = _style_cell()
    _without_cjk(monkeypatch)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])  # none installed
    with pytest.raises(RuntimeError, match="CJK"):
        exec(style, {"LANG": "zh", "os": os, "Path": Path})  # set by the notebook's first cells
    exec(style, {"LANG": "en", "os": os, "Path": Path})  # the English page needs no CJK font


def test_zh_plots_find_a_font_installed_after_matplotlibs_cache_was_built(monkeypatch):
    """`make test-fast` once ran before `make test` installed fonts-noto-cjk; matplotlib's font
    cache (~/.cache/matplotlib) then lacked the font and the zh page failed although it was
    installed.  The style cell looks at the system's fonts again before it gives up."""
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    if not [p for p in font_manager.findSystemFonts() if "CJK" in Path(p).name]:
        pytest.fail("no CJK font installed: `make fonts` installs fonts-noto-cjk", pytrace=False)
    style = _style_cell()
    _without_cjk(monkeypatch)
    exec(style, {"LANG": "zh", "os": os, "Path": Path})
    assert "CJK" in plt.rcParams["font.sans-serif"][0]


def test_the_check_command_reads_a_results_file_and_both_pages(tmp_path, capsys):
    from snippets.benchmark.check import main

    pages = [DOCS / lang / "benchmark.ipynb" for lang in ("zh", "en")]
    assert main([str(DOCS / "en" / RESULTS), *map(str, pages)]) == 0
    doctored = json.loads((DOCS / "en" / RESULTS).read_text("utf-8"))
    doctored["machine"]["logical_cores"] += 1
    path = tmp_path / "doctored.json"
    path.write_text(json.dumps(doctored))
    capsys.readouterr()
    assert main([str(path), *map(str, pages)]) == 1
    assert "logical_cores: shows" in capsys.readouterr().out
