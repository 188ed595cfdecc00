"""The fence-tag vocabulary, written once: each tag with what it means and its validator.

A Python block carries tags in the brace form ```` ```{.py raises="PicklingError"} ````; a
snippet file may carry the same tags in a leading ``# test: key="value"`` comment, and they
apply wherever it is included.  The tables of CONTRIBUTING.md (both languages) list exactly
these tags (tests/test_harness.py checks).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

START_METHODS = ("fork", "spawn", "forkserver")
DEFAULT_TIMEOUT = 30.0
MIN_SKIP_REASON = 10
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_VERSION_RE = re.compile(r"3\.\d+(\.\d+)?")


def _skip(value: str) -> list[str]:
    if len(value.strip()) < MIN_SKIP_REASON:
        return [f'skip="..." needs a written reason (at least {MIN_SKIP_REASON} characters)']
    return []


def _version(key: str) -> Callable[[str], list[str]]:
    def check(value: str) -> list[str]:
        if not _VERSION_RE.fullmatch(value):
            return [f'{key}="{value}" must look like 3.12 or 3.12.5']
        return []

    return check


def _start_methods(value: str) -> list[str]:
    methods = value.split()
    if not methods:
        return ["start_methods is empty"]
    return [
        f"unknown start method {m!r} in start_methods" for m in methods if m not in START_METHODS
    ]


def _timeout(value: str) -> list[str]:
    if not re.fullmatch(r"\d+(\.\d+)?", value):
        return [f'timeout="{value}" is not a number of seconds']
    return []


def _requires(value: str) -> list[str]:
    return requires_names(value)[1]


def _raises(value: str) -> list[str]:
    if not re.fullmatch(r"[A-Za-z_][\w.]*", value):
        return [f'raises="{value}" is not an exception type name']
    return []


def _anything(value: str) -> list[str]:
    return []


@dataclass(frozen=True)
class Tag:
    name: str
    meaning: str
    check: Callable[[str], list[str]]
    theme: bool = False  # read by the theme only; may be written without braces


TAGS: dict[str, Tag] = {
    t.name: t
    for t in [
        Tag("title", "shown above the block by the theme", _anything, theme=True),
        Tag("hl_lines", "highlighted lines (theme)", _anything, theme=True),
        Tag("linenums", "line numbers (theme)", _anything, theme=True),
        Tag("skip", "do not run; the value is the reason, shown in the test report", _skip),
        Tag("raises", "the script must fail with this exception type (last output line)", _raises),
        Tag("min_python", "run only on this Python version and newer", _version("min_python")),
        Tag("max_python", "run only on this Python version and older", _version("max_python")),
        Tag("start_methods", "run only under these start methods", _start_methods),
        Tag("timeout", "seconds before the run is killed (default 30)", _timeout),
        Tag("requires", "third-party packages the block imports", _requires),
    ]
}
THEME_TAGS = {name for name, t in TAGS.items() if t.theme}
# what a record vouches for: tags that change how or where a block runs (not its looks)
RUN_TAGS = sorted(set(TAGS) - {"title", "hl_lines"})

_TAG_RE = re.compile(r"""(\w+)=(["'])(.*?)\2""")


def requires_names(value: str) -> tuple[tuple[str, ...], list[str]]:
    """The package names of a ``requires`` tag, and problems with how it is written."""
    names = tuple(value.split())
    problems = [f"requires: {n!r} is not a package name" for n in names if not _NAME_RE.match(n)]
    if not names:
        problems.append('requires="" names no package')
    return names, problems


def read(prefix: str) -> tuple[dict[str, str], list[str]]:
    """Parse ``key="value"`` tags after a fence's language; return them and any problems."""
    tags = {m.group(1): m.group(3) for m in _TAG_RE.finditer(prefix)}
    braces = prefix.strip().startswith("{")
    bare = prefix.strip().strip("{}")
    problems = [
        f"unknown fence tag {k!r} (known: {', '.join(TAGS)})" for k in tags if k not in TAGS
    ]
    rest = _TAG_RE.sub("", bare).split()[1:]
    problems += [f'cannot read fence tag {word!r}; write key="value"' for word in rest]
    test_tags = sorted(set(tags) - THEME_TAGS)
    if test_tags and not braces:
        problems.append(
            f'test tags {test_tags} need the brace form ```{{.py key="value"}}: '
            "without braces SuperFences does not render the block as code"
        )
    for key, value in tags.items():
        if key in TAGS:
            problems += TAGS[key].check(value)
    return tags, problems


def version_skip(tags: dict[str, str], version: tuple[int, ...]) -> str | None:
    """Why a block with these tags does not run on that Python, or None.

    Tags name a minor version (``3.12``: any 3.12.x) or a patch release (``3.12.5``), for
    messages that changed in a bug-fix release; ``version`` is (major, minor, micro).
    """
    lo, hi = tags.get("min_python"), tags.get("max_python")
    if lo and version[: len(_parse(lo))] < _parse(lo):
        return f"needs Python >= {lo}"
    if hi and version[: len(_parse(hi))] > _parse(hi):
        return f"shown for Python <= {hi}"
    return None


def _parse(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def start_methods(tags: dict[str, str]) -> tuple[str, ...]:
    value = tags.get("start_methods")
    return tuple(value.split()) if value else START_METHODS


def timeout(tags: dict[str, str]) -> float:
    return float(tags.get("timeout", DEFAULT_TIMEOUT))


def requires(tags: dict[str, str]) -> tuple[str, ...]:
    return requires_names(tags["requires"])[0] if "requires" in tags else ()
