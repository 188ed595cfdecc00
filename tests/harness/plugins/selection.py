"""The tiers and the narrowing options: which tests a session runs.

``--tier`` chooses how many block runs (harness.plan): ``changed`` (default, ``make test``),
``all`` (``make test-all``), ``fast`` (``make test-fast``; no browser tests either, nor the
tests marked ``not_fast("reason")``: checks of the tooling, not of a chapter's content).
``--chapter pool`` keeps the tests of one chapter (its blocks and snippet files, their lint,
and tests/test_pool.py); ``--start-method spawn`` keeps the block runs under that method.
Both may be given more than once.
"""

from __future__ import annotations

import os

import pytest

from harness import nav
from harness.plan import TIERS, Plan, make_plan
from harness.record import load
from harness.runnables import collect_runnables
from harness.runner import pythons
from harness.tags import START_METHODS


def pytest_addoption(parser):
    group = parser.getgroup("mp-docs", "the docs suite")
    group.addoption(
        "--tier",
        choices=TIERS,
        default="changed",
        help="changed: newest Python + what the record does not vouch for (make test); "
        "all: every Python (make test-all); fast: newest Python, one start method each",
    )
    group.addoption(
        "--chapter",
        action="append",
        default=[],
        metavar="NAME",
        help="only this chapter's tests (page name without .md, e.g. pool); repeatable",
    )
    group.addoption(
        "--start-method",
        action="append",
        default=[],
        choices=START_METHODS,
        help="only block runs under this start method; repeatable",
    )


def chapters() -> set[str]:
    return {f.rsplit(".", 1)[0] for f in nav.files("zh")}


def _check_chapters(config) -> None:
    unknown = sorted(set(config.getoption("chapter")) - chapters())
    if unknown:
        raise pytest.UsageError(
            f"--chapter {', '.join(unknown)}: no such chapter "
            f"(known: {', '.join(sorted(chapters()))})"
        )


def pytest_configure(config):
    _check_chapters(config)


def plan(config) -> Plan:
    """The session's plan of block runs, computed once per process."""
    cached = getattr(config, "_mp_docs_plan", None)
    if cached is None:
        found, _ = pythons()
        cached = make_plan(
            collect_runnables(),
            found,
            load(),
            tier=config.getoption("tier"),
            chapters=config.getoption("chapter") or None,
            methods=config.getoption("start_method") or None,
        )
        config._mp_docs_plan = cached
    return cached


def item_chapter(item) -> str | None:
    """The chapter a test belongs to: its runnable's, or tests/test_<chapter>.py's."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    for value in params.values():
        parts = value if isinstance(value, tuple) else (value,)
        for obj in (*parts, getattr(value, "runnable", None)):
            chapter = getattr(obj, "chapter", None)
            if isinstance(chapter, str):
                return chapter
    stem = os.path.basename(str(item.path)).removesuffix(".py").removeprefix("test_")
    return stem if stem in chapters() else None


def pytest_ignore_collect(collection_path, config):
    """The browser tests are not even imported when none of them would run (--tier fast, or
    --chapter: they belong to no chapter): their modules gather the search cases at import."""
    browser = collection_path.name == "browser" and collection_path.parent.name == "tests"
    if browser and (config.getoption("tier") == "fast" or config.getoption("chapter")):
        return True
    return None


def pytest_collection_modifyitems(session, config, items):
    wanted = set(config.getoption("chapter"))
    fast = config.getoption("tier") == "fast"
    keep, drop = [], []
    for item in items:
        not_fast = item.get_closest_marker("not_fast")
        if not_fast is not None and not not_fast.args:
            raise pytest.UsageError(f"{item.nodeid}: not_fast needs its reason")
        other_chapter = wanted and item_chapter(item) not in wanted
        # make test-fast: no browser, nothing marked not_fast (its reason is for the reader)
        not_in_fast = fast and ("browser" in item.path.parts or not_fast is not None)
        if other_chapter or not_in_fast:
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
