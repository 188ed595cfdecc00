"""Join lines of Chinese prose without a space (zh site only).

Markdown keeps a line break inside a paragraph as a newline, which the browser shows as a
space: fine between English words, a visible gap between Chinese characters ("。 下一句").
This removes such newlines when the characters on both sides are CJK (or CJK punctuation),
outside <pre> blocks, so source lines can stay short.
"""

import re

CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
_BREAK = re.compile(rf"(?<={CJK})[ \t]*\n[ \t]*(?={CJK})")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)


def join_cjk_lines(html: str) -> str:
    parts = _PRE.split(html)
    # odd indexes are <pre> blocks: code stays as it is
    return "".join(p if i % 2 else _BREAK.sub("", p) for i, p in enumerate(parts))


def on_page_content(html, **kwargs):
    return join_cjk_lines(html)
