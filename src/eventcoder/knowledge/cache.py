"""A per-user cache of the packaged tables in marshal form, for a fast start.

Parsing the packaged actor table and gazetteer takes about a second; reading them back
from marshal takes a fraction of that. The cache key is the sha256 of the packaged file
plus the layout of the cached value and the Python and marshal versions, so a new release
or interpreter rebuilds it. The garbage collector is paused while a table loads.
Anything wrong with the cache (missing, corrupt, read-only home directory) falls back to
parsing the packaged file: results never depend on it. Set EVENTCODER_CACHE to choose the
folder, or EVENTCODER_CACHE=off to disable it.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    setting = os.environ.get("EVENTCODER_CACHE", "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventcoder"


def _key(name: str, source: bytes, layout: int) -> str:
    digest = hashlib.sha256(source).hexdigest()[:16]
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    return f"{name}-{digest}-l{layout}-{python}-m{marshal.version}.marshal"


def cached(name: str, source: bytes, build: Callable[[], Any], layout: int = 1) -> Any:
    """`build()`'s value, read from the cache when a valid copy for `source` is there.

    `layout` is the version of the value's shape: a caller that changes what `build`
    returns raises it, so a cache written by an older eventcoder is never misread."""
    with paused_gc():
        folder = cache_dir()
        if folder is None:
            return build()
        path = folder / _key(name, source, layout)
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass
        value = build()
        _write(path, value)
        return value


def _write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(value))
        os.replace(temporary, path)
    except (OSError, ValueError) as error:
        log.debug("cache not written (%s): %s", path, error)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic garbage collector off, then restore its state.

    Loading the model and the tables creates a few million long-lived objects; each
    allocation burst triggers full collections that walk them all and free nothing (the
    tables hold no cycles). Pausing the collector while loading saves about 0.3 s of a
    cold start (docs/speed.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
