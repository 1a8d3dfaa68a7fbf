"""The status log: one durable row per record, resumable after a crash."""

from __future__ import annotations

import json

import pytest

import pyarrow.parquet as pq

from eventcoder.engines.batch import CodedBatch, RunSummary
from eventcoder.io.status import STATUS_SCHEMA, DocumentStatus, StatusLog, status_path, status_table, truncate_partial_tail


def test_status_path_is_beside_the_output_for_every_format(tmp_path):
    assert status_path(tmp_path / "OUT.jsonl") == tmp_path / "OUT.jsonl.docs.jsonl"
    assert status_path("runs/out.parquet").name == "out.parquet.docs.jsonl"
    assert status_path("out.duckdb").name == "out.duckdb.docs.jsonl"


ROWS = [
    DocumentStatus("a", 1, "coded", events=3, source="in.jsonl"), DocumentStatus("b", 2, "no_events"),
    DocumentStatus(None, 3, "rejected", reason="line 3: malformed JSON", code="malformed_json"),
    DocumentStatus("d", 4, "rejected", reason="line 4: empty", code="empty_text"),
]


def test_rows_and_summary(tmp_path):
    path = tmp_path / "out.jsonl.docs.jsonl"
    summary = RunSummary()
    with StatusLog(path) as log:
        for batch in (ROWS[:2], ROWS[2:]):
            log.record(batch)
            summary.add(CodedBatch([], batch, sentences=2))
    assert (summary.documents, summary.sentences, summary.events) == (4, 4, 0)
    assert summary.statuses == {"coded": 1, "no_events": 1, "rejected": 2}
    assert summary.rejections == {"malformed_json": 1, "empty_text": 1}
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert rows[0] == {"id": "a", "line": 1, "status": "coded", "events": 3, "reason": "", "code": "", "flags": [],
                       "source": "in.jsonl"}
    assert rows[2]["reason"] == "line 3: malformed JSON"


def test_summaries_of_parts_merge_into_the_summary_of_the_whole():
    whole, first, second = RunSummary(), RunSummary(files=1), RunSummary(files=1)
    whole.add(CodedBatch([], ROWS, sentences=5))
    first.add(CodedBatch([], ROWS[:3], sentences=2))
    second.add(CodedBatch([], ROWS[3:], sentences=3))
    first.merge(second)
    assert (first.documents, first.sentences, first.statuses, first.rejections, first.files) == (
        whole.documents, whole.sentences, whole.statuses, whole.rejections, 2)


def test_status_rows_as_parquet_have_the_json_rows_columns(tmp_path):
    pq.write_table(status_table(ROWS), tmp_path / "part.parquet")
    rows = pq.read_table(tmp_path / "part.parquet").to_pylist()
    assert STATUS_SCHEMA.names == list(json.loads(json.dumps(rows[0])))
    assert rows[0]["source"] == "in.jsonl" and rows[3]["code"] == "empty_text"


def test_unknown_status_is_refused(tmp_path):
    with StatusLog(tmp_path / "s.jsonl") as log, pytest.raises(ValueError, match="unknown status"):
        log.record([DocumentStatus("a", 1, "done")])


def test_completed_ignores_a_truncated_last_row(tmp_path):
    path = tmp_path / "s.jsonl"
    with StatusLog(path) as log:
        log.record([DocumentStatus("a", 1, "coded", events=1), DocumentStatus(None, 2, "rejected", code="x")])
    with path.open("a") as handle:
        handle.write('{"id": "c", "line": 3, "sta')
    ids, lines = StatusLog.completed(path)
    assert ids == {"a"}
    assert lines == {(None, 1), (None, 2)}


def test_completed_of_a_missing_file_is_empty(tmp_path):
    assert StatusLog.completed(tmp_path / "none.jsonl") == (set(), set())


def test_append_after_a_crash_does_not_glue_rows(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a", "line": 1, "status": "coded"}\n{"id": "b", "li')
    with StatusLog(path, append=True) as log:
        log.record([DocumentStatus("b", 2, "coded", events=2, source="in.jsonl")])
    ids, lines = StatusLog.completed(path)
    assert ids == {"a", "b"}
    assert lines == {(None, 1), ("in.jsonl", 2)}  # a row of an older version has no source
    assert len(path.read_text().splitlines()) == 2


def test_truncate_partial_tail(tmp_path):
    path = tmp_path / "e.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c":')
    assert truncate_partial_tail(path) == 5
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert truncate_partial_tail(path) == 0
    path.write_bytes(b"x" * 200_000)  # no newline at all: nothing complete survives
    assert truncate_partial_tail(path) == 200_000
    assert path.read_bytes() == b""
