"""Unit tests of the functions in snippets/recipes/ (the work, not the timings), and of
the claims docs/{zh,en}/recipes.md makes in prose about what was tried here.

The scripts themselves run under every start method through test_examples.py; here their
parts are checked on small inputs.  Tests that need a child process use the fork context
(Linux), so that helpers defined in this module reach the child without being imported.
"""

from __future__ import annotations

import multiprocessing as mp
import pickle
import threading
from collections import Counter
from http.server import ThreadingHTTPServer
from multiprocessing.managers import BaseManager, RemoteError
from multiprocessing.pool import ThreadPool
from multiprocessing.reduction import ForkingPickler

import pytest
import requests

from snippets.recipes import (
    cpu_bound,
    downloads,
    inventory,
    round_trips,
    warehouse,
    word_count,
)


@pytest.fixture
def texts(tmp_path):
    (tmp_path / "a.py").write_text("def f(self):\n    return self.x  # The X\n", "utf-8")
    (tmp_path / "b.py").write_text("if x:\n    return 1\n# the end, ünïcode\n", "utf-8")
    return sorted(tmp_path.glob("*.py"))


def test_count_words_lowercases_and_keeps_letters_only(texts):
    assert word_count.count_words(texts[0]) == Counter(
        {"def": 1, "f": 1, "self": 2, "return": 1, "x": 2, "the": 1}
    )
    # non-ASCII letters split words: "ünïcode" gives "n" and "code"
    assert word_count.count_words(texts[1])["code"] == 1


def test_parallel_count_equals_serial_count(texts):
    expected = word_count.count_words(texts[0]) + word_count.count_words(texts[1])
    assert word_count.count_serial(texts) == expected
    assert word_count.count_parallel(texts) == expected
    assert word_count.count_parallel([]) == Counter()


def test_inventory_take_never_goes_below_zero():
    stock = inventory.Inventory({"apple": 2})
    assert [stock.take("apple") for _ in range(3)] == [True, True, False]
    assert stock.take("pear") is False
    copy = stock.stock()
    copy["apple"] = 99  # a copy: the stock does not change
    assert stock.stock() == {"apple": 0}
    stock.restock("apple", 5)
    assert stock.stock() == {"apple": 5}


def test_inventory_take_is_safe_from_many_threads():
    stock = inventory.Inventory({"apple": 500})
    with ThreadPool(8) as pool:
        bought = pool.map(stock.take, ["apple"] * 800)
    assert bought.count(True) == 500
    assert stock.stock() == {"apple": 0}


def test_the_proxy_has_only_the_exposed_methods():
    with inventory.ShopManager() as manager:
        proxy = manager.Inventory({"apple": 1})
        assert set(proxy._exposed_) == {"take", "stock"}
        assert proxy.take("apple") is True
        assert not hasattr(proxy, "restock")


def test_warehouse_returns_one_shelf_per_name():
    house = warehouse.Warehouse()
    assert house.shelf("A") is house.shelf("A")
    assert house.shelf("A").put(2) == 2
    assert house.count("A") == 2
    assert house.shelf("B") is not house.shelf("A")


def test_copy_manager_returns_a_copy_and_proxy_manager_a_proxy():
    with warehouse.CopyManager() as manager:
        house = manager.Warehouse()
        house.shelf("A").put(5)
        assert house.count("A") == 0
    with warehouse.ProxyManager() as manager:
        house = manager.Warehouse()
        house.shelf("A").put(5)
        assert house.count("A") == 5


def test_tally_counts_every_call():
    tally = round_trips.Tally()
    assert round_trips.one_by_one(tally) >= 0
    assert tally.report() == (round_trips.CALLS, round_trips.CALLS)
    tally.add_all([2, 3])
    assert tally.report() == (round_trips.CALLS + 5, round_trips.CALLS + 1)


def test_work_reports_its_window_and_cpu_time():
    started, ended, cpu = cpu_bound.work(10_000)
    assert started <= ended
    assert 0 <= cpu <= (ended - started) + 0.01


def test_threads_never_keep_more_than_one_core_busy(monkeypatch):
    monkeypatch.setattr(cpu_bound, "TASKS", [200_000] * 4)
    assert 0 < cpu_bound.busy_cores(ThreadPool) < 1.05


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setattr(downloads, "LATENCY", 0)
    server = ThreadingHTTPServer(("127.0.0.1", 0), downloads.SlowPages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_session_per_worker_reuses_its_connection(server):
    urls = [f"{server}/{i}" for i in range(12)]
    with ThreadPool(downloads.WORKERS, initializer=downloads.open_session) as pool:
        report = downloads.download(pool, downloads.fetch, urls)
    assert report.startswith("24000 bytes over ")
    assert len(downloads.opened) <= downloads.WORKERS
    assert report.endswith("at most one per worker: True")


def test_a_session_per_page_opens_a_connection_per_page(server):
    urls = [f"{server}/{i}" for i in range(6)]
    with ThreadPool(downloads.WORKERS) as pool:
        report = downloads.download(pool, downloads.fetch_without_session, urls)
    assert report == "12000 bytes over 6 connections; at most one per worker: False"


def test_pages_have_a_fixed_size(server):
    downloads.open_session()
    assert downloads.fetch(f"{server}/0") == downloads.fetch(f"{server}/123456") == 2000


@pytest.fixture
def dead_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_a_default_session_sends_even_127_0_0_1_to_the_proxy(server, dead_proxy):
    with requests.Session() as session, pytest.raises(requests.exceptions.ProxyError):
        session.get(f"{server}/1", timeout=10)


def test_the_workers_session_ignores_proxies_from_the_environment(server, dead_proxy):
    downloads.open_session()
    assert downloads.fetch(f"{server}/1") == 2000


def test_the_server_refuses_a_method_left_out_of_exposed():
    with inventory.ShopManager() as manager:
        proxy = manager.Inventory({"apple": 1})
        with pytest.raises(RemoteError, match=r"'restock' .* not in exposed"):
            proxy._callmethod("restock", ("apple", 5))
        assert proxy.stock() == {"apple": 1}


def test_a_proxy_does_not_reach_the_referents_attributes():
    with inventory.ShopManager() as manager:
        proxy = manager.Inventory({"apple": 1})
        with pytest.raises(AttributeError, match="_stock"):
            proxy._stock  # noqa: B018


class _TracedInventory(inventory.Inventory):
    """Counts the distinct server threads that ran take() or stock()."""

    def __init__(self, stock):
        super().__init__(stock)
        self._mine = threading.local()
        self._threads = 0

    def _note_thread(self):
        if not hasattr(self._mine, "seen"):  # a threading.local is fresh in each thread
            self._mine.seen = True
            self._threads += 1

    def take(self, item):
        self._note_thread()
        return super().take(item)

    def stock(self):
        self._note_thread()
        return super().stock()

    def threads(self):
        return self._threads


class _TracedManager(BaseManager):
    pass


_TracedManager.register("Inventory", _TracedInventory, exposed=("take", "stock", "threads"))


def test_every_task_with_a_proxy_argument_runs_in_a_server_thread_of_its_own():
    # The worker drops the proxy it unpickled when the task ends; with no proxy left for
    # that manager, it closes its connection, and the next task opens a new one.
    ctx = mp.get_context("fork")
    with _TracedManager(ctx=ctx) as manager:
        proxy = manager.Inventory({"apple": 7})
        with ctx.Pool(4) as pool:
            bought = pool.starmap(inventory.buy, [(proxy, "apple")] * 10)
        assert bought.count(True) == 7
        assert proxy.stock() == {"apple": 0}
        assert proxy.threads() == 10 + 1  # ten tasks, and stock() from here


def _iterate(mapping):
    return sorted(mapping.keys()), [key for key in mapping]


def test_iterating_a_dict_proxy_in_a_worker_fails_like_gh_99595():
    ctx = mp.get_context("fork")
    with ctx.Manager() as manager:
        shared = manager.dict(a=1, b=2)
        assert sorted(shared) == ["a", "b"]  # in the process that owns the manager
        with ctx.Pool(1) as pool:
            with pytest.raises(AttributeError, match="'_registry'"):
                pool.apply(_iterate, (shared,))
            assert pool.apply(sorted, (shared.keys(),)) == ["a", "b"]


def test_a_process_pool_cannot_pickle_a_local_function_or_a_local_lambda():
    def record(word):
        return word

    for func in (record, lambda word: word):
        with pytest.raises((AttributeError, pickle.PicklingError), match="local object"):
            ForkingPickler.dumps(func)


def test_a_shelf_pickles_without_its_lock():
    assert "lock" not in vars(warehouse.Shelf("A"))
    shelf = warehouse.Shelf("A")
    shelf.put(2)
    copy = pickle.loads(pickle.dumps(shelf))
    assert (copy.name, copy.boxes) == ("A", 2)
    assert copy.lock is warehouse.Shelf.lock


def test_thread_pool_terminate_leaves_a_running_task_running():
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def task():
        started.set()
        release.wait(30)
        finished.set()

    with ThreadPool(1) as pool:
        pool.apply_async(task)
        assert started.wait(30)
    # terminate() has returned, and the task goes on in its thread
    assert not finished.is_set()
    release.set()
    assert finished.wait(30)


class _PortsSeen(downloads.SlowPages):
    requests_from = []  # (path, client port) of every request

    def do_GET(self):
        self.requests_from.append((self.path, self.client_address[1]))
        super().do_GET()


def _get(session, url):
    session.get(url, timeout=10).raise_for_status()


def test_a_forked_child_sends_its_request_over_the_parents_connection(monkeypatch):
    monkeypatch.setattr(downloads, "LATENCY", 0)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PortsSeen)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        with requests.Session() as session:
            session.trust_env = False
            _get(session, f"{url}/parent")
            child = mp.get_context("fork").Process(target=_get, args=(session, f"{url}/child"))
            child.start()
            child.join(30)
            assert child.exitcode == 0
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    (parent, parent_port), (path, child_port) = _PortsSeen.requests_from
    assert (parent, path) == ("/parent", "/child")
    assert child_port == parent_port
