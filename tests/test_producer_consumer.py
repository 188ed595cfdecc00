"""Unit tests for snippets/producer_consumer (docs/{zh,en}/producer_consumer.md)."""

from __future__ import annotations

import threading
import time
from multiprocessing import Queue

from snippets.producer_consumer.backpressure import produce
from snippets.producer_consumer.joinable import run_batches
from snippets.producer_consumer.sentinels import run
from snippets.producer_consumer.supervised import BAD_ITEM
from snippets.producer_consumer.supervised import run as run_supervised


def test_every_item_is_handled_once_whatever_the_counts():
    assert run(n_producers=3, n_consumers=2, per_producer=4) == sorted(n * n for n in range(12))
    assert run(n_producers=1, n_consumers=4, per_producer=2) == [0, 1]


def test_batches_reuse_the_workers():
    assert run_batches([range(3), [], range(5, 7)], n_workers=2) == [[0, 1, 4], [], [25, 36]]


def test_produce_waits_only_when_the_queue_is_full():
    roomy, no_wait = Queue(maxsize=10), threading.Event()
    assert produce(roomy, range(3), no_wait) == []
    assert not no_wait.is_set()
    assert [roomy.get(timeout=10) for _ in range(3)] == [0, 1, 2]

    tight, full = Queue(maxsize=1), threading.Event()
    got = []

    def slow_reader():
        assert full.wait(timeout=10)  # nothing is taken before the queue was full
        for _ in range(3):
            time.sleep(0.2)
            got.append(tight.get(timeout=10))

    reader = threading.Thread(target=slow_reader)
    reader.start()
    waited = produce(tight, range(3), full)
    reader.join(timeout=10)
    assert waited[0] == 1  # item 0 fits; item 1 is the first to find the queue full
    assert set(waited) <= {1, 2}  # item 2 waits too unless the producer lags 0.2 s
    assert got == [0, 1, 2]


def test_supervised_without_failures_gets_every_result():
    done, codes = run_supervised(n_items=BAD_ITEM, n_consumers=2)
    assert done == {n: n * n for n in range(BAD_ITEM)}
    assert codes == [0, 0]


def test_supervised_stops_everyone_when_a_consumer_fails():
    done, codes = run_supervised(n_items=30, n_consumers=3)
    assert BAD_ITEM not in done
    assert len(done) < 30
    assert codes == [-15, -15, 1]
