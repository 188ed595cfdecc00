"""Every snippet module runs as a script: ``python -m snippets.<chapter>.<name>``.

Each module with a ``__main__`` guard runs under fork, spawn and forkserver on the Python
running the tests, and its output is compared with the ``#>`` lines in the file.  Tags in
a leading ``# test: key="value"`` comment (the same tags as fences) apply here and on every
page that includes the file.  Every snippet file is also linted and format-checked.
The functions that snippets define are unit-tested in tests/test_<chapter>.py.
"""

from __future__ import annotations

import sys
import uuid

import pytest
from pytest_examples import CodeExample, EvalExample

from harness import expected as expected_mod
from harness.blocks import ROOT, START_METHODS, header_tags, relpath, version_skip
from harness.envs import EnvError, env_for, parse_requires
from harness.lint import lint_or_format
from harness.runner import run
from harness.verify import problems

SNIPPETS = sorted(p for p in (ROOT / "snippets").rglob("*.py") if p.name != "__init__.py")


def _module(path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _is_script(text: str) -> bool:
    return 'if __name__ == "__main__":' in text


def _params():
    for path in SNIPPETS:
        text = path.read_text("utf-8")
        if not _is_script(text):
            continue
        tags, bad = header_tags(text, relpath(path))
        methods = tags.get("start_methods", " ".join(START_METHODS)).split()
        for method in methods:
            yield pytest.param(path, method, id=f"{relpath(path)}:{method}")


class SnippetFile(CodeExample):
    """A whole .py file as one example (pytest-examples assumes .py means docstrings)."""

    def in_py_file(self) -> bool:
        return False


def _example(path) -> CodeExample:
    text = path.read_text("utf-8")
    ex = SnippetFile.create(text, path=path, start_line=0)
    ex.group = uuid.uuid5(uuid.NAMESPACE_URL, str(path))
    return ex


@pytest.mark.parametrize(("path", "method"), list(_params()))
def test_snippet_runs(path, method, eval_example: EvalExample, record_property):
    text = path.read_text("utf-8")
    tags, bad = header_tags(text, relpath(path))
    if bad:
        pytest.fail("\n".join(bad), pytrace=False)
    if "skip" in tags:
        pytest.skip(f"{relpath(path)}: skip: {tags['skip']}")
    why = version_skip(tags, tuple(sys.version_info[:3]))
    if why:
        pytest.skip(f"{relpath(path)}: {why}")
    first = tags.get("start_methods", " ".join(START_METHODS)).split()[0]
    if eval_example.update_examples and method != first:
        pytest.skip("--update-examples rewrites from one run: the first start method")
    record_property("snippet", relpath(path))
    record_property("start_method", method)
    requires = parse_requires(tags.get("requires", ""))[0]
    record_property("packages", " ".join(requires) or "stdlib only")
    try:  # stdlib-only snippets run in an empty venv, tagged ones in the examples venv
        env = env_for(sys.executable, requires, relpath(path))
    except EnvError as exc:
        pytest.fail(str(exc), pytrace=False)
    result = run(
        ["-m", _module(path)],
        python=env.python,
        start_method=method,
        timeout=float(tags.get("timeout", 30)),
        cwd=ROOT,
        extra_path=[ROOT],
    )
    found = problems(result, expected_mod.parse(text), tags.get("raises"))
    if eval_example.update_examples and found and not result.timed_out:
        ex = _example(path)
        new = expected_mod.rewrite(ex.source, result.lines)
        if new != ex.source:
            ex.source = new
            eval_example.to_update.append(ex)
        return
    if found:
        pytest.fail(f"{relpath(path)} [{method}]\n" + "\n\n".join(found), pytrace=False)


@pytest.mark.parametrize("path", SNIPPETS, ids=[relpath(p) + ":lint" for p in SNIPPETS])
def test_snippet_lint(path, eval_example: EvalExample):
    lint_or_format(eval_example, _example(path))


def test_every_snippet_is_used_or_tested():
    """A snippet file is included by a page in both languages, or imported by a test."""
    pages = {
        lang: "\n".join(p.read_text("utf-8") for p in (ROOT / "docs" / lang).rglob("*.md"))
        for lang in ("zh", "en")
    }
    tests = "\n".join(p.read_text("utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    unused = []
    for path in SNIPPETS:
        rel = relpath(path)
        on_pages = all(rel in text for text in pages.values())
        in_tests = _module(path) in tests
        if not (on_pages or in_tests):
            unused.append(rel)
    assert not unused, f"snippet files no page includes (in both languages): {unused}"
