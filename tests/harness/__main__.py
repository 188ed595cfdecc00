"""The harness's commands, one entry point: ``python -m harness <command> [args]``.

Run with ``tests/`` on ``sys.path`` (the Makefile's recipes do: ``PYTHONPATH=tests``).
``python -m harness`` alone lists the commands.
"""

from __future__ import annotations

import importlib
import sys

# command -> (module, what it does); each module has main(argv: list[str]) -> int
COMMANDS = {
    "envs": ("harness.envs", "build the venvs examples run in, for every Python found"),
    "verified": (
        "harness.matrix",
        "merge the last run into the record; write the Verified on page",
    ),
    "chaos": (
        "harness.chaos",
        "every runnable on the newest Python with late child starts and CPU hogs",
    ),
    "soak": ("harness.soak", "`make test` N times, some beside a CPU hog; fails on any leftover"),
    "bench-suite": ("harness.suite_bench", "where the suite's time goes, per phase and chapter"),
    "bench": ("harness.bench", "run the benchmark in the examples venv of this Python"),
    "lighthouse": ("harness.lighthouse", "Lighthouse's four scores for every page of a built site"),
    "jieba-dict": ("harness.glossary", "the Chinese search's word list, from the glossary"),
    "serve": ("harness.serve", "serve a built site the way a static host does"),
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print("usage: python -m harness <command> [args]\n\ncommands:", file=sys.stderr)
        for name, (_, what) in COMMANDS.items():
            print(f"  {name:12} {what}", file=sys.stderr)
        return 2
    return importlib.import_module(COMMANDS[argv[0]][0]).main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
