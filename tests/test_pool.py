"""Unit tests of the functions in snippets/pool/ (chapter docs/{zh,en}/pool.md)."""

from __future__ import annotations

import os
from functools import partial
from multiprocessing import Pool

import pytest

from snippets.pool import (
    callbacks,
    chunk_speed,
    chunks,
    initializer,
    maxtasks,
    several_args,
    speedup,
)


@pytest.mark.parametrize(
    ("n_items", "n_workers", "expected"),
    [(20, 2, 3), (16, 2, 2), (17, 2, 3), (1, 4, 1), (0, 2, 0), (100, 8, 4)],
)
def test_map_chunksize_formula(n_items, n_workers, expected):
    assert chunks.map_chunksize(n_items, n_workers) == expected


def test_group_by_worker_sorts_groups_by_first_item():
    results = [(4, 7), (0, 5), (1, 5), (5, 7), (2, 9)]
    assert chunks.group_by_worker(results) == [[0, 1], [2], [4, 5]]


def test_where_returns_item_and_pid():
    assert chunks.where("x") == ("x", os.getpid())


@pytest.mark.parametrize("chunksize", [1, 2, 3, 8])
def test_one_task_per_chunk(chunksize):
    with Pool(2, maxtasksperchild=1) as pool:
        tasks = chunks.group_by_worker(pool.imap(chunks.where, range(8), chunksize=chunksize))
    expected = [list(range(i, min(i + chunksize, 8))) for i in range(0, 8, chunksize)]
    assert tasks == expected


def test_map_uses_the_formula():
    with Pool(2, maxtasksperchild=1) as pool:
        tasks = chunks.group_by_worker(pool.map(chunks.where, range(20)))
    size = chunks.map_chunksize(20, 2)
    assert tasks == [list(range(i, min(i + size, 20))) for i in range(0, 20, size)]


def test_power_and_its_partials():
    assert several_args.power(2, 10) == 1024
    assert several_args.power(2, 10, 1000) == 24
    assert partial(several_args.power, exp=2)(5) == 25


def test_callback_helpers(capsys):
    assert callbacks.square(7) == 49
    with pytest.raises(ValueError, match="bad input: 3"):
        callbacks.fail(3)
    assert callbacks.where() == f"pid {os.getpid()}, main thread: True"
    callbacks.on_result(4)
    assert capsys.readouterr().out == f"callback(4): pid {os.getpid()}, main thread: True\n"


def test_initializer_sets_the_table(monkeypatch, capsys):
    monkeypatch.setattr(initializer, "table", None)
    initializer.init_worker(5)
    assert capsys.readouterr().out == f"worker {os.getpid()}: table of 5 ready\n"
    assert [initializer.lookup(i) for i in range(5)] == [0, 1, 4, 9, 16]


def test_initializer_runs_once_per_worker():
    with Pool(2, initializer=initializer.init_worker, initargs=(50,)) as pool:
        assert pool.map(initializer.lookup, [3, 49]) == [9, 2401]
        pool.close()
        pool.join()


def test_maxtasksperchild_replaces_the_worker():
    with Pool(1, maxtasksperchild=2) as pool:
        pids = pool.map(maxtasks.whoami, range(6), chunksize=1)
    assert len(set(pids)) == 3
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4] == pids[5]


@pytest.mark.parametrize(("n_items", "n_workers"), [(6, 1), (20, 2), (17, 2), (0, 2), (100, 8)])
def test_maxtasks_formula_is_the_chunks_formula(n_items, n_workers):
    assert maxtasks.default_chunksize(n_items, n_workers) == chunks.map_chunksize(
        n_items, n_workers
    )


def test_maxtasksperchild_counts_chunks_not_items():
    # Pool(1): default chunksize 2, so 3 chunks; 2 chunks per worker: [a, a, a, a, b, b]
    with Pool(1, maxtasksperchild=2) as pool:
        pids = pool.map(maxtasks.whoami, range(6))
    assert pids[0] == pids[1] == pids[2] == pids[3] != pids[4] == pids[5]


def test_timed_imap_gives_results_and_a_duration():
    with Pool(2) as pool:
        results, seconds = chunk_speed.timed_imap(pool, chunksize=500)
    assert results == [2 * x for x in range(5_000)]
    assert seconds > 0


def test_work_and_serial_vs_pool():
    assert speedup.work(4) == 0 + 1 + 4 + 9
    t_serial, t_pool = speedup.serial_vs_pool([1_000, 2_000])
    assert t_serial > 0
    assert t_pool > 0
