"""Unit tests of the functions in snippets/choosing/ (the work, not the timings)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool

import pytest

from snippets.choosing import cpu_bound, io_bound, many_small, mixed, shared_data


def closed_form(n: int) -> int:
    return (n - 1) * n * (2 * n - 1) // 6


@pytest.mark.parametrize("n", [0, 1, 2, 10, 1_000])
def test_sum_squares(n):
    assert cpu_bound.sum_squares(n) == mixed.sum_squares(n) == closed_form(n)


def test_io_bound_models_return_the_same(monkeypatch):
    monkeypatch.setattr(io_bound, "DELAY", 0.001)
    expected = list(range(io_bound.TASKS))
    assert io_bound.with_threads() == expected
    assert io_bound.with_asyncio() == expected
    assert io_bound.with_processes() == expected


def test_cpu_bound_three_ways(monkeypatch):
    monkeypatch.setattr(cpu_bound, "TASKS", [100, 200])
    expected = [closed_form(100), closed_form(200)]
    assert asyncio.run(cpu_bound.coroutines_only()) == expected
    assert asyncio.run(cpu_bound.in_threads()) == expected
    assert asyncio.run(cpu_bound.in_processes()) == expected


def test_mixed_models_agree(monkeypatch):
    monkeypatch.setattr(mixed, "DELAY", 0.001)
    monkeypatch.setattr(mixed, "WORK", 1_000)
    expected = [closed_form(1_000 + i) for i in range(mixed.JOBS)]
    assert mixed.serial() == expected
    assert mixed.threads_only() == expected
    assert asyncio.run(mixed.asyncio_and_processes()) == expected


def test_shared_data_three_ways(monkeypatch):
    block = bytes(range(256)) * 40
    expected = [40] * shared_data.TASKS
    assert shared_data.count_in(block, 3) == 40
    assert shared_data.threads(block) == expected
    assert shared_data.processes_per_task(block) == expected
    assert shared_data.processes_per_worker(block) == expected


def test_init_worker_sets_the_global(monkeypatch):
    monkeypatch.setattr(shared_data, "data", None)
    shared_data.init_worker(b"\x00\x00\x01")
    assert shared_data.count_global(0) == 2
    assert shared_data.count_global(257) == 1


def test_many_small_runners(monkeypatch):
    monkeypatch.setattr(many_small, "N", 50)
    expected = list(range(1, 51))
    assert many_small.loop() == expected
    assert asyncio.run(many_small.gather_tasks()) == expected
    with ThreadPoolExecutor(2) as threads:
        assert many_small.thread_pool(threads) == expected
    with Pool(2) as pool:
        assert many_small.pool_map(pool, 7) == expected
    assert many_small.per_task_us(many_small.loop) > 0


def test_per_task_us_checks_the_results(monkeypatch):
    monkeypatch.setattr(many_small, "N", 3)
    with pytest.raises(AssertionError):
        many_small.per_task_us(lambda: [0, 0, 0])
