"""Notebook pages: valid, the same code in both languages, and their stored output is real.

A notebook's code cells run the way a Jupyter kernel runs them: in one interpreter whose
``__main__`` has no file (``python -c``), so spawn and forkserver children cannot re-import
it, as in Jupyter.  The stored stdout of the cells must be what the run prints.
"""

from __future__ import annotations

import sys

import nbformat
import pytest

from harness import expected as expected_mod
from harness.blocks import DOCS, START_METHODS, relpath
from harness.runner import run
from harness.verify import problems

NOTEBOOKS = sorted(p for lang in ("zh", "en") for p in (DOCS / lang).rglob("*.ipynb"))


def _code(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")


def _stored_output(nb) -> list[str]:
    text = "".join(
        out.get("text", "")
        for c in nb.cells
        if c.cell_type == "code"
        for out in c.outputs
        if out.output_type == "stream"
    )
    return text.splitlines()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_notebook_is_valid(path):
    nbformat.validate(nbformat.read(path, as_version=4))


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if "/zh/" in p.as_posix()], ids=relpath)
def test_notebook_twins_have_the_same_code(path):
    twin = DOCS / "en" / path.relative_to(DOCS / "zh")
    assert twin.exists(), f"{relpath(path)} has no twin {relpath(twin)}"
    a, b = nbformat.read(path, as_version=4), nbformat.read(twin, as_version=4)
    assert _code(a) == _code(b), f"code cells differ: {relpath(path)} vs {relpath(twin)}"
    assert _stored_output(a) == _stored_output(b)


@pytest.mark.parametrize("method", START_METHODS)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=relpath)
def test_notebook_output_is_real(path, method, tmp_path):
    nb = nbformat.read(path, as_version=4)
    result = run(
        ["-c", _code(nb)], python=sys.executable, start_method=method, timeout=60, cwd=tmp_path
    )
    expected = expected_mod.Expected([expected_mod.Group(_stored_output(nb))])
    found = problems(result, expected, None)
    assert not found, f"{relpath(path)} [{method}]\n" + "\n".join(found)
