"""Six fixes to the theme (Material 9.8.1), applied to every build of both languages.

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

6. Ranking (issue 21): what the index is built from and how the worker scores a query, at the
   end of this file ("Search ranking") and in WORKER_PATCHES; the measurements behind each
   choice are in CONTRIBUTING.md ("Search, page speed and publishing decisions").

If the theme's code changes, a pattern is not found and the build fails, so an upgrade cannot
silently drop a fix (the browser tests check the behaviour too).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

# --- Search ranking, the worker's side (the index's side is at the end of this file) -----------
#
# BM25's length normalisation (lunr's b; the theme sets 0, so a long section won by repeating
# a word; 0.5 measured better than 0.75 and 0.9 on the whole query set); k1, the saturation of
# a word's count, stays at lunr's 1.2 (0.2, 0.5 and 2 were no better).
SEARCH_B = 0.5
# The site's own topic: every page is about it, so in a query with other words it says nothing
# about which page ("多进程 加锁" is a question about locks).  A query of nothing else keeps it.
# jieba has no 多进程 either: the worker split it into 多 + 进程, and 多* found 多个, 多少 ...
TOPIC_WORDS = ["多进程", "multiprocessing"]
# A section's score is multiplied by 2 x the share of the query's words it holds (the theme:
# 1 + share squared, so a section with half of the words lost little against one with all of
# them); a page ranks by its best section plus 0.6 x its second best: the chapter that covers
# a topic in several sections comes before a long page that mentions it in one heading.
COORDINATION = "Math.max(2*g,.2)"
SECOND_SECTION = 0.6
# lunr gives every word a prefix of an English query word expands to the full weight of the
# word: "pid*" matched pid_a, pid_b, ... pid_e (pairs of one output line) and a section won
# by the number of different words that begin with the query's.  Each such longer word counts
# a quarter (0.15 measured the same, 0.35 and 0.5 worse); the word itself counts whole.  Two
# exceptions keep full prefix matches: the page's title (field "page": short, and there a longer
# word is the same word inflected, "process pool" -> "Process pools"; damped there too, the
# futures chapter came first for "process pool"), and Chinese words: 进程* finding 进程池 is
# what a Chinese query needs (a lower weight there lost 1-4 Chinese queries).
PREFIX_EXPANSION = 0.25
# Words of a query that say nothing about the topic: lunr's English stop words (the English
# index drops them, so a query's "the*" only matched "then", "there", ...), lunr's Chinese ones
# (的, 了, 是, ...) and these interrogatives and particles, which readers type and headings
# happen to contain ("怎么选" is a heading of the GIL chapter).
QUERY_FILLER = [
    "怎么",
    "怎样",
    "怎么样",
    "如何",
    "为什么",
    "为何",
    "什么",
    "哪个",
    "哪些",
    "哪里",
    "是否",
    "能否",
    "吗",
    "呢",
    "吧",
    "啊",
    "呀",
    "了",
    "的",
    "地",
    "得",
    "是",
    "会",
    "要",
    "能",
    "可以",
    "应该",
    "vs",
    "versus",
]
# Each remaining word counts five times as much where it matches whole as where it is the
# start of a longer word ("pool" finds "pools" too, but "exitcode" no longer wins by
# "exitcodes" as well).  Beside the words, a pasted text adds its adjacent word pairs (field
# "pairs") and, whole, the line and its message without the class name (field "lines"): the
# page that shows the error as CPython prints it wins over a page whose heading has most of
# its words ("Synchronized objects should only be shared between processes through
# inheritance" against a pasted "Queue objects ...").  _lines() below builds the same terms
# for the index.
_MP_QUERY = (
    "const __mpFiller=new Set(" + json.dumps(QUERY_FILLER, ensure_ascii=False) + ");"
    "const __mpTopic=" + json.dumps(TOPIC_WORDS, ensure_ascii=False) + ";"
    r"""
function __mpOffTopic(q) {
  let r = q;
  for (const w of __mpTopic) {
    const p = /^[\x00-\x7f]+$/.test(w) ? "(?<![\\w.])" + w + "(?![\\w.])" : w;
    r = r.replace(new RegExp(p, "gi"), " ");
  }
  return /[\p{L}\p{N}]/u.test(r) ? r : q;
}
function __mpPageRank(groups) {
  const s = g => g[0].score + """
    + str(SECOND_SECTION)
    + r""" * (g[1] ? g[1].score : 0);
  return groups.sort((x, y) => s(y) - s(x));
}
function __mpTerm(r) {
  if (/(^[+-]|[~^]\d+$)/.test(r)) return r;  // query syntax
  const w = r.replace(/\*+$/, ""), lw = w.toLowerCase();
  if (!w || __mpFiller.has(lw) || !lunr.stopWordFilter(lw)) return "";
  if (lunr.zh && !lunr.zh.stopWordFilter(w)) return "";
  return w + "^5 " + w + "*";
}
function __mpWords(text, sep) {
  return text.split(sep).map(t => t.replace(/\*/g, "")).filter(Boolean).map(t => t.toLowerCase());
}
function __mpNoWildcard(token) {
  const s = token.toString().replace(/\*/g, "");
  return s ? token.update(() => s) : undefined;
}
function __mpLines(text, sep) {
  const out = new Set();
  const add = t => {
    const w = __mpWords(t, sep);
    for (let n = 3; n <= w.length; n++) out.add(w.slice(0, n).join("_"));
  };
  text = text.trim();
  add(text);
  const m = /^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*):\s+(.+)$/.exec(text);
  if (m) { add(m[2]); add(m[1] + ": " + m[2]); }
  return [...out];
}
function __mpPhrases(q, raw, sep) {
  const w = raw.split(sep).map(t => t.replace(/\*/g, ""))
    .map(t => /^[\x21-\x7e]+$/.test(t) ? t.toLowerCase() : null);
  for (let i = 0; i + 1 < w.length; i++) {
    if (w[i] && w[i + 1]) {
      q.term(w[i] + "_" + w[i + 1], {fields: ["pairs"], usePipeline: false});
    }
  }
  for (const t of __mpLines(raw, sep)) q.term(t, {fields: ["lines"], usePipeline: false});
  for (const t of new Set(raw.split(/[^A-Za-z0-9_]+/))) {
    if (t.length > 2) q.term(t.toLowerCase(), {fields: ["names"], usePipeline: false});
  }
}
"""
)

# (what the theme ships, what it must be); each must occur exactly once
WORKER_PATCHES = [
    # 0. an expansion of a query's term that the index does not hold is skipped: in the Chinese
    #    index lunr's token set also yields "7.314" for "7*" (no such term: 7.31 and 7.314...
    #    were never both indexed; a word its minimised automaton makes up), and the lookup of
    #    its posting threw, so any query with the word 7 ("position 6-7") found nothing
    (
        "for(var E=v[b],w=this.invertedIndex[E],R=w._index,d=0;",
        "for(var E=v[b],w=this.invertedIndex[E],R=w?w._index:0,d=w?0:c.fields.length;",
    ),
    # 4. a pasted error is text, not query syntax: quotes, brackets and colons ("Reason:
    #    'TypeError(\"cannot pickle 'generator' object\")'") made lunr's query parser return
    #    nothing at all; they become spaces before the theme reads the query
    #    6. (ranking) ... and the noise around a pasted traceback line goes first: a frame line
    #    'File "/home/u/app.py", line 12, in <module>' or a warning's "path.py:254:"; the text
    #    as pasted is kept (__raw) for the phrase terms (_MP_QUERY)
    (
        r'search(e){if(e=e.replace(new RegExp("\\p{sc=Han}+","gu")',
        r'search(e){let __raw;if(e=e.replace(/\bFile "[^"]*", line \d+(, in \S+)?/g," ")'
        r'.replace(/(^|\s)\S+\.py:\d+:(?=\s)/g," "),__raw=e,e=__mpOffTopic(e),'
        r'e=e.replace(/[:\'"()\[\]<>{}]/g," "),'
        r'e=e.replace(new RegExp("\\p{sc=Han}+","gu")',
    ),
    ("for(let o=s+1;o<t.length;o++)", "for(let o=s+1;o<=t.length;o++)"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
    # 6. ranking (see "Search ranking" below): the query's words ...
    ("function ue(t,e=r=>r){", _MP_QUERY + "function ue(t,e=r=>r){"),
    (
        '.map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`).join(" ")}',
        '.map(__mpTerm).filter(Boolean).join(" ")}',
    ),
    #    ... the phrase terms beside them ...
    (
        "n=this.index.search(e).reduce(",
        'n=this.index.query(Q=>{Q.allFields=Q.allFields.filter(f=>f!=="lines"&&f!=="names");'
        "new lunr.QueryParser(e,Q).parse();__mpPhrases(Q,__raw,lunr.tokenizer.separator)})"
        ".reduce(",
    ),
    #    ... no "*" in the index's terms: lunr reads it as a wildcard in the set of the index's
    #    terms too, so a term like "*path" or "2**20" (code in the text) made a query's prefix
    #    expand to words the index does not hold, and lunr threw ("Number of processes must be
    #    at least 1" found nothing); the terms are kept without it ...
    (
        'this.ref("location");',
        "lunr.Pipeline.registeredFunctions.mpNoWildcard||"
        'lunr.Pipeline.registerFunction(__mpNoWildcard,"mpNoWildcard");'
        'this.pipeline.add(__mpNoWildcard);this.ref("location");',
    ),
    #    ... length normalisation (the theme switches it off: b = 0) ...
    ("this.b(0)", f"this.b({SEARCH_B})"),
    #    ... and no bonus for a page's first section over the others ...
    ("let g=+!c.parent+", "let g="),
    #    ... a section's share of the query's words counts more (COORDINATION) ...
    ("score:a*(1+K(g,2))", f"score:a*({COORDINATION})"),
    #    ... a longer word an English prefix expands to counts less (PREFIX_EXPANSION) ...
    (
        "i[y].upsert(R,c.boost,",
        r'i[y].upsert(R,/^[\x00-\x7f]+\*$/.test(c.term)&&E+"*"!==c.term&&y!=="page"?'
        f"c.boost*{PREFIX_EXPANSION}:c.boost,",
    ),
    #    ... and a page ranks by its best two sections (SECOND_SECTION)
    ("return _({items:[...n.values()]}", "return _({items:__mpPageRank([...n.values()])}"),
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


# --- Search: what the index is built from ----------------------------------------------------
#
# The search plugin starts a new section of the index at each heading, and when the element
# holding a heading closes, it goes back to the section it was in before.  In a notebook page
# every heading sits inside a cell's <div>, so everything after a heading's own cell (the
# rest of the page) went into the page's first section: 43 KB of text under the title
# 性能基准 / Benchmarks, which then won any query of common words.  The plugin is given the
# page without <div> tags (it keeps no div anyway), so each heading starts a section that
# runs to the next heading; the page the reader gets is unchanged.

#
# nbconvert gives a heading with no ASCII letters an empty id (<h2 id="">这次运行用的是哪台机器),
# while the page's table of contents (mkdocs-jupyter, from the same Markdown) links it as #_2:
# the link went nowhere, and the plugin indexed those sections under the page's own address,
# several index entries with one address.  Such a heading gets the id its TOC entry links to.

_DIV = re.compile(r"</?div\b[^>]*>")
_HEADING = re.compile(r'<h([1-6]) id=""([^>]*)>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _toc_items(toc):
    for item in toc:
        yield item
        yield from _toc_items(item.children)


def _give_empty_headings_their_toc_ids(html: str, toc) -> str:
    ids = {}
    for item in _toc_items(toc):
        ids.setdefault(item.title.strip(), []).append(item.id)

    def fill(m):
        text = _TAG.sub("", m[3]).replace("¶", "").strip()
        found = ids.get(text)
        return f'<h{m[1]} id="{found.pop(0)}"{m[2]}>{m[3]}</h{m[1]}>' if found else m[0]

    return _HEADING.sub(fill, html)


@event_priority(100)  # before the search plugin reads page.content
def _search_sees_flat_notebook(context, page, **kwargs):
    if page.file.src_uri.endswith(".ipynb"):
        page.content = _give_empty_headings_their_toc_ids(page.content, page.toc)
        page.search_original_content = page.content
        page.content = _DIV.sub("", page.content)
    return context


@event_priority(-100)  # after it: the page is rendered from its own HTML
def _page_keeps_its_divs(context, page, config, **kwargs):
    original = getattr(page, "search_original_content", None)
    if original is not None:
        page.content = original
        del page.search_original_content
    shape_search_entries(config, page)
    return context


on_page_context = CombinedEvent(_search_sees_flat_notebook, _page_keeps_its_divs)


# --- Search ranking, the index's side ----------------------------------------------------------
#
# Right after the search plugin has cut a page into sections (one index entry per heading),
# the page's entries get:
#
# - its first entry merged with the next when it is empty: a page whose h1 does not come
#   first (an HTML comment before it: the Verified on page; a notebook) had an empty entry
#   for the page and its introduction as a section of its own;
# - field "page": the page's title, and field "about": its description (front matter, the
#   summary written for search engines), on every section, so that a query naming the
#   chapter or its topic ("队列 get 超时") prefers that chapter's sections;
# - field "pairs": adjacent word pairs of the output lines (#>) and inline code, the text
#   readers paste, so that a pasted error matches its words in order;
# - field "lines": each such line (and inline code span) whole, and its message without the
#   class name, as one term each: the page that shows a pasted error line exactly;
# - field "names": each CamelCase name of the section whole, in lower case (see _names).
#
# A page generated from data (the Verified on page) counts half: its headings repeat every
# chapter's title, and "process pool" found its "Process pools" section before the chapter.
# The generator writes `search: boost: 0.5` into its front matter (tests/harness/matrix.py),
# which the search plugin applies to each of its sections.
#
# The worker builds the same terms from a query (__mpPhrases in _MP_QUERY); the boosts of the
# fields are in the search plugin's settings (mkdocs.yml, mkdocs.en.yml).

_CODE_BLOCK = re.compile(r"<pre><code>(.*?)</code></pre>", re.S)
_INLINE_CODE = re.compile(r"<code>(.*?)</code>", re.S)
_CLASS_AND_MESSAGE = re.compile(r"^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*):\s+(.+)$")
_PRINTABLE_ASCII = re.compile(r"^[\x21-\x7e]+$")
_PLACEHOLDER = re.compile(r"<(?:\.\.\.|hex|pid|int|float)(?::\w+)?>")


def _search_plugin(config):
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(plugin.search_index, "entries"):
            return plugin
    return None


def _words(text: str, separator: re.Pattern) -> list[str]:
    """The words of a text, lower case, without "*" (a wildcard to lunr, see WORKER_PATCHES)."""
    return [w.lower() for w in (w.replace("*", "") for w in separator.split(text)) if w]


def _pasted_lines(entry: dict) -> list[str]:
    """The output lines of the entry's code blocks and its inline code, as a reader sees them."""
    text = entry.get("text", "") + " " + entry.get("title", "")
    lines = []
    for block in _CODE_BLOCK.findall(text):
        for line in html.unescape(block).splitlines():
            if line.lstrip().startswith("#>"):
                lines.append(line.lstrip()[2:].strip())
    lines += [
        html.unescape(code).strip() for code in _INLINE_CODE.findall(_CODE_BLOCK.sub(" ", text))
    ]
    return [line for line in lines if line]


def _pairs(lines: list[str], separator: re.Pattern) -> list[str]:
    found = []
    for line in lines:
        words = [
            w.lower() if _PRINTABLE_ASCII.match(w) else None
            for w in (w.replace("*", "") for w in separator.split(line))
        ]
        found += [f"{a}_{b}" for a, b in zip(words, words[1:]) if a and b]
    return list(dict.fromkeys(found))


def _lines(lines: list[str], separator: re.Pattern) -> list[str]:
    """Each line whole, its message without the class name, and the class without its module
    (``concurrent.futures.process.BrokenProcessPool: ...`` as ``BrokenProcessPool: ...``), as
    single terms of three words or more.  A line with a placeholder (``at <hex>``, ``<...>``:
    what varies from run to run) gives the words before it.  A query gives every run of three
    words or more that starts its text (__mpLines), so a pasted error, with its own addresses
    and names where the page has placeholders, still matches the page's line."""
    found = []
    for line in lines:
        variants = [line]
        m = _CLASS_AND_MESSAGE.match(line)
        if m:
            variants += [m[2], f"{m[1]}: {m[2]}"]
        for variant in variants:
            words = _words(_PLACEHOLDER.split(variant, maxsplit=1)[0], separator)
            if len(words) >= 3:
                found.append("_".join(words))
    return list(dict.fromkeys(found))


_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")
_CAMEL = re.compile(r"\B(?=[A-Z][a-z])")


def _names(entry: dict) -> list[str]:
    """Each CamelCase name of the section (heading and text), whole and in lower case, as many
    times as it occurs.  The separator splits ``PyInstaller`` into ``py`` + ``installer``, and
    a query typed in lower case, ``pyinstaller``, is one word that matched neither."""
    text = _TAG.sub(" ", entry.get("title", "") + " " + entry.get("text", ""))
    return [w.lower() for w in _ASCII_WORD.findall(html.unescape(text)) if _CAMEL.search(w)]


def shape_search_entries(config, page) -> None:
    plugin = _search_plugin(config)
    if plugin is None or not plugin.config.enabled:
        return
    entries = plugin.search_index.entries
    mine = [e for e in entries if e["location"].split("#")[0] == page.url]
    if not mine:
        return
    first = mine[0]
    if not first.get("text") and len(mine) > 1 and "#" in mine[1]["location"]:
        second = mine[1]
        first.update(title=second["title"], text=second["text"])
        entries.remove(second)
        mine.remove(second)
    separator = re.compile(plugin.config.separator)
    about = str(page.meta.get("description", ""))
    if about and plugin.config.lang and plugin.config.lang[0] == "zh":
        about = plugin.search_index._segment_chinese(about)  # jieba, as the plugin does
    for entry in mine:
        entry["page"] = first["title"]
        entry["about"] = about
        lines = _pasted_lines(entry)
        entry["pairs"] = " ".join(_pairs(lines, separator))
        entry["lines"] = " ".join(_lines(lines, separator))
        entry["names"] = " ".join(_names(entry))
