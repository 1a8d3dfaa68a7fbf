"""A per-user cache of the packaged tables in marshal form, for a fast start.

Parsing the packaged actor table and gazetteer takes about a second; reading them back
from marshal takes a fraction of that. The cache key is the sha256 of the packaged file
plus the layout of the cached value and the Python and marshal versions, so a new release
or interpreter rebuilds it. The garbage collector is paused while a table loads
(paused_gc).
Anything wrong with the cache (missing, corrupt, read-only home directory) falls back to
parsing the packaged file: results never depend on it. Set EVENTCODER_CACHE to choose the
folder, or EVENTCODER_CACHE=off to disable it. A copy no run has read for STALE_DAYS is
deleted when a new copy of the same table is written, so releases do not pile up.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Callable, Iterator

log = logging.getLogger(__name__)

# Days after which a cached copy no run has read is deleted (when its table is rewritten)
STALE_DAYS = 30


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
            value = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            value = build()
            _write(path, value)
            _prune(folder, name, path)
            return value
        _mark_used(path)
        return value


def _mark_used(path: Path) -> None:
    """A copy's modification time says when a run last read it (see _prune)."""
    with suppress(OSError):
        os.utime(path)


def _prune(folder: Path, name: str, kept: Path) -> None:
    """Delete the copies of the same table that no run has read for STALE_DAYS: each release
    (or interpreter) writes a new copy, about 10 MB for the actor table, and the old ones
    would stay forever. A copy in use by an older install is only rebuilt by it."""
    pattern = re.compile(re.escape(name) + r"-[0-9a-f]{16}-l\d+-py\d+-m\d+\.marshal")
    cutoff = time.time() - STALE_DAYS * 86400
    for path in folder.glob(f"{name}-*.marshal"):
        if path != kept and pattern.fullmatch(path.name):
            with suppress(OSError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()


def _write(path: Path, value: Any) -> None:
    """Write to a temporary file, then rename: two processes starting at once each write a
    whole copy, and a reader sees the old file or a whole new one, never a part."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    except OSError as error:
        log.debug("cache not written (%s): %s", path, error)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(value))
        os.replace(temporary, path)
    except (OSError, ValueError) as error:
        log.debug("cache not written (%s): %s", path, error)
        with suppress(OSError):
            os.unlink(temporary)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic garbage collector off, freeze what is alive after it, and
    restore the collector's state.

    Loading the model and the tables creates a few million objects that live as long as the
    process (each is loaded once per process and kept). With the collector on, every
    allocation burst triggers collections that walk them all and free nothing (the tables
    hold no cycles): pausing it saves about 0.3 s of a cold start. Pausing alone would only
    defer that work to the first collections after the block, so gc.freeze() then moves
    everything alive into the permanent generation, which collections skip (0.05-0.1 s more,
    and cheaper full collections for the rest of a long run; docs/speed.md). Frozen objects
    are still freed by reference counting; only a reference cycle that was alive at a
    freeze and dies later stays in memory. As Python's documentation of gc.freeze notes, it
    also keeps a forked worker's collections from writing to, and so copying, the pages it
    shares with the parent."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
