"""Publishing: absolute URLs for both languages, and the offline build's local shim.

The site's address comes from the environment at build time: ``SITE_URL`` (mkdocs.yml reads
it with ``!ENV``; default http://127.0.0.1:8000/ for ``make serve``).  The Chinese site is
at SITE_URL, the English one at SITE_URL + "en/" (docs/hooks/build_en.py).  Canonical links,
both sitemaps and the hreflang alternates (docs/overrides/main.html) are built from it.

``make site-offline`` sets ``OFFLINE=true``: the theme's offline plugin then adds the
iframe-worker shim from a CDN (unpkg), which no page may load; this hook points it at a local
copy from node_modules (npm package iframe-worker, pinned in package.json) instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_URL = "assets/javascripts/iframe-worker-shim.js"


def site_root(config) -> str:
    """The Chinese site's root URL (this site's own for zh, its parent for en)."""
    url = config.site_url or ""
    if not url.endswith("/"):
        url += "/"
    return url[: -len("en/")] if config.theme["language"] == "en" else url


def on_config(config, **kwargs):
    if config.site_url and not config.site_url.endswith("/"):
        config.site_url += "/"
    config.extra["site_root"] = site_root(config)
    config.extra["site_path"] = urlsplit(config.extra["site_root"]).path or "/"
    polyfills = config.extra.get("polyfills") or []
    if any("iframe-worker" in p for p in polyfills):  # the offline plugin is on
        if not SHIM.exists():
            raise RuntimeError(f"{SHIM} is missing: `make site-offline` installs it (npm ci)")
        config.extra["polyfills"] = [SHIM_URL if "iframe-worker" in p else p for p in polyfills]
    return config


def on_post_build(config, **kwargs):
    if SHIM_URL in (config.extra.get("polyfills") or []):
        shutil.copyfile(SHIM, Path(config.site_dir) / SHIM_URL)
