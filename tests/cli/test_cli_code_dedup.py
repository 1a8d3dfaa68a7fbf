"""De-duplicated copies are written through the writer interface, in the output's own format,
and `eventcoder dedup` reads every output format."""

import json

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.io.writing import read_events

STORIES = [
    {"id": "s1", "text": "Rebels attacked a police station in Kano on Monday.", "pub_date": "2024-03-20"},
    {"id": "s2", "text": "On Monday rebels attacked a police station in Kano, officials said.",
     "pub_date": "2024-03-20"},
]


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def code(corpus, output, *args):
    return invoke("code", corpus, "-o", output, "--workers", "1", "--no-progress", *args)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("dedup") / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in STORIES) + "\n")
    return path


@pytest.mark.model
def test_code_writes_a_deduplicated_copy(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    result = code(corpus, out, "--dedup", "one-a-day")
    assert result.exit_code == 0, result.output
    full = [json.loads(line) for line in out.read_text().splitlines()]
    kept = [json.loads(line) for line in (tmp_path / "out.jsonl.dedup.jsonl").read_text().splitlines()]
    assert [e["story_id"] for e in full] == ["s1", "s2"]
    assert [e["story_id"] for e in kept] == ["s1"]
    assert f"dedup (one-a-day): 2 records in, 1 out -> {out}.dedup.jsonl" in result.stderr


@pytest.mark.model
def test_code_to_parquet_writes_the_clustered_copy_as_parquet(corpus, tmp_path):
    out = tmp_path / "out.parquet"
    result = code(corpus, out, "--dedup", "cluster")
    assert result.exit_code == 0, result.output
    copy = tmp_path / "out.parquet.dedup.parquet"
    assert copy.is_dir() and [p.name for p in copy.iterdir()] == ["part-000000.parquet"]
    frame = pd.read_parquet(copy)
    assert frame[["story_id", "duplicate_count"]].values.tolist() == [["s1", 2]]
    assert list(frame["story_ids"][0]) == ["s1", "s2"]
    assert frame["event"][0] == "ASSAULT"


def test_code_refuses_dedup_to_stdout():
    result = invoke("code", "-", "--dedup", "one-a-day")
    assert result.exit_code == 2
    assert "--dedup needs -o OUTPUT" in result.stderr


@pytest.fixture(scope="module")
def outputs(corpus, tmp_path_factory):
    """The same two events written in every output format."""
    directory = tmp_path_factory.mktemp("formats")
    paths = {name: directory / f"events.{name}" for name in ("jsonl", "csv", "parquet", "duckdb")}
    for path in paths.values():
        assert code(corpus, path).exit_code == 0
    return paths


@pytest.mark.model
@pytest.mark.parametrize("source", ["jsonl", "csv", "parquet", "duckdb"])
@pytest.mark.parametrize("target", ["jsonl", "csv", "parquet", "duckdb"])
def test_dedup_reads_and_writes_every_format(outputs, tmp_path, source, target):
    output = tmp_path / f"kept.{target}"
    result = invoke("dedup", outputs[source], "-o", output, "--method", "cluster")
    assert result.exit_code == 0, result.output
    assert "2 records in, 1 out" in result.stderr
    (row,) = read_events(output)
    assert row["story_id"] == "s1" and row["event"] == "ASSAULT"
    assert row["duplicate_count"] in (2, "2")  # CSV cells are text
    if target != "csv":
        assert list(row["story_ids"]) == ["s1", "s2"]
        assert [a["country"] for a in row["actor"]] == [a["country"] for a in read_events(outputs["jsonl"])[0]["actor"]]


@pytest.mark.model
def test_dedup_reads_a_single_parquet_file_and_writes_real_parquet(outputs, tmp_path):
    single = next(outputs["parquet"].glob("part-*.parquet"))
    result = invoke("dedup", single, "-o", tmp_path / "x.parquet")
    assert result.exit_code == 0, result.output
    assert pd.read_parquet(tmp_path / "x.parquet")["story_id"].tolist() == ["s1"]
    with duckdb.connect() as connection:  # readable by other tools: not JSONL in a .parquet name
        assert connection.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/x.parquet/*.parquet')").fetchone() == (1,)


def test_dedup_refuses_json_output_and_unknown_input(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "story_id": "s", "event": "ASSAULT", "date": "2024-01-01"}) + "\n")
    refused = invoke("dedup", source, "-o", tmp_path / "out.json")
    assert refused.exit_code == 1
    assert "eventcoder writes JSON Lines" in refused.stderr and not (tmp_path / "out.json").exists()
    missing = invoke("dedup", tmp_path / "none.parquet")
    assert missing.exit_code == 1 and "none.parquet does not exist" in missing.stderr
    to_stdout = invoke("dedup", source)
    assert to_stdout.exit_code == 0 and json.loads(to_stdout.stdout)["id"] == "a"
