"""Unit tests of the functions in snippets/start_methods/ (docs/{zh,en}/start_methods.md)."""

from __future__ import annotations

import multiprocessing as mp
import sys

import pytest

from snippets.start_methods import startup_cost, what_is_copied


def test_the_snippet_measures_every_start_method_of_this_platform():
    assert sorted(startup_cost.METHODS) == sorted(mp.get_all_start_methods())


@pytest.mark.parametrize("method", startup_cost.METHODS)
def test_seconds_per_process_is_a_positive_mean(method):
    seconds = startup_cost.seconds_per_process(mp.get_context(method), 2)
    assert 0 < seconds < 30


def test_report_prints_what_this_process_sees(capsys, monkeypatch):
    monkeypatch.setattr(what_is_copied, "setting", "changed")
    what_is_copied.report("here")
    loaded = "xml.dom.minidom" in sys.modules
    assert capsys.readouterr().out == (
        f"here       setting = 'changed'         xml.dom.minidom loaded: {loaded}\n"
    )


def test_report_says_whether_this_process_runs_the_given_executable(capsys):
    from snippets.start_methods import executable

    executable.report(sys.executable)
    executable.report("/no/such/python")
    assert capsys.readouterr().out == (
        "MainProcess: runs worker_python: True\nMainProcess: runs worker_python: False\n"
    )
