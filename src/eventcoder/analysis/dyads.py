"""The tidy dyad table: one row per event x actor x recipient, as pandas or as a file.

The rows come from the `dyads` view of analysis/store.py (columns: store.DYAD_COLUMNS,
meanings: docs/columns.md). Exports are ordered by event id, actor and recipient
position, so the same events give the same file.
"""

from __future__ import annotations

from pathlib import Path

import pandas

from eventcoder.analysis.store import open_events, reading_errors
from eventcoder.errors import InputFormatError

DYAD_ORDER = "event_id, actor_index NULLS FIRST, recipient_index NULLS FIRST"
TABLE_EXTENSIONS = {".csv": "csv", ".parquet": "parquet", ".duckdb": "duckdb", ".db": "duckdb",
                    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def dyads_dataframe(path: str | Path, format: str | None = None) -> pandas.DataFrame:
    """The dyad table of the events at path (any output format) as a pandas DataFrame."""
    with open_events(path, format) as connection, reading_errors(path):
        return connection.sql(f"SELECT * FROM dyads ORDER BY {DYAD_ORDER}").df()


def table_format(path: str | Path) -> str:
    """csv, parquet, duckdb, json (one array) or jsonl, from the output file's extension."""
    chosen = TABLE_EXTENSIONS.get(Path(path).suffix.lower())
    if chosen is None:
        raise InputFormatError(f"{path}: cannot tell the output format; use one of {', '.join(TABLE_EXTENSIONS)}")
    return chosen


def _sql_text(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def write_query(connection, query: str, output: str | Path, table: str) -> None:
    """Write the rows of query to output (format by extension); a .duckdb file gets a table."""
    chosen = table_format(output)
    if chosen == "duckdb":
        Path(output).unlink(missing_ok=True)
        connection.execute(f"ATTACH {_sql_text(output)} AS target_database")
        connection.execute(f"CREATE TABLE target_database.{table} AS {query}")
        connection.execute("DETACH target_database")
        return
    options = {"csv": "FORMAT csv, HEADER true", "parquet": "FORMAT parquet",
               "json": "FORMAT json, ARRAY true", "jsonl": "FORMAT json"}[chosen]
    connection.execute(f"COPY ({query}) TO {_sql_text(output)} ({options})")


def export_dyads(path: str | Path, output: str | Path, format: str | None = None) -> int:
    """Write the dyad table of the events at path to output; return the number of rows."""
    with open_events(path, format) as connection, reading_errors(path):
        query = f"SELECT * FROM dyads ORDER BY {DYAD_ORDER}"
        write_query(connection, query, output, "dyads")
        return connection.execute("SELECT count(*) FROM dyads").fetchone()[0]
