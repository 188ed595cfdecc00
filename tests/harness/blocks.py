"""Find the Python blocks of every page, read their fence tags, resolve snippet includes.

Blocks are found with pytest-examples' ``find_examples`` (it finds blocks inside content
tabs and admonitions and dedents them).  Includes (``--8<-- "snippets/x.py"``) are resolved
with pymdownx.snippets itself, configured from ``mkdocs.yml``, so a block is tested as the
code the reader sees on the page.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import markdown
import yaml
from pymdownx.snippets import SnippetExtension, SnippetMissingError
from pytest_examples import CodeExample, find_examples

from .envs import parse_requires

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGUAGES = ("zh", "en")
START_METHODS = ("fork", "spawn", "forkserver")
PY_LANGS = {"py", "python"}
DEFAULT_TIMEOUT = 30

# The fence tags a Python block may carry (README.md, "Fence tags").
TAGS = {
    "title": "shown above the block by the theme",
    "hl_lines": "highlighted lines (theme)",
    "linenums": "line numbers (theme)",
    "skip": "do not run; the value is the reason, shown in the test report",
    "raises": "the script must fail with this exception type (last output line)",
    "min_python": "run only on this Python version and newer, e.g. 3.12",
    "max_python": "run only on this Python version and older, e.g. 3.11",
    "start_methods": "space-separated subset of: fork spawn forkserver",
    "timeout": "seconds before the run is killed (default 30)",
    "requires": "third-party packages (PyPI names) the block imports; it runs in the examples venv",
}
THEME_TAGS = {"title", "hl_lines", "linenums"}
_TAG_RE = re.compile(r"""(\w+)=(["'])(.*?)\2""")
MIN_SKIP_REASON = 10


class BlockError(Exception):
    """A block that cannot be tested as written; the message names file and line."""


@dataclass
class Block:
    example: CodeExample
    lang: str  # zh or en
    rel: str  # docs/zh/process.md
    code: str  # what the reader sees: includes resolved
    tags: dict[str, str]
    include: tuple[Path, str | None] | None = None  # (snippet file, section) if one include
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.rel}:{self.example.start_line}-{self.example.end_line}"

    @property
    def start_methods(self) -> tuple[str, ...]:
        value = self.tags.get("start_methods")
        return tuple(value.split()) if value else START_METHODS

    @property
    def requires(self) -> tuple[str, ...]:
        return parse_requires(self.tags.get("requires", ""))[0]

    @property
    def timeout(self) -> float:
        return float(self.tags.get("timeout", DEFAULT_TIMEOUT))

    def version_skip(self, version: tuple[int, ...]) -> str | None:
        """Why this block does not run on that Python, or None."""
        return version_skip(self.tags, version)


def version_skip(tags: dict[str, str], version: tuple[int, ...]) -> str | None:
    """Why a block or snippet with these tags does not run on that Python, or None.

    Tags name a minor version (``3.12``: any 3.12.x) or a patch release (``3.12.5``), for
    messages that changed in a bug-fix release; ``version`` is the interpreter's full
    (major, minor, micro).
    """
    lo, hi = tags.get("min_python"), tags.get("max_python")
    if lo and version[: len(_version(lo))] < _version(lo):
        return f"needs Python >= {lo}"
    if hi and version[: len(_version(hi))] > _version(hi):
        return f"shown for Python <= {hi}"
    return None


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def read_tags(prefix: str) -> tuple[dict[str, str], list[str]]:
    """Parse ``key="value"`` tags after the language; return them and any problems."""
    tags = {m.group(1): m.group(3) for m in _TAG_RE.finditer(prefix)}
    braces = prefix.strip().startswith("{")
    prefix = prefix.strip().strip("{}")
    problems = [
        f"unknown fence tag {k!r} (known: {', '.join(TAGS)})" for k in tags if k not in TAGS
    ]
    rest = _TAG_RE.sub("", prefix).split()[1:]
    problems += [f'cannot read fence tag {word!r}; write key="value"' for word in rest]
    test_tags = sorted(set(tags) - THEME_TAGS)
    if test_tags and not braces:
        problems.append(
            f'test tags {test_tags} need the brace form ```{{.py key="value"}}: '
            "without braces SuperFences does not render the block as code"
        )
    if "skip" in tags and len(tags["skip"].strip()) < MIN_SKIP_REASON:
        problems.append('skip="..." needs a written reason (at least 10 characters)')
    for key in ("min_python", "max_python"):
        if key in tags and not re.fullmatch(r"3\.\d+(\.\d+)?", tags[key]):
            problems.append(f'{key}="{tags[key]}" must look like 3.12 or 3.12.5')
    for method in tags.get("start_methods", "").split():
        if method not in START_METHODS:
            problems.append(f"unknown start method {method!r} in start_methods")
    if "start_methods" in tags and not tags["start_methods"].split():
        problems.append("start_methods is empty")
    if "requires" in tags:
        problems += parse_requires(tags["requires"])[1]
    if "timeout" in tags and not re.fullmatch(r"\d+(\.\d+)?", tags["timeout"]):
        problems.append(f'timeout="{tags["timeout"]}" is not a number of seconds')
    return tags, problems


@cache
def snippet_config() -> dict:
    """The pymdownx.snippets settings of mkdocs.yml (the single source of truth)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    for ext in config.get("markdown_extensions", []):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            found = dict(ext["pymdownx.snippets"] or {})
            # mkdocs resolves base_path from the project root; so do we, from any folder
            paths = found.get("base_path", ["."])
            paths = [paths] if isinstance(paths, str) else paths
            found["base_path"] = [str(ROOT / p) for p in paths]
            return found
    raise BlockError("mkdocs.yml: pymdownx.snippets is not configured")


def resolve_includes(source: str, where: str, first_line: int) -> str:
    """Resolve ``--8<--`` lines the way the site does; errors name ``where:line``."""
    if "--8<--" not in source:
        return source
    config = snippet_config()
    ext = SnippetExtension(**{**config, "check_paths": True})
    md = markdown.Markdown(extensions=[ext])
    preprocessor = md.preprocessors["snippet"]
    lines = source.splitlines()
    out: list[str] = []
    for offset, line in enumerate(lines):
        if "--8<--" not in line:
            out.append(line)
            continue
        try:
            out.extend(preprocessor.run([line]))
        except SnippetMissingError as exc:
            raise BlockError(f"{where}:{first_line + offset + 1}: broken include: {exc}") from None
        except OSError as exc:
            raise BlockError(f"{where}:{first_line + offset + 1}: broken include: {exc}") from None
    return "\n".join(out).rstrip("\n") + "\n"


_INCLUDE_RE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["'])([^"':]+)(?::([\w-]+))?\1\s*$""")


def single_include(source: str) -> tuple[Path, str | None] | None:
    """If the block is exactly one include line, the snippet file and section it names."""
    lines = [line for line in source.splitlines() if line.strip()]
    if len(lines) == 1:
        m = _INCLUDE_RE.match(lines[0])
        if m:
            return ROOT / m.group(2), m.group(3)
    return None


HEADER_RE = re.compile(r"^#\s*test:(.*)$")


def header_tags(text: str, where: str) -> tuple[dict[str, str], list[str]]:
    """Tags a snippet file carries in a leading ``# test: key="value"`` comment line."""
    tags: dict[str, str] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        m = HEADER_RE.match(line)
        if m:
            found, bad = read_tags("{.py " + m.group(1) + "}")
            tags.update(found)
            problems += [f"{where}:{number}: {p}" for p in bad]
    return tags, problems


def relpath(path: Path) -> str:
    """The path as a test id shows it: relative to the repo when inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def _lang_of(path: Path) -> str:
    try:
        return path.resolve().relative_to(DOCS).parts[0]
    except ValueError:
        return "?"  # a page outside docs/ (the harness self-tests)


def collect(paths: list[Path] | None = None) -> list[Block]:
    """Every Python block of the given Markdown files (default: all pages, both languages)."""
    if paths is None:
        paths = [p for lang in LANGUAGES for p in sorted((DOCS / lang).rglob("*.md"))]
    blocks = []
    for path in paths:
        page_lines = path.read_text("utf-8").splitlines()
        for ex in find_examples(path):
            # find_examples lower-cases the fence line; tags are read from the page itself
            ex.prefix = page_lines[ex.start_line - 1].strip().lstrip("`").strip()
            words = ex.prefix.strip(" {}").split()
            if not words or words[0].lstrip(".") not in PY_LANGS:
                continue  # pycon, pyi, ...: not a script
            rel = relpath(path)
            tags, problems = read_tags(ex.prefix)
            where = f"{rel}:{ex.start_line}"
            include = single_include(ex.source)
            if include and include[0].is_file():
                # a snippet file's own "# test:" tags apply wherever it is included
                found, bad = header_tags(include[0].read_text("utf-8"), relpath(include[0]))
                tags, problems = {**found, **tags}, [*problems, *bad]
            try:
                code = resolve_includes(ex.source, rel, ex.start_line)
            except BlockError as exc:
                code, problems = ex.source, [*problems, str(exc)]
            block = Block(
                example=ex,
                lang=_lang_of(path),
                rel=rel,
                code=code,
                tags=tags,
                include=include,
                errors=[p if p.startswith(rel) else f"{where}: {p}" for p in problems],
            )
            blocks.append(block)
    return blocks


def pages(lang: str) -> list[Path]:
    return sorted((DOCS / lang).rglob("*.md"))


def notebooks(lang: str) -> list[Path]:
    return sorted((DOCS / lang).rglob("*.ipynb"))


if __name__ == "__main__":  # a quick listing: python -m tests.harness.blocks
    for b in collect():
        print(b.id, b.tags, "ERR" if b.errors else "", file=sys.stdout)
