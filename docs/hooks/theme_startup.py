"""The theme's start-up (Material 9.8.1) without its full-document style recalculations.

As the theme's script starts on a page, it changed the document in four ways that make the
browser restyle every element again (Chrome's trace, invalidation tracking: the events'
stack traces point into the bundle's palette and content components):

1. It appends ``<meta name="color-scheme">`` to the head and then sets its content to the
   palette's scheme: each is a colour-scheme change for the page, which restyles everything.
   The page now has that meta from the start, with the same value (docs/overrides/main.html,
   before anything is drawn), and the theme reuses it (and ``theme-color``) and writes it only
   when the value differs (a reader switching the palette).
2. It sets ``data-md-color-switching`` on ``<body>`` while it applies the palette, and removes
   it a frame later: the theme's rule ``[data-md-color-switching] *`` (no transitions while
   switching) makes each of the two changes restyle every element.  At start-up the palette is
   the one the page already has; the attribute is now set only when the scheme, primary or
   accent colour really changes.
3. It wraps every table in two ``<div>`` (to scroll it sideways), moving it in the document:
   the rule ``.md-typeset table:not([class]) + *`` then restyles the whole article.  The
   tables are wrapped here, at build time, in the same markup, and the theme skips tables
   already wrapped.

On the pitfalls page (phone emulation, 4x CPU slowdown) five full recalculations of about
2,170 elements went to one (the first styling of the page).  The article's markup after
start-up is the same as before (tests/browser/test_browser.py compares it).

Like docs/hooks/theme_fixes.py: each pattern must occur exactly once in the built bundle, or
the build fails, so a theme upgrade cannot silently drop a fix.
"""

from __future__ import annotations

import re
from pathlib import Path

# the theme applies the palette to <body>
_APPLY = (
    "for(let[a,c]of Object.entries(s.color))document.body.setAttribute(`data-md-color-${a}`,c);"
)
BUNDLE_PATCHES = [
    # 1. reuse the page's metas (docs/overrides/main.html puts color-scheme in the head) ...
    (
        'r=x("meta",{name:"theme-color"});document.head.appendChild(r);'
        'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
        'r=document.querySelector("meta[name=theme-color]")||'
        'document.head.appendChild(x("meta",{name:"theme-color"}));'
        'let o=document.querySelector("meta[name=color-scheme]")||'
        'document.head.appendChild(x("meta",{name:"color-scheme"}));',
    ),
    #    ... and write its content only when it changes
    (
        "return o.content=a.colorScheme,",
        "return o.content!==a.colorScheme&&(o.content=a.colorScheme),",
    ),
    # 2. data-md-color-switching only when the palette really changes
    (
        'i.subscribe(s=>{if(document.body.setAttribute("data-md-color-switching",""),s.color.media',
        "i.subscribe(s=>{if(s.color.media",
    ),
    (
        _APPLY,
        '["scheme","primary","accent"].some(a=>document.body.getAttribute(`data-md-color-${a}`)'
        '!==s.color[a])&&document.body.setAttribute("data-md-color-switching","");' + _APPLY,
    ),
    # 3. tables wrapped at build time (below) are left where they are
    (
        'M("table:not([class])",e).map(i=>ti(i))',
        'M(":not(.md-typeset__table)>table:not([class])",e).map(i=>ti(i))',
    ),
]

# the theme's wrapper (its function Un): <div class="md-typeset__scrollwrap"><div
# class="md-typeset__table"><table>...</table></div></div>, for every table without a class
_TABLE = re.compile(r"<table(?![^>]*\bclass=)(?:\s[^>]*)?>.*?</table>", re.S)
WRAP = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{}</div></div>'


def patch(source: str, patches: list[tuple[str, str]], what: str) -> str:
    for old, new in patches:
        count = source.count(old)
        if count != 1:
            raise RuntimeError(
                f"docs/hooks/theme_startup.py: expected {old!r} once in the {what}, found "
                f"{count}; the theme changed, review the fix"
            )
        source = source.replace(old, new)
    return source


def wrap_tables(html: str) -> str:
    """Every table without a class, in the theme's two scrolling wrappers."""
    return _TABLE.sub(lambda m: WRAP.format(m.group(0)), html)


def on_page_content(html, **kwargs):
    return wrap_tables(html)


def on_post_build(config, **kwargs):
    scripts = Path(config.site_dir, "assets", "javascripts")
    bundles = sorted(scripts.glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise RuntimeError(f"docs/hooks/theme_startup.py: expected one bundle, found {bundles}")
    bundles[0].write_text(patch(bundles[0].read_text("utf-8"), BUNDLE_PATCHES, "bundle"), "utf-8")
