"""After the zh site is built, build the en site (mkdocs.en.yml) into <site_dir>/en.

One `mkdocs build` or `mkdocs serve` then gives both languages.  Strictness follows the
zh build, so a warning on an en page fails the whole build too.

Under `mkdocs serve` (`make serve`), an edit of a Chinese page does not rebuild the English
site: when none of its inputs changed since its last build in this process (docs/en, the
configs, hooks, theme overrides, snippets, the search dictionary: their content, not their
times), its folder is kept.  The zh build empties the site folder first, all but hidden
entries, so the English folder waits under a hidden name during the zh build and is put back.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[2]
EN_CONFIG = ROOT / "mkdocs.en.yml"
# what the en site is built from (docs/zh is not)
EN_INPUTS = [
    "docs/en",
    "docs/hooks",
    "docs/overrides",
    "docs/search",
    "snippets",
    "mkdocs.yml",
    "mkdocs.en.yml",
]
KEPT = ".mp-en-previous"  # hidden: mkdocs' cleaning of the site folder leaves it

log = logging.getLogger("mkdocs.hooks.build_en")
_state: dict = {"command": "build", "inputs": None}


def en_inputs(site_url: str) -> str:
    """A digest of the content of everything the en site is built from."""
    digest = hashlib.sha256(site_url.encode())
    for name in ("SITE_URL", "OFFLINE"):
        digest.update(f"{name}={os.environ.get(name)}\0".encode())
    for name in EN_INPUTS:
        base = ROOT / name
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def on_startup(command, dirty, **kwargs):
    _state["command"] = command


def on_pre_build(config, **kwargs):
    if _state["command"] != "serve":
        return
    site = Path(config.site_dir)
    if (site / "en").is_dir():
        shutil.rmtree(site / KEPT, ignore_errors=True)
        (site / "en").rename(site / KEPT)


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    en_url = config.site_url.rstrip("/") + "/en/"
    if _state["command"] == "serve":
        inputs = en_inputs(en_url)
        if inputs == _state["inputs"] and (site / KEPT).is_dir():
            (site / KEPT).rename(site / "en")
            log.info("English site: no input changed, kept from the last build")
            return
        shutil.rmtree(site / KEPT, ignore_errors=True)
        _state["inputs"] = None  # until this build of it succeeds
    en = load_config(
        str(EN_CONFIG),
        site_dir=str(site / "en"),
        site_url=en_url,
        strict=config.strict,
    )
    en.plugins.on_startup(command=_state["command"], dirty=False)
    try:
        build(en)
    finally:
        en.plugins.on_shutdown()
    if _state["command"] == "serve":
        _state["inputs"] = inputs
