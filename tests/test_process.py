"""Unit tests for the functions in snippets/process/ (the chapter docs/{zh,en}/process.md)."""

from __future__ import annotations

import multiprocessing as mp

from snippets.process.result_queue import square, squares
from snippets.process.start_join import greet


def test_squares_come_back_in_input_order():
    assert squares([3, 1, 2]) == [9, 1, 4]


def test_squares_of_nothing_starts_no_process():
    assert squares([]) == []
    assert mp.active_children() == []


def test_square_puts_input_and_result():
    q = mp.Queue()
    square(7, q)
    assert q.get(timeout=5) == (7, 49)


def test_greet_prints_once_per_time(capsys):
    greet("Bo", times=3)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [f"hello Bo #{i}" for i in range(3)]
