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
read from the notebook's own metadata, so every page can carry a meta description.  Its images
(the benchmark's plots, PNG files beside the notebook) are named relative to the notebook's
folder, as Jupyter reads them; the page is one folder down (benchmark.ipynb -> benchmark/), so
their addresses are rewritten relative to the page, and a missing file stops the build.

Plain YAML (no ``!ENV`` tags) keeps mkdocs.yml readable by yaml.safe_load in the tests.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

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


_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')


def notebook_images(html: str, src_uri: str, page_url: str, exists) -> str:
    """Rewrite a notebook page's relative image addresses from its folder to the page's URL.

    ``exists(path)`` says whether ``path`` (relative to the docs folder) is a file; a missing
    one raises PluginError naming the notebook and the address.
    """
    folder = posixpath.dirname(src_uri)

    def fix(match):
        src = match.group(2)
        if src.startswith(("data:", "/", "#")) or "://" in src:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, src))
        if not exists(target):
            raise PluginError(f"{src_uri}: image {src!r} not found (docs path {target})")
        return match.group(1) + get_relative_url(target, page_url) + match.group(3)

    return _IMG_SRC.sub(fix, html)


def on_page_content(html, page, config, **kwargs):
    if page.file.src_uri.endswith(".ipynb") and page.file.abs_src_path:
        meta = json.loads(Path(page.file.abs_src_path).read_text("utf-8")).get("metadata", {})
        for key in ("description", "search"):
            if key in meta:
                page.meta.setdefault(key, meta[key])
        docs = Path(config.docs_dir)
        html = notebook_images(
            html, page.file.src_uri, page.url, lambda path: (docs / path).is_file()
        )
    return html


def on_post_build(config, **kwargs):
    if SHIM_URL in (config.extra.get("polyfills") or []):
        shutil.copyfile(SHIM, Path(config.site_dir) / SHIM_URL)
