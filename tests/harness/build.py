"""One build of the site for every test that needs it (site checks, browser, Lighthouse).

The build is keyed by the content of everything it reads (pages, snippets, configs, hooks,
theme overrides, the search dictionary) and kept in .cache/test-site/<key>; the pytest-xdist
workers wait on a file lock, so however many test modules ask, the site is built once per
change.  It is built with SITE_URL = SAMPLE_URL, a project-site address with a path, so the
tests see absolute URLs the way a real host has them, and the test server (harness.serve)
serves it under that same path.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
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
    # the build's temp folder is in .cache with the built sites, not the test run's: jieba
    # (the Chinese search's word splitter) keeps its dictionary cache there, and a test run
    # must leave its temp folder empty
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
