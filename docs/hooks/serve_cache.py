"""The author's loop: `make serve` rebuilds only what an edit changed; caches for every build.

Every build (``make site`` and ``make serve``):

* jieba, the Chinese search's word splitter, keeps the cache of its dictionary (9 MB, built in
  2-3 s when missing) in .cache/jieba, not in the temp folder, where a reboot or a test run's
  own TMPDIR lost it and a killed build could leave a half-written copy.
* ``BUILD_CACHE=false`` turns off the disk caches (the notebook's conversion, mkdocs-jupyter's
  ``cache_dir`` in both configs, and its pruned CSS, docs/hooks/notebook_css.py), for a cold
  build.

Only under ``mkdocs serve`` (``make serve``), where one process rebuilds the site on every
save:

* A page's Markdown is converted again only when its conversion can differ: its text, the
  snippet files it included (their content), its address, the site's list of files (links
  between pages) and the Markdown settings are the key.  Everything the conversion gives
  (HTML, table of contents, title, anchors, links to anchors, and the warnings it logged, which
  are logged again) is kept in memory; the hooks that run on the converted HTML run as usual.
* A page's entries in the search index are kept the same way, by everything the index reads
  from the page (its HTML, address, table of contents, title, metadata) and the index's
  settings; the index itself is written as usual.
* jieba loads the search's word list once, not again on every rebuild (each load shifted
  its word statistics, so the preview's Chinese search index drifted from a fresh build's).
* ``SIGTERM`` (a process manager, ``kill``, an IDE's stop button) stops the server the way
  Ctrl+C does, so mkdocs removes its temp folder (the built site, 12 MB) instead of leaving
  it behind.

The English site is skipped when none of its inputs changed: docs/hooks/build_en.py.  The
notebook page's conversion is cached by mkdocs-jupyter itself (``cache_dir`` in both configs)
and its CSS pruning by docs/hooks/notebook_css.py (both on disk, so ``make site`` gains
too).  None of this changes a byte of the built site: tests/test_site.py builds the same
inputs cold and through ``mkdocs serve`` and compares every file.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import signal
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import TableOfContents

ROOT = Path(__file__).resolve().parents[2]
JIEBA_CACHE = ROOT / ".cache" / "jieba"

log = logging.getLogger("mkdocs.hooks.serve_cache")

_state = {"serving": False, "reused": 0, "converted": 0}
# the last conversion of each page (docs folder, page) -> (key, {snippet: digest}, result):
# one per page, so a long session of edits does not pile up old versions
_renders: dict[tuple[str, str], tuple[str, dict[str, str], dict]] = {}
_reading: list[set[str]] = []  # snippet files read by the conversion under way


def serving() -> bool:
    return _state["serving"]


def _on_sigterm(signum, frame):
    raise KeyboardInterrupt  # mkdocs serve shuts down and removes its temp folder


def on_startup(command, dirty, **kwargs):
    _state["serving"] = command == "serve"
    if serving() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)


def build_cache() -> bool:
    value = os.environ.get("BUILD_CACHE", "").strip().lower()
    if value not in ("", "0", "1", "false", "true", "no", "yes"):
        raise ValueError(f"BUILD_CACHE={value!r}: use true or false")
    return value not in ("0", "false", "no")


@event_priority(100)  # before the search plugin loads jieba's dictionary
def on_config(config, **kwargs):
    import jieba

    JIEBA_CACHE.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(JIEBA_CACHE)
    if serving():
        _load_userdict_once(jieba)
    if not build_cache():  # a cold build (tests/test_site.py compares one with a cached one)
        for name, plugin in config.plugins.items():
            if name == "mkdocs-jupyter":
                plugin.config["cache"] = False


def _load_userdict_once(jieba) -> None:
    """jieba.load_userdict, loading a word list only when it is not the one loaded last.

    The search plugin loads the word list (docs/search/jieba_user_dict.txt) into jieba's one
    tokenizer on every config, so on every rebuild under `mkdocs serve`; each load adds the
    words' frequencies to the tokenizer's total again, which shifts its word probabilities:
    after a few rebuilds it split some Chinese text differently from a fresh build (不在 as
    不 + 在, 挂起 as 挂 + 起) and the preview's search index drifted.  The same list is now
    loaded once; a changed list is loaded into a tokenizer reset to jieba's own dictionary,
    as a fresh process would have it."""
    if getattr(jieba.load_userdict, "_mp_once", False):
        return
    load = jieba.load_userdict
    loaded: dict[str, str] = {}

    def load_userdict(f):
        if not isinstance(f, (str, os.PathLike)):
            return load(f)
        digest = _file_digest(os.fspath(f))
        if loaded.get("digest") == digest:
            return None
        if loaded:  # another list: start again from jieba's dictionary (its cache file)
            jieba.dt.initialized = False
            jieba.dt.initialize()
        load(f)
        loaded["digest"] = digest
        return None

    load_userdict._mp_once = True
    jieba.load_userdict = load_userdict


# -- the Markdown conversion cache (serve only) ------------------------------------------------


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _patch_snippets() -> None:
    """Record which files pymdownx.snippets reads while a page is converted."""
    from pymdownx.snippets import SnippetPreprocessor

    if getattr(SnippetPreprocessor.read_lines, "_mp_recording", False):
        return
    read_lines = SnippetPreprocessor.read_lines

    def recording(self, path):
        if _reading:
            _reading[-1].add(os.path.abspath(path))
        return read_lines(self, path)

    recording._mp_recording = True
    SnippetPreprocessor.read_lines = recording


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def _settings(config, files) -> str:
    """What a page's conversion depends on besides its own text and included files."""
    return _digest(
        config.theme["language"],
        config.docs_dir,
        config.use_directory_urls,
        config.markdown_extensions,
        config.mdx_configs,
        config.validation,
        sorted((f.src_uri, f.url) for f in files),
    )


def _cached_render(page, original):
    def render(config, files):
        settings = _settings(config, files)
        where = (config.docs_dir, page.file.src_uri)
        key = _digest(page.markdown, page.file.url, settings)
        hit = _renders.get(where)
        if hit and hit[0] == key and all(_file_digest(p) == d for p, d in hit[1].items()):
            result = hit[2]
            _state["reused"] += 1
        else:
            capture = _Capture()
            mkdocs_log = logging.getLogger("mkdocs")
            mkdocs_log.addHandler(capture)
            _reading.append(set())
            try:
                original(config, files)
            finally:
                read = _reading.pop()
                mkdocs_log.removeHandler(capture)
            result = {
                "content": page.content,
                "toc": copy.deepcopy(list(page.toc)),
                "title": page._title_from_render,
                "anchors": set(page.present_anchor_ids or ()),
                "links": {
                    f.src_uri: dict(links) for f, links in (page.links_to_anchors or {}).items()
                }
                if page.links_to_anchors is not None
                else None,
                "records": [r for r in capture.records if r.levelno >= logging.INFO],
            }
            _renders[where] = (key, {p: _file_digest(p) for p in read}, result)
            _state["converted"] += 1
            return
        page.content = result["content"]
        page.toc = TableOfContents(copy.deepcopy(result["toc"]))
        page._title_from_render = result["title"]
        page.present_anchor_ids = set(result["anchors"])
        if result["links"] is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): dict(links) for uri, links in result["links"].items()
            }
        for record in result["records"]:  # its warnings, as a fresh conversion logs them
            logging.getLogger(record.name).handle(record)

    return render


# -- the search index's entries per page (serve only) -------------------------------------------

_entries: dict[tuple[str, str], tuple[str, list[dict]]] = {}  # (language, page) -> (key, entries)


def _toc_signature(items) -> list:
    return [(i.id, i.url, i.title, i.level, _toc_signature(i.children)) for i in items]


def _cached_entries(index):
    """The search index's add_entry_from_context, remembering each page's entries by all it
    reads: the page's HTML, address, table of contents, title and metadata, the index's
    settings and the words of jieba's user dictionary."""
    add = index.add_entry_from_context

    def add_entry_from_context(page):
        words = index.config.get("jieba_dict_user")
        key = _digest(
            page.url,
            page.content,
            _toc_signature(page.toc),
            page.title,
            page.meta,
            sorted(index.config.items()),
            _file_digest(words) if words else None,
        )
        where = (repr(index.config.get("lang")), page.url)
        hit = _entries.get(where)
        if hit and hit[0] == key:
            index.entries.extend(copy.deepcopy(hit[1]))
            return
        before = len(index.entries)
        add(page)
        _entries[where] = (key, copy.deepcopy(index.entries[before:]))

    add_entry_from_context._mp_cached = True
    return add_entry_from_context


@event_priority(100)  # before the search plugin indexes the page
def on_page_context(context, page, config, **kwargs):
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    cached = getattr(getattr(index, "add_entry_from_context", None), "_mp_cached", False)
    if serving() and index is not None and not cached:
        index.add_entry_from_context = _cached_entries(index)
    return context


def on_pre_build(config, **kwargs):
    _state["reused"] = _state["converted"] = 0


@event_priority(-100)  # after every plugin's pre_page (mkdocs-jupyter replaces a notebook's)
def on_pre_page(page, config, files, **kwargs):
    if serving() and page.file.src_uri.endswith(".md"):
        _patch_snippets()
        page.render = _cached_render(page, page.render)
    return page


def on_post_build(config, **kwargs):
    if serving():
        log.info(
            f"serve cache ({config.theme['language']}): {_state['reused']} pages reused, "
            f"{_state['converted']} converted"
        )
