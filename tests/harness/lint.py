"""Lint and format-check a block or snippet file with pytest-examples (black + ruff)."""

from __future__ import annotations

import copy

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
