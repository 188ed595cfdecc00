"""Lighthouse (npm lighthouse@12.2.3, pinned in package.json) on the built site.

The URLs are shared among a few Node processes, each with one Chromium
(tests/browser/lighthouse.mjs; LIGHTHOUSE_JOBS of them at once, default one per core), the
site served the way a static host serves it: gzip-compressed, under its path (harness.serve).
``make lighthouse`` prints every page's four scores (mobile, simulated throttling) with one
Chromium, since pages measured side by side would slow each other's performance score;
tests/browser/test_lighthouse.py asserts accessibility, best practices and SEO.

    python -m harness lighthouse SITE_DIR   # what `make lighthouse` runs
    python -m harness lighthouse SITE_A --against SITE_B --pages pool/,en/pool/ --runs 3
    python -m harness lighthouse SITE_A --against SITE_B --proxies --runs 3

The table gives each page's four scores and FCP / LCP / TBT / CLS and counts the pages at
performance >= 0.95.  ``--against`` measures a second build in turn, page by page (an A/B,
interleaved so the machine's load falls on both alike), ``--runs`` takes medians.  On a
loaded machine the performance score mostly measures the load (Lighthouse scales the main
thread's observed work by 4); ``--proxies`` counts what the browser does at start-up instead
(style recalculations, elements restyled, layouts), which the load hardly changes.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness.blocks import ROOT
from harness.nav import site_pages
from snippets.benchmark.machine import load_average, usable_cores

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
    return max(2, usable_cores())


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


METRICS = [  # (lighthouse audit, column, format)
    ("first-contentful-paint", "FCP s", lambda v: f"{v / 1000:5.2f}"),
    ("largest-contentful-paint", "LCP s", lambda v: f"{v / 1000:5.2f}"),
    ("total-blocking-time", "TBT ms", lambda v: f"{v:6.0f}"),
    ("cumulative-layout-shift", "CLS", lambda v: f"{v:5.3f}"),
]
GOOD = 0.95  # the aim for every page's mobile performance score


def _median(values):
    values = sorted(v for v in values if v is not None)
    return statistics.median(values) if values else None


def _page(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def audit(sites: list[Path], paths: list[str], runs: int) -> list[list[list[dict]]]:
    """results[site][page] = one result per run.  Runs are interleaved: each round goes page
    by page and measures every site's page in turn (in the other order on the next round), so
    a change in the machine's load falls on all sites alike."""
    from harness.serve import serving

    out = [[[] for _ in paths] for _ in sites]
    with contextlib.ExitStack() as stack:
        bases = [stack.enter_context(serving(site, "/")) for site in sites]
        for r in range(runs):
            if len(sites) == 1:  # nothing to interleave: one Chromium for the whole round
                for p, result in enumerate(
                    run([bases[0] + path for path in paths], ALL, throttle=True)
                ):
                    out[0][p].append(result)
                continue
            for p, path in enumerate(paths):
                order = list(range(len(sites)))[:: 1 if r % 2 == 0 else -1]
                for i in order:
                    (result,) = run([bases[i] + path], ALL, throttle=True)
                    out[i][p].append(result)
    return out


def table(sites: list[Path], paths: list[str], results, runs: int) -> str:
    """The per-page table: the four scores and FCP / LCP / TBT / CLS (medians over the runs),
    one line per page and site, and how many pages reach GOOD."""
    head = f"{'page':28} {'site':>4} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} "
    head += " ".join(f"{name:>6}" for _, name, _ in METRICS)
    lines = [head]
    for p, path in enumerate(paths):
        for i in range(len(sites)):
            rs = results[i][p]
            scores = [_median(r["scores"].get(c) for r in rs) for c in ALL]
            line = f"/{path:27} {chr(65 + i):>4} " + " ".join(
                f"{v:5.2f}" if v is not None else "    ?" for v in scores
            )
            for key, _, fmt in METRICS:
                value = _median(r.get("numeric", {}).get(key) for r in rs)
                line += " " + (f"{fmt(value):>6}" if value is not None else "     ?")
            if runs > 1:
                line += "  perf " + " ".join(f"{r['scores']['performance']:.2f}" for r in rs)
            lines.append(line)
            for f in rs[-1]["failed"]:
                lines.append(f"    {f.get('category', '')}: {f['id']}: {f['title']}")
    for i, site in enumerate(sites):
        good = sum(
            (_median(r["scores"]["performance"] for r in results[i][p]) or 0) >= GOOD
            for p in range(len(paths))
        )
        lines.append(
            f"{chr(65 + i)} = {site}: {good} of {len(paths)} pages at performance >= {GOOD}"
            + (f" (median of {runs} runs)" if runs > 1 else "")
        )
    return "\n".join(lines)


def proxies(sites: list[Path], paths: list[str], runs: int) -> list[list[list[dict]]]:
    """Deterministic stand-ins for the performance score, for a loaded machine: what the
    browser does while a page starts, counted, not timed.  A phone (390 px, 2x) in headless
    Chromium, 4x CPU slowdown; per page: style recalculations and layouts (count and
    duration, CDP Performance.getMetrics), the elements restyled in all (the trace's
    UpdateLayoutTree elementCount, summed) and how many recalculations restyled 500 or more
    (full-page ones), and the page's element count."""
    from playwright.sync_api import sync_playwright

    from harness.browser import CHROMIUM, FLAGS
    from harness.serve import serving

    out = [[[] for _ in paths] for _ in sites]
    with contextlib.ExitStack() as stack:
        bases = [stack.enter_context(serving(site, "/")) for site in sites]
        p = stack.enter_context(sync_playwright())
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        stack.callback(browser.close)
        for r in range(runs):
            for n, path in enumerate(paths):
                order = list(range(len(sites)))[:: 1 if r % 2 == 0 else -1]
                for i in order:
                    ctx = browser.new_context(
                        viewport={"width": 390, "height": 844},
                        device_scale_factor=2,
                        is_mobile=True,
                        has_touch=True,
                    )
                    page = ctx.new_page()
                    cdp = ctx.new_cdp_session(page)
                    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    browser.start_tracing(page=page, categories=["devtools.timeline"])
                    page.goto(bases[i] + path, wait_until="load")
                    page.wait_for_timeout(1500)
                    trace = json.loads(browser.stop_tracing())
                    metrics = {
                        m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]
                    }
                    counts = [
                        e.get("args", {}).get("elementCount") or 0
                        for e in trace["traceEvents"]
                        if e.get("name") == "UpdateLayoutTree"
                    ]
                    out[i][n].append(
                        {
                            "recalcs": metrics["RecalcStyleCount"],
                            "recalc_ms": metrics["RecalcStyleDuration"] * 1000,
                            "layouts": metrics["LayoutCount"],
                            "layout_ms": metrics["LayoutDuration"] * 1000,
                            "script_ms": metrics["ScriptDuration"] * 1000,
                            "restyled": sum(counts),
                            "full": sum(c >= 500 for c in counts),
                            "elements": page.evaluate("document.getElementsByTagName('*').length"),
                        }
                    )
                    ctx.close()
    return out


PROXY_COLUMNS = [
    ("recalcs", "recalcs", "{:7.0f}"),
    ("full", "full", "{:4.0f}"),
    ("restyled", "restyled", "{:8.0f}"),
    ("recalc_ms", "recalc ms", "{:9.0f}"),
    ("layouts", "layouts", "{:7.0f}"),
    ("layout_ms", "layout ms", "{:9.0f}"),
    ("script_ms", "script ms", "{:9.0f}"),
    ("elements", "elements", "{:8.0f}"),
]


def proxy_table(sites: list[Path], paths: list[str], results) -> str:
    lines = [
        f"{'page':28} {'site':>4} "
        + " ".join(f"{name:>{len(fmt.format(0))}}" for _, name, fmt in PROXY_COLUMNS)
    ]
    for n, path in enumerate(paths):
        for i in range(len(sites)):
            rs = results[i][n]
            lines.append(
                f"/{path:27} {chr(65 + i):>4} "
                + " ".join(fmt.format(_median(r[k] for r in rs)) for k, _, fmt in PROXY_COLUMNS)
            )
    for i, site in enumerate(sites):
        lines.append(f"{chr(65 + i)} = {site}")
    lines.append(
        "medians; recalcs/layouts: CDP Performance.getMetrics after load (4x CPU slowdown); "
        "full: recalculations restyling >= 500 elements; restyled: elements restyled in all"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m harness lighthouse",
        description="Lighthouse (mobile, simulated throttling) on a built site, served "
        "gzip-compressed; with --against, an interleaved A/B of two builds",
    )
    parser.add_argument("site", type=Path, nargs="?", default=ROOT / "site")
    parser.add_argument("--against", type=Path, help="a second built site (B), measured in turn")
    parser.add_argument("--pages", help="comma-separated paths (default: every page of the nav)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (medians)")
    parser.add_argument(
        "--proxies", action="store_true", help="count style/layout work instead (no Lighthouse)"
    )
    args = parser.parse_args(argv)
    sites = [args.site, *([args.against] if args.against else [])]
    for site in sites:
        if not (site / "index.html").exists():
            print(f"{site} has no built site: run `make site` first", file=sys.stderr)
            return 2
    # the nav's paths have no leading slash ("pool/"); "/pool/" as a reader writes it is the same
    paths = (
        [p.lstrip("/") for p in args.pages.split(",")]
        if args.pages
        else [path for _, path in site_pages()]
    )
    load_before = load_average()
    if args.proxies:
        print(proxy_table(sites, paths, proxies(sites, paths, args.runs)))
        return 0
    results = audit(sites, paths, args.runs)
    load_after = load_average()
    print(f"Lighthouse 12.2.3, mobile, simulated throttling, served gzip-compressed from {sites}")
    before, after = (
        " ".join(f"{x:.2f}" for x in load) if load else "unknown"
        for load in (load_before, load_after)
    )
    print(
        f"load average (1, 5, 15 min) before: {before}, after: {after}; "
        "performance scores drop when other work shares the CPU"
    )
    print(table(sites, paths, results, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
