"""What the suite runs: one list of runnables, page blocks and snippet files alike.

* A **block** runnable is a block of a page together with its byte-identical twin in the
  other language (same code, same tags): it runs once, as ``python example.py`` in a fresh
  folder, and its ``#>`` lines are compared with the output.
* A **snippet** runnable is a file in ``snippets/`` with a ``__main__`` guard that no page
  shows whole (a page that includes the whole file already runs exactly that code): it runs
  as ``python -m snippets.<chapter>.<name>`` from the repository root.

Both go through the same run flow (tests/test_examples.py).  Each has a fingerprint, the
code and the tags it runs with: the record (harness.record) vouches for a fingerprint on a
given Python and start method, and the tiers (harness.plan) decide what to run again.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pytest_examples import CodeExample

from . import tags as tag_mod
from .blocks import ROOT, Block, collect, header_tags, relpath

BLOCK, SNIPPET = "block", "snippet"
GUARD = 'if __name__ == "__main__":'


class SnippetFile(CodeExample):
    """A whole .py file as one example (pytest-examples assumes .py means docstrings)."""

    def in_py_file(self) -> bool:
        return False


def snippet_example(path: Path) -> CodeExample:
    import uuid

    ex = SnippetFile.create(path.read_text("utf-8"), path=path, start_line=0)
    ex.group = uuid.uuid5(uuid.NAMESPACE_URL, str(path))
    return ex


def fingerprint(code: str, tags: dict[str, str]) -> str:
    """What a record vouches for: the code the reader sees and the tags it runs with."""
    run_tags = {k: v for k, v in sorted(tags.items()) if k in tag_mod.RUN_TAGS}
    return hashlib.sha256(json.dumps([code, run_tags]).encode()).hexdigest()[:16]


@dataclass
class Runnable:
    kind: str  # BLOCK or SNIPPET
    id: str  # docs/zh/pool.md:12-30+docs/en/pool.md:12-30, or snippets/pids/pids.py
    chapter: str  # pool (the page's or the snippet folder's name)
    code: str
    tags: dict[str, str]
    errors: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # the page blocks (kind BLOCK)
    path: Path | None = None  # the snippet file (kind SNIPPET)

    @cached_property
    def sha(self) -> str:
        return fingerprint(self.code, self.tags)

    @property
    def start_methods(self) -> tuple[str, ...]:
        return tag_mod.start_methods(self.tags)

    @property
    def timeout(self) -> float:
        return tag_mod.timeout(self.tags)

    @property
    def requires(self) -> tuple[str, ...]:
        return tag_mod.requires(self.tags)

    @property
    def skip(self) -> str | None:
        return self.tags.get("skip")

    def version_skip(self, version: tuple[int, ...]) -> str | None:
        return tag_mod.version_skip(self.tags, version)

    @property
    def page(self) -> str:
        """The page file the block is on (pool.md); for a snippet, its chapter's page."""
        return Path(self.blocks[0].rel).name if self.blocks else f"{self.chapter}.md"

    def command(self, folder: Path) -> tuple[list[str], Path, list[Path]]:
        """(arguments to python, working folder, extra sys.path entries) of one run."""
        if self.kind == SNIPPET:
            module = ".".join(self.path.relative_to(ROOT).with_suffix("").parts)
            return ["-m", module], ROOT, [ROOT]
        (folder / "example.py").write_text(self.code, "utf-8")
        return ["example.py"], folder, []

    def sources(self) -> list[CodeExample]:
        """Where this runnable's ``#>`` lines are written (for --update-examples): the
        snippet file it runs or shows whole, else the inline blocks (zh and en twins)."""
        if self.kind == SNIPPET:
            return [snippet_example(self.path)]
        whole = self.blocks[0].whole_file
        if whole is not None:
            return [snippet_example(whole)]
        if self.blocks[0].include is not None:
            return []  # a section of a file: its #> lines live in the file, run whole
        return [b.example for b in self.blocks]

    @property
    def label(self) -> str:
        """A short name a reader recognises: the fence title, the snippet file, or a code line."""
        if self.tags.get("title"):
            return self.tags["title"]
        include = self.blocks[0].include if self.blocks else None
        if self.kind == SNIPPET:
            return relpath(self.path)
        if include is not None:
            return relpath(include[0]) + (f":{include[1]}" if include[1] else "")
        lines = [line.strip() for line in self.code.splitlines()]
        names = [re.match(r"(?:async )?(?:def|class) (\w+)", s) for s in lines]
        defined = [m.group(1) for m in names if m]
        if defined:
            return ", ".join(defined[:3])
        code = [
            s for s in lines if s and not s.startswith(("import ", "from ", "#", "if __name__"))
        ]
        return code[0][:60] if code else "(block)"


def block_groups(blocks: list[Block]) -> list[list[Block]]:
    """Blocks with the same code and tags, in page order (a zh block and its en twin)."""
    found: dict[tuple, list[Block]] = {}
    for b in blocks:
        key = (b.code, tuple(sorted(b.tags.items()))) if not b.errors else (b.id,)
        found.setdefault(key, []).append(b)
    return list(found.values())


def snippet_scripts() -> list[Path]:
    return sorted(
        p
        for p in (ROOT / "snippets").rglob("*.py")
        if p.name != "__init__.py" and GUARD in p.read_text("utf-8")
    )


def snippet_files() -> list[Path]:
    return sorted(p for p in (ROOT / "snippets").rglob("*.py") if p.name != "__init__.py")


def collect_runnables(blocks: list[Block] | None = None) -> list[Runnable]:
    """Every runnable: each block group of the pages, then each snippet script no page shows
    whole (those run as the page block)."""
    blocks = collect() if blocks is None else blocks
    out: list[Runnable] = []
    shown_whole = set()
    for group in block_groups(blocks):
        first = group[0]
        if first.whole_file is not None:
            shown_whole.add(first.whole_file.resolve())
        out.append(
            Runnable(
                kind=BLOCK,
                id="+".join(b.id for b in group),
                chapter=Path(first.rel).stem,
                code=first.code,
                tags=first.tags,
                errors=list(first.errors),
                blocks=group,
            )
        )
    for path in snippet_scripts():
        if path.resolve() in shown_whole:
            continue
        rel = relpath(path)
        text = path.read_text("utf-8")
        tags, bad = header_tags(text, rel)
        out.append(
            Runnable(
                kind=SNIPPET,
                id=rel,
                chapter=path.parent.name,
                code=text,
                tags=tags,
                errors=bad,
                path=path,
            )
        )
    return out
