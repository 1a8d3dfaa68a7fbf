"""Writing event records: JSONL, CSV, Parquet and DuckDB behind one EventWriter interface.

Every writer makes a batch durable before write() returns, so that the status rows
recorded after it (status.py) never claim events that a crash could lose:
- JSONL and CSV: append, flush, os.fsync.
- Parquet: OUT.parquet is a directory of part files (part-000000.parquet, ...), one per
  batch, each written by write_part: to a temporary name, fsynced and renamed (the Dask
  engine writes its parts with the same function). A single Parquet file
  only becomes readable when its footer is written at close, so a killed run would lose
  everything; a directory of parts loses nothing and is read as one table by pandas,
  pyarrow, Dask and DuckDB (read_parquet('OUT.parquet/*.parquet')).
- DuckDB: an `events` table, one transaction committed per batch.
See docs/input-output.md for the columns and the resume scheme.

A writer takes Event objects or event dicts (Event.to_dict(), as read_events gives them back,
possibly with extra fields such as dedup's story_ids, declared by `extra_fields`).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import logging
import os
import sys
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO, Union

from eventcoder.errors import InputFormatError
from eventcoder.records import Entity, Event, Location

if TYPE_CHECKING:  # imported where a table is made: a JSONL or CSV run never needs pyarrow
    import pyarrow as pa

logger = logging.getLogger(__name__)

OUTPUT_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",  # .json: read only (JSONL of earlier versions)
    ".csv": "csv", ".parquet": "parquet", ".duckdb": "duckdb", ".db": "duckdb",
}
PART_PATTERN = "part-{:06d}.parquet"
"""The one name of a Parquet part, for the local Parquet writer and the Dask engine alike."""
STDOUT = "-"

Record = Union[Event, dict]


class EventWriter(Protocol):
    def write(self, events: Sequence[Record]) -> None: ...

    def close(self) -> None: ...


def output_format(path: str | Path, format: str | None = None) -> str:
    """The format of an output: explicit format wins, else the file extension."""
    suffix = Path(path).suffix.lower()
    chosen = format or ("jsonl" if str(path) == STDOUT else OUTPUT_EXTENSIONS.get(suffix))
    if chosen not in ("jsonl", "csv", "parquet", "duckdb"):
        known = ", ".join(OUTPUT_EXTENSIONS)
        raise InputFormatError(f"{path}: cannot tell the output format; use one of {known} or --format")
    return chosen


def writer_format(path: str | Path, format: str | None = None) -> str:
    """output_format of an output about to be written, which may not be named .json."""
    if format is None and Path(path).suffix.lower() == ".json":
        # A JSON document would be one array, written only at close: a killed run would leave
        # nothing readable and --resume could not append. Say so rather than write JSONL into it.
        raise InputFormatError(f"{path}: eventcoder writes JSON Lines, one record a line; "
                               "name the output .jsonl (or give --format jsonl)")
    return output_format(path, format)


def open_writer(path: str | Path, format: str | None = None, append: bool = False,
                extra_fields: Sequence[pa.Field] = ()) -> EventWriter:
    """A writer for path ("-": JSONL on standard output); append=True keeps what is there
    (for --resume). `extra_fields`: columns beyond the event's that the records carry."""
    chosen = writer_format(path, format)
    if str(path) == STDOUT:
        if chosen != "jsonl":
            raise InputFormatError(f"standard output takes JSONL only, not {chosen}")
        return JsonlWriter.to_stream(sys.stdout)
    writer_class = {"jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter, "duckdb": DuckdbWriter}
    return writer_class[chosen](Path(path), append, tuple(extra_fields))


def _as_dict(record: Record) -> dict:
    return record.to_dict() if isinstance(record, Event) else record


def _fsync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())


# ---------------------------------------------------------------- schema from the records


def _arrow_type(hint: Any) -> pa.DataType:
    """pyarrow type for a records.py annotation; derived, so the schema follows the dataclasses."""
    import pyarrow as pa

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
    import pyarrow as pa

    hints = typing.get_type_hints(record_class)
    return [pa.field(item.name, _arrow_type(hints[item.name])) for item in dataclasses.fields(record_class)]


@functools.lru_cache(maxsize=1)
def event_schema() -> pa.Schema:
    """The explicit Parquet/DuckDB schema: every batch and every part shares it.

    Made on first use, also as the module attribute EVENT_SCHEMA: importing pyarrow and
    reading the records' type hints cost about 0.15 s of every cold start (docs/speed.md)."""
    import pyarrow as pa

    return pa.schema(_arrow_fields(Event))


def __getattr__(name: str) -> Any:
    if name == "EVENT_SCHEMA":
        return event_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def record_schema(extra_fields: Sequence[pa.Field] = ()) -> pa.Schema:
    """EVENT_SCHEMA followed by the declared extra columns."""
    import pyarrow as pa

    return pa.schema([*event_schema(), *extra_fields])


def events_table(events: Sequence[Record], extra_fields: Sequence[pa.Field] = ()) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist([_as_dict(event) for event in events], schema=record_schema(extra_fields))


def write_part(table: pa.Table, directory: Path, number: int) -> Path:
    """directory/part-NNNNNN.parquet, written whole or not at all: a temporary name, fsync, rename."""
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    final = directory / PART_PATTERN.format(number)
    temporary = final.with_name("." + final.name + ".tmp")
    pq.write_table(table, temporary)
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    _fsync_directory(directory)
    return final


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
        "url": event.url, "title": event.title, "source_name": event.source_name,
    }


def event_from_columns(row: dict[str, str]) -> dict[str, Any]:
    """A nested event dict from a CSV row (the inverse of event_columns). A CSV row holds
    fewer fields than the record: entity kinds, spans and the like come back as defaults."""
    known = set(csv_columns())
    return {
        "id": row["id"], "story_id": row["story_id"], "event": row["event"],
        "actor": _entities_from_columns(row, "actor"), "recipient": _entities_from_columns(row, "recipient"),
        "evidence": {"sentence": row["evidence_sentence"], "sentence_index": int(row["sentence_index"]),
                     "sentence_start": int(row["sentence_start"]),
                     "trigger": {"text": row["trigger_text"], "start": int(row["trigger_start"]),
                                 "end": int(row["trigger_end"])}},
        "pub_date": row["pub_date"] or None, "date": row["date"] or None, "date_source": row["date_source"],
        "mode": row["mode"], "context": _split(row["context"], ";"), "aux": row["aux"],
        "attributed_to": _attribution_from_columns(row), "quad_code": int(row["quad_code"]),
        "score": float(row["score"]), "location": _location_from_columns(row),
        **{name: _number(row[name], int) for name in ("dead", "injured", "arrested", "size")},
        "event_text": row["event_text"], "confidence": float(row["confidence"]),
        "coder_version": row["coder_version"],
        **{name: row.get(name) or None for name in ("url", "title", "source_name")},
        **{k: v for k, v in row.items() if k not in known},
    }


def _split(value: str, separator: str) -> list[str]:
    return value.split(separator) if value else []


def _number(value: str, kind: type) -> Any:
    return kind(value) if value not in ("", None) else None


def _entities_from_columns(row: dict[str, str], prefix: str) -> list[dict[str, Any]]:
    starts = _split(row[f"{prefix}_start"], ";")
    columns = {name: row[f"{prefix}_{name}"].split(separator) for name, separator in
               (("text", " | "), ("name", " | "), ("country", ";"), ("sector", ";"), ("end", ";"))}
    entities = []
    for number, start in enumerate(starts):
        sector, *others = columns["sector"][number].split("+")
        entities.append({"text": columns["text"][number], "start": int(start), "end": int(columns["end"][number]),
                         "name": columns["name"][number], "country": columns["country"][number],
                         "sector": sector, "other_sectors": others})
    return entities


def _attribution_from_columns(row: dict[str, str]) -> dict[str, Any] | None:
    if not row["attributed_to"]:
        return None
    return {"text": row["attributed_to"], "start": 0, "end": 0, "name": row["attributed_to_name"],
            "country": row["attributed_to_country"]}


def _location_from_columns(row: dict[str, str]) -> dict[str, Any] | None:
    names = ("text", "name", "country", "admin1", "lat", "lon")
    values = {name: row[f"location_{name}"] for name in names}
    if not any(values.values()):
        return None
    return {**values, "lat": _number(values["lat"], float), "lon": _number(values["lon"], float)}


def csv_columns(extra_fields: Sequence[pa.Field] = ()) -> list[str]:
    """CSV header, in order (taken from a blank event so it cannot drift from event_columns)."""
    from eventcoder.records import Evidence, TextSpan

    blank = Event("", "", "", [], [], Evidence("", 0, 0, TextSpan("", 0, 0)))
    return [*event_columns(blank), *(extra.name for extra in extra_fields)]


def _record_columns(record: Record, extra_fields: Sequence[pa.Field]) -> dict[str, Any]:
    event = record if isinstance(record, Event) else Event.from_dict(record)
    extras = {} if isinstance(record, Event) else record
    return {**event_columns(event), **{f.name: _cell(extras.get(f.name)) for f in extra_fields}}


def _cell(value: Any) -> Any:
    return _join(map(str, value)) if isinstance(value, list) else value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP)."""
CSV_QUOTE = "'"


def neutralised_cell(value: Any) -> Any:
    """A text cell that starts like a formula gets a leading ' (OWASP's advice), so a
    spreadsheet shows it as text. A cell that starts with ' gets one too, so that
    restored_cell gives every value back exactly. Numbers are never touched."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, CSV_QUOTE)):
        return CSV_QUOTE + value
    return value


def restored_cell(value: str | None) -> str | None:
    """The inverse of neutralised_cell, for a cell read back from our CSV."""
    return value[1:] if value and value.startswith(CSV_QUOTE) else value


# ---------------------------------------------------------------- the writers


class JsonlWriter:
    """One Event.to_dict() per line (an event dict as it is, extra fields included)."""

    def __init__(self, path: Path, append: bool = False, extra_fields: Sequence[pa.Field] = ()):
        self.path = path
        self.handle = path.open("a" if append else "w", encoding="utf-8", newline="\n")
        self.durable = True

    @classmethod
    def to_stream(cls, stream: TextIO) -> "JsonlWriter":
        """Lines to an open text stream (standard output), which is flushed but not fsynced."""
        writer = cls.__new__(cls)
        writer.path, writer.handle, writer.durable = None, stream, False
        return writer

    def write(self, events: Sequence[Record]) -> None:
        lines = [json.dumps(_as_dict(event), ensure_ascii=False, sort_keys=False) + "\n" for event in events]
        self.handle.write("".join(lines))
        _fsync(self.handle) if self.durable else self.handle.flush()

    def close(self) -> None:
        if self.durable:
            self.handle.close()


class CsvWriter:
    """Flat rows (event_columns); the header is written once, also across resumed runs."""

    def __init__(self, path: Path, append: bool = False, extra_fields: Sequence[pa.Field] = ()):
        has_content = append and path.exists() and path.stat().st_size > 0
        self.handle = path.open("a" if append else "w", encoding="utf-8", newline="")
        self.extra_fields = extra_fields
        self.writer = csv.DictWriter(self.handle, fieldnames=csv_columns(extra_fields))
        if not has_content:
            self.writer.writeheader()
            _fsync(self.handle)

    def write(self, events: Sequence[Record]) -> None:
        rows = (_record_columns(event, self.extra_fields) for event in events)
        self.writer.writerows({name: neutralised_cell(value) for name, value in row.items()} for row in rows)
        _fsync(self.handle)

    def close(self) -> None:
        self.handle.close()


class ParquetWriter:
    """A directory of Parquet parts, one per non-empty batch (see the module docstring)."""

    def __init__(self, path: Path, append: bool = False, extra_fields: Sequence[pa.Field] = ()):
        if path.exists() and not path.is_dir():
            raise InputFormatError(f"{path} is a file; Parquet output is a directory of parts")
        if path.exists() and not append:
            remove_parts(path)
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.extra_fields = extra_fields
        self.next_part = _next_part_number(path)

    def write(self, events: Sequence[Record]) -> None:
        if events:
            self._write_part(events_table(events, self.extra_fields))

    def _write_part(self, table: pa.Table) -> None:
        write_part(table, self.path, self.next_part)
        self.next_part += 1

    def close(self) -> None:
        # An empty run still leaves a readable, empty table with the full schema.
        if not any(self.path.glob("part-*.parquet")):
            self._write_part(events_table([], self.extra_fields))


def _parts(path: Path) -> list[Path]:
    return sorted(path.glob("part-*.parquet"))


def remove_parts(path: Path) -> None:
    """Parts (and temporary parts) of an earlier run, which would mix with this one's."""
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

    def __init__(self, path: Path, append: bool = False, extra_fields: Sequence[pa.Field] = ()):
        import duckdb

        self.connection = duckdb.connect(str(path))
        self.extra_fields = extra_fields
        if not append:
            self.connection.execute("DROP TABLE IF EXISTS events")
        empty = events_table([], extra_fields)
        self.connection.register("empty_batch", empty)
        self.connection.execute("CREATE TABLE IF NOT EXISTS events AS SELECT * FROM empty_batch")
        self.connection.unregister("empty_batch")

    def write(self, events: Sequence[Record]) -> None:
        if not events:
            return
        batch = events_table(events, self.extra_fields)
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
    """What a writer wrote, as dicts: nested for jsonl/parquet/duckdb, flat strings for CSV.

    "-" reads JSONL from standard input; a Parquet output is its directory of parts or a
    single Parquet file."""
    chosen = output_format(path, format)
    if str(path) == STDOUT:
        return _jsonl_events(sys.stdin, "stdin")
    path = Path(path)
    if not path.exists():
        raise InputFormatError(f"{path} does not exist")
    if chosen == "jsonl":
        with path.open(encoding="utf-8") as handle:
            return _jsonl_events(handle, str(path))
    if chosen == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return [{name: restored_cell(value) for name, value in row.items()} for row in csv.DictReader(handle)]
    if chosen == "parquet":
        return _read_parquet_events(path)
    return _read_duckdb_events(path)


def read_event_records(path: str | Path, format: str | None = None) -> list[dict]:
    """read_events, with CSV rows turned back into nested event dicts (event_from_columns),
    so that every format gives records of one shape (what `eventcoder dedup` reads)."""
    rows = read_events(path, format)
    return [event_from_columns(row) for row in rows] if output_format(path, format) == "csv" else rows


def _jsonl_events(lines: Iterable[str], name: str) -> list[dict]:
    events = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputFormatError(f"{name}, line {number}: not JSON ({error.msg})") from error
        if not isinstance(record, dict):
            raise InputFormatError(f"{name}, line {number}: not an event record (a JSON object)")
        events.append(record)
    return events


def _read_parquet_events(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    parts = _parts(path) if path.is_dir() else [path]
    return [row for part in parts for row in pq.read_table(part).to_pylist()]


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
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    removed = 0
    for part in _parts(path) if path.is_dir() else []:
        table = pq.read_table(part, schema=event_schema())
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
    import pyarrow as pa

    with duckdb.connect(str(path)) as connection:
        if not connection.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'events'").fetchall():
            return 0
        connection.register("completed", pa.table({"story_id": pa.array(sorted(completed_ids), pa.string())}))
        query = "FROM events WHERE story_id NOT IN (SELECT story_id FROM completed)"
        (removed,) = connection.execute(f"SELECT count(*) {query}").fetchone()
        connection.execute(f"DELETE {query}")
        connection.execute("CHECKPOINT")
    return int(removed)
