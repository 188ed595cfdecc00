"""Unit tests for the functions in snippets/pids/ (the chapter docs/{zh,en}/pids.md)."""

from __future__ import annotations

import os
import queue
import threading

from snippets.pids.orphan import grandchild
from snippets.pids.pids import show


def test_show_in_the_main_process_has_no_parent_line(capsys):
    show("main")
    assert capsys.readouterr().out == f"main: name=MainProcess pid={os.getpid()}\n"


def test_grandchild_reports_old_and_new_parent():
    # os.getppid() of this process never changes, so pretend the "old parent" was
    # another PID: grandchild() must return at once and report both values.
    results = queue.Queue()
    t = threading.Thread(target=grandchild, args=(results, -1))
    t.start()
    t.join(timeout=5)
    assert not t.is_alive()
    assert results.get_nowait() == (-1, os.getppid())
