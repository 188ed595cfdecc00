"""Judge one run: exit status, expected exception, output, timeout, leaks."""

from __future__ import annotations

import re

from . import expected as exp_mod
from .runner import Result


def problems(result: Result, expected: exp_mod.Expected, raises: str | None) -> list[str]:
    """Everything wrong with a run; an empty list means it passed."""
    out: list[str] = []
    shown = "\n".join(f"  {line}" for line in result.lines[-40:]) or "  (nothing printed)"
    if result.timed_out:
        return [
            f"timed out after {result.seconds:.1f}s; the process group was killed.\n"
            f"last output:\n{shown}"
        ]
    if result.leaked:
        out.append(
            "processes started by the example were still running after it ended "
            "(killed now):\n" + "\n".join(f"  {p}" for p in result.leaked)
        )
    if result.left_files:
        out.append(
            "files were left in the run's temporary folder (a process that did not clean up, "
            "e.g. one killed before its exit handlers ran):\n"
            + "\n".join(f"  $TMPDIR/{p}" for p in result.left_files[:20])
        )
    if raises:
        last = result.lines[-1] if result.lines else ""
        pattern = rf"(?:[\w.]+\.)?{re.escape(raises)}(?::.*)?"
        if result.returncode == 0:
            out.append(
                f'expected the script to fail with {raises} (raises="{raises}"), '
                f"but it exited with status 0"
            )
        elif not re.fullmatch(pattern, last):
            out.append(f"expected the last output line to be the {raises} error, got: {last!r}")
        if not expected.lines or not re.fullmatch(pattern, expected.lines[-1]):
            out.append(
                f'a block tagged raises="{raises}" must show the error as its last '
                f"#> line (the text CPython prints), e.g. '#> {raises}: ...'"
            )
    elif result.returncode != 0:
        out.append(f"exited with status {result.returncode}:\n{shown}")
    if not exp_mod.matches(expected, result.lines):
        out.append(exp_mod.explain(expected, result.lines))
    return out
