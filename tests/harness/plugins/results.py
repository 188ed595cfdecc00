"""The block runs' results, as data: ``.cache/last-run.json`` and the closing summary.

tests/test_examples.py attaches to every run a ``run`` property (which runnable, its
fingerprint, the Python's tag and patch version, the start method, the requirements lock)
and to every skipped runnable a ``skipped`` property.  Here the controller pairs each with
the test's outcome and writes them out for ``make verified`` (harness.matrix, which merges
them into the record).  Nothing is read back from test ids or skip messages.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from harness.blocks import collect
from harness.plugins.selection import plan
from harness.record import LAST_RUN, now
from harness.runner import pythons
from snippets.benchmark.machine import summary

_results: list[dict] = []
_skipped: list[dict] = []


def pytest_runtest_logreport(report):
    props = dict(report.user_properties)
    if "run" in props and (report.when == "call" or (report.when == "setup" and report.failed)):
        _results.append({**props["run"], "outcome": report.outcome})
    if "skipped" in props and report.when == "call":
        _skipped.append(props["skipped"])


def _write(config) -> None:
    found, missing = pythons()
    p = plan(config)
    run = {
        "date": now(),
        "machine": summary(),
        "tier": config.getoption("tier"),
        "planned": len(p.runs),
        "vouched": len(p.vouched),
        "pythons": {p.tag: p.version_text for p in found},
        "missing": missing,
        "results": _results,
        "skipped": _skipped,
    }
    path = Path(os.environ.get("MP_DOCS_LAST_RUN") or LAST_RUN)
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(run, ensure_ascii=False, indent=1), "utf-8")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workerinput") or config.getoption("update_examples", False):
        return
    if _results:
        _write(config)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not (_results or _skipped):
        return
    tr = terminalreporter
    tr.section("docs examples")
    p = plan(config)
    blocks = collect()
    by_lang = Counter(b.lang for b in blocks)
    found, missing = pythons()
    tr.write_line(f"blocks on the pages: {len(blocks)} ({by_lang['zh']} zh, {by_lang['en']} en)")
    tr.write_line(
        f"tier {config.getoption('tier')}: {len(p.runs)} runs planned, "
        f"{len(p.vouched)} vouched for by the record and not run again, "
        f"{len(p.not_applicable)} not applicable (version tags), {len(p.skipped)} skipped blocks"
    )
    tr.write_line("pythons: " + ", ".join(f"{q.version_text} ({q.executable})" for q in found))
    if missing:
        tr.write_line("not installed, so not run: " + ", ".join(f"py{m}" for m in missing))
    counts: Counter = Counter((r["kind"], r["method"], r["outcome"]) for r in _results)
    for kind in sorted({k for k, _, _ in counts}):
        parts = []
        for method in sorted({m for k, m, _ in counts if k == kind}):
            detail = ", ".join(
                f"{n} {o}" for (k, m, o), n in sorted(counts.items()) if k == kind and m == method
            )
            parts.append(f"{method}: {detail}")
        tr.write_line(f"{kind} runs per start method: " + "; ".join(parts))
    packages = Counter(" ".join(r.get("requires") or []) or "stdlib only" for r in _results)
    tr.write_line(
        "runs per package set: " + "; ".join(f"{k}: {n}" for k, n in sorted(packages.items()))
    )
    reasons = Counter(s["reason"] for s in _skipped)
    reasons.update(why for _, _, why in p.not_applicable)
    if reasons:
        tr.write_line(f"not run: {sum(reasons.values())}, by reason:")
        for reason, n in reasons.most_common():
            tr.write_line(f"  {n:4d} x {reason}")
