"""Slowest tests first, by the last run's durations (.cache/durations.json, else the
committed tests/durations.json): with xdist's load scheduling, a long test started last
would otherwise keep one worker busy after the others are done."""

from __future__ import annotations

import json

from harness.blocks import ROOT

# seconds per test id: this machine's runs so far (the timing plugin writes it), else the
# committed figures (tests of a second or more)
DURATIONS = [ROOT / ".cache" / "durations.json", ROOT / "tests" / "durations.json"]


def pytest_collection_modifyitems(session, config, items):
    for path in DURATIONS:
        if path.exists():
            known = json.loads(path.read_text("utf-8"))
            break
    else:
        return
    # the committed tests/durations.json keeps only tests of a second or more: others are quick
    quick = path == DURATIONS[1] or not known
    default = 0.0 if quick else sorted(known.values())[len(known) // 2]
    items.sort(key=lambda item: -known.get(item.nodeid, default))
