"""Unit tests of the functions in snippets/futures/ (chapter docs/{zh,en}/futures.md)."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import Event, current_process

import pytest

from snippets.futures import (
    as_completed_order,
    broken,
    cancel,
    chunks,
    first_exception,
    imap_reads_ahead,
    initializer,
    map_eager,
    mp_context,
    paced_map,
    side_by_side,
    submit,
)


def test_submit_helpers():
    assert submit.square(7) == 49
    with pytest.raises(ValueError, match="bad input: 3"):
        submit.fail(3)


def test_numbers_is_lazy(capsys):
    gen = map_eager.numbers()
    assert capsys.readouterr().out == ""
    assert next(gen) == 0
    assert capsys.readouterr().out == "the generator produced 0\n"
    assert list(gen) == [1, 2, 3]
    assert map_eager.double(21) == 42


def test_timed_map_gives_results_and_a_duration():
    with ProcessPoolExecutor(2) as executor:
        results, seconds = chunks.timed_map(executor, chunksize=500)
    assert results == [2 * x for x in range(2_000)]
    assert seconds > 0


def test_as_completed_work_waits_for_the_event(monkeypatch):
    event = Event()
    monkeypatch.setattr(as_completed_order, "go_on", None)
    as_completed_order.init(event)
    assert as_completed_order.work("fast") == "fast"
    done = []
    t = threading.Thread(target=lambda: done.append(as_completed_order.work("slow")))
    t.start()
    t.join(0.2)
    assert done == []  # still waiting
    event.set()
    t.join(5)
    assert done == ["slow"]


def test_first_exception_work(monkeypatch):
    event = Event()
    event.set()
    monkeypatch.setattr(first_exception, "go_on", event)
    assert first_exception.work("slow") == "slow"
    with pytest.raises(ValueError, match="bad input"):
        first_exception.work("bad")


def test_cancel_helpers(monkeypatch):
    started, release = Event(), Event()
    release.set()
    monkeypatch.setattr(cancel, "started", None)
    cancel.init(started, release)
    assert cancel.work(0) == 0
    assert started.is_set()
    assert cancel.work(3) == 3
    future = Future()
    t = threading.Timer(0.05, future.set_running_or_notify_cancel)
    t.start()
    cancel.wait_until(future.running)
    assert future.running()
    t.join()
    # it gives up at its timeout instead of spinning for ever
    never = Future()
    start = time.monotonic()
    cancel.wait_until(never.running, timeout=0.2)
    assert 0.2 <= time.monotonic() - start < 5
    assert not never.running()


def test_release_when_cancelled(monkeypatch):
    release = Event()
    monkeypatch.setattr(cancel, "release", release)
    futures = [Future(), Future()]
    t = threading.Timer(0.05, lambda: [f.cancel() for f in futures])
    t.start()
    cancel.release_when_cancelled(futures)
    assert release.is_set() and all(f.cancelled() for f in futures)
    t.join()


def test_broken_work_returns_ordinary_inputs():
    assert broken.work("a") == "a"


def test_where_names_the_process():
    assert mp_context.where() == current_process().name


def test_initializer_sets_the_table(monkeypatch, capsys):
    monkeypatch.setattr(initializer, "table", None)
    initializer.init_worker(5)
    assert capsys.readouterr().out == f"worker {os.getpid()}: table of 5 ready\n"
    assert [initializer.lookup(i) for i in range(5)] == [0, 1, 4, 9, 16]


def test_power():
    assert side_by_side.power(2, 10) == 1024


def test_paced_map_reads_at_most_window_ahead(monkeypatch):
    monkeypatch.setattr(paced_map, "produced", 0)
    with ProcessPoolExecutor(1) as executor:
        results = paced_map.paced_map(executor, paced_map.square, paced_map.endless(), window=3)
        assert next(results) == 0
        assert paced_map.produced == 4  # three in flight, plus the one read after
        assert [next(results) for _ in range(4)] == [1, 4, 9, 16]
        assert paced_map.produced == 8


def test_paced_map_finishes_a_finite_input():
    with ProcessPoolExecutor(1) as executor:
        assert list(paced_map.paced_map(executor, abs, [-1, -2, -3], window=2)) == [1, 2, 3]


def test_endless_counts_what_it_hands_out(monkeypatch):
    monkeypatch.setattr(imap_reads_ahead, "produced", 0)
    gen = imap_reads_ahead.endless()
    assert [next(gen) for _ in range(5)] == [0, 1, 2, 3, 4]
    assert imap_reads_ahead.produced == 5


def test_settled_waits_until_the_count_stops(monkeypatch):
    monkeypatch.setattr(imap_reads_ahead, "produced", 0)

    def count():  # moves for 0.5 s, then stops
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            imap_reads_ahead.produced += 1
            time.sleep(0.01)

    t = threading.Thread(target=count)
    t.start()
    reached = imap_reads_ahead.settled()
    t.join()
    assert reached == imap_reads_ahead.produced > 10


def test_grows_past_gives_up_at_its_timeout(monkeypatch):
    monkeypatch.setattr(imap_reads_ahead, "produced", 5)
    assert imap_reads_ahead.grows_past(4, timeout=0.1)
    assert not imap_reads_ahead.grows_past(5, timeout=0.1)
