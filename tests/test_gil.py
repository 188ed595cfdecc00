"""Unit tests of the functions in snippets/gil/ (the work, not the timings)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from snippets.gil import cpu_bound, io_bound, lost_update, overhead


def closed_form(n: int) -> int:
    """0*0 + 1*1 + ... + (n-1)*(n-1) = (n-1) n (2n-1) / 6"""
    return (n - 1) * n * (2 * n - 1) // 6


@pytest.mark.parametrize("n", [0, 1, 2, 3, 10, 1_000])
def test_sum_squares_matches_the_closed_form(n):
    assert cpu_bound.sum_squares(n) == closed_form(n)
    assert overhead.sum_squares(n) == closed_form(n)


def test_sum_squares_small_values():
    assert [cpu_bound.sum_squares(n) for n in range(5)] == [0, 0, 1, 5, 14]


def test_serial_and_pools_agree():
    tasks = [10, 20, 30]
    expected = [285, 2470, 8555]
    assert cpu_bound.run_serial(tasks) == expected
    assert cpu_bound.run_pool(ThreadPoolExecutor, tasks) == expected
    assert cpu_bound.run_pool(ProcessPoolExecutor, tasks) == expected


def test_overhead_runs_agree():
    tasks = [5, 6]
    assert overhead.run_serial(tasks) == overhead.run_processes(tasks) == [30, 55]


def test_timed_returns_elapsed_time_and_result():
    elapsed, result = cpu_bound.timed(cpu_bound.sum_squares, 4)
    assert result == 14
    assert elapsed >= 0


def test_io_bound_results(monkeypatch):
    monkeypatch.setattr(io_bound, "DELAY", 0.01)
    assert io_bound.fake_request(3) == 30
    assert io_bound.run_serial(4) == io_bound.run_threads(4) == [0, 10, 20, 30]


def test_locked_deposits_are_not_lost():
    assert lost_update.run_twice(lost_update.deposit_locked) == 2


def test_unsafe_deposits_lose_one_update():
    # the barrier between read and write makes both threads read before either writes
    assert lost_update.run_twice(lost_update.deposit_unsafe) == 1
