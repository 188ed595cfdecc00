"""Which runs a session makes: the tiers.

* ``changed`` (``make test``): every runnable on the newest Python found, under each of its
  start methods; and every block on every other Python under every start method, unless the
  record vouches for that exact run (harness.record).  Snippet files run on the newest
  Python only.
* ``all`` (``make test-all``): every runnable on every Python under every start method.
* ``fast`` (``make test-fast``): the newest Python only, one start method per runnable,
  rotating through fork, spawn and forkserver so that all three are exercised.

``--chapter`` and ``--start-method`` narrow any tier.  The plan is a pure function of the
pages, the record and the interpreters found, so the xdist workers and the controller
compute the same one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .record import Vouchers
from .runnables import SNIPPET, Runnable
from .runner import Python

TIERS = ("changed", "all", "fast")


@dataclass(frozen=True)
class Run:
    runnable: Runnable
    python: Python
    method: str

    @property
    def id(self) -> str:
        return f"{self.runnable.id}:{self.method}:{self.python.tag}"


@dataclass
class Plan:
    runs: list[Run] = field(default_factory=list)
    vouched: list[Run] = field(default_factory=list)  # on the record: not run again
    not_applicable: list[tuple[Runnable, Python, str]] = field(default_factory=list)
    skipped: list[Runnable] = field(default_factory=list)  # skip="..."
    invalid: list[Runnable] = field(default_factory=list)


def make_plan(
    runnables: list[Runnable],
    pythons: list[Python],
    record: dict,
    tier: str = "changed",
    chapters: list[str] | None = None,
    methods: list[str] | None = None,
) -> Plan:
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r} (known: {', '.join(TIERS)})")
    plan = Plan()
    if not pythons:
        return plan
    newest = max(pythons, key=lambda p: p.full)
    vouchers = Vouchers(record)
    for index, r in enumerate(runnables):
        if chapters and r.chapter not in chapters:
            continue
        if r.errors:
            plan.invalid.append(r)
            continue
        if r.skip:
            plan.skipped.append(r)
            continue
        wanted = [m for m in r.start_methods if not methods or m in methods]
        if tier == "fast" and wanted:
            wanted = [wanted[index % len(wanted)]]
        on = [newest] if tier == "fast" or r.kind == SNIPPET else pythons
        for py in on:
            why = r.version_skip(py.full)
            if why:
                plan.not_applicable.append((r, py, why))
                continue
            for method in wanted:
                run = Run(r, py, method)
                if (
                    tier == "changed"
                    and py != newest
                    and vouchers.vouches(r, py.tag, py.version_text, method)
                ):
                    plan.vouched.append(run)
                else:
                    plan.runs.append(run)
    return plan
