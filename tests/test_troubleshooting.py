"""The troubleshooting chapter: its question list, its anchors, its error texts, its notebook cells.

* ``tests/reader_questions.yaml`` lists real questions readers asked in public, each with the
  section of this guide that answers it.  Every section must exist in both languages, as an
  explicit ``{#anchor}`` on a heading, and the zh and en twins of every page must carry the
  same explicit anchors (a pasted link works in both languages).
* Every error text the chapter explains is on the page in both languages, verbatim.
* The Jupyter cells of the chapter run in a real kernel (nbclient + ipykernel): the test reads
  the cells from the page and checks the lines the reader sees in the cell, under ``fork`` and
  ``spawn``, and what the kernel's terminal gets when the kernel does not capture file
  descriptors (as on Windows).
* The functions the chapter's snippets define are unit-tested.
"""

from __future__ import annotations

import os
import queue
import re
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from harness.blocks import DOCS, LANGUAGES, ROOT, collect
from harness.expected import line_matches, parse

QUESTIONS = ROOT / "tests" / "reader_questions.yaml"
PAGE = "troubleshooting.md"
LEVELS = {"full", "partial", "none"}

# An explicit anchor on a heading: ``## Title {#id}`` or ``## Title { #id .class }``.
_ANCHOR = re.compile(r"^#{1,6}\s.*\{\s*#([A-Za-z0-9_-]+)[^}]*\}\s*$", re.M)


def explicit_anchors(markdown: str) -> set[str]:
    """The explicit ``{#id}`` anchors of the headings of a Markdown page (not in code)."""
    text = re.sub(r"^([ \t]*)(```|~~~).*?^\1\2[ \t]*$", "", markdown, flags=re.M | re.S)
    return set(_ANCHOR.findall(text))


def section_problems(sections: list[str], docs: Path = DOCS) -> list[str]:
    """Why each ``page.md#anchor`` is not an existing section in both languages."""
    problems = []
    for section in sections:
        page, _, anchor = section.partition("#")
        if not page.endswith(".md") or not anchor:
            problems.append(f"{section}: not of the form page.md#anchor")
            continue
        for lang in LANGUAGES:
            path = docs / lang / page
            if not path.is_file():
                problems.append(f"{section}: docs/{lang}/{page} does not exist")
            elif anchor not in explicit_anchors(path.read_text("utf-8")):
                problems.append(f"{section}: no heading with {{#{anchor}}} in docs/{lang}/{page}")
    return problems


def _questions() -> list[dict]:
    return yaml.safe_load(QUESTIONS.read_text("utf-8"))["questions"]


# --- the question list ---------------------------------------------------------------------


def test_question_list_is_big_enough_and_well_formed():
    questions = _questions()
    assert len(questions) >= 40, f"only {len(questions)} questions"
    assert sum(q["lang"] == "zh" for q in questions) >= 12
    for q in questions:
        assert set(q) == {"question", "lang", "source", "section", "before", "after"}, q
        assert q["lang"] in LANGUAGES, q
        assert q["source"].startswith("https://"), q
        assert q["before"] in LEVELS and q["after"] in LEVELS, q
    sources = [q["source"] for q in questions]
    assert len(sources) == len(set(sources)), "a source is listed twice"


def test_every_listed_section_exists_in_both_languages():
    problems = section_problems(sorted({q["section"] for q in _questions()}))
    assert not problems, "\n".join(problems)


def test_section_checker_fails_on_a_missing_or_one_language_anchor(tmp_path):
    for lang, text in (
        ("zh", "# 页\n\n## 有 {#here}\n\n## 只有中文 {#zh-only}\n"),
        ("en", "# Page\n\n## Here {#here}\n"),
    ):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "p.md").write_text(text, "utf-8")
    assert section_problems(["p.md#here"], tmp_path) == []
    assert section_problems(["p.md#gone"], tmp_path) == [
        "p.md#gone: no heading with {#gone} in docs/zh/p.md",
        "p.md#gone: no heading with {#gone} in docs/en/p.md",
    ]
    assert section_problems(["p.md#zh-only"], tmp_path) == [
        "p.md#zh-only: no heading with {#zh-only} in docs/en/p.md"
    ]
    assert section_problems(["q.md#here", "p.md"], tmp_path) == [
        "q.md#here: docs/zh/q.md does not exist",
        "q.md#here: docs/en/q.md does not exist",
        "p.md: not of the form page.md#anchor",
    ]


def test_anchor_reader_ignores_code_blocks_and_reads_both_forms():
    page = (
        "## A {#a}\n## B { #b .x }\n```md\n## C {#c}\n```\n## D\n\n"
        "    ```py\n## E {#e}\n    ```\n## F {#f}\n"
    )
    assert explicit_anchors(page) == {"a", "b", "f"}


def test_twins_carry_the_same_explicit_anchors():
    problems = []
    for zh in sorted((DOCS / "zh").glob("*.md")):
        en = DOCS / "en" / zh.name
        a, b = explicit_anchors(zh.read_text("utf-8")), explicit_anchors(en.read_text("utf-8"))
        if a != b:
            problems.append(f"{zh.name}: zh only {sorted(a - b)}, en only {sorted(b - a)}")
    assert not problems, "\n".join(problems)


# --- the error texts -----------------------------------------------------------------------

# Every error text the chapter explains, as CPython (or the library, or the OS) prints it.
ERROR_TEXTS = [
    "OSError: [Errno 24] Too many open files",
    "OSError: [Errno 12] Cannot allocate memory",
    "EOFError: Ran out of input",
    "_pickle.UnpicklingError: pickle data was truncated",
    "RuntimeError: context has already been set",
    "BrokenPipeError: [Errno 32] Broken pipe",
    "TypeError: cannot pickle '_thread.lock' object",
    "AssertionError: daemonic processes are not allowed to have children",
    "Cannot have cache with result_handler not alive",
    "Cannot have cache with result_hander not alive",
    "Exception in thread Thread-3 (_handle_results):",
    "AttributeError: Can't get attribute 'greet' on <module '__main__' (built-in)>",
    "RuntimeError: Cannot re-initialize CUDA in forked subprocess. To use CUDA with "
    "multiprocessing, you must use the 'spawn' start method",
    "may have been in progress in another thread when fork() was called. We cannot safely "
    "call it or ignore it in the fork() child process. Crashing instead. Set a breakpoint "
    "on objc_initializeAfterForkError to debug.",
    "ResourceWarning: unclosed running multiprocessing pool",
    "resource_tracker: There appear to be 6 leaked semaphore objects to clean up at shutdown",
    "PermissionError: [WinError 32] The process cannot access the file because it is being "
    "used by another process",
    "[WinError 32] 另一个程序正在使用此文件，进程无法访问。",
    "--- Logging error ---",
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_error_text_is_on_the_page(lang):
    """In the page's text, or in the output of one of its blocks (includes resolved)."""
    page = DOCS / lang / PAGE
    text = page.read_text("utf-8") + "\n".join(b.code for b in collect([page]))
    missing = [e for e in ERROR_TEXTS if e not in text]
    assert not missing, f"docs/{lang}/{PAGE} lacks: {missing}"


# --- the notebook cells, in a real Jupyter kernel -------------------------------------------

NOTEBOOK_SKIP = "a notebook cell"


def notebook_cells() -> dict[str, object]:
    """The page's notebook cells (and tasks.py), by title, as the reader sees them."""
    found = {}
    for block in collect([DOCS / "en" / PAGE]):
        skip = block.tags.get("skip", "")
        if skip.startswith(NOTEBOOK_SKIP):
            found[block.tags.get("title", "")] = block
    return found


class Output(str):
    """A cell's output text, and the stream messages it came in (``chunks``)."""

    chunks: tuple[str, ...] = ()


def _output(chunks: list[str]) -> Output:
    out = Output("".join(chunks))
    out.chunks = tuple(chunks)
    return out


def _run_cells(cells: list[str], folder: Path, extra_arguments=(), timeout=90, on_text=None):
    """Run cells in one ipykernel; return each cell's output text and the kernel's own output.

    Output a child process writes may reach the kernel after the cell has finished; a
    frontend still shows it in that cell, so stream messages are collected until the cell
    is idle *and* no message has come for two seconds.  ``on_text(text)``, if given, is
    called with each stream message as it arrives, while the cell may still be running.
    """
    from nbclient import NotebookClient
    from nbclient.util import run_sync

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "MP_DOCS"))}
    terminal = folder / "kernel-terminal.txt"
    client = NotebookClient(
        nbformat.v4.new_notebook(),
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        extra_arguments=list(extra_arguments),
        timeout=timeout,
    )
    texts = []
    with open(terminal, "w") as out, client.setup_kernel(env=env, stdout=out, stderr=out):
        kc = client.kc
        get_iopub_msg = run_sync(kc.get_iopub_msg)  # nbclient's client is async
        for code in cells:
            msg_id = kc.execute(code)
            chunks, idle, quiet_since = [], False, None
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                try:
                    msg = get_iopub_msg(timeout=0.2)
                except queue.Empty:
                    if idle and time.monotonic() - quiet_since > 2:
                        break
                    continue
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                quiet_since = time.monotonic()
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream":
                    chunks.append(content["text"])
                    if on_text is not None:
                        on_text(content["text"])
                elif kind == "error":
                    chunks.append("\n".join(content["traceback"]))
                elif kind == "status" and content["execution_state"] == "idle":
                    idle = True
            else:
                pytest.fail(f"cell did not finish within {timeout} s:\n{code}")
            texts.append(_output(chunks))
    return texts, terminal.read_text()


def _missing_lines(block, text: str) -> list[str]:
    """The #> lines of a cell (placeholders allowed) that no line of its output matches.

    Order is not checked: a child's lines reach the cell through another route than the
    parent's, and may come before or after them.  Nor are they whole: a forked child's
    ``print`` reaches the kernel as two messages (its text, then the line break), and the
    parent's line can arrive between them ("hello from the child, adaexit code: 0", seen on
    a fresh machine); so a line may also stand alone in one message (``text.chunks``).
    """
    actual = text.splitlines() + [
        line for chunk in getattr(text, "chunks", ()) for line in chunk.splitlines()
    ]
    return [
        line
        for line in parse(block.code).lines
        if line != "<...>" and not any(line_matches(line, a, {}) is not None for a in actual)
    ]


@pytest.fixture(scope="module")
def cells():
    found = notebook_cells()
    assert set(found) >= {"tasks.py", "fork", "spawn", "spawn, tasks.py"}, sorted(found)
    return found


def _write_tasks(folder: Path, cells) -> None:
    (folder / "tasks.py").write_text(cells["tasks.py"].code, "utf-8")


def test_missing_lines_checks_every_shown_line():
    class Cell:
        code = "print(1)\n#> exit code: <int>\n#> <...>\n#> AttributeError: Can't get <...>\n"

    assert _missing_lines(Cell, "AttributeError: Can't get x\nexit code: 1") == []
    assert _missing_lines(Cell, "exit code: 1") == ["AttributeError: Can't get <...>"]
    assert _missing_lines(Cell, "exit code: one\nAttributeError: Can't get x") == [
        "exit code: <int>"
    ]
    # a child's text and its line break in two messages, the parent's line between them
    joined = ["exit code: 1", "AttributeError: Can't get x\n", "\n"]
    assert _missing_lines(Cell, "".join(joined)) == [
        "exit code: <int>",
        "AttributeError: Can't get <...>",
    ]
    assert _missing_lines(Cell, _output(joined)) == []


def test_cells_in_a_real_kernel_fork_and_spawn(cells, tmp_path):
    _write_tasks(tmp_path, cells)
    names = ["fork", "spawn", "spawn, tasks.py"]
    outputs, _ = _run_cells([cells[n].code for n in names], tmp_path)
    for name, text in zip(names, outputs):
        missing = _missing_lines(cells[name], text)
        assert not missing, f"cell {name!r}: {missing} not in its output:\n{text}"
    fork, spawn, fixed = outputs
    assert "hello from the child, ada" in fork.splitlines()
    assert "hello from the child" not in spawn  # the child never ran greet()
    assert "AttributeError: Can't get attribute 'greet'" in spawn
    assert "hello from the child, ada" in fixed.splitlines()


def test_without_fd_capture_a_spawned_childs_print_goes_to_the_terminal(cells, tmp_path):
    """What a Windows user sees: ipykernel does not capture fds 1 and 2 there."""
    _write_tasks(tmp_path, cells)
    (text,), terminal = _run_cells(
        [cells["spawn, tasks.py"].code],
        tmp_path,
        extra_arguments=["--IPKernelApp.capture_fd_output=False"],
    )
    assert "exit code: 0" in text.splitlines()
    assert "hello from the child" not in text
    assert "hello from the child, ada" in terminal.splitlines()


def test_a_forked_childs_line_reaches_the_frontend_while_the_child_runs(tmp_path):
    """The page's claim about ipython#8863: ipykernel forwards what a forked child prints as it
    comes, not only when the parent next flushes its own stdout (IPython 3 did that).

    The child prints, then waits (up to 20 s) for a file that this test creates only once
    the child's line has reached it; the parent meanwhile sits in ``join()``.  A kernel that
    held the line back until the cell's end would leave the child waiting in vain.
    """
    release = tmp_path / "release"
    cell = (
        "import multiprocessing as mp, os, time\n"
        'mp.set_start_method("fork", force=True)\n'
        "def work(path):\n"
        '    print("child: waiting")\n'
        "    deadline = time.monotonic() + 20\n"
        "    while not os.path.exists(path) and time.monotonic() < deadline:\n"
        "        time.sleep(0.05)\n"
        '    print("child: released" if os.path.exists(path) else "child: never released")\n'
        f"p = mp.Process(target=work, args=({str(release)!r},))\n"
        "p.start()\n"
        "p.join()\n"
    )

    def on_text(text):
        if "child: waiting" in text:
            release.touch()

    (text,), _ = _run_cells([cell], tmp_path, on_text=on_text)
    assert "child: released" in text.splitlines(), text


def test_the_cells_are_shown_identically_in_both_languages():
    def cells_of(lang):
        blocks = collect([DOCS / lang / PAGE])
        return [b.code for b in blocks if b.tags.get("skip", "").startswith(NOTEBOOK_SKIP)]

    assert cells_of("zh") == cells_of("en")


# --- the snippets' functions ---------------------------------------------------------------


def test_run_with_timeout_returns_a_result_or_stops_the_process():
    from snippets.troubleshooting.task_timeout import run_with_timeout, work

    assert run_with_timeout(work, (0,), timeout=20) == "slept 0 s"
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="no result within 0.5 s"):
        run_with_timeout(work, (60,), timeout=0.5)
    assert time.monotonic() - started < 20


def test_open_fds_counts_a_new_descriptor():
    from snippets.troubleshooting.too_many_files_fix import open_fds

    before = open_fds()
    r, w = os.pipe()
    try:
        assert open_fds() == before + 2
    finally:
        os.close(r)
        os.close(w)


def test_alive_tells_a_running_process_from_a_zombie_and_a_gone_one():
    from snippets.troubleshooting.orphans import alive

    assert alive(os.getpid())
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:  # exits, and stays a zombie
        time.sleep(0.01)
    assert not alive(pid)
    os.waitpid(pid, 0)
    assert not alive(pid)


def test_vm_size_grows_with_an_allocation():
    from snippets.troubleshooting.fork_memory import vm_size_mb

    before = vm_size_mb()
    big = bytearray(200 * 1024 * 1024)
    assert vm_size_mb() >= before + 190
    del big


def test_the_chapter_is_in_both_navs_right_before_the_pitfalls():
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        text = (ROOT / config).read_text("utf-8")
        nav = yaml.safe_load(text)
        pages = [next(iter(item.values())) for item in nav["nav"]]
        assert pages.index(PAGE) + 1 == pages.index("pitfalls.md"), config
