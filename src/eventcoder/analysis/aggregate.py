"""Event counts per period and group: what `eventcoder aggregate` computes, in DuckDB.

One output row per period (its first day; weeks start on Monday) and value of each
grouping field, with
- events: distinct events in the group. Grouping by a party field (actor_country, ...)
  counts an event once in each of its parties' groups, never once per dyad row;
- mean_score (PLOVER score) and mean_goldstein (Goldstein value of the CAMEO root);
- verbal_cooperation, material_cooperation, verbal_conflict, material_conflict: how many
  of the events fall in each PLOVER quad class (quad_code 1-4).
The period comes from the event's date, else its story's publication date; events with
neither keep a row with a NULL period. By default only events whose aux is `asserted`
are counted, with no de-duplication; `aux` and `dedup` change that. De-duplication runs
analysis/dedup.py on the selected events (a Python pass over the events' dyads, so it
costs time on millions of events); everything else runs inside DuckDB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas
import pyarrow as pa

from eventcoder.analysis.dedup import METHODS, deduplicate
from eventcoder.analysis.dyads import write_query
from eventcoder.analysis.store import open_events, reading_errors
from eventcoder.ontology import AUX_MODES

EVENT_FIELDS = ("category", "mode", "quad_code", "cameo_root", "aux", "location_country", "location_admin1")
PARTY_FIELDS = ("actor_country", "recipient_country", "actor_sector", "recipient_sector")
GROUP_FIELDS = (*PARTY_FIELDS, *EVENT_FIELDS)
PERIODS = ("day", "week", "month", "year")
QUAD_COLUMNS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
DEFAULT_AUX = ("asserted",)


@dataclass(frozen=True)
class Selection:
    """Which events are counted: aux values (None: all) and a dedup method (None: none)."""

    aux: tuple[str, ...] | None = DEFAULT_AUX
    dedup: str | None = None
    window_days: int = 2

    def __post_init__(self) -> None:
        unknown = sorted(set(self.aux or ()) - set(AUX_MODES))
        if unknown:
            raise ValueError(f"unknown aux value {', '.join(unknown)}; choose from {', '.join(AUX_MODES)} or all")
        if self.dedup is not None and self.dedup not in METHODS:
            raise ValueError(f"unknown dedup method {self.dedup!r}; choose from {', '.join(METHODS)}")

    def describe(self) -> str:
        """One line for a person: what was counted and how to change it."""
        aux = "all events" if self.aux is None else f"events whose aux is {' or '.join(self.aux)}"
        dedup = f"de-duplicated with {self.dedup}" if self.dedup else "no de-duplication"
        return f"counting {aux}, {dedup} (change with --aux all|<aux,...> and --dedup {'|'.join(METHODS)})"


def _check_fields(by: Sequence[str], period: str) -> None:
    unknown = [field for field in by if field not in GROUP_FIELDS]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(unknown)}; choose from {', '.join(GROUP_FIELDS)}")
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")


def _aux_condition(selection: Selection) -> str:
    if selection.aux is None:
        return "true"
    return "aux IN (" + ", ".join(f"'{value}'" for value in selection.aux) + ")"


def _dedup_records(connection: duckdb.DuckDBPyConnection, condition: str) -> list[dict]:
    """The selected events in the shape analysis/dedup.py compares (countries and sectors of
    the parties, category, dates, place country), in a stable order so "first" is defined."""
    party = "list_transform({0}, lambda p: {{'country': p.country, 'sector': p.sector, " \
            "'other_sectors': coalesce(string_split(p.other_sectors, ';'), [])}})"
    query = f"""SELECT event_id AS id, story_id, category AS event, CAST(date AS VARCHAR) AS date,
        CAST(pub_date AS VARCHAR) AS pub_date, {{'country': location_country}} AS location,
        {party.format('actors')} AS actor, {party.format('recipients')} AS recipient
        FROM enriched_events WHERE {condition} ORDER BY event_date NULLS LAST, story_id, event_id"""
    return connection.sql(query).to_arrow_table().to_pylist()


def _register_kept(connection: duckdb.DuckDBPyConnection, selection: Selection, condition: str) -> str:
    """Runs the dedup method; returns the condition that keeps only its surviving events."""
    kept = deduplicate(_dedup_records(connection, condition), selection.dedup, selection.window_days)
    connection.register("kept_events", pa.table({"event_id": pa.array([e["id"] for e in kept], pa.string())}))
    return f"{condition} AND event_id IN (SELECT event_id FROM kept_events)"


def aggregate_query(connection: duckdb.DuckDBPyConnection, by: Sequence[str] = (), period: str = "month",
                    selection: Selection = Selection()) -> str:
    """The SQL of the aggregate table over the views of store.open_events (see the module docstring)."""
    _check_fields(by, period)
    condition = _aux_condition(selection)
    if selection.dedup:
        condition = _register_kept(connection, selection, condition)
    source = "dyads" if set(by) & set(PARTY_FIELDS) else "events"
    groups = "".join(f", {field}" for field in by)
    quads = "".join(f", count(*) FILTER (WHERE quad_code = {code}) AS {name}" for code, name in QUAD_COLUMNS.items())
    return f"""WITH counted AS (
        SELECT DISTINCT event_id, CAST(date_trunc('{period}', event_date) AS DATE) AS period{groups},
            score, goldstein, quad_code
        FROM {source} WHERE {condition})
    SELECT period{groups}, count(*) AS events, round(avg(score), 4) AS mean_score,
        round(avg(goldstein), 4) AS mean_goldstein{quads}
    FROM counted GROUP BY ALL ORDER BY ALL NULLS LAST"""


def aggregate_events(path: str | Path, by: Sequence[str] = (), period: str = "month",
                     selection: Selection = Selection(), format: str | None = None) -> pandas.DataFrame:
    """The aggregate table of the events at path (any output format) as pandas."""
    with open_events(path, format) as connection, reading_errors(path):
        return connection.sql(aggregate_query(connection, by, period, selection)).df()


def write_aggregate(path: str | Path, output: str | Path, by: Sequence[str] = (), period: str = "month",
                    selection: Selection = Selection(), format: str | None = None) -> pandas.DataFrame:
    """Write the aggregate table to output (CSV, Parquet or JSON by extension) and return it."""
    with open_events(path, format) as connection, reading_errors(path):
        query = aggregate_query(connection, by, period, selection)
        connection.execute(f"CREATE TEMPORARY TABLE aggregate_result AS {query}")
        write_query(connection, "SELECT * FROM aggregate_result ORDER BY ALL NULLS LAST", output, "aggregate")
        return connection.sql("SELECT * FROM aggregate_result ORDER BY ALL NULLS LAST").df()
