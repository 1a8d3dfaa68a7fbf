"""The per-document status log: one JSON line per input record, beside the output.

For `-o OUT.jsonl` it is `OUT.jsonl.docs.jsonl` (likewise OUT.csv.docs.jsonl,
OUT.parquet.docs.jsonl, OUT.duckdb.docs.jsonl). Each row says whether the record was
coded, had no events, or was rejected and why. Rows are written (flushed and fsynced)
only after the events of those documents are durable, so on --resume the log is the
truth about what is finished; see drop_events_without_status for the other half.

The Dask engine writes the same rows as Parquet parts (status_table, STATUS_SCHEMA), and
the run's counts live in one place for every engine: engines/batch.py's RunSummary.
"""

from __future__ import annotations

import json
import logging
import functools
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventcoder.io.writing import drop_events_without_status

if TYPE_CHECKING:  # imported where a table is made (the Dask engine): local runs never need it
    import pyarrow as pa

logger = logging.getLogger(__name__)

__all__ = [
    "DocumentStatus", "StatusLog", "status_path", "truncate_partial_tail", "drop_events_without_status",
    "STATUS_SCHEMA", "status_table",
]
STATUSES = ("coded", "no_events", "rejected")
_TAIL_CHUNK = 65_536


@dataclass
class DocumentStatus:
    id: str | None
    line: int | None
    status: str
    events: int = 0
    reason: str = ""
    code: str = ""
    flags: list[str] = field(default_factory=list)
    source: str | None = None  # the input file (URL, "-") the record came from


@functools.lru_cache(maxsize=1)
def status_schema() -> pa.Schema:
    """DocumentStatus as Parquet columns, in the same order as the JSON status rows; also
    the module attribute STATUS_SCHEMA, made on first use like writing.EVENT_SCHEMA."""
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()), ("line", pa.int64()), ("status", pa.string()), ("events", pa.int64()),
        ("reason", pa.string()), ("code", pa.string()), ("flags", pa.list_(pa.string())), ("source", pa.string()),
    ])


def __getattr__(name: str) -> Any:
    if name == "STATUS_SCHEMA":
        return status_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def status_table(statuses: list[DocumentStatus]) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist([asdict(status) for status in statuses], schema=status_schema())


def status_path(output: str | Path) -> Path:
    """OUT.jsonl → OUT.jsonl.docs.jsonl; the same rule for every output format."""
    output = Path(output)
    return output.with_name(output.name + ".docs.jsonl")


class StatusLog:
    """Appends status rows; durable when record() returns."""

    def __init__(self, path: str | Path, append: bool = False):
        self.path = Path(path)
        if append and self.path.exists():
            truncate_partial_tail(self.path)  # a row cut by a crash must not glue onto the next one
        self.handle = self.path.open("a" if append else "w", encoding="utf-8", newline="\n")

    def record(self, statuses: list[DocumentStatus]) -> None:
        for status in statuses:
            if status.status not in STATUSES:
                raise ValueError(f"unknown status {status.status!r}; use one of {', '.join(STATUSES)}")
        rows = [json.dumps(asdict(status), ensure_ascii=False) + "\n" for status in statuses]
        self.handle.write("".join(rows))
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> "StatusLog":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @staticmethod
    def completed(path: str | Path) -> tuple[set[str], set[tuple[str | None, int]]]:
        """Ids, and (source, line) pairs, already recorded; a cut or garbled row is ignored.
        (Rows of a version before the source column have source None.)"""
        ids: set[str] = set()
        lines: set[tuple[str | None, int]] = set()
        path = Path(path)
        if not path.exists():
            return ids, lines
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, start=1):
                row = _parse_row(text, number, path)
                if row is None:
                    continue
                if row.get("id") is not None:
                    ids.add(str(row["id"]))
                if isinstance(row.get("line"), int):
                    lines.add((row.get("source"), row["line"]))
        return ids, lines


def _parse_row(text: str, number: int, path: Path) -> dict | None:
    if not text.endswith("\n"):
        return None  # the partial last row of a killed run: that batch is not done
    try:
        row = json.loads(text)
    except json.JSONDecodeError:
        logger.warning("%s line %d is not a status row; ignored", path, number)
        return None
    return row if isinstance(row, dict) else None


def truncate_partial_tail(path: str | Path) -> int:
    """Cut a JSONL file back to its last newline; return how many bytes were removed.

    A kill -9 during a write can leave half a line at the end; appending after it would
    produce one garbled line out of two records.
    """
    path = Path(path)
    with path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        keep = _end_of_last_line(handle, size)
        if keep == size:
            return 0
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
    logger.info("removed a partial last line (%d bytes) from %s", size - keep, path)
    return size - keep


def _end_of_last_line(handle, size: int) -> int:
    """Offset just after the last b"\\n" (0 when there is none), reading backwards in chunks."""
    position = size
    while position > 0:
        start = max(0, position - _TAIL_CHUNK)
        handle.seek(start)
        chunk = handle.read(position - start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            return start + newline + 1
        position = start
    return 0
