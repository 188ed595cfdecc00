"""What the search tests search for: the readers' queries (search_queries.yaml) and every error
text the guide explains, gathered from the pages themselves, in the three forms readers paste.

An error text is "explained" by a page when the page shows it as CPython (or a library)
prints it:

- each error in the first column of the pitfalls page's error table (the page it links to
  explains it too: a row may point to another chapter);
- the last ``#>`` line of every block tagged ``raises=``;
- the line that ends each traceback in a block's output (a child's traceback, a pool's
  re-raised error), and every ``SomethingError: ...`` / ``SomethingWarning: ...`` line of the
  output;
- an error written whole in the prose, in code font (``start()`` inside a daemon raises
  `AssertionError: daemonic processes are not allowed to have children`).

Lines the example makes itself are left out: an error the block raises with
``raise SomeError(`` or prints from a literal string (``ValueError: bad value: 2`` is the
example's own).  A search for an error must put first one of the pages that explain it, and
every page that shows the error explains it, wherever it was first found: each error of three
words or more is looked for again on every page, in the output lines of its blocks and in
every code span of its text (prose, headings, tables, annotations), with or without its class
name (``Cannot have cache with result_handler not alive`` in the Troubleshooting page's prose
explains ``AssertionError: Cannot have cache ...``).  What varies is a wildcard there: the
page's elisions (``...``, ``<...>``) and placeholders, numbers (``Thread-3``, ``6 leaked``),
addresses, and a quoted name that is the reader's own (after ``attribute``, ``local
object`` or ``positional argument:``: ``Can't get attribute 'f' on <module '__mp_main__'
from '...'>`` in the pitfalls table is pool.md's ``Can't get attribute 'square' ...``; not
a keyword argument's name, which tells which API was called).  Texts that differ only in the
module path of the class name are one error (``concurrent.futures.process.BrokenProcessPool``
printed as ``BrokenProcessPool``).  A bare class name (``KeyboardInterrupt``) is not looked
for elsewhere: a page that names it in passing does not explain it.  ``MAX_PAGES`` bounds how
many pages one error may accept, so that the search test cannot pass by accepting anything.

Forms (what lands in the search box):

- ``class``: the line as printed, ``ValueError: Pool not running``;
- ``message``: without the class name, ``Pool not running`` (only for lines that have one);
- ``traceback``: a traceback's last two lines pasted together, the frame line first; a
  single-line search box turns the line break into a space, as Chromium does on paste.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from harness.blocks import DOCS, LANGUAGES, collect, pages

HERE = Path(__file__).parent
QUERIES = HERE / "search_queries.yaml"

# placeholders of the `#>` convention, filled in with what a terminal shows
PLACEHOLDERS = {"<hex>": "0x7f3b2c1d9e50", "<pid>": "4242", "<int>": "3", "<...>": ""}
# an exception or warning line: optional "path:line: " (warnings), dotted class name, message
ERROR_LINE = re.compile(
    r"^(?:\S+\.py:\d+: )?(?P<text>(?P<cls>(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*"
    r"(?:Error|Exception|Warning|Interrupt|Traceback|Pool))(?::\s*(?P<msg>.*))?)$"
)
# a warning's "<...>/multiprocessing/x.py:<int>: " (or "<...>: ") in front of its class name
WARNING_PREFIX = re.compile(r"^<\.\.\.>\S*?(?::<int>)?: ")
TRACEBACK = "Traceback (most recent call last):"
FRAME = '  File "/home/u/app.py", line 12, in <module>'
FORMS = ("class", "message", "traceback")


@dataclass(frozen=True)
class Query:
    lang: str
    q: str
    page: str
    round: int
    pending: str | None = None  # a page not written yet: the query is skipped

    @property
    def skip_reason(self) -> str | None:
        if self.pending and not (DOCS / self.lang / self.pending).exists():
            return f"{self.pending} is not on this branch yet (written on another branch)"
        return None


@cache
def queries(lang: str) -> tuple[Query, ...]:
    data = yaml.safe_load(QUERIES.read_text("utf-8"))
    return tuple(Query(lang=lang, **entry) for entry in data[lang])


def _fill(text: str) -> str:
    # "<...>" glued to a name stands for its random tail ('/psm_<...>': '/psm_3f2a9c1e')
    text = re.sub(r"(?<=[A-Za-z0-9_])<\.\.\.>", "3f2a9c1e", text)
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    return text.strip()


@dataclass
class ErrorText:
    text: str  # "ValueError: Pool not running"
    message: str | None  # "Pool not running"; None when the line is only a name
    pages: set[str] = field(default_factory=set)  # "pitfalls/", ...
    where: list[str] = field(default_factory=list)  # docs/en/pitfalls.md:908, for messages

    def form(self, form: str) -> str | None:
        """The text a reader pastes in this form; None if the form does not apply."""
        if form == "class":
            return self.text
        if form == "message":
            return self.message
        return f"{FRAME}\n{self.text}"


def _page_of(path: str) -> str:
    return Path(path).stem + "/" if Path(path).stem != "index" else ""


def _own_making(code_lines: list[str], cls: str, msg: str | None) -> bool:
    """The example raises this class itself or prints the message from a literal string."""
    short = cls.rsplit(".", 1)[-1]
    code = "\n".join(code_lines)
    return f"raise {short}(" in code or bool(msg and msg in code)


def _block_errors(code: str, tags: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """(text, class, message) of each error line of a block's output."""
    code_lines = [ln for ln in code.splitlines() if not ln.strip().startswith("#>")]
    out_lines = [ln.strip()[2:] for ln in code.splitlines() if ln.strip().startswith("#>")]
    out_lines = [ln[1:] if ln.startswith(" ") else ln for ln in out_lines]  # "#> x" -> "x"
    out_lines = [WARNING_PREFIX.sub("", ln) for ln in out_lines]
    found: list[tuple[str, str, str | None]] = []
    candidates: list[str] = []
    for i, line in enumerate(out_lines):
        if not line.startswith((" ", "<...>")):
            m = ERROR_LINE.match(_fill(line))
            if m:
                candidates.append(line)
        if line.startswith(TRACEBACK):
            for after in out_lines[i + 1 :]:  # the first unindented line ends the traceback
                if after and not after.startswith((" ", "<...>", "^", "~")):
                    candidates.append(after)
                    break
    if "raises" in tags and out_lines:
        candidates.append(out_lines[-1])
    for line in candidates:
        m = ERROR_LINE.match(_fill(line))
        if not m:
            continue
        text, cls, msg = m["text"], m["cls"], m["msg"]
        if msg == "" or _own_making(code_lines, cls, msg):
            continue  # "RuntimeError:" continued on the next lines (the table has it whole)
        if (text, cls, msg) not in found:
            found.append((text, cls, msg or None))
    return found


_PROSE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")


def _prose_errors(path: Path) -> list[tuple[str, str]]:
    """Errors written whole (class and message) in code font in the page's prose (a code span
    may run over a line break)."""
    kept = []
    in_fence = False
    for line in path.read_text("utf-8").splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if not in_fence and not line.startswith("|"):  # the table is read on its own
            kept.append(line.strip())
    out = []
    for text in _PROSE_CODE.findall(" ".join(kept)):
        m = ERROR_LINE.match(text)
        if m and m["msg"] and "..." not in text:
            out.append((text, m["msg"]))
    return out


def _table_errors(path: Path) -> list[tuple[str, str | None, set[str]]]:
    """The pitfalls page's table: (text, message, pages) for each error in a row's first cell
    (texts with an elided part, '...', are shown whole in the section's example)."""
    rows = re.findall(r"^\| (`.*?) \| (.*?) \|$", path.read_text("utf-8"), re.M)
    out = []
    for cell, link in rows:
        targets = {_page_of(path.name)}
        for target in re.findall(r"\]\(([^)#]+\.md)", link):
            targets.add(_page_of(target))
        for text in re.findall(r"`([^`]+)`", cell):
            if "..." in text:
                continue
            m = ERROR_LINE.match(text)
            out.append((text, (m["msg"] or None) if m else None, targets))
    return out


@cache
def explained_errors(lang: str) -> tuple[ErrorText, ...]:
    """Every error text the pages of one language explain, with the pages that explain it."""
    by_text: dict[str, ErrorText] = {}

    def add(text: str, message: str | None, page: str, where: str) -> None:
        entry = by_text.setdefault(text, ErrorText(text, message))
        entry.pages.add(page)
        entry.where.append(where)

    paths = pages(lang)
    for block in collect(paths):
        for text, _cls, msg in _block_errors(block.code, block.tags):
            add(text, msg, _page_of(block.rel), f"{block.rel}:{block.example.start_line}")
    for path in paths:
        for text, msg in _prose_errors(path):
            add(text, msg, _page_of(path.name), f"{path.relative_to(DOCS.parent)} (prose)")
    pitfalls = DOCS / lang / "pitfalls.md"
    for text, msg, targets in _table_errors(pitfalls):
        for page in sorted(targets):
            add(text, msg, page, f"{pitfalls.relative_to(DOCS.parent)} (table)")
    # a text that only adds detail to another (3.13 ends the resource tracker's warning with
    # ": {'/psm_...'}") is explained wherever the shorter one is
    for entry in by_text.values():
        for other in by_text.values():
            if (
                entry is not other
                and len(other.text.split()) >= 5
                and (
                    entry.text.startswith(other.text + ":")
                    or entry.text.startswith(other.text + " ")
                )
            ):
                entry.pages |= other.pages
    by_shape: dict[str, set[str]] = {}
    for entry in by_text.values():
        by_shape.setdefault(_unqualified(entry.text), set()).update(entry.pages)
    for entry in by_text.values():
        entry.pages = set(by_shape[_unqualified(entry.text)])
    shown = {_page_of(path.name): _shown_texts(path) for path in paths}
    for entry in by_text.values():
        if _words(entry.message or entry.text) < MIN_WORDS:
            continue  # a bare class name: pages that name it need not explain it
        for page, texts in shown.items():
            if page not in entry.pages and any(_shows(text, entry) for text in texts):
                entry.pages.add(page)
                entry.where.append(f"{page} (shown)")
    return tuple(by_text.values())


# how many words an error's text (its message, if it has one) needs to be looked for on every
# page, and how many pages one error may accept (tests/browser/test_search.py checks it)
MIN_WORDS = 3
MAX_PAGES = 4


def _words(text: str) -> int:
    return len(_unqualified(text).split())


_MODULE_PATH = re.compile(r"^(?:[A-Za-z_]\w*\.)+(?=\w+(?::|$))")


def _unqualified(text: str) -> str:
    """The text without the module path of its class (``BrokenProcessPool: ...`` is printed by
    ``type(e).__name__``)."""
    return _MODULE_PATH.sub("", text)


def _shown_texts(path: Path) -> list[str]:
    """What a page shows in code font: the output lines of its blocks (the `#>` lines, a
    warning's path prefix dropped) and every code span of its Markdown outside the fences."""
    texts = []
    for block in collect([path]):
        for line in block.code.splitlines():
            if line.strip().startswith("#>"):
                texts.append(WARNING_PREFIX.sub("", line.strip()[2:].strip()))
    kept, in_fence = [], False
    for line in path.read_text("utf-8").splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence:
            kept.append(line.strip())
    texts += _PROSE_CODE.findall(" ".join(kept))
    return [t for t in texts if _words(t) >= MIN_WORDS]


# what varies between the page and the reader's screen: the page's elisions and placeholders,
# an address, a number, and a quoted name that is the reader's own
_WILD = re.compile(
    r"(?P<any>\.\.\.|…|<(?:\.\.\.|hex|pid|int|float)(?::\w+)?>|0x[0-9a-fA-F]+)"
    r"|(?P<num>\d+)"
    r"|(?P<name>(?<=attribute )'[^']*'|(?<=local object )'[^']*'"
    r"|(?<=positional argument: )'[^']*')"
)


@cache  # each page's text is matched against every error: compile it once
def _pattern(text: str) -> re.Pattern:
    """A page's text as a pattern: its variable parts match anything of their kind."""
    text = _unqualified(text.strip().rstrip(":").strip())
    out, at = [], 0
    for m in _WILD.finditer(text):
        out.append(re.escape(text[at : m.start()]))
        out.append(".*?" if m["any"] else r"\d+" if m["num"] else "'[^']*'")
        at = m.end()
    out.append(re.escape(text[at:]))
    return re.compile("".join(out))


def _shows(shown: str, error: ErrorText) -> bool:
    """The page's text is this error, with or without its class name."""
    pattern = _pattern(shown)
    wanted = [_unqualified(error.text)] + ([error.message] if error.message else [])
    return any(pattern.fullmatch(w.strip()) for w in wanted)


if __name__ == "__main__":  # the list, for a human: python tests/browser/search_cases.py
    for lang in LANGUAGES:
        errors = explained_errors(lang)
        print(f"{lang}: {len(errors)} error texts")
        for e in errors:
            print(f"  {sorted(e.pages)} {e.text!r}  [{e.message!r}]")
