"""The site's pages as MkDocs sees them: each language's nav, in reading order, with titles.

One place for what used to be read in four (the Verified on page, the site checks, the
browser tests, Lighthouse): ``mkdocs.yml`` is the Chinese site's config, ``mkdocs.en.yml``
the English one's, and their ``nav`` lists the same files in the same order.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .blocks import ROOT

CONFIGS = {"zh": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}
PREFIX = {"zh": "", "en": "en/"}  # each language's folder under the site's root


@cache
def _entries(config: Path) -> tuple[tuple[str, str], ...]:
    """(title, docs-relative file) of every page of a config's nav, in reading order."""

    class Loader(yaml.SafeLoader):  # mkdocs.en.yml's !ENV tags, if any, read as text
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    nav = yaml.load(config.read_text("utf-8"), Loader=Loader)["nav"]
    out: list[tuple[str, str]] = []

    def walk(items):
        for item in items:
            title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if isinstance(value, list):
                walk(value)
            else:
                out.append((title or value, value))

    walk(nav)
    return tuple(out)


def files(lang: str = "zh") -> list[str]:
    """The docs-relative files of a language's nav, in reading order."""
    return [f for _, f in _entries(CONFIGS[lang])]


def titles(lang: str) -> dict[str, str]:
    """File -> the title the nav gives it in that language (what the site's menu shows)."""
    return {f: t for t, f in _entries(CONFIGS[lang])}


def url_dir(page: str) -> str:
    """docs page -> its folder in the site (use_directory_urls): pool.md -> pool/."""
    stem = page.rsplit(".", 1)[0]
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def site_pages() -> list[tuple[str, str]]:
    """(lang, url path under the site's root) of every page of both navs."""
    return [(lang, PREFIX[lang] + url_dir(p)) for lang in CONFIGS for p in files(lang)]
