"""Unit tests of the functions in snippets/security/ (chapter docs/{zh,en}/security.md)."""

from __future__ import annotations

import os
import pickle
import re
import socket
import subprocess
import sys
from multiprocessing.shared_memory import SharedMemory
from pathlib import Path

import pytest

from snippets.security import pickle_payload, relay, shm_by_name

ROOT = Path(__file__).resolve().parents[1]
LINUX = sys.platform.startswith("linux")


def test_unpickling_the_payload_runs_its_code(capsys):
    data = pickle.dumps(pickle_payload.Payload())
    assert b"Payload" not in data  # the receiver needs no class: only builtins.exec and a string
    assert pickle.loads(data) is None
    assert capsys.readouterr().out == f"payload: running in process {os.getpid()}\n"


def test_frames_round_trip_through_a_socket():
    a, b = socket.socketpair()
    with a, b:
        a.sendall(relay.frame(b"first") + relay.frame(b""))
        assert relay.read_frame(b) == b"first"
        assert relay.read_frame(b) == b""


def test_frame_is_what_send_bytes_writes():
    from multiprocessing.connection import Connection

    a, b = socket.socketpair()
    with a, b:
        conn = Connection(os.dup(a.fileno()))
        conn.send_bytes(b"pay 100 to alice")
        conn.close()
        assert relay.read_frame(b) == b"pay 100 to alice"


def test_recv_exactly_raises_on_a_short_read():
    a, b = socket.socketpair()
    with b:
        a.sendall(b"abc")
        a.close()
        with pytest.raises(EOFError):
            relay.recv_exactly(b, 4)


@pytest.mark.skipif(not LINUX, reason="/dev/shm is Linux's")
def test_shm_example_leaves_no_block_behind():
    out = subprocess.run(
        [sys.executable, "-m", "snippets.security.shm_by_name"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    names = set(re.findall(r"\bpsm_[0-9a-f]+\b", out))
    assert len(names) == 1, out
    assert not Path("/dev/shm", names.pop()).exists()


@pytest.mark.skipif(not LINUX, reason="/dev/shm is Linux's")
def test_attach_does_not_make_the_other_process_delete_the_block():
    shm = SharedMemory(create=True, size=8)
    try:
        code = f"import sys; from {shm_by_name.__name__} import attach; attach(sys.argv[1]).close()"
        result = subprocess.run(
            [sys.executable, "-c", code, shm.name],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        # a resource tracker started by that process holds its stderr open, so run() returned only
        # after the tracker had exited: had it adopted the block, the block would be gone by now
        assert Path("/dev/shm", shm.name).exists()
        assert "leaked" not in result.stderr
    finally:
        shm.close()
        shm.unlink()
