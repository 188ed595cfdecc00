"""Checks on pages and on the built site: zh/en parity, third-party requests, links."""

from __future__ import annotations

import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from harness.blocks import ROOT


def load_hook(name: str):
    """docs/hooks/<name>.py as a module, loaded by path (the hooks are not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FENCE_RE = re.compile(r"^( *)(`{3,})([^\n]*)\n(.*?)^\1\2[ \t]*$", re.M | re.S)


def fences(text: str) -> list[tuple[str, str]]:
    """Every fenced block of a Markdown page (any language): (fence line, dedented body)."""
    out = []
    for m in FENCE_RE.finditer(text):
        indent = len(m.group(1))
        body = "\n".join(line[indent:] for line in m.group(4).splitlines())
        out.append((m.group(3).strip(), body))
    return out


def parity_problems(zh_path: Path, zh_text: str, en_path: Path, en_text: str) -> list[str]:
    """The code blocks of two twin pages must be the same, in the same order."""
    zh, en = fences(zh_text), fences(en_text)
    problems = []
    if len(zh) != len(en):
        problems.append(f"{zh_path} has {len(zh)} code blocks, {en_path} has {len(en)}")
    for i, (a, b) in enumerate(zip(zh, en), 1):
        if a != b:
            line_zh = _line_of(zh_text, a[1])
            line_en = _line_of(en_text, b[1])
            problems.append(
                f"code block {i} differs: {zh_path}:{line_zh} vs {en_path}:{line_en}\n"
                f"  zh: {a[0]!r} {a[1][:200]!r}\n  en: {b[0]!r} {b[1][:200]!r}"
            )
            break  # one drift shifts the rest; report the first
    return problems


def _line_of(text: str, body: str) -> int:
    first = body.strip().splitlines()[0] if body.strip() else ""
    index = text.find(first)
    return text[:index].count("\n") + 1 if index >= 0 else 0


class _Resources(HTMLParser):
    """Collect every URL a browser would load without a click."""

    LOADS = {
        ("script", "src"),
        ("img", "src"),
        ("iframe", "src"),
        ("source", "src"),
        ("audio", "src"),
        ("video", "src"),
        ("embed", "src"),
        ("object", "data"),
    }
    LINK_LOADS = {
        "stylesheet",
        "icon",
        "preload",
        "prefetch",
        "preconnect",
        "dns-prefetch",
        "modulepreload",
        "manifest",
        "apple-touch-icon",
    }

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for t, a in self.LOADS:
            if tag == t and attrs.get(a):
                self.urls.append(attrs[a])
        if tag == "link" and set((attrs.get("rel") or "").split()) & self.LINK_LOADS:
            self.urls.append(attrs.get("href") or "")
        if attrs.get("style"):
            self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", attrs["style"])


def third_party_loads(html: str) -> list[str]:
    """Absolute URLs that a page would load from another host (fonts, scripts, CSS...)."""
    parser = _Resources()
    parser.feed(html)
    urls = parser.urls + re.findall(r"@import\s+url\(['\"]?(https?:[^'\")]+)", html)
    return [u for u in urls if urlparse(u).scheme in ("http", "https") or u.startswith("//")]


class _Fragments(HTMLParser):
    """Collects a page's element ids (and <a name>) and the targets of its same-page links."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        href = attrs.get("href") or ""
        if tag == "a" and href.startswith("#") and len(href) > 1:
            self.links.setdefault(unquote(href[1:]), self.getpos()[0])


def dangling_fragments(html: str) -> list[str]:
    """Same-page links (href="#x", the table of contents' included) whose target id is not on
    the page, each with the line of its first link: the strict build checks links between
    Markdown pages, not the ids a notebook's headings get."""
    parser = _Fragments()
    parser.feed(html)
    return [f"#{f} (line {line})" for f, line in parser.links.items() if f not in parser.ids]


def css_third_party(css: str) -> list[str]:
    return re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", css)


def search_locations(site: Path) -> set[str]:
    data = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    return {doc["location"].split("#")[0] for doc in data["docs"]}


_PIP_RE = re.compile(r"^\s*(?:\$\s*)?(?:python3? -m )?pip install (.+)$", re.M)


def install_problems(where: str, page_text: str, requires: set[str]) -> list[str]:
    """A page with blocks tagged ``requires`` must show ``pip install`` for each package."""
    shown: set[str] = set()
    for line in _PIP_RE.findall(page_text):
        words = [w.strip("'\"") for w in line.split()]
        shown |= {re.split(r"[=<>\[;]", w)[0].lower() for w in words if w[:1] != "-"}
    return [
        f"{where}: has blocks that need {name!r}, but no `pip install {name}` line shows "
        f"the reader how to get it"
        for name in sorted(requires)
        if name.lower() not in shown
    ]
