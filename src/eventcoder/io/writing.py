"""Writing event records: JSONL, CSV, Parquet and DuckDB behind one EventWriter interface.

Every writer makes a batch durable before write() returns, so that the status rows
recorded after it (status.py) never claim events that a crash could lose:
- JSONL and CSV: append, flush, os.fsync.
- Parquet: OUT.parquet is a directory of part files (part-000000.parquet, ...), one per
  batch, each written to a temporary name, fsynced and renamed. A single Parquet file
  only becomes readable when its footer is written at close, so a killed run would lose
  everything; a directory of parts loses nothing and is read as one table by pandas,
  pyarrow, Dask and DuckDB (read_parquet('OUT.parquet/*.parquet')).
- DuckDB: an `events` table, one transaction committed per batch.
See docs/input-output.md for the columns and the resume scheme.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import logging
import os
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa

from eventcoder.errors import InputFormatError
from eventcoder.records import Entity, Event, Location

logger = logging.getLogger(__name__)

OUTPUT_EXTENSIONS = {
    ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".parquet": "parquet", ".duckdb": "duckdb", ".db": "duckdb",
}
PART_PATTERN = "part-{:06d}.parquet"


class EventWriter(Protocol):
    def write(self, events: list[Event]) -> None: ...

    def close(self) -> None: ...


def output_format(path: str | Path, format: str | None = None) -> str:
    """The output format: explicit format wins, else the file extension."""
    chosen = format or OUTPUT_EXTENSIONS.get(Path(path).suffix.lower())
    if chosen not in ("jsonl", "csv", "parquet", "duckdb"):
        known = ", ".join(OUTPUT_EXTENSIONS)
        raise InputFormatError(f"{path}: cannot tell the output format; use one of {known} or --format")
    return chosen


def open_writer(path: str | Path, format: str | None = None, append: bool = False) -> EventWriter:
    """A writer for path; append=True keeps what is there (for --resume)."""
    chosen = output_format(path, format)
    writer_class = {"jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter, "duckdb": DuckdbWriter}
    return writer_class[chosen](Path(path), append)


def _fsync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())


# ---------------------------------------------------------------- schema from the records


def _arrow_type(hint: Any) -> pa.DataType:
    """pyarrow type for a records.py annotation; derived, so the schema follows the dataclasses."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _arrow_type(inner)
    if origin is list:
        return pa.list_(_arrow_type(typing.get_args(hint)[0]))
    if dataclasses.is_dataclass(hint):
        return pa.struct(_arrow_fields(hint))
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}[hint]


def _arrow_fields(record_class: type) -> list[pa.Field]:
    hints = typing.get_type_hints(record_class)
    return [pa.field(item.name, _arrow_type(hints[item.name])) for item in dataclasses.fields(record_class)]


EVENT_SCHEMA = pa.schema(_arrow_fields(Event))
"""The explicit Parquet/DuckDB schema: every batch and every part shares it."""


def events_table(events: list[Event]) -> pa.Table:
    return pa.Table.from_pylist([event.to_dict() for event in events], schema=EVENT_SCHEMA)


# ---------------------------------------------------------------- flat rows for CSV


def _join(values: Iterable[str], separator: str = ";") -> str:
    return separator.join(value or "" for value in values)


def _entity_columns(prefix: str, entities: list[Entity]) -> dict[str, str]:
    return {
        f"{prefix}_text": _join((entity.text for entity in entities), " | "),
        f"{prefix}_name": _join((entity.name for entity in entities), " | "),
        f"{prefix}_country": _join(entity.country for entity in entities),
        f"{prefix}_sector": _join("+".join(entity.sectors) for entity in entities),
        f"{prefix}_start": _join(str(entity.start) for entity in entities),
        f"{prefix}_end": _join(str(entity.end) for entity in entities),
    }


def _location_columns(location: Location | None) -> dict[str, Any]:
    names = ("text", "name", "country", "admin1", "lat", "lon")
    values = dataclasses.asdict(location) if location else {}
    return {f"location_{name}": values.get(name) for name in names}


def event_columns(event: Event) -> dict[str, Any]:
    """One flat row per event: lists joined with ';' (codes) or ' | ' (words)."""
    attributed = event.attributed_to
    evidence = event.evidence
    return {
        "id": event.id, "story_id": event.story_id, "pub_date": event.pub_date, "date": event.date,
        "date_source": event.date_source, "event": event.event, "mode": event.mode,
        "context": _join(event.context), "aux": event.aux, "quad_code": event.quad_code,
        "score": event.score, "confidence": event.confidence,
        **_entity_columns("actor", event.actor), **_entity_columns("recipient", event.recipient),
        "attributed_to": attributed.text if attributed else "",
        "attributed_to_name": attributed.name if attributed else "",
        "attributed_to_country": attributed.country if attributed else "",
        **_location_columns(event.location),
        "dead": event.dead, "injured": event.injured, "arrested": event.arrested, "size": event.size,
        "event_text": event.event_text, "evidence_sentence": evidence.sentence,
        "sentence_index": evidence.sentence_index, "sentence_start": evidence.sentence_start,
        "trigger_text": evidence.trigger.text, "trigger_start": evidence.trigger.start,
        "trigger_end": evidence.trigger.end, "coder_version": event.coder_version,
    }


def csv_columns() -> list[str]:
    """CSV header, in order (taken from a blank event so it cannot drift from event_columns)."""
    from eventcoder.records import Evidence, TextSpan

    blank = Event("", "", "", [], [], Evidence("", 0, 0, TextSpan("", 0, 0)))
    return list(event_columns(blank))


# ---------------------------------------------------------------- the writers


class JsonlWriter:
    """One Event.to_dict() per line."""

    def __init__(self, path: Path, append: bool = False):
        self.path = path
        self.handle = path.open("a" if append else "w", encoding="utf-8", newline="\n")

    def write(self, events: list[Event]) -> None:
        lines = [json.dumps(event.to_dict(), ensure_ascii=False, sort_keys=False) + "\n" for event in events]
        self.handle.write("".join(lines))
        _fsync(self.handle)

    def close(self) -> None:
        self.handle.close()


class CsvWriter:
    """Flat rows (event_columns); the header is written once, also across resumed runs."""

    def __init__(self, path: Path, append: bool = False):
        has_content = append and path.exists() and path.stat().st_size > 0
        self.handle = path.open("a" if append else "w", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.handle, fieldnames=csv_columns())
        if not has_content:
            self.writer.writeheader()
            _fsync(self.handle)

    def write(self, events: list[Event]) -> None:
        self.writer.writerows(event_columns(event) for event in events)
        _fsync(self.handle)

    def close(self) -> None:
        self.handle.close()


class ParquetWriter:
    """A directory of Parquet parts, one per non-empty batch (see the module docstring)."""

    def __init__(self, path: Path, append: bool = False):
        if path.exists() and not path.is_dir():
            raise InputFormatError(f"{path} is a file; Parquet output is a directory of parts")
        if path.exists() and not append:
            _remove_parts(path)
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.next_part = _next_part_number(path)

    def write(self, events: list[Event]) -> None:
        if events:
            self._write_part(events_table(events))

    def _write_part(self, table: pa.Table) -> None:
        import pyarrow.parquet as pq

        final = self.path / PART_PATTERN.format(self.next_part)
        temporary = final.with_name("." + final.name + ".tmp")
        pq.write_table(table, temporary)
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, final)  # a part is either complete or absent
        _fsync_directory(self.path)
        self.next_part += 1

    def close(self) -> None:
        # An empty run still leaves a readable, empty table with the full schema.
        if not any(self.path.glob("part-*.parquet")):
            self._write_part(events_table([]))


def _parts(path: Path) -> list[Path]:
    return sorted(path.glob("part-*.parquet"))


def _remove_parts(path: Path) -> None:
    for part in [*_parts(path), *path.glob(".part-*.tmp")]:
        part.unlink()


def _next_part_number(path: Path) -> int:
    numbers = [int(part.stem.split("-")[1]) for part in _parts(path)]
    return max(numbers, default=-1) + 1


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class DuckdbWriter:
    """An `events` table (actor/recipient as STRUCT lists); one commit per batch."""

    def __init__(self, path: Path, append: bool = False):
        import duckdb

        self.connection = duckdb.connect(str(path))
        if not append:
            self.connection.execute("DROP TABLE IF EXISTS events")
        empty = events_table([])
        self.connection.register("empty_batch", empty)
        self.connection.execute("CREATE TABLE IF NOT EXISTS events AS SELECT * FROM empty_batch")
        self.connection.unregister("empty_batch")

    def write(self, events: list[Event]) -> None:
        if not events:
            return
        batch = events_table(events)
        self.connection.execute("BEGIN TRANSACTION")
        self.connection.register("batch", batch)
        self.connection.execute("INSERT INTO events BY NAME SELECT * FROM batch")
        self.connection.unregister("batch")
        self.connection.execute("COMMIT")

    def close(self) -> None:
        self.connection.execute("CHECKPOINT")
        self.connection.close()


# ---------------------------------------------------------------- reading back


def read_events(path: str | Path, format: str | None = None) -> list[dict]:
    """What a writer wrote, as dicts: nested for jsonl/parquet/duckdb, flat strings for CSV."""
    chosen = output_format(path, format)
    path = Path(path)
    if chosen == "jsonl":
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    if chosen == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    if chosen == "parquet":
        return _read_parquet_events(path)
    return _read_duckdb_events(path)


def _read_parquet_events(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    parts = _parts(path) if path.is_dir() else [path]
    return [row for part in parts for row in pq.read_table(part, schema=EVENT_SCHEMA).to_pylist()]


def _read_duckdb_events(path: Path) -> list[dict]:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as connection:
        relation = connection.sql("SELECT * FROM events ORDER BY rowid")
        # duckdb 2 renamed arrow() (a table in duckdb 1) to to_arrow_table()
        to_table = getattr(relation, "to_arrow_table", None) or relation.arrow
        return to_table().to_pylist()


# ---------------------------------------------------------------- resume


def drop_events_without_status(events_path: str | Path, completed_ids: set[str], format: str | None = None) -> int:
    """Remove events whose story_id has no status row; return how many were removed.

    Events of a batch are made durable before its status rows, so after a crash the
    output may hold events of documents the status log does not list as done. --resume
    codes those documents again, so their old events must go first or they would be
    duplicated. Partial records left by the crash (a cut JSONL line or CSV row) go too.
    """
    path = Path(events_path)
    if not path.exists():
        return 0
    chosen = output_format(path, format)
    dropper = {"jsonl": _drop_jsonl, "csv": _drop_csv, "parquet": _drop_parquet, "duckdb": _drop_duckdb}
    removed = dropper[chosen](path, completed_ids)
    if removed:
        logger.info("removed %d events of unfinished documents from %s", removed, path)
    return removed


def _filter_file(path: Path, filter_lines) -> int:
    """Stream path through filter_lines(source, target) into a temporary file; keep it if
    anything was removed (fsync, then rename over path). Returns the number removed."""
    temporary = path.with_name(path.name + ".tmp")
    with path.open(encoding="utf-8", errors="replace", newline="") as source, \
            temporary.open("w", encoding="utf-8", newline="") as target:
        removed = filter_lines(source, target)
        _fsync(target)
    if removed:
        os.replace(temporary, path)
    else:
        temporary.unlink()
    return removed


def _drop_jsonl(path: Path, completed_ids: set[str]) -> int:
    def filter_lines(source, target) -> int:
        removed = 0
        for line in source:
            if line.endswith("\n") and _story_id_of_line(line) in completed_ids:
                target.write(line)
            elif line.strip():
                removed += 1
        return removed

    return _filter_file(path, filter_lines)


def _story_id_of_line(line: str) -> str | None:
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return None
    return value.get("story_id") if isinstance(value, dict) else None


def _drop_csv(path: Path, completed_ids: set[str]) -> int:
    columns = csv_columns()
    story_id = columns.index("story_id")

    def filter_lines(source, target) -> int:
        writer = csv.writer(target)
        writer.writerow(columns)
        removed = 0
        for row in csv.reader(source):
            if row == columns:
                continue
            if len(row) == len(columns) and row[story_id] in completed_ids:
                writer.writerow(row)
            else:
                removed += 1  # an unfinished document's row, or a row cut by a crash
        return removed

    return _filter_file(path, filter_lines)


def _drop_parquet(path: Path, completed_ids: set[str]) -> int:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    removed = 0
    for part in _parts(path) if path.is_dir() else []:
        table = pq.read_table(part, schema=EVENT_SCHEMA)
        keep = pc.is_in(table["story_id"], value_set=pa.array(sorted(completed_ids), pa.string()))
        kept = table.filter(keep)
        if kept.num_rows == table.num_rows:
            continue
        removed += table.num_rows - kept.num_rows
        temporary = part.with_name("." + part.name + ".tmp")
        pq.write_table(kept, temporary)
        os.replace(temporary, part)
    return removed


def _drop_duckdb(path: Path, completed_ids: set[str]) -> int:
    import duckdb

    with duckdb.connect(str(path)) as connection:
        if not connection.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'events'").fetchall():
            return 0
        connection.register("completed", pa.table({"story_id": pa.array(sorted(completed_ids), pa.string())}))
        query = "FROM events WHERE story_id NOT IN (SELECT story_id FROM completed)"
        (removed,) = connection.execute(f"SELECT count(*) {query}").fetchone()
        connection.execute(f"DELETE {query}")
        connection.execute("CHECKPOINT")
    return int(removed)
