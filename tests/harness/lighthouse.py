"""Lighthouse (npm lighthouse@12.2.3, pinned in package.json) on the built site.

The URLs are shared among a few Node processes, each with one Chromium
(tests/browser/lighthouse.mjs; LIGHTHOUSE_JOBS of them at once, default one per core), the
site served the way a static host serves it: gzip-compressed, under its path (harness.serve).
``make lighthouse`` prints every page's four scores (mobile, simulated throttling) with one
Chromium, since pages measured side by side would slow each other's performance score;
tests/browser/test_lighthouse.py asserts accessibility, best practices and SEO.

    python -m harness lighthouse SITE_DIR   # what `make lighthouse` runs
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness.blocks import ROOT
from harness.nav import site_pages

SCRIPT = ROOT / "tests" / "browser" / "lighthouse.mjs"
CHECKED = ["accessibility", "best-practices", "seo"]
ALL = ["performance", *CHECKED]


def jobs() -> int:
    """How many Chromiums audit at once: LIGHTHOUSE_JOBS, else one per core (at least 2)."""
    value = os.environ.get("LIGHTHOUSE_JOBS", "")
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"LIGHTHOUSE_JOBS={value!r}: a whole number of 1 or more")
        return int(value)
    return max(2, os.cpu_count() or 1)


def run(
    urls: list[str],
    categories: list[str],
    *,
    throttle: bool,
    timeout: int = 1800,
    parallel: int | None = None,
):
    """One result dict per URL ({url, scores, failed, metrics, seconds}), in the order of urls.

    The URLs are dealt round-robin to ``parallel`` Node processes (default: ``jobs()``), each
    with its own Chromium, running at the same time.  Performance runs (``throttle``) use one:
    pages measured side by side would slow each other down and skew the scores."""
    node = shutil.which("node")
    if not node:
        raise RuntimeError("node is missing: `make test` installs Debian's nodejs")
    if not (ROOT / "node_modules" / "lighthouse").exists():
        raise RuntimeError("node_modules/lighthouse is missing: `make test` runs npm ci")
    if parallel is None:
        parallel = 1 if throttle else jobs()
    shares = [urls[i::parallel] for i in range(min(parallel, len(urls)))]
    procs = []
    # chrome-launcher stops Chromium with SIGKILL, which leaves Chromium's singleton folders
    # (org.chromium.Chromium.*) in TMPDIR: give the Node processes a folder of their own
    # and remove it afterwards, so a test run leaves nothing in the temp folder
    scratch = tempfile.mkdtemp(prefix="lighthouse-")
    try:
        for share in shares:
            opts = {
                "urls": share,
                "categories": categories,
                "mobile": True,
                "throttle": throttle,
                "chrome": shutil.which("chromium") or "/usr/bin/chromium",
            }
            procs.append(
                subprocess.Popen(
                    [node, str(SCRIPT), json.dumps(opts)],
                    cwd=ROOT,
                    env={**os.environ, "TMPDIR": scratch},
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    start_new_session=True,  # a signal Node or Chromium sends its group stays there
                )
            )
        # read every pipe at once (threads), so no Node blocks on a full stderr pipe
        with ThreadPoolExecutor(len(procs)) as pool:
            outputs = list(pool.map(lambda p: p.communicate(timeout=timeout), procs))
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        shutil.rmtree(scratch, ignore_errors=True)
    by_url = {}
    for proc, share, (out, err) in zip(procs, shares, outputs):
        got = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        if proc.returncode != 0 or len(got) != len(share):
            raise RuntimeError(f"lighthouse failed ({proc.returncode}):\n{err[-3000:]}")
        by_url.update((r["url"], r) for r in got)
    return [by_url[url] for url in urls]


def main(argv: list[str]) -> int:
    from harness.serve import serving

    site = Path(argv[0] if argv else ROOT / "site")
    if not (site / "index.html").exists():
        print(f"{site} has no built site: run `make site` first", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    with serving(site, "/") as base:
        results = run([base + path for _, path in site_pages()], ALL, throttle=True)
    load_after = os.getloadavg()
    print(f"Lighthouse 12.2.3, mobile, simulated throttling, served gzip-compressed from {site}")
    before, after = (" ".join(f"{x:.2f}" for x in load) for load in (load_before, load_after))
    print(
        f"load average (1, 5, 15 min) before: {before}, after: {after}; "
        "performance scores drop when other work shares the CPU"
    )
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
    sys.exit(main(sys.argv[1:]))
