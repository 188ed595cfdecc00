"""The commands README.md gives work as written, from the repository root.

A reader once ran the README's ``pytest -k process`` with no venv activated and got
``ModuleNotFoundError: No module named 'markdown'``; it also selected browser tests.
These tests keep every ``make`` target the README names real, and run its chapter command
(with ``--collect-only``, so they stay quick) to check what it selects.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
MAKEFILE = (ROOT / "Makefile").read_text("utf-8")
PYTEST_COMMAND = re.compile(r"^\.venv/bin/python -m pytest .*$", re.MULTILINE)


def make_targets_named() -> set[str]:
    return set(re.findall(r"(?<![\w-])make ([a-z][a-z-]*)", README))


def test_every_make_target_the_readme_names_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.MULTILINE))
    named = make_targets_named()
    assert {"serve", "test", "site", "test-fast", "update-examples"} <= named
    assert named - targets == set()


def test_both_languages_give_the_same_chapter_command():
    commands = PYTEST_COMMAND.findall(README)
    assert len(commands) == 2, commands
    assert commands[0] == commands[1]


def test_the_chapter_command_selects_that_chapter_only():
    (command,) = set(PYTEST_COMMAND.findall(README))
    args = shlex.split(command)
    assert args[:3] == [".venv/bin/python", "-m", "pytest"]
    rest = args[3:]
    if "-n" in rest:  # collection needs no workers
        i = rest.index("-n")
        del rest[i : i + 2]
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *rest],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    ids = [line for line in out.stdout.splitlines() if "::" in line]
    assert ids, out.stdout
    assert not [i for i in ids if i.startswith("tests/browser")]
    chapter = ("process.md", "snippets/process/", "tests/test_process.py")
    assert [i for i in ids if not any(c in i for c in chapter)] == []


@pytest.mark.parametrize("text", ["make nothing-here", "use make serve"])
def test_make_target_parsing(text, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "README", text)
    assert make_targets_named() == {text.split("make ")[1]}


def test_make_test_runs_every_test():
    """`make test` (what the README and CI run) deselects nothing: no `-m` marker filter, so
    the Lighthouse and browser checks are part of it, not a separate command one forgets."""
    recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", MAKEFILE, re.MULTILINE).group(1)
    args = recipe.split("-m pytest", 1)[1]
    assert not re.search(r"\s(-m|-k|--ignore|--deselect)[\s=]", args), recipe
