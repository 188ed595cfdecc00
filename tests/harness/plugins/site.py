"""The browser checks' figures in the closing summary: search ranks, axe, Lighthouse.

Browser tests attach them as properties (``search_rank``, ``axe_violations``,
``lighthouse``, ``lighthouse_seconds``); the controller gathers and prints them.
"""

from __future__ import annotations

from collections import defaultdict

_site: dict[str, list] = defaultdict(list)


def pytest_runtest_logreport(report):
    if report.when != "call":
        return
    for key, value in report.user_properties:
        if key in ("search_rank", "axe_violations", "lighthouse_seconds", "lighthouse"):
            _site[key].append(value)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    ranks = _site.get("search_rank", [])
    if not (ranks or _site.get("axe_violations") or _site.get("lighthouse")):
        return
    tr = terminalreporter
    tr.section("site checks")
    kinds = sorted({k for (_lg, k, _r, _bound) in ranks}, key=lambda k: (k != "query", k))
    for lang in ("zh", "en"):
        for kind in kinds:
            got = [r for (lg, k, r, _bound) in ranks if lg == lang and k == kind]
            if got:
                first = sum(1 for r in got if r == 1)
                top3 = sum(1 for r in got if r is not None and r <= 3)
                tr.write_line(
                    f"search {lang} {kind:17}: {len(got):3} run, {first:3} ranked first "
                    f"({first / len(got):.1%}), {top3:3} in the top 3"
                )
    axe = _site.get("axe_violations", [])
    if axe:
        tr.write_line(f"axe: {len(axe)} pages x light/dark, {sum(axe)} serious/critical violations")
    for path, scores in sorted(_site.get("lighthouse", [])):
        tr.write_line(
            f"lighthouse {path:30} " + " ".join(f"{k} {v:.2f}" for k, v in sorted(scores.items()))
        )
    for seconds in _site.get("lighthouse_seconds", []):
        tr.write_line(f"lighthouse run: {seconds} s")
