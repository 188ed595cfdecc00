"""One build of the site for every test that needs it (site checks, browser, Lighthouse).

The build is keyed by the content of everything it reads (pages, snippets, configs, hooks,
theme overrides, the search dictionary) and kept in .cache/test-site/<key>; the pytest-xdist
workers wait on a file lock, so however many test modules ask, the site is built once per
change.  It is built with SITE_URL = SAMPLE_URL, a project-site address with a path, so the
tests see absolute URLs the way a real host has them, and the test server (harness.serve)
serves it under that same path.

The author's loop (`make serve`) is measured and checked here too, on a copy of the tree:

    python -m harness.build reload [--root OTHER_CHECKOUT] [--runs 5] [--page docs/zh/pool.md]
    python -m harness.build serve-check

``reload`` times an edit of one page until `mkdocs serve` serves the change; ``serve-check``
compares what `mkdocs serve` serves after a few edits (each put back) with a cold build of the
same inputs, file by file (tests/test_site.py runs it).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "test-site"
SAMPLE_URL = "https://docs.example.org/python-mp/"
SAMPLE_PATH = urlsplit(SAMPLE_URL).path  # "/python-mp/"
INPUTS = ["docs", "snippets", "mkdocs.yml", "mkdocs.en.yml", "requirements.txt"]


def _key(extra: str) -> str:
    digest = hashlib.sha256(extra.encode())
    for name in INPUTS:
        base = ROOT / name
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def mkdocs_build(site_dir: Path, *, site_url: str = SAMPLE_URL, offline: bool = False) -> None:
    """`mkdocs build --strict` of both languages into site_dir; raises with mkdocs' output."""
    # the build's temp folder is in .cache with the built sites, not the test run's: a test
    # run must leave its temp folder empty (jieba, the Chinese search's word splitter, keeps
    # its dictionary cache in .cache/jieba: docs/hooks/serve_cache.py)
    build_tmp = ROOT / ".cache" / "build-tmp"
    build_tmp.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "SITE_URL": site_url,
        "OFFLINE": "true" if offline else "false",
        "TMPDIR": str(build_tmp),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")


def built_site(*, offline: bool = False) -> Path:
    """The site built from the working tree (cached; rebuilt when any input changed)."""
    flavour = "offline" if offline else "online"
    key = f"{flavour}-{_key(flavour + SAMPLE_URL)}"
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE.parent / "test-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        target = CACHE / key
        if not (target / ".complete").exists():
            for old in CACHE.glob(f"{flavour}-*"):  # older builds no running test still serves
                if time.time() - old.stat().st_mtime > 3600:
                    shutil.rmtree(old, ignore_errors=True)
            tmp = CACHE / f"tmp-{key}"
            shutil.rmtree(tmp, ignore_errors=True)
            mkdocs_build(tmp, offline=offline)
            (tmp / ".complete").touch()
            tmp.rename(target)
        return target


# ---------------------------------------------------------------------------------------------
# The author's loop: `mkdocs serve` (what `make serve` runs), on a copy of the tree, timed and
# compared with a cold build.


def copy_tree(root: Path, dest: Path) -> Path:
    """A copy of what the site is built from (INPUTS) at dest, with root's .venv linked."""
    dest.mkdir(parents=True)
    for name in INPUTS:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    (dest / ".venv").symlink_to((root / ".venv").resolve())
    return dest


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is in one tree only or differs in its bytes (relative paths)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"only in {a}: {f}" for f in sorted(files_a - files_b)]
    out += [f"only in {b}: {f}" for f in sorted(files_b - files_a)]
    out += [
        f"differs: {f}"
        for f in sorted(files_a & files_b)
        if (a / f).read_bytes() != (b / f).read_bytes()
    ]
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy for 127.0.0.1


def _get(url: str) -> str:
    try:
        with _LOCAL.open(url, timeout=600) as response:
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", "replace")


class Serve:
    """`mkdocs serve` of the tree at ``root`` on a free port, with ``tmp`` as its TMPDIR and
    its output in ``log_path``; the caller stops it (``stop``)."""

    def __init__(self, root: Path, tmp: Path, log_path: Path, timeout: float = 900):
        self.root, self.tmp, self.log_path = root, tmp, log_path
        tmp.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "TMPDIR": str(tmp)}
        for name in ("SITE_URL", "OFFLINE", "BUILD_CACHE"):
            env.pop(name, None)
        self.log = open(log_path, "w")  # noqa: SIM115 (closed by stop())
        self.proc = subprocess.Popen(
            [
                str(root / ".venv" / "bin" / "python"),
                "-m",
                "mkdocs",
                "serve",
                "--dev-addr",
                f"127.0.0.1:{self.port}",
            ],
            cwd=root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while "Serving on" not in self.output():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"mkdocs serve did not start:\n{self.output()}")
            time.sleep(0.2)

    def output(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def site_dir(self) -> Path:
        """The folder mkdocs serve builds into (its mkdtemp in TMPDIR)."""
        (found,) = self.tmp.glob("mkdocs_*")
        return found

    def wait_for(self, path: str, text: str, present: bool = True, timeout: float = 600) -> float:
        """Seconds until the page at ``path`` contains ``text`` (or no longer does).  A request
        made while a rebuild runs is answered when it is done (mkdocs' livereload server)."""
        start = time.perf_counter()
        while (text in _get(self.url + path)) != present:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{path}: {text!r} {'never came' if present else 'stayed'}")
            time.sleep(0.05)
        return time.perf_counter() - start

    def edit(self, rel: str, paths: list[str], marker: str) -> float:
        """Append ``marker`` to the file ``rel`` (a paragraph to a page, a comment to a
        snippet), wait until every served page in ``paths`` shows it, put the file back and
        wait until it is gone from them; returns the seconds from the write to the first
        page showing the change."""
        file = self.root / rel
        original = file.read_bytes()
        addition = f"\n# {marker}\n" if rel.endswith(".py") else f"\n\n{marker}\n"
        try:
            file.write_bytes(original + addition.encode())
            seconds = self.wait_for(paths[0], marker)
            for path in paths[1:]:
                self.wait_for(path, marker)
        finally:
            file.write_bytes(original)
        for path in paths:
            self.wait_for(path, marker, present=False)
        return seconds

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Stop it with ``sig`` (as `kill`, a process manager or an IDE's stop button do)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def page_path(rel: str) -> str:
    """docs/<lang>/<page>.md -> its address under the site's root ("pool/", "en/pool/")."""
    lang, page = rel.split("/")[1:3]
    stem = page.rsplit(".", 1)[0]
    return ("" if lang == "zh" else "en/") + ("" if stem == "index" else stem + "/")


def time_reload(root: Path, rel: str, runs: int, work: Path) -> list[float]:
    """Seconds from an edit of the page ``rel`` to the served page showing it, ``runs`` times,
    under `mkdocs serve` of a copy of ``root``'s tree."""
    tree = copy_tree(root, work / "tree")
    serve = Serve(tree, work / "tmp", work / "serve.log")
    try:
        return [
            serve.edit(rel, [page_path(rel)], f"mpreload{i}x{os.getpid()}") for i in range(runs)
        ]
    finally:
        serve.stop()


SERVE_EDITS = [  # (file, pages that show it)
    ("docs/zh/pool.md", ["pool/"]),
    ("docs/en/pool.md", ["en/pool/"]),
    ("snippets/pool/chunks.py", ["pool/", "en/pool/"]),
    ("docs/zh/pool.md", ["pool/"]),
]


def serve_check(work: Path) -> dict:
    """`mkdocs serve` of a copy of the tree: edit a zh page, an en page, a snippet both
    include, and the zh page again, putting each back; copy what it serves then; stop it with
    SIGTERM; build the same inputs cold (BUILD_CACHE=false, a fresh TMPDIR) at the same
    address.  Returns the differences, what the server left in its TMPDIR, its exit status and
    its output."""
    tree = copy_tree(ROOT, work / "tree")
    serve = Serve(tree, work / "tmp", work / "serve.log")
    try:
        for i, (rel, paths) in enumerate(SERVE_EDITS):
            serve.edit(rel, paths, f"mpcheck{i}x{os.getpid()}")
        shutil.copytree(serve.site_dir(), work / "served")
    finally:
        status = serve.stop()
    left = sorted(p.name for p in serve.tmp.iterdir())
    env = {k: v for k, v in os.environ.items() if k not in ("OFFLINE",)}
    env.update(SITE_URL=serve.url, BUILD_CACHE="false", TMPDIR=str(work / "cold-tmp"))
    (work / "cold-tmp").mkdir()
    proc = subprocess.run(
        [
            str(tree / ".venv" / "bin" / "python"),
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--site-dir",
            str(work / "cold"),
        ],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"cold build failed:\n{proc.stdout}\n{proc.stderr}")
    return {
        "differences": differences(work / "cold", work / "served"),
        "left": left,
        "status": status,
        "log": serve.output(),
    }


def main(argv: list[str]) -> int:
    """python -m harness.build reload [--root DIR] [--runs N] [--page docs/zh/pool.md]
    python -m harness.build serve-check"""
    import argparse
    import statistics
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m harness.build")
    sub = parser.add_subparsers(dest="command", required=True)
    reload = sub.add_parser("reload", help="time a one-page reload under mkdocs serve")
    reload.add_argument("--root", type=Path, default=ROOT, help="the tree (another checkout)")
    reload.add_argument("--runs", type=int, default=5)
    reload.add_argument("--page", default="docs/zh/pool.md")
    sub.add_parser("serve-check", help="serve's rebuilds against a cold build, file by file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="serve-") as scratch:
        if args.command == "reload":
            times = time_reload(args.root.resolve(), args.page, args.runs, Path(scratch))
            print(
                f"{args.root} {args.page}: reload seconds "
                + " ".join(f"{t:.2f}" for t in times)
                + f"; median {statistics.median(times):.2f}"
            )
            return 0
        result = serve_check(Path(scratch))
        print(result["log"])
        print(f"exit status {result['status']}; left in TMPDIR: {result['left']}")
        print("\n".join(result["differences"]) or "served site == cold build, every file")
        return 1 if result["differences"] or result["left"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
