"""Unit tests of the functions in snippets/shared_state/ (chapter docs/{zh,en}/shared_state.md).

The NumPy snippets are run as scripts by the harness (requires="numpy"); the functions
tested here need only the standard library, so they run on the bare test interpreter.
"""

from __future__ import annotations

import re
import subprocess
import sys
from multiprocessing import Value
from multiprocessing.shared_memory import ShareableList, SharedMemory
from pathlib import Path

import pytest

from harness.blocks import ROOT, collect
from snippets.shared_state import cow, locked_add, plus_equals, shareable_text, smm

LINUX = sys.platform.startswith("linux")


def test_add_many_adds_n():
    counter = Value("i", 5)
    locked_add.add_many(counter, 100)
    assert counter.value == 105


def test_wait_then_returns_the_step():
    class NoWait:
        def wait(self, timeout=None):
            return 0

    assert plus_equals.wait_then(NoWait(), 3) == 3


def test_exists_sees_a_live_block_and_not_an_unlinked_one():
    shm = SharedMemory(create=True, size=16)
    try:
        assert smm.exists(shm.name)
    finally:
        shm.close()
        shm.unlink()
    assert not smm.exists(shm.name)


def test_total_sums_a_range_of_the_block():
    shm = SharedMemory(create=True, size=10)
    try:
        shm.buf[:10] = bytes(range(10))
        assert smm.total(shm.name, 2, 5) == 2 + 3 + 4
    finally:
        shm.close()
        shm.unlink()


def test_text_list_keeps_non_ascii_strings_whole():
    texts = ["你好世界", "v2版本更新", "", "ascii"]
    items = shareable_text.text_list(texts)
    try:
        assert list(items) == texts
        with pytest.raises(ValueError, match="exceeds available storage"):
            items[0] = "你好世界!!!!!"  # 17 bytes: more than the 16-byte slot
    finally:
        items.shm.close()
        items.shm.unlink()


@pytest.mark.skipif(
    sys.version_info >= (3, 14), reason="gh-88336 is fixed in 3.14's bug-fix releases"
)
def test_a_plain_shareable_list_cuts_non_ascii_strings():
    """The bug the page shows (gh-88336): str slots are sized in characters, not bytes."""
    items = ShareableList(["v2版本更新", "你好世界"])
    try:
        assert items[0] == "v2版本"
        with pytest.raises(UnicodeDecodeError):
            items[1]
    finally:
        items.shm.close()
        items.shm.unlink()


@pytest.mark.skipif(not LINUX, reason="/proc/self/smaps_rollup is Linux only")
def test_private_mb_grows_when_this_process_writes():
    before = cow.private_mb()
    block = bytearray(32 * 2**20)  # 32 MB, written page by page
    block[::4096] = b"x" * len(block[::4096])
    assert cow.private_mb() - before > 24


@pytest.mark.skipif(not LINUX, reason="fork and /proc/self/smaps_rollup: Linux only")
def test_reading_every_float_copies_at_least_their_size():
    floats = [float(i) for i in range(500_000)]
    size = len(floats) * sys.getsizeof(1.0) / 2**20
    assert cow.in_forked_child(cow.read_all, floats) > 0.8 * size


@pytest.mark.skipif(not LINUX, reason="fork and /proc/self/smaps_rollup: Linux only")
def test_gc_freeze_keeps_collect_from_copying_the_parents_objects():
    import gc

    rows = [[i] for i in range(200_000)]
    plain = cow.in_forked_child(cow.collect, rows)
    gc.freeze()
    try:
        frozen = cow.in_forked_child(cow.collect, rows)
    finally:
        gc.unfreeze()
    assert plain > 5
    assert frozen < plain / 5


def _leak_blocks():
    return [
        b
        for b in collect([ROOT / "docs" / lang / "shared_state.md" for lang in ("zh", "en")])
        if "never unlinked" in b.code
    ]


def test_the_page_shows_the_leak_in_both_languages():
    assert {b.lang for b in _leak_blocks()} == {"zh", "en"}


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="POSIX shared memory lives in /dev/shm")
def test_the_leaky_example_leaves_nothing_in_dev_shm(tmp_path):
    """The resource tracker unlinks what the leaky example left, before its output ends."""
    block = _leak_blocks()[0]
    script = tmp_path / "leak.py"
    script.write_text(block.code, "utf-8")
    # run() returns when stdout and stderr close: the tracker holds them until it is done
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=30, check=True
    )
    name = re.fullmatch(r"created (\S+)", out.stdout.strip()).group(1)
    assert "leaked shared_memory objects" in out.stderr
    assert not (Path("/dev/shm") / name.lstrip("/")).exists()
