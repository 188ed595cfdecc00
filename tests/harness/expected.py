"""Expected output written in a block as ``#>`` comment lines, and how it is matched.

The convention (README.md, "Output lines"):

* Every line of a block that starts with ``#>`` (after indentation) is one line of the output
  a reader sees in a terminal: standard output and standard error together, in order,
  child processes included.  All ``#>`` lines of a block, top to bottom, are the whole output.
* Placeholders stand for what changes between runs; everything else must match exactly:
  ``<pid>`` a process ID, ``<int>`` an integer, ``<float>`` a decimal number,
  ``<hex>`` a hexadecimal address such as ``0x7f3a...``, ``<...>`` any text within the line.
  ``<pid:NAME>`` / ``<int:NAME>`` / ``<float:NAME>`` / ``<hex:NAME>``: the same NAME must stand
  for the same value everywhere in the block (e.g. the parent's PID seen by its children).
* A ``#>`` line holding only ``<...>`` stands for any number of whole lines (zero or more),
  e.g. the middle of a traceback.
* A comment line ``# (any order)`` just above a run of ``#>`` lines: the lines of that run may
  come in any order (concurrent workers).  The run ends at the first line that is not ``#>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OUTPUT_PREFIX = "#>"
ANY_ORDER_MARK = "# (any order)"
ANY_LINES = "<...>"

_KINDS = {
    "pid": r"\d+",
    "int": r"-?\d+",
    "float": r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?",
    "hex": r"0x[0-9a-fA-F]+",
}
_TOKEN = re.compile(r"<(pid|int|float|hex)(?::([A-Za-z_]\w*))?>|<\.\.\.>")


@dataclass
class Group:
    """A run of expected lines; ``any_order`` runs may match their lines in any order."""

    lines: list[str]
    any_order: bool = False


@dataclass
class Expected:
    groups: list[Group] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return [line for g in self.groups for line in g.lines]


def _output_text(stripped: str) -> str | None:
    if stripped == OUTPUT_PREFIX:
        return ""
    if stripped.startswith(OUTPUT_PREFIX + " "):
        return stripped[len(OUTPUT_PREFIX) + 1 :]
    return None


def parse(source: str) -> Expected:
    """Read the ``#>`` lines of a block, in order, grouped by ``# (any order)`` marks."""
    exp = Expected()
    current: Group | None = None
    pending_any_order = False
    for raw in source.splitlines():
        stripped = raw.strip()
        text = _output_text(stripped)
        if text is None:
            current = None
            pending_any_order = stripped == ANY_ORDER_MARK
            continue
        if current is None:
            current = Group([], any_order=pending_any_order)
            exp.groups.append(current)
            pending_any_order = False
        current.lines.append(text)
    if exp.groups:
        # an ordered group directly after another ordered group is one group
        merged: list[Group] = []
        for g in exp.groups:
            if merged and not g.any_order and not merged[-1].any_order:
                merged[-1].lines.extend(g.lines)
            else:
                merged.append(g)
        exp.groups = merged
    return exp


def _compile(line: str) -> tuple[re.Pattern, list[tuple[str, str]]]:
    """Turn one expected line into a regex; return it with its named placeholders."""
    parts = []
    names: list[tuple[str, str]] = []
    pos = 0
    for i, m in enumerate(_TOKEN.finditer(line)):
        parts.append(re.escape(line[pos : m.start()]))
        if m.group(0) == ANY_LINES:
            parts.append(".*?")
        else:
            kind, name = m.group(1), m.group(2)
            group = f"g{i}"
            parts.append(f"(?P<{group}>{_KINDS[kind]})")
            if name:
                names.append((group, f"{kind}:{name}"))
        pos = m.end()
    parts.append(re.escape(line[pos:]))
    return re.compile("".join(parts) + r"\Z"), names


def line_matches(expected: str, actual: str, bound: dict[str, str]) -> dict[str, str] | None:
    """Match one line; return the named values it binds (merged with ``bound``) or None."""
    pattern, names = _compile(expected)
    m = pattern.match(actual)
    if m is None:
        return None
    new = dict(bound)
    for group, name in names:
        value = m.group(group)
        if new.setdefault(name, value) != value:
            return None
    return new


def _match_ordered(exp: list[str], act: list[str], bound: dict[str, str]):
    """Yield (lines consumed, bindings) for every way ``exp`` can match a prefix of ``act``."""
    if not exp:
        yield 0, bound
        return
    head, rest = exp[0], exp[1:]
    if head == ANY_LINES:
        for skip in range(len(act) + 1):
            for used, b in _match_ordered(rest, act[skip:], bound):
                yield skip + used, b
        return
    if act:
        b = line_matches(head, act[0], bound)
        if b is not None:
            for used, b2 in _match_ordered(rest, act[1:], b):
                yield 1 + used, b2


def _match_any_order(exp: list[str], act: list[str], bound: dict[str, str]):
    """Yield bindings for every way ``exp`` matches ``act`` (same length) as a multiset."""
    if not exp:
        yield bound
        return
    head = exp[0]
    tried = set()
    for i, line in enumerate(act):
        if line in tried:
            continue
        b = line_matches(head, line, bound)
        if b is not None:
            tried.add(line)
            yield from _match_any_order(exp[1:], act[:i] + act[i + 1 :], b)


def _match_groups(groups: list[Group], act: list[str], bound: dict[str, str]):
    if not groups:
        if not act:
            yield bound
        return
    g, rest = groups[0], groups[1:]
    if g.any_order:
        n = len(g.lines)
        for b in _match_any_order(g.lines, act[:n], bound):
            yield from _match_groups(rest, act[n:], b)
    else:
        for used, b in _match_ordered(g.lines, act, bound):
            yield from _match_groups(rest, act[used:], b)


def matches(expected: Expected, actual_lines: list[str]) -> bool:
    """True when the whole output matches the expected lines."""
    return next(_match_groups(expected.groups, actual_lines, {}), None) is not None


def explain(expected: Expected, actual_lines: list[str]) -> str:
    """A readable account of a mismatch: the first line that differs, then both texts."""
    exp = expected.lines
    first = next(
        (
            i
            for i, (e, a) in enumerate(zip(exp, actual_lines))
            if e != ANY_LINES and line_matches(e, a, {}) is None
        ),
        min(len(exp), len(actual_lines)),
    )
    out = [f"output differs from the #> lines (first difference near output line {first + 1})"]
    out.append("--- expected (#> lines)")
    out += [f"  {line}" for line in exp] or ["  (no #> lines)"]
    out.append("--- actual output")
    out += [f"  {line}" for line in actual_lines] or ["  (nothing printed)"]
    return "\n".join(out)


def rewrite(source: str, actual_lines: list[str]) -> str:
    """Source with its ``#>`` lines replaced by ``actual_lines`` (for --update-examples).

    If the block already has exactly as many ``#>`` lines, they are replaced in place, and a
    line whose placeholder form still matches keeps that form.  Otherwise every old ``#>``
    line (and ``# (any order)`` mark) is removed and the new output goes at the end, where the
    author can move it and add placeholders.
    """
    lines = source.splitlines()
    out_idx = [i for i, line in enumerate(lines) if _output_text(line.strip()) is not None]
    if len(out_idx) == len(actual_lines) and ANY_LINES not in parse(source).lines:
        for i, new in zip(out_idx, actual_lines):
            old_text = _output_text(lines[i].strip())
            if line_matches(old_text, new, {}) is None:
                indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
                lines[i] = f"{indent}{OUTPUT_PREFIX} {new}".rstrip()
        return "\n".join(lines) + "\n"
    kept = [
        line
        for line in lines
        if _output_text(line.strip()) is None and line.strip() != ANY_ORDER_MARK
    ]
    while kept and not kept[-1].strip():
        kept.pop()
    kept += [f"{OUTPUT_PREFIX} {new}".rstrip() for new in actual_lines]
    return "\n".join(kept) + "\n"


# Black (run by pytest-examples) turns a bare "#>" comment into "# >", and pytest-examples
# only shields "#> " with text after it.  An empty output line is a bare "#>", so during
# linting and formatting it is swapped for a marker black leaves alone, and back.
_BLANK = "#> \u2400blank-output-line"


def shield_blank_lines(source: str) -> str:
    return re.sub(r"^( *)#>$", lambda m: m.group(1) + _BLANK, source, flags=re.M)


def unshield_blank_lines(source: str) -> str:
    return re.sub(
        r"^( *)" + re.escape(_BLANK) + "$", lambda m: m.group(1) + "#>", source, flags=re.M
    )
