"""Unit tests for the functions that the pitfalls chapter's snippets define."""

from __future__ import annotations

import pickle
import queue

import pytest

from snippets.pitfalls import (
    apply_async_error,
    by_name,
    call_chain,
    context_object,
    executor_outer,
    flatten,
    killed_worker,
    partial_fix,
    picklable_error,
    queue_initializer,
    queue_manager,
    starmap_fix,
    with_terminates,
    worker_exception,
)
from snippets.pitfalls.music_fix import Music


def test_by_name_functions():
    assert by_name.square(3) == 9
    assert by_name.cube(3) == 27


def test_a_top_level_function_pickles_as_its_name():
    data = pickle.dumps(by_name.square)
    assert b"snippets.pitfalls.by_name" in data
    assert b"square" in data
    assert pickle.loads(data) is by_name.square


def test_partial_replaces_a_closure():
    assert partial_fix.scale(10, 3) == 30
    assert partial_fix.scaled(range(4), 10) == [0, 10, 20, 30]


def test_music_without_a_pool_attribute_pickles_and_searches():
    music = Music("song")
    assert music.fetch("a") == "song:a"
    assert pickle.loads(pickle.dumps(music)).source == "song"
    assert music.search(["a", "b"]) == ["song:a", "song:b"]


def test_nested_calls_start_processes():
    assert call_chain.square(4) == 16
    assert call_chain.helper([1, 2, 3]) == [1, 4, 9]
    assert call_chain.start_child() == 0


def test_executor_outer_and_flatten():
    assert executor_outer.square(5) == 25
    assert executor_outer.sum_of_squares(4) == 14
    with flatten.Pool(2) as pool:
        assert flatten.sum_of_squares(pool, 3) == 5


def test_queue_producers():
    q = queue.Queue()
    queue_manager.produce(q, 3)
    assert q.get_nowait() == 9
    queue_initializer.init_worker(q)
    queue_initializer.produce(4)
    assert q.get_nowait() == 16


def test_power_and_check():
    assert starmap_fix.power(2, 3) == 8
    assert worker_exception.check(3) == 30
    assert apply_async_error.check(1) == 10
    with pytest.raises(ValueError, match="bad value: 2"):
        worker_exception.check(2)


def test_killed_worker_returns_for_other_values():
    assert killed_worker.work(1) == 10


def test_picklable_error_survives_a_round_trip():
    exc = picklable_error.QuotaError("ada", 10)
    copy = pickle.loads(pickle.dumps(exc))
    assert (copy.user, copy.limit, str(copy)) == ("ada", 10, "ada is over the limit of 10")
    with pytest.raises(picklable_error.QuotaError):
        picklable_error.work()


def test_context_object_library_function():
    assert context_object.square(3) == 9
    assert context_object.library_function(range(4)) == [0, 1, 4, 9]


def test_slow_square():
    assert with_terminates.slow_square(3) == 9
