"""One run per output: an exclusive lock file beside it.

Two runs writing one output (two `--resume` runs, or two inputs sent to one file) would
interleave their events and status rows: duplicates and unparseable lines, with exit 0.
`OutputLock` takes an exclusive flock(2) on OUT.lock and writes its process id there. The
kernel drops a flock when its process dies, however it dies, so a lock file left behind by
a killed run is stale by construction: the next run takes it over and says so in the log.
On systems without fcntl (Windows) no lock is taken.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from eventcoder.errors import OutputLockedError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None

logger = logging.getLogger(__name__)


def lock_path(output: str | Path) -> Path:
    """OUT.jsonl → OUT.jsonl.lock (beside the status file OUT.jsonl.docs.jsonl)."""
    output = Path(output)
    return output.with_name(output.name + ".lock")


class OutputLock:
    """Held from acquire() to release(); a context manager."""

    def __init__(self, output: str | Path):
        self.output = str(output)
        self.path = lock_path(output)
        self.handle = None

    def acquire(self) -> "OutputLock":
        if fcntl is None:
            return self
        while self.handle is None:
            handle = self.path.open("a+", encoding="utf-8")
            self._lock_or_refuse(handle)
            if _still_named(handle, self.path):
                self.handle = handle
            else:  # the run before us removed the file after we opened it: lock the new one
                handle.close()
        self._write_pid()
        return self

    def _lock_or_refuse(self, handle) -> None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _pid_in(handle)
            handle.close()
            by = f"process {holder}" if holder else "another process"
            raise OutputLockedError(f"{self.output} is being written by another run ({by}, lock file "
                                    f"{self.path}); wait for it to end, or write to another output") from None

    def _write_pid(self) -> None:
        previous = _pid_in(self.handle)
        if previous and previous != str(os.getpid()):
            logger.info("took over the lock %s left by process %s, which no longer holds it", self.path, previous)
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"{os.getpid()}\n")
        self.handle.flush()

    def release(self) -> None:
        if self.handle is None:
            return
        try:
            self.path.unlink()  # while still locked, so no other run can be holding this file
        except OSError:
            pass
        self.handle.close()
        self.handle = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()


def _pid_in(handle) -> str:
    handle.seek(0)
    return handle.read(32).strip()


def _still_named(handle, path: Path) -> bool:
    """Whether the open file is still the one at path (not unlinked or replaced)."""
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    opened = os.fstat(handle.fileno())
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)
