"""Duplicate events: the same event reported by several stories, or several times in one.

Works on event dicts as written to JSONL (records.Event.to_dict()). A dyad is compared by
the countries and sectors of its actors and recipients, not their wording, as in the
PETRARCH/Phoenix "one-a-day" filter. `deduplicate_file` reads any output format and writes
through the writer interface (io/writing.py). See docs/dedup.md.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

EventDict = dict[str, Any]


def entity_key(entities: Iterable[dict] | None) -> tuple[tuple[str, ...], ...]:
    """The countries and sectors of a list of entities, order-free."""
    keys = set()
    for entity in entities or ():
        sectors = [entity.get("sector") or "", *sorted(entity.get("other_sectors") or [])]
        keys.add((entity.get("country") or "", *sectors))
    return tuple(sorted(keys))


def dyad_key(event: EventDict) -> tuple:
    return event.get("event"), entity_key(event.get("actor")), entity_key(event.get("recipient"))


def _event_date(event: EventDict) -> str | None:
    """The event's date, else its story's publication day (YYYY-MM-DD); None if neither reads."""
    date = str(event.get("date") or event.get("pub_date") or "")[:10]
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        return None


def _keep_first(events: Iterable[EventDict], key: Callable[[EventDict], tuple]) -> list[EventDict]:
    seen, kept = set(), []
    for event in events:
        k = key(event)
        if k not in seen:
            seen.add(k)
            kept.append(event)
    return kept


def one_a_day(events: Iterable[EventDict]) -> list[EventDict]:
    """The first record per (date, event, actor countries+sectors, recipient countries+sectors)."""
    return _keep_first(events, lambda e: (_event_date(e), *dyad_key(e)))


def one_per_story(events: Iterable[EventDict]) -> list[EventDict]:
    """The first record per (story_id, event, actor key, recipient key)."""
    return _keep_first(events, lambda e: (e.get("story_id"), *dyad_key(e)))


def _stable_key(event: EventDict) -> tuple[str, str, str, str]:
    """Sort order independent of input order; the JSON text breaks remaining ties."""
    return (_event_date(event) or "", str(event.get("story_id") or ""), str(event.get("id") or ""),
            json.dumps(event, sort_keys=True, default=str))


def _country(event: EventDict) -> str:
    return (event.get("location") or {}).get("country") or ""


class _Cluster:
    """Records of one event: the first record, the day it anchors and the place it fixes."""

    def __init__(self, first: EventDict) -> None:
        self.members = [first]
        self.date = _event_date(first)
        self.country = _country(first)

    def accepts(self, event: EventDict, window_days: int) -> bool:
        date = _event_date(event)
        if self.date is None or date is None:
            return False  # an undated record is never a duplicate of anything
        days_apart = abs((dt.date.fromisoformat(date) - dt.date.fromisoformat(self.date)).days)
        country = _country(event)
        return days_apart <= window_days and (not country or not self.country or country == self.country)

    def add(self, event: EventDict) -> None:
        self.members.append(event)
        self.country = self.country or _country(event)

    def merged(self) -> EventDict:
        story_ids = list(dict.fromkeys(m.get("story_id") for m in self.members))
        return {**self.members[0], "story_ids": story_ids, "duplicate_count": len(self.members)}


def cluster_events(events: Iterable[EventDict], window_days: int = 2) -> list[EventDict]:
    """Merge records of the same category and dyad, dated within window_days of a cluster's
    first record, in the same country (or with a country missing). Each output record is
    the cluster's first record plus "story_ids" and "duplicate_count"."""
    clusters: dict[tuple, list[_Cluster]] = {}
    ordered: list[_Cluster] = []
    for event in sorted(events, key=_stable_key):
        candidates = clusters.setdefault(dyad_key(event), [])
        home = next((c for c in candidates if c.accepts(event, window_days)), None)
        if home is None:
            home = _Cluster(event)
            candidates.append(home)
            ordered.append(home)
        else:
            home.add(event)
    return [cluster.merged() for cluster in ordered]


METHODS: dict[str, Callable[..., list[EventDict]]] = {
    "one-a-day": lambda events, window_days: one_a_day(events),
    "one-per-story": lambda events, window_days: one_per_story(events),
    "cluster": lambda events, window_days: cluster_events(events, window_days),
}


def deduplicate(events: Iterable[EventDict], method: str = "one-a-day", window_days: int = 2) -> list[EventDict]:
    """Run one of METHODS by name (what the `dedup` command calls)."""
    if method not in METHODS:
        raise ValueError(f"unknown dedup method {method!r}; choose from {', '.join(METHODS)}")
    return METHODS[method](events, window_days)


MERGED_FIELDS = (pa.field("story_ids", pa.list_(pa.string())), pa.field("duplicate_count", pa.int64()))
"""The columns `cluster` adds to each record, for writers with a schema (Parquet, DuckDB, CSV)."""
_SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet", "duckdb": ".duckdb"}


def deduplicated_path(output: str | Path, format: str) -> str:
    """Where `code --dedup` puts the copy: OUTPUT.dedup.<format's extension> (out.jsonl ->
    out.jsonl.dedup.jsonl, out.parquet -> out.parquet.dedup.parquet)."""
    return f"{output}.dedup{_SUFFIXES[format]}"


def deduplicate_file(source: str | Path, target: str | Path, method: str = "one-a-day", window_days: int = 2,
                     source_format: str | None = None, target_format: str | None = None) -> tuple[int, int]:
    """Reads events in any output format, writes the kept ones (target "-": JSONL on
    standard output); returns (records in, records out)."""
    from eventcoder.io.writing import open_writer, read_event_records

    events = read_event_records(source, source_format)
    kept = deduplicate(events, method, window_days)
    writer = open_writer(target, target_format, extra_fields=MERGED_FIELDS if method == "cluster" else ())
    try:
        writer.write(kept)
    finally:
        writer.close()
    return len(events), len(kept)
