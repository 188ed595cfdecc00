"""Unit tests for the functions of snippets/queues (the chapter docs/{zh,en}/queues.md)."""

from __future__ import annotations

from multiprocessing import Queue

from snippets.queues.check_then_get import race
from snippets.queues.manager_speed import transfer_time


def test_race_one_consumer_gets_the_item_the_other_gets_empty():
    assert race() == [
        "empty() said False, get() found nothing: queue.Empty",
        "empty() said False, get() returned 'the only item'",
    ]


def test_transfer_time_is_a_positive_duration():
    seconds = transfer_time(Queue(), n=100)
    assert 0 < seconds < 10
