"""Lint and format-check a block or snippet file with pytest-examples (black + ruff).

pytest-examples starts one ruff per example (`ruff check -` on its source): 439 starts cost
more than the checking.  `ruff_all` runs one ruff over every example's source, with the same
arguments (`ExamplesConfig.ruff_config()`) and the same project settings (the files are
written inside the repository, so ruff reads its pyproject.toml as it does for stdin), and
reports each example's problems as pytest-examples would (`path:line` of the page).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import tempfile

from pytest_examples import CodeExample, EvalExample
from pytest_examples.config import ExamplesConfig
from pytest_examples.lint import find_ruff_bin

from .blocks import ROOT
from .expected import shield_blank_lines, unshield_blank_lines

CONFIG = {"target_version": "py39", "line_length": 88}


def _shielded(example: CodeExample) -> CodeExample:
    """The example with its empty output lines (a bare ``#>``) shielded from black."""
    shielded = copy.copy(example)
    shielded.source = shield_blank_lines(example.source)
    return shielded


def lint_or_format(
    eval_example: EvalExample, example: CodeExample, ruff_problems: str | None = None
) -> None:
    """``lint`` normally; ``format`` (which rewrites the file) under ``--update-examples``.

    ``ruff_problems``: this example's part of a `ruff_all` run (then only black runs here);
    None runs ruff on this example alone.
    """
    eval_example.set_config(**CONFIG)
    shielded = _shielded(example)
    if eval_example.update_examples:
        eval_example.format(shielded)
        shielded.source = unshield_blank_lines(shielded.source)
    elif ruff_problems is None:
        eval_example.lint(shielded)
    else:
        eval_example.lint_black(shielded)
        assert not ruff_problems, f"ruff failed:\n{ruff_problems}"
    problems = annotation_collisions(example.source)
    assert not problems, f"{example.path}: " + "; ".join(problems)


def ruff_all(examples: list[CodeExample]) -> list[str]:
    """One ruff run over every example (shielded as for black); per example, its problems as
    ``path:line:col: CODE message`` lines (empty when clean)."""
    args = ExamplesConfig(**CONFIG).ruff_config()
    (ROOT / ".cache").mkdir(exist_ok=True)
    folder = tempfile.mkdtemp(prefix="lint-", dir=ROOT / ".cache")
    try:
        files = []
        for i, example in enumerate(examples):
            path = f"{folder}/example_{i:04d}.py"
            with open(path, "w", encoding="utf-8") as f:
                f.write(_shielded(example).source)
            files.append(path)
        run = subprocess.run(
            [find_ruff_bin(), "check", "--no-cache", "--output-format=json", *args, *files],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(folder)
    if run.returncode not in (0, 1):
        raise RuntimeError(f"ruff failed to run ({run.returncode}):\n{run.stderr}")
    out: list[list[str]] = [[] for _ in examples]
    index = {path: i for i, path in enumerate(files)}
    for problem in json.loads(run.stdout or "[]"):
        i = index[problem["filename"]]
        example, where = examples[i], problem["location"]
        out[i].append(
            f"{example.path}:{where['row'] + example.start_line}:{where['column']}: "
            f"{problem['code']} {problem['message']}"
        )
    return ["\n".join(lines) for lines in out]


ANNOTATION = re.compile(r"#.*?\((\d+)\)!")


def annotation_collisions(source: str) -> list[str]:
    """Lines of a block with annotations (``# (1)!``) whose comment holds a number in brackets
    that is one of its annotations: the theme turns that ``(1)`` into a marker too, so an
    output line such as ``#> calls of add(1)`` would show a bubble and copy without ``(1)``.
    And a marker after words (``# kept for later (2)!``): the theme hides the words."""
    numbers = set(ANNOTATION.findall(source))
    problems = []
    for number, line in enumerate(source.splitlines(), 1):
        comment = line.partition("#")[2]
        marker = ANNOTATION.search(line)
        if marker and comment.strip() != f"({marker.group(1)})!":
            # `# words (1)!`: the `!` makes the theme drop the whole comment, words included
            problems.append(f"line {number}: the words before ({marker.group(1)})! are hidden")
        if not comment or marker:
            continue
        clash = sorted(set(re.findall(r"\((\d+)\)", comment)) & numbers)
        if clash:
            problems.append(
                f"line {number}: ({clash[0]}) in a comment is also annotation {clash[0]}"
            )
    return problems
