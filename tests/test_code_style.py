"""The project's own Python (tests, harness, build hook) is ruff-clean and ruff-formatted.

Snippet files and page blocks are linted by test_snippets.py / test_examples.py through
pytest-examples (black keeps their ``#>`` lines intact; ruff format would not).
"""

from __future__ import annotations

import subprocess
import sys

from harness.blocks import ROOT

PATHS = ["tests", "docs/hooks", "snippets"]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ruff_check():
    proc = _ruff("check", *PATHS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format():
    proc = _ruff("format", "--check", "tests", "docs/hooks")
    assert proc.returncode == 0, proc.stdout + proc.stderr
