import marshal

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
