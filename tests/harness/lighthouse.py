"""Lighthouse (npm lighthouse@12.2.3, pinned in package.json) on the built site.

All URLs go through one Node process and one Chromium (tests/browser/lighthouse.mjs), the
site served the way a static host serves it: gzip-compressed, under its path
(harness.serve).  ``make lighthouse`` prints every page's four scores (mobile, simulated
throttling); tests/browser/test_lighthouse.py asserts accessibility, best practices and SEO.

    python -m harness.lighthouse SITE_DIR   # what `make lighthouse` runs
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from harness.blocks import ROOT
from harness.site import site_pages

SCRIPT = ROOT / "tests" / "browser" / "lighthouse.mjs"
CHECKED = ["accessibility", "best-practices", "seo"]
ALL = ["performance", *CHECKED]


def run(urls: list[str], categories: list[str], *, throttle: bool, timeout: int = 1800):
    """One result dict per URL: {url, scores, failed, metrics}."""
    node = shutil.which("node")
    if not node:
        raise RuntimeError("node is missing: `make test` installs Debian's nodejs")
    if not (ROOT / "node_modules" / "lighthouse").exists():
        raise RuntimeError("node_modules/lighthouse is missing: `make test` runs npm ci")
    opts = {
        "urls": urls,
        "categories": categories,
        "mobile": True,
        "throttle": throttle,
        "chrome": shutil.which("chromium") or "/usr/bin/chromium",
    }
    proc = subprocess.run(
        [node, str(SCRIPT), json.dumps(opts)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,  # a signal Node or Chromium sends its group stays there
    )
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or len(results) != len(urls):
        raise RuntimeError(f"lighthouse failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return results


def main(argv: list[str]) -> int:
    from harness.serve import serving

    site = Path(argv[1] if len(argv) > 1 else ROOT / "site")
    if not (site / "index.html").exists():
        print(f"{site} has no built site: run `make site` first", file=sys.stderr)
        return 2
    with serving(site, "/") as base:
        results = run([base + path for _, path in site_pages()], ALL, throttle=True)
    print(f"Lighthouse 12.2.3, mobile, simulated throttling, served gzip-compressed from {site}")
    print(f"{'page':32} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}  FCP / LCP / TBT / CLS")
    for r in results:
        s = r["scores"]
        m = r["metrics"]
        path = r["url"].split("/", 3)[3] or "(home)"
        print(
            f"/{path:31} {s['performance']:5.2f} {s['accessibility']:5.2f} "
            f"{s['best-practices']:5.2f} {s['seo']:5.2f}  "
            + " / ".join(
                str(m.get(k, "?"))
                for k in (
                    "first-contentful-paint",
                    "largest-contentful-paint",
                    "total-blocking-time",
                    "cumulative-layout-shift",
                )
            )
        )
        for f in r["failed"]:
            print(f"    {f.get('category', '')}: {f['id']}: {f['title']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
