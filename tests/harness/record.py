"""The record of green runs, ``tests/verified-run.json``: what vouches for every block.

For each block on the pages (a zh block and its en twin count once) the record keeps its
fingerprint (code + run tags) and, per Python and start method, the result of the run that
vouches for it, with the date, the interpreter's patch version and, for blocks that import
third-party packages, the hash of ``tests/requirements-examples.txt`` they ran with.  It is
both the Verified on page's source and the suite's cache:

* ``make test`` runs a block again on an older Python only when the record does not vouch
  for exactly that code and tags, that patch version and that requirements lock
  (harness.plan); the newest Python runs every block every time.
* every run writes ``.cache/last-run.json`` (harness.plugins.results); ``make verified``
  merges it into the record (``merge``) and re-renders the page (harness.matrix).
* tests/test_verified.py fails while anything on a page is not vouched for (``gaps``).

A result is only reused for byte-identical code and tags, the same Python patch version and
the same example-requirements lock; nothing else is trusted.  To force a rerun of a block,
delete its entry from the record (or the whole file) and run ``make test``, then
``make verified``; ``make test-all`` reruns everything.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

from .blocks import ROOT
from .envs import REQUIREMENTS
from .runnables import BLOCK, Runnable
from .tags import START_METHODS

RECORD = ROOT / "tests" / "verified-run.json"
LAST_RUN = ROOT / ".cache" / "last-run.json"  # MP_DOCS_LAST_RUN: elsewhere (chaos, soak)
SCHEMA = 2
PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def requirements_hash() -> str:
    """The example-requirements lock a block with ``requires`` ran with."""
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:12]


def empty() -> dict:
    return {"schema": SCHEMA, "pythons": {}, "missing": [], "machine": {}, "blocks": []}


def load(path: Path = RECORD) -> dict:
    """The record; an older schema vouches for nothing (its runs carry no dates or locks)."""
    if not path.exists():
        return empty()
    data = json.loads(path.read_text("utf-8"))
    return data if data.get("schema") == SCHEMA else empty()


def save(record: dict, path: Path = RECORD) -> None:
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _by_sha(record: dict) -> dict[str, dict]:
    return {b["sha"]: b for b in record["blocks"]}


class Vouchers:
    """Fast look-ups into a record: does it vouch for this run?"""

    def __init__(self, record: dict, req: str | None = None):
        self.blocks = _by_sha(record)
        self.req = req or requirements_hash()

    def vouches(self, runnable: Runnable, tag: str, version: str, method: str) -> bool:
        entry = self.blocks.get(runnable.sha, {}).get("runs", {}).get(tag, {})
        if entry.get("version") != version:
            return False
        result = entry.get(method) or {}
        if result.get("result") != PASSED:
            return False
        return not runnable.requires or result.get("req") == self.req


def merge(record: dict, run: dict, runnables: list[Runnable]) -> tuple[dict, list[str]]:
    """The record with a session's results (``.cache/last-run.json``) merged in.

    Passed results replace what the record held for that block, Python and method; a failed
    one removes it (a block that fails now is not vouched for by an older pass).  Results
    for code no longer on the pages are ignored.  Blocks no longer on the pages are dropped,
    and every block's skip entries (``skip`` tag, version tags) are written from its tags.
    Returns the new record and notes on what was ignored or failed.
    """
    blocks = [r for r in runnables if r.kind == BLOCK]
    current = {r.sha: r for r in blocks}
    old = _by_sha(record)
    notes: list[str] = []
    pythons = dict(record.get("pythons", {}))
    for tag, version in run["pythons"].items():
        pythons[tag] = version
    entries: dict[str, dict] = {
        sha: {
            tag: dict(entry)
            for tag, entry in old.get(sha, {}).get("runs", {}).items()
            if pythons.get(tag) == entry.get("version")  # an older patch vouches no more
        }
        for sha in current
    }
    for result in run["results"]:
        if result["kind"] != BLOCK:
            continue
        if result["sha"] not in current:
            notes.append(f"{result['id']}: changed since this run; its result is not merged")
            continue
        tag, version, method = result["python"], result["version"], result["method"]
        if pythons.get(tag) != version:
            continue  # a run on an older patch release than the record's
        runs = entries[result["sha"]].setdefault(tag, {"version": version})
        if result["outcome"] == PASSED:
            runs[method] = {"result": PASSED, "date": run["date"]}
            if result.get("req"):
                runs[method]["req"] = result["req"]
        else:
            runs.pop(method, None)
            notes.append(f"{result['id']} {result['outcome']} on {tag} under {method}")
    out_blocks = []
    for sha, r in current.items():
        runs = entries[sha]
        for tag, version in pythons.items():
            why = r.version_skip(tuple(int(x) for x in version.split(".")))
            if why:
                runs[tag] = {
                    "version": version,
                    **{m: {"result": SKIPPED, "reason": why} for m in r.start_methods},
                }
        entry = {
            "pages": [b.id for b in r.blocks],
            "chapter": r.page,
            "sha": sha,
            "label": r.label,
            "requires": list(r.requires),
            "runs": {tag: runs[tag] for tag in sorted(runs, key=_tag_key)},
        }
        if r.skip:
            entry = {**entry, "runs": {}, "not_run": r.skip}
        out_blocks.append(entry)
    new = {
        "schema": SCHEMA,
        "pythons": {tag: pythons[tag] for tag in sorted(pythons, key=_tag_key)},
        "missing": run.get("missing", record.get("missing", [])),
        "machine": run.get("machine") or record.get("machine", {}),
        "blocks": out_blocks,
    }
    return new, notes


def _tag_key(tag: str) -> tuple[int, ...]:
    return tuple(int(x) for x in tag.removeprefix("py").split("."))


def gaps(record: dict, runnables: list[Runnable], req: str | None = None) -> list[str]:
    """What on the pages the record does not vouch for: each block on each of the record's
    Pythons under each of its start methods, with its requirements lock; and blocks the
    record holds that are gone from the pages.  Empty when the page tells the truth."""
    req = req or requirements_hash()
    blocks = {r.sha: r for r in runnables if r.kind == BLOCK}
    recorded = _by_sha(record)
    out = []
    if not record["pythons"]:
        return [
            "the record holds no run (a new schema, or no file): run `make test`, "
            "then `make verified`"
        ]
    for sha, r in blocks.items():
        entry = recorded.get(sha)
        if entry is None:
            out.append(f"{r.id}: added or changed since the record")
            continue
        if r.skip:
            if entry.get("not_run") != r.skip:
                out.append(f"{r.id}: its skip reason is not the recorded one")
            continue
        for tag, version in record["pythons"].items():
            runs = entry["runs"].get(tag, {})
            if runs.get("version") != version:
                out.append(f"{r.id}: no run on Python {version}")
                continue
            for method in r.start_methods:
                result = runs.get(method) or {}
                if result.get("result") == SKIPPED:
                    continue
                if result.get("result") != PASSED:
                    out.append(f"{r.id}: not passed on Python {version} under {method}")
                elif r.requires and result.get("req") != req:
                    out.append(
                        f"{r.id}: ran on Python {version} under {method} with other "
                        f"example requirements ({result.get('req')} != {req})"
                    )
    out += [
        f"{'+'.join(b['pages'])}: in the record, no longer on the pages"
        for sha, b in recorded.items()
        if sha not in blocks
    ]
    return out


def chapter_dates(record: dict) -> dict[str, tuple[str, str]]:
    """Per page: the oldest and newest date of the runs the record shows for it."""
    out: dict[str, list[str]] = {}
    for b in record["blocks"]:
        for runs in b["runs"].values():
            for method in START_METHODS:
                date = (runs.get(method) or {}).get("date")
                if date:
                    out.setdefault(b["chapter"], []).append(date)
    return {page: (min(dates), max(dates)) for page, dates in out.items()}
