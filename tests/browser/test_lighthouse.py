"""Lighthouse: accessibility, best practices and SEO at 1.0 on every page of both languages
(the nav's pages, so new chapters are covered once listed).  One Node process and one
Chromium run every page (harness.lighthouse); performance is not asserted here (it depends on
the machine's load): `make lighthouse` reports it."""

from __future__ import annotations

import time

import pytest

from harness import lighthouse
from harness.site import site_pages


@pytest.mark.timeout(3600)  # about 20-35 s a page on the shared 2-core machine
@pytest.mark.lighthouse
def test_lighthouse_scores_are_perfect(server, record_property):
    urls = [f"{server}/{path}" for _, path in site_pages()]
    start = time.monotonic()
    results = lighthouse.run(urls, lighthouse.CHECKED, throttle=False)
    record_property("lighthouse_seconds", round(time.monotonic() - start))
    problems = []
    for r in results:
        path = r["url"].removeprefix(server)
        record_property("lighthouse", (path, r["scores"]))
        for category in lighthouse.CHECKED:
            if r["scores"].get(category) != 1:
                failed = [
                    f"{f['id']} ({f['title']}): {f.get('items', [])[:3]}"
                    for f in r["failed"]
                    if f.get("category") == category
                ]
                problems.append(f"{path}: {category} {r['scores'].get(category)}: {failed}")
    assert len(results) == len(urls) >= 20
    assert not problems, "\n".join(problems)
