"""Every runnable, run as a real script: each block of every page, and each snippet file no
page shows whole (harness.runnables).

A block runs as ``python example.py`` in a fresh interpreter and folder, a snippet file as
``python -m snippets.<chapter>.<name>``, under each start method, on the Pythons the tier
chooses (harness.plan: ``make test`` runs the newest Python and whatever the record does not
vouch for; ``make test-all`` everything; ``make test-fast`` one start method each on the
newest).  The whole output is compared with the ``#>`` lines.  Every inline block and every
snippet file is also linted and format-checked (black and ruff, through pytest-examples).
Test ids name the pages, e.g. ``docs/zh/process.md:12-30+docs/en/process.md:12-30:spawn:py3.11``:
a zh block and its byte-identical en twin run once.

``pytest --update-examples`` reformats blocks and snippet files and rewrites their ``#>``
lines from one real run (the newest Python, the first start method).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pytest_examples import CodeExample, EvalExample

from harness import expected as expected_mod
from harness.blocks import ROOT, collect, relpath
from harness.envs import EnvError, env_for
from harness.lint import lint_or_format, ruff_all
from harness.plan import Run
from harness.plugins.selection import plan
from harness.record import requirements_hash
from harness.runnables import Runnable, snippet_example, snippet_files
from harness.runner import run as run_script
from harness.verify import problems


def pytest_generate_tests(metafunc):
    p = plan(metafunc.config)
    if "run" in metafunc.fixturenames:
        metafunc.parametrize("run", p.runs, ids=[r.id for r in p.runs])
    if "not_run" in metafunc.fixturenames:
        cases = [(r, "invalid") for r in p.invalid] + [(r, "skipped") for r in p.skipped]
        metafunc.parametrize("not_run", cases, ids=[f"{r.id}:{why}" for r, why in cases])


def _is_designated(run: Run, config) -> bool:
    """The one run --update-examples rewrites from: newest Python, first start method."""
    newest = max((r.python for r in plan(config).runs), key=lambda py: py.full)
    return run.python == newest and run.method == run.runnable.start_methods[0]


def test_run(run: Run, tmp_path, eval_example: EvalExample, record_property, request):
    r: Runnable = run.runnable
    if eval_example.update_examples and not _is_designated(run, request.config):
        pytest.skip("--update-examples rewrites from one run: newest Python, first start method")
    record_property(
        "run",
        {
            "id": r.id,
            "kind": r.kind,
            "chapter": r.chapter,
            "sha": r.sha,
            "python": run.python.tag,
            "version": run.python.version_text,
            "method": run.method,
            "requires": list(r.requires),
            "req": requirements_hash() if r.requires else None,
        },
    )
    try:  # stdlib-only runnables run in an empty venv, tagged ones in the examples venv
        env = env_for(run.python.executable, r.requires, r.id)
    except EnvError as exc:
        pytest.fail(str(exc), pytrace=False)
    args, cwd, extra_path = r.command(tmp_path)
    result = run_script(
        args,
        python=env.python,
        start_method=run.method,
        timeout=r.timeout,
        cwd=cwd,
        extra_path=extra_path,
        name=run.id,
    )
    found = problems(result, expected_mod.parse(r.code), r.tags.get("raises"))
    if eval_example.update_examples and found and not result.timed_out:
        for example in r.sources():  # the zh block and its en twin, or the snippet file
            new = expected_mod.rewrite(example.source, result.lines)
            if new != example.source:
                example.source = new
                eval_example.to_update.append(example)
        return
    if found:
        pytest.fail(f"{run.id}\n" + "\n\n".join(found), pytrace=False)


def test_not_run(not_run: tuple[Runnable, str], record_property):
    """A runnable that does not run: one that cannot be tested as written fails with its
    problems, by file and line; one marked skip="reason" is skipped, and the reason is listed
    in the report and on the Verified on page."""
    runnable, why = not_run
    if why == "invalid":
        pytest.fail("\n".join(runnable.errors), pytrace=False)
    record_property("skipped", {"id": runnable.id, "sha": runnable.sha, "reason": runnable.skip})
    pytest.skip(f"{runnable.id}: {runnable.skip}")


@dataclass(frozen=True)
class LintTarget:
    id: str
    chapter: str
    example: CodeExample


def _lint_targets() -> list[LintTarget]:
    out = [
        LintTarget(f"{b.id}:lint", b.rel.split("/")[-1].removesuffix(".md"), b.example)
        for b in collect()
        if b.include is None and not b.errors
    ]
    out += [
        LintTarget(f"{relpath(p)}:lint", p.parent.name, snippet_example(p)) for p in snippet_files()
    ]
    return out


LINT = _lint_targets()


_RUFF: dict[str, str] = {}  # every target's ruff problems by id, one ruff run per test process


@pytest.mark.parametrize("target", LINT, ids=[t.id for t in LINT])
def test_lint(target: LintTarget, eval_example: EvalExample):
    """Inline blocks and snippet files: black formatting and ruff."""
    if eval_example.update_examples:
        lint_or_format(eval_example, target.example)
        return
    if not _RUFF:
        _RUFF.update(zip([t.id for t in LINT], ruff_all([t.example for t in LINT])))
    lint_or_format(eval_example, target.example, _RUFF[target.id])


def test_blocks_were_found():
    """The collector itself: both languages have blocks, and ids name page files."""
    blocks = collect()
    assert {b.lang for b in blocks} == {"zh", "en"}
    assert all(b.id.startswith(f"docs/{b.lang}/") for b in blocks)


def test_every_snippet_is_used_or_tested():
    """A snippet file is included by a page in both languages, or a test imports it or runs
    it by its path."""
    pages = {
        lang: "\n".join(p.read_text("utf-8") for p in (ROOT / "docs" / lang).rglob("*.md"))
        for lang in ("zh", "en")
    }
    tests = "\n".join(p.read_text("utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    unused = []
    for path in snippet_files():
        rel = relpath(path)
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        named = module in tests or path.name in tests
        if not (all(rel in text for text in pages.values()) or named):
            unused.append(rel)
    assert not unused, f"snippet files no page includes (in both languages): {unused}"
