"""The commands README.md and CONTRIBUTING.md give work as written, from the repository root.

A reader once ran the README's ``pytest -k process`` with no venv activated and got
``ModuleNotFoundError: No module named 'markdown'``; it also selected browser tests.  These
tests keep every ``make`` target the two files name real (``make -n`` resolves each), run the
chapter command (``--collect-only``, so they stay quick) to check what it selects, run the
harness's entry point, and hold the fence-tag tables to the harness's vocabulary.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from harness.__main__ import COMMANDS
from harness.tags import TAGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
MAKEFILE = (ROOT / "Makefile").read_text("utf-8")
PYTEST_COMMAND = re.compile(r"^\.venv/bin/python -m pytest .*$", re.MULTILINE)


def make_targets_named(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])make ([a-z][a-z-]*)", text))


def makefile_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.MULTILINE))


def test_the_readme_gives_the_two_commands_and_links_the_rest():
    assert make_targets_named(README) == {"serve", "test"}
    assert "(CONTRIBUTING.md)" in README
    assert len(README) < 8000, (
        "README.md is for readers: keep maintainers' material in CONTRIBUTING.md"
    )


def test_every_make_target_named_exists():
    named = make_targets_named(README) | make_targets_named(CONTRIBUTING)
    assert {"serve", "test", "test-fast", "test-all", "verified", "chaos", "site"} <= named
    assert named - makefile_targets() == set()


@pytest.mark.parametrize("target", sorted(make_targets_named(README + CONTRIBUTING)))
def test_make_resolves_every_named_target(target):
    """`make -n` prints what a target would run without running it: a typo in a recipe, a
    missing prerequisite or an unknown target fails here."""
    out = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr


def test_recipes_are_one_line_with_no_embedded_python():
    recipes = re.findall(r"^([a-z][a-z-]*):.*\n((?:\t.*\n)+)", MAKEFILE, re.MULTILINE)
    long = [name for name, body in recipes if body.count("\n") > 1 and name != "$(STAMP)"]
    embedded = [name for name, body in recipes if "python -c" in body or "import " in body]
    assert not embedded, f"recipes with Python in them (move it into tests/harness): {embedded}"
    assert set(long) <= {"chromium", "fonts", "$(NODE_STAMP)"}, long


def test_both_languages_give_the_same_chapter_command():
    commands = PYTEST_COMMAND.findall(CONTRIBUTING)
    assert len(commands) == 2, commands
    assert commands[0] == commands[1]


def test_the_chapter_command_selects_that_chapter_only():
    (command,) = set(PYTEST_COMMAND.findall(CONTRIBUTING))
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
    chapter = ("process.md", "snippets/process/", "tests/test_process.py")
    assert [i for i in ids if not any(c in i for c in chapter)] == []
    assert any("test_process.py" in i for i in ids) and any("test_run[" in i for i in ids)


def test_the_harness_entry_point_lists_its_commands():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests")}
    out = subprocess.run(
        [sys.executable, "-m", "harness"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 2
    assert all(name in out.stderr for name in COMMANDS)
    assert "python -m harness" in CONTRIBUTING


@pytest.mark.parametrize("heading", ["### 代码块标记（fence tags）", "### Fence tags"])
def test_the_fence_tag_tables_list_the_harness_vocabulary(heading):
    section = CONTRIBUTING.split(heading, 1)[1].split("\n### ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, re.M)
    assert listed == list(TAGS), f"{heading}: {listed} != {list(TAGS)} (tests/harness/tags.py)"


@pytest.mark.parametrize("text", ["make nothing-here", "use make serve"])
def test_make_target_parsing(text):
    assert make_targets_named(text) == {text.split("make ")[1]}


def test_make_test_runs_every_test():
    """`make test` (what the README and CI run) deselects nothing: no `-m` marker filter, so
    the Lighthouse and browser checks are part of it, not a separate command one forgets."""
    recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", MAKEFILE, re.MULTILINE).group(1)
    args = recipe.split("-m pytest", 1)[1]
    assert not re.search(r"\s(-m|-k|--ignore|--deselect|--chapter|--tier)[\s=]", args), recipe
