"""Code blocks off screen are not styled or laid out at load.

A chapter's code blocks are most of its elements (every token is a ``<span>``), and the theme's
script restyles the whole page a few times as it starts, so on a phone the long chapters spent
most of their load in style recalculation (Lighthouse: total blocking time 460-800 ms).  A code
block marked here gets ``content-visibility: auto`` (docs/overrides/assets/stylesheets/extra.css):
the browser skips its contents until it comes near the viewport; find-in-page, the search index
and screen readers still see them.

Until a block is drawn the browser lays it out at a placeholder height, which is set here from
its number of lines, so the page does not move as blocks are drawn: an undrawn block is
``TOP + LINE x lines`` of its own font size high, measured in Chromium (code lines never wrap,
they scroll; a title adds a bar).  With one height for all, blocks moved as they were drawn and
Lighthouse's accessibility audit read the footer's white text against a code block's grey.

A block followed by an ordered list, which the theme turns into code annotations, is marked
too, with ``mp-annotated``: ``content-visibility`` contains paint, so an annotation's tooltip
would be cut off at the block's edge, and extra.js draws such a block for good
(``mp-mounted``: ``content-visibility: visible``) as soon as the theme puts its annotation
markers in, which it does when the block first comes into view, before a marker can be
clicked.  Left fully drawn from the start, the annotated blocks were a third of the elements
the browser styled at load on the long chapters (1,347 of 4,733 on the pitfalls page).
Notebook cells are marked by their own class in the same CSS.
"""

from __future__ import annotations

import re

_START = re.compile(r'<div class="highlight">')
_END = "</pre></div>"
MARK = '<div class="highlight mp-offscreen" style="contain-intrinsic-size: auto {height:.2f}em">'
ANNOTATED = (
    '<div class="highlight mp-offscreen mp-annotated" '
    'style="contain-intrinsic-size: auto {height:.2f}em">'
)
# heights in em of the block's font size (Material 9.8.1), measured on desktop and phone widths
# for 97 blocks: within 0.02 em
TOP, TITLE_TOP, LINE = 1.312, 3.86, 1.1895


def height(block: str) -> float:
    """The drawn height of a code block (its HTML, up to ``</pre></div>``), in em."""
    code = block[block.index("<code") : block.rindex("</code>")]
    lines = code.count("\n") + (not code.endswith("\n"))
    return (TITLE_TOP if 'class="filename"' in block else TOP) + LINE * lines


def mark_code_blocks(html: str) -> str:
    """Add the ``mp-offscreen`` class to every code block (and ``mp-annotated`` to one
    followed by an ``<ol>``, its annotations), with its drawn height as placeholder."""
    out, last = [], 0
    for match in _START.finditer(html):
        end = html.find(_END, match.end())
        if end < 0:
            break
        block = html[match.start() : end + len(_END)]
        annotated = html[end + len(_END) :].lstrip().startswith("<ol>")
        if "<code" not in block:  # no <code>: a notebook's cell (its own class)
            mark = match.group(0)
        else:
            mark = (ANNOTATED if annotated else MARK).format(height=height(block))
        out += [html[last : match.start()], mark]
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def on_page_content(html, page, **kwargs):
    return mark_code_blocks(html)
