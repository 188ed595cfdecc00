"""Unit tests of the functions in snippets/connections/ (chapter docs/{zh,en}/connections.md)."""

from __future__ import annotations

import queue
import threading
from multiprocessing import Pipe
from multiprocessing.connection import Client, Listener

from snippets.connections import (
    accept_timeout,
    duplex,
    eof_copy,
    listener_client,
    one_way,
    remote_manager,
    wait_many,
)


def test_square_server_answers_until_none():
    here, there = Pipe()
    server = threading.Thread(target=duplex.square_server, args=(there,))
    server.start()
    answers = []
    for n in (0, 7, -3):
        here.send(n)
        answers.append(here.recv())
    here.send(None)
    server.join(timeout=10)
    assert answers == [0, 49, 9]
    assert not server.is_alive()
    assert there.closed


def test_report_sends_three_lines_then_closes():
    reader, writer = Pipe(duplex=False)
    one_way.report(writer)
    assert [reader.recv() for _ in range(3)] == ["loading", "computing", "done"]
    assert writer.closed
    assert reader.poll(0)  # EOF is readable ...
    try:
        reader.recv()
    except EOFError:
        pass
    else:  # pragma: no cover - a failure message
        raise AssertionError("recv() after the last item should raise EOFError")


def test_drain_stops_at_eof_when_every_writer_is_closed():
    reader, writer = Pipe(duplex=False)
    eof_copy.produce(writer)  # sends a, b, c and closes the only writer
    assert eof_copy.drain(reader, timeout=5) == (["a", "b", "c"], "EOFError")


def test_drain_gives_up_while_a_writer_is_still_open():
    reader, writer = Pipe(duplex=False)
    writer.send("x")
    items, ending = eof_copy.drain(reader, timeout=0.2)
    assert items == ["x"]
    assert ending == "no EOF within 0.2 s: recv() would wait forever"
    writer.close()


def test_gather_reports_results_and_the_crashed_worker():
    results, exitcodes = wait_many.gather(4)
    assert results == {0: 0, 1: 10, 3: 30}
    assert exitcodes == {0: 0, 1: 0, 2: 3, 3: 0}


def _client_thread(address, authkey, seen):
    def run():
        try:
            with Client(address, authkey=authkey) as conn:
                conn.send("ping")
                seen.append(conn.recv())
        except Exception as exc:  # the rejected client's side
            seen.append(type(exc).__name__)

    t = threading.Thread(target=run)
    t.start()
    return t


def test_serve_one_serves_a_client_with_the_key():
    with Listener(("127.0.0.1", 0), authkey=b"key") as listener:
        seen = []
        t = _client_thread(listener.address, b"key", seen)
        assert listener_client.serve_one(listener) == "served a client"
        t.join(timeout=10)
    assert seen == ["PING"]


def test_serve_one_turns_away_a_wrong_key():
    with Listener(("127.0.0.1", 0), authkey=b"key") as listener:
        seen = []
        t = _client_thread(listener.address, b"other", seen)
        outcome = listener_client.serve_one(listener)
        t.join(timeout=10)
    assert outcome == "rejected a client: AuthenticationError: digest received was wrong"
    assert seen == ["AuthenticationError"]


def test_get_jobs_returns_the_one_module_level_queue():
    assert remote_manager.get_jobs() is remote_manager.JOBS
    assert isinstance(remote_manager.JOBS, queue.Queue)


def test_accept_returns_none_when_nobody_connects():
    with Listener(("127.0.0.1", 0)) as listener:
        assert accept_timeout.accept(listener, 0.05) is None


def test_accept_returns_the_connection_of_a_client_that_came():
    with Listener(("127.0.0.1", 0), authkey=b"k" * 32) as listener:
        t = threading.Thread(target=accept_timeout.client, args=(listener.address, b"k" * 32))
        t.start()
        conn = accept_timeout.accept(listener, 30)
        try:
            assert conn.recv() == "hello"
        finally:
            conn.close()
            t.join()
