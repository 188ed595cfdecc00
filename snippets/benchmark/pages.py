# test: skip="rewrites the notebook pages; test_notebooks.py calls execute()"
"""Put a recorded run beside the notebook pages and re-execute both notebooks against it.

``python -m snippets.benchmark.pages`` takes the newest file in ``benchmark-runs/`` (or the
one named on the command line), copies it to ``docs/zh/benchmark-results.json`` and
``docs/en/benchmark-results.json``, and executes ``docs/{zh,en}/benchmark.ipynb`` in place
with nbclient, so the pages show that run.  The notebooks write their plots as PNG files to
``docs/{zh,en}/benchmark-plots/`` and show them by reference, so no image data is stored in a
notebook or a page; the paragraphs that state results are written by the notebooks from the
run (``snippets.benchmark.prose``).  Before anything is written, ``snippets.benchmark.check``
checks the run against itself and both executed notebooks' prose against the run; any
disagreement stops here.  Needs the tooling venv (nbclient, ipykernel, matplotlib).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from pathlib import Path

from .cli import DEFAULT_DIR, ROOT

LANGUAGES = ("zh", "en")
NOTEBOOK = "benchmark.ipynb"
RESULTS = "benchmark-results.json"
PLOTS = "benchmark-plots"


def newest(folder: Path = DEFAULT_DIR, profile: str | None = "full") -> Path:
    """The most recently started run in ``folder`` (of this profile, if given)."""
    runs = []
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        if profile is None or data.get("profile") == profile:
            runs.append((data["started"], path))
    if not runs:
        found = f"no {profile} run" if profile else "no run"
        raise FileNotFoundError(
            f"{found} in {folder}: run `make bench` first, or name a run's file, e.g. "
            "`make bench-pages RESULTS=benchmark-runs/<file>.json` for a --quick run"
        )
    return max(runs)[1]


def execute(notebook: Path, results: Path, plots: Path, timeout: int = 600):
    """Run every cell of ``notebook`` against ``results``, writing its plots into ``plots``.

    Returns the executed notebook.  Its outputs name the plots as ``benchmark-plots/<name>.png``
    (beside the notebook), wherever ``plots`` is: tests write them to a temporary folder.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    saved = {
        k: os.environ.get(k) for k in ("BENCHMARK_RESULTS", "BENCHMARK_PLOTS", "TMPDIR")
    }
    os.environ["BENCHMARK_RESULTS"] = str(Path(results).resolve())
    os.environ["BENCHMARK_PLOTS"] = str(Path(plots).resolve())
    # The kernel is stopped without running its exit handlers, so what multiprocessing would
    # remove then (the folder of the forkserver's socket, pymp-*) stays: the kernel gets a
    # temporary folder of its own, removed here.
    kernel_tmp = tempfile.mkdtemp(prefix="kernel")
    os.environ["TMPDIR"] = kernel_tmp
    try:
        NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(notebook.parent)}},
        ).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                del os.environ[key]
            else:
                os.environ[key] = value
        shutil.rmtree(kernel_tmp, ignore_errors=True)
    return nb


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m snippets.benchmark.pages",
        description="Copy a recorded benchmark run beside the notebook pages "
        "(docs/zh and docs/en) and re-execute both notebooks against it.",
    )
    parser.add_argument(
        "results",
        nargs="?",
        type=Path,
        help="a run's JSON file (default: the newest full run in benchmark-runs/)",
    )
    args = parser.parse_args(argv)
    source = args.results or newest()
    import nbformat

    from .check import check_notebook
    from .schema import load

    run = load(source)  # refuses, with the reason, a run this code cannot show
    executed = {}
    with tempfile.TemporaryDirectory() as tmp:
        for (
            lang
        ) in LANGUAGES:  # execute both first: a failure leaves the pages as they were
            plots = Path(tmp) / lang
            nb = execute(ROOT / "docs" / lang / NOTEBOOK, source, plots)
            errors = [
                f"{o.ename}: {o.evalue}"
                for c in nb.cells
                if c.cell_type == "code"
                for o in c.get("outputs", [])
                if o.output_type == "error"
            ]
            problems = errors + check_notebook(nb, run, lang)
            if problems:
                raise SystemExit(f"{lang}: not written:\n" + "\n".join(problems))
            executed[lang] = (nb, plots)
        for lang, (nb, plots) in executed.items():
            folder = ROOT / "docs" / lang
            target = folder / RESULTS
            if source.resolve() != target.resolve():
                shutil.copyfile(source, target)
            folder_plots = folder / PLOTS
            folder_plots.mkdir(exist_ok=True)
            for old in folder_plots.glob(
                "*.png"
            ):  # a plot no longer drawn must not linger
                old.unlink()
            for png in plots.glob("*.png"):
                shutil.copyfile(png, folder_plots / png.name)
            nbformat.write(nb, folder / NOTEBOOK)
            print(f"executed {folder / NOTEBOOK} against {source}")


if __name__ == "__main__":
    main()
