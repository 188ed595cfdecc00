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

from . import tags as tag_mod

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGUAGES = ("zh", "en")
PY_LANGS = {"py", "python"}


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
    def whole_file(self) -> Path | None:
        """The snippet file this block shows whole (one include line, no section), or None."""
        if self.include is not None and self.include[1] is None:
            return self.include[0]
        return None


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
            found, bad = tag_mod.read("{.py " + m.group(1) + "}")
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
            tags, problems = tag_mod.read(ex.prefix)
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
