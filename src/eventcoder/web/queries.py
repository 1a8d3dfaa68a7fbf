"""What the explorer asks of the events: filters from query parameters, and the SQL that answers.

At start the explorer copies what it filters on from the store's typed views
(eventcoder.analysis.store) into tables of a DuckDB database in a temporary folder:
`explore_events` (one row per event, no record text), `explore_dyads` (event x actor x
recipient, the few columns the charts group by) and `explore_records` (the records as the
file holds them, for the event page and /api/events). Disk-backed tables under a memory
limit keep the server small on millions of events while every query runs on columnar
tables rather than re-reading the file. Each request uses its own cursor.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from eventcoder.analysis import store
from eventcoder.errors import QueryError

INTERVALS = ("day", "week", "month", "quarter", "year")
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
TOP_DYADS = 8
TOP_COUNTRIES = 25
MAX_PLACES = 2000
MEMORY_LIMIT = "512MB"

# n numbers the events in list order (newest first, then by id): pages are ranges of an
# integer, and the other tables join on it rather than on id text.
EVENT_TABLE = """CREATE TABLE explore_events AS
WITH parties AS (
    SELECT event_id,
        list(DISTINCT actor_country ORDER BY actor_country) FILTER (WHERE actor_country IS NOT NULL) AS actors,
        list(DISTINCT recipient_country ORDER BY recipient_country)
            FILTER (WHERE recipient_country IS NOT NULL) AS recipients
    FROM dyads GROUP BY event_id)
SELECT row_number() OVER (ORDER BY e.event_date DESC NULLS LAST, e.event_id) AS n,
    e.event_id, e.story_id, e.event_date, e.category, e.aux, lower(e.sentence) AS sentence_folded,
    e.location_name, e.location_country, e.location_lat, e.location_lon,
    coalesce(p.actors, []) AS actor_countries, coalesce(p.recipients, []) AS recipient_countries
FROM events AS e LEFT JOIN parties AS p USING (event_id)
ORDER BY n"""
# The dyads view is every actor x every recipient, so its distinct country pairs are the
# product of the event's two country lists: one row per event and country pair.
DYAD_TABLE = """CREATE TABLE explore_dyads AS
SELECT n, event_date, category, aux, actor_country, recipient_country
FROM explore_events, unnest(actor_countries) AS a(actor_country), unnest(recipient_countries) AS r(recipient_country)
ORDER BY n"""
RECORD_TABLE = """CREATE TABLE explore_records AS
SELECT e.n, source_row.* FROM ({source}) AS source_row JOIN explore_events AS e ON e.event_id = source_row.id
ORDER BY e.n"""


@dataclass(frozen=True)
class EventFilters:
    """The filters every page shares; None means no filter."""

    start: str | None = None
    end: str | None = None
    category: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    aux: str | None = None
    q: str | None = None
    story_id: str | None = None
    interval: str = "month"

    def given(self) -> dict[str, str]:
        return {name: value for name, value in asdict(self).items() if value is not None and name != "interval"}


# ---------------------------------------------------------------- query parameters


def _date_parameter(params: Mapping[str, str], name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{name}={value!r} is not a date in YYYY-MM-DD form") from None


def _text_parameter(params: Mapping[str, str], name: str, case: str | None = None) -> str | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    return value.upper() if case == "upper" else value.lower() if case == "lower" else value


def parse_filters(params: Mapping[str, str]) -> EventFilters:
    """EventFilters from a request's query; raises QueryError naming a bad parameter."""
    filters = EventFilters(
        start=_date_parameter(params, "start"), end=_date_parameter(params, "end"),
        category=_text_parameter(params, "category", "upper"),
        actor_country=_text_parameter(params, "actor_country", "upper"),
        recipient_country=_text_parameter(params, "recipient_country", "upper"),
        aux=_text_parameter(params, "aux", "lower"), q=_text_parameter(params, "q"),
        story_id=_text_parameter(params, "story_id"), interval=parse_interval(params))
    if filters.start and filters.end and filters.start > filters.end:
        raise QueryError(f"start={filters.start} is after end={filters.end}")
    return filters


def parse_interval(params: Mapping[str, str]) -> str:
    interval = (params.get("interval") or "month").strip().lower()
    if interval not in INTERVALS:
        raise QueryError(f"interval={interval!r}: use one of {', '.join(INTERVALS)}")
    return interval


def _integer_parameter(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = (params.get(name) or "").strip()
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise QueryError(f"{name}={value!r}: give a whole number from {low} to {high:,}")
    return int(value)


def parse_page(params: Mapping[str, str]) -> tuple[int, int]:
    """(limit, offset) of a list request."""
    limit = _integer_parameter(params, "limit", DEFAULT_LIMIT, 0, MAX_LIMIT)
    return limit, _integer_parameter(params, "offset", 0, 0, 10**12)


# ---------------------------------------------------------------- SQL conditions


LISTS = {"actor_country": "actor_countries", "recipient_country": "recipient_countries"}


def _party_conditions(filters: EventFilters, alias: str) -> tuple[list[str], list[Any]]:
    """An event: any actor of that country, any recipient of that one; a dyad row: its pair."""
    clauses, values = [], []
    for column in ("actor_country", "recipient_country"):
        if getattr(filters, column):
            test = f"list_contains({alias}.{LISTS[column]}, ?)" if alias == "e" else f"{alias}.{column} = ?"
            clauses.append(test)
            values.append(getattr(filters, column))
    return clauses, values


def _shared_conditions(filters: EventFilters, alias: str) -> tuple[list[str], list[Any]]:
    checks = [("start", f"{alias}.event_date >= ?::DATE"), ("end", f"{alias}.event_date <= ?::DATE"),
              ("category", f"{alias}.category = ?"), ("aux", f"{alias}.aux = ?")]
    clauses = [clause for name, clause in checks if getattr(filters, name)]
    return clauses, [getattr(filters, name) for name, _ in checks if getattr(filters, name)]


def _text_conditions(filters: EventFilters, alias: str) -> tuple[list[str], list[Any]]:
    clauses, values = [], []
    if filters.q:
        clauses.append(f"contains({alias}.sentence_folded, ?)")
        values.append(filters.q.lower())
    if filters.story_id:
        clauses.append(f"{alias}.story_id = ?")
        values.append(filters.story_id)
    return clauses, values


def event_conditions(filters: EventFilters) -> tuple[str, list[Any]]:
    """WHERE text and values over explore_events AS e."""
    clauses, values = _shared_conditions(filters, "e")
    party_clauses, party_values = _party_conditions(filters, "e")
    text_clauses, text_values = _text_conditions(filters, "e")
    return _where(clauses + party_clauses + text_clauses), values + party_values + text_values


def dyad_conditions(filters: EventFilters) -> tuple[str, list[Any]]:
    """WHERE text and values over explore_dyads AS d (text filters through the event)."""
    clauses, values = _shared_conditions(filters, "d")
    party_clauses, party_values = _party_conditions(filters, "d")
    text_clauses, text_values = _text_conditions(filters, "e")
    if text_clauses:
        clauses.append(f"d.n IN (SELECT n FROM explore_events AS e WHERE {' AND '.join(text_clauses)})")
    return _where(clauses + party_clauses), values + party_values + text_values


def _where(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


# ---------------------------------------------------------------- the store


def _rows(cursor: duckdb.DuckDBPyConnection, sql: str, values: list[Any] | None = None) -> list[dict[str, Any]]:
    """Query result as plain dicts (nested records stay nested)."""
    cursor.execute(sql, values or [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _record_source(connection: duckdb.DuckDBPyConnection, path: Path) -> str:
    """The file's own rows, read by the store's reader for its format."""
    chosen = store.input_format(path)
    if chosen == "duckdb":  # open_events attached it already, read-only
        return "SELECT * FROM source_database.events"
    return store.SOURCES[chosen](connection, path)


class EventQueries:
    """The explorer's read-only questions over one events file."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, source_name: str, workspace: tempfile.TemporaryDirectory):
        self.connection = connection
        self.source_name = source_name
        self._workspace = workspace  # the database's folder lives as long as this object
        self.event_count = connection.execute("SELECT count(*) FROM explore_events").fetchone()[0]
        self._options = self._filter_options()

    @classmethod
    def open(cls, path: str | Path) -> "EventQueries":
        """Reads the events at path into the explorer's tables (see the module docstring)."""
        path = Path(path)
        workspace = tempfile.TemporaryDirectory(prefix="eventcoder-explore-")
        connection = duckdb.connect(str(Path(workspace.name) / "explore.duckdb"))
        connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        connection.execute(f"SET temp_directory = '{workspace.name}'")
        store.open_events(path, connection=connection)
        connection.execute(EVENT_TABLE)
        connection.execute(DYAD_TABLE)
        connection.execute(RECORD_TABLE.format(source=_record_source(connection, path)))
        return cls(connection, path.name, workspace)

    def close(self) -> None:
        self.connection.close()
        self._workspace.cleanup()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self.connection.cursor()

    def _filter_options(self) -> dict[str, list[str]]:
        cursor = self._cursor()
        values = lambda sql: [row[0] for row in cursor.execute(sql).fetchall()]  # noqa: E731
        return {
            "categories": values("SELECT DISTINCT category FROM explore_events WHERE category IS NOT NULL ORDER BY 1"),
            "aux": values("SELECT DISTINCT aux FROM explore_events WHERE aux IS NOT NULL ORDER BY 1"),
            "countries": values("SELECT DISTINCT unnest(list_concat(actor_countries, recipient_countries)) AS country "
                                "FROM explore_events ORDER BY 1"),
        }

    def filter_options(self) -> dict[str, list[str]]:
        return self._options

    # ------------------------------------------------------------ events

    def records(self, numbers: list[int]) -> list[dict[str, Any]]:
        """The records numbered n, in the order given. The range test lets DuckDB skip row
        groups by their min/max, as the table is stored in n order."""
        if not numbers:
            return []
        found = _rows(self._cursor(), "SELECT * FROM explore_records WHERE n BETWEEN ? AND ? "
                                      "AND n IN (SELECT unnest(?::BIGINT[]))", [min(numbers), max(numbers), numbers])
        by_number = {record.pop("n"): record for record in found}
        return [by_number[number] for number in numbers if number in by_number]

    def list_events(self, filters: EventFilters, limit: int, offset: int) -> dict[str, Any]:
        """{"total", "limit", "offset", "filters", "events"}: newest first, then by id."""
        where, values = event_conditions(filters)
        cursor = self._cursor()
        total = cursor.execute(f"SELECT count(*) FROM explore_events AS e {where}", values).fetchone()[0]
        numbers = [row[0] for row in cursor.execute(
            f"SELECT e.n FROM explore_events AS e {where} ORDER BY e.n LIMIT ? OFFSET ?",
            [*values, limit, offset]).fetchall()]
        return {"total": total, "limit": limit, "offset": offset, "filters": filters.given(),
                "events": self.records(numbers)}

    def event_by_id(self, event_id: str) -> dict[str, Any] | None:
        found = self._cursor().execute("SELECT n FROM explore_events WHERE event_id = ? LIMIT 1", [event_id]).fetchone()
        return self.records([found[0]])[0] if found else None

    # ------------------------------------------------------------ charts

    def dyad_series(self, filters: EventFilters) -> dict[str, Any]:
        """Events per interval for the TOP_DYADS busiest (actor country, recipient country) pairs."""
        where, values = dyad_conditions(filters)
        cursor = self._cursor()
        dyads = _rows(cursor, f"""SELECT d.actor_country, d.recipient_country, count(*) AS count
            FROM explore_dyads AS d {where} GROUP BY ALL ORDER BY count DESC, 1, 2 LIMIT {TOP_DYADS}""", values)
        dated = f"{where} AND d.event_date IS NOT NULL" if where else "WHERE d.event_date IS NOT NULL"
        series = _rows(cursor, f"""WITH top AS (SELECT unnest(?::VARCHAR[]) AS actor, unnest(?::VARCHAR[]) AS recipient)
            SELECT strftime(date_trunc('{filters.interval}', d.event_date), '%Y-%m-%d') AS period,
                d.actor_country || ' → ' || d.recipient_country AS dyad, count(*) AS count
            FROM explore_dyads AS d JOIN top ON d.actor_country = top.actor AND d.recipient_country = top.recipient
            {dated} GROUP BY date_trunc('{filters.interval}', d.event_date), d.actor_country, d.recipient_country
            ORDER BY period, dyad""",
                       [[d["actor_country"] for d in dyads], [d["recipient_country"] for d in dyads], *values])
        return {"filters": filters.given(), "interval": filters.interval, "dyads": dyads, "series": series}

    def located_places(self, filters: EventFilters) -> dict[str, Any]:
        """Matching events with coordinates, counted per place (the MAX_PLACES busiest)."""
        where, values = event_conditions(filters)
        located = "e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL"
        located_where = f"{where} AND {located}" if where else f"WHERE {located}"
        cursor = self._cursor()
        total, located_count = cursor.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {located}) FROM explore_events AS e {where}", values).fetchone()
        places = _rows(cursor, f"""SELECT e.location_name AS name, e.location_country AS country,
                e.location_lat AS lat, e.location_lon AS lon, count(*) AS count
            FROM explore_events AS e {located_where} GROUP BY ALL ORDER BY count DESC, name LIMIT {MAX_PLACES + 1}""",
                       values)
        return {"filters": filters.given(), "total": total, "located": located_count,
                "place_count": len(places), "places": places[:MAX_PLACES]}

    def country_matrix(self, filters: EventFilters) -> dict[str, Any]:
        """Event counts per (actor country, recipient country) among the TOP_COUNTRIES busiest countries."""
        where, values = dyad_conditions(filters)
        cells = _rows(self._cursor(), f"""WITH pairs AS (
                SELECT d.actor_country, d.recipient_country, count(*) AS count
                FROM explore_dyads AS d {where} GROUP BY ALL),
            busiest AS (
                SELECT country FROM (SELECT actor_country AS country, count FROM pairs
                                     UNION ALL SELECT recipient_country, count FROM pairs)
                GROUP BY country ORDER BY sum(count) DESC, country LIMIT {TOP_COUNTRIES})
            SELECT * FROM pairs WHERE actor_country IN (SELECT country FROM busiest)
                AND recipient_country IN (SELECT country FROM busiest)
            ORDER BY count DESC, actor_country, recipient_country""", values)
        countries = sorted({cell["actor_country"] for cell in cells} | {cell["recipient_country"] for cell in cells})
        return {"filters": filters.given(), "countries": countries, "cells": cells}
