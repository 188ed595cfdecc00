"""Unit tests of the functions in snippets/synchronization/ (docs/{zh,en}/synchronization.md)."""

from __future__ import annotations

import multiprocessing as mp
import threading

import pytest

from snippets.synchronization import (
    barrier_phases,
    condition,
    event_start,
    event_stop,
    lost_update,
    reentrant,
    semaphore,
)


def test_two_deposits_without_a_lock_lose_one():
    assert lost_update.two_deposits(use_lock=False) == (1, True)


def test_two_deposits_with_a_lock_keep_both():
    assert lost_update.two_deposits(use_lock=True) == (2, False)


@pytest.mark.parametrize("make_lock", [mp.RLock, mp.Lock])
def test_take_checks_the_stock(make_lock):
    stock = reentrant.Stock([3, 1], make_lock())
    assert stock.take(0, 2) is True
    assert stock.take(0, 2) is False  # only 1 left
    assert list(stock.counts) == [1, 1]


def test_take_all_is_all_or_nothing_with_an_rlock():
    stock = reentrant.Stock([5, 5], mp.RLock())
    assert stock.take_all([(0, 2), (1, 3)]) is True
    assert stock.take_all([(0, 1), (1, 9)]) is False  # item 1 is short: nothing taken
    assert list(stock.counts) == [3, 2]


def test_take_all_with_a_plain_lock_cannot_take_its_own_lock_again():
    lock = mp.Lock()
    stock = reentrant.Stock([5, 5], lock)
    with stock.lock:
        assert lock.acquire(timeout=0.1) is False  # what take() inside take_all() runs into


def test_download_counts_itself_in_and_out():
    in_use, peak = mp.Value("i", 0), mp.Value("i", 0)
    reached = mp.Event()
    reached.set()  # a lone call need not wait for a second process
    semaphore.download(mp.Semaphore(semaphore.LIMIT), in_use, peak, reached)
    assert (in_use.value, peak.value) == (0, 1)


def test_add_up_sums_every_other_item_after_the_signal():
    data = mp.Array("i", range(10), lock=False)
    sums = mp.Array("q", 2, lock=False)
    ready = mp.Event()
    ready.set()
    event_start.add_up(1, data, ready, sums)
    assert sums[1] == 1 + 3 + 5 + 7 + 9


def test_monitor_stops_at_once_when_the_event_is_set():
    stop, samples = mp.Event(), mp.Value("i", 0)
    stop.set()
    event_stop.monitor(stop, samples)  # would take 60 s per round if it slept
    assert samples.value == 1


def test_write_in_order_waits_for_its_turn(capsys):
    cond, turn = mp.Condition(), mp.Value("i", 0, lock=False)
    later = threading.Thread(target=condition.write_in_order, args=(1, "b", cond, turn))
    later.start()
    condition.write_in_order(0, "a", cond, turn)
    later.join()
    assert capsys.readouterr().out == "part 0: A\npart 1: B\n"
    assert turn.value == 2


def test_write_in_order_gives_up_when_its_turn_never_comes(monkeypatch):
    cond, turn = mp.Condition(), mp.Value("i", 0, lock=False)
    monkeypatch.setattr(cond, "wait_for", lambda predicate, timeout: predicate())
    with pytest.raises(TimeoutError, match="part 3 never got its turn"):
        condition.write_in_order(3, "x", cond, turn)


def test_share_of_total_with_a_single_party(capsys):
    totals = mp.Array("i", 1, lock=False)
    shares = mp.Array("d", 1, lock=False)
    barrier_phases.share_of_total(0, [[1, 2]], totals, shares, mp.Barrier(1))
    assert capsys.readouterr().out == "phase 1 done: partial sums [3]\n"
    assert list(shares) == [1.0]
