"""Unit tests of the functions in snippets/scaling_out/ (chapter docs/{zh,en}/scaling_out.md).

These modules import joblib, Dask and Ray, which the tooling venv does not have, so each
check runs as a script in the examples venv of the interpreter running the tests (the venv
the page's blocks run in; tests/harness/envs.py).  A missing package fails, never skips.
"""

from __future__ import annotations

import sys
import textwrap

import pytest

from harness.blocks import ROOT
from harness.envs import env_for
from harness.runner import run


def run_checks(code: str) -> None:
    """Run code in the examples venv through the harness: its own session (an engine that
    signals its process group cannot reach pytest), a timeout, and the leak check."""
    env = env_for(sys.executable, ("joblib", "dask", "ray"), "tests/test_scaling_out.py")
    result = run(
        ["-c", textwrap.dedent(code)],
        python=env.python,
        start_method="spawn",
        timeout=180,
        cwd=ROOT,
        extra_path=[ROOT],
    )
    assert result.returncode == 0 and not result.leaked, "\n".join(
        [f"exit {result.returncode}, timed out: {result.timed_out}", *result.leaked, result.output]
    )


def closed_form(n: int) -> int:
    return (n - 1) * n * (2 * n - 1) // 6


@pytest.mark.parametrize(
    "module", ["joblib_parallel", "loky_reusable", "dask_cluster", "ray_tasks"]
)
def test_work_is_the_pool_chapters_task(module):
    ns = (0, 1, 10, 1000)
    expected = [closed_form(n) for n in ns]
    run_checks(
        f"""
        from snippets.scaling_out import {module} as m
        from snippets.pool import speedup
        assert [m.work(n) for n in {ns}] == [speedup.work(n) for n in {ns}] == {expected}
        """
    )


def test_ray_remote_work_is_a_remote_function():
    run_checks(
        """
        from snippets.scaling_out import ray_tasks
        assert hasattr(ray_tasks.remote_work, "remote")
        assert not hasattr(ray_tasks.work, "remote")
        """
    )


def test_die_kills_its_process_with_sigkill():
    run_checks(
        """
        import multiprocessing, signal
        from snippets.scaling_out import loky_reusable
        if __name__ == "__main__":
            p = multiprocessing.get_context("spawn").Process(target=loky_reusable.die)
            p.start()
            p.join(60)
            assert p.exitcode == -signal.SIGKILL, p.exitcode
        """
    )


def test_per_task_us_measures_and_checks_results():
    run_checks(
        """
        from snippets.scaling_out import overhead
        assert overhead.tiny(41) == 42
        serial = lambda xs: [overhead.tiny(x) for x in xs]
        assert overhead.per_task_us(serial) > 0
        try:
            overhead.per_task_us(lambda xs: [0 for x in xs])
        except AssertionError:
            pass
        else:
            raise SystemExit("a wrong result was not caught")
        """
    )


def test_joblib_ships_a_lambda():
    run_checks(
        """
        from joblib import Parallel, delayed
        if __name__ == "__main__":
            out = Parallel(n_jobs=2)(delayed(lambda x: -x)(x) for x in range(4))
            assert out == [0, -1, -2, -3], out
        """
    )
