"""The batch core's inputs: folders and globs, reading many files as one stream, and the
first pass that lets a task reading one file alone reject what the stream rejects."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventcoder.engines.batch import earlier_claims, expected_records, input_files, read_inputs
from eventcoder.errors import InputFormatError
from eventcoder.io.reading import ReadOptions, Rejection, read_documents, read_rows, record_ids, row_ids

OPTIONS = ReadOptions(check_language=False)


def write_jsonl(path, records) -> str:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": "One."}, "{broken", {"text": "No id."},
                                               {"id": "x", "text": "Again."}, {"id": "y", "text": "Two."}])
    second = write_jsonl(tmp_path / "b.jsonl", [{"id": "y", "text": "Elsewhere."}, {"text": "No id either."},
                                                {"id": "z", "text": "Three."}, {"id": "y", "text": "Third y."}])
    pq.write_table(pa.table({"id": ["z", "w"], "text": ["Parquet z.", "Parquet w."]}), tmp_path / "c.parquet")
    (tmp_path / "notes.txt").write_text("not an input of a folder run")
    return [first, second, str(tmp_path / "c.parquet")]


def outcomes(items) -> list[tuple]:
    return [(item.source, item.line, item.id, getattr(item, "code", None), getattr(item, "reason", None))
            for item in items]


def test_a_folder_gives_its_record_files_sorted_and_a_glob_its_matches(tmp_path, files):
    assert input_files(str(tmp_path)) == files
    assert input_files(str(tmp_path / "*.jsonl")) == files[:2]
    assert input_files(files[0]) == [files[0]]
    assert input_files("-") == ["-"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputFormatError, match="is a directory with no input files"):
        input_files(str(tmp_path / "empty"))
    with pytest.raises(InputFormatError, match="matches no files"):
        input_files(str(tmp_path / "*.csv"))


def test_ids_repeated_across_files_are_rejected_like_within_one(files):
    items = list(read_inputs(files, OPTIONS))
    rejected = {(item.source.rsplit("/", 1)[-1], item.line): item.reason for item in items if isinstance(item, Rejection)}
    assert rejected[("a.jsonl", 4)].startswith("line 4: id 'x' was already used on line 1;")
    assert rejected[("b.jsonl", 1)].startswith(f"line 1: id 'y' was already used on line 5 of {files[0]};")
    assert rejected[("b.jsonl", 4)].startswith(f"line 4: id 'y' was already used on line 5 of {files[0]};")
    assert rejected[("c.parquet", 1)].startswith(f"line 1: id 'z' was already used on line 3 of {files[1]};")
    # records without an id are named by their line; line-2 of b.jsonl is no duplicate of a.jsonl's line-3
    assert ("b.jsonl", 2) not in rejected and ("a.jsonl", 3) not in rejected
    assert len(rejected) == 5  # the four duplicates and the malformed line


def test_one_file_alone_with_the_earlier_claims_rejects_what_the_stream_rejects(files):
    claims = earlier_claims([(name, list(record_ids(name, OPTIONS))) for name in files])
    assert claims[0] == {} and set(claims[1]) == {"y"} and set(claims[2]) == {"z"}
    alone = [item for name, claimed in zip(files, claims) for item in read_documents(name, OPTIONS, claimed=claimed)]
    assert outcomes(alone) == outcomes(read_inputs(files, OPTIONS))


def test_partitions_numbered_by_offset_read_as_one_table(files):
    rows = [{"id": "x", "text": "One."}, {"id": 5, "text": "Five."}, {"text": "No id."}, {"id": "x", "text": "Dup."},
            {"id": "5", "text": "Five again."}, {"id": ["bad"], "text": "A list id."}]
    parts = [rows[:2], rows[2:4], rows[4:]]
    offsets = [1, 3, 5]
    claims = earlier_claims([(None, list(row_ids(part, first))) for part, first in zip(parts, offsets)])
    alone = [item for part, first, claimed in zip(parts, offsets, claims)
             for item in read_rows(part, OPTIONS, "frame", first, claimed)]
    assert outcomes(alone) == outcomes(read_rows(rows, OPTIONS, "frame"))
    assert [getattr(item, "code", "") for item in alone] == ["", "", "", "duplicate_id", "duplicate_id", "bad_id"]


def test_expected_records_when_cheap(tmp_path, files):
    assert expected_records(files) == 5 + 4 + 2  # the malformed line is a record too
    assert expected_records([str(tmp_path / "notes.txt")]) == 1
    (tmp_path / "d.csv").write_text("id,text\n1,a\n")
    assert expected_records([files[0], str(tmp_path / "d.csv")]) is None  # CSV rows may span lines
