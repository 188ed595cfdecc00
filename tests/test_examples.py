"""Every Python block of every page, both languages, run as a real script.

Each block runs once per start method (fork, spawn, forkserver) on every Python 3.9+ found
(``tests/harness/runner.py``), in a fresh interpreter, and its whole output is compared
with its ``#>`` lines.  Each block is also linted and format-checked (black and ruff,
through pytest-examples).  Test ids name the pages, e.g.
``docs/zh/process.md:12-30+docs/en/process.md:12-30:spawn:py3.11``: a zh block and its
byte-identical en twin run once.

``pytest --update-examples`` reformats inline blocks and rewrites their ``#>`` lines from a
real run; the ``#>`` lines of included snippet files are rewritten by test_snippets.py.
"""

from __future__ import annotations

import sys

import pytest
from pytest_examples import EvalExample

from harness import expected as expected_mod
from harness.blocks import Block, collect
from harness.envs import EnvError, env_for
from harness.lint import lint_or_format
from harness.runner import pythons, run
from harness.verified import group_id, groups
from harness.verify import problems

BLOCKS = collect()
PYTHONS, _MISSING = pythons()
CURRENT = tuple(sys.version_info[:2])


def _run_params():
    for group in groups(BLOCKS):
        b = group[0]
        ids = group_id(group)
        if b.errors:
            yield pytest.param(group, None, None, id=f"{ids}:invalid")
            continue
        if "skip" in b.tags:
            marks = pytest.mark.skip(reason=f"{ids}: skip: {b.tags['skip']}")
            yield pytest.param(group, None, None, id=f"{ids}:skipped", marks=marks)
            continue
        for py in PYTHONS:
            why = b.version_skip(py.full)
            for method in b.start_methods:
                marks = [pytest.mark.skip(reason=f"{ids}: {why}")] if why else []
                yield pytest.param(group, py, method, id=f"{ids}:{method}:{py.tag}", marks=marks)


@pytest.mark.parametrize(("group", "python", "method"), list(_run_params()))
def test_run(group, python, method, tmp_path, eval_example: EvalExample, record_property):
    block: Block = group[0]
    if block.errors:
        pytest.fail("\n".join(block.errors), pytrace=False)
    designated = python.version == CURRENT and method == block.start_methods[0]
    if eval_example.update_examples and not designated:
        pytest.skip("--update-examples rewrites from one run: this Python, first start method")
    if eval_example.update_examples and block.include is not None:
        pytest.skip("--update-examples: an included snippet file is rewritten by test_snippets")
    where = " + ".join(b.id for b in group)
    record_property("block", where)
    record_property("start_method", method)
    record_property("python", python.tag)
    record_property("packages", " ".join(block.requires) or "stdlib only")
    try:  # stdlib-only blocks run in an empty venv, tagged ones in the examples venv
        env = env_for(python.executable, block.requires, where)
    except EnvError as exc:
        pytest.fail(str(exc), pytrace=False)
    script = tmp_path / "example.py"
    script.write_text(block.code, "utf-8")
    result = run(
        [script.name],
        python=env.python,
        start_method=method,
        timeout=block.timeout,
        cwd=tmp_path,
    )
    expected = expected_mod.parse(block.code)
    found = problems(result, expected, block.tags.get("raises"))
    if eval_example.update_examples and found and not result.timed_out:
        for twin in group:  # the zh block and its en twin get the same new output
            new = expected_mod.rewrite(twin.example.source, result.lines)
            if new != twin.example.source:
                twin.example.source = new
                eval_example.to_update.append(twin.example)
        return
    if found:
        pytest.fail(f"{where} [{method}, {python.tag}]\n" + "\n\n".join(found), pytrace=False)


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
