"""Fix the theme's Chinese query segmentation in the search worker (both languages' sites).

Material 9.8.1 splits a Chinese query into the longest runs that are terms of the index
(`fe()` in the search worker), but its loops stop one character short: the run's last
character can never end a term.  A query for 进程池 became 进程 (池 was dropped), 守护进程
became 守护 + 进, even though 进程池 and 守护进程 are single terms of the index (jieba, with
our user dictionary, docs/search/jieba_user_dict.txt).  This hook rewrites the two bounds in
the built worker.  If the theme's code changes, the patterns are not found and the build
fails, so an upgrade cannot silently drop the fix (tests/browser/test_search.py checks it).

It also removes the "¶" anchors that nbconvert puts in a notebook's headings: the search
plugin took them into the page title (a result "基准测试¶").
"""

from __future__ import annotations

import re
from pathlib import Path

# (what the theme ships, what it must be); each must occur exactly once
PATCHES = [
    ("for(let o=s+1;o<t.length;o++)", "for(let o=s+1;o<=t.length;o++)"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
]

_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">¶</a>')


def patch_worker(source: str) -> str:
    for old, new in PATCHES:
        count = source.count(old)
        if count != 1:
            raise RuntimeError(
                f"docs/hooks/search_fix.py: expected {old!r} once in the search worker, found "
                f"{count}; the theme changed, review the fix"
            )
        source = source.replace(old, new)
    return source


def on_page_content(html, page, **kwargs):
    if page.file.src_uri.endswith(".ipynb"):
        return _ANCHOR.sub("", html)
    return html


def on_post_build(config, **kwargs):
    workers = sorted(Path(config.site_dir, "assets", "javascripts", "workers").glob("search.*.js"))
    if len(workers) != 1:
        raise RuntimeError(f"docs/hooks/search_fix.py: expected one search worker, found {workers}")
    worker = workers[0]
    worker.write_text(patch_worker(worker.read_text("utf-8")), "utf-8")
