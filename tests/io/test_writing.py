"""Writers round-trip hand-built events in every format; resume drops unfinished events."""

from __future__ import annotations

import json

import pytest

from eventcoder.errors import InputFormatError
from eventcoder.records import Entity, Event, Evidence, Location, TextSpan
from eventcoder.io.writing import (
    EVENT_SCHEMA,
    csv_columns,
    drop_events_without_status,
    event_columns,
    open_writer,
    output_format,
    read_events,
)

FORMATS = {"jsonl": "out.jsonl", "csv": "out.csv", "parquet": "out.parquet", "duckdb": "out.duckdb"}


def make_event(number: int, story_id: str = "doc-1") -> Event:
    text = "Police in Lagos arrested twelve protesters; an official, said Ndlovu."
    actor = [Entity("Police", 0, 6, name="Nigerian police", country="NGA", sector="COP"),
             Entity("army", 10, 14, country="UKR", sector="MIL", other_sectors=["GOV"])]
    recipient = [Entity("protesters", 35, 45, country="NGA", sector="CVL")]
    evidence = Evidence(text, 0, 0, TextSpan("arrested", 16, 24), [TextSpan("Police", 0, 6)])
    return Event(
        id=f"{story_id}-e{number}", story_id=story_id, event="COERCE", actor=actor, recipient=recipient,
        evidence=evidence, pub_date="2024-03-18", date="2024-03-17", mode="arrest", context=["protest"],
        attributed_to=Entity("Ndlovu", 60, 66, name="Ndlovu"), quad_code=4, score=-7.0,
        location=Location("Lagos", name="Lagos", country="NGA", lat=6.45, lon=3.39, start=10, end=15),
        arrested=12, event_text="arrested", confidence=0.8, coder_version="0.1.0",
    )


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_writer_round_trips(tmp_path, format_name):
    path = tmp_path / FORMATS[format_name]
    writer = open_writer(path)
    writer.write([make_event(1), make_event(2)])
    writer.write([])
    writer.write([make_event(3, "doc-2")])
    writer.close()
    rows = read_events(path)
    assert [row["id"] for row in rows] == ["doc-1-e1", "doc-1-e2", "doc-2-e3"]
    if format_name == "csv":
        assert rows[0]["actor_country"] == "NGA;UKR"
        assert rows[0]["actor_sector"] == "COP;MIL+GOV"
        assert rows[0]["trigger_start"] == "16"
    else:
        assert rows[0] == make_event(1).to_dict()
        assert Event.from_dict(rows[2]) == make_event(3, "doc-2")


@pytest.mark.parametrize("format_name", FORMATS)
def test_append_keeps_earlier_events(tmp_path, format_name):
    path = tmp_path / FORMATS[format_name]
    first = open_writer(path)
    first.write([make_event(1)])
    first.close()
    second = open_writer(path, append=True)
    second.write([make_event(2)])
    second.close()
    assert [row["id"] for row in read_events(path)] == ["doc-1-e1", "doc-1-e2"]
    third = open_writer(path)  # not appending: starts over
    third.write([make_event(3)])
    third.close()
    assert [row["id"] for row in read_events(path)] == ["doc-1-e3"]


@pytest.mark.parametrize("format_name", ["parquet", "duckdb"])
def test_empty_run_has_the_full_schema(tmp_path, format_name):
    import pyarrow.parquet as pq

    path = tmp_path / FORMATS[format_name]
    open_writer(path).close()
    assert read_events(path) == []
    if format_name == "parquet":
        assert pq.read_table(path).schema.equals(EVENT_SCHEMA)


def test_jsonl_is_one_to_dict_per_line_with_unicode_kept(tmp_path):
    path = tmp_path / "out.jsonl"
    event = make_event(1)
    event.actor[0].text = "Полиция"
    writer = open_writer(path)
    writer.write([event])
    writer.close()
    line = path.read_text(encoding="utf-8")
    assert line == json.dumps(event.to_dict(), ensure_ascii=False) + "\n"
    assert "Полиция" in line


def test_event_columns_flattens_lists_and_missing_parts():
    event = make_event(1)
    event.location = None
    event.attributed_to = None
    row = event_columns(event)
    assert list(row) == csv_columns()
    assert row["actor_text"] == "Police | army"
    assert row["recipient_country"] == "NGA"
    assert row["location_name"] is None and row["attributed_to"] == ""
    assert row["evidence_sentence"].startswith("Police in Lagos")


def test_format_from_extension_and_explicit_format_wins(tmp_path):
    assert output_format("a.db") == "duckdb"
    assert output_format("a.ndjson") == "jsonl"
    assert output_format("a.json") == "jsonl"  # read: what earlier versions wrote
    assert output_format("-") == "jsonl"
    assert output_format("a.txt", "csv") == "csv"
    assert output_format("a.json", "jsonl") == "jsonl"  # asked for explicitly


def test_json_output_is_refused_not_written_as_jsonl(tmp_path):
    with pytest.raises(InputFormatError, match=r"a\.json: eventcoder writes JSON Lines.*\.jsonl"):
        open_writer(tmp_path / "a.json")
    assert not (tmp_path / "a.json").exists()
    with pytest.raises(InputFormatError, match="output format"):
        open_writer(tmp_path / "a.xlsx")


@pytest.mark.parametrize("format_name", FORMATS)
def test_drop_events_without_status(tmp_path, format_name):
    path = tmp_path / FORMATS[format_name]
    writer = open_writer(path)
    writer.write([make_event(1, "done"), make_event(2, "unfinished")])
    writer.write([make_event(3, "done")])
    writer.close()
    assert drop_events_without_status(path, {"done"}) == 1
    assert [row["id"] for row in read_events(path)] == ["done-e1", "done-e3"]
    assert drop_events_without_status(path, {"done"}) == 0


def test_drop_removes_a_line_cut_by_a_crash(tmp_path):
    path = tmp_path / "out.jsonl"
    writer = open_writer(path)
    writer.write([make_event(1, "done")])
    writer.close()
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(make_event(2, "done").to_dict())[:50])
    assert drop_events_without_status(path, {"done"}) == 1
    assert [row["id"] for row in read_events(path)] == ["done-e1"]


def test_drop_removes_a_csv_row_cut_inside_a_quoted_field(tmp_path):
    path = tmp_path / "out.csv"
    event = make_event(2, "done")
    event.evidence.sentence = "First line,\nsecond line of the sentence."
    writer = open_writer(path)
    writer.write([make_event(1, "done"), event])
    writer.close()
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"second line")])  # killed in the middle of the second row
    assert drop_events_without_status(path, {"done"}) == 1
    assert [row["id"] for row in read_events(path)] == ["done-e1"]
