"""A per-user cache of the packaged tables in marshal form, for a fast start.

Parsing the packaged actor table and gazetteer takes about a second; reading them back
from marshal takes a fraction of that. The cache key is the sha256 of the packaged file
plus the Python and marshal versions, so a new release or interpreter rebuilds it.
Anything wrong with the cache (missing, corrupt, read-only home directory) falls back to
parsing the packaged file: results never depend on it. Set EVENTCODER_CACHE to choose the
folder, or EVENTCODER_CACHE=off to disable it.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    setting = os.environ.get("EVENTCODER_CACHE", "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventcoder"


def _key(name: str, source: bytes) -> str:
    digest = hashlib.sha256(source).hexdigest()[:16]
    return f"{name}-{digest}-py{sys.version_info[0]}{sys.version_info[1]}-m{marshal.version}.marshal"


def cached(name: str, source: bytes, build: Callable[[], Any]) -> Any:
    """`build()`'s value, read from the cache when a valid copy for `source` is there."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / _key(name, source)
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
