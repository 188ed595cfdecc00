"""The benchmark's quick run, made once per test session and shared by every test that reads it.

tests/test_benchmark.py and tests/test_notebooks.py both need a fresh ``--quick`` run (about
half a minute of both cores), and the xdist workers each used to make their own.  The run is
kept in the session's temporary folder (harness.plugins.processes: every worker shares it),
under a file lock, one per Python: a session never runs the same quick benchmark twice, and
the next session runs it afresh.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .blocks import ROOT
from .runner import run

SEED = 12345
FOLDER = "quickbench"  # in the session's folder; the session removes it with the folder


@dataclass(frozen=True)
class QuickRun:
    path: Path  # the results file
    output: str  # what the run printed
    seconds: float  # its wall time
    leaked: tuple[str, ...]

    def data(self) -> dict:
        return json.loads(self.path.read_text("utf-8"))


def quick_run(python: str) -> QuickRun:
    """``python -m snippets.benchmark --quick --seed 12345`` under spawn (the strictest: every
    worker function must be importable), once per session and Python."""
    folder = Path(os.environ.get("MP_DOCS_SESSION_TMP") or tempfile.gettempdir()) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    tag = hashlib.sha256(python.encode()).hexdigest()[:12]  # one run per interpreter
    out, meta = folder / f"{tag}.json", folder / f"{tag}.meta.json"
    with open(folder / f"{tag}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not meta.exists():
            started = time.monotonic()
            result = run(
                [
                    "-m",
                    "snippets.benchmark",
                    "--quick",
                    "--no-progress",
                    "--seed",
                    str(SEED),
                    "--out",
                    str(out),
                ],
                python=python,
                start_method="spawn",
                timeout=240,
                cwd=ROOT,
                extra_path=[ROOT],
            )
            if result.returncode != 0 or result.timed_out:
                raise RuntimeError(f"the quick benchmark failed on {python}:\n{result.output}")
            meta.write_text(
                json.dumps(
                    {
                        "output": result.output,
                        "seconds": time.monotonic() - started,
                        "leaked": result.leaked,
                    }
                ),
                "utf-8",
            )
        m = json.loads(meta.read_text("utf-8"))
    return QuickRun(out, m["output"], m["seconds"], tuple(m["leaked"]))
