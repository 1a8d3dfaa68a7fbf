"""Coded events as typed DuckDB views: `events` (one row per event) and `dyads` (one row
per event x actor x recipient), read from any output format eventcoder writes.

API (what `eventcoder aggregate`, `eventcoder dyads` and the web explorer call):

    open_events(path, format=None, *, materialize=False, connection=None) -> duckdb.DuckDBPyConnection
        Reads a JSONL file, a CSV file, a Parquet file or folder of parts, or a DuckDB
        database (opened read-only) and creates on the returned connection:
          - view `events`: one row per event, flat typed columns (see EVENT_COLUMNS and
            docs/columns.md), plus `record`, the whole record as JSON text;
          - view `dyads`: one row per event x actor x recipient (see DYAD_COLUMNS);
          - tables `cameo_map` and `place_ids`: the package lookups the views join.
        materialize=True copies both views into in-memory tables first (faster repeated
        queries, e.g. a web app; costs memory). `connection` lets a caller supply its own.
    input_format(path, format=None) -> str: "jsonl" | "csv" | "parquet" | "duckdb".
    reading_errors(path): a context manager turning DuckDB's read errors (a malformed
        line found when a query runs) into InputFormatError naming the file.
    EVENT_COLUMNS, DYAD_COLUMNS: the column names of the two views, in order.

Nothing is looped over in Python: DuckDB reads JSONL and Parquet itself (read_json,
read_parquet), so the views hold for millions of events. One null policy for every
format: a missing value is NULL, never '' and never a struct of empty values. CSV output
does not carry an entity's kind, organization or source, nor the record's nested
evidence; from CSV those columns are NULL (docs/columns.md says which).

Parties: identical parties (same name, country and sectors) whose spans overlap are one
party ("Xi" found twice from overlapping spans counts once). An event with no actor or no
recipient keeps one dyad row with NULL in that party's columns.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import duckdb
import pyarrow as pa

from eventcoder.errors import InputFormatError
from eventcoder.io.writing import EVENT_SCHEMA, output_format

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

REQUIRED_COLUMNS = {"id", "event"}
PASSTHROUGH_COLUMNS = ("url", "title", "source_name")
"""Input-document fields records carry (NULL when the input gave none, or in files of older versions)."""


# ---------------------------------------------------------------- reading each format


def input_format(path: str | Path, format: str | None = None) -> str:
    """The format of an events file: explicit format wins, a folder is Parquet parts, else the extension."""
    path = Path(path)
    if not path.exists():
        raise InputFormatError(f"{path}: no such file or folder")
    if format is None and path.is_dir():
        return "parquet"
    return output_format(path, format)


def _duckdb_type(arrow_type: pa.DataType) -> str:
    """DuckDB type text for an EVENT_SCHEMA type, so JSONL is read with the writer's schema."""
    if pa.types.is_struct(arrow_type):
        fields = ", ".join(f'"{field.name}" {_duckdb_type(field.type)}' for field in arrow_type)
        return f"STRUCT({fields})"
    if pa.types.is_list(arrow_type):
        return _duckdb_type(arrow_type.value_type) + "[]"
    names = {pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN"}
    return names[arrow_type]


def _sql_text(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _first_record_keys(path: Path) -> set[str]:
    """The keys of the first JSON line: read_json with a fixed schema would give any JSON
    file (a status log, say) rows of NULLs rather than an error."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        line = next((line for line in handle if line.strip()), "")
    try:
        record = json.loads(line) if line else {}
    except json.JSONDecodeError as error:
        raise InputFormatError(f"{path}, first line: not JSON ({error.msg})") from error
    return set(record) if isinstance(record, dict) else set()


def _jsonl_source(connection: duckdb.DuckDBPyConnection, path: Path) -> str:
    keys = _first_record_keys(path)
    if keys and not REQUIRED_COLUMNS <= keys:
        raise InputFormatError(f"{path}: not eventcoder event records (no {', '.join(sorted(REQUIRED_COLUMNS - keys))})")
    columns = {field.name: _duckdb_type(field.type) for field in EVENT_SCHEMA}
    columns |= {name: "VARCHAR" for name in PASSTHROUGH_COLUMNS}
    spec = "{" + ", ".join(f"{_sql_text(name)}: {_sql_text(kind)}" for name, kind in columns.items()) + "}"
    return f"SELECT * FROM read_json({_sql_text(path)}, format='newline_delimited', columns={spec})"


def _parquet_source(connection: duckdb.DuckDBPyConnection, path: Path) -> str:
    if path.is_dir():
        parts = sorted(path.glob("*.parquet")) or sorted(path.rglob("*.parquet"))
        if not parts:
            raise InputFormatError(f"{path}: a folder with no Parquet part files")
        target = "[" + ", ".join(_sql_text(part) for part in parts) + "]"
    else:
        target = _sql_text(path)
    return f"SELECT * FROM read_parquet({target}, union_by_name=true)"


def _duckdb_source(connection: duckdb.DuckDBPyConnection, path: Path) -> str:
    connection.execute(f"ATTACH {_sql_text(path)} AS source_database (READ_ONLY)")
    tables = connection.execute(
        "SELECT 1 FROM duckdb_tables() WHERE database_name = 'source_database' AND table_name = 'events'").fetchall()
    if not tables:
        raise InputFormatError(f"{path}: a DuckDB database with no `events` table")
    return "SELECT * FROM source_database.events"


def _csv_source(connection: duckdb.DuckDBPyConnection, path: Path) -> str:
    # all_varchar: the writer's flat strings are cast here, one rule for every column.
    raw = f"SELECT * FROM read_csv({_sql_text(path)}, header=true, all_varchar=true)"
    names = ['"' + row[0].replace('"', '""') + '"' for row in connection.execute(f"DESCRIBE {raw}").fetchall()]
    # The writer puts ' before a cell that starts like a formula (io/writing.py neutralised_cell).
    restored = ", ".join(f"CASE WHEN starts_with({name}, '''') THEN {name}[2:] ELSE {name} END AS {name}"
                         for name in names)
    return f"SELECT {restored} FROM ({raw})"


SOURCES = {"jsonl": _jsonl_source, "csv": _csv_source, "parquet": _parquet_source, "duckdb": _duckdb_source}


def _columns_of(connection: duckdb.DuckDBPyConnection, query: str) -> set[str]:
    return {row[0] for row in connection.execute(f"DESCRIBE {query}").fetchall()}


def _with_passthrough(connection: duckdb.DuckDBPyConnection, query: str, path: Path) -> str:
    """Adds url/title/source_name as NULL when the records do not carry them."""
    present = _columns_of(connection, query)
    if not REQUIRED_COLUMNS <= present:
        raise InputFormatError(f"{path}: not eventcoder event records (no {', '.join(sorted(REQUIRED_COLUMNS - present))})")
    missing = [f"NULL::VARCHAR AS {name}" for name in PASSTHROUGH_COLUMNS if name not in present]
    return f"SELECT *, {', '.join(missing)} FROM ({query})" if missing else query


# ---------------------------------------------------------------- one normalized shape

ENTITY_FIELDS = ("text", "start", "end", "name", "country", "sector", "other_sectors", "organization", "kind", "source")


def _nested_party(column: str) -> str:
    """A record's entity list with '' as NULL and other_sectors joined by ';'."""
    return f"""list_transform(coalesce({column}, []), lambda p, i: {{
        'position': i, 'text': nullif(p.text, ''), 'start': p.start, 'end': p."end",
        'name': nullif(p.name, ''), 'country': nullif(p.country, ''), 'sector': nullif(p.sector, ''),
        'other_sectors': nullif(array_to_string(p.other_sectors, ';'), ''),
        'organization': nullif(p.organization, ''), 'kind': nullif(p.kind, ''), 'source': nullif(p.source, '')}})"""


def _csv_party(prefix: str) -> str:
    """The CSV writer packs a list as ';' (codes) or ' | ' (words) columns; unpack them by position."""
    def item(column: str, separator: str = ";") -> str:
        return f"nullif(string_split({prefix}_{column}, '{separator}')[i], '')"

    count = f"CASE WHEN coalesce({prefix}_start, '') = '' THEN 0 ELSE len(string_split({prefix}_start, ';')) END"
    sectors = f"string_split({item('sector')}, '+')"
    return f"""list_transform(range(1, {count} + 1), lambda i: {{
        'position': i, 'text': {item('text', ' | ')}, 'start': try_cast({item('start')} AS BIGINT),
        'end': try_cast({item('end')} AS BIGINT), 'name': {item('name', ' | ')}, 'country': {item('country')},
        'sector': nullif({sectors}[1], ''), 'other_sectors': nullif(array_to_string({sectors}[2:], ';'), ''),
        'organization': NULL::VARCHAR, 'kind': NULL::VARCHAR, 'source': NULL::VARCHAR}})"""


def _collapse_overlaps(parties: str) -> str:
    """Drops a party identical to an earlier one (name, country, sectors) whose span overlaps it."""
    same = "q.name IS NOT DISTINCT FROM p.name AND q.country IS NOT DISTINCT FROM p.country " \
           "AND q.sector IS NOT DISTINCT FROM p.sector AND q.other_sectors IS NOT DISTINCT FROM p.other_sectors"
    overlap = '((q.start < p."end" AND p.start < q."end") OR (q.start = p.start AND q."end" = p."end"))'
    earlier = f"list_bool_or(list_transform({parties}[1:i - 1], lambda q: {same} AND {overlap}))"
    # Most events have one party: skip the pairwise lambda for them (a third of the view's cost).
    return f"CASE WHEN len({parties}) < 2 THEN {parties} ELSE list_filter({parties}, lambda p, i: NOT coalesce({earlier}, false)) END"


NESTED_FIELDS = {
    "event_id": "id", "story_id": "nullif(story_id, '')", "date_text": "date", "pub_date_text": "pub_date",
    "date_source": "nullif(date_source, '')", "category": "nullif(event, '')", "mode": "nullif(mode, '')",
    "aux": "nullif(aux, '')", "context": "nullif(array_to_string(context, ';'), '')",
    "quad_code": "quad_code", "score": "score", "confidence": "confidence",
    "attributed_to_text": "nullif(attributed_to.text, '')", "attributed_to_name": "nullif(attributed_to.name, '')",
    "attributed_to_country": "nullif(attributed_to.country, '')",
    "location_text": "nullif(location.text, '')", "location_name": "nullif(location.name, '')",
    "location_country": "nullif(location.country, '')", "location_admin1": "nullif(location.admin1, '')",
    "location_lat": "location.lat", "location_lon": "location.lon",
    "dead": "dead", "injured": "injured", "arrested": "arrested", "size": "size",
    "event_text": "nullif(event_text, '')", "sentence": "nullif(evidence.sentence, '')",
    "sentence_index": "evidence.sentence_index", "sentence_start": "evidence.sentence_start",
    "trigger_text": "nullif(evidence.trigger.text, '')", "trigger_start": "evidence.trigger.start",
    "trigger_end": "evidence.trigger.\"end\"", "coder_version": "nullif(coder_version, '')",
    "url": "nullif(url, '')", "title": "nullif(title, '')", "source_name": "nullif(source_name, '')",
    "actor_list": _nested_party("actor"), "recipient_list": _nested_party("recipient"),
    "record": "to_json(source_row)",
}

CSV_CASTS = {
    "quad_code": "BIGINT", "score": "DOUBLE", "confidence": "DOUBLE", "location_lat": "DOUBLE",
    "location_lon": "DOUBLE", "dead": "BIGINT", "injured": "BIGINT", "arrested": "BIGINT", "size": "BIGINT",
    "sentence_index": "BIGINT", "sentence_start": "BIGINT", "trigger_start": "BIGINT", "trigger_end": "BIGINT",
}
CSV_NAMES = {"event_id": "id", "date_text": "date", "pub_date_text": "pub_date", "category": "event",
             "attributed_to_text": "attributed_to", "sentence": "evidence_sentence"}


def _csv_field(name: str) -> str:
    column = CSV_NAMES.get(name, name)
    if name in CSV_CASTS:
        return f"try_cast(nullif({column}, '') AS {CSV_CASTS[name]})"
    return f"nullif({column}, '')"


def _csv_fields() -> dict[str, str]:
    fields = {name: _csv_field(name) for name in NESTED_FIELDS}
    fields["actor_list"] = _csv_party("actor")
    fields["recipient_list"] = _csv_party("recipient")
    fields["record"] = "to_json(source_row)"
    return fields


def _normalized(source: str, fields: dict[str, str]) -> str:
    selected = ",\n        ".join(f"{expression} AS {name}" for name, expression in fields.items())
    return f"SELECT {selected}\n    FROM ({source}) AS source_row"


# ---------------------------------------------------------------- the two views

EVENT_COLUMNS = (
    "event_id", "story_id", "event_date", "date", "pub_date", "date_source", "category", "mode", "aux",
    "context", "quad_code", "score", "cameo_root", "goldstein", "confidence",
    "attributed_to_text", "attributed_to_name", "attributed_to_country",
    "location_text", "location_name", "location_country", "location_admin1", "location_lat", "location_lon",
    "location_precision", "location_geonameid", "dead", "injured", "arrested", "size",
    "event_text", "sentence", "sentence_index", "sentence_start", "trigger_text", "trigger_start", "trigger_end",
    "url", "title", "source_name", "coder_version", "actor_count", "recipient_count", "record",
)

PARTY_COLUMNS = ("index", "text", "name", "country", "sector", "other_sectors", "organization", "kind",
                 "inferred", "country_inferred", "start", "end")

DYAD_EVENT_COLUMNS = (
    "event_id", "story_id", "event_date", "date", "pub_date", "category", "mode", "aux", "quad_code",
    "score", "cameo_root", "goldstein", "confidence",
)
DYAD_COLUMNS = (
    *DYAD_EVENT_COLUMNS,
    *(f"actor_{name}" for name in PARTY_COLUMNS), *(f"recipient_{name}" for name in PARTY_COLUMNS),
    "location_name", "location_country", "location_admin1", "location_lat", "location_lon",
    "location_precision", "location_geonameid", "dead", "injured", "arrested", "size",
    "url", "title", "source_name",
)

ENRICHED = """
SELECT n.* EXCLUDE (date_text, pub_date_text, actor_list, recipient_list, record),
    {actors} AS actors, {recipients} AS recipients,
    try_cast(left(n.date_text, 10) AS DATE) AS date, try_cast(left(n.pub_date_text, 10) AS DATE) AS pub_date,
    coalesce(try_cast(left(n.date_text, 10) AS DATE), try_cast(left(n.pub_date_text, 10) AS DATE)) AS event_date,
    coalesce(by_mode.cameo_root, by_category.cameo_root) AS cameo_root,
    coalesce(by_mode.goldstein, by_category.goldstein) AS goldstein,
    place.kind AS location_precision, place.geonameid AS location_geonameid,
    len(actors) AS actor_count, len(recipients) AS recipient_count, n.record
FROM normalized_events AS n
LEFT JOIN cameo_map AS by_mode ON by_mode.category = n.category AND by_mode.mode = n.mode
LEFT JOIN cameo_map AS by_category ON by_category.category = n.category AND by_category.mode = ''
LEFT JOIN place_ids AS place ON place.name = n.location_name AND place.country = n.location_country
    AND place.admin1 IS NOT DISTINCT FROM n.location_admin1
    AND place.lat IS NOT DISTINCT FROM n.location_lat AND place.lon IS NOT DISTINCT FROM n.location_lon
""".format(actors=_collapse_overlaps("n.actor_list"), recipients=_collapse_overlaps("n.recipient_list"))


def _party_select(side: str) -> str:
    """Columns of one party of a dyad row; an inferred party has kind inferred/unidentified
    (or, from CSV, which has no kind: no words in the text)."""
    inferred = f"coalesce({side}.kind IN ('inferred', 'unidentified'), {side}.text IS NULL)"
    country_inferred = f"CASE WHEN {side}.position IS NULL THEN NULL WHEN {inferred} THEN true " \
                       f"ELSE contains({side}.source, 'country inferred') END"
    values = {
        "index": f"{side}.position", "text": f"{side}.text", "name": f"{side}.name", "country": f"{side}.country",
        "sector": f"{side}.sector", "other_sectors": f"{side}.other_sectors",
        "organization": f"{side}.organization", "kind": f"{side}.kind",
        "inferred": f"CASE WHEN {side}.position IS NULL THEN NULL ELSE {inferred} END",
        "country_inferred": country_inferred, "start": f"{side}.start", "end": f'{side}."end"',
    }
    prefix = "actor" if side == "a" else "recipient"
    return ", ".join(f'{values[name]} AS "{prefix}_{name}"' for name in PARTY_COLUMNS)


def _dyads_query() -> str:
    # Unnest in the select list, one level at a time: DuckDB runs a lateral unnest of a
    # CASE expression (needed to keep events with no party) about 15 times slower.
    event_part = ", ".join(f"e.{name}" for name in DYAD_EVENT_COLUMNS)
    tail = [name for name in DYAD_COLUMNS if name.startswith("location_") or name in
            ("dead", "injured", "arrested", "size", "url", "title", "source_name")]
    padded = "unnest(CASE WHEN len({0}) = 0 THEN [NULL] ELSE {0} END)"
    return f"""SELECT {event_part}, {_party_select('a')}, {_party_select('r')}, {', '.join('e.' + n for n in tail)}
FROM (SELECT e.*, {padded.format('e.recipients')} AS r
      FROM (SELECT *, {padded.format('actors')} AS a FROM enriched_events) AS e) AS e"""


# ---------------------------------------------------------------- lookups and entry point


def _data_file(*parts: str) -> str:
    return str(files("eventcoder.knowledge").joinpath("data", *parts))


LOOKUP_QUERIES = {
    "cameo_map": """SELECT category, coalesce(mode, '') AS mode, cameo_root, goldstein
        FROM read_csv({cameo}, delim='\t', header=true,
                      types={{'cameo_root': 'VARCHAR', 'mode': 'VARCHAR', 'goldstein': 'DOUBLE'}})""",
    "place_ids": """SELECT kind, name, country, nullif(admin1, '') AS admin1, lat, lon, geonameid
        FROM read_csv({places}, delim='\t', header=true, quote='',
                      types={{'admin1': 'VARCHAR', 'lat': 'DOUBLE', 'lon': 'DOUBLE', 'geonameid': 'BIGINT'}})""",
}


@functools.cache
def _lookup_tables() -> dict[str, pa.Table]:
    """The package lookups, read once per process (the place table takes ~0.5 s to parse)."""
    paths = {"cameo": _sql_text(_data_file("cameo", "plover_to_cameo.tsv")),
             "places": _sql_text(_data_file("places", "place_ids.tsv.gz"))}
    with duckdb.connect() as reader:
        return {name: reader.sql(query.format(**paths)).to_arrow_table() for name, query in LOOKUP_QUERIES.items()}


def _create_lookups(connection: duckdb.DuckDBPyConnection) -> None:
    for name, table in _lookup_tables().items():
        connection.register(f"{name}_arrow", table)
        connection.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_arrow")
        connection.unregister(f"{name}_arrow")


@contextmanager
def reading_errors(path: str | Path) -> Iterator[None]:
    """DuckDB reads lazily, so a bad line surfaces when a query runs: name the file in the error."""
    try:
        yield
    except (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.IOException) as error:
        raise InputFormatError(f"{path}: cannot read the events ({str(error).splitlines()[0]})") from error


def open_events(path: str | Path, format: str | None = None, *, materialize: bool = False,
                connection: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """Views `events` and `dyads` over the events at path (see the module docstring)."""
    chosen = input_format(path, format)
    connection = connection or duckdb.connect()
    source = _with_passthrough(connection, SOURCES[chosen](connection, Path(path)), Path(path))
    fields = _csv_fields() if chosen == "csv" else NESTED_FIELDS
    _create_lookups(connection)
    try:
        connection.execute(f"CREATE OR REPLACE VIEW normalized_events AS {_normalized(source, fields)}")
    except duckdb.Error as error:
        raise InputFormatError(f"{path}: not an eventcoder {chosen} events file ({error})") from error
    connection.execute(f"CREATE OR REPLACE VIEW enriched_events AS {ENRICHED}")
    kind = "TABLE" if materialize else "VIEW"
    connection.execute(f"CREATE OR REPLACE {kind} events AS SELECT {', '.join(EVENT_COLUMNS)} FROM enriched_events")
    connection.execute(f"CREATE OR REPLACE {kind} dyads AS {_dyads_query()}")
    return connection
