"""Unit tests for the functions of snippets/errata/ (the page docs/{zh,en}/errata.md)."""

from __future__ import annotations

import importlib
import multiprocessing as mp
import multiprocessing.pool
import pickle
import queue
import sys
import threading
from multiprocessing import Pool

import pytest

from snippets.errata import lambda_where
from snippets.errata.apply_async_args import power
from snippets.errata.apply_async_parallel import meet
from snippets.errata.gil_io_threads import download
from snippets.errata.pickle_by_name import make_adder, square
from snippets.errata.pool_beside_self import Music as GoodMusic
from snippets.errata.pool_beside_self import fetch
from snippets.errata.pool_survives import inverse
from snippets.errata.sentinel import STOP, consumer
from snippets.errata.speedup import seconds, serial, work
from snippets.errata.unpicklable_exception import LookupFailed
from snippets.errata.unpicklable_exception import work as failing_work


def test_power_positional_and_keyword():
    assert power(2, 10) == 1024
    assert power(2, 10, mod=1000) == 24
    assert power(3, exp=4) == 81


def test_meet_returns_once_the_barrier_opens():
    assert meet(threading.Barrier(1), "A") == "A passed the barrier"


def test_square_is_pickled_by_name():
    data = pickle.dumps(square)
    assert b"square" in data
    assert pickle.loads(data) is square
    assert square(7) == 49


def test_make_adder_works_but_is_not_picklable():
    add = make_adder(3)
    assert add(4) == 7
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(add)


def test_fetch_and_music_with_a_shared_pool():
    assert fetch("let it be") == "Let It Be"
    with Pool(1) as pool:
        assert GoodMusic(pool).search(["yesterday"]) == ["Yesterday"]


def test_inverse():
    assert inverse(4) == 0.25
    with pytest.raises(ZeroDivisionError):
        inverse(0)


def test_lookup_failed_pickles_but_cannot_be_unpickled():
    with pytest.raises(LookupFailed, match="2: not found"):
        failing_work(2)
    assert failing_work(3) == 3
    data = pickle.dumps(LookupFailed(2, "not found"))
    with pytest.raises(TypeError, match="reason"):
        pickle.loads(data)


def test_sentinel_consumer_stops_at_the_sentinel():
    tasks, results = queue.Queue(), queue.Queue()
    for item in [1, 2, 3, STOP, 99]:
        tasks.put(item)
    consumer(tasks, results)
    assert [results.get_nowait() for _ in range(3)] == [1, 4, 9]
    assert results.empty()
    assert tasks.get_nowait() == 99  # nothing after the sentinel was taken


def test_speedup_helpers():
    assert work(4) == 0 + 1 + 4 + 9
    assert serial([3, 4]) == [5, 14]
    assert seconds(serial, [10]) >= 0


def test_download_returns_its_url():
    assert download("https://example.com/") == "https://example.com/"


def test_lambda_where_under_fork_runs_except_as_a_pool_task():
    ctx = mp.get_context("fork")
    assert lambda_where.process_target(ctx, lambda: 1) == "exit code 0"
    assert lambda_where.process_args(ctx, lambda: 1) == "exit code 0"
    assert lambda_where.pool_initializer(ctx, lambda: 1) == "result 1"
    with pytest.raises((pickle.PicklingError, AttributeError)):
        lambda_where.pool_task(ctx, lambda: 1)


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_lambda_where_fails_to_start_under_spawn_and_forkserver(method):
    ctx = mp.get_context(method)
    with pytest.raises((pickle.PicklingError, AttributeError)):
        lambda_where.process_target(ctx, lambda: 1)


def test_lambda_where_helpers_run_a_module_level_function():
    ctx = mp.get_context("spawn")
    assert lambda_where.process_args(ctx, abs) == "exit code 1"  # abs() without argument
    assert lambda_where.pool_task(ctx, int) == "result 0"


@pytest.fixture
def views_module(tmp_path, monkeypatch):
    """The VIEWS source of pool_at_import.py as an importable module, and its name."""
    from snippets.errata.pool_at_import import VIEWS

    name = "errata_views_under_test"
    (tmp_path / f"{name}.py").write_text(VIEWS)
    monkeypatch.syspath_prepend(str(tmp_path))  # before any pool: workers get sys.path
    yield name
    sys.modules.pop(name, None)


def test_views_module_creates_a_pool_in_the_class_body(views_module):
    views = importlib.import_module(views_module)  # a non-daemonic process: allowed
    try:
        assert isinstance(views.Music.pool, multiprocessing.pool.Pool)
        assert views.fetch("let it be") == "Let It Be"
    finally:
        views.Music.pool.terminate()
        views.Music.pool.join()


def test_views_module_cannot_be_imported_in_a_pool_worker(views_module):
    pool = Pool(1)  # a daemonic worker, with the module's folder on its sys.path
    try:
        with pytest.raises(AssertionError, match="daemonic processes are not allowed"):
            pool.apply(importlib.import_module, (views_module,))
    finally:
        pool.close()  # not terminate(): let the worker free the failed pool's semaphores
        pool.join()
