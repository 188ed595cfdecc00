"""A notebook page carries only the CSS its own markup can use.

mkdocs-jupyter puts the whole of JupyterLab's stylesheet (574 KB: every widget of the Lab
application, the Blueprint toolkit, base64 icons) inline in each notebook page.  The benchmark
page uses about thirty of its classes; the rest made the page 844 KB of HTML, and the browser
matched 3,000 rules against every element at load (Lighthouse: total blocking time 1.2-1.5 s,
mobile score 0.64).

For every inline ``<style type="text/css">`` of a notebook page this hook keeps

* a rule if one of its selectors can match: every class, id and element name it names occurs
  in the page.  Attribute selectors and pseudo-classes are not required, so rules for the dark
  scheme (``[data-md-color-scheme=slate] ...``, switched at run time) and for ``:hover`` stay;
* a custom property (``--jp-...``) only if a kept declaration uses it, directly or through
  another kept property, or the page's markup does;
* ``@media`` and ``@supports`` blocks with what they keep inside, ``@keyframes`` a kept rule
  animates with, and every other at-rule as it is.

This is the token test PurgeCSS makes, done with tinycss2 (the CSS parser nbconvert already
depends on).  It keeps too much rather than too little: a rule for a class that only
JupyterLab's own scripts would add is dropped, and none run here.  Tests: tests/test_site.py.

The result is kept, in the process and in .cache/notebook-css, by the page's HTML (and this
file's code and tinycss2's version), so neither ``make serve`` on every rebuild nor ``make
site`` prunes the same page again (about 0.5 s each); ``BUILD_CACHE=false`` skips the disk.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import tinycss2

_STYLE = re.compile(r'(?s)(<style type="text/css">)(.*?)(</style>)')
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTR = re.compile(r"""\b(class|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_PSEUDO = re.compile(r"::?[\w-]+(?:\((?:[^()]|\([^()]*\))*\))?")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_TAG = re.compile(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)")
_WORD = re.compile(r"[\w-]+")


def page_tokens(html: str) -> tuple[set[str], set[str], set[str]]:
    """Element names, classes and ids in the page's markup (outside its styles)."""
    markup = _STYLE.sub("", html)
    tags, classes, ids = set(), set(), set()
    for name, attrs in _START_TAG.findall(markup):
        tags.add(name.lower())
        for kind, double, single in _ATTR.findall(attrs):
            value = double or single
            if kind == "class":
                classes.update(value.split())
            else:
                ids.add(value.strip())
    return tags, classes, ids


def can_match(selector: str, tokens) -> bool:
    """Whether ``selector`` could match: all the names it needs occur in the page."""
    if "\\" in selector:
        return True  # an escaped name: not worth decoding, keep it
    tags, classes, ids = tokens
    bare = _PSEUDO.sub("", re.sub(r"\[[^\]]*\]", "", selector))
    return (
        set(_CLASS.findall(bare)) <= classes
        and set(_ID.findall(bare)) <= ids
        and {t.lower() for t in _TAG.findall(bare)} <= tags
    )


def _selectors(prelude) -> list[str]:
    """A selector list split at its own commas (not those inside :is(), :not() ...)."""
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return [text for part in parts if (text := tinycss2.serialize(part).strip())]


def _declarations(rule):
    return [
        d for d in tinycss2.parse_blocks_contents(rule.content or []) if d.type == "declaration"
    ]


def _keep_rules(rules, tokens):
    """The rules (nested in @media and @supports) a page can use; custom properties still in."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if any(can_match(s, tokens) for s in _selectors(rule.prelude)):
                kept.append((rule, _declarations(rule)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
            inner = _keep_rules(tinycss2.parse_rule_list(rule.content or [], True, True), tokens)
            if inner:
                kept.append((rule, inner))
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
            kept.append((rule, None))  # keyframes (decided later), font-face, page ...
    return kept


def _walk(kept):
    for rule, body in kept:
        if rule.type == "qualified-rule":
            yield rule, body
        elif body is not None:
            yield from _walk(body)


def _used_properties(sheets, markup: str) -> set[str]:
    values: dict[str, list[str]] = {}
    used = set(_VAR.findall(markup))
    for kept in sheets:
        for _, declarations in _walk(kept):
            for d in declarations:
                text = tinycss2.serialize(d.value)
                if d.name.startswith("--"):
                    values.setdefault(d.name, []).append(text)
                else:
                    used.update(_VAR.findall(text))
    todo = list(used)
    while todo:
        for text in values.get(todo.pop(), []):
            for name in _VAR.findall(text):
                if name not in used:
                    used.add(name)
                    todo.append(name)
    return used


def _animations(sheets) -> set[str]:
    words = set()
    for kept in sheets:
        for _, declarations in _walk(kept):
            for d in declarations:
                if d.lower_name.startswith(("animation", "-webkit-animation", "-moz-animation")):
                    words.update(_WORD.findall(tinycss2.serialize(d.value)))
    return words


def _serialize(kept, used: set[str], animations: set[str]) -> str:
    out = []
    for rule, body in kept:
        if rule.type == "qualified-rule":
            declarations = [d for d in body if not d.name.startswith("--") or d.name in used]
            if declarations:
                text = ";".join(d.serialize() for d in declarations)
                out.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{text}}}")
        elif body is not None:
            inner = _serialize(body, used, animations)
            if inner:
                prelude = tinycss2.serialize(rule.prelude).strip()
                out.append(f"@{rule.at_keyword} {prelude}{{{inner}}}")
        elif "keyframes" in rule.lower_at_keyword:
            if set(_WORD.findall(tinycss2.serialize(rule.prelude))) & animations:
                out.append(rule.serialize())
        else:
            out.append(rule.serialize())
    return "\n".join(out)


def prune(html: str) -> str:
    """``html`` with each ``<style type="text/css">`` reduced to what the page can use."""
    styles = list(_STYLE.finditer(html))
    if not styles:
        return html
    tokens = page_tokens(html)
    sheets = [
        _keep_rules(tinycss2.parse_stylesheet(m.group(2), True, True), tokens) for m in styles
    ]
    used = _used_properties(sheets, _STYLE.sub("", html))
    animations = _animations(sheets)
    pieces, last = [], 0
    for match, kept in zip(styles, sheets):
        pieces += [html[last : match.start(2)], "\n" + _serialize(kept, used, animations) + "\n"]
        last = match.end(2)
    pieces.append(html[last:])
    return "".join(pieces)


ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "notebook-css"
KEEP = 8  # results kept on disk: both languages' notebook pages, and a few older versions
_pruned: dict[str, str] = {}  # in this process (`make serve`), by the same key


def _cache_on() -> bool:
    return os.environ.get("BUILD_CACHE", "").strip().lower() not in ("0", "false", "no")


def cached_prune(html: str) -> str:
    """prune(html), remembered in this process and in .cache/notebook-css (off with
    BUILD_CACHE=false): the key is the page's HTML, this file's code and tinycss2's version,
    everything the result depends on."""
    key = hashlib.sha256(
        html.encode() + Path(__file__).read_bytes() + tinycss2.__version__.encode()
    ).hexdigest()
    if key in _pruned:
        return _pruned[key]
    use_disk = _cache_on()
    path = CACHE / f"{key}.html"
    if use_disk and path.is_file():
        result = path.read_text("utf-8")
        path.touch()  # recently used: kept
    else:
        result = prune(html)
        if use_disk:
            CACHE.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(result, "utf-8")
            tmp.replace(path)
            for old in sorted(CACHE.glob("*.html"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
                old.unlink(missing_ok=True)
    if len(_pruned) >= KEEP:
        del _pruned[next(iter(_pruned))]
    _pruned[key] = result
    return result


def on_post_page(output, page, **kwargs):
    if page.file.src_uri.endswith(".ipynb"):
        return cached_prune(output)
    return output
