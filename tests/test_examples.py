"""Every Python block of every page, both languages, run as a real script.

Each block runs once per start method (fork, spawn, forkserver) on every Python 3.9+ found
(``tests/harness/runner.py``), in a fresh interpreter, and its whole output is compared
with its ``#>`` lines.  Each block is also linted and format-checked (black and ruff,
through pytest-examples).  Test ids name the page: ``docs/zh/process.md:12-30:spawn:py3.11``.

``pytest --update-examples`` reformats inline blocks and rewrites their ``#>`` lines from a
real run; the ``#>`` lines of included snippet files are rewritten by test_snippets.py.
"""

from __future__ import annotations

import sys

import pytest
from pytest_examples import EvalExample

from harness import expected as expected_mod
from harness.blocks import ROOT, Block, collect
from harness.lint import lint_or_format
from harness.runner import pythons, run
from harness.verify import problems

BLOCKS = collect()
PYTHONS, _MISSING = pythons()
CURRENT = tuple(sys.version_info[:2])


def _run_params():
    for b in BLOCKS:
        if b.errors:
            yield pytest.param(b, None, None, id=f"{b.id}:invalid")
            continue
        if "skip" in b.tags:
            marks = pytest.mark.skip(reason=f"{b.id}: skip: {b.tags['skip']}")
            yield pytest.param(b, None, None, id=f"{b.id}:skipped", marks=marks)
            continue
        for py in PYTHONS:
            why = b.version_skip(py.full)
            for method in b.start_methods:
                marks = [pytest.mark.skip(reason=f"{b.id}: {why}")] if why else []
                yield pytest.param(b, py, method, id=f"{b.id}:{method}:{py.tag}", marks=marks)


@pytest.mark.parametrize(("block", "python", "method"), list(_run_params()))
def test_run(block: Block, python, method, tmp_path, eval_example: EvalExample, record_property):
    if block.errors:
        pytest.fail("\n".join(block.errors), pytrace=False)
    designated = python.version == CURRENT and method == block.start_methods[0]
    if eval_example.update_examples and not designated:
        pytest.skip("--update-examples rewrites from one run: this Python, first start method")
    if eval_example.update_examples and block.include is not None:
        pytest.skip("--update-examples: an included snippet file is rewritten by test_snippets")
    record_property("block", block.id)
    record_property("start_method", method)
    record_property("python", python.tag)
    script = tmp_path / "example.py"
    script.write_text(block.code, "utf-8")
    result = run(
        [script.name],
        python=python.executable,
        start_method=method,
        timeout=block.timeout,
        cwd=tmp_path,
    )
    expected = expected_mod.parse(block.code)
    found = problems(result, expected, block.tags.get("raises"))
    if eval_example.update_examples and found and not result.timed_out:
        new = expected_mod.rewrite(block.example.source, result.lines)
        if new != block.example.source:
            block.example.source = new
            eval_example.to_update.append(block.example)
        return
    if found:
        pytest.fail(f"{block.id} [{method}, {python.tag}]\n" + "\n\n".join(found), pytrace=False)


def _lint_params():
    for b in BLOCKS:
        if b.include is None and not b.errors:
            yield pytest.param(b, id=f"{b.id}:lint")


@pytest.mark.parametrize("block", list(_lint_params()))
def test_lint(block: Block, eval_example: EvalExample):
    """Inline blocks: black formatting and ruff (included snippet files: test_snippets)."""
    lint_or_format(eval_example, block.example)


def test_blocks_were_found():
    """The collector itself: both languages have blocks, and ids name page files."""
    langs = {b.lang for b in BLOCKS}
    assert langs == {"zh", "en"}, f"blocks found only in {langs}"
    assert all(b.id.startswith(f"docs/{b.lang}/") for b in BLOCKS)
    assert (ROOT / "docs").is_dir()
