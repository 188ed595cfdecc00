"""The record and the Verified on page: every block on the pages vouched for by a green run.

``make test`` writes .cache/last-run.json; ``make verified`` merges it into
tests/verified-run.json and renders docs/*/verified.md (harness.record, harness.matrix).
These tests fail while a block on a page is not vouched for (added, changed, a Python patch
release or an example requirement changed since its run), when the page was edited by hand,
or when a chapter's heading is not its title; the rest show each check failing on bad input.
"""

from __future__ import annotations

import copy
import dataclasses
import re

import pytest

from harness import nav
from harness.blocks import DOCS, collect
from harness.matrix import PAGES, render
from harness.matrix_text import reason
from harness.plan import make_plan
from harness.record import PASSED, empty, gaps, load, merge
from harness.runnables import BLOCK, collect_runnables
from harness.runner import Python

REQ = "req-of-today"


@pytest.fixture(scope="module")
def record() -> dict:
    return load()


@pytest.fixture(scope="module")
def runnables():
    return collect_runnables()


def test_the_record_vouches_for_every_block_on_the_pages(record, runnables):
    problems = gaps(record, runnables)
    assert not problems, (
        f"the Verified on page does not vouch for {len(problems)} runs; run `make test`, then "
        "`make verified`:\n  " + "\n  ".join(problems[:60])
    )


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_the_page_is_what_the_record_renders(record, lang):
    assert PAGES[lang].read_text("utf-8") == render(record, lang), (
        f"{PAGES[lang].relative_to(DOCS.parent)} differs from what `make verified` writes; "
        "do not edit it by hand"
    )


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_each_chapter_heading_is_that_chapters_title(record, lang):
    """Chapter headings come from the nav, the titles the site's menu shows in that language."""
    titles = nav.titles(lang)
    page = render(record, lang)
    headings = re.findall(r"^## \[(.+)\]\(([\w.]+)\)$", page, re.M)
    assert headings, "the record lists no chapter: run `make test`, then `make verified`"
    wrong = [(h, f) for h, f in headings if titles.get(f) != h]
    assert not wrong, f"headings that are not their chapter's {lang} title: {wrong}"


# --- the checks fail on bad input --------------------------------------------------------------

PY = Python((3, 11), "/usr/bin/python3", 7)
OLD = Python((3, 9), "/usr/bin/python3.9", 18)


def _pool_blocks():
    return collect([DOCS / "zh" / "pool.md", DOCS / "en" / "pool.md"])


def _green(runnables, pythons=(PY,)) -> dict:
    results = [
        {
            "kind": BLOCK,
            "id": r.id,
            "sha": r.sha,
            "python": py.tag,
            "version": py.version_text,
            "method": m,
            "outcome": PASSED,
            "req": REQ if r.requires else None,
        }
        for r in runnables
        if r.kind == BLOCK and not r.skip
        for py in pythons
        if not r.version_skip(py.full)
        for m in r.start_methods
    ]
    run = {
        "date": "2026-12-06 10:00 UTC",
        "pythons": {py.tag: py.version_text for py in pythons},
        "missing": [],
        "machine": {"os": "test", "cpu": "test", "cores": 2, "arch": "x86_64"},
        "results": results,
    }
    return merge(empty(), run, runnables)[0]


def test_a_changed_added_or_removed_block_is_not_vouched_for():
    runnables = collect_runnables(_pool_blocks())
    record = _green(runnables)
    assert gaps(record, runnables, REQ) == []
    first = next(b for b in _pool_blocks() if not b.tags.get("skip"))
    changed = [
        dataclasses.replace(b, code=b.code + "# changed\n") if b.code == first.code else b
        for b in _pool_blocks()
    ]
    found = gaps(record, collect_runnables(changed), REQ)
    assert any("added or changed" in p and "pool.md" in p for p in found)
    assert any("no longer on the pages" in p for p in found)  # the old version of it


def test_a_new_patch_release_or_new_requirements_are_not_vouched_for():
    runnables = collect_runnables(_pool_blocks())
    record = _green(runnables)
    newer = copy.deepcopy(record)
    newer["pythons"]["py3.11"] = "3.11.8"
    assert any("no run on Python 3.11.8" in p for p in gaps(newer, runnables, REQ))
    # blocks that import third-party packages ran with one lock of example requirements
    shared = collect_runnables(
        collect([DOCS / "zh" / "shared_state.md", DOCS / "en" / "shared_state.md"])
    )
    assert any(r.kind == BLOCK and r.requires for r in shared)
    record = _green(shared)
    assert gaps(record, shared, REQ) == []
    assert any("other example requirements" in p for p in gaps(record, shared, "new-lock"))


def test_a_failed_run_is_not_merged_and_removes_an_older_pass():
    runnables = collect_runnables(_pool_blocks())
    record = _green(runnables)
    block = next(r for r in runnables if r.kind == BLOCK and not r.skip)
    failed = {
        "date": "2026-12-07 10:00 UTC",
        "pythons": {PY.tag: PY.version_text},
        "results": [
            {
                "kind": BLOCK,
                "id": block.id,
                "sha": block.sha,
                "python": PY.tag,
                "version": PY.version_text,
                "method": "spawn",
                "outcome": "failed",
            }
        ],
    }
    after, notes = merge(record, failed, runnables)
    assert any("failed" in n for n in notes)
    assert any(f"{block.id}: not passed" in p and "spawn" in p for p in gaps(after, runnables, REQ))


def test_the_plan_reruns_only_what_the_record_does_not_vouch_for():
    runnables = collect_runnables(_pool_blocks())
    record = _green(runnables, pythons=(PY, OLD))
    plan = make_plan(runnables, [OLD, PY], record, "changed")
    # the newest Python runs everything; the older one nothing: all vouched for
    assert plan.runs and {r.python for r in plan.runs} == {PY}
    assert plan.vouched and {r.python for r in plan.vouched} == {OLD}
    block = next(
        r for r in runnables if r.kind == BLOCK and not r.skip and not r.version_skip(OLD.full)
    )
    changed = [
        dataclasses.replace(b, code=b.code + "# changed\n") if b.code == block.code else b
        for b in _pool_blocks()
    ]
    replan = make_plan(collect_runnables(changed), [OLD, PY], record, "changed")
    rerun = [r for r in replan.runs if r.python == OLD]
    assert rerun and {r.runnable.code for r in rerun} == {block.code + "# changed\n"}
    assert len(rerun) == len(block.start_methods)
    full = make_plan(runnables, [OLD, PY], record, "all")
    assert not full.vouched and {r.python for r in full.runs} == {OLD, PY}
    fast = make_plan(runnables, [OLD, PY], record, "fast")
    assert {r.python for r in fast.runs} == {PY}
    per = {}
    for r in fast.runs:
        per.setdefault(r.runnable.id, []).append(r.method)
    assert all(len(m) == 1 for m in per.values())
    assert {m for ms in per.values() for m in ms} == {"fork", "spawn", "forkserver"}


def test_the_page_shows_each_run_the_skip_reasons_and_the_dates():
    runnables = collect_runnables(_pool_blocks())
    record = _green(runnables)
    record["blocks"][0]["runs"]["py3.11"]["spawn"] = {
        "result": "skipped",
        "reason": "needs Python >= 3.14",
    }
    page = render(record, "en")
    assert re.search(r"\| 1 \| `[^`]+` \| ✓–✓ \| needs Python >= 3.14 \|", page)
    assert "CPython 3.11.7" in page
    assert "Results from runs dated 2026-12-06." in page
    zh = render(record, "zh")
    assert "## [进程池](pool.md)" in zh and "本章结果的运行日期：2026-12-06" in zh


def _skip_reasons(record: dict) -> set[str]:
    found = {b["not_run"] for b in record["blocks"] if "not_run" in b}
    for b in record["blocks"]:
        for runs in b["runs"].values():
            found |= {v["reason"] for v in runs.values() if isinstance(v, dict) and "reason" in v}
    return found


def test_the_chinese_page_gives_every_skip_reason_in_chinese(record):
    untranslated = sorted(r for r in _skip_reasons(record) if not HAN.search(reason(r, "zh")))
    assert not untranslated, f"add a pattern to harness/matrix_text.py _REASONS_ZH: {untranslated}"
    assert reason("needs Python >= 3.12.5", "zh") == "需要 Python ≥ 3.12.5"
    assert reason("needs Python >= 3.12.5", "en") == "needs Python >= 3.12.5"
    assert not HAN.search(reason("needs a GPU", "zh"))  # an unknown reason is left as it is


def test_each_chapter_table_is_wrapped_for_content_visibility():
    for path in PAGES.values():
        text = path.read_text("utf-8")
        chapters = len(re.findall(r"^## \[", text, re.M))
        assert chapters > 10 and text.count('<div class="mp-matrix" markdown>') == chapters


HAN = re.compile(r"[\u4e00-\u9fff]")
CHECKED_ON = re.compile(r"Python 3\.9 (?:到|至|through|to) 3\.1\d")
BLOCKS_RAN = re.compile(r"每段代码|每一段代码|代码块|本页|every (?:block|example)|this page", re.I)


def checked_on_problems(where: str, text: str) -> list[str]:
    """A chapter says where its blocks ran by linking the matrix, not with a version range."""
    out = [
        f"{where}:{n}: names a version range for where the blocks ran; link verified.md instead"
        for n, line in enumerate(text.splitlines(), 1)
        if CHECKED_ON.search(line) and BLOCKS_RAN.search(line)
    ]
    if "(verified.md)" not in text:
        out.append(f"{where}: has code blocks but does not link the Verified on page (verified.md)")
    return out


def test_chapters_link_the_matrix_instead_of_repeating_a_version_range():
    pages = sorted({b.rel for b in collect()})
    problems = [
        p for rel in pages for p in checked_on_problems(rel, (DOCS.parent / rel).read_text("utf-8"))
    ]
    assert not problems, "\n".join(problems)


def test_the_checked_on_check_fails_on_a_drifting_range():
    bad = "每段代码都在三种启动方法下、在 Python 3.9 到 3.13 上运行并核对过。\n"
    assert checked_on_problems("x.md", bad)
    assert checked_on_problems("x.md", "Every block ran on Python 3.9 through 3.13.\n")
    good = "每段代码都运行并核对过（见[验证矩阵](verified.md)）。\n"
    good += "报错原文在 Python 3.9 到 3.13 上相同。\n"
    assert checked_on_problems("x.md", good) == []
