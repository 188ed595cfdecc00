"""Lint and format-check a block or snippet file with pytest-examples (black + ruff)."""

from __future__ import annotations

import copy
import re

from pytest_examples import CodeExample, EvalExample

from .expected import shield_blank_lines, unshield_blank_lines


def lint_or_format(eval_example: EvalExample, example: CodeExample) -> None:
    """``lint`` normally; ``format`` (which rewrites the file) under ``--update-examples``.

    Empty output lines (a bare ``#>``) are shielded from black for the duration.
    """
    eval_example.set_config(target_version="py39", line_length=88)
    shielded = copy.copy(example)
    shielded.source = shield_blank_lines(example.source)
    if eval_example.update_examples:
        eval_example.format(shielded)
        shielded.source = unshield_blank_lines(shielded.source)
    else:
        eval_example.lint(shielded)
    problems = annotation_collisions(example.source)
    assert not problems, f"{example.path}: " + "; ".join(problems)


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
