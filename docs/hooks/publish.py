"""Publishing: the site's address from the environment, and the offline build.

``SITE_URL`` (environment, at build time) replaces mkdocs.yml's ``site_url`` (the local
preview's address, the default).  The Chinese site is at SITE_URL, the English one at
SITE_URL + "en/" (docs/hooks/build_en.py).  Canonical links, both sitemaps and the hreflang
alternates (docs/overrides/main.html) are built from it; ``extra.site_root`` and
``extra.site_path`` give the templates the Chinese site's root URL and its path on the host.

``OFFLINE=true`` (``make site-offline``) turns on the theme's offline plugin (a copy that works
from a folder).  That plugin would add the iframe-worker shim from a CDN (unpkg), which no
page may load; the shim is taken from node_modules instead (npm package iframe-worker, pinned
in package.json) and copied into the site.

A notebook page has no front matter: its ``description`` (and ``search``, for a boost) are
read from the notebook's own metadata, so every page can carry a meta description.

Plain YAML (no ``!ENV`` tags) keeps mkdocs.yml readable by yaml.safe_load in the tests.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_URL = "assets/javascripts/iframe-worker-shim.js"


def offline() -> bool:
    value = os.environ.get("OFFLINE", "").strip().lower()
    if value not in ("", "0", "1", "false", "true", "no", "yes"):
        raise ValueError(f"OFFLINE={value!r}: use true or false")
    return value in ("1", "true", "yes")


@event_priority(100)  # before the theme's plugins (the offline plugin reads its own switch)
def on_config(config, **kwargs):
    url = config.site_url or ""
    if config.theme["language"] != "en" and os.environ.get("SITE_URL"):
        url = os.environ["SITE_URL"]  # the en site gets SITE_URL + "en/" from build_en.py
    if url and not url.endswith("/"):
        url += "/"
    config.site_url = url
    root = url[: -len("en/")] if config.theme["language"] == "en" else url
    config.extra["site_root"] = root
    config.extra["site_path"] = urlsplit(root).path or "/"

    plugins = [p for name, p in config.plugins.items() if name.split("/")[-1] == "offline"]
    for plugin in plugins:
        plugin.config.enabled = offline()
    if offline():
        if not SHIM.exists():
            raise RuntimeError(f"{SHIM} is missing: `make site-offline` installs it (npm ci)")
        # the plugin adds its CDN shim only when no polyfill names iframe-worker
        config.extra["polyfills"] = [*(config.extra.get("polyfills") or []), SHIM_URL]
    return config


def on_page_content(html, page, **kwargs):
    if page.file.src_uri.endswith(".ipynb") and page.file.abs_src_path:
        meta = json.loads(Path(page.file.abs_src_path).read_text("utf-8")).get("metadata", {})
        for key in ("description", "search"):
            if key in meta:
                page.meta.setdefault(key, meta[key])
    return html


def on_post_build(config, **kwargs):
    if SHIM_URL in (config.extra.get("polyfills") or []):
        shutil.copyfile(SHIM, Path(config.site_dir) / SHIM_URL)
