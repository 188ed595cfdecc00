"""Five fixes to the theme (Material 9.8.1), applied to every build of both languages.

1. Chinese query segmentation in the search worker.  The worker splits a Chinese query into
   the longest runs that are terms of the index (``fe()``), but its loops stop one character
   short: the run's last character can never end a term.  A query for 进程池 became 进程 (池
   was dropped), 守护进程 became 守护 + 进, although 进程池 and 守护进程 are single terms of
   the index (jieba, with our dictionary docs/search/jieba_user_dict.txt).  Two bounds are
   rewritten in the built worker.

2. The bundle fetches "sitemap.xml" next to every <link rel="alternate"> of a page, for the
   theme's own language switcher.  Ours (docs/overrides/partials/alternate.html) links the
   twin page directly, and our alternates are absolute page URLs (hreflang,
   docs/overrides/main.html), so those fetches went to <page>/sitemap.xml: a 404 and a console
   error on every page.  The bundle's selector is narrowed to alternates without hreflang.

3. The "¶" anchors nbconvert puts in a notebook's headings are removed: the search plugin took
   them into the page title (a search result "基准测试¶").

4. Quotes, brackets and colons in a query are turned into spaces before the worker parses it
   (see WORKER_PATCHES).

5. The search index is fetched when the reader first opens search (or follows a search result
   whose address asks for highlighting), not on every page load (see BUNDLE_PATCHES).

If the theme's code changes, a pattern is not found and the build fails, so an upgrade cannot
silently drop a fix (the browser tests check the behaviour too).
"""

from __future__ import annotations

import re
from pathlib import Path

# (what the theme ships, what it must be); each must occur exactly once
WORKER_PATCHES = [
    # 4. a pasted error is text, not query syntax: quotes, brackets and colons ("Reason:
    #    'TypeError(\"cannot pickle 'generator' object\")'") made lunr's query parser return
    #    nothing at all; they become spaces before the theme reads the query
    (
        r'search(e){if(e=e.replace(new RegExp("\\p{sc=Han}+","gu")',
        r'search(e){if(e=e.replace(/[:\'"()\[\]<>{}]/g," "),'
        r'e=e.replace(new RegExp("\\p{sc=Han}+","gu")',
    ),
    ("for(let o=s+1;o<t.length;o++)", "for(let o=s+1;o<=t.length;o++)"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
]
BUNDLE_PATCHES = [
    ('M("link[rel=alternate]")', 'M("link[rel=alternate]:not([hreflang])")'),
    # 5. the search index (zh 1.07 MB, 198 KB gzipped) is fetched when search is first opened,
    #    not at every page load, where it competed with the page itself for a phone's
    #    bandwidth and was parsed on the main thread: the theme's own path for file:// sites,
    #    taken everywhere ...
    ('L($(location.protocol!=="file:"),Je("search"))', 'L($(!1),Je("search"))'),
    #    ... and the highlighting of a search result's words on the page it opens (?h=...)
    #    asks for the index only when the address has such a parameter
    (
        'z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))]).pipe(',
        'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n])))).pipe(',
    ),
]

_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">¶</a>')


def patch(source: str, patches: list[tuple[str, str]], what: str) -> str:
    for old, new in patches:
        count = source.count(old)
        if count != 1:
            raise RuntimeError(
                f"docs/hooks/theme_fixes.py: expected {old!r} once in the {what}, found "
                f"{count}; the theme changed, review the fix"
            )
        source = source.replace(old, new)
    return source


def _patch_file(directory: Path, pattern: str, patches, what: str) -> None:
    files = sorted(directory.glob(pattern))
    if len(files) != 1:
        raise RuntimeError(f"docs/hooks/theme_fixes.py: expected one {what}, found {files}")
    files[0].write_text(patch(files[0].read_text("utf-8"), patches, what), "utf-8")


def on_page_content(html, page, **kwargs):
    if page.file.src_uri.endswith(".ipynb"):
        return _ANCHOR.sub("", html)
    return html


def on_post_build(config, **kwargs):
    scripts = Path(config.site_dir, "assets", "javascripts")
    _patch_file(scripts / "workers", "search.*.min.js", WORKER_PATCHES, "search worker")
    _patch_file(scripts, "bundle.*.min.js", BUNDLE_PATCHES, "bundle")
