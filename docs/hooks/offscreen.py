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

The theme hides an annotation list once it has moved the items into tooltips: if that came
after the first paint, the text below jumped up (Lighthouse: layout shift 0.02-0.03 on the
pool chapter, in the first screen on a phone).  A list the theme will hide (the block's code
has a marker for one of its items, in a comment, as the theme looks for them) is marked
``mp-annotations`` and hidden on screen from the start when scripts run (extra.css; the class
``mp-js`` on ``<html>`` comes from docs/overrides/main.html); printed, or without scripts, it
shows.
Notebook cells are marked by their own class in the same CSS.

A notebook cell holding a heading is marked ``mp-heading`` and laid out from the start
(extra.css).  The theme's table of contents reads every heading's position (``offsetTop``)
once the page has loaded, and again whenever the page's height changes; a heading inside a
``content-visibility: auto`` cell makes the browser style and lay out that cell on the spot,
one cell per heading.  On the notebook page (14 headings, each in its own cell) that one
task took 197 ms of a 4x-slowed phone's main thread against 46 ms on a chapter of the same
size, and Lighthouse's total blocking time was 476 ms against 42 (performance 0.86 against
0.98).  Headings in chapters are never inside a marked code block.
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
# a comment (the theme looks in .c, .c1, .cm) holding an annotation marker: "# (1)!"
_MARKER = re.compile(r'<span class="(?:c|c1|cm)">[^<]*?\((\d+)\)')
LIST = "<ol>"
HIDDEN_LIST = '<ol class="mp-annotations">'
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
    followed by an ``<ol>``, its annotations), with its drawn height as placeholder; the
    ``<ol>`` of a block whose code has a marker for one of its items gets ``mp-annotations``."""
    out, last = [], 0
    for match in _START.finditer(html):
        end = html.find(_END, match.end())
        if end < 0:
            break
        block = html[match.start() : end + len(_END)]
        after = end + len(_END)
        annotated = html[after:].lstrip().startswith(LIST)
        if "<code" not in block:  # no <code>: a notebook's cell (its own class)
            out += [html[last : match.start()], match.group(0)]
            last = match.end()
            continue
        out += [
            html[last : match.start()],
            (ANNOTATED if annotated else MARK).format(height=height(block)),
            html[match.end() : after],
        ]
        last = after
        if annotated:
            start = html.index(LIST, after)
            items = html[start : html.find("</ol>", start)].count("<li>")  # a flat list
            if any(1 <= int(n) <= items for n in _MARKER.findall(block)):
                out += [html[after:start], HIDDEN_LIST]
                last = start + len(LIST)
    out.append(html[last:])
    return "".join(out)


# a notebook cell (nbconvert's HTML: the cells are siblings, each opened by this tag; the
# wrappers inside them have other classes) and a heading the table of contents links to
CELL = '<div class="jp-Cell '
_HEADING = re.compile(r"<h[1-6][^>]* id=")
HEADING_CELL = '<div class="jp-Cell mp-heading '


def mark_heading_cells(html: str) -> str:
    """Add the ``mp-heading`` class to every notebook cell that holds a heading with an id
    (a cell ends where the next one starts, the last one at the end of the page's content)."""
    starts = [m.start() for m in re.finditer(re.escape(CELL), html)]
    if not starts:
        return html
    out = [html[: starts[0]]]
    for start, end in zip(starts, [*starts[1:], len(html)]):
        cell = html[start:end]
        if _HEADING.search(cell):
            cell = HEADING_CELL + cell[len(CELL) :]
        out.append(cell)
    return "".join(out)


def on_page_content(html, page, **kwargs):
    return mark_heading_cells(mark_code_blocks(html))
