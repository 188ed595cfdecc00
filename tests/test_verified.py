"""The "Verified on" page: current with the pages, rendered from a full green run.

``make test`` writes .cache/last-run.json; ``make verified`` publishes it as
tests/verified-run.json and docs/*/verified.md (harness/verified.py).  These tests fail when
a block was added, changed or removed since that run, when the page was edited by hand, or
when the record is not a full, green run; the rest show each check failing on bad input.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re

import pytest

from harness.blocks import DOCS, collect
from harness.verified import (
    PAGES,
    RECORD,
    build_run,
    fingerprint,
    groups,
    outcome_of,
    reason,
    render,
    run_problems,
    stale,
)


@pytest.fixture(scope="module")
def record() -> dict:
    if not RECORD.exists():
        pytest.fail(
            f"{RECORD.name} is missing: run `make test`, then `make verified`", pytrace=False
        )
    return json.loads(RECORD.read_text("utf-8"))


def test_the_record_vouches_for_every_block_on_the_pages(record):
    problems = stale(record)
    assert not problems, (
        "the Verified on page is stale; run `make test`, then `make verified`:\n  "
        + "\n  ".join(problems)
    )


def test_the_record_is_a_full_green_run(record):
    assert not run_problems(record), "\n".join(run_problems(record))


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_the_page_is_what_the_record_renders(record, lang):
    assert PAGES[lang].read_text("utf-8") == render(record, lang), (
        f"{PAGES[lang].relative_to(DOCS.parent)} differs from what `make verified` writes; "
        "do not edit it by hand"
    )


# --- the checks fail on bad input --------------------------------------------------------------


def _record_of(blocks) -> dict:
    reports = []
    for g in groups(blocks):
        ids = "+".join(b.id for b in g)
        reports.append((f"tests/test_examples.py::test_run[{ids}:spawn:py3.11]", "passed", ""))
    return build_run(reports, {"py3.11": "3.11.7"}, [], True, blocks)


def test_a_changed_added_or_removed_block_makes_the_record_stale():
    blocks = collect([DOCS / "zh" / "pool.md", DOCS / "en" / "pool.md"])
    record = _record_of(blocks)
    assert stale(record, blocks) == []
    changed = [dataclasses.replace(b, code=b.code + "# changed\n") for b in blocks[:1]] + blocks[1:]
    found = stale(record, changed)
    assert any("added or changed" in p and "pool.md" in p for p in found)
    removed = [b for b in blocks if fingerprint(b) != fingerprint(blocks[0])]  # zh and en
    assert any("no longer on the pages" in p for p in stale(record, removed))


def test_a_failed_or_partial_run_cannot_be_published():
    blocks = collect([DOCS / "zh" / "pool.md"])
    record = _record_of(blocks)
    assert run_problems(record) == []
    failed = copy.deepcopy(record)
    failed["blocks"][0]["runs"]["py3.11"]["spawn"] = "failed"
    assert any("failed on py3.11 under spawn" in p for p in run_problems(failed))
    partial = dict(record, full=False)
    assert any("not full" in p for p in run_problems(partial))


def test_fingerprint_covers_code_and_test_tags_but_not_the_title():
    b = collect([DOCS / "zh" / "pool.md"])[0]
    assert fingerprint(b) != fingerprint(dataclasses.replace(b, code=b.code + "\n"))
    tagged = dataclasses.replace(b, tags={**b.tags, "min_python": "3.12"})
    assert fingerprint(b) != fingerprint(tagged)
    titled = dataclasses.replace(b, tags={**b.tags, "title": "another title"})
    assert fingerprint(b) == fingerprint(titled)


def test_outcomes_are_read_from_test_ids():
    ids = "docs/zh/a.md:3-9+docs/en/a.md:3-9"
    run = f"tests/test_examples.py::test_run[{ids}:forkserver:py3.13]"
    assert outcome_of(run, "passed", "") == (ids, "py3.13", "forkserver", "passed")
    assert outcome_of(run, "skipped", f"{ids}: needs Python >= 3.14")[3] == (
        "skipped: needs Python >= 3.14"
    )
    skip = f"tests/test_examples.py::test_run[{ids}:skipped]"
    assert outcome_of(skip, "skipped", f"{ids}: skip: a fragment")[3] == "skipped: a fragment"
    with pytest.raises(ValueError):
        outcome_of("tests/test_site.py::test_x", "passed", "")


def test_the_page_shows_each_run_and_the_skip_reasons():
    blocks = collect([DOCS / "zh" / "pool.md"])
    record = _record_of(blocks)
    record["blocks"][0]["runs"]["py3.11"] = {
        "fork": "passed",
        "spawn": "skipped: needs Python >= 3.14",
        "forkserver": "passed",
    }
    page = render(record, "en")
    assert re.search(r"\| 1 \| `[^`]+` \| ✓–✓ \| needs Python >= 3.14 \|", page)
    assert "CPython 3.11.7" in page


def _skip_reasons(record: dict) -> set[str]:
    found = {b["not_run"] for b in record["blocks"] if "not_run" in b}
    for b in record["blocks"]:
        for methods in b["runs"].values():
            found |= {
                r.removeprefix("skipped").lstrip(": ") for r in methods.values() if r != "passed"
            }
    return found - {""}


def test_the_chinese_page_gives_every_skip_reason_in_chinese(record):
    untranslated = sorted(r for r in _skip_reasons(record) if not HAN.search(reason(r, "zh")))
    assert not untranslated, f"add a pattern to harness/verified.py _REASONS_ZH: {untranslated}"
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
