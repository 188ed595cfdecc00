"""Tests of the docs-test harness itself: each shows that a check fails on bad input.

The harness is only worth something if it can fail.  Each test here feeds it a broken
example (a wrong output from a child under spawn, a hang, a leaked process, a broken
include, a skip without a reason, ...) and asserts that the harness reports it, next to
a control that passes.
"""

from __future__ import annotations

import os
import sys
import textwrap
import time
from pathlib import Path

import pytest

from harness import expected as ex
from harness.blocks import collect
from harness.envs import EnvError, env_for
from harness.runner import run, still_running
from harness.site import install_problems, parity_problems, third_party_loads
from harness.tags import START_METHODS
from harness.tags import read as read_tags
from harness.verify import problems

CHILD_PRINTS_41 = """
from multiprocessing import Process


def work():
    print(41)


if __name__ == "__main__":
    p = Process(target=work)
    p.start()
    p.join()
"""


def _run(code: str, tmp_path: Path, method: str = "spawn", timeout: float = 30):
    script = tmp_path / "example.py"
    script.write_text(textwrap.dedent(code))
    return run(
        [script.name], python=sys.executable, start_method=method, timeout=timeout, cwd=tmp_path
    )


# --- output of child processes ------------------------------------------------------------


@pytest.mark.parametrize("method", START_METHODS)
def test_wrong_output_from_a_child_fails(tmp_path, method):
    result = _run(CHILD_PRINTS_41, tmp_path, method)
    assert problems(result, ex.parse(CHILD_PRINTS_41 + "#> 41\n"), None) == []
    wrong = problems(result, ex.parse(CHILD_PRINTS_41 + "#> 42\n"), None)
    assert wrong and "output differs" in wrong[0]


def test_missing_and_extra_output_lines_fail(tmp_path):
    result = _run(CHILD_PRINTS_41, tmp_path)
    assert problems(result, ex.parse(CHILD_PRINTS_41), None)  # no #> lines at all
    assert problems(result, ex.parse(CHILD_PRINTS_41 + "#> 41\n#> 41\n"), None)


@pytest.mark.parametrize("method", START_METHODS)
def test_start_method_is_the_default_in_parent_and_children(tmp_path, method):
    code = """
    import multiprocessing as mp


    def child():
        print("child", mp.get_start_method())


    if __name__ == "__main__":
        print("parent", mp.get_start_method())
        p = mp.Process(target=child)
        p.start()
        p.join()
    """
    result = _run(code, tmp_path, method)
    assert result.lines == [f"parent {method}", f"child {method}"], result.output


def test_a_script_may_still_choose_its_start_method(tmp_path):
    code = """
    import multiprocessing as mp

    if __name__ == "__main__":
        mp.set_start_method("spawn")
        print(mp.get_start_method())
    """
    result = _run(code, tmp_path, "fork")
    assert result.returncode == 0 and result.lines == ["spawn"], result.output


# --- hangs and leaks ------------------------------------------------------------------------


def test_ctrl_c_works_in_scripts_even_when_the_suite_ignores_sigint(tmp_path):
    """A shell starts background jobs with SIGINT ignored, and Python then never raises
    KeyboardInterrupt; the scripts must see Ctrl+C as in a terminal all the same."""
    import signal

    code = """
    import os
    import signal

    try:
        os.kill(os.getpid(), signal.SIGINT)
        signal.pause()
    except KeyboardInterrupt:
        print("KeyboardInterrupt")
    """
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        result = _run(code, tmp_path, timeout=20)
    finally:
        signal.signal(signal.SIGINT, before)
    assert result.lines == ["KeyboardInterrupt"], result.output


def test_a_hang_fails_by_timeout_and_is_killed(tmp_path):
    code = """
    import time
    from multiprocessing import Process

    if __name__ == "__main__":
        p = Process(target=time.sleep, args=(600,))
        p.start()
        p.join()
    """
    started = time.monotonic()
    result = _run(code, tmp_path, "spawn", timeout=3)
    assert time.monotonic() - started < 15
    assert result.timed_out
    found = problems(result, ex.parse(code), None)
    assert found and found[0].startswith("timed out after")
    assert still_running(result.run_id) == [], "the hung child survived"


def test_a_process_left_running_fails(tmp_path):
    code = """
    import subprocess

    if __name__ == "__main__":
        # a grandchild in its own session, detached from the output pipe
        subprocess.Popen(["sleep", "60"], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print("started")
    """
    result = _run(code, tmp_path)
    assert result.leaked and "sleep 60" in result.leaked[0]
    assert still_running(result.run_id) == [], "the leaked process was not killed"
    found = problems(result, ex.parse(code + "#> started\n"), None)
    assert found and "still running" in found[0]


def test_a_pytest_started_by_a_test_leaves_this_sessions_processes_alone(tmp_path):
    """A nested session's final leak check once killed the outer suite's running examples."""
    import os
    import subprocess

    from harness.runner import SESSION_ID, SESSION_MARKER

    ours = subprocess.Popen(
        ["sleep", "30"], env={**os.environ, SESSION_MARKER: os.environ[SESSION_ID]}
    )
    try:
        nested = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "--collect-only"]
            + ["tests/test_pids.py"],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert nested.returncode == 0, nested.stdout + nested.stderr
        assert ours.poll() is None, "the nested pytest killed a process of this session"
    finally:
        ours.kill()
        ours.wait()


def test_a_child_holding_the_output_open_is_a_leak_not_a_hang(tmp_path):
    code = """
    import subprocess

    if __name__ == "__main__":
        subprocess.Popen(["sleep", "60"], start_new_session=True)
    """
    result = _run(code, tmp_path, timeout=3)
    assert not result.timed_out and result.leaked


# --- expected exceptions ------------------------------------------------------------------


def test_raises_checks_type_and_shown_text(tmp_path):
    code = 'raise ValueError("bad value")\n'
    result = _run(code, tmp_path)
    good = ex.parse(
        code + "#> Traceback (most recent call last):\n#> <...>\n#> ValueError: bad value\n"
    )
    assert problems(result, good, "ValueError") == []
    assert problems(result, good, "TypeError")  # wrong type
    wrong_text = ex.parse(
        code + "#> Traceback (most recent call last):\n#> <...>\n#> ValueError: other text\n"
    )
    assert problems(result, wrong_text, "ValueError")
    ok = _run("print('fine')\n", tmp_path)
    assert problems(ok, ex.parse("#> fine\n"), "ValueError")  # exit 0 is not a failure


def test_an_unexpected_failure_fails(tmp_path):
    result = _run("raise SystemExit(3)\n", tmp_path)
    assert any("exited with status 3" in p for p in problems(result, ex.parse(""), None))


# --- the matcher --------------------------------------------------------------------------


def test_placeholders():
    assert ex.matches(ex.parse("#> pid=<pid> t=<float>s at <hex>\n"), ["pid=12 t=0.5s at 0x7f"])
    assert not ex.matches(ex.parse("#> pid=<pid>\n"), ["pid=abc"])
    assert not ex.matches(ex.parse("#> exactly this\n"), ["exactly this!"])


def test_named_placeholders_must_agree():
    exp = ex.parse("#> main <pid:main>\n#> child's parent <pid:main>\n")
    assert ex.matches(exp, ["main 10", "child's parent 10"])
    assert not ex.matches(exp, ["main 10", "child's parent 11"])


def test_any_order_groups():
    exp = ex.parse("#> start\n# (any order)\n#> a <int>\n#> b <int>\n# done\n#> end\n")
    assert ex.matches(exp, ["start", "b 2", "a 1", "end"])
    assert ex.matches(exp, ["start", "a 1", "b 2", "end"])
    assert not ex.matches(exp, ["b 2", "start", "a 1", "end"])  # only within the group
    assert not ex.matches(exp, ["start", "a 1", "a 1", "end"])
    plain = ex.parse("#> a\n#> b\n")
    assert not ex.matches(plain, ["b", "a"])


def test_any_lines():
    exp = ex.parse("#> Traceback (most recent call last):\n#> <...>\n#> KeyError: 1\n")
    assert ex.matches(exp, ["Traceback (most recent call last):", "  x", "  y", "KeyError: 1"])
    assert ex.matches(exp, ["Traceback (most recent call last):", "KeyError: 1"])
    assert not ex.matches(exp, ["Traceback (most recent call last):", "KeyError: 2"])


def test_rewrite_keeps_matching_placeholders_and_replaces_the_rest():
    source = "print(1)\n#> pid <pid>\n#> old\n"
    assert ex.rewrite(source, ["pid 5", "new"]) == "print(1)\n#> pid <pid>\n#> new\n"
    assert ex.rewrite(source, ["only"]) == "print(1)\n#> only\n"


# --- fence tags and includes --------------------------------------------------------------


def test_skip_needs_a_reason():
    assert read_tags('{.py skip="fragment of snippets/x.py, tested there"}')[1] == []
    assert read_tags('{.py skip=""}')[1]
    assert read_tags('{.py skip="todo"}')[1]
    assert read_tags("py skip")[1]  # a bare word is not a tag


def test_unknown_or_malformed_tags_fail():
    assert read_tags('{.py rasies="ValueError"}')[1]
    assert read_tags('{.py start_methods="fork thread"}')[1]
    assert read_tags('{.py min_python="3"}')[1]
    assert read_tags('{.py timeout="soon"}')[1]
    good = '{.py start_methods="spawn" min_python="3.12" raises="E" timeout="5"}'
    assert read_tags(good)[1] == []


def test_test_tags_need_the_brace_form():
    # without braces SuperFences leaves the fence as text: the page would show raw markdown
    assert read_tags('py timeout="5"')[1]
    assert read_tags('py title="x.py" hl_lines="2"')[1] == []


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(textwrap.dedent(text))
    return page


def test_unresolvable_include_names_file_and_line(tmp_path):
    page = _page(
        tmp_path,
        """
    # Title

    ```py
    --8<-- "snippets/does_not_exist.py"
    ```
    """,
    )
    [block] = collect([page])
    assert block.errors
    assert f"{page.as_posix()}:5: broken include" in block.errors[0]


def test_unknown_section_names_file_and_line(tmp_path):
    page = _page(
        tmp_path,
        """
    ```py
    --8<-- "snippets/pids/pids.py:no_such_section"
    ```
    """,
    )
    [block] = collect([page])
    assert block.errors and f"{page.as_posix()}:3: broken include" in block.errors[0]
    assert "section 'no_such_section'" in block.errors[0]  # the file exists; the section does not


def test_include_is_tested_as_the_reader_sees_it(tmp_path):
    page = _page(
        tmp_path,
        """
    === "Tab"

        ```py title="x"
        --8<-- "snippets/process/start_join.py"
        ```
    """,
    )
    [block] = collect([page])
    assert block.errors == []
    assert "def greet" in block.code and "--8<--" not in block.code


def test_skip_without_reason_is_reported_by_collect(tmp_path):
    page = _page(
        tmp_path,
        """
    ```{.py skip="later"}
    print(1)
    ```
    """,
    )
    [block] = collect([page])
    assert any("needs a written reason" in e for e in block.errors)


def test_pycon_and_other_languages_are_not_run(tmp_path):
    page = _page(
        tmp_path,
        """
    ```pycon
    >>> 1
    ```

    ```text
    plain
    ```
    """,
    )
    assert collect([page]) == []


# --- site checks --------------------------------------------------------------------------


def test_parity_checker_finds_drift():
    zh = "# 标题\n\n```py\nprint(1)\n#> 1\n```\n"
    en = "# Title\n\n```py\nprint(1)\n#> 1\n```\n"
    assert parity_problems(Path("zh.md"), zh, Path("en.md"), en) == []
    drift = en.replace("#> 1", "#> 2")
    found = parity_problems(Path("zh.md"), zh, Path("en.md"), drift)
    assert found and "zh.md:4" in found[0] and "en.md:4" in found[0]
    missing = "# Title\n"
    assert parity_problems(Path("zh.md"), zh, Path("en.md"), missing)


def test_third_party_checker():
    assert (
        third_party_loads('<link rel="stylesheet" href="assets/x.css"><a href="https://x">') == []
    )
    bad = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="https://cdn.jsdelivr.net/x.js"></script><img src="//cdn.example/x.png">'
    )
    assert len(third_party_loads(bad)) == 3


def test_snippet_header_tags_are_read_and_checked():
    from harness.blocks import header_tags

    tags, bad = header_tags('"""doc"""\n', "x.py")
    assert tags == {} and bad == []
    tags, bad = header_tags('# test: raises="ValueError" timeout="5"\nimport os\n', "x.py")
    assert tags == {"raises": "ValueError", "timeout": "5"} and bad == []
    _, bad = header_tags('# test: rasies="ValueError"\n', "x.py")
    assert bad and bad[0].startswith("x.py:1:")


def test_an_empty_output_line_survives_black(tmp_path, eval_example):
    from pytest_examples import CodeExample

    from harness.lint import lint_or_format

    source = 'print("a")\nprint()\nprint("b")\n#> a\n#>\n#> b\n'
    lint_or_format(eval_example, CodeExample.create(source, path=tmp_path / "x.md"))
    assert ex.parse(source).lines == ["a", "", "b"]
    with pytest.raises(pytest.fail.Exception):  # and black still checks the rest
        lint_or_format(eval_example, CodeExample.create("x=1\n#>\n", path=tmp_path / "x.md"))


def test_a_bracketed_number_in_a_comment_that_is_also_an_annotation_fails():
    from harness.lint import annotation_collisions

    bad = 'add(1)  # (1)!\nprint("calls of add(1)")\n#> calls of add(1)\n'
    assert annotation_collisions(bad) == ["line 3: (1) in a comment is also annotation 1"]
    # a number that is no annotation of this block, or a block without annotations, is fine
    assert annotation_collisions("x = 1  # (1)!\n#> work(2) done\n") == []
    assert annotation_collisions("#> calls of add(1)\n") == []
    hidden = "x = []  # kept for later (2)!\n"
    assert annotation_collisions(hidden) == ["line 1: the words before (2)! are hidden"]


@pytest.mark.parametrize("method", START_METHODS)
def test_lines_of_parent_and_child_never_mix_within_a_line(tmp_path, method):
    # as in a terminal: stdout is line-buffered, so each line is written whole
    code = """
    from multiprocessing import Process

    if __name__ == "__main__":
        procs = [Process(target=print, args=("child " + "x" * 200,)) for _ in range(4)]
        for p in procs:
            p.start()
        for _ in range(20):
            print("main " + "y" * 200)
        for p in procs:
            p.join()
    """
    result = _run(code, tmp_path, method)
    assert sorted(set(result.lines)) == ["child " + "x" * 200, "main " + "y" * 200]
    assert len(result.lines) == 24


def test_version_tags():
    from harness.tags import version_skip

    assert version_skip({"min_python": "3.12"}, (3, 11, 7)) == "needs Python >= 3.12"
    assert version_skip({"min_python": "3.12"}, (3, 12, 0)) is None
    assert version_skip({"max_python": "3.11"}, (3, 12, 1)) == "shown for Python <= 3.11"
    assert version_skip({"max_python": "3.11"}, (3, 11, 9)) is None
    # patch releases, for messages that changed in a bug-fix release
    assert version_skip({"min_python": "3.12.5"}, (3, 12, 1)) == "needs Python >= 3.12.5"
    assert version_skip({"min_python": "3.12.5"}, (3, 13, 0)) is None
    assert version_skip({"max_python": "3.12.4"}, (3, 12, 5)) == "shown for Python <= 3.12.4"
    assert version_skip({"max_python": "3.12.4"}, (3, 12, 1)) is None
    assert version_skip({"max_python": "3.12"}, (3, 12, 9)) is None


# --- third-party packages (requires="...") --------------------------------------------------


def test_a_block_needing_an_absent_package_fails_naming_it():
    with pytest.raises(EnvError, match=r"docs/x\.md:3: needs no-such-package-mp-docs \(requires"):
        env_for(sys.executable, ("numpy", "no-such-package-mp-docs"), "docs/x.md:3")
    assert "numpy" in env_for(sys.executable, ("numpy",)).packages  # the control


def test_a_block_without_requires_cannot_import_third_party_packages(tmp_path):
    """Untagged blocks run in an empty venv: a hidden dependency fails, even if the
    interpreter has the package installed globally."""
    code = "import numpy\n"
    bare = env_for(sys.executable, ())
    result = run_in(code, tmp_path, bare.python)
    assert result.returncode != 0 and "No module named 'numpy'" in result.output
    tagged = env_for(sys.executable, ("numpy",))
    assert run_in(code, tmp_path, tagged.python).returncode == 0


def run_in(code: str, tmp_path: Path, python: str):
    script = tmp_path / "example.py"
    script.write_text(code)
    return run([script.name], python=python, start_method="spawn", timeout=60, cwd=tmp_path)


def test_requires_tag_is_checked():
    tags, bad = read_tags('{.py requires="numpy tqdm"}')
    assert tags["requires"] == "numpy tqdm" and not bad
    assert read_tags('{.py requires="numpy/../x"}')[1]
    assert read_tags('{.py requires=""}')[1]


def test_a_page_must_show_pip_install_for_what_it_requires():
    page = "Install it:\n\n```bash\npip install numpy==2.2\n```\n"
    assert install_problems("p.md", page, {"numpy"}) == []
    assert install_problems("p.md", page, {"numpy", "tqdm"}) == [
        "p.md: has blocks that need 'tqdm', but no `pip install tqdm` line shows the reader "
        "how to get it"
    ]
    assert install_problems("p.md", "no install line", {"numpy"})
    assert install_problems("p.md", "pip install 'dask[distributed]'", {"dask"}) == []


def test_suite_bench_sums_slot_and_cpu_time_per_phase_and_chapter():
    from harness.suite_bench import report, tables

    timing = {
        "a": {"seconds": 2.0, "cpu": 1.0, "phase": "runs", "chapter": "pool"},
        "b": {"seconds": 3.0, "cpu": 1.5, "phase": "runs", "chapter": "pool"},
        "c": {"seconds": 1.0, "cpu": 0.5, "phase": "runs", "chapter": "gil"},
        "d": {"seconds": 4.0, "cpu": 2.0, "phase": "browser", "chapter": None},
    }
    now = {"tables": tables(timing), "wall": 100}
    lines = report(now)
    assert any(line.split() == ["runs", "6.0", "3.0", "3"] for line in lines), lines
    assert any(line.split() == ["browser", "4.0", "2.0", "1"] for line in lines), lines
    assert any(line.split() == ["pool", "5.0", "2.5", "2"] for line in lines), lines
    before = {
        "tables": tables({"x": {"seconds": 9.0, "cpu": 4.0, "phase": "runs", "chapter": "pool"}}),
        "wall": 300,
    }
    lines = report(now, before)
    assert any(line.split() == ["runs", "6.0", "3.0", "3", "9.0", "4.0", "1"] for line in lines), (
        lines
    )
    assert "suite wall s: 100 (before: 300)" in lines


def test_machine_ticks_count_cpu_spent_anywhere():
    from snippets.benchmark.machine import cpu_ticks

    before = cpu_ticks()["busy"]
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    assert cpu_ticks()["busy"] - before >= 0.25


def test_a_leaked_shared_memory_name_is_found_and_one_in_use_is_not():
    """The session's last check: a /dev/shm entry nobody maps is a leak; one a live process
    maps (another program's, running beside the suite) is not."""
    import _multiprocessing
    from multiprocessing import shared_memory

    from harness.leftovers import settled_new_shm, shm_entries

    before = shm_entries()
    in_use = shared_memory.SharedMemory(create=True, size=16)
    name = f"/mp-docs-leak-{os.getpid()}"
    leaked = _multiprocessing.SemLock(1, 1, 1, name, False)
    del leaked  # closed, never unlinked: what a process killed mid-way leaves behind
    try:
        found = settled_new_shm(before, wait=1)
        assert found == {f"sem.{name[1:]}"}, found
    finally:
        _multiprocessing.sem_unlink(name)
        in_use.close()
        in_use.unlink()


def test_make_envs_removes_only_stale_environments_of_other_keys(tmp_path, monkeypatch):
    from harness import envs

    monkeypatch.setenv("MP_DOCS_ENVS", str(tmp_path))
    now = time.time()
    old = now - (envs.STALE_DAYS + 1) * 86400
    for name, used in [
        ("examples-py3.13.0-current", old),  # this checkout's: kept however old
        ("examples-py3.13.0-stale", old),  # another lock, unused for long: removed
        ("examples-py3.12.1-recent", now),  # another checkout's, used today: kept
    ]:
        (tmp_path / name).mkdir()
        (tmp_path / name / envs._USED).touch()
        os.utime(tmp_path / name / envs._USED, (used, used))
        (tmp_path / f"{name}.lock").touch()
    removed = envs.prune({"examples-py3.13.0-current"}, now=now)
    assert removed == ["examples-py3.13.0-stale"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == [
        "examples-py3.12.1-recent",
        "examples-py3.13.0-current",
    ]
    assert not (tmp_path / "examples-py3.13.0-stale.lock").exists()


def test_the_layout_gives_every_worksteal_share_its_own_long_tests():
    """Ten long tests among many short ones, six workers: worksteal's first round cuts the
    collection into six contiguous shares; each must start with long tests and none may hold
    most of them (slowest-first order alone gave the first worker all ten)."""
    from harness.plugins.ordering import lay_out, share_sizes

    seconds = [60.0] * 10 + [0.5] * 290
    assert share_sizes(300, 6) == [50] * 6 and share_sizes(7, 3) == [2, 2, 3]
    order = lay_out(seconds, 6)
    assert sorted(order) == list(range(300))
    shares, at = [], 0
    for size in share_sizes(300, 6):
        shares.append([seconds[i] for i in order[at : at + size]])
        at += size
    assert all(share[0] == 60.0 and share == sorted(share, reverse=True) for share in shares)
    loads = [sum(share) for share in shares]
    assert max(loads) - min(loads) <= 60.0, loads
    # the naive order for comparison: the first share would take every long test
    naive = sorted(seconds, reverse=True)[:50]
    assert sum(naive) - min(loads) > 60.0
    assert lay_out(seconds, 1) == sorted(range(300), key=lambda i: -seconds[i])


def test_one_ruff_run_reports_each_example_as_ruff_alone_does(tmp_path, eval_example):
    """harness.lint.ruff_all: one ruff over many examples gives each example exactly the
    problems a ruff of that example alone finds (pytest-examples' way), at the page's line,
    including the project's isort settings; a clean example gets none."""
    from pytest_examples import CodeExample

    from harness.lint import lint_or_format, ruff_all

    clean = CodeExample.create("import os\n\nprint(os.sep)\n", path=tmp_path / "a.md")
    unused = CodeExample.create("import os\nimport sys\n\nprint(1)\n", path=tmp_path / "b.md")
    unsorted = CodeExample.create(
        "import sys\nimport os\n\nprint(os.sep, sys.argv)\n", path=tmp_path / "c.md"
    )
    reports = ruff_all([clean, unused, unsorted])
    assert reports[0] == ""
    assert reports[1].count("F401") == 2 and f"{tmp_path / 'b.md'}:" in reports[1]
    assert "I001" in reports[2]
    for example, report in zip([unused, unsorted], reports[1:]):
        with pytest.raises(BaseException) as alone:  # pytest-examples' own ruff, one example
            lint_or_format(eval_example, example)
        with pytest.raises(AssertionError) as batched:
            lint_or_format(eval_example, example, report)
        codes = {c for c in ("F401", "I001") if c in str(alone.value)}
        assert codes and codes == {c for c in ("F401", "I001") if c in str(batched.value)}
    lint_or_format(eval_example, clean, reports[0])  # passes


def test_make_test_fast_leaves_out_the_not_fast_tests_and_each_needs_a_reason(tmp_path):
    """--tier fast deselects a test marked not_fast("reason"); the default tier keeps it; a
    not_fast without its reason stops the session."""
    import subprocess

    from harness.blocks import ROOT

    def collect(*args, marker='@pytest.mark.not_fast("tooling")'):
        (tmp_path / "test_x.py").write_text(
            f"import pytest\n\n\n{marker}\ndef test_tooling():\n    pass\n\n\n"
            "def test_content():\n    pass\n",
            "utf-8",
        )
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--collect-only",
                "-q",
                "-p",
                "no:xdist",
                "--rootdir",
                str(ROOT),
                "-c",
                str(ROOT / "pyproject.toml"),
                "--confcutdir",
                str(ROOT / "tests"),
                "-p",
                "harness.plugins.selection",
                *args,
                str(tmp_path / "test_x.py"),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "tests")},
            capture_output=True,
            text=True,
            timeout=120,
        )

    fast = collect("--tier", "fast")
    assert "test_content" in fast.stdout and "test_tooling" not in fast.stdout, fast.stdout
    default = collect()
    assert "test_tooling" in default.stdout, default.stdout
    bare = collect("--tier", "fast", marker="@pytest.mark.not_fast")
    assert bare.returncode != 0 and "not_fast needs its reason" in bare.stdout + bare.stderr


def test_the_example_envs_follow_the_users_cache_folder(tmp_path, monkeypatch):
    """MP_DOCS_ENVS wins; else $XDG_CACHE_HOME/mp-docs/envs (a fresh cache folder means fresh
    environments, as it does for pip); else ~/.cache/mp-docs/envs."""
    from harness import envs

    monkeypatch.delenv("MP_DOCS_ENVS", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert envs.root() == tmp_path / "xdg" / "mp-docs" / "envs"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert envs.root() == Path.home() / ".cache" / "mp-docs" / "envs"
    monkeypatch.setenv("MP_DOCS_ENVS", str(tmp_path / "own"))
    assert envs.root() == tmp_path / "own"


def test_n_alone_means_work_stealing_and_an_explicit_dist_is_kept():
    """The ordering plugin's layout is made for xdist's worksteal scheduler: `-n N` alone gets
    it; `--dist load` (or no -n at all) is left as given."""
    from types import SimpleNamespace

    from harness.plugins.ordering import pytest_cmdline_main

    def dist(numprocesses, given):
        config = SimpleNamespace(option=SimpleNamespace(numprocesses=numprocesses, dist=given))
        pytest_cmdline_main(config)
        return config.option.dist

    assert dist(6, "no") == "worksteal"
    assert dist(6, "load") == "load"
    assert dist(None, "no") == "no"
