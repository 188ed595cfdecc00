"""Lighthouse: accessibility, best practices and SEO at 1.0, on a sample of one page of each
kind in each language for `make test` (home, a chapter, the notebook page, the Verified on
page, the errata), on every page of both navs for `make test-all` and `make test-lighthouse`.
axe (test_pages.py) checks every page on every run.  Performance is not asserted here (it
depends on the machine's load): `make lighthouse` reports it.

The pages are shared among a few Chromiums auditing at once (harness.lighthouse.jobs(); the
three checked categories need no throttling and no quiet CPU), on the one site build every
browser test uses.  A deliberately bad page (a link without a name, no meta description) goes
through the same run and the same check, and must be caught: the check cannot pass vacuously.
"""

from __future__ import annotations

import time

import pytest

from harness import lighthouse
from harness.nav import PREFIX, files, site_pages, url_dir
from harness.serve import serving

BAD_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A page with two faults</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1>A page with two faults</h1>
<p>It has no meta description, and the link below has no text a screen reader could read.</p>
<p><a href="elsewhere.html"></a></p>
</main>
</body>
</html>
"""


def problems(result: dict) -> dict[str, list[str]]:
    """The checked categories below 1.0, each with the ids of its failing audits."""
    out = {}
    for category in lighthouse.CHECKED:
        if result["scores"].get(category) != 1:
            out[category] = [
                f"{f['id']} ({f['title']}): {f.get('items', [])[:3]}"
                for f in result["failed"]
                if f.get("category") == category or f["id"] == "runtime-error"
            ]
    return out


# `make test` audits one page of each kind in each language (axe still checks every page);
# `make test-all` and `make test-lighthouse` audit them all
SAMPLE = {"index.md", "pool.md", "benchmark.ipynb", "verified.md", "errata.md"}


def audited_pages(tier: str) -> list[str]:
    """URL paths Lighthouse audits: every page for ``--tier all``, else the sample."""
    return [path for lang, path in site_pages() if tier == "all" or nav_file(lang, path) in SAMPLE]


def nav_file(lang: str, path: str) -> str:
    return {PREFIX[lang] + url_dir(f): f for f in files(lang)}[path]


def test_the_sample_has_one_page_of_each_kind_in_each_language():
    sample = audited_pages("changed")
    assert len(sample) == 2 * len(SAMPLE) and {"", "en/", "pool/", "en/benchmark/"} <= set(sample)
    assert len(audited_pages("all")) == len(site_pages())


@pytest.mark.timeout(1800)
@pytest.mark.lighthouse
def test_lighthouse_scores_are_perfect(server, tmp_path, record_property, request):
    urls = [f"{server}/{path}" for path in audited_pages(request.config.getoption("tier"))]
    (tmp_path / "bad.html").write_text(BAD_PAGE, "utf-8")
    with serving(tmp_path, "/") as bad_base:
        bad = bad_base + "bad.html"
        start = time.monotonic()
        results = lighthouse.run([*urls, bad], lighthouse.CHECKED, throttle=False)
        record_property("lighthouse_seconds", round(time.monotonic() - start))
    *results, bad_result = results
    assert bad_result["url"] == bad
    caught = problems(bad_result)
    assert any(p.startswith("link-name ") for p in caught.get("accessibility", [])), caught
    assert any(p.startswith("meta-description ") for p in caught.get("seo", [])), caught

    found = []
    for r in results:
        path = r["url"].removeprefix(server)
        record_property("lighthouse", (path, r["scores"]))
        found += [
            f"{path}: {cat} {r['scores'].get(cat)}: {why}" for cat, why in problems(r).items()
        ]
    assert len(results) == len(urls) >= 10
    assert not found, "\n".join(found)
