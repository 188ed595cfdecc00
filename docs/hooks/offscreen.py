"""Code blocks off screen are not styled or laid out at load.

A chapter's code blocks are most of its elements (every token is a ``<span>``), and the theme's
script restyles the whole page a few times as it starts, so on a phone the long chapters spent
most of their load in style recalculation (Lighthouse: total blocking time 460-800 ms).  A code
block marked here gets ``content-visibility: auto`` (docs/overrides/assets/stylesheets/extra.css):
the browser skips its contents until it comes near the viewport; find-in-page, the search index
and screen readers still see them.

Not marked: a block followed by an ordered list, which the theme turns into code annotations.
``content-visibility`` contains paint, so an annotation's tooltip would be cut off at the
block's edge.  Notebook cells are marked by their own class in the same CSS.
"""

from __future__ import annotations

import re

_START = re.compile(r'<div class="highlight">')
_END = "</pre></div>"
MARK = '<div class="highlight mp-offscreen">'


def mark_code_blocks(html: str) -> str:
    """Add the ``mp-offscreen`` class to every code block not followed by an ``<ol>``."""
    out, last = [], 0
    for match in _START.finditer(html):
        end = html.find(_END, match.end())
        if end < 0:
            break
        annotated = html[end + len(_END) :].lstrip().startswith("<ol>")
        out += [html[last : match.start()], match.group(0) if annotated else MARK]
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def on_page_content(html, page, **kwargs):
    return mark_code_blocks(html)
