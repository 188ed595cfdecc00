"""``make bench``: the benchmark (snippets.benchmark) in the examples venv of this Python,
which has its third-party engines (tqdm; joblib, Dask, Ray) installed from
tests/requirements-examples.txt."""

from __future__ import annotations

import subprocess
import sys

from .blocks import ROOT
from .envs import EXAMPLES, ensure


def main(argv: list[str]) -> int:
    python = ensure(EXAMPLES, sys.executable).python
    return subprocess.call([python, "-m", "snippets.benchmark", *argv], cwd=ROOT)
