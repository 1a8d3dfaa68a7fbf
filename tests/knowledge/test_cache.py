import marshal

import pytest

from eventcoder.knowledge import cache


def test_value_is_built_once_then_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"kano": [1, 2]}, ("a", None, 1.5)

    first = cache.cached("table", b"source bytes", build)
    second = cache.cached("table", b"source bytes", build)
    assert first == second == ({"kano": [1, 2]}, ("a", None, 1.5))
    assert len(calls) == 1 and len(list(tmp_path.glob("table-*.marshal"))) == 1


def test_changed_source_rebuilds(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    assert cache.cached("table", b"v1", lambda: 1) == 1
    assert cache.cached("table", b"v2", lambda: 2) == 2


def test_corrupt_cache_falls_back_to_building(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    cache.cached("table", b"v1", lambda: [1])
    path = next(tmp_path.glob("table-*.marshal"))
    path.write_bytes(b"\x00garbage")
    assert cache.cached("table", b"v1", lambda: [1]) == [1]
    assert marshal.loads(path.read_bytes()) == [1]


def test_new_layout_rebuilds(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    assert cache.cached("table", b"v1", lambda: ("old", "shape")) == ("old", "shape")
    assert cache.cached("table", b"v1", lambda: {"new": 1}, layout=2) == {"new": 1}
    assert len(list(tmp_path.glob("table-*.marshal"))) == 2


def test_loading_pauses_the_collector_and_restores_it():
    import gc

    assert gc.isenabled()
    with cache.paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cache.paused_gc():
            pass
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", "off")
    assert cache.cached("table", b"v1", lambda: 3) == 3
    assert cache.cache_dir() is None


def test_unwritable_folder_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("EVENTCODER_CACHE", str(blocker / "sub"))
    assert cache.cached("table", b"v1", lambda: 4) == 4


def test_what_a_paused_block_made_is_frozen():
    # Frozen objects are skipped by later collections (cache.paused_gc, docs/speed.md).
    import gc

    before = gc.get_freeze_count()
    with cache.paused_gc():
        table = [[position] for position in range(1000)]
    assert gc.get_freeze_count() >= before + len(table)


BUILD_AT_ONCE = """
import sys, time
from eventcoder.knowledge import cache
def build():
    time.sleep(0.3)  # all processes are inside build at the same time
    return {str(n): (n, "x" * 50) for n in range(20000)}
value = cache.cached("table", b"same source", build)
assert value == {str(n): (n, "x" * 50) for n in range(20000)}
print("ok")
"""


@pytest.mark.slow
def test_processes_that_start_at_once_all_get_the_value_and_leave_one_file(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "EVENTCODER_CACHE": str(tmp_path)}
    processes = [subprocess.Popen([sys.executable, "-c", BUILD_AT_ONCE], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [out.strip() for out, _ in outputs] == ["ok"] * 4, outputs
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].name.startswith("table-") and files[0].suffix == ".marshal"  # no .tmp left
    reader = subprocess.run([sys.executable, "-c", BUILD_AT_ONCE.replace("time.sleep(0.3)", "raise SystemExit(5)")],
                            env=env, capture_output=True, text=True, timeout=120)
    assert reader.stdout.strip() == "ok"  # read back from the file, never rebuilt


def test_a_value_marshal_cannot_store_is_returned_and_leaves_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    value = {"rows": [object()]}
    assert cache.cached("table", b"v1", lambda: value) is value
    assert list(tmp_path.iterdir()) == []


def _age(path, days):
    import os
    import time

    past = time.time() - days * 86400
    os.utime(path, (past, past))


def test_a_new_copy_removes_the_same_tables_copies_unread_for_a_month(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    cache.cached("table", b"v1", lambda: 1)
    cache.cached("table", b"v2", lambda: 2)
    cache.cached("other", b"v1", lambda: 3)
    old, recent = sorted(tmp_path.glob("table-*.marshal"), key=lambda p: p.read_bytes())
    _age(old, cache.STALE_DAYS + 1)
    _age(recent, cache.STALE_DAYS - 1)
    _age(next(tmp_path.glob("other-*.marshal")), cache.STALE_DAYS + 1)
    cache.cached("table", b"v3", lambda: 4)
    names = {p.name for p in tmp_path.glob("*.marshal")}
    assert old.name not in names                     # unread for a month: gone
    assert recent.name in names                      # still in use somewhere
    assert any(n.startswith("other-") for n in names)  # another table is left alone
    assert len(names) == 3


def test_reading_a_copy_marks_it_used(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    cache.cached("table", b"v1", lambda: 1)
    path = next(tmp_path.glob("table-*.marshal"))
    _age(path, cache.STALE_DAYS + 1)
    assert cache.cached("table", b"v1", lambda: 1) == 1
    cache.cached("table", b"v2", lambda: 2)
    assert path.exists()
