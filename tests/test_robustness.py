"""Unit tests of the functions in snippets/robustness/ (chapter docs/{zh,en}/robustness.md)."""

from __future__ import annotations

import logging
import logging.handlers
import queue
import subprocess
import sys
from multiprocessing import Event
from pathlib import Path

import pytest

from snippets.robustness import logging_queue, memory_limit, retries, stop_early


def test_stop_early_work(monkeypatch):
    monkeypatch.setattr(stop_early, "stop", None)
    stop_early.init(Event())
    assert stop_early.work(1) == "1: done"
    with pytest.raises(ValueError, match="2: failed"):
        stop_early.work(2)
    assert stop_early.stop.is_set()
    assert stop_early.work(3) == "3: skipped"


def test_retries_work_without_the_kill():
    assert retries.work(3, attempt=2) == 30
    with pytest.raises(ValueError, match="6 is bad input"):
        retries.work(6, attempt=1)


def _flaky(x, attempt):
    if x == 2 and attempt < 3:
        raise OSError("try again")
    return x + 100


def test_run_with_retries_bounds_the_attempts(capsys):
    results, errors = retries.run_with_retries(_flaky, [1, 2], attempts=2)
    assert results == {1: 101}
    assert list(errors) == [2] and isinstance(errors[2], OSError)
    results, errors = retries.run_with_retries(_flaky, [1, 2], attempts=3)
    assert results == {1: 101, 2: 102} and errors == {}
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "attempt 3: 1 ok, failed: []"


def test_worker_logging_goes_to_the_queue(monkeypatch):
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    q = queue.Queue()
    logging_queue.init_worker_logging(q)
    assert [type(h) for h in root.handlers] == [logging.handlers.QueueHandler]
    assert logging_queue.work(3) == 9
    record = q.get_nowait()
    assert record.getMessage() == "task 3" and record.name == "tasks"


def test_leaky_grows_and_allocate_counts(monkeypatch):
    monkeypatch.setattr(memory_limit, "cache", [])
    assert [memory_limit.leaky(i) for i in range(3)] == [1, 2, 3]
    assert memory_limit.allocate(2) == 2_000_000


def test_limit_memory_makes_big_allocations_fail():
    # in a child interpreter: the limit cannot be lifted again in this process
    code = (
        "from snippets.robustness.memory_limit import allocate, limit_memory\n"
        "limit_memory(100)\n"
        "print(allocate(10))\n"
        "try:\n    allocate(1000)\nexcept MemoryError:\n    print('MemoryError')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert out.splitlines() == ["10000000", "MemoryError"]
