"""The Dask engine gives the records of a local run, on a real two-process LocalCluster."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.coder import Coder, CoderOptions
from eventcoder.io.reading import Document
from eventcoder.engines.local import RunOptions, run
from eventcoder.io.writing import EVENT_SCHEMA, events_table, read_events

STORIES = [
    {"id": "a1", "text": "Israeli aircraft struck targets in southern Lebanon overnight, the military said.",
     "pub_date": "2024-02-11"},
    {"id": "a2", "text": "Germany promised to send air defence systems to Ukraine.\nThe deliveries start in March.",
     "pub_date": "2024-02-12"},
    {"id": "a3", "text": "The foreign ministers of France and Morocco met in Rabat on Monday."},
    {"id": "a4", "text": "Farmers in Paris protested against cheap imports and blocked roads with tractors."},
    {"id": "a5", "text": "The museum opened a new wing dedicated to medieval art."},
    {"id": "a6", "text": "North Korea threatened to retaliate against South Korea over the military drills.",
     "pub_date": "2024-03-01"},
    {"id": "a7", "text": "Venezuela expelled the Spanish ambassador, accusing Madrid of interference."},
    {"id": "a8", "text": "Kenya agreed to lead a security mission in Haiti, the United Nations said."},
]


def local_events(stories: list[dict]) -> list[dict]:
    coder = Coder(CoderOptions())
    events = [e for result in coder.code_batch([Document(**s) for s in stories]) for e in result.events]
    return sorted(events_table(events).to_pylist(), key=lambda row: row["id"])


def rows_of(frame: pd.DataFrame) -> list[dict]:
    table = pa.Table.from_pandas(frame, schema=EVENT_SCHEMA, preserve_index=False)
    return sorted(table.to_pylist(), key=lambda row: row["id"])


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=":0") as local_cluster:
        with distributed.Client(local_cluster) as client:
            yield local_cluster, client


@pytest.mark.slow
@pytest.mark.model
def test_dask_dataframe_gives_the_local_records(cluster):
    import dask.dataframe as dd

    from eventcoder.engines.dask import code_dask_dataframe

    ddf = dd.from_pandas(pd.DataFrame(STORIES), npartitions=3)
    coded = code_dask_dataframe(ddf, CoderOptions())
    assert list(coded.columns) == EVENT_SCHEMA.names
    result = rows_of(coded.compute())
    expected = local_events(STORIES)
    assert len(expected) >= 5
    assert result == expected


def write_jsonl(path, rows: list, extra_lines: tuple[str, ...] = ()) -> None:
    lines = [json.dumps(row) for row in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.model
def test_cli_dask_engine_matches_local_runs_and_keeps_rejections(cluster, tmp_path):
    from eventcoder.cli.code import command

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "one.jsonl", STORIES[:4], ("{broken",))
    write_jsonl(corpus / "two.jsonl", STORIES[4:] + [{"id": "a5", "text": "A repeated id."}])
    local_cluster, _ = cluster
    result = CliRunner().invoke(command, [str(corpus), "--engine", "dask", "--scheduler",
                                          local_cluster.scheduler_address, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    expected, expected_statuses = [], []
    for name in ("one.jsonl", "two.jsonl"):
        output = tmp_path / f"local-{name}"
        run(str(corpus / name), RunOptions(output=str(output), workers=1), CoderOptions())
        expected += read_events(output)
        expected_statuses += [json.loads(line) for line in output.with_name(output.name + ".docs.jsonl").open()]
    events = rows_of(pd.read_parquet(tmp_path / "out" / "events"))
    assert events == sorted(events_table_rows(expected), key=lambda row: row["id"])
    statuses = pq.read_table(tmp_path / "out" / "documents").to_pylist()
    assert [(s["id"], s["line"], s["status"], s["code"], s["events"]) for s in statuses] == [
        (s["id"], s["line"], s["status"], s["code"], s["events"]) for s in expected_statuses]
    assert {s["code"] for s in statuses if s["status"] == "rejected"} == {"malformed_json", "duplicate_id"}


def events_table_rows(dicts: list[dict]) -> list[dict]:
    return pa.Table.from_pylist(dicts, schema=EVENT_SCHEMA).to_pylist()


@pytest.mark.slow
@pytest.mark.model
def test_cli_dask_engine_honours_every_reading_option(cluster, tmp_path):
    from eventcoder.cli.code import command

    corpus = tmp_path / "in"
    corpus.mkdir()
    french = ("Le gouvernement a annoncé lundi de nouvelles sanctions contre la Russie, a indiqué le ministère "
              "des Affaires étrangères à Paris dans un communiqué.")
    write_jsonl(corpus / "1.data", [{"id": "fr", "text": french},
                                    {"id": "k1", "text": "Rebels attacked a police station in Kano on Monday."}])
    write_jsonl(corpus / "2.data", [{"id": "k2", "text": "On Monday rebels attacked a police station in Kano."},
                                    {"id": "long", "text": "Police arrested protesters. " * 20}])
    local_cluster, _ = cluster
    output = tmp_path / "out"
    result = CliRunner().invoke(command, [
        str(corpus / "*.data"), "--engine", "dask", "--scheduler", local_cluster.scheduler_address, "-o", str(output),
        "--input-format", "jsonl", "--no-language-check", "--max-chars", "300", "--pub-date", "2024-03-20",
        "--dedup", "one-a-day", "--strict", "--no-progress"])
    assert result.exit_code == 3, result.output  # --strict: the run completes, then reports the rejection
    assert "Error: 1 records rejected (--strict)" in result.stderr
    statuses = {row["id"]: (row["status"], row["code"]) for row in pq.read_table(output / "documents").to_pylist()}
    assert statuses == {"fr": ("no_events", ""), "k1": ("coded", ""), "k2": ("coded", ""), "long": ("rejected", "too_large")}
    events = pd.read_parquet(output / "events")
    assert set(events["pub_date"]) == {"2024-03-20"} and set(events["date"]) == {"2024-03-18"}
    kept = pd.read_parquet(output / "events.dedup.parquet")
    assert kept["story_id"].tolist() == ["k1"] and len(events) == 2
